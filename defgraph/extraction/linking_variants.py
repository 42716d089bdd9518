"""The spelling steps of the linking component: entities that are one thing written several ways become one.

``VariantLinking`` is a mixin of ``linking.Linker``: it merges entities whose mentions share a key (one form, one
organisation name without its country, article, order or number, one person's formal name, one ship without its
prefix), a surname misspelt once or given in reversed order, a short form of a longer body's name, and a name
followed only by company words. It reads the word sets and gazetteer the linker sets up, and calls its ``merge`` and
``join`` and the bodies' ``is_bare_body``.
"""
from __future__ import annotations

import re
from collections import Counter

from defgraph.extraction.entities_vocabulary import norm_key
from defgraph.extraction.linking_items import INITIAL_SKIP, Item, is_acronym, name_tokens, singular_word, word_tokens


class VariantLinking:
    """Which entities are one thing spelt several ways (see the module docstring)."""

    def link_variants(self, items: list[Item], unowned: set[str] | frozenset[str] = frozenset()) -> None:
        """Entities that are one thing written several ways become one: the same form ("USAID" twice),
        the same name but for its owner, case or number ("US Coast Guard", "United States Coast Guard";
        "Commerce Department", "Department of Commerce"; "Armed Force"), a short form of a longer name
        ("the Alliance", "the Commission"), a familiar given name ("Joe Smith", "Joseph R. Smith")."""
        self.merge_groups(items, lambda item: None if self.is_bare_body(item)
                          else norm_key(item.mention.text).casefold() or None)
        self.merge_groups(items, self.name_key, by_owner=True)
        self.merge_groups(items, self.person_key)
        self.link_misspelt_surnames(items)
        self.link_reversed_names(items)
        self.merge_groups(items, self.ship_key)
        self.link_short_forms(items, unowned)
        self.link_descriptors(items)

    def merge_groups(self, items: list[Item], key, by_owner: bool = False) -> None:
        """Merge the entities whose mentions share a key, unless two catalogue entries (or, ``by_owner``,
        two owners) would become one."""
        groups: dict[tuple, list[tuple[Item, str | None]]] = {}
        for item in items:
            found = key(item)
            if found is not None:
                value, owner = found if by_owner else (found, None)
                groups.setdefault((item.type, value), []).append((item, owner))
        for members in groups.values():
            ids = {item.id for item, _ in members}
            catalogued = {item.id for item, _ in members if item.in_catalogue}
            if len(ids) < 2 or len(catalogued) > 1 or len({o for _, o in members if o is not None}) > 1:
                continue
            if members[0][0].type == "Person" and self.different_people(items, ids):
                continue  # "Biden" said of "Joe Biden" and of "Jill Biden": two people, not one
            target = next((item for item, _ in members if item.in_catalogue), None) or max(
                (item for item, _ in members), key=lambda i: (len(i.mention.text), -i.mention.start))
            for other in ids - {target.id}:
                self.merge(items, other, target)

    def different_people(self, items: list[Item], ids: set[str]) -> bool:
        """Whether two of the entities are named in full under different given names ("Joe Biden", "Jill
        Biden"; but "Joseph R. Biden" and "Joe Biden" are one name): two people, whatever short form they share."""
        given: dict[str, set[str]] = {}
        for item in items:
            tokens = word_tokens(item.mention.text)
            if item.id in ids and len(tokens) >= 2 and tokens[0].istitle() and tokens[0].isalpha() \
                    and tokens[0].lower() not in self.person_titles:
                first = tokens[0].lower()
                given.setdefault(item.id, set()).add(self.given_names.get(first, first))
        names = list(given.values())
        return any(not a & b for i, a in enumerate(names) for b in names[i + 1:])

    def name_key(self, item: Item) -> tuple[str, str | None] | None:
        """An organisation's name without its country, article, word order or number, with the country:
        ``U.S. Department of the Navy`` → (``department of navy``, ``country:usa``)."""
        if item.type != "Organization" or is_acronym(item.mention.text):
            return None
        words = word_tokens(re.sub(r"^[Tt]he\s+", "", item.mention.text))
        owner = None
        for size in (2, 1):
            found = self.gazetteer.find(" ".join(words[:size])) if len(words) > size else None
            if found and found[1] == "Country":
                owner, words = found[0], words[size:]
                break
        lowered = [w.lower() for w in words]
        for at in range(len(lowered) - 1, 0, -1):
            if lowered[at] == "of" and (found := self.gazetteer.find(" ".join(words[at + 1:]))) and found[1] == "Country":
                owner, lowered = found[0], lowered[:at]
                break
        if len(lowered) >= 2 and lowered[-1] in self.organisation_heads and "of" not in lowered:
            lowered = [lowered[-1], "of", *lowered[:-1]]  # "Commerce Department": "Department of Commerce"
        lowered = ["of" if w == "for" and i == 1 else self.spellings.get(w, w)
                   for i, w in enumerate(lowered) if w != "the"]
        return (" ".join(singular_word(w) for w in lowered), owner) if lowered else None

    def ship_key(self, item: Item) -> str | None:
        """A named ship with or without its prefix: ``INS Vikrant`` and ``Vikrant`` share ``vikrant``."""
        words = item.mention.text.split()
        if item.type != "WeaponSystem" or not words:
            return None
        return norm_key(" ".join(words[1:] if words[0] in self.ship_prefixes and len(words) > 1 else words))

    def person_key(self, item: Item) -> str | None:
        """A full name as given name and surname, the given name in its formal form: ``joseph biden``."""
        tokens = word_tokens(item.mention.text)
        if item.type != "Person" or len(tokens) < 2 or not tokens[0].isalpha():
            return None
        surname = next((t for t in reversed(tokens) if t.lower().strip(".,") not in ("jr", "sr", "ii", "iii")), "")
        first = tokens[0].lower()
        return f"{self.given_names.get(first, first)} {surname.lower()}"

    def link_reversed_names(self, items: list[Item]) -> None:
        """A person named given name first and surname first ("Maxim Anyutov", "Anyutov Maxim" of a list of
        awards; "Fumio Kishida", "Kishida Fumio") is one person, the one named first."""
        orders: dict[tuple[str, ...], dict[tuple[str, ...], Item]] = {}
        for item in items:
            words = name_tokens(item.mention.text)
            if item.type == "Person" and len(words) == 2 and words[0] != words[1] and all(w.isalpha() for w in words):
                orders.setdefault(tuple(sorted(words)), {}).setdefault(tuple(words), item)
        for found in orders.values():
            if len(found) == 2 and len({item.id for item in found.values()}) == 2:
                first, second = sorted(found.values(), key=lambda item: item.mention.start)
                self.join(items, first, second)

    def link_misspelt_surnames(self, items: list[Item]) -> None:
        """A bare surname written once or twice with one letter wrong ("Zelenskky", "Velenskyy") is the person
        the article names more often with it spelt right ("Zelenskyy")."""
        mentions = Counter(item.id for item in items if item.type == "Person")
        surnames: dict[str, Item] = {}
        for item in items:
            tokens = word_tokens(item.mention.text)
            if item.type == "Person" and tokens and len(tokens[-1]) >= 7:
                surnames.setdefault(tokens[-1].casefold(), item)
        for item in items:
            tokens = word_tokens(item.mention.text)
            if item.type != "Person" or item.in_catalogue or len(tokens) != 1 or mentions[item.id] > 2:
                continue
            word = tokens[0].casefold()
            near = {s.id: s for surname, s in surnames.items() if s.id != item.id and len(surname) == len(word)
                    and mentions[s.id] > mentions[item.id] and sum(a != b for a, b in zip(surname, word)) == 1}
            if len(near) == 1:
                self.merge(items, item.id, next(iter(near.values())))

    def link_short_forms(self, items: list[Item], unowned: set[str] | frozenset[str] = frozenset()) -> None:
        """A short form ("the Alliance", "Working Group", "Army") joins the nearest organisation named in
        full whose name it ends ("U.S.-Japan Alliance", "US Army") or opens ("Working Group on X"); a name
        that is no body by its own head opens the body named in full ("Eighth Circuit", "Kestrel" of
        "Eighth Circuit Court of Appeals", "Kestrel University School of Law"). A bare service no owner was
        named for (``unowned``) joins only a name it ends after other words ("the Coalition" of "Global
        Coalition to Defeat X", "Army" of "Kestrel Army"), never a headquarters' or a title's."""
        wholes: dict[tuple[str, ...], list[tuple[Item, int]]] = {}
        openings: dict[tuple[str, ...], list[tuple[Item, int]]] = {}
        endings: dict[tuple[str, ...], list[tuple[Item, int]]] = {}
        for item in items:
            if item.type != "Organization":
                continue
            names = {item.mention.text, *(self.catalogue_forms.get(item.id, ()) if item.in_catalogue else ())}
            for name in names:  # "the Alliance" ends "North Atlantic Alliance", a catalogue form of "NATO"
                for k in self.short_keys(name):
                    wholes.setdefault(k, []).append((item, len(name)))
                for k in self.opening_keys(name):
                    openings.setdefault(k, []).append((item, len(name)))
                for k in self.ending_keys(name):
                    endings.setdefault(k, []).append((item, len(name)))
        for item in items:
            text = item.mention.text
            bare = self.is_bare_body(item)
            if item.type != "Organization" or is_acronym(text) or not text[:1].isupper() \
                    or bare and item.id not in unowned:
                continue  # "the Army" has joined its owner's army already
            key = tuple(singular_word(w.lower()) for w in word_tokens(text))
            opened = openings.get(key, []) if key and not item.in_catalogue and not bare \
                and key[-1] not in self.organisation_heads else []  # "Air Force" is no short "Air Force Academy"
            longer = [(o, size) for o, size in [*(endings if bare else wholes).get(key, ()), *opened] if size > len(text)]
            if any(o.id == item.id for o, _ in longer):
                continue  # joined already to a name it shortens: it stays there, no chain of bodies
            owners = [o for o, size in longer if o.id != item.id and not (o.in_catalogue and item.in_catalogue)]
            if owners:
                before = [o for o in owners if o.mention.start < item.mention.start]
                owner = before[-1] if before else owners[0]
                named = self.gazetteer.find(text)
                if owner.in_catalogue or not item.in_catalogue or named is None or named[0] != item.id:
                    self.merge(items, item.id, owner)
                else:  # the catalogue knows the short form: "Rostec State Corporation for X" is Rostec
                    self.merge(items, owner.id, item)

    def link_descriptors(self, items: list[Item]) -> None:
        """A name the article also gives bare, followed only by company words, is that organisation:
        "Kestrel Group", "Kestrel Holding Company", "Kestrel and Company", "Kestrel University", "Boilermakers
        Local" (but "Kestrel Global Corporation" may be another company)."""
        bare = {tuple(w.lower() for w in word_tokens(item.mention.text)): item
                for item in items if item.type == "Organization"}
        for item in items:
            words = [w.lower().strip(".") for w in word_tokens(item.mention.text)]
            if item.type != "Organization" or len(words) < 2 or words[-1] not in self.descriptors:
                continue
            cut = len(words) - 1
            while cut > 1 and (words[cut - 1] in self.descriptors
                               or words[cut - 1] == "and" and words[cut] in self.company_suffixes):
                cut -= 1  # "Kestrel and Company" as "Kestrel & Company"
            short = next((bare[tuple(words[:end])] for end in range(len(words) - 1, cut - 1, -1)
                          if tuple(words[:end]) in bare), None)
            if short is None or short.id == item.id or short.in_catalogue and item.in_catalogue:
                continue
            self.join(items, short, item)

    def opening_keys(self, name: str) -> set[tuple[str, ...]]:
        """The words a name opens on before a body's head, the head ending the name or followed by its remit or
        another head: ``Eighth Circuit Court of Appeals`` → ``eighth circuit``, ``Kestrel University School of
        Law`` → ``kestrel`` (but no ``marine`` of ``Marine Corps Memorial``)."""
        words = [singular_word(w.lower()) for w in word_tokens(name)]
        return {tuple(words[:i]) for i, w in enumerate(words)
                if i and w in self.organisation_heads and words[i - 1] not in INITIAL_SKIP
                and (i == len(words) - 1 or words[i + 1] in self.remit_words | self.organisation_heads)}

    def ending_keys(self, name: str) -> set[tuple[str, ...]]:
        """The words a name ends on after others, before any remit, unless it names a headquarters or an
        office's title: ``Global Coalition to Defeat X`` → ``coalition``, ``global coalition``; none for
        ``Headquarters Kestrel Air Force`` or a fragment ``Air Force for Installations``."""
        words = [singular_word(w.lower()) for w in word_tokens(name)]
        if not words or words[0] in self.no_service_wholes:
            return set()
        cut = next((i for i, w in enumerate(words) if i and w in self.remit_words), len(words))
        return {tuple(words[i:cut]) for i in range(1, cut)}

    def short_keys(self, name: str) -> set[tuple[str, ...]]:
        """The short forms of an organisation's name: the words it ends on before its remit, or opens on."""
        words = [singular_word(w.lower()) for w in word_tokens(name)]
        cut = next((i for i, w in enumerate(words) if i and w in self.remit_words), len(words))
        keys = {tuple(words[i:cut]) for i in range(1, cut)}
        keys |= {tuple(words[:i]) for i, w in enumerate(words) if i and w in self.remit_words}
        if len(words) == cut + 2 or len(words) == cut + 3 and words[cut + 1] == "the":
            keys.add((words[-1],))  # "the Treasury": "Department of the Treasury"
        return keys
