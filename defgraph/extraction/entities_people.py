"""The person shapes of the entities component: which words name a person.

``PersonShapes`` is a mixin of ``entities.EntityRecogniser``: the rule candidates for people (a surname after a
capitalised title, the people a moderator calls on, the leaders an administration is named after) and the tests
NER's spans go through: words that can be a name, a common given name, a surname after a title or a kin noun, a
person after an office's portfolio, a first name before an initial. It reads the word sets, patterns and
gazetteer the recogniser sets up, and its place tests.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from defgraph.extraction.entities_vocabulary import DASHES, RULE, Candidate
from defgraph.extraction.scanning import finditer


class PersonShapes:
    """Which words name a person (see the module docstring)."""

    def leader_candidates(self, text: str) -> Iterator[Candidate]:
        """The leaders an administration is named after: "Biden" and "Harris" in "the Biden-Harris Administration"."""
        for match in finditer(self.patterns.administration, text):
            offset = match.start("names")
            for surname in re.finditer(r"[^-]+", match.group("names")):
                if surname.group(0) in self.leader_surnames:
                    yield Candidate(offset + surname.start(), offset + surname.end(), "Person", None, "name", RULE)

    def titled_surname_candidates(self, doc: Doc, taken: bytearray) -> Iterator[Candidate]:
        """A one-word name NER missed right after a capitalised title ("Speaker Velden", "Mayor Orlan"), when no
        capitalised word runs on after it; not a title's own qualifier ("Ambassador Extraordinary", "Secretary
        General"), an office, a place or a name the catalogue knows."""
        for title in doc[:-1]:
            name = doc[title.i + 1]
            if not self.is_surname_title(title) or title.whitespace_ != " " or name.pos_ != "PROPN" \
                    or not name.is_title or not name.text[-1].isalpha() or any(taken[name.idx:name.idx + len(name)]):
                continue
            after = doc[name.i + 1] if name.i + 1 < len(doc) else None
            if after is not None and (after.is_title and after.is_alpha
                                      or not name.whitespace_ and after.text in DASHES):
                continue  # "President Ana Reyes", "Secretary Jean-Pierre": a longer name, NER's to read
            word = name.lower_
            if word in self.title_qualifiers or word in self.offices or word in self.titles \
                    or word in self.member_titles or word in self.function_words \
                    or self.gazetteer.find(name.text) is not None or self.is_known_place(name.text) \
                    or not self.is_person_words([name.text]):
                continue
            yield Candidate(name.idx, name.idx + len(name), "Person", None, "name", RULE)

    def called_on_candidates(self, text: str, taken: bytearray) -> Iterator[Candidate]:
        """The people a moderator calls on or thanks by name ("go next to Aurelia with AFP", "Thanks, Eduardo."),
        and the outlet a caller is with."""
        for pattern in (self.patterns.called_on, self.patterns.thanked):
            for match in finditer(pattern, text):
                start, end = match.span("name")
                words = text[start:end].split()
                if any(taken[start:end]) or words[0].lower() in self.not_first_names \
                        or self.gazetteer.type_of(text[start:end]) is not None or not self.is_person_words(words):
                    continue
                yield Candidate(start, end, "Person", None, "name", RULE)
                if "outlet" in match.re.groupindex and match.group("outlet"):
                    yield Candidate(*match.span("outlet"), "Organization", None, "name", RULE)

    def after_office(self, span: Span) -> Span | None:
        """The person in an NER organisation that runs on from an office: Secretary of "Defense Tom Keller"."""
        doc = span.doc
        if span.start < 2 or doc[span.start - 1].lower_ != "of" or doc[span.start - 2].lower_ not in self.offices:
            return None
        k = span.start
        while k < span.end and (doc[k].lower_ in self.portfolio_words or doc[k].lower_ == "state"):
            k += 1
        rest = [t.text for t in doc[k:span.end] if not t.is_punct]
        return doc[k:span.end] if k > span.start and len(rest) >= 2 and self.is_person_words(rest) else None

    def with_first_name(self, span: Span) -> Span:
        """"J. Keller Jr" after "Tom": a name that opens on an initial takes the first name before it,
        but not a title ("Minister S. Jaishankar")."""
        doc = span.doc
        if span.start == 0 or not re.fullmatch(r"[A-Z]\.", span[0].text):
            return span
        before = doc[span.start - 1]
        if before.pos_ == "PROPN" and before.is_title and before.is_alpha and before.lower_ not in self.titles \
                and before.lower_ not in self.offices and before.lower_ not in self.function_words:
            return doc[span.start - 1:span.end]
        return span

    def is_given_name_person(self, span: Span) -> bool:
        """A name of up to three words that opens on a common given name, with no place word after it and not
        a place the catalogue or the place list knows: "Mirela Dostova", but not "Holly Springs" nor a longer
        name after a person ("Benjamin A. Kestrel Scholarship Program"). A lone given name is a person unless a
        place preposition stands before it ("Go ahead, Marta", not "in Marta") and no capitalised word, the rest of a
        name cut short, follows it; so is a lone name a kin noun introduces ("his daughter, Ilse")."""
        words = [t.text for t in span if not t.is_punct]
        if not 1 <= len(words) <= 3 or self.gazetteer.find(span.text) is not None \
                or self.is_known_place(span.text) or not self.is_person_words(words):
            return False
        if len(words) == 1:
            before = span.doc[span.start - 1].lower_ if span.start else ""
            following = span.doc[span.end] if span.end < len(span.doc) else None
            after = following.lower_ if following is not None else ""
            if following is not None and following.is_title and following.is_alpha:
                return False  # a name NER cut short ("Marta | Velden"): not read as a lone given name
            return after not in self.place_name_tails and (
                self.is_kin_named(span) or words[0] in self.common_given_names and before not in self.place_prepositions)
        return words[0] in self.common_given_names and not any(w.lower() in self.place_name_tails for w in words[1:])

    def is_surname_title(self, token: Token) -> bool:
        """A capitalised office title a bare surname may follow (``surname_titles``: "Speaker", "Mr.")."""
        return token.text[:1].isupper() and token.lower_.rstrip(".") in self.surname_titles

    def titled_surname(self, span: Span) -> Span | None:
        """The one-word name a capitalised title stands right before ("Speaker Velden", "Mr. Orlan"), with the
        title when NER took it in; None for a name the catalogue or the place list knows."""
        doc = span.doc
        if len(span) == 2 and self.is_surname_title(span[0]):
            title, name = span[0], span[1:]
        elif len(span) == 1 and span.start > 0:
            title, name = doc[span.start - 1], span
        else:
            return None
        if not self.is_surname_title(title) or self.gazetteer.find(name.text) is not None or self.is_known_place(name.text) \
                or not self.is_person_words([name.text]):
            return None
        return name

    def is_leader_surname(self, span: Span, text: str) -> bool:
        """A bare surname of a leader the roles vocabulary knows ("Zelenskyy"), not where a place stands ("in
        Austin", "Austin, Texas") nor as a name the catalogue knows."""
        return len(span) == 1 and span.text in self.leader_surnames and self.gazetteer.find(span.text) is None \
            and not self.is_known_place(span.text) and not self.is_place_name(span, text, "Person") \
            and not self.patterns.place_comma.match(text, span.end_char)

    def is_kin_named(self, span: Span) -> bool:
        """A name right after a kin noun, with or without a comma: "my son Tomas", "their daughter, Ilse"."""
        doc, k = span.doc, span.start - 1
        if k >= 0 and doc[k].text == ",":
            k -= 1
        return k >= 0 and doc[k].lower_ in self.kin_nouns

    def name_end(self, text: str, start: int, end: int) -> int:
        """Where a name read between ``start`` and ``end`` ends: before a travel headline's "Aboard" or "En Route"."""
        cuts = [text.find(f" {ender} ", start, end + 1) for ender in self.name_enders]
        return min((cut for cut in cuts if cut > start), default=end)

    def is_person_words(self, words: list[str], titled: bool = False) -> bool:
        if not words or any(any(c.isdigit() for c in w) for w in words):
            return False
        if any(w.lower() in self.person_stopwords or w.lower() in self.organisation_heads for w in words):
            return False
        if len(words) == 1 and words[0].isupper() and not titled:
            return False  # SCALP, IANS
        return all(w[0].isupper() for w in words if w.lower() not in ("bin", "al", "de", "van", "von", "le", "da"))
