"""Title phrases and the people they name, for the roles component.

Reads the document's tokens and linked mentions; writes ``Phrase``s (a title with the words that
qualify it: "a senior Swedish navy official") and ``Candidate``s (a phrase attached to a
person: before the name, after a comma, in apposition, after "as" in an appointment or "serves as", after
"is" ("X is the Director of Y"), or a rank before the name).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span as SpacySpan

from defgraph.extraction.mentions import mentions_in
from defgraph.extraction.roles_vocabulary import Title, Vocabulary, singular
from defgraph.model import Entity

BODY_TYPES = ("Organization", "Country")
DETERMINERS = {"a", "an", "the", "his", "her", "its", "their", "my", "our", "your"}
COMPLEMENT_KEEP = {"to", "in"}  # "Ambassador to India", "envoy in Moscow": part of the title
COMPLEMENT_ORG = {"of", "for", "at", "with", "in"}  # "a spokeswoman for Kestrel", "an adviser in the ministry": the body
PORTFOLIO = {"of", "for"}  # "Secretary of State", "Minister for Foreign Affairs": part of the title
APPOSITION_END = {",", ".", ";", ")", "]", "who"}  # not "said": "John, the President said" is no apposition
COPULAR_ADVERBS = {"currently", "also", "now", "presently"}
COPULAR_RANKINGS = {"first", "second", "third", "fourth", "fifth", "last", "only", "next", "youngest", "oldest"}
PAST_SERVING = {"served"}  # "she served as Y": an office held once
PRONOUN_REACH = 120  # tokens back to the person "she serves as" stands for
APPOSITION_REACH = 20  # tokens back from the comma that closes an apposition to the one that opens it
TIER = {"weak": 0, "rank": 1}  # every other kind of title is an office: tier 2


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
    counterpart_of: Candidate | None = None
    further: bool = False  # a second office of the person, kept beside the one chosen for them

    @property
    def tier(self) -> int:
        return TIER.get(self.title.kind, 2)


def _person_at(doc: Doc, k: int, cover: list[Named | None], ranks: Ranks,
               honorifics: frozenset[str] = frozenset()) -> tuple[Named, int | None] | None:
    """The person named at token ``k``, after a form of address ("Mr") and a rank if one stands there
    (returned by its start)."""
    while k < len(doc) and doc[k].lower_ in honorifics and cover[k] is None:
        k += 1
    rank_start = k if k in ranks else None
    if rank_start is not None:
        k = ranks[k][0]
    named = cover[k] if k < len(doc) else None
    if named is None or named.start not in (k, rank_start) or named.entity.type != "Person":
        return None
    return named, rank_start


def _people_after(doc: Doc, phrase: Phrase, cover: list[Named | None], ranks: Ranks, honorifics: frozenset[str]):
    """People the phrase stands before: "Defence Minister X", "a spokeswoman, X", "ministers X and Y",
    "the Minister of Defence, Mr X", "Chief of Naval Operations, Admiral X"."""
    k = phrase.end
    if k < len(doc) and doc[k].text == "," and (phrase.det is not None or k + 1 in ranks):
        k += 1
    found = _person_at(doc, k, cover, ranks, honorifics)
    people = [found] if found else []
    while people and phrase.plural:
        k = people[-1][0].end
        k += 1 if k < len(doc) and doc[k].text == "," else 0
        k += 1 if k < len(doc) and doc[k].lower_ == "and" else 0
        found = _person_at(doc, k, cover, ranks, honorifics)
        if found is None:
            break
        people.append(found)
    return people


def _joined_before(doc: Doc, phrase: Phrase, ends: dict[int, Phrase]) -> list[Phrase]:
    """Offices joined by "and" to a title right before a name, one person's when none has a determiner:
    "Deputy Prime Minister and Defence Minister X" (but "the President and Prime Minister X" are two)."""
    joined: list[Phrase] = []
    i = phrase.start
    while i >= 1 and doc[i - 1].lower_ == "and" and i - 1 in ends and ends[i - 1].det is None \
            and not ends[i - 1].extended and phrase.det is None:  # "Head of X Ivan Petrov and ...": two
        joined.insert(0, ends[i - 1])
        i = joined[0].start
    return joined


def _further_before(doc: Doc, phrase: Phrase, ends: dict[int, Phrase]) -> Phrase | None:
    """An office joined by "and" to the title right before a name, both with their own body or portfolio: a
    second office of the same person ("First Deputy Minister of Transport and Head of the Air Transport
    Agency X"; not "Secretary of Commerce Raimondo and Trade Representative Tai", whose first name the
    entities missed)."""
    i = phrase.start
    if i < 1 or doc[i - 1].lower_ != "and" or phrase.det is not None or not phrase.extended:
        return None
    other = ends.get(i - 1)
    return other if other is not None and other.extended and other.det is None and not other.former else None


def _person_before(doc: Doc, phrase: Phrase, cover: list[Named | None],
                   ends: dict[int, Phrase]) -> tuple[Named, list[Phrase]] | None:
    """The person a phrase is in apposition to: "X, Russia's ambassador to India, said"; with the offices
    joined to it by "and" ("X, Deputy Prime Minister and Minister of Defence, said")."""
    i, end = phrase.start, phrase.end
    joined: list[Phrase] = []
    while i >= 2 and doc[i - 1].lower_ == "and" and i - 1 in ends:
        joined.insert(0, ends[i - 1])
        i = joined[0].start
    if i >= 3 and doc[i - 2].lower_ == "who" and doc[i - 1].lower_ == "is":
        i -= 2  # "X, who is the chairman of Y"
    if phrase.plural or i < 2 or doc[i - 1].text not in (",", "["):
        return None
    named = cover[i - 2]
    if doc[i - 1].text == "[":  # a transcript's note: "Mr Rogozin [Deputy Prime Minister]"
        closes = end < len(doc) and doc[end].text == "]"
    else:
        closes = end >= len(doc) or doc[end].lower_ in APPOSITION_END or doc[end].is_sent_start
    if named is None or named.entity.type != "Person" or named.end != i - 1 or not closes:
        return None
    return named, joined


def _appointed(doc: Doc, phrase: Phrase, cover: list[Named | None], appointing: frozenset[str]) -> Named | None:
    """The person given the office a phrase after "as" names: "the appointment of X as Ambassador",
    "appointed X as Ambassador", "congratulated X on his appointment as Ambassador"."""
    i = phrase.start
    if phrase.plural or i < 3 or doc[i - 1].lower_ != "as":
        return None
    k = i - 2
    if doc[k].lower_ in appointing:  # "X on his appointment as"
        if doc[k - 1].lower_ not in ("his", "her", "their"):
            return None
        k -= 2 + (k >= 3 and doc[k - 2].lower_ == "on")
        named = cover[k] if k >= 0 else None
        return named if named is not None and named.entity.type == "Person" and named.end == k + 1 else None
    named = cover[k]
    if named is None or named.entity.type != "Person" or named.end != i - 1:
        return None
    j = named.start - 1
    j -= j >= 1 and doc[j].lower_ == "of"
    return named if j >= 0 and doc[j].lower_ in appointing else None


def _serving(doc: Doc, phrase: Phrase, cover: list[Named | None], serving: frozenset[str]) -> Named | None:
    """The subject of "serves as" before a phrase: "X currently serves as Director of Y"; "She also serves as
    Y", the pronoun standing for the last person named before it (in the paragraphs of a biography)."""
    i = phrase.start
    if phrase.plural or i < 3 or doc[i - 1].lower_ != "as" or doc[i - 2].lower_ not in serving:
        return None
    return _subject(doc, i - 3, cover)


def _served(doc: Doc, phrase: Phrase) -> bool:
    """Whether the office follows "served as" (the document's first words follow nothing)."""
    return phrase.start >= 2 and doc[phrase.start - 2].lower_ in PAST_SERVING


def _names_its_own(phrase: Phrase) -> bool:
    """Whether an office held once names what it belonged to: a body, a country or a portfolio ("served as
    Deputy Assistant Secretary of Defense", "as Director of Exports"), not "served as Vice President" (of what?)
    nor "Senior Advisor for Asia" (a region is a portfolio, no body)."""
    portfolio = phrase.extended or bool(set(phrase.title.text.lower().split()) & PORTFOLIO)
    return (phrase.org is not None or portfolio) and not (phrase.body or "").startswith("place:")


def _copular(doc: Doc, phrase: Phrase, cover: list[Named | None], copular: frozenset[str]) -> Named | None:
    """The subject of "is" or "was" before a capitalised title with its own body, as biographies give offices:
    "X is the Director of Y", "X is currently a Senior Adviser at Y", "X is Director General of Y", "Lu was the Deputy
    Secretary of Y" (not "X is the first President to ...": a ranking; not "X is sort of the king"). Without "is the"
    or "is a" the body must be one the text knows well (``_attested``): "was the Director of Resource Management"
    names a portfolio, not a body."""
    i = phrase.start
    first = i + (phrase.det is not None)  # the title's first word
    if phrase.plural or phrase.det not in (None, "the", "a", "an") or i < 2 or phrase.org is None \
            or doc[first].lower_ in COPULAR_RANKINGS or not doc[phrase.words[-1]].is_title \
            or phrase.det is None and not doc[first].is_title:
        return None
    k = i - 1
    while k >= 0 and doc[k].lower_ in COPULAR_ADVERBS:
        k -= 1
    if k < 1 or doc[k].lower_ not in copular:
        return None
    if (phrase.det is None or doc[k].lower_ != "is") and not _attested(doc, phrase):
        return None
    return _subject(doc, k - 1, cover, pronoun=False)


def _attested(doc: Doc, phrase: Phrase) -> bool:
    """Whether the phrase's body is a country, a body of the catalogue or one the text names more than once."""
    if phrase.body is None:
        return phrase.country is not None
    entity = next((e for e in doc._.entities or [] if e.id == phrase.body), None)
    return entity is not None and (entity.in_catalogue or len(entity.mentions) > 1)


def _subject(doc: Doc, k: int, cover: list[Named | None], pronoun: bool = True) -> Named | None:
    """The person whose name ends at token ``k`` (after adverbs and auxiliaries, read backwards), or whom a
    "he" or "she" there stands for (``pronoun``): the last person named before it (in the paragraphs of a
    biography)."""
    while k >= 0 and doc[k].pos_ in ("ADV", "AUX"):  # "currently", "also", "is"
        k -= 1
    if k < 0:
        return None
    if doc[k].text == ",":
        return _set_off_subject(doc, k, cover)
    if pronoun and doc[k].lower_ in ("he", "she"):
        earlier = next((cover[j] for j in range(k - 1, max(-1, k - PRONOUN_REACH), -1)
                        if cover[j] is not None and cover[j].entity.type == "Person"), None)
        return Named(earlier.entity, k, k + 1) if earlier is not None else None
    named = cover[k]
    return named if named is not None and named.entity.type == "Person" and named.end == k + 1 else None


def _set_off_subject(doc: Doc, comma: int, cover: list[Named | None]) -> Named | None:
    """The person named before an apposition that the comma at ``comma`` closes, a biography's subject: "X, a
    diplomat of the Foreign Service, class of Counselor, currently serves as Y", "X, Ph.D., is the Director of Y"
    (no verb in the apposition, within one sentence; a body's name inside it may end at a comma too)."""
    for j in range(comma - 1, max(0, comma - APPOSITION_REACH), -1):
        if doc[j].is_sent_start or doc[j].pos_ in ("VERB", "AUX"):
            return None
        named = cover[j - 1]
        if doc[j].text == "," and named is not None and named.end == j and named.entity.type == "Person":
            return named
    return None


def attach(doc: Doc, phrases: list[Phrase], cover: list[Named | None], ranks: Ranks,
           vocab: Vocabulary) -> list[Candidate]:
    """Role candidates: each phrase attached to the people it names, and each rank before a name."""
    candidates: list[Candidate] = []
    retired = {k for k in ranks if k > 0 and doc[k - 1].lower_ in vocab.former  # "retired Lt Gen X"
               or _marked_retired(doc, k, cover, ranks, vocab)}
    ends = {p.end: p for p in phrases if not p.plural}
    signer = None
    for phrase in phrases:
        people = _people_after(doc, phrase, cover, ranks, vocab.honorifics)
        joined = _joined_before(doc, phrase, ends) if people else []
        biography = False  # "X serves as Y", "X is the Director of Y": one of the offices a biography lists
        if not people:
            before = _person_before(doc, phrase, cover, ends)
            if before is not None:
                people, joined = [(before[0], None)], before[1]
            elif (appointed := _appointed(doc, phrase, cover, vocab.appointing)) is not None:
                people = [(appointed, None)]
            elif ((serving := _serving(doc, phrase, cover, vocab.serving)
                   or _copular(doc, phrase, cover, vocab.copular)) is not None
                  and (not _served(doc, phrase) or _names_its_own(phrase))):
                people, biography = [(serving, None)], True
        if not people and phrase.plural:
            for named, country, end in _listed_after_colon(doc, phrase, cover):
                listed = replace(phrase, words=list(phrase.words), country=country or phrase.country)
                candidates.append(Candidate(named, listed, phrase.title, listed.words + phrase.leftover,
                                            named.start, end, stated=phrase.title.canonical))
        if not people and _vested(doc, phrase):
            people = [(signer, None)] if (signer := signer or _signature(doc, cover)) else []
        for named, rank_start in people:
            if phrase.former:
                retired.add(rank_start)
                if phrase.title.kind in ("weak", "counterpart"):
                    continue
            start, end = min(phrase.start, *(p.start for p in joined), named.start), max(phrase.end, named.end)
            words = [i for other in joined for i in [*other.words, *other.leftover, other.end]]
            words += phrase.words + phrase.leftover
            candidate = Candidate(named, phrase, phrase.title, words, start, end, stated=phrase.title.canonical,
                                  further=biography)
            if phrase.former:  # "former Defence Minister X": an office held once, recorded as such
                candidate.stated = f"former {candidate.stated or title_text(doc, words, phrase.plural)}"
                candidates.append(candidate)
                continue
            if phrase.title.kind == "counterpart":
                candidate.counterpart_of = _counterpart(doc, candidates, candidate)
                other = candidate.counterpart_of
                candidate.stated = title_text(doc, other.words, other.phrase.plural) if other else None
            candidates.append(candidate)
            if (other := _further_before(doc, phrase, ends)) is not None and not joined:
                candidates.append(Candidate(named, other, other.title, other.words + other.leftover, other.start,
                                            named.end, stated=other.title.canonical, further=True))
            if rank_start is not None:
                rank_end, rank = ranks[rank_start]
                candidates.append(Candidate(named, phrase, rank, list(range(rank_start, rank_end)), start, end))
    for rank_start, (rank_end, rank) in ranks.items():
        found = _person_at(doc, rank_start, cover, ranks)
        # a rank before a bare surname is as often a ship's name ("Admiral Grigorovich")
        if found is not None and rank_start not in retired and " " in found[0].entity.name:
            named = found[0]
            alone = Phrase(rank, rank_start, rank_end, list(range(rank_start, rank_end)), False)
            candidates.append(Candidate(named, alone, rank, alone.words, rank_start, named.end))
    return candidates


def _marked_retired(doc: Doc, rank_start: int, cover: list[Named | None], ranks: Ranks, vocab: Vocabulary) -> bool:
    """Whether the name after a rank is followed by the service and a retirement mark: "Gen. X Y, USMC (Ret.)"."""
    found = _person_at(doc, rank_start, cover, ranks)
    k = found[0].end if found is not None else len(doc)
    if k >= len(doc) or doc[k].text != ",":
        return False
    for token in doc[k + 1:k + 9]:  # ", USA, (Ret.)": the service's words, in brackets and commas
        word = token.text.rstrip(".")
        if word in vocab.retirement_marks:
            return True
        if word not in vocab.service_designations and word not in ("(", ")", ",", ""):
            return False
    return False


def _listed_after_colon(doc: Doc, phrase: Phrase, cover: list[Named | None],
                        reach: int = 12) -> list[tuple[Named, str | None, int]]:
    """People a plural title introduces as a list after a colon in its sentence, each with the country in
    brackets after the name: "the envoys who arrived this week: Ana Ruiz (Peru), Li Wen (Singapore) and
    ..."; each with its country (or None) and where its entry ends. An entry that names no known person is
    passed over; two entries at least, up to the end of the line."""
    sent_end = doc[phrase.start].sent.end
    colon = next((k for k in range(phrase.end, min(phrase.end + reach, len(doc)))
                  if doc[k].text == ":" or cover[k] is not None and cover[k].entity.type == "Person"), None)
    if colon is None or doc[colon].text != ":" or colon >= sent_end:
        return []
    listed, entries, k = [], 0, colon + 1
    while k < len(doc) and "\n" not in doc[k].text and doc[k].text != ".":
        first, country, depth = k, None, 0
        while k < len(doc) and (depth or doc[k].text not in (",", ".") and doc[k].lower_ != "and") \
                and "\n" not in doc[k].text:
            depth += (doc[k].text == "(") - (doc[k].text == ")")
            named = cover[k]
            if depth and named is not None and named.entity.type == "Country":
                country = country or named.entity.id
            k += 1
        entries += 1
        named = cover[first]
        if named is not None and named.start == first and named.entity.type == "Person":
            listed.append((named, country, k))
        k += k < len(doc) and doc[k].text in (",", "and")
        k += k < len(doc) and doc[k].lower_ == "and"
    return listed if entries >= 2 and len(listed) >= 2 else []


def _vested(doc: Doc, phrase: Phrase) -> bool:
    """"the authority vested in me as President": the office of the one who signs the text."""
    return phrase.start >= 3 and not phrase.plural and [t.lower_ for t in doc[phrase.start - 3:phrase.start]] == \
        ["in", "me", "as"]


def _signature(doc: Doc, cover: list[Named | None]) -> Named | None:
    """The person whose name stands on a line of its own after the text's last paragraph of prose (a
    signature), looked for from the end."""
    for i in range(len(doc) - 1, -1, -1):
        named = cover[i]
        if named is not None and named.start == i and named.entity.type == "Person":
            before, after = doc[i - 1] if i else None, doc[named.end] if named.end < len(doc) else None
            if (before is None or "\n" in before.text_with_ws) and (after is None or "\n" in after.text):
                return named
        if doc[i].is_alpha and doc[i].is_lower:  # back into prose: no signature
            return None
    return None


def _counterpart(doc: Doc, candidates: list[Candidate], candidate: Candidate) -> Candidate | None:
    """"X met his Russian counterpart Y": Y holds the office of X, the last person given one in the sentence."""
    sent_start = doc[candidate.start].sent.start
    for other in reversed(candidates):
        if other.start < sent_start:
            break
        if other.person.entity.id != candidate.person.entity.id and other.title.kind != "counterpart":
            return other
    return None


def title_text(doc: Doc, indices: list[int], is_plural: bool) -> str:
    """The title as the text spells it, from its token indices (singular when read off a plural)."""
    order = sorted(set(indices))
    text = "".join(doc[i].text + (doc[i].whitespace_ if i + 1 in order else " ") for i in order).strip()
    return singular(text) if is_plural else text


def heads(doc: Doc, cover: list[Named | None], verbs: dict[str, str], found: list[int]) -> list[Candidate]:
    """"X, who heads Y": the verb (at the token indices ``found`` after ", who") names the office."""
    candidates = []
    for i in found:
        title = verbs[doc[i].lower_]
        person, body = cover[i - 3], mention_after(doc, i + 1, cover)
        if person is None or person.entity.type != "Person" or body is None or body.entity.type not in BODY_TYPES:
            continue
        phrase = Phrase(Title(title, "body", title), i, body.end, [i], False)
        note_body(phrase, body.entity)
        candidates.append(Candidate(person, phrase, phrase.title, [], person.start, body.end, stated=title))
    return candidates


def memberships(doc: Doc, cover: list[Named | None], vocab: Vocabulary) -> list[Candidate]:
    """"X, a career member of the Senior Foreign Service,", "X served as a member of the Y Commission", "X is a member
    of the Y Board": the membership of a body a biography gives, beside the person's other offices (after a comma,
    "serves as" or "is"/"was", with "a" and the body named after "of")."""
    candidates = []
    for token in doc:
        i = token.i
        if token.lower_ not in vocab.member_nouns or i < 3 or i + 2 >= len(doc) or doc[i + 1].lower_ != "of":
            continue
        body = mention_after(doc, i + 2, cover)
        if body is None or body.entity.type != "Organization":
            continue
        words, k = [i], i - 1
        if doc[k].lower_ in vocab.member_qualifiers:
            words, k = [k, i], k - 1
        if doc[k].lower_ not in ("a", "an") or k < 2:
            continue
        if doc[k - 1].text == ",":
            named = cover[k - 2]
            person = named if named is not None and named.entity.type == "Person" and named.end == k - 1 else None
        elif doc[k - 1].lower_ == "as" and doc[k - 2].lower_ in vocab.serving:
            person = _subject(doc, k - 3, cover)
        elif doc[k - 1].lower_ in vocab.member_being:
            person = _subject(doc, k - 2, cover, pronoun=False)
        else:
            continue
        if person is None:
            continue
        title = Title(title_text(doc, words, False), "body", "member")
        phrase = Phrase(title, k, body.end, words, False, det=doc[k].lower_, extended=True)
        note_body(phrase, body.entity)
        candidates.append(Candidate(person, phrase, title, words, min(person.start, k), body.end,
                                    stated=title.text, further=True))
    return candidates
