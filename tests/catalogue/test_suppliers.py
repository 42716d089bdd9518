"""Tests for the systems' supplier knowledge: licensees, co_producers, holders and
``Catalogue.known_suppliers`` (validator on small catalogues written to a temp folder)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from defgraph.catalogue import CatalogueError, System, load_catalogue

COUNTRIES = """\
countries:
- {id: country:russia, name: Russia, iso2: "RU", iso3: "RUS"}
- {id: country:india, name: India, iso2: "IN", iso3: "IND"}
- {id: country:china, name: China, iso2: "CN", iso3: "CHN"}
- {id: country:usa, name: United States, iso2: "US", iso3: "USA"}
"""
ORGS = """\
organisations:
- {id: org:almaz-antey, name: Almaz-Antey, kind: manufacturer, country: country:russia}
"""
S400 = ("- {id: system:s-400, name: S-400, category: air defence system, origin: country:russia,"
        " manufacturer: org:almaz-antey, aliases: [SA-21],\n   holders: [country:russia, country:india, country:china]}\n")


def write(tmp_path: Path, systems: str) -> Path:
    (tmp_path / "countries.yaml").write_text(textwrap.dedent(COUNTRIES), encoding="utf-8")
    (tmp_path / "organisations.yaml").write_text(textwrap.dedent(ORGS), encoding="utf-8")
    (tmp_path / "systems.yaml").write_text("systems:\n" + systems, encoding="utf-8")
    return tmp_path


def load_error(tmp_path: Path, systems: str) -> str:
    with pytest.raises(CatalogueError) as exc:
        load_catalogue(write(tmp_path, systems))
    return str(exc.value)


# --------------------------------------------------------------------------- validator


def test_lists_load_sorted_and_feed_known_suppliers(tmp_path: Path) -> None:
    systems = S400 + ("- {id: system:brahmos, name: BrahMos, category: cruise missile, origin: country:india,"
                      " manufacturer: null, co_producers: [country:russia, country:india], holders: [country:india]}\n"
                      "- {id: system:t-90, name: T-90, category: tank, origin: country:russia, manufacturer: null,"
                      " licensees: [country:india]}\n"
                      "- {id: system:nh90, name: NH90, category: helicopter, origin: null, manufacturer: null}\n")
    cat = load_catalogue(write(tmp_path, systems))
    s400 = cat.by_id("system:s-400")
    assert isinstance(s400, System)
    assert s400.holders == ("country:china", "country:india", "country:russia")
    assert s400.licensees == () and s400.co_producers == ()
    assert cat.known_suppliers("system:s-400") == {"country:russia", "country:india", "country:china"}
    assert cat.known_suppliers("system:brahmos") == {"country:india", "country:russia"}
    assert cat.known_suppliers("system:t-90") == {"country:russia", "country:india"}  # holders omitted: fine
    assert cat.known_suppliers("system:nh90") == frozenset()  # nothing recorded: says nothing
    assert cat.known_suppliers("system:t-90") == cat.by_id("system:t-90").known_suppliers  # type: ignore[union-attr]


def test_known_suppliers_rejects_non_systems(tmp_path: Path) -> None:
    cat = load_catalogue(write(tmp_path, S400))
    for bad in ("country:russia", "org:almaz-antey", "system:s-900"):
        with pytest.raises(KeyError):
            cat.known_suppliers(bad)


@pytest.mark.parametrize("key", ["licensees", "co_producers", "holders"])
def test_rejects_unknown_country_id(tmp_path: Path, key: str) -> None:
    systems = S400 + (f"- {{id: system:t-90, name: T-90, category: tank, origin: country:russia, manufacturer: null,"
                      f" {key}: [country:india, country:ruritania]}}\n")
    msg = load_error(tmp_path, systems)
    assert "systems.yaml" in msg and "system:t-90" in msg and key in msg and "'country:ruritania'" in msg
    assert "fix: use an id defined in countries.yaml" in msg
    assert "'country:india'" not in msg  # only the bad id is reported


def test_rejects_non_country_ids_and_non_lists(tmp_path: Path) -> None:
    systems = S400 + ("- {id: system:t-90, name: T-90, category: tank, origin: country:russia, manufacturer: null,"
                      " holders: [org:almaz-antey, russia], co_producers: country:india}\n")
    msg = load_error(tmp_path, systems)
    assert "holders entry 'org:almaz-antey'" in msg and "holders entry 'russia'" in msg
    assert "'co_producers' is not a list" in msg and "system:t-90" in msg


def test_rejects_duplicates_and_origin_as_licensee(tmp_path: Path) -> None:
    systems = S400 + ("- {id: system:t-90, name: T-90, category: tank, origin: country:russia, manufacturer: null,"
                      " licensees: [country:russia, country:india], holders: [country:india, country:india]}\n")
    msg = load_error(tmp_path, systems)
    assert "system:t-90" in msg
    assert "holders lists 'country:india' twice" in msg
    assert "licensees lists the origin 'country:russia'" in msg


def test_rejects_unknown_key(tmp_path: Path) -> None:
    systems = S400 + ("- {id: system:t-90, name: T-90, category: tank, origin: country:russia, manufacturer: null,"
                      " operators: [country:india]}\n")
    msg = load_error(tmp_path, systems)
    assert "system:t-90" in msg and "operators" in msg and "holders" in msg  # the fix names the allowed keys


# --------------------------------------------------------------------------- packaged data


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


def test_s400_suppliers(cat) -> None:
    suppliers = cat.known_suppliers("system:s-400")
    assert {"country:russia", "country:india", "country:china", "country:turkey"} <= suppliers
    assert "country:usa" not in suppliers and "country:pakistan" not in suppliers


def test_s300_third_country_holders(cat) -> None:
    # Slovakia held S-300 and gave it to Ukraine; both can be a supplier.
    suppliers = cat.known_suppliers("system:s-300")
    assert {"country:russia", "country:slovakia", "country:ukraine", "country:greece"} <= suppliers
    assert "country:usa" not in suppliers


def test_us_systems(cat) -> None:
    assert "country:usa" in cat.known_suppliers("system:himars")
    assert {"country:ukraine", "country:poland"} <= cat.known_suppliers("system:himars")
    f16 = cat.by_id("system:f-16")
    assert {"country:turkey", "country:south-korea"} <= set(f16.licensees)
    assert {"country:denmark", "country:netherlands", "country:norway", "country:belgium"} <= set(f16.holders)
    assert "country:russia" not in cat.known_suppliers("system:patriot")


@pytest.mark.parametrize("system_id, field, expected", [
    ("system:su-30mki", "licensees", {"country:india"}),
    ("system:t-90", "licensees", {"country:india"}),
    ("system:ak-203", "licensees", {"country:india"}),
    ("system:brahmos", "co_producers", {"country:india", "country:russia"}),
    ("system:eurofighter-typhoon", "co_producers", {"country:uk", "country:germany", "country:italy", "country:spain"}),
    ("system:kilo-class", "holders", {"country:india", "country:myanmar"}),  # India passed one to Myanmar
])
def test_examples(cat, system_id: str, field: str, expected: set[str]) -> None:
    assert expected <= set(getattr(cat.by_id(system_id), field))


def test_every_system_has_suppliers_and_multinationals_name_partners(cat) -> None:
    assert all(cat.known_suppliers(s.id) for s in cat.systems)
    for s in cat.systems:
        if s.origin is None:
            assert len(s.co_producers) >= 2, s.id  # a multinational programme names its partners
        assert s.origin not in s.licensees, s.id
    assert sum(bool(s.holders) for s in cat.systems) >= 450


def test_corrected_origins(cat) -> None:
    forpost = cat.by_id("system:forpost")  # IAI Searcher II built under licence in Russia
    assert forpost.origin == "country:israel" and forpost.licensees == ("country:russia",)
    liaoning = cat.by_id("system:cns-liaoning")  # Soviet Kuznetsov-class hull, sold by Ukraine in 1998
    assert liaoning.origin == "country:russia"
    assert {"country:china", "country:ukraine"} <= set(liaoning.holders)
