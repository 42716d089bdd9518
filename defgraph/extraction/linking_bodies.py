"""The ministry and armed-service steps of the linking component: whose "defence ministry" or "Army" it is.

``BodyLinking`` is a mixin of ``linking.Linker``: it keys a ministry by (country, portfolio) and a service by
(country, service), gives a body named without its country the owner named for it in the article (or the
article's main country), names a ministry "Ministry of Defence (India)", and moves a keyed body's acronym with it.
It reads the portfolio and service words and the gazetteer the linker sets up.
"""
from __future__ import annotations

import re
from collections import Counter

from defgraph.extraction.linking_items import Item, is_acronym


class BodyLinking:
    """Whose ministry or service a name is (see the module docstring)."""

    def link_ministries_and_services(self, items: list[Item], names: dict[str, str]) -> set[str]:
        """Key ministries by (country, portfolio), services by (country, service); "the Army" joins its owner's.
        Returns the ids of the bare services no owner was named for, given the article's main country."""
        keyed = [(item, *key) for item in items
                 if item.type == "Organization" and (key := self.body_key(item.mention.text))]
        countries = Counter(item.id for item in items if item.type == "Country")
        main_country = countries.most_common(1)[0][0] if countries else None
        was = {id(item): item.id for item, _, _ in keyed}
        unowned: set[str] = set()
        for item, body, owner in keyed:
            if item.in_catalogue:
                continue
            if owner is not None:
                item.id = self.body_id(body, owner, names)
                continue
            qualified = [(i, o) for i, b, o in keyed if b == body and (o is not None or i.in_catalogue)]
            before = [(i, o) for i, o in qualified if i.mention.start < item.mention.start]
            if qualified:
                target, target_owner = before[-1] if before else qualified[0]
                item.id = target.id if target.in_catalogue else self.body_id(body, target_owner, names)
                item.in_catalogue = target.in_catalogue
            else:
                item.id = self.body_id(body, main_country, names)
                if body.startswith("service:"):
                    unowned.add(item.id)
        self.follow_bodies(items, [(was[id(item)], item) for item, _, _ in keyed])
        return unowned

    @staticmethod
    def follow_bodies(items: list[Item], moved: list[tuple[str, Item]]) -> None:
        """The acronym of a body keyed anew follows it: the "USCG" of "the U.S. Coast Guard (USCG)"."""
        keyed = {id(item) for _, item in moved}
        to: dict[str, Item] = {}
        for old, item in moved:
            if old != item.id:
                to.setdefault(old, item)
        for item in items:
            target = to.get(item.id)
            if target is not None and id(item) not in keyed and is_acronym(item.mention.text):
                item.id, item.type, item.in_catalogue = target.id, target.type, target.in_catalogue

    def body_key(self, text: str) -> tuple[str, str | None] | None:
        """``Indian defence ministry`` → (``ministry:defence``, ``country:india``); None for other orgs."""
        words = text.split()
        owner = None
        found = self.gazetteer.find(words[0]) if len(words) > 1 else None
        if found and found[1] == "Country":
            owner, words = found[0], words[1:]
        lowered = " ".join(words).lower()
        match = re.fullmatch(r"ministry of (?:the )?(.+?)(?: of (.+))?", lowered)
        if match:
            portfolio = self.portfolios.get(match.group(1))
            if match.group(2):
                found = self.gazetteer.find(match.group(2))
                owner = found[0] if found and found[1] == "Country" else owner
            return (f"ministry:{portfolio}", owner) if portfolio else None
        match = re.fullmatch(r"(.+?) ministry", lowered)
        if match and match.group(1) in self.portfolios:
            return f"ministry:{self.portfolios[match.group(1)]}", owner
        if lowered in self.services:
            return f"service:{self.services[lowered]}", owner
        return None

    def is_bare_body(self, item: Item) -> bool:
        """A ministry or service named without its country ("the Army"), which ``link_ministries_and_services``
        gives an owner: one spelling may stand for two countries' armies in one article."""
        key = self.body_key(item.mention.text) if item.type == "Organization" else None
        return key is not None and key[1] is None

    def body_id(self, body: str, owner: str | None, names: dict[str, str]) -> str:
        """``org:india-defence-ministry``; a ministry is named "Ministry of Defence (India)"."""
        kind, what = body.split(":")
        suffix = "-ministry" if kind == "ministry" else ""
        entity_id = f"org:{owner.split(':', 1)[1] + '-' if owner else ''}{what}{suffix}"
        if kind == "ministry":
            country = self.gazetteer.names.get(owner or "")
            name = f"Ministry of {self.portfolio_names[what]}"
            names[entity_id] = f"{name} ({country})" if country else name
        return entity_id
