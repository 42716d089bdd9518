"""Speaker turns: transcripts of remarks, press conferences and meetings as attributed speech.

Reads the text, ``doc._.entities`` and ``doc._.roles``; writes ``doc._.turns``, a list of ``Turn``:
the label that opens a paragraph ("Vladimir Putin:", "PRESIDENT BIDEN:", "THE PRESIDENT:", "Q"),
who it names and the span of what follows it, up to the next label or a closing line ("END 12:34 P.M.
EST", a cut "<…>"). A text is read as a transcript when at least two paragraphs open with a label, or
when one paragraph after the title opens with a label that names its speaker (a speech the text before
introduces: "President of Ruritania Ivan Kostov: Good afternoon, ...").

A label names a person when it ends in a person the article names ("Defence Minister Sergei
Shoigu:"), when its last word is the surname of one ("MS. PSAKI:" → Jen Psaki; a surname the
article names nowhere else becomes a person of its own), or when it is an office ("THE PRESIDENT:")
that the title gives a person ("Remarks by President Biden") or, failing that, the roles give to one
person, the one named first. A note in brackets beside the colon ("(retranslated)") is no part of a
label; a letter's greeting ("Dear Mr. Speaker:") is no label, and a fact sheet's headings are none. Journalists ("Q", "Question:") and unnamed
speakers ("MODERATOR:", "SENIOR ADMINISTRATION OFFICIAL:") have no speaker. The quotes component
makes each named speaker's turn one direct quote; ``speaker_at`` and ``in_question`` let the relation
components read "we" in a turn as the speaker's side and a question as no statement of fact.
The label vocabulary is data: ``data/turns.yaml``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from defgraph.data_files import load_yaml
from defgraph.extraction.doctext import doc_text
from defgraph.extraction.entities_vocabulary import new_id
from defgraph.extraction.mentions import add_mention, entity_by_id, mentions_in
from defgraph.extraction.publisher import point_of_view, publishing_body
from defgraph.model import Entity, Mention, Turn

DATA = Path(__file__).with_name("data") / "turns.yaml"
MIN_LABELS = 2
MAX_LABEL_WORDS = 14
QUESTION, UNNAMED, NAMED, OFFICE = "question", "unnamed", "named", "office"

# "Q And ..." opens a White House question without a colon; "Q — and ..." with a dash (80 corpus texts)
_QUESTION_OPENING = re.compile(r"Q\.?[^\S\n]+(?:(?=[A-Z(“\"'])|[—–][^\S\n]*(?=\S))")
# a note in brackets may stand before or after a label's colon: "Erdogan (retranslated):", "Hassan: (re-translated):"
_NOTE_BEFORE = r"(?:[^\S\n]*\([^()\n]{1,30}\))?:"
_NOTE_AFTER = r"(?:[^\S\n]*\([^()\n]{1,30}\):)?"
_UPPER_LABEL = re.compile(r"((?:[A-Z][A-Z.’'\-]*[^\S\n]+){0,6}[A-Z][A-Z.’'\-]*[A-Z.])"
                          + _NOTE_BEFORE + _NOTE_AFTER + r"[^\S\n]*")
_TITLE_LABEL = re.compile(r"([A-Z][^\n:!?;\"“”()]{0,120}?)" + _NOTE_BEFORE + _NOTE_AFTER + r"[^\S\n]+(?=\S)")
# the lower-case words a name-and-title label may hold ("Head of the Republic of Buryatia Alexei Tsydenov")
_LABEL_LINKS = frozenset({"of", "the", "and", "for", "de", "del", "la", "le", "al", "bin", "von", "van", "der",
                          "on", "in", "at", "to"})
_NAME_KINDS = frozenset({"name", "alias", "short_name", "acronym"})
_NAME_WORD = re.compile(r"[A-Z](?:[a-z’'\-]+[A-Za-z]|\.)")  # "Slyusar", "O’Brien", an initial "A."
_WORD = re.compile(r"[A-Za-z][\w’'\-]*\.?")

if not Doc.has_extension("turns"):
    Doc.set_extension("turns", default=None)


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    """The label vocabulary of ``data/turns.yaml``."""
    data = load_yaml(DATA.read_text(encoding="utf-8"))
    data["end_line"] = re.compile(data["end_line"], re.MULTILINE)
    return data


def _words(label: str) -> list[str]:
    return [w.rstrip(".").lower() for w in _WORD.findall(label)]


def _paragraph_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer(r"\n[^\S\n]*", text))]


def _looks_like_a_label(label: str) -> bool:
    """Names and titles only: every word capitalised or a linking word ("of", "the"), no verb between."""
    words = label.split()
    return 0 < len(words) <= MAX_LABEL_WORDS and all(w[0].isupper() or w in _LABEL_LINKS or _linked_name(w)
                                                     for w in words)


def _linked_name(word: str) -> bool:
    """A name joined to its particle: "al-Assad", "bin-Zayed"."""
    particle, _, name = word.partition("-")
    return particle in _LABEL_LINKS and name[:1].isupper()


def _label_at(text: str, start: int) -> tuple[str, int, int] | None:
    """The label opening the line at ``start``: its words and where the label and the speech begin."""
    question = _QUESTION_OPENING.match(text, start)
    if question:
        return "Q", start, question.end()
    for pattern in (_UPPER_LABEL, _TITLE_LABEL):
        match = pattern.match(text, start)
        if match and _looks_like_a_label(match.group(1)):
            return match.group(1), start, match.end()
    return None


def _person_in(doc: Doc, start: int, end: int) -> Entity | None:
    """The person a label names by name (an office word in it, "PRESIDENT", names no one by itself)."""
    people = [e for m, e in mentions_in(doc, start, end) if e.type == "Person" and m.kind in _NAME_KINDS]
    return people[-1] if people else None


def _drop_office_mentions(doc: Doc, start: int, end: int, speaker: Entity) -> None:
    """An office word inside a label that names someone else is no mention of another holder."""
    for mention, entity in mentions_in(doc, start, end):
        if mention.kind == "office" and entity is not speaker:
            entity.mentions.remove(mention)


def _person_by_surname(doc: Doc, surname: str) -> Entity | None:
    """The person whose name ends in ``surname``, else, for a family name written first ("Lee" of Lee Hsien
    Loong), the person whose full name opens with it."""
    surname = surname.lower()
    people = [e for e in doc._.entities or [] if e.type == "Person"]
    names = [(e, m.text.lower().split()) for e in people for m in e.mentions if m.kind != "office"]
    ending = next((e for e, words in names if words and words[-1].rstrip(".") == surname), None)
    if ending is not None or surname not in vocabulary()["family_name_first"]:
        return ending
    return next((e for e, words in names if len(words) > 1 and words[0] == surname), None)


def _office_holder(doc: Doc, office: str) -> Entity | None:
    """The person the title names with this office ("Remarks by President Biden"), else the one the roles
    give it (the first named when several hold it)."""
    titled = _named_in_title(doc, office)
    if titled is not None:
        return titled
    holders = {role.person for role in doc._.roles or [] if role.title.lower() == office.lower()}
    people = [e for e in doc._.entities or [] if e.id in holders]
    return min(people, key=lambda e: min((m.start for m in e.mentions), default=0), default=None)


def _add_first_name(doc: Doc, person: Entity, label_start: int, label_end: int) -> None:
    """A label's person the parse knows by the surname alone gets the first name the label gives
    ("... Tatarstan Rustam Minnikhanov:" → Rustam Minnikhanov)."""
    mention = next((m for m, e in mentions_in(doc, label_start, label_end) if e is person), None)
    if mention is None or mention.end != label_end or " " in person.name or person.name != mention.text:
        return
    first = re.search(r"(\S+)[^\S\n]+$", doc_text(doc)[label_start:mention.start])
    if first is None or not _NAME_WORD.fullmatch(first.group(1)) or first.group(1).endswith("."):
        return
    if first.group(1).lower() in vocabulary()["titles"] or first.group(1).lower() in _LABEL_LINKS:
        return
    start = label_start + first.start(1)
    if any(True for _ in mentions_in(doc, start, start + len(first.group(1)))):  # "Buryatia Tsydenov"
        return
    person.name = f"{first.group(1)} {person.name}"
    add_mention(doc, person.id, Mention(start, mention.end, doc_text(doc)[start:mention.end], "name"))


def _named_in_title(doc: Doc, office: str) -> Entity | None:
    """The person the first line names right after the office, not after a longer title ("Remarks by
    President Biden", but not "Vice President Harris" for the President)."""
    text = doc_text(doc)
    line_end = text.find("\n") if "\n" in text else len(text)
    titles = set(vocabulary()["titles"])
    for match in re.finditer(rf"\b{re.escape(office)}[^\S\n]+", text[:line_end], re.IGNORECASE):
        before = _words(text[:match.start()])[-1:]
        if before and before[0] in titles:
            continue
        named = [e for m, e in mentions_in(doc, match.end(), line_end)
                 if m.start == match.end() and e.type == "Person" and m.kind in _NAME_KINDS]
        if named:
            return named[0]
        surname = _NAME_WORD.match(text, match.end())
        if surname and not surname.group(0).endswith(".") and surname.group(0).lower() not in titles:
            return (_person_by_surname(doc, surname.group(0))
                    or _new_person(doc, surname.group(0), surname.start(), surname.end()))
    return None


def _new_person(doc: Doc, name: str, start: int, end: int) -> Entity:
    """A person a label names and the article names nowhere else ("MR. KIRBY:" → Kirby)."""
    entity = Entity(id=new_id("Person", name), type="Person", name=name)
    existing = entity_by_id(doc, entity.id)
    if existing is not None:
        return existing
    entity.mentions.append(Mention(start, end, doc_text(doc)[start:end], "name"))
    doc._.entities = [*(doc._.entities or []), entity]
    return entity


def _read_label(doc: Doc, label: str, label_start: int) -> tuple[str, Entity | None] | None:
    """What a label is (a question, an unnamed speaker, a named person, an office) and whom it names."""
    vocab = vocabulary()
    words = _words(label)
    phrase = " ".join(words)
    if phrase in vocab["questions"]:
        return QUESTION, None
    if phrase in vocab["unnamed"]:
        return UNNAMED, None
    if words[0] in vocab["salutations"]:
        return None
    label_end = label_start + len(label)
    person = _person_in(doc, label_start, label_end)
    if person is not None:
        _drop_office_mentions(doc, label_start, label_end, person)
        _add_first_name(doc, person, label_start, label_end)
        if person.name.isupper():  # named only in a capitalised label: "VARGA" is Varga
            person.name = person.name.title()
        return NAMED, person
    titles = set(vocab["titles"])
    if all(w in titles for w in words):
        office = vocab["offices"].get(" ".join(w for w in words if w != "the"))
        holder = _office_holder(doc, office) if office else None
        if holder is not None:  # "THE PRESIDENT" is the holder's title here, whoever else holds it
            for mention, entity in mentions_in(doc, label_start, label_end):
                if mention.kind == "office" and entity is not holder:
                    entity.mentions.remove(mention)
                    add_mention(doc, holder.id, mention)
        return (OFFICE, holder) if office else None
    if label.isupper() and words[-1] not in titles and any(w in titles for w in words[:-1]):
        surname_start = label_start + label.rstrip().rfind(label.split()[-1])
        person = _person_by_surname(doc, words[-1])
        if person is None:
            person = _new_person(doc, label.split()[-1].rstrip(".").title(), surname_start, label_end)
        else:
            add_mention(doc, person.id, Mention(surname_start, label_end, doc_text(doc)[surname_start:label_end], "name"))
        _drop_office_mentions(doc, label_start, label_end, person)
        return NAMED, person
    return None


def _named_by_label(doc: Doc, label: str, label_start: int) -> Entity | None:
    """"President of UAC Yury Slyusar" → Yury Slyusar: the label's last two words, when both look like names."""
    words = label.split()
    titles = set(vocabulary()["titles"])
    last = words[-2:]
    if len(last) < 2 or not all(_NAME_WORD.fullmatch(w) and w.lower().rstrip(".") not in titles for w in last):
        return None
    name = " ".join(last)
    start = label_start + label.rfind(name)
    existing = next((e for e in doc._.entities or [] if e.type == "Person" and e.name == name), None)
    if existing is not None:
        add_mention(doc, existing.id, Mention(start, start + len(name), name, "name"))
        return existing
    return _new_person(doc, name, start, start + len(name))


def _lone_speech(text: str, read: list) -> bool:
    """One label after the title, naming its speaker, opens a speech the text before introduces ("President
    of Ruritania Ivan Kostov: Good afternoon, ..."); a name before a quotation in marks is the
    quotation's attribution."""
    if len(read) != 1:
        return False
    _, label_start, speech_start, (kind, speaker) = read[0]
    return label_start > 0 and kind in (NAMED, OFFICE) and speaker is not None and text[speech_start] not in "“\"‘'"


def find_turns(doc: Doc) -> list[Turn]:
    """The labelled turns of a transcript, in text order: a transcript has two labels opening paragraphs,
    or one after its title that names its speaker; a fact sheet has none."""
    text = doc_text(doc)
    title = doc._.article.title if doc._.article is not None else None
    if title and any(re.search(p, title, re.IGNORECASE) for p in vocabulary()["untranscribed_titles"]):
        return []
    found = [label for start in _paragraph_starts(text) if (label := _label_at(text, start))]
    if not found:
        return []
    read = [(label, label_start, speech_start, kind_speaker)
            for label, label_start, speech_start in found
            if (kind_speaker := _read_label(doc, label, label_start)) is not None]
    if len(read) < MIN_LABELS and not _lone_speech(text, read):
        return []
    # in a transcript, a label ending in a first name and surname names a person the parse missed
    read += [(label, label_start, speech_start, (NAMED, person))
             for label, label_start, speech_start in found
             if not any(label_start == r[1] for r in read) and (person := _named_by_label(doc, label, label_start))]
    read.sort(key=lambda r: r[1])
    turns = []
    ends = [label_start for _, label_start, _, _ in read[1:]] + [len(text)]
    end_line = vocabulary()["end_line"]
    for (label, label_start, speech_start, (kind, speaker)), end in zip(read, ends):
        closing = end_line.search(text, speech_start, end)
        end = closing.start() if closing else end
        while end > speech_start and text[end - 1].isspace():
            end -= 1
        turns.append(Turn(label, kind, speaker.id if speaker else None, label_start, speech_start, end))
    return turns


_FIRST_PERSON_PLURAL = re.compile(r"\b(?:[Ww]e|WE|[Oo]ur|OUR|[Oo]urs|us)\b")


def _side_of(doc: Doc, speaker_id: str, publisher_side: Entity | None, house: str | None) -> Entity | None:
    """The country or body a speaker speaks for: the one their office in the article belongs to. An office of the
    publisher's own house speaks for the publisher's country: the White House press secretary's "we" is the
    United States, not the White House (which would take part in every event the briefing tells in the first
    person, and speak what an "it" there says); ``house`` is the publishing body (``publishing_body``)."""
    for role in doc._.roles or []:
        if role.person != speaker_id or not role.org:
            continue
        side = publisher_side if role.org == house else entity_by_id(doc, role.org)
        if side is not None and side.type in ("Country", "Organization"):
            return side
    return None


def _mark_first_person(doc: Doc, turns: list[Turn]) -> None:
    """Make "we", "our" and "us" in a turn mentions of the speaker's side, for the relation components: the
    side of the speaker's office in the article, else, for a label that is only an office ("THE PRESIDENT:"),
    the publisher's country (the White House's president is the American one)."""
    text = doc_text(doc)
    publisher = point_of_view(doc)
    publisher_side = entity_by_id(doc, publisher) if publisher else None
    house = publishing_body(doc)
    for turn in turns:
        side = _side_of(doc, turn.speaker, publisher_side, house) if turn.speaker else None
        if side is None and turn.kind == OFFICE:
            side = publisher_side
        if side is None:
            continue
        for match in _FIRST_PERSON_PLURAL.finditer(text, turn.start, turn.end):
            add_mention(doc, side.id, Mention(match.start(), match.end(), match.group(0), "pronoun"))


def _turn_at(doc: Doc, char: int) -> Turn | None:
    """The turn whose label or words cover ``char``."""
    turns = doc._.turns or []
    index = bisect_right([t.label_start for t in turns], char) - 1
    return turns[index] if index >= 0 and char < turns[index].end else None


def speaker_at(doc: Doc, char: int) -> str | None:
    """The entity id of whoever speaks at ``char`` in a transcript (None outside turns or for the unnamed)."""
    turn = _turn_at(doc, char)
    return turn.speaker if turn else None


def in_question(doc: Doc, char: int) -> bool:
    """Whether ``char`` lies in a journalist's question: words that state no fact."""
    turn = _turn_at(doc, char)
    return turn is not None and turn.kind == QUESTION


@Language.component("defgraph_turns", requires=["doc._.entities", "doc._.roles"], assigns=["doc._.turns"])
def turns_component(doc: Doc) -> Doc:
    doc._.turns = find_turns(doc)
    _mark_first_person(doc, doc._.turns)
    return doc
