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
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from defgraph.extraction.doctext import doc_text
from defgraph.extraction.entities_vocabulary import Gazetteer, gazetteer, is_title_case, new_id, norm_key, word_lists
from defgraph.extraction.roles_vocabulary import load_vocabulary
from defgraph.model import Article, Entity, Mention

_ACRONYM = re.compile(r"(?:['’]s)?\s*\((?P<acronym>[A-Z][A-Za-z0-9&.-]{1,14})(?:['’]s)?\)")  # "X’s (XA’s)"
_HEADLINE = re.compile(r"^[^\n]{10,120}(?<![.!?:;,\"”’'])$", re.M)  # a short line without end punctuation
_INITIAL_SKIP = {"of", "for", "and", "on", "the", "&", "in", "de"}
_STATE_CORPORATION = re.compile(r"(?<=\S)\s+State(?:\s+[A-Z][a-z]+)*\s+Corporation$")
_DEPARTMENTS = {"Department", "Ministry", "Office", "Bureau", "Agency", "Directorate"}


@dataclass(slots=True)
class Item:
    """One mention and the entity it is currently linked to."""

    mention: Mention
    type: str
    id: str
    in_catalogue: bool


def _items(entities: Iterable[Entity]) -> list[Item]:
    items = [Item(m, e.type, e.id, e.in_catalogue) for e in entities for m in e.mentions]
    return sorted(items, key=lambda item: item.mention.start)


_WORD = re.compile(r"[\w.'-]+")


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text)


def initials(name: str, skip: frozenset[str] | set[str] = frozenset(_INITIAL_SKIP)) -> str:
    """``Kestrel Dynamics Private Limited`` → ``KDPL``: first letters of the words not in ``skip``."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in skip]
    return "".join(w[0] for w in words).upper()


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 10 and sum(c.isupper() for c in letters) >= len(letters) - 1


class Linker:
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
        self.no_service_wholes = {_singular(w.lower()) for w in words["no_service_wholes"]}
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
            if entity_type == "Organization" and not _is_acronym(form):
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
                    if item.type in ("Organization", "WeaponSystem") and _is_acronym(item.mention.text)}
        for item in items:
            if _is_acronym(item.mention.text):
                continue
            names = ((item.mention.text, 2), (self.without_owner(item.mention.text), 3))  # "U.S. Army Patriot": no "AP"
            acronym = next((found for name, least in names for skip in (_INITIAL_SKIP, _INITIAL_SKIP - {"of"})
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

    # -- people ---------------------------------------------------------------------------------------

    def link_people(self, items: list[Item], text: str = "") -> None:
        """A short name ("Holt", "Maria Holt", "HOLT", "Assad") joins the nearest full name that contains it.
        A short name under an office title ("Speaker Holt"), or one that two full names contain ("Biden" of
        "President Joe Biden" and "Jill Biden"), prefers the full names given a title."""
        full: list[tuple[list[str], Item]] = []
        for item in items:
            tokens = _name_tokens(item.mention.text)
            if item.type == "Person" and len(tokens) >= 2:
                full.append((tokens, item))
        titled_ids = {item.id for _, item in full if self.is_titled(text, item)}
        surname_titles: dict[str, set[str]] = {}  # a well-known surname → the office titles before it bare
        for item in items:
            tokens = _name_tokens(item.mention.text)
            if item.type == "Person" and len(tokens) == 1 and tokens[0] in self.well_known_given \
                    and (title := self.title_of(text, item)):
                surname_titles.setdefault(tokens[0], set()).add(title)
        for item in items:
            if item.in_catalogue or item.type not in ("Person", "Organization", "Location"):
                continue
            tokens = _name_tokens(item.mention.text)
            if item.type != "Person" and len(tokens) != 1:
                continue
            owners = [(n, owner) for n, owner in full if len(n) > len(tokens) and _contains(n, tokens)]
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
        body_words = {token.casefold() for item in body for token in _tokens(item.mention.text)}  # "BATES:"

        def reads_as_verb(word: str) -> bool:  # "Announces": the text has "announces", "announced", "announcing"
            if not word.endswith("s") or word.endswith("ss") or word.casefold() in body_words:
                return False
            stem = re.escape(word.lower()[:-2] if word.endswith("es") else word.lower()[:-1])
            return re.search(rf"\b(?:{re.escape(word.lower())}|{stem}e?(?:d|ing))\b", text) is not None

        def runs_on(headline: str, name: str) -> bool:
            if not headline.startswith(name + " "):
                return False
            return len(_tokens(name)) >= 2 or reads_as_verb(headline[len(name) + 1:].split()[0])

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
        names = _name_tokens(" ".join(tokens))
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
                         if item.type == "Person" and len(_name_tokens(item.mention.text)) > 1}
        for item in items:
            tokens = _name_tokens(item.mention.text)
            formal = self.given_names.get(tokens[0]) if len(tokens) == 1 else None
            if item.type not in ("Person", "Organization", "Location") or item.in_catalogue \
                    or item.id in named_in_full or formal is None or formal == tokens[0]:
                continue
            paragraph = text.rfind("\n", 0, item.mention.start) + 1
            last = next((other for other in reversed(items) if other.type == "Person" and other.id != item.id
                         and paragraph <= other.mention.start < item.mention.start), None)
            names = _name_tokens(last.mention.text) if last is not None else []
            if len(names) > 1 and self.given_names.get(names[0], names[0]) == formal:
                self.merge(items, item.id, last)

    def link_known_given_names(self, items: list[Item], names: dict[str, str]) -> None:
        """A bare given name ("Boris") joins the bare surname of the well-known person it opens the name of
        ("Johnson"), when the article never gives the full name ("Boris Johnson", the entity's name then):
        a speaker greeted by his first name."""
        named_in_full = {item.id for item in items
                         if item.type == "Person" and len(_name_tokens(item.mention.text)) > 1}
        bare: dict[str, Item] = {}
        for item in items:
            tokens = _name_tokens(item.mention.text)
            if item.type == "Person" and len(tokens) == 1 and item.id not in named_in_full:
                bare.setdefault(tokens[0], item)
        for item in items:
            tokens = _name_tokens(item.mention.text)
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
                  and len(_tokens(item.mention.text)) == 1 and self.is_titled(text, item)}
        places = {item.mention.text: item.id for item in items
                  if item.type == "Location" and item.mention.text not in titled}
        for item in items:
            if item.type == "Person" and item.id == new_id("Person", item.mention.text) \
                    and item.mention.text in places and len(_tokens(item.mention.text)) == 1:
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
        in_body = {token.casefold() for item in body for token in _tokens(item.mention.text)}  # "JEAN-PIERRE:"
        linked = {item.id for item in body}

        def named_in_body(item: Item) -> bool:
            tokens = [token.casefold() for token in _tokens(item.mention.text)]
            return set(tokens) <= in_body or bool(tokens) and tokens[-1] in in_body and item.id in linked

        return [item for item in items if item.type != "Person" or item.in_catalogue
                or not _within(item, headlines) or named_in_body(item)]

    @staticmethod
    def drop_name_pairs(items: list[Item]) -> list[Item]:
        """"Singh-Belousov" (talks) is two people the article names, not an organisation."""
        surnames = {_tokens(item.mention.text)[-1] for item in items if item.type == "Person"}
        return [item for item in items if item.type == "Person" or item.in_catalogue
                or not set(item.mention.text.split("-")) <= surnames]

    # -- ministries and armed services ----------------------------------------------------------------

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
            if target is not None and id(item) not in keyed and _is_acronym(item.mention.text):
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

    # -- one entity, several spellings ----------------------------------------------------------------

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
            tokens = _tokens(item.mention.text)
            if item.id in ids and len(tokens) >= 2 and tokens[0].istitle() and tokens[0].isalpha() \
                    and tokens[0].lower() not in self.person_titles:
                first = tokens[0].lower()
                given.setdefault(item.id, set()).add(self.given_names.get(first, first))
        names = list(given.values())
        return any(not a & b for i, a in enumerate(names) for b in names[i + 1:])

    def name_key(self, item: Item) -> tuple[str, str | None] | None:
        """An organisation's name without its country, article, word order or number, with the country:
        ``U.S. Department of the Navy`` → (``department of navy``, ``country:usa``)."""
        if item.type != "Organization" or _is_acronym(item.mention.text):
            return None
        words = _tokens(re.sub(r"^[Tt]he\s+", "", item.mention.text))
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
        return (" ".join(_singular(w) for w in lowered), owner) if lowered else None

    def ship_key(self, item: Item) -> str | None:
        """A named ship with or without its prefix: ``INS Vikrant`` and ``Vikrant`` share ``vikrant``."""
        words = item.mention.text.split()
        if item.type != "WeaponSystem" or not words:
            return None
        return norm_key(" ".join(words[1:] if words[0] in self.ship_prefixes and len(words) > 1 else words))

    def person_key(self, item: Item) -> str | None:
        """A full name as given name and surname, the given name in its formal form: ``joseph biden``."""
        tokens = _tokens(item.mention.text)
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
            words = _name_tokens(item.mention.text)
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
            tokens = _tokens(item.mention.text)
            if item.type == "Person" and tokens and len(tokens[-1]) >= 7:
                surnames.setdefault(tokens[-1].casefold(), item)
        for item in items:
            tokens = _tokens(item.mention.text)
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
            if item.type != "Organization" or _is_acronym(text) or not text[:1].isupper() \
                    or bare and item.id not in unowned:
                continue  # "the Army" has joined its owner's army already
            key = tuple(_singular(w.lower()) for w in _tokens(text))
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
        bare = {tuple(w.lower() for w in _tokens(item.mention.text)): item
                for item in items if item.type == "Organization"}
        for item in items:
            words = [w.lower().strip(".") for w in _tokens(item.mention.text)]
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
        words = [_singular(w.lower()) for w in _tokens(name)]
        return {tuple(words[:i]) for i, w in enumerate(words)
                if i and w in self.organisation_heads and words[i - 1] not in _INITIAL_SKIP
                and (i == len(words) - 1 or words[i + 1] in self.remit_words | self.organisation_heads)}

    def ending_keys(self, name: str) -> set[tuple[str, ...]]:
        """The words a name ends on after others, before any remit, unless it names a headquarters or an
        office's title: ``Global Coalition to Defeat X`` → ``coalition``, ``global coalition``; none for
        ``Headquarters Kestrel Air Force`` or a fragment ``Air Force for Installations``."""
        words = [_singular(w.lower()) for w in _tokens(name)]
        if not words or words[0] in self.no_service_wholes:
            return set()
        cut = next((i for i, w in enumerate(words) if i and w in self.remit_words), len(words))
        return {tuple(words[i:cut]) for i in range(1, cut)}

    def short_keys(self, name: str) -> set[tuple[str, ...]]:
        """The short forms of an organisation's name: the words it ends on before its remit, or opens on."""
        words = [_singular(w.lower()) for w in _tokens(name)]
        cut = next((i for i, w in enumerate(words) if i and w in self.remit_words), len(words))
        keys = {tuple(words[i:cut]) for i in range(1, cut)}
        keys |= {tuple(words[:i]) for i, w in enumerate(words) if i and w in self.remit_words}
        if len(words) == cut + 2 or len(words) == cut + 3 and words[cut + 1] == "the":
            keys.add((words[-1],))  # "the Treasury": "Department of the Treasury"
        return keys

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
            tokens = _tokens(name)
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


def _headline_spans(text: str) -> list[tuple[int, int]]:
    """The short Title Case lines of the text: its headline and its section headings."""
    return [m.span() for m in _HEADLINE.finditer(text) if is_title_case(m.group(0))]


def _within(item: Item, spans: list[tuple[int, int]]) -> bool:
    return any(a <= item.mention.start < b for a, b in spans)


def _inside_a_longer_name(text: str, mention: Mention) -> bool:
    """A mention right after or before a capitalised word ("Coalition" of "Freedom Online Coalition", "Air
    Force" of "Air Force One") is part of a name the recogniser cut short."""
    return bool(_TITLE_WORD_BEFORE.search(text[max(0, mention.start - 40):mention.start])
                or _TITLE_WORD_AFTER.match(text[mention.end:mention.end + 3]))


def _name_tokens(text: str) -> list[str]:
    """A name's words, case-blind and without an Arabic article: ``Bashar al-Assad`` → ``bashar``, ``assad``."""
    return [re.sub(r"^(?:al|el|ad|as|ash)-(?=\w)", "", t.lower()) for t in _tokens(text)]


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _contains(tokens: list[str], part: list[str]) -> bool:
    size = len(part)
    return any(tokens[i:i + size] == part for i in range(len(tokens) - size + 1))


def _best_name(entity: Entity) -> str:
    names = [m.text for m in entity.mentions if m.kind != "acronym"] or [entity.mentions[0].text]
    return max(names, key=lambda n: (len(_tokens(n)), -names.index(n)))


@Language.factory("defgraph_linking", requires=["doc._.entities"], assigns=["doc._.entities"])
def make_linker(nlp: Language, name: str) -> Linker:
    return Linker(name)
