"""Linking across the sections of a long article: one entity for what two sections named apart.

Reads the entities of an article read in sections (each section linked on its own by ``linking``) and the
sections each was found in; writes which entity ids become which. A section knows nothing of the others, so a
transcript's second section calls "Kirby" what the first called "John Kirby", and one article names one person
or body twice. The same rules as within a section join them (a short name to the full name containing it, a
formal and a familiar given name, one body written with and without its country, an acronym and its
initials), but only an entity the catalogue does not know, every name of which joins one entity it never
shares a section with: within a section, the linker's decision to keep two apart stands, a short form
("the Army") is left where its own section put it, a place stays a place, and a surname two people named
in full share ("Biden" of Joe and Jill Biden) stays apart.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable

from defgraph.extraction.entities_vocabulary import gazetteer, norm_key, word_lists
from defgraph.extraction.linking import Linker
from defgraph.extraction.linking_items import Item, contains, name_tokens
from defgraph.model import Entity, Extraction

_UNNAMED = ("office", "pronoun")  # a person's office ("the President") or a pronoun is no name to link by
_LINKER: Linker | None = None
_REGION_AFTER = re.compile(r",\s+[A-Z]")  # "Jackson, Mississippi": a place and its region


def _linker() -> Linker:
    global _LINKER
    if _LINKER is None:
        _LINKER = Linker()
    return _LINKER


def section_links(entities: Iterable[Entity], found_in: dict[str, set[int]], text: str = "") -> dict[str, str]:
    """Entity id → the id of the entity it is, for entities of different sections that are one."""
    entities = list(entities)
    places = _places_named_as_people(entities, found_in, text)
    items = sorted((Item(dataclasses.replace(m), e.type, e.id, e.in_catalogue)
                    for e in entities for m in e.mentions if m.kind not in _UNNAMED),
                   key=lambda item: item.mention.start)
    was = [item.id for item in items]
    linker = _linker()
    linker.link_people(items)
    linker.link_initials(items)
    linker.merge_groups(items, lambda item: norm_key(item.mention.text).casefold() or None)
    linker.merge_groups(items, linker.name_key, by_owner=True)
    linker.merge_groups(items, linker.person_key)
    linker.merge_groups(items, linker.ship_key)
    votes: dict[str, Counter[str]] = {}
    for old, item in zip(was, items):
        votes.setdefault(old, Counter())[item.id] += 1
    by_id = {e.id: e for e in entities}
    links = {}
    for old, counts in votes.items():
        new = next(iter(counts))
        if len(counts) == 1 and new != old and new in by_id and not by_id[old].in_catalogue \
                and by_id[new].type in (by_id[old].type, "Person") and by_id[old].type != "Location" \
                and not found_in.get(old, set()) & found_in.get(new, set()) \
                and len(_full_names(by_id[old], entities)) < 2:
            links[old] = new  # every name of the entity joins the other (not a short "Army" of "Ground Forces")
    links.update(places)
    for old in list(links):  # a chain (A → B → C) ends where it stops
        seen = {old}
        while links[old] in links and links[old] not in seen:
            seen.add(links[old])
            links[old] = links[links[old]]
    return links


def _places_named_as_people(entities: list[Entity], found_in: dict[str, set[int]], text: str) -> dict[str, str]:
    """A one-word "place" of one section that other sections name as one person ("President Velden" there, a bare
    "Velden" here, which NER took for a place): that person, unless the catalogue or the place list knows the word
    or a place preposition stands before it ("in Velden")."""
    words = word_lists()
    known_places, prepositions = set(words["place_names"]), set(words["place_prepositions"])
    titles = set(words["surname_titles"])
    links = {}
    for place in entities:
        names = {m.text for m in place.mentions}
        if place.type != "Location" or place.in_catalogue or len(names) != 1:
            continue
        word = next(iter(names))
        tokens = name_tokens(word)
        if len(tokens) != 1 or not word.istitle() or word in known_places or gazetteer().find(word) is not None \
                or any(_word_before(text, m.start).lower() in prepositions or _REGION_AFTER.match(text, m.end)
                       for m in place.mentions):
            continue
        people = {other.id for other in entities if other.type == "Person" and _is_surely_person(other, text, titles)
                  and not found_in.get(other.id, set()) & found_in.get(place.id, set())
                  for m in other.mentions if m.kind not in _UNNAMED and name_tokens(m.text)[-1:] == tokens}
        if len(people) == 1:
            links[place.id] = people.pop()
    return links


def _is_surely_person(entity: Entity, text: str, titles: set[str]) -> bool:
    """Named in full somewhere ("Aleksey Navalny"), referred to by an office ("the Speaker") or named under a
    capitalised title ("President Velden", "Mr. Orlan")."""
    return any(m.kind == "office" or len(name_tokens(m.text)) > 1
               or (before := _word_before(text, m.start))[:1].isupper() and before.lower().rstrip(".") in titles
               for m in entity.mentions)


def _word_before(text: str, start: int) -> str:
    words = text[max(0, start - 20):start].split()
    return words[-1] if words else ""


def _full_names(entity: Entity, entities: list[Entity]) -> set[str]:
    """The people named in full whose names contain one of the entity's one-word names: "Holt" may be Maria or
    Tom Holt, and a section that names only her says nothing of which. Where the article names a well-known
    person in full ("Joe Biden"), a relative ("Jill Biden", "Hunter Biden") is no such name: "Biden" is he."""
    short = {tuple(name_tokens(m.text)) for m in entity.mentions if len(name_tokens(m.text)) == 1}
    full = {(other.id, tuple(name_tokens(m.text))) for other in entities if other.type == "Person" and other.id != entity.id
            for m in other.mentions if m.kind not in _UNNAMED and len(name_tokens(m.text)) > 1
            and any(contains(name_tokens(m.text), list(words)) for words in short)}
    relative = _linker().relative_of_well_known
    if any(not relative(list(words)) and words[-1] in _linker().well_known_given for _, words in full):
        full = {(other, words) for other, words in full if not relative(list(words))}  # "Joe Biden" is named
    return {other for other, _ in full}


def absorb(known: Entity, entity: Entity) -> None:
    """Add what ``entity`` says of one entity to ``known``: its mentions, its catalogue entry, its surer confidence."""
    known.mentions += entity.mentions
    known.in_catalogue |= entity.in_catalogue
    known.confidence = max((c for c in (known.confidence, entity.confidence) if c is not None), default=None)


def _fullest(names: list[str]) -> str:
    return max(names, key=lambda n: (len(n.split()), len(n)))


def relink(extraction: Extraction, links: dict[str, str]) -> Extraction:
    """The extraction with every entity id of ``links`` replaced, the entities joined and repeated roles once."""
    if not links:
        return extraction

    def to(entity_id):
        return links.get(entity_id, entity_id)

    joined: dict[str, Entity] = {}
    for entity in sorted(extraction.entities, key=lambda e: e.id in links):  # each kept entity first
        target = to(entity.id)
        known = joined.get(target)
        if known is None:
            joined[target] = known = dataclasses.replace(entity, id=target, mentions=list(entity.mentions))
            continue
        if not known.in_catalogue:
            known.name = entity.name if entity.in_catalogue else _fullest([known.name, entity.name])
        absorb(known, entity)
    for entity in joined.values():
        entity.mentions.sort(key=lambda m: (m.start, m.end))
    for role in extraction.roles:
        role.person, role.org = to(role.person), to(role.org)
    for quote in extraction.quotes:
        quote.speaker = to(quote.speaker)
    for transfer in extraction.transfers:
        transfer.supplier, transfer.recipient, transfer.system = (
            to(transfer.supplier), to(transfer.recipient), to(transfer.system))
    for event in extraction.events:
        event.participants = list(dict.fromkeys(to(p) for p in event.participants))
    for claim in extraction.claims:
        claim.claimant = to(claim.claimant)
        claim.disputed_by = list(dict.fromkeys(to(p) for p in claim.disputed_by))
    for attribute in extraction.attributes:
        attribute.entity = to(attribute.entity)
    extraction.entities = list(joined.values())
    extraction.turns = [dataclasses.replace(t, speaker=to(t.speaker)) for t in extraction.turns]
    return extraction


def once_each(extraction: Extraction) -> Extraction:
    """One role per person, office and body (two sections may each state it): the surest of them."""
    best: dict[tuple, int] = {}
    for index, role in enumerate(extraction.roles):
        key = (role.person, role.title, role.org)
        if key not in best or (role.confidence or 0) > (extraction.roles[best[key]].confidence or 0):
            best[key] = index
    extraction.roles = [r for i, r in enumerate(extraction.roles) if best[(r.person, r.title, r.org)] == i]
    return extraction
