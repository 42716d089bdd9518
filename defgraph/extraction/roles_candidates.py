"""Role candidates for the roles component: title phrases attached to the people they name.

Reads the document's tokens, the ``Phrase``s of ``roles_phrases`` and the linked mentions; writes
``Candidate``s (a phrase attached to a person: before the name, after a comma, in apposition, after "as" in an
appointment or "serves as", after "is" ("X is the Director of Y"), a list after a colon, the signer of a text
"vested in me as", or a rank before the name), each with its tier (office over rank over a bare description).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc

from defgraph.extraction.roles_phrases import PORTFOLIO, Named, Phrase, Ranks, title_text
from defgraph.extraction.roles_vocabulary import Title, Vocabulary

APPOSITION_END = {",", ".", ";", ")", "]", "who"}  # not "said": "John, the President said" is no apposition
COPULAR_ADVERBS = {"currently", "also", "now", "presently"}
COPULAR_RANKINGS = {"first", "second", "third", "fourth", "fifth", "last", "only", "next", "youngest", "oldest"}
PAST_SERVING = {"served"}  # "she served as Y": an office held once
PRONOUN_REACH = 120  # tokens back to the person "she serves as" stands for
APPOSITION_REACH = 20  # tokens back from the comma that closes an apposition to the one that opens it
TIER = {"weak": 0, "rank": 1}  # every other kind of title is an office: tier 2


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
    return person_subject(doc, i - 3, cover)


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
    return person_subject(doc, k - 1, cover, pronoun=False)


def _attested(doc: Doc, phrase: Phrase) -> bool:
    """Whether the phrase's body is a country, a body of the catalogue or one the text names more than once."""
    if phrase.body is None:
        return phrase.country is not None
    entity = next((e for e in doc._.entities or [] if e.id == phrase.body), None)
    return entity is not None and (entity.in_catalogue or len(entity.mentions) > 1)


def person_subject(doc: Doc, k: int, cover: list[Named | None], pronoun: bool = True) -> Named | None:
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
