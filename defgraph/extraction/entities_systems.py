"""The weapon-system shapes of the entities component: designations, named ships and systems in the plural.

``SystemShapes`` is a mixin of ``entities.EntityRecogniser``: the rule candidates for systems (designations such
as ``Su-57``, "<Name> helicopters", "Light Utility Helicopter", ships named with or before their type or their
navy's prefix, catalogue systems in the plural) and the tests that keep a common word, a demonym or another
entity from naming one. It reads the word sets, patterns and gazetteer the recogniser sets up.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from defgraph.extraction.entities_vocabulary import RULE, Candidate, is_title_case, trim_leading
from defgraph.extraction.scanning import finditer

_CAPITALISED_PLURAL = re.compile(r"(?<![\w-])(?:(?P<before>[A-Z][\w-]*) )?(?P<word>[A-Z][\w-]{2,}s)(?![\w-])")
_SENTENCE_END = re.compile(r"(?:^|[.!?:]\s+|\n\s*)$")


def _opens_sentence(text: str, start: int) -> bool:
    return _SENTENCE_END.search(text, max(0, start - 4), start) is not None


def _in_heading(text: str, at: int) -> bool:
    """Whether ``at`` lies on a line whose words are mostly capitalised."""
    line_start, line_end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    return is_title_case(text[line_start:line_end if line_end >= 0 else len(text)])


class SystemShapes:
    """Designations, named ships and systems in the plural (see the module docstring)."""

    def plural_candidates(self, text: str, taken: bytearray) -> Iterator[Candidate]:
        """Systems named in the plural where nothing else read them: "220 Tomahawks", "send Bradleys", "the
        Black Hawks". A plain word that opens a sentence ("Patriots like ...") or sits in a heading ("Risks and
        Harms") is left to the recogniser."""
        for match in _CAPITALISED_PLURAL.finditer(text):
            before, word = match["before"], match["word"]
            start, end = match.span("word")
            singular = word[:-1]
            if before and before.lower() not in self.function_words and f"{before} {singular}" in self.system_forms:
                start, singular = match.start("before"), f"{before} {singular}"  # the Black Hawk, not the Hawk
            found = self.gazetteer.find(singular)
            if any(taken[start:end]) or found is None or found[1] != "WeaponSystem" \
                    or not (singular in self.system_forms or singular.isupper()):
                continue  # "Harms" is no HARM missile: a plural keeps the case of the system's form
            if word.isalpha() and word[1:].islower() and start == match.start("word") \
                    and (_opens_sentence(text, start) or _in_heading(text, start)):
                continue
            yield Candidate(start, end, "WeaponSystem", found[0], "alias", RULE)

    def system_candidates(self, doc: Doc, text: str, taken: bytearray,
                          systems: dict[int, int]) -> Iterator[Candidate]:
        """Designations, "<Name> helicopters", "Light Utility Helicopter", "INS Vikrant"; ``systems`` maps
        the end of a catalogue system's mention to its start ("Leopard 2" in "Leopard 2 tanks")."""
        patterns = self.patterns
        for match in patterns.designation.finditer(text):
            if self.is_designation(match):
                yield Candidate(match.start(), match.end(), "WeaponSystem", None, "name", RULE)
        for match in patterns.system_phrase.finditer(text):
            start, end = match.span("name")
            if self.is_system_name(doc, text, start, end, taken):
                yield Candidate(min(start, systems.get(end, start)), match.end(), "WeaponSystem", None, "name", RULE)
                other = patterns.coordinated.search(text, max(0, start - 40), start)
                if other and self.is_system_name(doc, text, *other.span("name"), taken):
                    yield Candidate(*other.span("name"), "WeaponSystem", None, "name", RULE)
        for match in finditer(patterns.ship_named, text):  # "the frigate Admiral Gorshkov"
            start, end = match.span("name")
            words = text[start:end].split()
            if not any(taken[start:end]) and words[0].lower() not in self.function_words | self.calendar \
                    and not self.is_country_word(words[0]):
                yield Candidate(start, end, "WeaponSystem", None, "name", RULE)
        for match in finditer(patterns.ship_before_type, text):  # "the Knyaz Kestrel lead cruiser"
            names = [match.span("name")]
            if match.group("other") and match.group("plural"):  # "the X and Y frigates": two ships
                names.append(match.span("other"))
            for start, end in names:
                if self.is_ship_name(text, start, end, taken):
                    yield Candidate(start, end, "WeaponSystem", None, "name", RULE)
        for match in finditer(patterns.system_name, text):
            start, end = trim_leading(text, match.start(), match.end())
            if end > start and not any(taken[start:end]):
                yield Candidate(start, end, "WeaponSystem", None, "name", RULE)

    def is_ship_name(self, text: str, start: int, end: int, taken: bytearray) -> bool:
        """Whether the words before a ship's type name that ship: not a country's or a body's ("Russian Navy
        frigate", "Black Sea Fleet cruisers") nor one the catalogue knows as something else."""
        words = text[start:end].split()
        return len(words) >= 2 and not any(taken[start:end]) and not any(
            w.lower() in self.function_words | self.calendar | self.body_heads or self.is_country_word(w)
            or w in self.bare_services for w in words)

    def ship_candidates(self, text: str) -> list[tuple[Candidate, int]]:
        """Ships named with their navy's prefix ("USS Gerald R. Ford", "INS Vikrant"), without the unit they lead
        ("USS Wasp Amphibious Ready Group"), each with the end of that unit's name."""
        ships = []
        for match in finditer(self.patterns.ship, text):
            start, end = trim_leading(text, match.start(), match.end())
            while (follower := self.patterns.ship_follower.search(text, start, end)) and follower.start() > start:
                end = follower.start()
            if " " in text[start:end]:  # "USS Georgia" is no country
                unit = self.patterns.ship_unit.match(text, end)
                ships.append((Candidate(start, end, "WeaponSystem", None, "name", RULE), unit.end() if unit else end))
        return ships

    def is_designation(self, match: re.Match) -> bool:
        code = match.group("code")
        if code is None:
            return True  # Project 1135.6, Type 054A
        if code.lower() in self.stoplist or match.group(0).lower() in self.stoplist:
            return False
        letters = re.sub(r"^[A-Z]{1,2}/|[^A-Za-z].*$", "", code)  # F/A-18 → A, MQ-9B → MQ
        if letters.upper() in self.bad_prefixes:
            return False
        return bool(match.group("dash")) or len(match.group("digits")) >= 3

    def is_system_name(self, doc: Doc, text: str, start: int, end: int, taken: bytearray) -> bool:
        """The name in "<Name> helicopters" is no common word, demonym, other entity or name tail."""
        name = text[start:end]
        if name.lower() in STOP_WORDS or name.lower() in self.person_stopwords or name in self.bare_services:
            return False  # "Coalition aircraft" are no system called Coalition
        found = self.gazetteer.find(name)
        maker = found is not None and found[0] in self.gazetteer.manufacturers
        if (found is not None and found[1] != "WeaponSystem" or any(taken[start:end])) and not maker:
            return False  # but "Kamov helicopters", "Sukhoi fighters" name a family of systems
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or span[0].ent_iob_ == "B" and span[0].ent_type_ in ("NORP", "DATE") and (
                span.end == len(doc) or doc[span.end].ent_iob_ != "I"):
            return False  # "Kurdish fighters", but not the Gripen in "Swedish Gripen jets"
        if span.start > 0 and not span[0].is_sent_start:
            before = doc[span.start - 1]
            if (before.text[:1].isupper() or any(c.isdigit() for c in before.text)) \
                    and not self.is_country_word(before.text):
                return False  # "Lockheed Martin jets", "Saab Gripen fighters", "S-400 Triumf system"
        return not (span[0].is_sent_start and not found and doc.vocab[span[0].lower_].is_stop)

    def plural_system(self, name: str) -> str | None:
        """The catalogue id of the system a one-word plural names ("Bradleys"), else None."""
        if " " in name or not name.endswith("s"):
            return None
        found = self.gazetteer.find(name[:-1])
        return found[0] if found is not None and found[1] == "WeaponSystem" else None
