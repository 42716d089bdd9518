"""The people steps of the linking component: which short names, given names and headline names are whom.

``PeopleLinking`` is a mixin of ``linking.Linker``: a short name joins the nearest full name that contains it
(preferring titled names and the well-known person's own), a familiar or well-known given name joins its person,
a one-word "person" used elsewhere as a place becomes that place, and a Title Case headline's people are trimmed
to the body's names or dropped when only the headline names them. It reads the word sets, title pattern and
gazetteer the linker sets up, and calls its ``merge``.
"""
from __future__ import annotations

import re

from defgraph.extraction.entities_vocabulary import is_title_case, new_id
from defgraph.extraction.linking_items import Item, contains, name_tokens, word_tokens
from defgraph.model import Mention

_HEADLINE = re.compile(r"^[^\n]{10,120}(?<![.!?:;,\"”’'])$", re.M)  # a short line without end punctuation


class PeopleLinking:
    """Which person a short or partial name is (see the module docstring)."""

    def link_people(self, items: list[Item], text: str = "") -> None:
        """A short name ("Holt", "Maria Holt", "HOLT", "Assad") joins the nearest full name that contains it.
        A short name under an office title ("Speaker Holt"), or one that two full names contain ("Biden" of
        "President Joe Biden" and "Jill Biden"), prefers the full names given a title."""
        full: list[tuple[list[str], Item]] = []
        for item in items:
            tokens = name_tokens(item.mention.text)
            if item.type == "Person" and len(tokens) >= 2:
                full.append((tokens, item))
        titled_ids = {item.id for _, item in full if self.is_titled(text, item)}
        surname_titles: dict[str, set[str]] = {}  # a well-known surname → the office titles before it bare
        for item in items:
            tokens = name_tokens(item.mention.text)
            if item.type == "Person" and len(tokens) == 1 and tokens[0] in self.well_known_given \
                    and (title := self.title_of(text, item)):
                surname_titles.setdefault(tokens[0], set()).add(title)
        for item in items:
            if item.in_catalogue or item.type not in ("Person", "Organization", "Location"):
                continue
            tokens = name_tokens(item.mention.text)
            if item.type != "Person" and len(tokens) != 1:
                continue
            owners = [(n, owner) for n, owner in full if len(n) > len(tokens) and contains(n, tokens)]
            if len(tokens) == 1 and tokens[0] in self.well_known_given:
                owners = self.well_known_owners(text, item, owners, surname_titles.get(tokens[0], set()))
            if not owners:
                continue
            if self.is_titled(text, item) or len({owner.id for _, owner in owners}) > 1:
                owners = [(n, owner) for n, owner in owners if owner.id in titled_ids] or owners
            before = [owner for _, owner in owners if owner.mention.start < item.mention.start]
            owner = before[-1] if before else owners[0][1]
            item.id, item.type, item.mention.kind = owner.id, "Person", "short_name"

    @staticmethod
    def trim_headline_names(text: str, items: list[Item]) -> None:
        """A Title Case headline's "person" that runs on past a name the body uses is that person: "President
        Donald J. Trump Secures Investment" names the body's Donald J. Trump; "Biden Announces Nominees" the
        body's Biden, when the word after a one-word name reads as a verb and no body name holds it."""
        headlines = _headline_spans(text)
        if not headlines:
            return
        people = [item for item in items if item.type == "Person"]
        body = [item for item in people if not _within(item, headlines)]
        body_words = {token.casefold() for item in body for token in word_tokens(item.mention.text)}  # "BATES:"

        def reads_as_verb(word: str) -> bool:  # "Announces": the text has "announces", "announced", "announcing"
            if not word.endswith("s") or word.endswith("ss") or word.casefold() in body_words:
                return False
            stem = re.escape(word.lower()[:-2] if word.endswith("es") else word.lower()[:-1])
            return re.search(rf"\b(?:{re.escape(word.lower())}|{stem}e?(?:d|ing))\b", text) is not None

        def runs_on(headline: str, name: str) -> bool:
            if not headline.startswith(name + " "):
                return False
            return len(word_tokens(name)) >= 2 or reads_as_verb(headline[len(name) + 1:].split()[0])

        for item in people:
            if item.in_catalogue or not _within(item, headlines):
                continue
            named = [other for other in body if runs_on(item.mention.text, other.mention.text)]
            if named:
                name = max(named, key=lambda other: len(other.mention.text))
                item.mention = Mention(item.mention.start, item.mention.start + len(name.mention.text),
                                       name.mention.text, item.mention.kind)
                item.id = name.id

    def well_known_owners(self, text: str, item: Item, owners: list[tuple[list[str], Item]],
                          titles: set[str]) -> list[tuple[list[str], Item]]:
        """The full names a well-known person's bare surname may join: the well-known person's ("Joe Biden"),
        when named; else one under the same title ("Senator Sullivan", "Senator Dan Sullivan"), not a relative
        named otherwise ("First Lady Jill Biden", "Hunter Biden") when an office title stands before the bare
        surname (``titles``: those before it anywhere in the text, "President Biden") that no full name has."""
        title = self.title_of(text, item)
        owner_titles = {owner.id: self.title_of(text, owner) for _, owner in owners}
        matching = [(n, owner) for n, owner in owners if not self.relative_of_well_known(n)]
        if matching:
            return matching + [(n, owner) for n, owner in owners if title and owner_titles[owner.id] == title
                               and (n, owner) not in matching]
        if title is not None:
            return [(n, owner) for n, owner in owners if owner_titles[owner.id] == title]
        return [] if titles and not titles & set(owner_titles.values()) else owners

    def relative_of_well_known(self, tokens: list[str]) -> bool:
        """Whether a full name shares a well-known person's surname under another given name ("Hunter Biden"; not
        "Mr Biden", nor "Tony Blinken" of "Antony Blinken"), so that the bare surname elsewhere is not theirs."""
        names = name_tokens(" ".join(tokens))
        while names and names[0].strip(".") in self.person_titles:
            names = names[1:]
        given = self.well_known_given.get(names[-1]) if len(names) >= 2 else None
        if given is None:
            return False
        forms = {names[0], self.given_names.get(names[0], names[0])}
        return given not in forms and not any(given.endswith(f) or f.endswith(given) for f in forms)

    def title_of(self, text: str, item: Item) -> str | None:
        """The capitalised office title or rank standing just before the mention, in lower case ("speaker")."""
        found = self.title_before.search(text, max(0, item.mention.start - 60), item.mention.start) if text else None
        return found.group(0).strip().lower() if found and found.group(0)[:1].isupper() else None

    def is_titled(self, text: str, item: Item) -> bool:
        """Whether a capitalised office title or rank stands just before the mention ("Speaker Holt")."""
        return self.title_of(text, item) is not None

    def link_familiar_given_names(self, items: list[Item], text: str) -> None:
        """A bare familiar given name ("Liz") joins the person its paragraph named last before it, when that is
        a full name under the formal given name ("Elizabeth Verardo"): a biography that goes on by the first
        name, even where NER took it for a place or a body (but "Mike Carey, Tony" of "Anthony Gonzales, Mike
        Carey, Tony" is no Anthony)."""
        named_in_full = {item.id for item in items
                         if item.type == "Person" and len(name_tokens(item.mention.text)) > 1}
        for item in items:
            tokens = name_tokens(item.mention.text)
            formal = self.given_names.get(tokens[0]) if len(tokens) == 1 else None
            if item.type not in ("Person", "Organization", "Location") or item.in_catalogue \
                    or item.id in named_in_full or formal is None or formal == tokens[0]:
                continue
            paragraph = text.rfind("\n", 0, item.mention.start) + 1
            last = next((other for other in reversed(items) if other.type == "Person" and other.id != item.id
                         and paragraph <= other.mention.start < item.mention.start), None)
            names = name_tokens(last.mention.text) if last is not None else []
            if len(names) > 1 and self.given_names.get(names[0], names[0]) == formal:
                self.merge(items, item.id, last)

    def link_known_given_names(self, items: list[Item], names: dict[str, str]) -> None:
        """A bare given name ("Boris") joins the bare surname of the well-known person it opens the name of
        ("Johnson"), when the article never gives the full name ("Boris Johnson", the entity's name then):
        a speaker greeted by his first name."""
        named_in_full = {item.id for item in items
                         if item.type == "Person" and len(name_tokens(item.mention.text)) > 1}
        bare: dict[str, Item] = {}
        for item in items:
            tokens = name_tokens(item.mention.text)
            if item.type == "Person" and len(tokens) == 1 and item.id not in named_in_full:
                bare.setdefault(tokens[0], item)
        for item in items:
            tokens = name_tokens(item.mention.text)
            if item.type != "Person" or len(tokens) != 1 or item.id in named_in_full:
                continue
            surnames = [bare[s] for s in sorted(self.known_surnames.get(tokens[0], ())) if s in bare]
            if len(surnames) == 1 and surnames[0].id != item.id:
                surname = surnames[0]
                names[surname.id] = f"{item.mention.text.title()} {surname.mention.text.title()}"
                self.merge(items, item.id, surname)

    def link_places(self, items: list[Item], text: str) -> None:
        """A one-word "person" the article elsewhere uses as a place is that place ("in Raqqah"); but one an office
        title stands before somewhere ("Speaker Velden") is a person, and so is the "place" or "body" of the same name."""
        titled = {item.mention.text: item for item in items if item.type == "Person"
                  and len(word_tokens(item.mention.text)) == 1 and self.is_titled(text, item)}
        places = {item.mention.text: item.id for item in items
                  if item.type == "Location" and item.mention.text not in titled}
        for item in items:
            if item.type == "Person" and item.id == new_id("Person", item.mention.text) \
                    and item.mention.text in places and len(word_tokens(item.mention.text)) == 1:
                item.type, item.id = "Location", places[item.mention.text]
            elif item.type in ("Location", "Organization") and not item.in_catalogue and item.mention.text in titled:
                item.type, item.id = "Person", titled[item.mention.text].id

    @staticmethod
    def drop_headline_people(text: str, items: list[Item]) -> list[Item]:
        """A "person" only a Title Case headline names ("Robert Ford Returns") is NER's misreading."""
        headlines = _headline_spans(text)
        if not headlines:
            return items
        body = [item for item in items if item.type == "Person" and not _within(item, headlines)]
        in_body = {token.casefold() for item in body for token in word_tokens(item.mention.text)}  # "JEAN-PIERRE:"
        linked = {item.id for item in body}

        def named_in_body(item: Item) -> bool:
            tokens = [token.casefold() for token in word_tokens(item.mention.text)]
            return set(tokens) <= in_body or bool(tokens) and tokens[-1] in in_body and item.id in linked

        return [item for item in items if item.type != "Person" or item.in_catalogue
                or not _within(item, headlines) or named_in_body(item)]

    @staticmethod
    def drop_name_pairs(items: list[Item]) -> list[Item]:
        """"Singh-Belousov" (talks) is two people the article names, not an organisation."""
        surnames = {word_tokens(item.mention.text)[-1] for item in items if item.type == "Person"}
        return [item for item in items if item.type == "Person" or item.in_catalogue
                or not set(item.mention.text.split("-")) <= surnames]


def _headline_spans(text: str) -> list[tuple[int, int]]:
    """The short Title Case lines of the text: its headline and its section headings."""
    return [m.span() for m in _HEADLINE.finditer(text) if is_title_case(m.group(0))]


def _within(item: Item, spans: list[tuple[int, int]]) -> bool:
    return any(a <= item.mention.start < b for a, b in spans)
