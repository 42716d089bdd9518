"""Roles: who holds which office, for which body or country, as the article states it.

Reads the linked ``doc._.entities``; writes ``doc._.roles`` (one ``Role`` per person, with its evidence
span). A role is read from a title phrase ("Russian Ambassador to India", "a spokeswoman for Dassault
Aviation", "the head of the FSMTC") attached to a person named right after it, after a comma, or
before it in apposition; a military rank before a name is the role when no office is given. The
vocabulary is data: the catalogue's offices plus ``data/roles_titles.yaml`` and ``data/roles_ranks.yaml``.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span as SpacySpan

from defgraph.catalogue import Country, Office, load_catalogue
from defgraph.extraction.mentions import add_mention, mentions_in
from defgraph.model import Entity, Mention, Role, Span

DATA = Path(__file__).parent / "data"
BODY_TYPES = ("Organization", "Country")
DETERMINERS = {"a", "an", "the", "his", "her", "its", "their"}
COMPLEMENT_KEEP = {"to", "in"}  # "Ambassador to India": part of the title
COMPLEMENT_ORG = {"of", "for", "at", "with"}  # "a spokeswoman for Dassault": the body
APPOSITION_END = {",", ".", ";", ")", "who", "said", "told", "says", "added"}
TIER = {"weak": 0, "rank": 1}  # every other kind of title is an office: tier 2


@dataclass(frozen=True, slots=True)
class Title:
    """One entry of the title vocabulary."""

    text: str
    kind: str  # body, national, service, weak, counterpart, rank
    group: str
    service: str | None = None
    canonical: str | None = None  # the title an acronym stands for ("PM" -> "Prime Minister")

    @property
    def is_acronym(self) -> bool:
        return self.text.isupper()


@dataclass(frozen=True, slots=True)
class Vocabulary:
    titles: tuple[Title, ...]
    ranks: tuple[Title, ...]
    capitals: dict[str, str]  # capital city -> country id
    agency_countries: dict[str, str]  # news agency name or alias (lower case) -> country id
    org_countries: dict[str, str]  # catalogue organisation id -> country id
    modifiers: frozenset[str]
    former: frozenset[str]
    body_nouns: frozenset[str]
    verbs: dict[str, str]
    services: dict[str, tuple[str, ...]]
    nationalities: dict[str, str]
    surnames: dict[str, str]


def _office_titles(offices: tuple[Office, ...], kinds: dict[str, str], groups: dict[str, str],
                   taken: set[str]) -> list[Title]:
    """The catalogue's offices (titles and aliases) as title vocabulary, skipping forms already known."""
    titles = []
    for office in offices:
        for text in (office.title, *office.aliases):
            if text.lower() not in taken:
                taken.add(text.lower())
                canonical = office.title if text.isupper() else None
                titles.append(Title(text, kinds[office.kind], groups.get(office.kind, office.id),
                                    canonical=canonical))
    return titles


def _unique_surnames(nationalities: dict[str, str]) -> dict[str, str]:
    """Surname -> country for the surnames that point to one country only ("biden", not "singh" twice over)."""
    countries: dict[str, set[str]] = {}
    for name, country in nationalities.items():
        countries.setdefault(name.split()[-1], set()).add(country)
    return {surname: found.pop() for surname, found in countries.items() if len(found) == 1}


def _capitals(countries: tuple[Country, ...]) -> dict[str, str]:
    return {capital.lower(): country.id for country in countries for capital in country.capitals}


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    """The title, rank and nationality vocabulary, read once per process."""
    titles = yaml.safe_load((DATA / "roles_titles.yaml").read_text(encoding="utf-8"))
    ranks = yaml.safe_load((DATA / "roles_ranks.yaml").read_text(encoding="utf-8"))
    people = yaml.safe_load((DATA / "roles_nationalities.yaml").read_text(encoding="utf-8"))
    catalogue = load_catalogue()
    nationalities = {_name_key(name): country
                     for country, names in people["nationalities"].items() for name in names}
    generic = [Title(t["title"], t["kind"], t["group"]) for t in titles["titles"]]
    rank_titles = [Title(rank, "rank", "rank", service)
                   for service, names in ranks["ranks"].items() for rank in names]
    taken = {t.text.lower() for t in generic + rank_titles}
    offices = _office_titles(catalogue.offices, titles["office_kinds"], titles["office_groups"], taken)
    return Vocabulary(
        titles=tuple(generic + offices),
        ranks=tuple(rank_titles),
        capitals=_capitals(catalogue.countries),
        agency_countries={name.lower(): agency.country for agency in catalogue.agencies if agency.country
                          for name in (agency.name, *agency.aliases)},
        org_countries={org.id: org.country for org in catalogue.organisations if org.country},
        modifiers=frozenset(titles["modifiers"]),
        former=frozenset(titles["former"]),
        body_nouns=frozenset(titles["body_nouns"]),
        verbs=dict(titles["verbs"]),
        services={service: tuple(words) for service, words in ranks["services"].items()},
        nationalities=nationalities,
        surnames=_unique_surnames(nationalities),
    )


def _name_key(name: str) -> str:
    name = name.lower().replace("’", "'").removesuffix("'s")
    return " ".join(name.replace(".", " ").split())


def plural(text: str) -> str:
    """The plural of a title ("defence minister" -> "defence ministers")."""
    if text.endswith("y") and not text.endswith(("ay", "ey", "oy")):
        return text[:-1] + "ies"
    return text if text.endswith("s") else text + "s"


def singular(text: str) -> str:
    """The singular of a plural title ("foreign ministers" -> "foreign minister")."""
    if text.endswith("ies"):
        return text[:-3] + "y"
    return text[:-1] if text.endswith("s") and not text.endswith("ss") else text


# ---------------------------------------------------------------------------------------------
# Mentions as token spans


@dataclass(frozen=True, slots=True)
class Named:
    """An entity mention as a token span."""

    entity: Entity
    start: int
    end: int


def index_mentions(doc: Doc) -> list[Named | None]:
    """For each token, the entity mention covering it (the longest one), or None."""
    cover: list[Named | None] = [None] * len(doc)
    for mention, entity in mentions_in(doc, 0, len(doc.text)):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or mention.kind == "office":
            continue
        named = Named(entity, span.start, span.end)
        for i in range(span.start, span.end):
            if cover[i] is None or cover[i].end - cover[i].start < len(span):
                cover[i] = named
    return cover


# ---------------------------------------------------------------------------------------------
# Title phrases

Ranks = dict[int, tuple[int, Title]]  # start token -> (end token, rank)



@dataclass(slots=True)
class Phrase:
    """A title with the words around it that qualify it ("a senior Indian defence ministry official")."""

    title: Title
    start: int
    end: int
    words: list[int]  # token indices of the title as stated
    plural: bool
    body: str | None = None  # organisation (or country) the office belongs to
    country: str | None = None  # a country named with the title ("Russian", "Russia's")
    det: str | None = None
    former: bool = False
    leftover: list[int] = field(default_factory=list)  # nouns no entity covers ("embassy")

    @property
    def org(self) -> str | None:
        return self.body or self.country


def _note_body(phrase: Phrase, entity: Entity) -> None:
    if entity.type == "Country":
        phrase.country = phrase.country or entity.id
    else:
        phrase.body = phrase.body or entity.id


def _extend_left(doc: Doc, phrase: Phrase, cover: list[Named | None], title_ends: dict[int, int],
                 vocab: Vocabulary) -> None:
    i, floor = phrase.start - 1, doc[phrase.start].sent.start
    while i >= floor:
        token, named = doc[i], cover[i]
        lower = token.lower_
        if named is not None:
            if named.entity.type not in BODY_TYPES:
                return
            _note_body(phrase, named.entity)
            i = named.start
        elif lower in ("'s", "’s", "'") and i > floor and cover[i - 1] is not None:
            pass
        elif lower in vocab.former:
            phrase.former = True
        elif lower in vocab.modifiers:
            phrase.words.insert(0, i)
        elif lower == "and" and i in title_ends and not phrase.plural and phrase.title.kind == "body":
            first = title_ends[i]
            phrase.words[:0] = range(first, i + 1)
            i = first
        elif lower in DETERMINERS:
            phrase.det, phrase.start = lower, i
            return
        elif token.like_num:
            pass
        elif token.pos_ in ("NOUN", "PROPN", "ADJ") and token.is_alpha:
            phrase.leftover.insert(0, i)
        else:
            return
        phrase.start = i
        i -= 1


def _mention_after(doc: Doc, k: int, cover: list[Named | None]) -> Named | None:
    """The mention starting at token ``k``, or after a "the" there."""
    for at in (k, k + 1):
        if at < len(doc) and cover[at] is not None and cover[at].start == at:
            return cover[at]
        if at >= len(doc) or doc[at].lower_ != "the":
            return None
    return None


def _extend_right(doc: Doc, phrase: Phrase, cover: list[Named | None], stops: set[int]) -> None:
    j = phrase.end
    if j >= len(doc):
        return
    lower = doc[j].lower_
    named = _mention_after(doc, j + 1, cover)
    if named is None and lower == "of":  # "Secretary of State", "Chief of the Air Staff"
        k = j + 1 + (j + 1 < len(doc) and doc[j + 1].lower_ == "the")
        first = k
        while k < len(doc) and k not in stops and doc[k].is_title and cover[k] is None \
                and doc[k].pos_ in ("PROPN", "NOUN"):
            k += 1
        if k > first:
            phrase.words.extend(range(j, k))
            phrase.end = k
        return
    if named is None or named.entity.type == "Person":
        return
    if lower in COMPLEMENT_KEEP:
        phrase.words.extend(range(j, named.end))
        phrase.end = named.end
    elif lower in COMPLEMENT_ORG:
        if named.entity.type == "Country" and named.end + 1 < len(doc) and doc[named.end].lower_ in ("'s", "’s"):
            owner = _mention_after(doc, named.end + 1, cover)
            named = owner if owner is not None and owner.entity.type != "Person" else named
        _note_body(phrase, named.entity)
        phrase.end = named.end
        if phrase.end + 2 < len(doc) and doc[phrase.end].text == "(" and doc[phrase.end + 2].text == ")":
            phrase.end += 3  # "(FSMTC)"


def title_phrases(doc: Doc, matches: list[tuple[SpacySpan, Title, bool]], cover: list[Named | None],
                  vocab: Vocabulary, ranks: Ranks) -> list[Phrase]:
    """Every title in the document with the words that qualify it."""
    title_ends = {span.end: span.start for span, title, is_plural in matches
                  if not is_plural and title.kind == "body"}  # "chairman and chief executive"
    phrases = []
    for span, title, is_plural in matches:
        inside = [cover[i] for i in range(span.start, span.end) if cover[i] is not None]
        if any(named.entity.type not in BODY_TYPES for named in inside):
            continue
        phrase = Phrase(title, span.start, span.end, list(range(span.start, span.end)), is_plural)
        for named in inside:  # "Defence Ministry spokesperson", "US Secretary of State"
            _note_body(phrase, named.entity)
            phrase.words = [i for i in phrase.words if not named.start <= i < named.end]
        _extend_left(doc, phrase, cover, title_ends, vocab)
        _extend_right(doc, phrase, cover, set(ranks))
        phrases.append(phrase)
    return phrases


# ---------------------------------------------------------------------------------------------
# Attaching phrases to people


@dataclass(slots=True)
class Candidate:
    """A role read from one phrase for one person, before its body is settled."""

    person: Named
    phrase: Phrase
    title: Title
    words: list[int]  # token indices of the title as stated
    start: int  # token span of the evidence
    end: int
    org: str | None = None
    stated: str | None = None  # the title taken over from a counterpart

    @property
    def tier(self) -> int:
        return TIER.get(self.title.kind, 2)


def _person_at(doc: Doc, k: int, cover: list[Named | None], ranks: Ranks) -> tuple[Named, int | None] | None:
    """The person named at token ``k``, after a rank if one stands there (returned by its start)."""
    rank_start = k if k in ranks else None
    if rank_start is not None:
        k = ranks[k][0]
    named = cover[k] if k < len(doc) else None
    if named is None or named.start not in (k, rank_start) or named.entity.type != "Person":
        return None
    return named, rank_start


def _people_after(doc: Doc, phrase: Phrase, cover: list[Named | None], ranks: Ranks):
    """People the phrase stands before: "Defence Minister X", "a spokeswoman, X", "ministers X and Y"."""
    k = phrase.end
    if k < len(doc) and doc[k].text == "," and phrase.det is not None:
        k += 1
    found = _person_at(doc, k, cover, ranks)
    people = [found] if found else []
    while people and phrase.plural:
        k = people[-1][0].end
        k += 1 if k < len(doc) and doc[k].text == "," else 0
        k += 1 if k < len(doc) and doc[k].lower_ == "and" else 0
        found = _person_at(doc, k, cover, ranks)
        if found is None:
            break
        people.append(found)
    return people


def _person_before(doc: Doc, phrase: Phrase, cover: list[Named | None]) -> Named | None:
    """The person a phrase is in apposition to: "X, Russia's ambassador to India, said"."""
    i, end = phrase.start, phrase.end
    if phrase.plural or i < 2 or doc[i - 1].text != ",":
        return None
    named = cover[i - 2]
    closes = end >= len(doc) or doc[end].lower_ in APPOSITION_END or doc[end].is_sent_start
    if named is None or named.entity.type != "Person" or named.end != i - 1 or not closes:
        return None
    return named


def attach(doc: Doc, phrases: list[Phrase], cover: list[Named | None], ranks: Ranks) -> list[Candidate]:
    """Role candidates: each phrase attached to the people it names, and each rank before a name."""
    candidates: list[Candidate] = []
    for phrase in phrases:
        people = _people_after(doc, phrase, cover, ranks)
        if not people:
            before = _person_before(doc, phrase, cover)
            people = [(before, None)] if before else []
        for named, rank_start in people:
            start, end = min(phrase.start, named.start), max(phrase.end, named.end)
            words = phrase.words + phrase.leftover
            candidate = Candidate(named, phrase, phrase.title, words, start, end, stated=phrase.title.canonical)
            if phrase.title.kind == "counterpart":
                candidate.stated = _counterpart_title(doc, candidates, candidate)
            if not phrase.former:
                candidates.append(candidate)
            if rank_start is not None and not phrase.former:
                rank_end, rank = ranks[rank_start]
                candidates.append(Candidate(named, phrase, rank, list(range(rank_start, rank_end)), start, end))
    for rank_start, (rank_end, rank) in ranks.items():
        found = _person_at(doc, rank_start, cover, ranks)
        if found is not None:
            named = found[0]
            alone = Phrase(rank, rank_start, rank_end, list(range(rank_start, rank_end)), False)
            candidates.append(Candidate(named, alone, rank, alone.words, rank_start, named.end))
    return candidates


def _counterpart_title(doc: Doc, candidates: list[Candidate], candidate: Candidate) -> str | None:
    """"X met his Russian counterpart Y": Y holds X's office."""
    sent_start = doc[candidate.start].sent.start
    for other in reversed(candidates):
        if other.start < sent_start:
            break
        if other.person.entity.id != candidate.person.entity.id and other.title.kind != "counterpart":
            return _title_text(doc, other.words, other.phrase.plural)
    return None


def _title_text(doc: Doc, indices: list[int], is_plural: bool) -> str:
    order = sorted(set(indices))
    text = "".join(doc[i].text + (doc[i].whitespace_ if i + 1 in order else " ") for i in order).strip()
    return singular(text) if is_plural else text


def _heads(doc: Doc, cover: list[Named | None], vocab: Vocabulary) -> list[Candidate]:
    """"X, who heads Y": the verb names the office."""
    candidates = []
    for token in doc:
        title = vocab.verbs.get(token.lower_)
        i = token.i
        if title is None or i < 3 or doc[i - 1].lower_ != "who" or doc[i - 2].text != ",":
            continue
        person, body = cover[i - 3], _mention_after(doc, i + 1, cover)
        if person is None or person.entity.type != "Person" or body is None or body.entity.type not in BODY_TYPES:
            continue
        phrase = Phrase(Title(title, "body", title), i, body.end, [i], False)
        _note_body(phrase, body.entity)
        candidates.append(Candidate(person, phrase, phrase.title, [], person.start, body.end, stated=title))
    return candidates


# ---------------------------------------------------------------------------------------------
# The body an office belongs to


@dataclass(slots=True)
class Context:
    """What org resolution needs to know about the document."""

    doc: Doc
    cover: list[Named | None]
    vocab: Vocabulary
    phrases: list[Phrase]
    candidates: list[Candidate]
    home: str | None
    stated: dict[str, str]  # person id -> country the text gives them


def home_country(doc: Doc, vocab: Vocabulary) -> str | None:
    """The country an article is written from: its dateline's, its agency's, else the one it names most."""
    capitals = vocab.capitals
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for entity in doc._.entities or []:
        for mention in entity.mentions:
            at_line_start = mention.start == 0 or doc.text[mention.start - 1] == "\n"
            if at_line_start and mention.text.isupper() and len(mention.text) >= 4:
                dateline = entity.id if entity.type == "Country" else capitals.get(mention.text.lower())
                if dateline:
                    return dateline
            if entity.type != "Country":
                continue
            counts[entity.id] += 1
            first[entity.id] = min(first.get(entity.id, mention.start), mention.start)
    article = doc._.article
    for agency in article.agencies if article else ():
        if vocab.agency_countries.get(agency.lower()):
            return vocab.agency_countries[agency.lower()]
    return min(counts, key=lambda c: (-counts[c], first[c])) if counts else None


def _organisation_named_by(ctx: Context, word: str) -> str | None:
    """The one organisation whose name ends in ``word`` ("embassy" -> the Russian embassy)."""
    found = {e.id for e in ctx.doc._.entities or [] if e.type == "Organization"
             and any(m.text.lower().split()[-1:] == [word] for m in e.mentions)}
    return found.pop() if len(found) == 1 else None


def _service_of(candidate: Candidate, ctx: Context) -> str | None:
    if candidate.title.service:
        return candidate.title.service
    text = _title_text(ctx.doc, candidate.words, False).lower()
    return next((s for s, words in ctx.vocab.services.items() if any(w in text for w in words)), None)


def _service_body(ctx: Context, service: str, candidate: Candidate) -> str | None:
    """The armed service of the person's country the article names (most), else that country itself."""
    words = ctx.vocab.services[service]
    counts = Counter(e.id for e in ctx.doc._.entities or [] if e.type == "Organization"
                     for m in e.mentions if any(w in m.text.lower() for w in words))
    country = _person_country(ctx, candidate)
    own = Counter({body: n for body, n in counts.items() if ctx.vocab.org_countries.get(body) == country})
    unknown = Counter({body: n for body, n in counts.items() if body not in ctx.vocab.org_countries})
    found = own or unknown or (counts if country is None else own)
    return found.most_common(1)[0][0] if found else country


def _owner_before(ctx: Context, i: int) -> str | None:
    """"the SSB, its president X": the nearest organisation named before."""
    floor = ctx.doc[i].sent.start - 40
    for k in range(i - 1, max(floor, 0) - 1, -1):
        named = ctx.cover[k]
        if named is not None and named.entity.type == "Organization":
            return named.entity.id
    return None


def _earlier_body(ctx: Context, candidate: Candidate) -> str | None:
    """"An Indian defence ministry official ... said the official, Ajay": the earlier phrase's body."""
    if candidate.phrase.det != "the":
        return None
    for phrase in reversed(ctx.phrases):
        if phrase.start < candidate.phrase.start and phrase.title.group == candidate.title.group \
                and phrase.det in ("a", "an") and phrase.org:
            return phrase.org
    return None


def _person_country(ctx: Context, candidate: Candidate) -> str | None:
    """The country of a person whose national office the phrase leaves unqualified."""
    person = candidate.person.entity
    if person.id in ctx.stated:
        return ctx.stated[person.id]
    i = candidate.phrase.start
    for other in ctx.candidates:  # "US Defense Secretary X and Secretary of State Y"
        if other.person.end == i - 1 and ctx.doc[i - 1].lower_ in (",", "and") and other.phrase.country:
            return other.phrase.country
    return nationality(ctx.vocab, person) or ctx.home


def nationality(vocab: Vocabulary, person: Entity) -> str | None:
    """The country of a well-known person, by full name or, for a bare surname, by a surname only one has."""
    for name in [person.name, *person.aliases]:
        key = _name_key(name)
        country = vocab.nationalities.get(key) or (vocab.surnames.get(key) if " " not in key else None)
        if country:
            return country
    return None


def stated_countries(doc: Doc, cover: list[Named | None], candidates: list[Candidate]) -> dict[str, str]:
    """Countries the text gives people: "Russian Ambassador X", "Japan's X", "X of Japan"."""
    stated = {c.person.entity.id: c.phrase.country for c in reversed(candidates) if c.phrase.country}
    for i, named in enumerate(cover):
        if named is None or named.start != i or named.entity.type != "Person" or named.entity.id in stated:
            continue
        owner = cover[i - 2] if i >= 2 and doc[i - 1].lower_ in ("'s", "’s") else None
        after = _mention_after(doc, named.end + 1, cover) if named.end < len(doc) and doc[named.end].lower_ == "of" else None
        for found in (owner, after):
            if found is not None and found.entity.type == "Country":
                stated[named.entity.id] = found.entity.id
    return stated


def resolve_org(candidate: Candidate, ctx: Context) -> str | None:
    """The body or country the candidate's office belongs to, as the text makes it clear."""
    phrase = candidate.phrase
    service = _service_of(candidate, ctx)
    if phrase.org:
        return phrase.org
    for i in (i for i in phrase.leftover if ctx.doc[i].lower_ in ctx.vocab.body_nouns):
        body = _organisation_named_by(ctx, ctx.doc[i].lower_)
        if body:
            candidate.words = [w for w in candidate.words if w != i]
            return body
    if phrase.det == "its":
        return _owner_before(ctx, phrase.start)
    if service:
        return _service_body(ctx, service, candidate)
    if candidate.title.kind in ("national", "counterpart", "service"):
        return _person_country(ctx, candidate)
    return _earlier_body(ctx, candidate)


# ---------------------------------------------------------------------------------------------
# The component


def choose(candidates: list[Candidate], ctx: Context) -> list[Candidate]:
    """One role per person: an office over a rank over a bare description, one with a body first."""
    best: dict[str, Candidate] = {}
    for candidate in candidates:
        candidate.org = resolve_org(candidate, ctx)
        key = (candidate.org is not None, candidate.tier)
        current = best.get(candidate.person.entity.id)
        if current is None or key > (current.org is not None, current.tier):
            best[candidate.person.entity.id] = candidate
    return [c for c in best.values() if c.org and (c.stated or c.title.kind != "counterpart")]


def to_role(doc: Doc, candidate: Candidate) -> Role:
    title = candidate.stated or _title_text(doc, candidate.words, candidate.phrase.plural)
    evidence = doc[candidate.start:candidate.end]
    return Role(person=candidate.person.entity.id, title=title, org=candidate.org,
                evidence=Span(evidence.start_char, evidence.end_char, evidence.text))


def _holds(candidate: Candidate, phrase: Phrase, title: str) -> bool:
    head = phrase.title.text.lower()
    same_office = candidate.title.group == phrase.title.group or head in title.lower().split()
    return same_office and phrase.org in (None, candidate.org)


def office_mentions(doc: Doc, phrases: list[Phrase], chosen: list[Candidate]) -> list[tuple[str, Mention]]:
    """"the envoy", "the minister": a mention of the one person who holds a matching office."""
    attached = {id(c.phrase) for c in chosen}
    found = []
    for phrase in phrases:
        if phrase.det != "the" or phrase.plural or phrase.former or id(phrase) in attached:
            continue
        holders = {c.person.entity.id: c for c in chosen if _holds(c, phrase, to_role(doc, c).title)}
        if len(holders) != 1:
            continue
        (person, holder), = holders.items()
        if holder.person.start < phrase.start and holder.end <= phrase.start:
            span = doc[phrase.start:phrase.end]
            found.append((person, Mention(span.start_char, span.end_char, span.text, kind="office")))
    return found


class RoleReader:
    """Finds titles and ranks with phrase matchers compiled once, and reads roles from a doc."""

    def __init__(self, nlp: Language) -> None:
        self.vocab = load_vocabulary()
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")  # ranks and acronyms ("PM", "CDS")
        self.entries: dict[int, tuple[Title, bool]] = {}
        for title in self.vocab.titles:
            if title.is_acronym:
                self._add(nlp, self.exact, title, False)
                continue
            self._add(nlp, self.titles, title, False)
            if plural(title.text) != title.text:
                self._add(nlp, self.titles, Title(plural(title.text), title.kind, title.group), True)
        for rank in self.vocab.ranks:
            self._add(nlp, self.exact, rank, False)

    def _add(self, nlp: Language, matcher: PhraseMatcher, title: Title, is_plural: bool) -> None:
        key = nlp.vocab.strings.add(f"{title.kind}:{title.text}")
        matcher.add(f"{title.kind}:{title.text}", [nlp.make_doc(title.text)])
        self.entries[key] = (title if not is_plural else Title(singular(title.text), title.kind, title.group),
                             is_plural)

    def matches(self, doc: Doc) -> list[SpacySpan]:
        """Titles and ranks, longest first and a rank before a title of the same words."""
        found = [(e - s, self.entries[key][0].kind == "rank", -s, key, s, e)
                 for key, s, e in [*self.titles(doc), *self.exact(doc)]]
        taken: set[int] = set()
        spans = []
        for *_, key, s, e in sorted(found, reverse=True):
            if not taken & set(range(s, e)) and doc[e - 1].pos_ not in ("VERB", "AUX"):
                taken.update(range(s, e))
                spans.append(SpacySpan(doc, s, e, label=key))
        return sorted(spans)

    def __call__(self, doc: Doc) -> Doc:
        chosen, phrases = self.read(doc)
        doc._.roles = [to_role(doc, c) for c in chosen]
        for person, mention in office_mentions(doc, phrases, chosen):
            add_mention(doc, person, mention)
        return doc

    def read(self, doc: Doc) -> tuple[list[Candidate], list[Phrase]]:
        """The chosen role candidate of every person the document gives an office or rank, and every title phrase."""
        cover = index_mentions(doc)
        titles, ranks = [], {}
        for span in self.matches(doc):
            title, is_plural = self.entries[span.label]
            if title.kind == "rank":
                ranks[span.start] = (span.end, title)
            else:
                titles.append((span, title, is_plural))
        phrases = title_phrases(doc, titles, cover, self.vocab, ranks)
        candidates = attach(doc, phrases, cover, ranks) + _heads(doc, cover, self.vocab)
        ctx = Context(doc, cover, self.vocab, phrases, candidates, home_country(doc, self.vocab),
                      stated_countries(doc, cover, candidates))
        return choose(candidates, ctx), phrases


@Language.factory("defgraph_roles", requires=["doc._.entities"], assigns=["doc._.roles"])
def make_roles(nlp: Language, name: str) -> RoleReader:
    return RoleReader(nlp)
