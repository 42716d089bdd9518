"""Roles: who holds which office, for which body or country, as the article states it.

Reads the linked ``doc._.entities``; writes ``doc._.roles`` (one ``Role`` per person, with its evidence
span). A role is read from a title phrase ("Russian Ambassador to India", "a spokeswoman for Kestrel
Dynamics", "the head of the FSMTC", "Under Secretary of Defense for Acquisition and Sustainment") attached
to a person named right after it, after a comma (and a "Mr"), or before it in apposition, or given it
after "as" ("the appointment of X as ...", "X currently serves as ...") or "is" ("X is the Director of
Y"); a title set off by a comma stands before a rank and name too ("Chief of Naval Operations, Admiral X");
offices joined by "and" ("Deputy Prime Minister and Minister of Defence") are one title; a military rank before a name
is the role when no office is given. An office a head of state holds by being one, named bare ("the
Supreme Commander-in-Chief reviewed the parade"), is a further office of the one President the article
names. The lines of an appointment list ("Name, Member, Board of X", the body given by the list's heading
when it names one) are offices kept beside the one the running text gives; so is the membership of a body a
biography gives ("X, a career member of the Senior Foreign Service,", "X served as a member of the Y Commission"). A bare office later on ("the
envoy said") becomes an ``office`` mention of the one person holding it.
Title phrases: ``roles_phrases``; the people they name: ``roles_candidates``; offices a verb or a membership
gives: ``roles_memberships``; appointment lists: ``roles_lists``; bodies and countries:
``roles_bodies``; the vocabulary (the catalogue's offices plus ``data/roles_*.yaml``): ``roles_vocabulary``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span as SpacySpan

from defgraph.extraction.mentions import add_mention
from defgraph.extraction.roles_bodies import (
    Context, country_mentions, declared_holders, home_countries, resolve_org, stated_countries, visited_countries,
)
from defgraph.extraction.roles_candidates import Candidate, attach
from defgraph.extraction.roles_lists import list_entries, listed_appointees
from defgraph.extraction.roles_memberships import heads, memberships
from defgraph.extraction.roles_people import Proposer
from defgraph.extraction.roles_phrases import Phrase, index_mentions, title_phrases, title_text
from defgraph.extraction.roles_vocabulary import Title, Vocabulary, load_vocabulary, plural, singular
from defgraph.model import Mention, Role, Span

PRESIDENT = "office:president"  # the title group of a head of state's office


def choose(candidates: list[Candidate], ctx: Context) -> list[Candidate]:
    """One role per person (and one former office): an office over a rank over a bare description, one
    with a body first; beside it, the further offices the text joins to the person's title by "and"
    (``_further_offices``)."""
    best: dict[tuple[str, bool], Candidate] = {}
    further = []
    for candidate in candidates:
        candidate.org = resolve_org(candidate, ctx)
        if candidate.further:
            further.append(candidate)
            continue
        key = (candidate.org is not None, candidate.tier)
        person = (candidate.person.entity.id, candidate.phrase.former)
        current = best.get(person)
        if current is None or key > (current.org is not None, current.tier):
            best[person] = candidate
    chosen = [c for c in best.values() if c.org and (c.stated or c.title.kind != "counterpart")]
    return chosen + _further_offices(ctx.doc, further, chosen)


def _further_offices(doc: Doc, further: list[Candidate], chosen: list[Candidate]) -> list[Candidate]:
    """The second offices of people ("First Deputy Minister of Transport and Head of X Ivan Petrov") that
    have a body and are not the office already chosen for the person."""
    held = {(c.person.entity.id, c.org, to_role(doc, c).title.lower()) for c in chosen}
    kept = []
    for candidate in further:
        office = (candidate.person.entity.id, candidate.org, to_role(doc, candidate).title.lower())
        if candidate.org and office not in held:
            held.add(office)
            kept.append(candidate)
    return kept


def head_of_state_offices(phrases: list[Phrase], chosen: list[Candidate], vocab: Vocabulary) -> list[Candidate]:
    """"The Supreme Commander-in-Chief reviewed the parade": an office a head of state holds by being one, named
    bare, is a further office of the one President the article gives a country."""
    presidents = {c.person.entity.id: c for c in chosen if c.title.group == PRESIDENT and not c.phrase.former}
    if len(presidents) != 1:
        return []
    (holder,) = presidents.values()
    attached = {id(c.phrase) for c in chosen}
    for phrase in phrases:
        if phrase.title.text.lower() in vocab.head_of_state_offices and id(phrase) not in attached \
                and phrase.det in (None, "the") and not phrase.plural and phrase.org in (None, holder.org):
            return [Candidate(holder.person, phrase, phrase.title, phrase.words, phrase.start, phrase.end,
                              org=holder.org, further=True)]
    return []


def to_role(doc: Doc, candidate: Candidate) -> Role:
    """The chosen candidate as a ``Role`` with its evidence span."""
    title = candidate.stated or title_text(doc, candidate.words, candidate.phrase.plural)
    evidence = doc[candidate.start:candidate.end]
    return Role(person=candidate.person.entity.id, title=title, org=candidate.org,
                evidence=Span(evidence.start_char, evidence.end_char, evidence.text))


def _holds(role: Role, candidate: Candidate, phrase: Phrase) -> bool:
    """Whether a bare office ("the envoy", "the minister") can name the holder of ``role``."""
    head = phrase.title.text.lower()
    same_office = candidate.title.group == phrase.title.group or head in role.title.lower().split()
    return same_office and phrase.org in (None, role.org)


def office_mentions(doc: Doc, phrases: list[Phrase], chosen: list[Candidate]) -> list[tuple[str, Mention]]:
    """"the envoy", "the minister": a mention of the one person who holds a matching office."""
    attached = {id(c.phrase) for c in chosen}
    roles = [(to_role(doc, c), c) for c in chosen]
    found = []
    for phrase in phrases:
        if phrase.det != "the" or phrase.plural or phrase.former or id(phrase) in attached:
            continue
        holders = {c.person.entity.id: c for role, c in roles if _holds(role, c, phrase)}
        if len(holders) != 1:
            continue
        (person, holder), = holders.items()
        if holder.person.start < phrase.start and holder.end <= phrase.start:
            span = doc[phrase.start:phrase.end]
            found.append((person, Mention(span.start_char, span.end_char, span.text, kind="office")))
    return found


def _commands(doc: Doc, start: int, end: int, body_ends: set[int]) -> bool:
    """Whether a title that is also a rank names a command: "Commander of the Northern Fleet" and "Northern
    Fleet Commander" (an organisation named right before it) are offices."""
    return end < len(doc) and doc[end].lower_ == "of" or start in body_ends


def _organisation_ends(doc: Doc) -> set[int]:
    """The token indices right after each mention of an organisation."""
    ends = set()
    for entity in doc._.entities or []:
        if entity.type == "Organization":
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None and mention.kind != "office":
                    ends.add(span.end)
    return ends


class RoleReader:
    """Finds titles and ranks with phrase matchers compiled once, and reads roles from a doc."""

    def __init__(self, nlp: Language) -> None:
        self.vocab = load_vocabulary()
        self.propose = Proposer(self.vocab)
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
        self.who_heads = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.who_heads.add("who_heads", [nlp.make_doc(f", who {verb}") for verb in self.vocab.verbs])

    def _add(self, nlp: Language, matcher: PhraseMatcher, title: Title, is_plural: bool) -> None:
        key = nlp.vocab.strings.add(f"{title.kind}:{title.text}")
        matcher.add(f"{title.kind}:{title.text}", [nlp.make_doc(title.text)])
        self.entries[key] = (title if not is_plural else Title(singular(title.text), title.kind, title.group),
                             is_plural)

    def matches(self, doc: Doc) -> list[SpacySpan]:
        """Titles and ranks, longest first and a rank before a title of the same words (the title before the
        rank when it names a command: "Commander of the Northern Fleet", "Northern Fleet Commander")."""
        body_ends = _organisation_ends(doc)
        found = [(e - s, (self.entries[key][0].kind == "rank") != _commands(doc, s, e, body_ends), -s, key, s, e)
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
        titles, ranks = [], {}
        for span in self.matches(doc):
            title, is_plural = self.entries[span.label]
            if title.kind == "rank":
                ranks[span.start] = (span.end, title)
            else:
                titles.append((span, title, is_plural))
        self.propose(doc, [(span, is_plural) for span, _, is_plural in titles], ranks)
        listed = list_entries(doc, self.vocab)
        self.propose.listed(doc, [(entry.name_opening, entry.name_end) for entry, _ in listed])
        cover = index_mentions(doc)
        phrases = title_phrases(doc, titles, cover, self.vocab, ranks)
        who = [end - 1 for _, start, end in self.who_heads(doc) if start > 0]
        candidates = (attach(doc, phrases, cover, ranks, self.vocab) + heads(doc, cover, self.vocab.verbs, who)
                      + listed_appointees(doc, cover, listed, self.vocab) + memberships(doc, cover, self.vocab))
        stated = stated_countries(doc, cover, candidates)
        ctx = Context(doc, cover, self.vocab, phrases, candidates, *home_countries(doc, self.vocab), stated,
                      visited_countries(doc, cover, self.vocab), country_mentions(doc),
                      declared_holders(self.vocab, candidates, stated))
        chosen = choose(candidates, ctx)
        return chosen + head_of_state_offices(phrases, chosen, self.vocab), phrases


@Language.factory("defgraph_roles", requires=["doc._.entities"], assigns=["doc._.roles"])
def make_roles(nlp: Language, name: str) -> RoleReader:
    return RoleReader(nlp)
