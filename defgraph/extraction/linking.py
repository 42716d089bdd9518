"""The linking component: one entity per real-world thing the article names, with all its mentions.

Reads ``doc._.entities`` as ``entities`` wrote them (one per catalogue id or distinct name); writes
``doc._.entities`` merged within the document: acronyms to their expansions ("Hindustan Aeronautics
Limited (HAL)", "IRRPL"), short names to full names ("Alipov" → "Denis Alipov", the nearest one
when two share it), a well-known person's bare given name to their bare surname ("Boris", "Johnson"),
a familiar given name to the full name its paragraph gave before ("Liz", "Elizabeth Marrow"),
variant spellings to one catalogue entry ("Hindustan Aeronautics Ltd", "Su-30 MKI"), "the defence
ministry" to the country's ministry, a bare "Army" to the one army named. Names learned in the article
are then found wherever else it repeats them, and the spellings of one thing become one entity: one form
written twice, one name with or without its country, in either order or number ("Commerce Department",
"Department of Commerce"), a short form ("the Alliance", "Eighth Circuit"), a surname misspelt once
("Zelenskky"). Ids are catalogue ids or stable slugs
(``person:denis-alipov``), so one entity gets one id across documents.

The linker takes the people steps from the mixin of ``linking_people``, the ministry and service steps from
``linking_bodies`` and the spelling steps from ``linking_variants``; the ``Item`` and word helpers they share
live in ``linking_items``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from defgraph.extraction.doctext import doc_text
from defgraph.extraction.entities_vocabulary import Gazetteer, gazetteer, new_id, norm_key, word_lists
from defgraph.extraction.linking_bodies import BodyLinking
from defgraph.extraction.linking_items import INITIAL_SKIP, Item, initials, is_acronym, singular_word, word_tokens
from defgraph.extraction.linking_people import PeopleLinking
from defgraph.extraction.linking_variants import VariantLinking
from defgraph.extraction.roles_vocabulary import load_vocabulary
from defgraph.model import Article, Entity, Mention

_ACRONYM = re.compile(r"(?:['’]s)?\s*\((?P<acronym>[A-Z][A-Za-z0-9&.-]{1,14})(?:['’]s)?\)")  # "X’s (XA’s)"
_STATE_CORPORATION = re.compile(r"(?<=\S)\s+State(?:\s+[A-Z][a-z]+)*\s+Corporation$")
_DEPARTMENTS = {"Department", "Ministry", "Office", "Bureau", "Agency", "Directorate"}


def _items(entities: Iterable[Entity]) -> list[Item]:
    items = [Item(m, e.type, e.id, e.in_catalogue) for e in entities for m in e.mentions]
    return sorted(items, key=lambda item: item.mention.start)


class Linker(PeopleLinking, BodyLinking, VariantLinking):
    """The ``defgraph_linking`` component (see the module docstring)."""

    def __init__(self, name: str = "defgraph_linking") -> None:
        self.name = name
        self.gazetteer: Gazetteer = gazetteer()
        words = word_lists()
        self.portfolios = {w.lower(): key for key, p in words["ministry_portfolios"].items() for w in p["words"]}
        self.portfolio_names = {key: p["name"] for key, p in words["ministry_portfolios"].items()}
        self.services = {w.lower(): key for key, ws in words["services"].items() for w in ws}
        self.system_tail = re.compile(
            r"(?:\s+(?:%s))*\s+(?:%s)$" % ("|".join(map(re.escape, words["system_modifiers"])),
                                          "|".join(map(re.escape, words["system_nouns"]))))
        self.person_stopwords = {w.lower() for w in words["person_stopwords"]}
        self.calendar_words = set(words["calendar_words"])
        self.company_suffixes = set(words["company_suffixes"])
        self.descriptors = self.company_suffixes | set(words["organisation_descriptors"])
        self.remit_words = set(words["name_remit_words"])
        self.no_service_wholes = {singular_word(w.lower()) for w in words["no_service_wholes"]}
        self.ship_prefixes = set(words["ship_prefixes"])
        self.organisation_heads = {w.lower() for w in words["organisation_heads"]} | {"department", "ministry"}
        self.spellings = {v.lower(): k.lower() for k, vs in words["spelling_variants"].items() for v in vs}
        self.nicknames = {name: entity_id for name, entity_id in words["organisation_nicknames"].items()
                          if entity_id in self.gazetteer.names}
        self.given_names = {v: k for k, vs in words["given_name_variants"].items() for v in [k, *vs]}
        self.person_titles = {w.lower() for w in words["person_titles"]}
        vocabulary = load_vocabulary()
        self.title_before = re.compile(r"(?<![\w-])(?:%s)\s+$" % "|".join(
            re.escape(t.text) for t in sorted((*vocabulary.titles, *vocabulary.ranks), key=lambda t: -len(t.text))
            if t.kind not in ("weak", "counterpart")), re.IGNORECASE)
        self.known_surnames: dict[str, set[str]] = {}  # a well-known person's given name → their surnames
        for name in [*vocabulary.nationalities, *map(str.lower, words["given_name_people"])]:
            if len(name.split()) == 2:
                given, surname = name.split()
                self.known_surnames.setdefault(given, set()).add(surname)
        # a well-known person's surname → the formal given names it goes with, for the families whose spouses and
        # children are in the news too ("Jill Biden", "Hunter Biden"); other surnames are shared by strangers
        # ("Speaker Johnson" is no relative of Boris Johnson) or spelt from another alphabet ("Vladimir Zelensky")
        families = {surname.lower() for surname in words["families_in_the_news"]}
        formal_givens: dict[str, set[str]] = {}
        for name in vocabulary.nationalities:
            parts = name.split()
            if len(parts) >= 2 and parts[-1].lower() in families:
                formal_givens.setdefault(parts[-1], set()).add(self.given_names.get(parts[0], parts[0]))
        self.well_known_given = {surname: found.pop() for surname, found in formal_givens.items() if len(found) == 1}
        self.catalogue_forms: dict[str, list[str]] = {}
        for form, entity_id, entity_type, _ in self.gazetteer.forms:
            if entity_type == "Organization" and not is_acronym(form):
                self.catalogue_forms.setdefault(entity_id, []).append(form)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        items = _items(doc._.entities or [])
        names = {e.id: e.name for e in doc._.entities or []  # "Departments of State and Labor"
                 if not e.in_catalogue and any(m.kind == "coordinated" for m in e.mentions)}
        self.link_acronyms(text, items)
        self.link_nicknames(text, items)
        for item in items:
            self.relink(item)
        self.link_system_names(items)
        self.trim_headline_names(text, items)
        self.link_people(items, text)
        self.link_familiar_given_names(items, text)
        self.link_known_given_names(items, names)
        self.link_places(items, text)
        items = self.drop_name_pairs(items)
        self.link_initials(items)
        unowned = self.link_ministries_and_services(items, names)
        items = self.drop_headline_people(text, self.propagate(text, items))
        unowned &= {item.id for item in items if not _inside_a_longer_name(text, item.mention)}
        self.link_variants(items, unowned)
        entities = self.build(items, names)
        doc._.entities = entities + self.sources(doc._.article, entities, text)
        return doc

    def sources(self, article: Article | None, entities: list[Entity], text: str) -> list[Entity]:
        """The outlet and the agencies the article credits, as organisations: with the places the text names
        them ("(PTI)" in a dateline), or with none when only the header gives them."""
        known = {e.id for e in entities} | {norm_key(e.name) for e in entities}
        found: list[Entity] = []
        for name in ([article.outlet, *article.agencies] if article else []):
            match = self.gazetteer.find(name or "")
            entity_id = self.gazetteer.agencies.get(norm_key(name or "")) or (
                match[0] if match and match[1] == "Organization" else new_id("Organization", name or ""))
            if name and not {entity_id, norm_key(name)} & known:
                known |= {entity_id, norm_key(name)}
                forms = {name, *(f for f, i, _, _ in self.gazetteer.forms if i == entity_id)}
                mentions = sorted((Mention(m.start(), m.end(), m.group(0), "name") for form in forms
                                   for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)),
                                  key=lambda m: (m.start, m.end))
                found.append(Entity(entity_id, "Organization", self.gazetteer.names.get(entity_id, name),
                                    mentions=mentions, in_catalogue=entity_id in self.gazetteer.names))
        return found

    # -- one mention at a time ------------------------------------------------------------------------

    def relink(self, item: Item) -> None:
        """Give a name the catalogue knows under another spelling its catalogue id."""
        text = item.mention.text
        if item.mention.kind == "coordinated":
            return  # named with the head it shares ("Ohio" of "the Ohio and Columbia classes")
        variants = [text, self.system_head(text)] if item.type == "WeaponSystem" else [
            text, " ".join(w for w in text.split() if w.lower().strip(".") not in self.company_suffixes),
            _STATE_CORPORATION.sub("", text)]  # "Rosatom State Nuclear Power Corporation" is Rosatom
        for variant in variants if item.type in ("Organization", "WeaponSystem") and not item.in_catalogue else ():
            found = self.gazetteer.find(variant)
            if found and found[1] == item.type:
                item.id, item.in_catalogue = found[0], True
                break
        if item.type != "WeaponSystem":
            return
        head = self.system_head(text)
        if text.startswith(f"{head} class") and self.gazetteer.type_of(f"{head} class") == "WeaponSystem":
            head = f"{head} class"  # "Virginia class submarines": the catalogue's "Virginia class", not "Virginia"
        if not item.in_catalogue:
            singular = re.sub(r"(?:(?<=\d)|(?<=\d[A-Z]))s$", "", head)  # F-16s, MQ-9Bs
            found = self.gazetteer.find(singular)
            item.id, item.in_catalogue = (found[0], True) if found and found[1] == "WeaponSystem" else (
                new_id("WeaponSystem", singular), False)
        found = self.gazetteer.find(head)
        if item.in_catalogue and head != text and (found is None or found[1] == "WeaponSystem"):
            mention = item.mention  # "Chetak helicopters" names the Chetak; "Kalashnikov rifle" stays
            mention.end, mention.text = mention.start + len(head), head

    def link_nicknames(self, text: str, items: list[Item]) -> None:
        """A body's familiar name written as the data gives it ("members on the Hill", not the paper "The Hill")
        is the catalogue body."""
        for item in items:
            mention = item.mention
            if item.type != "Organization" or item.in_catalogue:
                continue
            for form, entity_id in self.nicknames.items():
                start = mention.end - len(form)
                if form.endswith(mention.text) and start >= 0 and text[start:mention.end] == form:
                    item.id, item.in_catalogue = entity_id, True

    def link_system_names(self, items: list[Item]) -> None:
        """"Boxer" that NER took for an organisation joins the "Boxer armoured vehicles" named here."""
        systems = {self.system_head(item.mention.text): item for item in items
                   if item.type == "WeaponSystem" and item.mention.kind != "coordinated"}
        for item in items:
            system = systems.get(item.mention.text)
            if system is not None and not item.in_catalogue and item.type != "WeaponSystem":
                item.id, item.type, item.in_catalogue = system.id, system.type, system.in_catalogue

    def system_head(self, text: str) -> str:
        """``Boxer armoured vehicles`` → ``Boxer``; a bare designation stays as it is."""
        return self.system_tail.sub("", text) or text

    # -- acronyms -------------------------------------------------------------------------------------

    def link_acronyms(self, text: str, items: list[Item]) -> None:
        """``Hindustan Aeronautics Limited (HAL)``: the bracketed acronym joins the name before it."""
        at = {item.mention.start: item for item in items}
        for item in list(items):
            match = _ACRONYM.match(text, item.mention.end)
            if not match or item.type not in ("Organization", "WeaponSystem", "Country", "Event"):
                continue
            start, end = match.span("acronym")
            other = at.get(start)
            if other is None:
                new = Item(Mention(start, end, match.group("acronym"), "acronym"), item.type, item.id,
                           item.in_catalogue)
                items.append(new)
                at[start] = new
            elif not other.in_catalogue:
                self.merge(items, other.id, item)
            elif not item.in_catalogue:
                self.merge(items, item.id, other)  # the catalogue knows the acronym, not this spelling
        items.sort(key=lambda i: i.mention.start)

    def link_initials(self, items: list[Item]) -> None:
        """An acronym and a name whose initials it is are one entity ("KDPL", "Kestrel Dynamics Private ...")."""
        acronyms = {(item.type, item.mention.text.replace(".", "").upper()): item for item in items
                    if item.type in ("Organization", "WeaponSystem") and is_acronym(item.mention.text)}
        for item in items:
            if is_acronym(item.mention.text):
                continue
            names = ((item.mention.text, 2), (self.without_owner(item.mention.text), 3))  # "U.S. Army Patriot": no "AP"
            acronym = next((found for name, least in names for skip in (INITIAL_SKIP, INITIAL_SKIP - {"of"})
                            if len(key := initials(name, skip=skip)) >= least
                            and (found := acronyms.get((item.type, key)))), None)  # "DOJ", "DoD"
            if acronym is None or acronym.id == item.id or acronym.in_catalogue and item.in_catalogue:
                continue
            self.join(items, item, acronym)

    def without_owner(self, name: str) -> str:
        """A body's name without the country that opens it: "U.S. National Science Foundation" is the "NSF"."""
        words = name.split()
        for size in (2, 1):
            found = self.gazetteer.find(" ".join(words[:size])) if len(words) > size + 1 else None
            if found is not None and found[1] == "Country":
                return " ".join(words[size:])
        return name

    def join(self, items: list[Item], kept: Item, other: Item) -> None:
        """Make two items one entity: the catalogue's, when ``other`` is in it, else ``kept``."""
        if other.in_catalogue:
            self.merge(items, kept.id, other)
        else:
            self.merge(items, other.id, kept)

    @staticmethod
    def merge(items: list[Item], old_id: str, into: Item) -> None:
        for item in items:
            if item.id == old_id:
                item.id, item.type, item.in_catalogue = into.id, into.type, into.in_catalogue

    # -- the rest of the article ----------------------------------------------------------------------

    def propagate(self, text: str, items: list[Item]) -> list[Item]:
        """Find names learned in this article where NER missed them: "Alipov" in every sentence."""
        forms: dict[str, Item] = {}
        for item in items:
            if item.in_catalogue or item.type == "Location" or item.mention.kind == "coordinated":
                continue
            name = item.mention.text
            if name[:1].isupper() and len(name) > 2:
                forms.setdefault(name, item)
            tokens = word_tokens(name)
            if item.type == "Person" and len(tokens) >= 2:
                last = tokens[-1]
                if len(last) > 2 and last[0].isupper() and last.lower() not in self.calendar_words \
                        and not self.relative_of_well_known(tokens):
                    forms.setdefault(last, item)
        if not forms:
            return items
        covered = bytearray(len(text) + 1)
        for item in items:
            covered[item.mention.start:item.mention.end] = b"\x01" * (item.mention.end - item.mention.start)
        pattern = re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(
            re.escape(f) for f in sorted(forms, key=len, reverse=True)))
        added = []
        for match in pattern.finditer(text):
            if any(covered[match.start():match.end()]):
                continue
            source = forms[match.group(0)]
            kind = "name" if source.mention.text == match.group(0) else "short_name"
            added.append(Item(Mention(match.start(), match.end(), match.group(0), kind), source.type,
                              source.id, source.in_catalogue))
        if added:
            items = sorted(items + added, key=lambda i: i.mention.start)
            self.link_people(items, text)
        return items

    def build(self, items: list[Item], names: dict[str, str]) -> list[Entity]:
        """One ``Entity`` per id, named by the catalogue, its body, its system head or its fullest mention."""
        entities: dict[str, Entity] = {}
        for item in items:
            entity = entities.get(item.id)
            if entity is None:
                entity = entities[item.id] = Entity(item.id, item.type, "", in_catalogue=item.in_catalogue)
            entity.mentions.append(item.mention)
        for entity in entities.values():
            entity.mentions.sort(key=lambda m: (m.start, m.end))
            entity.name = self.gazetteer.names.get(entity.id) or names.get(entity.id) or (
                self.system_head(entity.mentions[0].text) if entity.type == "WeaponSystem"
                else self.without_country(_best_name(entity)) if entity.type == "Organization"
                else _best_name(entity))
        return list(entities.values())

    def without_country(self, name: str) -> str:
        """An agency's name without the country before it: ``U.S. Development Finance Corporation`` is the
        Development Finance Corporation, ``Indian Ministry of Commerce`` the Ministry of Commerce; but a
        demonym that opens a name ("Indian Institute of Technology") and a service ("U.S. Navy") stay."""
        words = name.split()
        for size in (2, 1):
            found = self.gazetteer.find(" ".join(words[:size])) if len(words) > size + 2 else None
            if found is None or found[1] != "Country":
                continue
            rest = words[size:]
            departmental = rest[0] in _DEPARTMENTS and rest[1] in ("of", "for")
            if rest[0][:1].isupper() and (departmental or found[2] != "demonym" and rest[-1][:1].isupper()
                                            and " ".join(rest).lower() not in self.services):
                return " ".join(rest)
            break
        return name


_TITLE_WORD_BEFORE = re.compile(r"(?<![\w.-])(?!The\b)[A-Z][\w'’-]*\s+$")
_TITLE_WORD_AFTER = re.compile(r"^\s+[A-Z0-9]")


def _inside_a_longer_name(text: str, mention: Mention) -> bool:
    """A mention right after or before a capitalised word ("Coalition" of "Freedom Online Coalition", "Air
    Force" of "Air Force One") is part of a name the recogniser cut short."""
    return bool(_TITLE_WORD_BEFORE.search(text[max(0, mention.start - 40):mention.start])
                or _TITLE_WORD_AFTER.match(text[mention.end:mention.end + 3]))


def _best_name(entity: Entity) -> str:
    names = [m.text for m in entity.mentions if m.kind != "acronym"] or [entity.mentions[0].text]
    return max(names, key=lambda n: (len(word_tokens(n)), -names.index(n)))


@Language.factory("defgraph_linking", requires=["doc._.entities"], assigns=["doc._.entities"])
def make_linker(nlp: Language, name: str) -> Linker:
    return Linker(name)
