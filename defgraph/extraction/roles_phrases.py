"""Title phrases for the roles component.

Reads the document's tokens and linked mentions; writes ``Phrase``s (a title with the words that
qualify it: "a senior Swedish navy official", with the body or country named with it) and the token index of
mentions (``index_mentions``). The people a phrase names: ``roles_candidates``; offices a verb or a
membership gives: ``roles_memberships``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan

from defgraph.extraction.mentions import mentions_in
from defgraph.extraction.roles_vocabulary import Title, Vocabulary, singular
from defgraph.model import Entity

BODY_TYPES = ("Organization", "Country")
DETERMINERS = {"a", "an", "the", "his", "her", "its", "their", "my", "our", "your"}
COMPLEMENT_KEEP = {"to", "in"}  # "Ambassador to India", "envoy in Moscow": part of the title
COMPLEMENT_ORG = {"of", "for", "at", "with", "in"}  # "a spokeswoman for Kestrel", "an adviser in the ministry": the body
PORTFOLIO = {"of", "for"}  # "Secretary of State", "Minister for Foreign Affairs": part of the title


@dataclass(frozen=True, slots=True)
class Named:
    """An entity mention as a token span."""

    entity: Entity
    start: int
    end: int


def index_mentions(doc: Doc) -> list[Named | None]:
    """For each token, the entity mention covering it (the longest one), or None."""
    cover: list[Named | None] = [None] * len(doc)
    for mention, entity in mentions_in(doc, 0, doc[-1].idx + len(doc[-1]) if len(doc) else 0):
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
    """A title with the words around it that qualify it ("a senior Swedish navy official")."""

    title: Title
    start: int
    end: int
    words: list[int]  # token indices of the title as stated
    plural: bool
    body: str | None = None  # organisation (or country) the office belongs to
    country: str | None = None  # a country named with the title ("Russian", "Russia's")
    det: str | None = None
    former: bool = False
    extended: bool = False  # took in a portfolio or complement after the title
    leftover: list[int] = field(default_factory=list)  # nouns no entity covers ("embassy")

    @property
    def org(self) -> str | None:
        return self.body or self.country


def note_body(phrase: Phrase, entity: Entity) -> None:
    """Record an organisation or country named with the title (the nearest one wins)."""
    if entity.type == "Country":
        phrase.country = phrase.country or entity.id
    else:
        phrase.body = phrase.body or entity.id


def _extend_left(doc: Doc, phrase: Phrase, cover: list[Named | None], title_ends: dict[int, int],
                 vocab: Vocabulary) -> None:
    """Take in the words before the title that qualify it, up to a determiner or the clause's start."""
    i, floor = phrase.start - 1, doc[phrase.start].sent.start
    capitalised = bool(phrase.words) and doc[phrase.words[-1]].is_title
    while i >= floor:
        token, named = doc[i], cover[i]
        lower = token.lower_
        if named is not None:
            if named.entity.type not in BODY_TYPES:
                return
            note_body(phrase, named.entity)
            i = named.start
        elif lower == ")" and i - 2 >= floor and doc[i - 2].text == "(" and doc[i - 1].is_upper:
            i -= 2  # "Republic of Ruritania (ROR) President X": the acronym in brackets is passed over
        elif lower in ("'s", "’s", "'") and i > floor and cover[i - 1] is not None:
            phrase.det = "'s"  # "Lockheed Martin's vice president, X": an owner, like a determiner
        elif lower in vocab.former or lower == "-" and i > floor and doc[i - 1].lower_ in vocab.former:
            phrase.former = True  # "former", "ex-"
        elif lower in vocab.honorifics or lower in vocab.times:  # "Ms Chancellor X", "Today President X"
            return
        elif lower in vocab.modifiers:
            phrase.words.insert(0, i)
        elif lower == "and" and i in title_ends and not phrase.plural and phrase.title.kind == "body":
            first = title_ends[i]
            phrase.words[:0] = range(first, i + 1)
            i = first
        elif lower in DETERMINERS:
            phrase.det, phrase.start = lower, i
            return
        elif token.like_num or lower in vocab.passed_over:
            pass
        elif token.pos_ in ("NOUN", "PROPN", "ADJ") and token.is_alpha and len(token) > 1 \
                and token.ent_type_ not in ("DATE", "TIME") \
                and not (token.is_lower and capitalised):  # not "my friend President X"
            phrase.leftover.insert(0, i)
        else:
            return
        phrase.start = i
        i -= 1


def mention_after(doc: Doc, k: int, cover: list[Named | None]) -> Named | None:
    """The mention starting at token ``k``, or after a "the" there."""
    for at in (k, k + 1):
        if at < len(doc) and cover[at] is not None and cover[at].start == at:
            return cover[at]
        if at >= len(doc) or doc[at].lower_ != "the":
            return None
    return None


def _owned_after(doc: Doc, k: int, cover: list[Named | None]) -> Named | None:
    """A body named after an owner that is no entity: "of the ministry's Acquisition Agency"."""
    k += k < len(doc) and doc[k].lower_ == "the"
    if k + 2 < len(doc) and cover[k] is None and doc[k].pos_ == "NOUN" and doc[k + 1].lower_ in ("'s", "’s"):
        named = mention_after(doc, k + 2, cover)
        return named if named is not None and named.entity.type == "Organization" else None
    return None


def _portfolio_end(doc: Doc, k: int, cover: list[Named | None], stops: set[int]) -> int | None:
    """The end of a portfolio in capitals that no entity covers: "(of) State", "(of) the Air Staff",
    "(for) Acquisition and Sustainment", "(for) Political-Military Affairs"."""
    k += k < len(doc) and doc[k].lower_ == "the"
    first = end = k
    while k < len(doc) and k not in stops and cover[k] is None:
        token = doc[k]
        if token.is_title and token.pos_ in ("PROPN", "NOUN", "ADJ"):
            end = k = k + 1
        elif k > first and token.lower_ in ("and", "&", "-"):
            k += 1  # kept only when a capitalised word follows
        else:
            break
    return end if end > first else None


def _extend_right(doc: Doc, phrase: Phrase, cover: list[Named | None], stops: set[int]) -> None:
    """Take in complements: a portfolio ("of State", "for Foreign Affairs") and "to India" stay in the
    title, "of/for Rosoboronexport" is the body ("Head of the Media Department of the Ministry")."""
    for _ in range(2):
        j = phrase.end
        if j >= len(doc):
            return
        lower = doc[j].lower_
        named = mention_after(doc, j + 1, cover)
        if named is None and lower in COMPLEMENT_ORG:
            named = _owned_after(doc, j + 1, cover)
        if named is None and lower in PORTFOLIO:
            end = _portfolio_end(doc, j + 1, cover, stops)
            if end is None:
                return
            phrase.words.extend(range(j, end))
            phrase.end, phrase.extended = end, True
            continue
        if named is not None and named.entity.type != "Person":
            _take_complement(doc, phrase, cover, j, named)
        return


def _take_complement(doc: Doc, phrase: Phrase, cover: list[Named | None], j: int, named: Named) -> None:
    lower = doc[j].lower_
    phrase.extended = True
    if lower in COMPLEMENT_KEEP and not (lower in COMPLEMENT_ORG and named.entity.type == "Organization"):
        phrase.words.extend(range(j, named.end))
        phrase.end = named.end
    elif lower in COMPLEMENT_ORG:
        if named.entity.type == "Country" and named.end + 1 < len(doc) and doc[named.end].lower_ in ("'s", "’s"):
            owner = mention_after(doc, named.end + 1, cover)
            named = owner if owner is not None and owner.entity.type != "Person" else named
        note_body(phrase, named.entity)
        phrase.end = named.end
        if phrase.end + 2 < len(doc) and doc[phrase.end].text == "(" and doc[phrase.end + 2].text == ")":
            phrase.end += 3  # "(FSMTC)"


def _body_at_end(doc: Doc, phrase: Phrase, named: Named | None) -> None:
    """A title that ends in the body it is an office of, when the entities know that body: "Chairman of the
    Joint Chiefs of Staff" is the Chairman of the Joint Chiefs of Staff."""
    if named is None or named.entity.type != "Organization" or named.end != phrase.end:
        return
    k = named.start - (doc[named.start - 1].lower_ == "the")
    if k - 1 > phrase.start and doc[k - 1].lower_ == "of":
        note_body(phrase, named.entity)
        phrase.words = [i for i in phrase.words if i < k - 1]
        phrase.extended = True


def title_phrases(doc: Doc, matches: list[tuple[SpacySpan, Title, bool]], cover: list[Named | None],
                  vocab: Vocabulary, ranks: Ranks) -> list[Phrase]:
    """Every title in the document with the words that qualify it."""
    title_ends = {span.end: span.start for span, title, is_plural in matches
                  if not is_plural and title.kind == "body"}  # "chairman and chief executive"
    stops = set(ranks) | {span.start for span, _, _ in matches}  # a portfolio ends where a title begins
    phrases = []
    for span, title, is_plural in matches:
        inside = [cover[i] for i in range(span.start, span.end) if cover[i] is not None]
        if any(named.entity.type not in BODY_TYPES for named in inside):
            continue
        phrase = Phrase(title, span.start, span.end, list(range(span.start, span.end)), is_plural)
        owner = cover[span.start]
        if owner is not None:  # "Defence Ministry spokesperson", "US Secretary of State"
            note_body(phrase, owner.entity)
            phrase.words = [i for i in phrase.words if not owner.start <= i < owner.end]
            if not phrase.words:
                continue  # "the Joint Chiefs": a body's name, no title
        if title.text.lower() in vocab.titles_of_bodies:
            _body_at_end(doc, phrase, cover[span.end - 1])
        _extend_left(doc, phrase, cover, title_ends, vocab)
        _extend_right(doc, phrase, cover, stops)
        phrases.append(phrase)
    return phrases


def title_text(doc: Doc, indices: list[int], is_plural: bool) -> str:
    """The title as the text spells it, from its token indices (singular when read off a plural)."""
    order = sorted(set(indices))
    text = "".join(doc[i].text + (doc[i].whitespace_ if i + 1 in order else " ") for i in order).strip()
    return singular(text) if is_plural else text
