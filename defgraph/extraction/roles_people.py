"""People the entity stage missed beside an office title, proposed by the roles component.

Reads the title matches and ``doc._.entities``; writes ``doc._.entities`` and ``doc._.proposed_people``.
Where an office title stands right before a capitalised name that no person mention covers, the name
is proposed as a ``Person``: a name nothing covers ("Special Envoy Karlsson"), a given name before a
surname that was tagged alone ("Presidential Adviser Olga | Lindqvist"), or a name an organisation's
mention swallowed ("Director of the Federal Agency for Road Transport Olga Lindqvist", "NSA Karlsson"),
the organisation then keeping only its own words; a well-known person's surname that the tagger took
for a place or a body ("President Biden") is that person. A proposed name joins a person of the document
with the same surname. The name that opens a line of an appointment list ("Tara M. Jamison, Commissioner,
...") is proposed too, where nothing covers it or a place's or body's mention takes it whole. Each proposal's
entity id goes to ``doc._.proposed_people``, so that the role
scorer knows the person rests on the title alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span as SpacySpan

from defgraph.extraction.entities_vocabulary import new_id, word_lists
from defgraph.extraction.mentions import INDEX
from defgraph.extraction.roles_vocabulary import Vocabulary, name_key
from defgraph.model import Entity, Mention

if not Doc.has_extension("proposed_people"):
    Doc.set_extension("proposed_people", default=None)

_INITIAL = re.compile(r"[A-Z]\.")
_PARTICLES = {"al", "bin", "de", "van", "von", "da", "del", "di", "el", "le"}
_BODIES = ("Organization", "Location")  # what an NER span that swallowed a name was typed as
_MAX_WORDS = 4
_JOINERS = {"of", "for", "on", "and", "&", "the", "in", "at", "to"}
_PLACES = {"GPE", "LOC", "FAC", "NORP"}
_NOUN_ENDINGS = ("tion", "sion", "ment", "ity", "ness", "ship", "ance", "ence", "ology", "ism", "ics")  # no surnames


@dataclass(frozen=True, slots=True)
class NameWords:
    """The words no name is made of: titles, bodies, places, countries, months."""

    stop: frozenset[str]
    common: set[str]  # the words the document at hand writes in lower case: no names

    @classmethod
    def build(cls, vocab: Vocabulary) -> NameWords:
        words = word_lists()
        stop = {w.lower() for key in ("person_titles", "person_stopwords", "organisation_heads", "calendar_words",
                                      "place_names", "office_words", "person_role_nouns") for w in words[key]}
        stop |= set(vocab.country_words) | set(vocab.office_words) | set(vocab.times) | set(vocab.honorifics)
        stop |= {w for t in (*vocab.titles, *vocab.ranks) for w in t.text.lower().split()}
        return cls(frozenset(stop), set())

    def is_name_word(self, token, first: bool, last: bool) -> bool:
        """A word of a person's name: capitalised (or an initial, or a particle inside), no title or body word."""
        text = token.text
        if _INITIAL.fullmatch(text):
            return not last
        if text.lower() in _PARTICLES:
            return not first and not last
        if not text.isalpha() or not text[0].isupper() or (text.isupper() and len(text) > 1):
            return False
        lower = text.lower()
        return lower not in self.stop and lower not in self.common and not lower.endswith(_NOUN_ENDINGS) \
            and token.pos_ in ("PROPN", "")  # no tags in the fast pipeline

    def is_name(self, tokens: SpacySpan, hyphened: bool = False) -> bool:
        """Whether the words are a person's name as a whole (1 to 4 words, the last one a surname); with
        ``hyphened``, a word may be two joined by a hyphen ("Jenna Ben-Yehuda")."""
        if hyphened:
            tokens = [t for t in tokens if not _joining_hyphen(t)]
        n = len(tokens)
        if n and tokens[0].i > 1 and tokens[0].doc[tokens[0].i - 1].text == "-" \
                and not tokens[0].doc[tokens[0].i - 2].whitespace_:
            return False  # "Military-Technical Cooperation"
        return 0 < n <= _MAX_WORDS and all(self.is_name_word(t, i == 0, i == n - 1) for i, t in enumerate(tokens))


def _joining_hyphen(token) -> bool:
    """A hyphen written between two words without spaces: "Ben-Yehuda"."""
    return token.text == "-" and 0 < token.i < len(token.doc) - 1 and not token.whitespace_ \
        and not token.doc[token.i - 1].whitespace_


def _ends_name(doc: Doc, k: int) -> bool:
    """Whether a name may end before token ``k``: the text ends, or no capitalised word runs on."""
    if k >= len(doc):
        return True
    token = doc[k]
    if token.text in ("-", "‐") and not doc[k - 1].whitespace_:
        return False  # "Jean-" of a hyphenated name
    return not (token.is_alpha and token.text[0].isupper()) or "\n" in doc[k - 1].whitespace_


def _tail(doc: Doc, start: int, end: int, words: NameWords) -> int | None:
    """Where a name at the end of ``[start, end)`` begins: two words, or more before an initial or particle
    ("Olga Lindqvist", "Joseph R. Karlsson"); None if its last words are no name."""
    first = end - 2
    if first <= start:
        return None
    while first > start and (_INITIAL.fullmatch(doc[first].text) or doc[first].lower_ in _PARTICLES):
        first -= 1
    if doc[first - 1].lower_ in _JOINERS or any(t.ent_type_ in _PLACES for t in doc[first:end]):
        return None  # "Bar Association of Santa Clara": the body's own words
    return first if words.is_name(doc[first:end]) else None


def lower_words(doc: Doc) -> set[str]:
    """The words ``doc`` writes in lower case, read from its vocabulary once per distinct word."""
    lexemes = (doc.vocab[orth] for orth in numpy.unique(doc.to_array(ORTH)).tolist())
    return {lexeme.orth_ for lexeme in lexemes if lexeme.is_lower and lexeme.is_alpha}


def _rename(doc: Doc, body: Entity, name: str, owner: dict[int, tuple[Entity, Mention]]) -> None:
    """Name ``body`` by what is left of its mention; into the entity of that name, when the article has one
    ("Security Council" beside "Security Council Secretary X"): never two entities with one id."""
    entity_id = new_id(body.type, name)
    same = next((e for e in doc._.entities if e.id == entity_id and e is not body), None)
    if same is None:
        body.name, body.id = name, entity_id
        return
    same.mentions = sorted(same.mentions + body.mentions, key=lambda m: (m.start, m.end))
    body.mentions = []
    for token, (entity, mention) in list(owner.items()):
        if entity is body:
            owner[token] = (same, mention)


def _drop_emptied(doc: Doc) -> None:
    """After proposals moved mentions: drop the entities left without one, and the stale mention index."""
    doc._.entities = [e for e in doc._.entities if e.mentions]
    doc.user_data.pop(INDEX, None)


class Proposer:
    """Proposes the people named right after office titles (see the module docstring)."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.words = NameWords.build(vocab)
        self.known_surnames = frozenset(vocab.surnames)  # the well-known people's ("biden", "modi")
        self.suffixes = vocab.name_suffixes  # "Jr.", "IV"
        self.listing = False  # the title at hand is plural: its first name must open a list

    def __call__(self, doc: Doc, titles: list[tuple[SpacySpan, bool]], ranks: dict[int, tuple[int, object]]) -> None:
        """Propose the people named after ``titles`` (each with whether it is plural), after a rank there."""
        doc._.proposed_people = set()
        if not doc._.entities or not titles:
            return
        owner = self.owners(doc)
        changed = False
        for title, is_plural in titles:
            changed |= self.propose(doc, title, is_plural, owner, ranks)
        if changed:
            _drop_emptied(doc)

    def owners(self, doc: Doc) -> dict[int, tuple[Entity, Mention]]:
        """Token -> the (longest) mention covering it; the document's lower-case words noted for ``is_name``."""
        self.words.common.clear()
        self.words.common.update(lower_words(doc))
        owner: dict[int, tuple[Entity, Mention]] = {}
        for entity in doc._.entities or []:
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None or mention.kind in ("office", "pronoun"):
                    continue
                for i in range(span.start, span.end):
                    current = owner.get(i)
                    if current is None or current[1].end - current[1].start < mention.end - mention.start:
                        owner[i] = (entity, mention)
        return owner

    def listed(self, doc: Doc, names: list[tuple[int, int]]) -> None:
        """Propose the names that open the lines of an appointment list ("Tara M. Jamison, Commissioner, ...",
        "John Q. Kestrel IV, Member, ...", given as token spans): a name no mention covers, or one the tagger
        took for a place or body as a whole."""
        if not names or not doc._.entities:
            return
        self.listing = False
        owner = self.owners(doc)
        changed = False
        for start, end in names:
            name = doc[start:end]
            found = [owner.get(i) for i in range(start, end)]
            if not self.words.is_name(self.without_suffix(name), hyphened=True) \
                    or any(f is not None and f[0].type == "Person" for f in found):
                continue
            if all(f is None for f in found):
                changed |= self.add(doc, name, owner)
            elif all(f is not None and f[1] is found[0][1] for f in found):
                entity, mention = found[0]
                if entity.type in _BODIES and (mention.start, mention.end) == (name.start_char, name.end_char) \
                        and not entity.in_catalogue:
                    entity.mentions.remove(mention)
                    changed |= self.add(doc, name, owner)
        if changed:
            _drop_emptied(doc)

    def propose(self, doc: Doc, title: SpacySpan, is_plural: bool, owner: dict[int, tuple[Entity, Mention]],
                ranks: dict[int, tuple[int, object]]) -> bool:
        """Propose the person named after one title (a plural one: the first of a list); whether the
        entities changed."""
        self.listing = is_plural
        k = title.end
        inside = owner.get(title.start)
        if inside is not None and inside[0].type in _BODIES and inside[0] is owner.get(k, (None,))[0]:
            return self.split(doc, inside, owner, name_start=k, body_end=title.start)  # "NSA Karlsson": one body
        tail = owner.get(title.end - 1)
        if tail is not None and tail is not inside and tail[0].type in _BODIES and tail[0] is owner.get(k, (None,))[0]:
            return self.split(doc, tail, owner, name_start=k, body_end=title.start)  # "Director of [Intelligence X]"
        if k < len(doc) and doc[k].lower_ in ("of", "for"):
            k += 1 + (k + 1 < len(doc) and doc[k + 1].lower_ == "the")
            found = owner.get(k)
            if found is not None and found[0].type in _BODIES:
                return self.split(doc, found, owner)
            return False
        k = ranks[k][0] if k in ranks else k  # "Defence Minister General Olga Lindqvist"
        found = owner.get(k)
        if found is not None and found[0].type in _BODIES and self.is_known_surname(doc, found[0]):
            return self.retype(doc, found[0], owner)
        if k >= len(doc) or found is not None and found[0].type != "Person":
            return False
        if found is not None and found[0].type in _BODIES:
            return self.split(doc, found, owner)
        end = k
        while end < len(doc) and end - k < _MAX_WORDS and owner.get(end) is None \
                and (doc[end].text[:1].isupper() or doc[end].lower_ in _PARTICLES):
            end += 1
        person = owner.get(end)
        if end == k and person is None:
            return False
        if person is not None and person[0].type == "Person" and end > k:
            span = doc.char_span(person[1].start, person[1].end, alignment_mode="expand")
            if span is None or span.start != end or not self.words.is_name(doc[k:span.end]):
                return False
            return self.add(doc, doc[k:span.end], owner, replacing=person)  # a given name left out
        if person is None and end > k and _ends_name(doc, end) and self.words.is_name(doc[k:end]) \
                and all(t.ent_type_ in ("", "PERSON") for t in doc[k:end]):  # not "King Farouk Park"
            return self.add(doc, doc[k:end], owner)
        return False

    def without_suffix(self, name: SpacySpan) -> SpacySpan:
        """The name without the suffix that may close it ("John Q. Kestrel" of "John Q. Kestrel IV")."""
        return name[:-1] if len(name) > 2 and name[-1].text in self.suffixes else name

    def is_known_surname(self, doc: Doc, entity: Entity) -> bool:
        """Whether every mention of a place or body is one word, a well-known person's surname."""
        texts = {m.text for m in entity.mentions}
        return len(texts) == 1 and texts.pop().lower() in self.known_surnames and not entity.in_catalogue

    def retype(self, doc: Doc, entity: Entity, owner: dict[int, tuple[Entity, Mention]]) -> bool:
        """A well-known surname read as a place or body ("President Biden"): each of its mentions a person's."""
        changed = False
        for mention in list(entity.mentions):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            entity.mentions.remove(mention)
            changed |= self.add(doc, span, owner)
        return changed

    def split(self, doc: Doc, found: tuple[Entity, Mention], owner: dict[int, tuple[Entity, Mention]],
              name_start: int | None = None, body_end: int | None = None) -> bool:
        """A body's mention that runs on into a name: the name (its last words, or from ``name_start``) as a
        person, the body keeping its own words (up to ``body_end``, where a title inside the mention begins;
        none when the mention begins inside the title: "Director of [National Intelligence Olga Lindqvist]")."""
        body, mention = found
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not _ends_name(doc, span.end):
            return False
        first = _tail(doc, span.start, span.end, self.words) if name_start is None else name_start
        if first is None or first <= span.start or not self.words.is_name(doc[first:span.end]) \
                or self.holder(doc, doc[first:span.end]) is False:
            return False
        body.mentions.remove(mention)
        kept = doc[span.start:first if body_end is None else max(body_end, span.start)]
        named = any(m.start == kept.start_char and m.end == kept.end_char
                    for e in doc._.entities for m in e.mentions) if len(kept) else True
        if not named and kept[-1].is_title:  # else another entity names the body, or nothing is left of it
            body.mentions.append(Mention(kept.start_char, kept.end_char, kept.text, mention.kind))
            body.mentions.sort(key=lambda m: (m.start, m.end))
            if body.name == mention.text and not body.in_catalogue:
                _rename(doc, body, kept.text, owner)
        return self.add(doc, doc[first:span.end], owner)

    def add(self, doc: Doc, name: SpacySpan, owner: dict[int, tuple[Entity, Mention]],
            replacing: tuple[Entity, Mention] | None = None) -> bool:
        """The name as a mention of the document's person of that surname, else of a new person."""
        entities = doc._.entities
        text = name.text
        mention = Mention(name.start_char, name.end_char, text, "name")
        person = replacing[0] if replacing is not None else self.holder(doc, name)
        if person is False:
            return False
        if replacing is not None:
            person.mentions.remove(replacing[1])
        if person is None:
            entity_id = new_id("Person", text)
            person = next((e for e in entities if e.id == entity_id), None)
            if person is None:
                person = Entity(entity_id, "Person", text)
                entities.append(person)
        if " " in text and " " not in person.name:
            person.name = text  # the full name, where the article gave only the surname before
        person.mentions.append(mention)
        person.mentions.sort(key=lambda m: (m.start, m.end))
        for i in range(name.start, name.end):
            owner[i] = (person, mention)
        doc._.proposed_people.add(person.id)
        return True

    def holder(self, doc: Doc, name: SpacySpan) -> Entity | None | bool:
        """The document's one person of the name's surname, None for a new person, or False where the name
        may not stand: a lone word no person of the document bears nor the tagger takes for a person ("CEO
        Forum"), or a plural title's name
        that starts no list ("Leaders Training Program")."""
        if self.listing and (name.end >= len(doc) or doc[name.end].lower_ not in (",", "and")):
            return False
        surname = self.without_suffix(name)[-1].lower_
        same = [e for e in doc._.entities if e.type == "Person" and e.mentions  # "Tom Kestrel, Jr." is a Kestrel
                and name_key(e.name).split()[-1:] == [surname.replace("’", "'")]]
        if len(same) == 1:
            return same[0]
        lone = len(name) == 1 and name[0].ent_type_ != "PERSON" and surname not in self.known_surnames
        return False if lone else None
