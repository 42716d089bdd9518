"""The defgraph domain catalogue: countries, organisations, news agencies, weapon
systems and offices, kept as hand-written YAML data beside this module.

The catalogue is the controlled vocabulary that entity recognition and linking
resolve against. Each entity has a stable id of the form ``<kind>:<slug>``
(``country:india``, ``org:hal``, ``system:s-400``, ``office:defence-minister``)
and a set of *surface forms*: its name plus aliases, and for countries also
demonyms and capitals. :meth:`Catalogue.surface_forms` yields them as the input
for a spaCy gazetteer (EntityRuler / PhraseMatcher).

Matching rule (see :func:`is_case_sensitive`): a surface form of four characters
or fewer, or one whose letters are all upper case (``US``, ``PTI``, ``S-400``,
``DRDO``), is matched case-sensitively; every other form is matched
case-insensitively (``Su-30MKI`` also matches ``SU-30MKI`` and ``su-30mki``).

Each YAML file may carry an ``ambiguous:`` list of surface forms that are shared
by several entities of the same type (``AFP``, ``PAF``, ``Congo``) or that have a
common non-entity reading (``Georgia``, ``Patriot``, ``Jordan``). Only forms on
that list may be claimed by two entities of the same type; a matcher should treat
them as lower-confidence and confirm them from context
(:meth:`Catalogue.is_ambiguous`).

Each weapon system may also say who can supply it, as lists of ``country:`` ids:
``licensees`` (countries that produce or assemble it under licence), ``co_producers``
(partners in a joint development or joint production) and ``holders`` (countries
known to operate or to have operated it, current or past, the origin included where
it serves there). :meth:`Catalogue.known_suppliers` joins them with the origin: the
countries that could plausibly be the supplier in a transfer of that system. A
supplier outside that set is a strong negative for an extracted transfer. An empty
or missing list means nothing is recorded, not that no country qualifies.

The data is validated when loaded; any problem raises :class:`CatalogueError`
naming the file, the entry and what to fix.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, NamedTuple, Union

import yaml

from defgraph.data_files import load_yaml

__all__ = [
    "CATEGORIES",
    "Catalogue",
    "CatalogueError",
    "Country",
    "Entity",
    "Office",
    "Organisation",
    "SurfaceForm",
    "System",
    "DATA_DIR",
    "is_case_sensitive",
    "load_catalogue",
]

DATA_DIR = Path(__file__).resolve().parent

CATEGORIES: tuple[str, ...] = (
    "fighter aircraft", "bomber", "transport aircraft", "trainer aircraft",
    "helicopter", "uav", "air defence system", "cruise missile",
    "ballistic missile", "anti-ship missile", "anti-tank missile",
    "air-to-air missile", "surface-to-air missile", "tank", "armoured vehicle",
    "artillery", "rocket launcher", "small arms", "submarine", "frigate",
    "destroyer", "corvette", "aircraft carrier", "patrol vessel", "engine",
    "radar", "other",
)
ORG_KINDS: tuple[str, ...] = (
    "bloc", "international", "government", "military", "manufacturer", "agency",
    "research", "think_tank", "joint_venture", "party", "company", "media", "civil_agency",
)
AGENCY_KIND = "news_agency"
OFFICE_KINDS: tuple[str, ...] = (
    "minister", "diplomat", "military", "executive", "head_of_state",
    "head_of_government", "spokesperson", "official",
)
SPEED_CLASSES: tuple[str, ...] = ("subsonic", "supersonic", "hypersonic")

# Entity type labels used in surface forms (the labels a gazetteer emits).
COUNTRY, ORGANIZATION, WEAPON_SYSTEM, OFFICE = "Country", "Organization", "WeaponSystem", "Office"

_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_ID_RE = re.compile(rf"^(country|org|system|office):{_SLUG}$")


class CatalogueError(ValueError):
    """The catalogue data is malformed; the message names file, entry and fix."""


@dataclass(frozen=True, slots=True)
class Country:
    """A state: UN member, observer, or partially recognised."""

    id: str
    name: str
    iso2: str
    iso3: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Organisation:
    """An organisation; news agencies and outlets have ``is_agency`` set."""

    id: str
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...] = ()
    is_agency: bool = False


@dataclass(frozen=True, slots=True)
class System:
    """A weapon system, platform, engine or sensor.

    ``origin`` is the country of design (None for a multinational programme or where
    unknown). ``licensees``, ``co_producers`` and ``holders`` are sorted ``country:``
    ids: countries producing or assembling it under licence, partners in its joint
    development or production, and countries known to operate or to have operated it.
    An empty tuple means nothing is recorded.
    """

    id: str
    name: str
    category: str
    origin: str | None
    manufacturer: str | None
    aliases: tuple[str, ...] = ()
    speed_class: str | None = None
    licensees: tuple[str, ...] = ()
    co_producers: tuple[str, ...] = ()
    holders: tuple[str, ...] = ()

    @property
    def makers(self) -> frozenset[str]:
        """Origin, licensees and co-producers: the countries that design or produce it."""
        origin = (self.origin,) if self.origin else ()
        return frozenset((*origin, *self.licensees, *self.co_producers))

    @property
    def known_suppliers(self) -> frozenset[str]:
        """Origin, licensees, co-producers and holders: the countries that could supply it."""
        return self.makers | frozenset(self.holders)


@dataclass(frozen=True, slots=True)
class Office:
    """An office or title held by a person (Defence Minister, Army Chief, CEO)."""

    id: str
    title: str
    kind: str
    aliases: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The title, under the attribute name the other entities use."""
        return self.title


Entity = Union[Country, Organisation, System, Office]


class SurfaceForm(NamedTuple):
    """One text by which an entity is mentioned."""

    text: str
    entity_id: str
    type: str  # Country | Organization | WeaponSystem | Office
    form_kind: str  # name | alias | demonym | capital


def is_case_sensitive(text: str) -> bool:
    """Return True if ``text`` must be matched case-sensitively (<= 4 chars or all caps)."""
    if len(text) <= 4:
        return True
    letters = [c for c in text if c.isalpha()]
    return not letters or all(c.isupper() for c in letters)


def _match_key(text: str) -> str:
    """The key under which ``text`` is matched: itself if case-sensitive, else casefolded."""
    return text if is_case_sensitive(text) else text.casefold()


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The loaded, validated catalogue with lookups by id and by surface form."""

    countries: tuple[Country, ...]
    organisations: tuple[Organisation, ...]
    systems: tuple[System, ...]
    offices: tuple[Office, ...]
    ambiguous: frozenset[str]
    _by_id: dict[str, Entity]
    _by_key: dict[str, tuple[SurfaceForm, ...]]

    @property
    def agencies(self) -> tuple[Organisation, ...]:
        """The news agencies and outlets (organisations with ``is_agency``)."""
        return tuple(o for o in self.organisations if o.is_agency)

    def by_id(self, entity_id: str) -> Entity:
        """Return the entity with this id; raise KeyError if there is none."""
        return self._by_id[entity_id]

    def get(self, entity_id: str, default: Entity | None = None) -> Entity | None:
        """Return the entity with this id, or ``default``."""
        return self._by_id.get(entity_id, default)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def surface_forms(self, include_offices: bool = False) -> Iterator[SurfaceForm]:
        """Yield (text, entity_id, type, form_kind) for every name, alias, demonym and capital."""
        for c in self.countries:
            yield from _forms(c.id, COUNTRY, c.name, c.aliases, c.demonyms, c.capitals)
        for o in self.organisations:
            yield from _forms(o.id, ORGANIZATION, o.name, o.aliases)
        for s in self.systems:
            yield from _forms(s.id, WEAPON_SYSTEM, s.name, s.aliases)
        if include_offices:
            for f in self.offices:
                yield from _forms(f.id, OFFICE, f.title, f.aliases)

    def lookup(self, text: str) -> list[SurfaceForm]:
        """Return the surface forms (incl. offices) that ``text`` matches under the case rule."""
        found = list(self._by_key.get(text, ()))
        folded = text.casefold()
        if folded != text:
            found += [f for f in self._by_key.get(folded, ()) if f not in found]
        return found

    def known_suppliers(self, system_id: str) -> frozenset[str]:
        """Return the ``country:`` ids that could plausibly supply the system ``system_id``.

        That is its origin (country of design) joined with its ``licensees``,
        ``co_producers`` and ``holders``. A transfer whose supplier is outside this set
        (say the United States supplying an S-400) is a strong negative for the
        extractor; so is a supplier equal to the recipient. The set holds only what the
        catalogue records and may be empty (a system with no origin and no lists), so an
        empty set says nothing. Raises KeyError if ``system_id`` is not a system.
        """
        system = self._by_id.get(system_id)
        if not isinstance(system, System):
            raise KeyError(system_id)
        return system.known_suppliers

    def is_ambiguous(self, text: str) -> bool:
        """Return True if ``text`` is on an ``ambiguous:`` list (shared or common-word form)."""
        return text in self.ambiguous or text.casefold() in {a.casefold() for a in self.ambiguous}


def _forms(entity_id: str, etype: str, name: str, aliases: tuple[str, ...],
           demonyms: tuple[str, ...] = (), capitals: tuple[str, ...] = ()) -> Iterator[SurfaceForm]:
    seen: set[str] = set()
    for kind, texts in (("name", (name,)), ("alias", aliases), ("demonym", demonyms), ("capital", capitals)):
        for text in texts:
            if text not in seen:
                seen.add(text)
                yield SurfaceForm(text, entity_id, etype, kind)


# --------------------------------------------------------------------------- loading

# file name -> (top-level list key, id prefix, required keys, optional keys)
_FILES: dict[str, tuple[str, str, tuple[str, ...], tuple[str, ...]]] = {
    "countries.yaml": ("countries", "country", ("id", "name", "iso2", "iso3"),
                       ("aliases", "demonyms", "capitals")),
    "organisations.yaml": ("organisations", "org", ("id", "name", "kind", "country"), ("aliases",)),
    "agencies.yaml": ("agencies", "org", ("id", "name", "country"), ("aliases",)),
    "systems.yaml": ("systems", "system", ("id", "name", "category", "origin", "manufacturer"),
                     ("aliases", "speed_class", "licensees", "co_producers", "holders")),
    "offices.yaml": ("offices", "office", ("id", "title", "kind"), ("aliases",)),
}


class _Errors:
    """Collects validation problems so that one load reports all of them."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, file: str, entry: str, problem: str, fix: str) -> None:
        self.items.append(f"{file}: entry {entry}: {problem} -- fix: {fix}")

    def raise_if_any(self, directory: Path) -> None:
        if self.items:
            head = f"catalogue in {directory} is invalid ({len(self.items)} problem(s)):"
            raise CatalogueError("\n".join([head, *("  " + i for i in self.items)]))


def _entry_label(index: int, raw: Any) -> str:
    if isinstance(raw, dict):
        label = raw.get("id") or raw.get("name") or raw.get("title")
        if label:
            return f"#{index} ({label})"
    return f"#{index}"


def _read(path: Path, list_key: str, errors: _Errors) -> tuple[list[Any], list[str]]:
    """Read one YAML file; return (entries, ambiguous forms)."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        errors.add(path.name, "-", f"is not valid YAML ({exc})", "correct the YAML syntax")
        return [], []
    if data is None:
        return [], []
    if isinstance(data, list):
        return data, []
    if not isinstance(data, dict):
        errors.add(path.name, "-", "top level is neither a mapping nor a list",
                   f"use a mapping with keys 'ambiguous' and '{list_key}'")
        return [], []
    unknown = set(data) - {list_key, "ambiguous"}
    if unknown:
        errors.add(path.name, "-", f"unknown top-level key(s) {sorted(unknown)}",
                   f"use only 'ambiguous' and '{list_key}'")
    entries = data.get(list_key) or []
    ambiguous = data.get("ambiguous") or []
    if not isinstance(entries, list):
        errors.add(path.name, "-", f"'{list_key}' is not a list", "make it a YAML list of mappings")
        entries = []
    if not isinstance(ambiguous, list) or not all(isinstance(a, str) and a for a in ambiguous):
        errors.add(path.name, "ambiguous", "is not a list of non-empty strings", "list surface forms as strings")
        ambiguous = []
    return entries, ambiguous


def _str_list(file: str, label: str, raw: dict[str, Any], key: str, errors: _Errors) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() == v and v for v in value):
        errors.add(file, label, f"'{key}' must be a list of non-empty, trimmed strings (got {value!r})",
                   f"write {key}: [Form one, Form two], quoting values YAML would read as numbers or booleans")
        return ()
    return tuple(value)


def _load(directory: Path) -> Catalogue:
    if not directory.is_dir():
        raise CatalogueError(f"{directory}: catalogue directory does not exist -- fix: pass the folder holding the YAML files")
    present = [name for name in _FILES if (directory / name).is_file()]
    if not present:
        raise CatalogueError(f"{directory}: none of {sorted(_FILES)} found -- fix: pass the folder holding the YAML files")

    errors = _Errors()
    ambiguous: dict[str, str] = {}  # form -> file that lists it
    # (file, label, raw) per entity kind, to validate references once all ids are known
    rows: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    id_home: dict[str, str] = {}

    for name in present:
        list_key, prefix, required, optional = _FILES[name]
        entries, amb = _read(directory / name, list_key, errors)
        for form in amb:
            ambiguous.setdefault(form, name)
        for i, raw in enumerate(entries, start=1):
            label = _entry_label(i, raw)
            if not isinstance(raw, dict):
                errors.add(name, label, "is not a mapping", "write the entry as {id: ..., name: ..., ...}")
                continue
            missing = [k for k in required if k not in raw]
            if missing:
                errors.add(name, label, f"missing required key(s) {missing}", f"add {', '.join(missing)}")
                continue
            unknown = set(raw) - set(required) - set(optional)
            if unknown:
                errors.add(name, label, f"unknown key(s) {sorted(unknown)}",
                           f"use only {', '.join(required + optional)}")
            eid = raw["id"]
            if not isinstance(eid, str) or not _ID_RE.match(eid) or not eid.startswith(prefix + ":"):
                errors.add(name, label, f"id {eid!r} does not match '{prefix}:<slug>'",
                           f"use '{prefix}:' followed by lower-case letters, digits and single hyphens")
                continue
            if eid in id_home:
                errors.add(name, label, f"duplicate id {eid!r} (already defined in {id_home[eid]})",
                           "give each entity a unique id")
                continue
            id_home[eid] = name
            name_key = "title" if prefix == "office" else "name"
            if not isinstance(raw[name_key], str) or not raw[name_key].strip():
                errors.add(name, label, f"'{name_key}' is empty or not a string", f"give a {name_key}")
                continue
            rows[name].append((name, label, raw))

    countries: list[Country] = []
    organisations: list[Organisation] = []
    systems: list[System] = []
    offices: list[Office] = []

    def ref(file: str, label: str, raw: dict[str, Any], key: str, prefix: str) -> str | None:
        value = raw.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.startswith(prefix + ":") or value not in id_home:
            errors.add(file, label, f"{key} {value!r} does not resolve to an existing {prefix}: id",
                       "use an id defined in the catalogue or null")
            return None
        return value

    def country_list(file: str, label: str, raw: dict[str, Any], key: str) -> tuple[str, ...]:
        """A system's list of country ids (licensees, co_producers, holders), sorted."""
        value = raw.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            errors.add(file, label, f"'{key}' is not a list (got {value!r})",
                       f"write {key}: [country:india, country:russia], or [] if none is known")
            return ()
        good: list[str] = []
        for item in value:
            if not isinstance(item, str) or not item.startswith("country:") or item not in id_home:
                errors.add(file, label, f"{key} entry {item!r} does not resolve to an existing country: id",
                           f"use an id defined in countries.yaml (e.g. country:india) or remove it from {key}")
            elif item in good:
                errors.add(file, label, f"{key} lists {item!r} twice", "list each country once")
            else:
                good.append(item)
        return tuple(sorted(good))

    for file, label, raw in rows["countries.yaml"]:
        iso2, iso3 = raw["iso2"], raw["iso3"]
        if not (isinstance(iso2, str) and re.fullmatch(r"[A-Z]{2}", iso2)):
            errors.add(file, label, f"iso2 {iso2!r} is not two upper-case letters", 'quote it: iso2: "NO"')
        if not (isinstance(iso3, str) and re.fullmatch(r"[A-Z]{3}", iso3)):
            errors.add(file, label, f"iso3 {iso3!r} is not three upper-case letters", 'quote it: iso3: "NOR"')
        countries.append(Country(
            id=raw["id"], name=raw["name"], iso2=str(iso2), iso3=str(iso3),
            aliases=_str_list(file, label, raw, "aliases", errors),
            demonyms=_str_list(file, label, raw, "demonyms", errors),
            capitals=_str_list(file, label, raw, "capitals", errors)))
    for field in ("iso2", "iso3"):
        seen: dict[str, str] = {}
        for c in countries:
            value = getattr(c, field)
            if value in seen:
                errors.add("countries.yaml", c.id, f"{field} {value!r} also used by {seen[value]}",
                           f"give each country its own {field}")
            seen[value] = c.id

    for file, label, raw in rows["organisations.yaml"]:
        if raw["kind"] not in ORG_KINDS:
            errors.add(file, label, f"kind {raw['kind']!r} is not allowed", f"use one of {', '.join(ORG_KINDS)}")
        organisations.append(Organisation(
            id=raw["id"], name=raw["name"], kind=raw["kind"],
            country=ref(file, label, raw, "country", "country"),
            aliases=_str_list(file, label, raw, "aliases", errors)))
    for file, label, raw in rows["agencies.yaml"]:
        organisations.append(Organisation(
            id=raw["id"], name=raw["name"], kind=AGENCY_KIND,
            country=ref(file, label, raw, "country", "country"),
            aliases=_str_list(file, label, raw, "aliases", errors), is_agency=True))

    for file, label, raw in rows["systems.yaml"]:
        if raw["category"] not in CATEGORIES:
            errors.add(file, label, f"category {raw['category']!r} is not allowed",
                       f"use one of: {', '.join(CATEGORIES)}")
        speed = raw.get("speed_class")
        if speed is not None and speed not in SPEED_CLASSES:
            errors.add(file, label, f"speed_class {speed!r} is not allowed",
                       f"use one of {', '.join(SPEED_CLASSES)} or omit it")
        origin = ref(file, label, raw, "origin", "country")
        licensees = country_list(file, label, raw, "licensees")
        if origin is not None and origin in licensees:
            errors.add(file, label, f"licensees lists the origin {origin!r}",
                       "remove it: the country of design does not produce under licence")
        systems.append(System(
            id=raw["id"], name=raw["name"], category=raw["category"], origin=origin,
            manufacturer=ref(file, label, raw, "manufacturer", "org"),
            aliases=_str_list(file, label, raw, "aliases", errors), speed_class=speed,
            licensees=licensees, co_producers=country_list(file, label, raw, "co_producers"),
            holders=country_list(file, label, raw, "holders")))

    for file, label, raw in rows["offices.yaml"]:
        if raw["kind"] not in OFFICE_KINDS:
            errors.add(file, label, f"kind {raw['kind']!r} is not allowed", f"use one of {', '.join(OFFICE_KINDS)}")
        offices.append(Office(id=raw["id"], title=raw["title"], kind=raw["kind"],
                              aliases=_str_list(file, label, raw, "aliases", errors)))

    by_id: dict[str, Entity] = {e.id: e for e in (*countries, *organisations, *systems, *offices)}
    catalogue = Catalogue(
        countries=tuple(countries), organisations=tuple(organisations), systems=tuple(systems),
        offices=tuple(offices), ambiguous=frozenset(ambiguous), _by_id=by_id, _by_key={})

    # Alias clashes: one match key claimed by two entities of the same type.
    ambiguous_keys = {_match_key(a) for a in ambiguous} | {a.casefold() for a in ambiguous}
    by_key: dict[str, list[SurfaceForm]] = defaultdict(list)
    owners: dict[tuple[str, str], list[str]] = defaultdict(list)
    for form in catalogue.surface_forms(include_offices=True):
        key = _match_key(form.text)
        by_key[key].append(form)
        # Clashes are judged case-insensitively so that "MiG" and "MIG" count as one form.
        clash_key = (form.type, form.text.casefold())
        if form.entity_id in owners[clash_key]:
            continue
        owners[clash_key].append(form.entity_id)
        if len(owners[clash_key]) == 2 and form.text.casefold() not in ambiguous_keys and form.text not in ambiguous_keys:
            first = owners[clash_key][0]
            errors.add(id_home[form.entity_id], form.entity_id,
                       f"{form.form_kind} {form.text!r} is also claimed by {first} ({id_home[first]})",
                       f"remove it from one entity, or add {form.text!r} to an 'ambiguous:' list")
    all_texts = {f.text.casefold() for forms in by_key.values() for f in forms}
    for a, file in sorted(ambiguous.items()):
        if a.casefold() not in all_texts:
            errors.add(file, f"ambiguous {a!r}", "is not a surface form of any entity",
                       "remove it from the 'ambiguous:' list or correct its spelling")
    errors.raise_if_any(directory)
    object.__setattr__(catalogue, "_by_key", {k: tuple(v) for k, v in by_key.items()})
    return catalogue


@functools.lru_cache(maxsize=1)
def _load_default() -> Catalogue:
    return _load(DATA_DIR)


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """Load and validate the catalogue from ``path`` (a folder of YAML files; default: the packaged data)."""
    if path is None:
        return _load_default()
    return _load(Path(path))
