"""Tests for the domain catalogue: the packaged data and the load-time validator."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from defgraph.catalogue import (
    CATEGORIES,
    Catalogue,
    CatalogueError,
    Country,
    Office,
    Organisation,
    System,
    is_case_sensitive,
    load_catalogue,
)


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue()


def ids(cat: Catalogue, text: str) -> set[str]:
    return {f.entity_id for f in cat.lookup(text)}


# --------------------------------------------------------------------------- packaged data


def test_loads_and_is_cached(cat: Catalogue) -> None:
    assert load_catalogue() is cat


def test_counts(cat: Catalogue) -> None:
    assert len(cat.countries) >= 197  # 193 UN members + Palestine, Holy See, Taiwan, Kosovo
    assert len(cat.systems) >= 300
    assert len([o for o in cat.organisations if not o.is_agency]) >= 150
    assert len(cat.agencies) >= 30
    assert len(cat.offices) >= 60


def test_extras_and_key_country_ids(cat: Catalogue) -> None:
    for cid in ["country:palestine", "country:holy-see", "country:taiwan", "country:kosovo",
                "country:usa", "country:uk", "country:russia", "country:china",
                "country:south-korea", "country:north-korea", "country:uae", "country:turkey"]:
        assert isinstance(cat.by_id(cid), Country), cid
    assert cat.by_id("country:norway").iso2 == "NO"  # not YAML's boolean False
    assert {"Türkiye", "Turkiye"} <= set(cat.by_id("country:turkey").aliases)


@pytest.mark.parametrize("text, expected", [
    ("S-400 Triumph", "system:s-400"),
    ("SA-21", "system:s-400"),
    ("S-400", "system:s-400"),
    ("Su-30 MKI", "system:su-30mki"),
    ("Su-30MKI", "system:su-30mki"),
    ("Sukhoi-30MKI", "system:su-30mki"),
    ("AK-203", "system:ak-203"),
    ("AK 203", "system:ak-203"),
    ("BrahMos", "system:brahmos"),
    ("SkyGuardian", "system:mq-9b"),
    ("Rafale Marine", "system:rafale-m"),
    ("Tejas", "system:hal-tejas"),
    ("Shahed-136", "system:shahed-136"),
    ("Geran-2", "system:shahed-136"),
])
def test_system_lookups(cat: Catalogue, text: str, expected: str) -> None:
    assert ids(cat, text) == {expected}


def test_rafale_and_rafale_m_are_distinct(cat: Catalogue) -> None:
    assert ids(cat, "Rafale") == {"system:rafale"}
    assert ids(cat, "Rafale M") == {"system:rafale-m"}


def test_country_forms(cat: Catalogue) -> None:
    moscow = cat.lookup("Moscow")
    assert [(f.entity_id, f.type, f.form_kind) for f in moscow] == [("country:russia", "Country", "capital")]
    indian = cat.lookup("Indian")
    assert [(f.entity_id, f.form_kind) for f in indian] == [("country:india", "demonym")]
    for text in ["US", "U.S.", "USA", "America", "United States of America"]:
        assert ids(cat, text) == {"country:usa"}, text
    for text in ["UK", "Britain", "Great Britain", "British"]:
        assert ids(cat, text) == {"country:uk"}, text
    assert ids(cat, "Kyiv") == ids(cat, "Kiev") == {"country:ukraine"}
    assert ids(cat, "DPRK") == {"country:north-korea"}
    assert ids(cat, "Emirati") == {"country:uae"}


def test_organisation_forms(cat: Catalogue) -> None:
    long_name = "Scientific and Production Association of Machine-Building"
    assert ids(cat, long_name) == ids(cat, "NPO Mash") == {"org:npo-mashinostroyeniya"}
    assert ids(cat, "DRDO") == {"org:drdo"}
    assert ids(cat, "Hindustan Aeronautics Limited") == ids(cat, "HAL") == {"org:hal"}
    assert ids(cat, "Savunma Sanayii Başkanlığı") == {"org:ssb"}
    assert ids(cat, "NSC") == ids(cat, "National Security Council") == {"org:us-nsc"}
    system = cat.by_id("system:s-400")
    assert isinstance(system, System) and system.manufacturer == "org:almaz-antey"
    assert cat.by_id("org:brahmos-aerospace").kind == "joint_venture"
    assert "Defence Ministry" not in {f.text for f in cat.surface_forms()}


def test_agencies(cat: Catalogue) -> None:
    pti = cat.lookup("PTI")
    assert [f.entity_id for f in pti] == ["org:pti"]
    org = cat.by_id("org:pti")
    assert isinstance(org, Organisation) and org.is_agency and org.country == "country:india"
    assert not cat.by_id("org:hal").is_agency  # type: ignore[union-attr]


def test_ambiguous_forms_are_flagged(cat: Catalogue) -> None:
    assert ids(cat, "AFP") == {"org:agence-france-presse", "org:afp-philippines"}
    assert cat.is_ambiguous("AFP") and cat.is_ambiguous("Georgia")
    assert not cat.is_ambiguous("Rosoboronexport")


def test_offices(cat: Catalogue) -> None:
    office = cat.by_id("office:defence-minister")
    assert isinstance(office, Office) and "Defense Minister" in office.aliases
    assert {f.type for f in cat.surface_forms()} == {"Country", "Organization", "WeaponSystem"}
    assert "Office" in {f.type for f in cat.surface_forms(include_offices=True)}


def test_references_and_categories(cat: Catalogue) -> None:
    for s in cat.systems:
        assert s.category in CATEGORIES
        assert s.origin is None or isinstance(cat.by_id(s.origin), Country)
        assert s.manufacturer is None or isinstance(cat.by_id(s.manufacturer), Organisation)


def test_case_rule() -> None:
    assert is_case_sensitive("US") and is_case_sensitive("PTI") and is_case_sensitive("S-400")
    assert is_case_sensitive("Chad")  # four characters
    assert not is_case_sensitive("Su-30MKI") and not is_case_sensitive("Moscow")


def test_lookup_honours_case_rule(cat: Catalogue) -> None:
    assert ids(cat, "us") == set()
    assert ids(cat, "MOSCOW") == {"country:russia"}
    assert ids(cat, "su-30mki") == {"system:su-30mki"}


def test_surface_forms_shape(cat: Catalogue) -> None:
    forms = list(cat.surface_forms())
    assert all(len(f) == 4 for f in forms)
    assert {f.form_kind for f in forms} == {"name", "alias", "demonym", "capital"}
    text, entity_id, etype, kind = forms[0]
    assert entity_id.startswith("country:") and etype == "Country" and kind == "name"


# --------------------------------------------------------------------------- validator

GOOD_COUNTRIES = """\
countries:
- {id: country:russia, name: Russia, iso2: "RU", iso3: "RUS", aliases: [Russian Federation], demonyms: [Russian], capitals: [Moscow]}
"""
GOOD_ORGS = """\
organisations:
- {id: org:almaz-antey, name: Almaz-Antey, kind: manufacturer, country: country:russia, aliases: [Almaz Antey]}
"""
GOOD_SYSTEMS = """\
systems:
- {id: system:s-400, name: S-400, category: air defence system, origin: country:russia, manufacturer: org:almaz-antey, aliases: [SA-21]}
"""


def write(tmp_path: Path, countries: str = GOOD_COUNTRIES, orgs: str = GOOD_ORGS,
          systems: str = GOOD_SYSTEMS) -> Path:
    (tmp_path / "countries.yaml").write_text(textwrap.dedent(countries), encoding="utf-8")
    (tmp_path / "organisations.yaml").write_text(textwrap.dedent(orgs), encoding="utf-8")
    (tmp_path / "systems.yaml").write_text(textwrap.dedent(systems), encoding="utf-8")
    return tmp_path


def test_minimal_catalogue_loads(tmp_path: Path) -> None:
    cat = load_catalogue(write(tmp_path))
    assert ids(cat, "SA-21") == {"system:s-400"}


def test_rejects_duplicate_id(tmp_path: Path) -> None:
    systems = GOOD_SYSTEMS + "- {id: system:s-400, name: S-400 copy, category: tank, origin: null, manufacturer: null}\n"
    with pytest.raises(CatalogueError) as exc:
        load_catalogue(write(tmp_path, systems=systems))
    msg = str(exc.value)
    assert "systems.yaml" in msg and "system:s-400" in msg and "duplicate id" in msg


def test_rejects_dangling_origin(tmp_path: Path) -> None:
    systems = GOOD_SYSTEMS + "- {id: system:t-90, name: T-90, category: tank, origin: country:ruritania, manufacturer: null}\n"
    with pytest.raises(CatalogueError) as exc:
        load_catalogue(write(tmp_path, systems=systems))
    msg = str(exc.value)
    assert "systems.yaml" in msg and "system:t-90" in msg and "country:ruritania" in msg


def test_rejects_unknown_category(tmp_path: Path) -> None:
    systems = GOOD_SYSTEMS + "- {id: system:death-ray, name: Death Ray, category: laser cannon, origin: null, manufacturer: null}\n"
    with pytest.raises(CatalogueError) as exc:
        load_catalogue(write(tmp_path, systems=systems))
    msg = str(exc.value)
    assert "systems.yaml" in msg and "system:death-ray" in msg and "laser cannon" in msg


def test_rejects_alias_clash_unless_ambiguous(tmp_path: Path) -> None:
    clash = GOOD_SYSTEMS + "- {id: system:s-500, name: S-500, category: air defence system, origin: country:russia, manufacturer: null, aliases: [SA-21]}\n"
    with pytest.raises(CatalogueError) as exc:
        load_catalogue(write(tmp_path, systems=clash))
    msg = str(exc.value)
    assert "systems.yaml" in msg and "system:s-500" in msg and "'SA-21'" in msg and "ambiguous" in msg
    allowed = "ambiguous: [SA-21]\n" + clash
    cat = load_catalogue(write(tmp_path, systems=allowed))
    assert ids(cat, "SA-21") == {"system:s-400", "system:s-500"}


def test_rejects_missing_key_and_bad_id(tmp_path: Path) -> None:
    orgs = GOOD_ORGS + "- {id: org:nameless, kind: manufacturer, country: null}\n- {id: Org_Bad, name: Bad, kind: bloc, country: null}\n"
    with pytest.raises(CatalogueError) as exc:
        load_catalogue(write(tmp_path, orgs=orgs))
    msg = str(exc.value)
    assert "organisations.yaml" in msg and "org:nameless" in msg and "missing required key" in msg
    assert "Org_Bad" in msg


def test_rejects_unquoted_norway(tmp_path: Path) -> None:
    countries = GOOD_COUNTRIES + "- {id: country:norway, name: Norway, iso2: NO, iso3: NOR}\n"
    with pytest.raises(CatalogueError, match="countries.yaml.*country:norway.*iso2"):
        load_catalogue(write(tmp_path, countries=countries))


def test_error_is_value_error() -> None:
    assert issubclass(CatalogueError, ValueError)

