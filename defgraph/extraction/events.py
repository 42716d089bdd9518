"""The events component: meetings, visits, signings, deliveries, tests, operations, statements.

Reads each sentence with the entities named in it (``relations_context``), the event cues of
``data/relations_events.yaml`` and the resolved dates (``doc._.dates``); writes ``doc._.events``: one
``Event`` per happening, with its participants (entity ids), place, date and occasion. The same happening
reported twice (same type and date, a shared participant) is one event; a host meeting one counterpart, then another
("Putin met Modi", "Putin met Xi"), holds two meetings unless the second is told as intended or as someone's own.
A "he" subject of the cue takes part in it: the person last named as a subject before ("He will give a major
address"). A happening the title or the
lead paragraph reports in the past with no date of its own took place on the publication day (a Kremlin
news item, a readout: "Vladimir Putin held a meeting with ..."); so did one the reporter's account of a news
item tells in the simple past ("The President also met with ..."), not in the perfect ("has met"), or as going on
("the Agency is announcing"); and so did an announcement a speaker tells as going on ("the Department is announcing
a package") or a happening going on as he speaks ("they are meeting now"). A
mention that refers back ("this visit", "the talks") or a section heading that retells it ("Opening remarks at the
meeting ...") is the happening already told, not a new one; so is a meeting or visit the title and lead tell on one day.
A cue told as a habit ("we meet regularly", "at all our meetings") is no happening; nor is one told under a condition
or negated ("if Putin invaded", "not looking for a war with").
A title announcing the document's own nominations or appointments, and the lead retelling it, is the document's issuing,
no statement.
"""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span as SentSpan, Token

from defgraph.extraction.relations_context import (
    COUNTRY, PERSON, SYSTEM, Named, catalogue_field, countries_named, dates_between, doc_text, referred_system,
    remember, sentence_names, sentence_text, sentences,
)
from defgraph.extraction.dates import dates_only_what_follows, tense_at
from defgraph.extraction.turns import speaker_at
from defgraph.extraction.relations_cues import Cue, cues_within, find_cues, pattern
from defgraph.model import DateValue, Event, Span, TimeExpression

DATA = "relations_events"
PLACE_TYPES = frozenset({"Location"})
PLACE_KINDS = frozenset({"capital"})
NEEDS_SYSTEM = frozenset({"deal_signing", "delivery", "test"})
# A news item's title and lead tell one gathering of a day, which its text may tell again; statements, operations
# and deals of that day are often several.
GATHERINGS = frozenset({"meeting", "visit"})
# Happenings a plural tells as a run of occasions ("at all our meetings", "regular exercises"), a habit when a word of
# habit stands before it; a plural test ("passed all tests") is one programme completed.
RECURRING = GATHERINGS | {"operation"}
TITLE_REACH = 40  # how far before a name its title may start ("Principal Deputy Press Secretary ")
SPOKESPEOPLE = "defgraph.events.spokespeople"  # doc.user_data key of _spokespeople
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
PARAGRAPH_BREAK = re.compile(r"\n\s*")
OWN_DATE_CHARS = 60  # how far after a second cue of one type a date may stand to make it a happening of its own
ATTRIBUTIVE_REACH = 30  # how far before a cue an attributive date ("the recent talks") may stand to date it
# a word in the plural ("talks", "calls"): not a possessive ("Russia's"), "press" or a short word ending in s ("is", "this")
PLURAL_WORD = re.compile(r"(?<![’'\w])(?!(?:this|its|his|has|was|is|as|us)\b)[a-z-]+(?<!s)s\b", re.IGNORECASE)


def _date_near(dates: list[TimeExpression], position: int) -> TimeExpression | None:
    """The date expression closest to a cue."""
    return min(dates, key=lambda d: abs(d.start - position), default=None)


def _clause_verb(doc: Doc, start: int, end: int) -> int | None:
    """The index of the verb governing the words at ``[start, end)``; None without a parse."""
    span = doc.char_span(start, end, alignment_mode="expand") if doc.has_annotation("DEP") else None
    if span is None or not len(span):
        return None
    token = span.root
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token.i


def _ends_period(doc: Doc, date: TimeExpression) -> bool:
    """Whether ``date`` ends a period ("a programme until 2030", "through 2025"), not a happening's date."""
    before = max(0, date.start - OWN_DATE_CHARS)
    return pattern(DATA, "period_end").search(doc_text(doc), before, date.start) is not None


def _describes_other(doc: Doc, date: TimeExpression, start: int, end: int) -> bool:
    """Whether ``date`` sits in a relative clause describing something other than the cue at ``[start, end)``
    ("will hold them on June 24, the day when the parade was held in 1945"): it dates that, not the cue."""
    index = _clause_verb(doc, date.start, date.end)
    if index is None or doc[index].dep_ != "relcl":
        return False
    clause = doc[index]
    within = clause.left_edge.idx <= start and end <= clause.right_edge.idx + len(clause.right_edge)
    return not within and not start <= clause.head.idx < end


def _date_of(doc: Doc, dates: list[TimeExpression], start: int, end: int) -> TimeExpression | None:
    """The date of the cue at ``[start, end)``: the closest one in the cue's own clause ("delivered in July,
    and the next is expected in October"), else the closest in the sentence outside a relative clause about
    something else; none when those end a period ("signed a programme until 2030"). An attributive date ("the
    recent talks") dates only a cue right after it."""
    dates = [d for d in dates if not dates_only_what_follows(d) or 0 <= start - d.end <= ATTRIBUTIVE_REACH]
    clause = _clause_verb(doc, start, end)
    own = [d for d in dates if clause is not None and _clause_verb(doc, d.start, d.end) == clause]
    candidates = own or [d for d in dates if not _describes_other(doc, d, start, end)]
    return _date_near([d for d in candidates if not _ends_period(doc, d)], start)


def lead_end(text: str, title: str | None) -> int:
    """Where the lead ends: the end of the first paragraph after the title; 0 when the text does not open
    with its title (no title, or a later section of a long text)."""
    if not title or not text.startswith(title):
        return 0
    body = len(title)
    while body < len(text) and text[body].isspace():
        body += 1
    end = text.find("\n\n", body)
    return len(text) if end == -1 else end


def _place(text: str, offset: int, names: list[Named]) -> str | None:
    """The first place the sentence puts the event in ("in Jakarta", "at Ørland Air Station in Trøndelag")."""
    for named in names:
        if named.type in PLACE_TYPES or named.kind in PLACE_KINDS:
            if pattern(DATA, "place_before").search(text[max(0, named.start - offset - 40): named.start - offset]):
                return named.text
    return None


def _paired_countries(named: Named, known: Collection[str]) -> list[str]:
    """The countries a forum's name pairs ("the U.S.-Germany Space Dialogue", "India-U.S. Defense Acceleration
    Ecosystem"), those among the document's entities (``known``): they take part in what the forum holds; none
    unless two or more parts of the pair are countries."""
    if named.type == COUNTRY:
        return []
    match = pattern(DATA, "paired_name").match(named.text)
    countries = countries_named(match["pair"].split("-")) if match else []
    return [c for c in countries if c in known] if len(countries) >= 2 else []


def _occasion(text: str) -> str | None:
    match = pattern(DATA, "occasion").search(text)
    return match["occasion"] if match else None


def _own_issuing(text: str, title: str | None, cues: list[Cue]) -> set[Cue]:
    """The statement cues that tell the document's own issuing, when its title announces its own nominations or
    appointments ("President Biden Announces Key Nominations"): the title's announcing cue and the lead's that retells
    it ("Today, President Biden announced his intent to nominate ..."), not a happening the document tells."""
    if not title or not text.startswith(title) or not pattern(DATA, "personnel_announcement").search(title):
        return set()
    lead = lead_end(text, title)
    return {c for c in cues if c.label == "statement" and c.start < lead
            and pattern(DATA, "announcing").match(text[c.start:c.end])}


def _refers_back(text: str, cue: Cue) -> bool:
    """Whether the cue names a happening already told ("this visit", "the talks", a gathering's "in his conversation
    with"), not a new one."""
    if cue.label in GATHERINGS and pattern(DATA, "possessive_retelling").search(text[:cue.start]):
        return True
    before = pattern(DATA, "back_reference").search(text[:cue.start])
    if before is None:
        return False
    return not (before["definite"] and pattern(DATA, "own_description").match(text[cue.end:]))


def _habit(text: str, cue: Cue) -> bool:
    """Whether the cue tells a habit ("we meet regularly", "citizens visit Peru annually", "at all our meetings",
    "these biannual meetings", "numerous conversations with", "calls with lawmakers") or what happened again and
    again ("we have met several times"), not a happening: the guideline records no generic habit."""
    before, after = text[:cue.start], text[cue.end:]
    if pattern(DATA, "habit_before").search(before) or pattern(DATA, "habit_after").match(after):
        return True
    words = text[cue.start:cue.end]
    if cue.label in GATHERINGS and pattern(DATA, "plural_gathering").match(words):
        return True
    return cue.label in RECURRING and _plural(words) and pattern(DATA, "recurring_before").search(before) is not None


def _plural(words: str) -> bool:
    """Whether a cue names its happening in the plural ("meetings", "conversations with", "phone calls with"), not
    counting a possessive ("Russia's aggression")."""
    return PLURAL_WORD.search(words) is not None


def _unreal(text: str, cue: Cue) -> bool:
    """Whether the sentence tells the cue's happening under a condition or negated ("in the event of future armed
    attack", "we are not looking for a war with"): a happening that is not, or only might be, no event."""
    return pattern(DATA, "unreal_before").search(text[:cue.start]) is not None


def _civil(text: str) -> bool:
    """Whether a sentence tells a civil subject and nothing of defence ("signed a free trade agreement", "welcomed
    the signing of an MoU on clean energy"): a signing there is no deal the guideline records."""
    return pattern(DATA, "civil_subject").search(text) is not None and pattern(DATA, "defence_words").search(text) is None


def _spokespeople(doc: Doc) -> frozenset[str]:
    """The people the document names by a spokesperson's title ("Press Secretary Jen Psaki", a press
    secretary's role): their "we" is the government they speak for, not a happening they take part in.
    Worked out once per document."""
    found = doc.user_data.get(SPOKESPEOPLE)
    if found is None:
        title, text = pattern(DATA, "spokesperson_title"), doc_text(doc)
        by_role = {role.person for role in doc._.roles or [] if title.search(role.title)}
        by_title = {entity.id for entity in doc._.entities or [] for m in entity.mentions
                    if any(not text[t.end():m.start].strip()
                           for t in title.finditer(text, max(0, m.start - TITLE_REACH), m.start))}
        found = doc.user_data[SPOKESPEOPLE] = frozenset(by_role | by_title)
    return found


def _verb_chain(doc: Doc, start: int, end: int) -> list[Token]:
    """The verb governing the words at ``[start, end)`` and those it is joined to ("arrived and announced", "is going
    to announce"), nearest first; empty without a parse."""
    index = _clause_verb(doc, start, end)
    if index is None:
        return []
    chain = [doc[index]]
    while chain[-1].dep_ in ("conj", "xcomp") and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _subject_of(chain: list[Token]) -> str | None:
    """The subject word of the nearest verb of ``chain`` that has one ("He" of "He will give an address")."""
    return next((c.lower_ for verb in chain for c in verb.children if c.dep_ in SUBJECTS), None)


def _life_story(chain: list[Token]) -> bool:
    """Whether a verb of ``chain`` tells what someone has done or is (``perfect_auxiliary``: "He has served on the
    board", "He is a former board member"): a life story, no happening."""
    perfect = pattern(DATA, "perfect_auxiliary")
    return any((verb.pos_ == "AUX" and verb.lemma_ == "be" and verb.dep_ == "ROOT")
               or any(c.dep_ == "aux" and perfect.fullmatch(c.lower_) for c in verb.children) for verb in chain)


def _subject_depth(doc: Doc, named: Named) -> int | None:
    """How many clauses down its sentence a name is the subject ("Blinken" of "Let me say that Blinken met ...":
    1), or None when it is no clause's subject ("President Biden will travel", "Kirby, the spokesman, said" are)
    or the subject of an infinitive ("met with Lavrov to share our concerns": a parse that takes the object)."""
    span = doc.char_span(named.start, named.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    token = token.head if token.dep_ in ("appos", "compound") else token
    if token.dep_ not in SUBJECTS or any(c.dep_ == "aux" and c.lower_ == "to" for c in token.head.children):
        return None
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def _pronoun_antecedent(doc: Doc, sent: SentSpan, cue: Cue) -> str | None:
    """The person a "he" subject of the cue stands for (``person_pronoun``: "He will give a major address"): the last
    person named as a subject before the sentence, in its paragraph or the one before and within the same transcript
    turn, of that sentence's main clause rather than of one within it ("Blinken met with Lavrov to share ...");
    None in a life story (``_life_story``), when the subject is no such pronoun or nobody was."""
    chain = _verb_chain(doc, sent.start_char + cue.start, sent.start_char + cue.end)
    subject = _subject_of(chain)
    if subject is None or not pattern(DATA, "person_pronoun").fullmatch(subject) or _life_story(chain):
        return None
    text = doc_text(doc)
    paragraphs = [0, *(m.end() for m in PARAGRAPH_BREAK.finditer(text, 0, sent.start_char))]
    window = paragraphs[-2] if len(paragraphs) > 1 else 0
    turn = next((t for t in doc._.turns or [] if t.start <= sent.start_char < t.end), None)
    window = max(window, turn.start) if turn is not None else window
    subjects = [(n, depth) for n in sentence_names(doc, window, sent.start_char)
                if n.type == PERSON and n.kind != "pronoun" for depth in [_subject_depth(doc, n)] if depth is not None]
    if not subjects:
        return None
    last = doc.char_span(subjects[-1][0].start, subjects[-1][0].end, alignment_mode="expand").sent.start
    in_last = [(n, depth) for n, depth in subjects
               if doc.char_span(n.start, n.end, alignment_mode="expand").sent.start == last]
    shallowest = min(depth for _, depth in in_last)
    return [n for n, depth in in_last if depth == shallowest][-1].id


def _in_turn(doc: Doc, char: int) -> bool:
    """Whether ``char`` lies in a transcript's turn: someone's words, not the reporter's account."""
    return any(turn.start <= char < turn.end for turn in doc._.turns or [])


def _simple_past(doc: Doc, start: int, end: int) -> bool:
    """Whether the words at ``[start, end)`` are the sentence's main account in the simple past ("the President
    also met", "was signed"): not the perfect ("had run", "has met"), not a clause inside another ("where he met",
    "officials say Tehran began")."""
    index = _clause_verb(doc, start, end)
    if index is None:
        return False
    verb = doc[index]
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ROOT":
        return False
    auxiliaries = [c for c in doc[index].children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_ == "have" for a in auxiliaries):
        return False
    return (doc[index].tag_ == "VBD" and not auxiliaries) or any(a.tag_ == "VBD" for a in auxiliaries)


def _ahead(doc: Doc, sent: SentSpan, start: int, end: int) -> bool:
    """Whether the clause of the words at ``[start, end)`` is in the future (``tense_at``); not when the parse
    finds their verb beyond the sentence (a headline with no verb run into the first line of the text)."""
    index = _clause_verb(doc, start, end)
    return index is not None and sent.start <= index < sent.end and tense_at(doc, start, end) == "future"


def _going_on(doc: Doc, start: int, end: int) -> bool:
    """Whether the words at ``[start, end)`` are the verb of the sentence's main account in the present progressive
    ("the Corporation is announcing", "the leaders are announcing"): told as it happens, on the day of the item."""
    index = _clause_verb(doc, start, end)
    if index is None or not start <= doc[index].idx < end or doc[index].dep_ != "ROOT" or doc[index].tag_ != "VBG":
        return False
    return any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") and c.lemma_ == "be" for c in doc[index].children)


def _day_of(doc: Doc, sent: SentSpan, cue: Cue, day: DateValue | None,
            told_day: DateValue | None, now_day: DateValue | None = None) -> DateValue | None:
    """The day of a happening its sentence gives no date: the publication day when it has "just" taken place,
    when the lead tells it in the past or with no verb (``day``), the reporter's account of a news item in
    the simple past or as going on now (``told_day``: "the President also met", "the Agency is announcing"), or a
    speaker's account of an announcement or of what goes on as he speaks (``now_day``: "the Department is
    announcing", "they are meeting now"); else None."""
    offset, text = sent.start_char, sentence_text(sent)
    start, end = offset + cue.start, offset + cue.end
    published = doc._.article.published if doc._.article is not None else None
    if published is not None and pattern(DATA, "just_now").search(text[:cue.start]):
        return published
    if day is not None and not _ahead(doc, sent, start, end):
        return day
    if told_day is not None and (_simple_past(doc, start, end) or _going_on(doc, start, end)):
        return told_day
    if now_day is not None and _going_on(doc, start, end) \
            and (cue.label == "statement" or pattern(DATA, "going_on_now").search(text)):
        return now_day
    return None


def _sentence_events(doc: Doc, sent: SentSpan, names: list[Named], system: Named | None,
                     doc_cues: list[Cue], day: DateValue | None = None,
                     told_day: DateValue | None = None) -> list[tuple[Event, bool, str | None, Telling]]:
    """One event per type the sentence reports, each with whether every cue of its type refers back to a
    happening already told and the participant only a "he" stands for, if any (``doc_cues``: the event cues of the whole text; ``day`` and ``told_day``: the
    publication day in the lead and in the reporter's account of a news item, for ``_day_of``)."""
    offset, text = sent.start_char, sentence_text(sent)
    cues: dict[str, list[Cue]] = {}
    for cue in cues_within(doc_cues, offset, sent.end_char):
        if not _habit(text, cue) and not _unreal(text, cue):
            cues.setdefault(cue.label, []).append(cue)
    if not cues:
        return []
    if pattern(DATA, "attributed_quote").match(text):
        return []
    parties = [n for n in names if n.type not in PLACE_TYPES and n.kind not in PLACE_KINDS]
    known = {entity.id for entity in doc._.entities or []}
    participants = list(dict.fromkeys([i for n in parties for i in (n.id, *_paired_countries(n, known))]))
    published = doc._.article.published if doc._.article is not None else None
    speaker = speaker_at(doc, offset)
    if speaker and pattern(DATA, "first_person").search(text) and speaker not in participants \
            and speaker not in _spokespeople(doc):
        participants.insert(0, speaker)
    # a news agency takes part in no happening it reports, only in a statement it makes
    reporters = {i for i in participants if catalogue_field(i, "is_agency")}
    dates = dates_between(doc, offset, sent.end_char)
    voices = _voices(doc, offset, sent.end_char)
    heading = pattern(DATA, "section_heading").match(text.strip()) is not None
    events = []
    for label, label_cues in cues.items():
        if label == "deal_signing" and _civil(text):
            continue
        ids = [i for i in participants if label == "statement" or i not in reporters]
        ids += [system.id] if label in NEEDS_SYSTEM and system and system.id not in participants else []
        antecedent = _pronoun_antecedent(doc, sent, label_cues[0])
        inferred = antecedent if antecedent and antecedent not in ids else None
        ids = [antecedent, *(i for i in ids if i != antecedent)] if antecedent else ids
        if not ids:
            continue
        told_before = heading or all(_refers_back(text, cue) for cue in label_cues)
        for cue, date in _happenings(doc, label_cues, dates, offset):
            if date is None:
                date = _day_of(doc, sent, cue, day, None if told_before else told_day,
                               None if told_before else published)
            retelling = _retelling(doc, sent, cue)
            events.append((Event(type=label, participants=list(ids), evidence=Span(offset, sent.end_char, text),
                                place=_place(text, offset, names), date=date,
                                occasion=_occasion(text)), told_before, inferred,
                           Telling(frozenset(voices & set(ids)), retelling, _spokespeople(doc) & set(ids))))
    return events


def _voices(doc: Doc, start: int, end: int) -> set[str]:
    """Who speaks the words at ``[start, end)``: the speaker of the transcript turn they are in and of the quotes
    that hold them."""
    found = {speaker_at(doc, start)}
    found |= {q.speaker for q in doc._.quotes or [] if q.evidence.start <= start and end <= q.evidence.end}
    return {v for v in found if v}


def _retelling(doc: Doc, sent: SentSpan, cue: Cue) -> bool:
    """Whether the sentence tells its happening as to come or intended ("will meet", "on our way to meet with"),
    a trip announced, or as someone's own ("after our meeting today"): often one already told, not one of its own."""
    start, end, text = sent.start_char + cue.start, sent.start_char + cue.end, sentence_text(sent)
    return pattern(DATA, "intended_before").search(text[:cue.start]) is not None \
        or pattern(DATA, "possessive_before").search(text[:cue.start]) is not None \
        or pattern(DATA, "intended_cue").match(text, cue.start) is not None or _ahead(doc, sent, start, end)


def _listed_after(doc: Doc, dates: list[TimeExpression], cue_end: int, date: TimeExpression) -> list[TimeExpression]:
    """``date`` and the dates listed with it, when the list follows the cue closely ("summits held on February 25,
    2022 and March 24, 2022", "exercises in 2023 and 2024"): a happening each. A period ("through 2022 and 2023",
    "over July and August") or a list before the cue stays one date."""
    text = doc_text(doc)
    if not (0 <= date.start - cue_end <= OWN_DATE_CHARS and pattern(DATA, "list_opening").search(text[cue_end:date.start])):
        return [date]
    listed = [date]
    for other in dates:
        if other.start >= listed[-1].end and pattern(DATA, "coordinated_date").match(text[listed[-1].end:other.start]):
            listed.append(other)
    return listed


def _happenings(doc: Doc, cues: list[Cue], dates: list[TimeExpression],
                offset: int) -> list[tuple[Cue, DateValue | None]]:
    """The happenings of one type a sentence tells, each a cue and its date: the first cue with the date of its
    clause, then each later cue followed closely by a date of its own ("the summit held in February ... the
    summit to be held in September"); a list of dates after a cue is a happening per date."""
    first = _date_of(doc, dates, offset + cues[0].start, offset + cues[0].end)
    found = [(cues[0], d.value) for d in _listed_after(doc, dates, offset + cues[0].end, first)] if first \
        else [(cues[0], None)]
    for cue in cues[1:]:
        own = next((d for d in dates if 0 <= d.start - offset - cue.end <= OWN_DATE_CHARS
                    and not _ends_period(doc, d) and not dates_only_what_follows(d)), None)
        if own is not None and all(own.value != date for _, date in found):
            found += [(cue, d.value) for d in _listed_after(doc, dates, offset + cue.end, own)
                      if all(d.value != date for _, date in found)]
    return found


@dataclass(frozen=True, slots=True)
class Telling:
    """How a sentence tells an event, for ``_other_counterparts``: its participants who speak the words (the speaker
    of the turn or quote the sentence is in), whether it retells a happening (``_retelling``), and its
    participants named by a spokesperson's title (``_spokespeople``), who host and meet nobody."""

    voices: frozenset[str] = frozenset()
    retelling: bool = False
    spokespeople: frozenset[str] = frozenset()


def _kind(entity: str) -> str:
    return entity.split(":", 1)[0]


def _other_counterparts(a: Event, b: Event, discounted: tuple[Collection[str], Collection[str]],
                        affiliations: dict[str, set[str]], retelling: bool, aside: Collection[str] = ()) -> bool:
    """Whether two meetings sharing their host side are two happenings: the host ("Putin" and Russia) met one
    counterpart, then another ("Modi", then "Xi"). The participants both name are the host side, at most one
    person and one country; each side brings a counterpart person or country, and the two sides' counterparts, with
    the bodies and countries the counterpart people hold office in (``affiliations``), have none in common. A
    participant who speaks the words or only a "he" stands for (``discounted``: a's and b's), nor the country or body
    he holds office in, is no counterpart; a meeting told as intended or to come ("on our way to meet with") or as
    someone's own ("after our meeting today") is a retelling (``retelling``), not another; a spokesperson (``aside``)
    is on neither side."""
    if a.type != "meeting" or retelling:
        return False
    first, second = set(a.participants) - set(aside), set(b.participants) - set(aside)
    shared = first & second
    if sum(_kind(i) == "person" for i in shared) > 1 or sum(_kind(i) == "country" for i in shared) > 1:
        return False
    # the speaker's own country or body ("Kishida" speaking, Japan) counts as the speaker
    aside_of = [set(d) | {o for i in d for o in affiliations.get(i, ())} for d in discounted]
    sides = [first - shared - aside_of[0], second - shared - aside_of[1]]
    if not all(any(_kind(i) in ("person", "country") for i in side) for side in sides):
        return False
    reach = [side | {o for i in side for o in affiliations.get(i, ())} for side in sides]
    # a counterpart of the host's own country ("Putin" met his minister) leaves that country the host's
    foreign = shared - {o for i in shared for o in affiliations.get(i, ())}
    return reach[0].isdisjoint(reach[1]) and not any(foreign & r for r in reach)


def _same_date(a: DateValue | None, b: DateValue | None) -> bool:
    """Dates that may name one day: the same, or either unknown."""
    return a is None or b is None or a == b


def _same_happening(a: Event, b: Event, lead: int = 0, people: Collection[str] = (),
                    inferred: tuple[Collection[str], Collection[str]] = ((), ())) -> bool:
    """Same type, compatible dates, and two participants in common; in the title and lead, which tell one
    happening twice (the headline, then its first sentence), one event's participants within the other's.
    A gathering on one known day: the title's and the lead's are one whoever they name ("Meeting with Defence
    Ministry leadership", then "The President held a meeting on defence issues"); so are the lead's and one told
    after the lead sharing a participant and bringing in no person of its own (``people``: the document's people).
    A participant only a "he" stands for (``inferred``: a's and b's) counts for none of this."""
    if a.type != b.type or not _same_date(a.date, b.date):
        return False
    first, second = set(a.participants) - set(inferred[0]), set(b.participants) - set(inferred[1])
    if len(first & second) >= 2 or (first == second and first):
        return True
    if a.type in GATHERINGS and a.evidence.start < lead and a.date is not None and a.date == b.date:
        if a.evidence.start == 0 and b.evidence.start < lead:
            return True
        if b.evidence.start >= lead and first & second and (second - first).isdisjoint(people):
            return True
    return a.evidence.start < lead and b.evidence.start < lead and (first <= second or second <= first)


def merge_events(events: list[Event], lead: int = 0, told_before: Collection[int] = (),
                 people: Collection[str] = (), inferred: dict[int, str] | None = None,
                 tellings: list[Telling] | None = None,
                 affiliations: dict[str, set[str]] | None = None) -> list[Event]:
    """Events of one type on one date (or undated) with two participants in common become one, the first
    keeping its evidence; so do two in the title and lead (before ``lead``) when one's participants are all
    among the other's, and those ``_same_happening`` finds told again on the lead's day. An event at an index
    of ``told_before`` (a mention that refers back: "this visit") joins the latest event of its type on a
    compatible date, whoever it names. A participant only a "he" stands for (``inferred``: by an event's index)
    counts towards no merging. Two meetings that share their host side but whose counterparts differ
    (``_other_counterparts``, read with ``tellings``: by an event's index) stay two, unless the later refers back or
    both are in the title and lead."""
    merged: list[Event] = []
    merged_inferred: list[set[str]] = []
    merged_discounted: list[set[str]] = []
    merged_retelling: list[bool] = []
    merged_aside: list[set[str]] = []
    affiliations = affiliations or {}
    for index, event in enumerate(events):
        own = {inferred[index]} if inferred and index in inferred else set()
        telling = tellings[index] if tellings else Telling()
        discounted = own | telling.voices

        def apart(k: int) -> bool:
            if index in told_before or (merged[k].evidence.start < lead and event.evidence.start < lead):
                return False
            return _other_counterparts(merged[k], event, (merged_discounted[k], discounted), affiliations,
                                       telling.retelling or merged_retelling[k], merged_aside[k] | telling.spokespeople)

        at = next((k for k, m in enumerate(merged)
                   if _same_happening(m, event, lead, people, (merged_inferred[k], own)) and not apart(k)), None)
        if at is None and index in told_before:
            at = next((k for k in reversed(range(len(merged)))
                       if merged[k].type == event.type and _same_date(merged[k].date, event.date)), None)
        if at is None:
            merged.append(event)
            merged_inferred.append(own)
            merged_discounted.append(discounted)
            merged_retelling.append(telling.retelling)
            merged_aside.append(set(telling.spokespeople))
            continue
        same = merged[at]
        named = (set(same.participants) - merged_inferred[at]) | (set(event.participants) - own)
        merged_inferred[at] = (merged_inferred[at] | own) - named
        plain = (set(same.participants) - merged_discounted[at]) | (set(event.participants) - discounted)
        merged_discounted[at] = (merged_discounted[at] | discounted) - plain
        merged_retelling[at] = merged_retelling[at] and telling.retelling
        merged_aside[at] |= telling.spokespeople
        same.participants = list(dict.fromkeys(same.participants + event.participants))
        same.date = same.date or event.date
        same.place = same.place or event.place
        same.occasion = same.occasion or event.occasion
    return merged


def doc_events(doc: Doc) -> list[Event]:
    """Every event the article reports."""
    told: list[tuple[Event, bool, str | None, Telling]] = []
    recent: list[Named] = []
    text = doc_text(doc)
    article = doc._.article
    title = article.title if article is not None else None
    doc_cues = find_cues(DATA, "event_types", text)
    own_issuing = _own_issuing(text, title, doc_cues)
    doc_cues = [c for c in doc_cues if c not in own_issuing]
    lead = lead_end(text, title)
    published = article.published if article is not None else None
    for sent in sentences(doc):
        names = sentence_names(doc, sent.start_char, sent.end_char)
        systems = [n for n in names if n.type == SYSTEM]
        system = systems[0] if systems else referred_system(sent, recent)
        recent = remember(recent, systems)
        day = published if sent.start_char < lead else None
        told_day = published if lead and not _in_turn(doc, sent.start_char) else None
        told += _sentence_events(doc, sent, names, system, doc_cues, day, told_day)
    people = {entity.id for entity in doc._.entities or [] if entity.type == PERSON}
    affiliations: dict[str, set[str]] = {}
    for role in doc._.roles or []:
        if role.org:
            affiliations.setdefault(role.person, set()).add(role.org)
    return merge_events([event for event, _, _, _ in told], lead, {i for i, (_, back, _, _) in enumerate(told) if back},
                        people, {i: inferred for i, (_, _, inferred, _) in enumerate(told) if inferred},
                        [telling for _, _, _, telling in told], affiliations)


@Language.component("defgraph_events", requires=["doc._.entities", "doc._.dates", "doc._.roles"], assigns=["doc._.events"])
def events_component(doc: Doc) -> Doc:
    doc._.events = doc_events(doc)
    return doc
