"""The body or country an office belongs to, as the article makes it clear.

Reads role ``Candidate``s with the document's mentions; writes each candidate's ``org``: the body named
in the phrase, a bare body noun ("embassy"), "its" owner, the armed service of a rank, the body a bare title
belongs to that the article names most ("Secretary General X" in a text about NATO), or for a
national office the person's country: stated in the text, well known, else the article's home country
(its dateline's or outlet's), the country of the one ministry of the office's portfolio it names, or the
country it names most, unless the sentence gives that country to someone else.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from defgraph.extraction.doctext import doc_text
from defgraph.extraction.mentions import entity_by_id
from defgraph.extraction.roles_candidates import Candidate
from defgraph.extraction.roles_phrases import Named, Phrase, mention_after, title_text
from defgraph.extraction.roles_vocabulary import Vocabulary, name_key
from defgraph.model import Entity

VISITS = {"visit", "trip", "tour"}  # lemmas
ENVOY = "envoy"  # the title group of diplomats (ambassadors, envoys, special representatives)


@dataclass(slots=True)
class Context:
    """What org resolution needs to know about the document."""

    doc: Doc
    cover: list[Named | None]
    vocab: Vocabulary
    phrases: list[Phrase]
    candidates: list[Candidate]
    home: str | None  # the country the article is written from: its dateline's, or its outlet's
    named: list[str]  # the countries the article names, most named first
    stated: dict[str, str]  # person id -> country the text gives them
    visited: dict[str, set[str]]  # person id -> countries the text has them visit
    mentions: list[tuple[int, str]]  # (character offset, country id) of every country mention, in order
    holders: dict[tuple[str, str], set[str]]  # (office group, country) -> people the text gives it to


_DATELINE = re.compile(r"^([A-Z][A-Z.'’ ]*[A-Z])\.?(?=,| +[-–—(]| *\()", re.MULTILINE)
DATELINE_LINES = 4  # a dateline opens the body: after a title and a header line at most


def _dateline_country(text: str, vocab: Vocabulary) -> str | None:
    """The country of a dateline in capitals ("LIMA, May 9 (AFP) -", "OSLO -"), read off the text."""
    for line in text.lstrip().split("\n")[:DATELINE_LINES * 2]:
        match = _DATELINE.match(line)
        if match:
            place = match.group(1).lower()
            return vocab.capitals.get(place) or vocab.country_words.get(place)
    return None


def home_countries(doc: Doc, vocab: Vocabulary) -> tuple[str | None, list[str]]:
    """The country an article is written from: its dateline's, else its outlet's or agency's if it names
    that country; and the countries it names, most named first."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    home = None
    text = doc_text(doc)
    for entity in doc._.entities or []:
        for mention in entity.mentions:
            at_line_start = mention.start == 0 or text[mention.start - 1] == "\n"
            if home is None and at_line_start and mention.text.isupper() and len(mention.text) >= 4:
                home = entity.id if entity.type == "Country" else vocab.capitals.get(mention.text.lower())
            if entity.type == "Country":
                counts[entity.id] += 1
                first.setdefault(entity.id, mention.start)
    home = home or _dateline_country(text, vocab)
    article = doc._.article
    for source in [article.outlet, *article.agencies] if article and home is None else []:
        country = source and _source_country(source, vocab)
        if country in counts:  # a world agency (Reuters in London) says nothing of an Indian story
            home = home or country
    return home, sorted(counts, key=lambda c: (-counts[c], first[c]))


def _source_country(source: str, vocab: Vocabulary) -> str | None:
    """The country of a news outlet or agency: catalogued ("PTI"), or named in it ("President of Russia")."""
    if source.lower() in vocab.body_countries:
        return vocab.body_countries[source.lower()]
    words = re.findall(r"[\w-]+", source.lower())
    return next((vocab.country_words[w] for w in words if w in vocab.country_words), None)


def _organisation_named_by(ctx: Context, word: str) -> str | None:
    """The one organisation whose name ends in ``word`` ("embassy" -> the Russian embassy)."""
    found = {e.id for e in ctx.doc._.entities or [] if e.type == "Organization"
             and any(m.text.lower().split()[-1:] == [word] for m in e.mentions)}
    return found.pop() if len(found) == 1 else None


def _service_of(candidate: Candidate, ctx: Context) -> str | None:
    """The armed service a rank or a title ("Chief of the Air Staff") belongs to."""
    if candidate.title.service:
        return candidate.title.service
    text = title_text(ctx.doc, candidate.words, False).lower()
    return next((s for s, words in ctx.vocab.services.items() if any(w in text for w in words)), None)


def _service_body(ctx: Context, service: str, candidate: Candidate) -> str | None:
    """The armed service of the person's country the article names (most), else that country itself."""
    words = ctx.vocab.services[service]
    counts = Counter(e.id for e in ctx.doc._.entities or [] if e.type == "Organization"
                     for m in e.mentions if any(w in m.text.lower() for w in words))
    country = _person_country(ctx, candidate)
    own = Counter({body: n for body, n in counts.items() if _body_country(ctx, body) == country})
    unknown = Counter({body: n for body, n in counts.items() if _body_country(ctx, body) is None})
    found = own or unknown or (counts if country is None else own)
    return found.most_common(1)[0][0] if found else country


def _body_country(ctx: Context, body: str) -> str | None:
    """The country of an organisation: catalogued, or named in its name or id ("Iranian navy")."""
    if body in ctx.vocab.org_countries:
        return ctx.vocab.org_countries[body]
    entity = entity_by_id(ctx.doc, body)
    words = [*(entity.name.lower().split() if entity else []), *body.split(":")[-1].split("-")]
    return next((ctx.vocab.country_words[w] for w in words if w in ctx.vocab.country_words), None)


def _owner_before(ctx: Context, i: int) -> str | None:
    """"the SSB, its president X": the nearest organisation named before."""
    floor = ctx.doc[i].sent.start - 40
    for k in range(i - 1, max(floor, 0) - 1, -1):
        named = ctx.cover[k]
        if named is not None and named.entity.type == "Organization":
            return named.entity.id
    return None


def _earlier_body(ctx: Context, candidate: Candidate) -> str | None:
    """"A Swedish navy official ... said the official, Marta": the earlier phrase's body."""
    if candidate.phrase.det != "the":
        return None
    for phrase in reversed(ctx.phrases):
        if phrase.start < candidate.phrase.start and phrase.title.group == candidate.title.group \
                and phrase.det in ("a", "an") and phrase.org:
            return phrase.org
    return None


def _body_named_most(ctx: Context, candidate: Candidate) -> str | None:
    """"Secretary General Stoltenberg" in a text about NATO: of the bodies a capitalised title belongs to when
    named bare (an alliance, the United Nations), the one the article names most, if one is named more than the
    others (not "opposition leader X" in a text that names Congress)."""
    bodies = ctx.vocab.bare_title_bodies.get(candidate.title.text.lower(), frozenset())
    if not all(ctx.doc[i].is_title for i in candidate.words if ctx.doc[i].is_alpha):
        return None
    counts = sorted(((len(e.mentions), e.id) for e in ctx.doc._.entities or [] if e.id in bodies), reverse=True)
    return counts[0][1] if counts and (len(counts) == 1 or counts[0][0] > counts[1][0]) else None


def _person_country(ctx: Context, candidate: Candidate) -> str | None:
    """The country of a person whose national office the phrase leaves unqualified."""
    person = candidate.person.entity
    if person.id in ctx.stated:
        return ctx.stated[person.id]
    i = candidate.phrase.start
    for other in ctx.candidates:  # "US Defense Secretary X and Secretary of State Y"
        if other.person.end == i - 1 and ctx.doc[i - 1].lower_ in (",", "and") and other.phrase.country:
            return other.phrase.country
    sentence = ctx.doc[candidate.start].sent.start
    line = _line(ctx, candidate.start)
    foreign = {other.phrase.country for other in ctx.candidates  # "French Minister X and Minister Y"
               if other.person.entity.id != person.id and ctx.doc[other.start].sent.start == sentence
               and _line(ctx, other.start) == line}  # a sentence the parser runs across lines is two
    foreign |= ctx.visited.get(person.id, set())
    known = nationality(ctx.vocab, person)
    if known:
        return known
    group = candidate.title.group
    title = f" {candidate.title.text.lower()} "
    if ctx.home and (any(f" {word} " in title for word in ctx.vocab.absent_titles.get(ctx.home, ()))
                     or group in ctx.vocab.one_holder and ctx.holders.get((group, ctx.home), set()) - {person.id}):
        foreign.add(ctx.home)  # "President Morales" where President Putin is the home country's
    # the holder is of another country than the article's own: the paragraph says which, not the article at large
    nearby = _paragraph_countries(ctx, candidate) if ctx.home is not None and ctx.home in foreign else []
    likely = [ctx.home, _ministry_country(ctx, candidate), *nearby, *ctx.named]
    return next((c for c in likely if c is not None and c not in foreign), None)


def _line(ctx: Context, i: int) -> tuple[int, int]:
    """The character bounds of the line (paragraph) that holds token ``i``."""
    text = doc_text(ctx.doc)
    at = ctx.doc[i].idx
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end


def _paragraph_countries(ctx: Context, candidate: Candidate) -> list[str]:
    """The countries named in the candidate's paragraph (line), the nearest to its evidence first."""
    at = ctx.doc[candidate.start].idx
    start, end = _line(ctx, candidate.start)
    found = ctx.mentions[bisect_left(ctx.mentions, start, key=_offset):bisect_right(ctx.mentions, end, key=_offset)]
    return [country for _, country in sorted(found, key=lambda m: abs(m[0] - at))]


def _offset(mention: tuple[int, str]) -> int:
    return mention[0]


def country_mentions(doc: Doc) -> list[tuple[int, str]]:
    """Every country mention as (character offset, country id), in text order."""
    return sorted((m.start, e.id) for e in doc._.entities or [] if e.type == "Country" for m in e.mentions)


def declared_holders(vocab: Vocabulary, candidates: list[Candidate],
                     stated: dict[str, str]) -> dict[tuple[str, str], set[str]]:
    """(office group, country) -> the people the text plainly gives that office of that country: with the
    country in the phrase, stated elsewhere, or well known."""
    holders: dict[tuple[str, str], set[str]] = {}
    for candidate in candidates:
        person = candidate.person.entity
        country = candidate.phrase.country or stated.get(person.id) or nationality(vocab, person)
        if country and candidate.title.group in vocab.one_holder:
            holders.setdefault((candidate.title.group, country), set()).add(person.id)
    return holders


def _ministry_country(ctx: Context, candidate: Candidate) -> str | None:
    """The one country whose ministry of the office's portfolio the article names: "Minister of National
    Defence" in a story naming the Greek Ministry of National Defence."""
    if candidate.title.group != "minister":
        return None
    portfolio = set(title_text(ctx.doc, candidate.words, False).lower().split()) - ctx.vocab.office_words
    if not portfolio:
        return None
    countries = set()
    for entity in ctx.doc._.entities or []:
        words = set(entity.name.lower().split())
        if entity.type == "Organization" and words & ctx.vocab.ministry_words and portfolio <= words:
            countries.add(_body_country(ctx, entity.id))
    return countries.pop() if len(countries) == 1 else None


def nationality(vocab: Vocabulary, person: Entity) -> str | None:
    """The country of a well-known person, by full name (in either order: "Kishida Fumio") or, for a bare
    surname, by a surname only one has."""
    for name in [person.name, *person.aliases]:
        words = name_key(name).split()
        while len(words) > 1 and words[0] in vocab.honorifics:  # "Sheikh Mohammed bin Zayed"
            words.pop(0)
        key = " ".join(words)
        reversed_key = " ".join(reversed(words)) if len(words) == 2 else None
        country = (vocab.nationalities.get(key) or vocab.nationalities.get(reversed_key)
                   or (vocab.surnames.get(key) if len(words) == 1 else None))
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
        after = mention_after(doc, named.end + 1, cover) if named.end < len(doc) and doc[named.end].lower_ == "of" else None
        for found in (owner, after):
            if found is not None and found.entity.type == "Country":
                stated[named.entity.id] = found.entity.id
    return stated


def visited_countries(doc: Doc, cover: list[Named | None], vocab: Vocabulary) -> dict[str, set[str]]:
    """Countries people visit ("the premier's visit to Japan", "Berg is on a visit to Chile"):
    a visitor is not of the country visited."""
    visited: dict[str, set[str]] = {}
    for i, named in enumerate(cover):
        if named is None or named.start != i or named.entity.type != "Person":
            continue
        sent_end = doc[named.start].sent.end
        for k in range(named.end, min(named.end + 8, sent_end)):
            if doc[k].lemma_ in VISITS:
                place = next((cover[j] for j in range(k + 1, min(k + 4, sent_end)) if cover[j] is not None), None)
                country = place and (place.entity.id if place.entity.type == "Country"
                                     else vocab.capitals.get(place.entity.name.lower()))
                if country:
                    visited.setdefault(named.entity.id, set()).add(country)
                break
    return visited


def resolve_org(candidate: Candidate, ctx: Context) -> str | None:
    """The body or country the candidate's office belongs to, as the text makes it clear."""
    phrase = candidate.phrase
    service = _service_of(candidate, ctx)
    if phrase.org:
        return phrase.org
    for i in (i for i in phrase.leftover + phrase.words if ctx.doc[i].lower_ in ctx.vocab.body_nouns):
        body = _organisation_named_by(ctx, ctx.doc[i].lower_)
        if body:  # "embassy spokesperson": the body leaves the title; "Defence Ministry spokesperson" is one
            candidate.words = [w for w in candidate.words if w != i or i in phrase.words]
            return body
    if phrase.det == "its":
        return _owner_before(ctx, phrase.start)
    if service:
        return _service_body(ctx, service, candidate)
    if candidate.title.kind not in ("national", "counterpart", "service"):
        body = _earlier_body(ctx, candidate) or _body_named_most(ctx, candidate)
        if body is not None or candidate.title.group != ENVOY:
            return body  # an envoy named with no body is the person's country's ("Special Envoy X")
    country, other = _person_country(ctx, candidate), candidate.counterpart_of
    return None if other is not None and country == other.org else country  # a counterpart is of another country
