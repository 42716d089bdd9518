"""The roles vocabulary: titles, ranks and well-known people, read once from data.

Reads the catalogue's offices and ``data/roles_titles.yaml``, ``roles_ranks.yaml`` and
``roles_nationalities.yaml``; writes one ``Vocabulary`` that the roles component compiles into matchers.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from defgraph.catalogue import Country, Office, load_catalogue
from defgraph.data_files import load_yaml

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Title:
    """One entry of the title vocabulary."""

    text: str
    kind: str  # body, national, service, weak, counterpart, rank
    group: str
    service: str | None = None
    canonical: str | None = None  # the title an acronym stands for ("PM" -> "Prime Minister")

    @property
    def is_acronym(self) -> bool:
        return self.text.isupper()


@dataclass(frozen=True, slots=True)
class Vocabulary:
    titles: tuple[Title, ...]
    ranks: tuple[Title, ...]
    capitals: dict[str, str]  # capital city -> country id
    body_countries: dict[str, str]  # organisation or agency name or alias (lower case) -> country id
    country_words: dict[str, str]  # country name or demonym (lower case) -> country id
    org_countries: dict[str, str]  # catalogue organisation id -> country id
    modifiers: frozenset[str]
    former: frozenset[str]
    honorifics: frozenset[str]
    name_suffixes: frozenset[str]  # "Jr.", "IV": after a surname, part of the name
    times: frozenset[str]
    passed_over: frozenset[str]
    body_nouns: frozenset[str]
    verbs: dict[str, str]
    appointing: frozenset[str]  # "the appointment of X as Y": words giving the office after "as"
    serving: frozenset[str]  # "X serves as Y"
    copular: frozenset[str]  # "X is the Director of Y", "X was Dean of Y"
    member_nouns: frozenset[str]  # "X, a career member of Y": membership a biography gives
    member_qualifiers: frozenset[str]
    member_being: frozenset[str]  # "X is a member of Y"
    list_titles: frozenset[str]  # titles only an appointment list gives ("Name, Member, Board of X")
    list_openers: frozenset[str]  # first words of titles only a nomination list gives ("Nominee for X")
    office_words: frozenset[str]
    ministry_words: frozenset[str]
    services: dict[str, tuple[str, ...]]
    service_designations: frozenset[str]  # "USMC", "Ret.": what a list line writes after a ranked name
    retirement_marks: frozenset[str]  # "Ret.": the rank before the name is held no more
    nationalities: dict[str, str]
    surnames: dict[str, str]
    one_holder: frozenset[str]  # office groups one person holds for a country at a time
    absent_titles: dict[str, tuple[str, ...]]  # country id -> title words its government does not use
    bare_title_bodies: dict[str, frozenset[str]]  # title -> organisation ids it belongs to when named bare
    titles_of_bodies: frozenset[str]  # titles ending in their body's name ("Chairman of the Joint Chiefs")
    head_of_state_offices: frozenset[str]  # offices a head of state holds by being one


def _office_titles(offices: tuple[Office, ...], kinds: dict[str, str], groups: dict[str, str],
                   taken: set[str]) -> list[Title]:
    """The catalogue's offices (titles and aliases) as title vocabulary, skipping forms already known."""
    titles = []
    for office in offices:
        for text in (office.title, *office.aliases):
            if text.lower() not in taken:
                taken.add(text.lower())
                canonical = office.title if text.isupper() else None
                titles.append(Title(text, kinds[office.kind], groups.get(office.kind, office.id),
                                    canonical=canonical))
    return titles


def _unique_surnames(nationalities: dict[str, str]) -> dict[str, str]:
    """Surname -> country for the surnames that point to one country only ("biden", not "singh" twice over)."""
    countries: dict[str, set[str]] = {}
    for name, country in nationalities.items():
        countries.setdefault(name.split()[-1], set()).add(country)
    return {surname: found.pop() for surname, found in countries.items() if len(found) == 1}


def _capitals(countries: tuple[Country, ...]) -> dict[str, str]:
    return {capital.lower(): country.id for country in countries for capital in country.capitals}


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    """The title, rank and nationality vocabulary, read once per process."""
    titles = load_yaml((DATA / "roles_titles.yaml").read_text(encoding="utf-8"))
    ranks = load_yaml((DATA / "roles_ranks.yaml").read_text(encoding="utf-8"))
    people = load_yaml((DATA / "roles_nationalities.yaml").read_text(encoding="utf-8"))
    catalogue = load_catalogue()
    nationalities = {name_key(name): country
                     for country, names in people["nationalities"].items() for name in names}
    generic = [Title(t["title"], t["kind"], t["group"]) for t in titles["titles"]]
    rank_titles = [Title(rank, "rank", "rank", service)
                   for service, names in ranks["ranks"].items() for rank in names]
    taken = {t.text.lower() for t in generic}  # a rank may be an office too: "Commander" (of a command)
    offices = _office_titles(catalogue.offices, titles["office_kinds"], titles["office_groups"], taken)
    return Vocabulary(
        titles=tuple(generic + offices),
        ranks=tuple(rank_titles),
        capitals=_capitals(catalogue.countries),
        body_countries={name.lower(): org.country for org in catalogue.organisations if org.country
                        for name in (org.name, *org.aliases)},
        country_words={word.lower(): country.id for country in catalogue.countries
                       for word in (country.name, *country.demonyms)},
        org_countries={org.id: org.country for org in catalogue.organisations if org.country},
        modifiers=frozenset(titles["modifiers"]),
        former=frozenset(titles["former"]),
        honorifics=frozenset(titles["honorifics"]),
        name_suffixes=frozenset(titles["name_suffixes"]),
        times=frozenset(titles["times"]),
        passed_over=frozenset(titles["passed_over"]),
        body_nouns=frozenset(titles["body_nouns"]),
        verbs=dict(titles["verbs"]),
        appointing=frozenset(titles["appointing"]),
        serving=frozenset(titles["serving"]),
        copular=frozenset(titles["copular"]),
        member_nouns=frozenset(titles["membership"]["nouns"]),
        member_qualifiers=frozenset(titles["membership"]["qualifiers"]),
        member_being=frozenset(titles["membership"]["being"]),
        list_titles=frozenset(titles["list_titles"]),
        list_openers=frozenset(titles["list_openers"]),
        office_words=frozenset(titles["office_words"]),
        ministry_words=frozenset(titles["ministry_words"]),
        services={service: tuple(words) for service, words in ranks["services"].items()},
        service_designations=frozenset(ranks["service_designations"]),
        retirement_marks=frozenset(ranks["retirement_marks"]),
        nationalities=nationalities,
        surnames=_unique_surnames(nationalities),
        one_holder=frozenset(titles["one_holder"]),
        absent_titles={country: tuple(words) for country, words in titles["absent_titles"].items()},
        bare_title_bodies={title: frozenset(bodies) for title, bodies in titles["bare_title_bodies"].items()},
        titles_of_bodies=frozenset(titles["titles_of_bodies"]),
        head_of_state_offices=frozenset(titles["head_of_state_offices"]),
    )


GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}


def name_key(name: str) -> str:
    """A name as the nationality list keys it: lower case, without middle initials or a generation
    ("Lloyd J. Austin III" -> "lloyd austin")."""
    words = name.lower().replace("’", "'").removesuffix("'s").replace(".", " ").replace(",", " ").split()
    while len(words) > 2 and words[-1] in GENERATIONS:
        words.pop()
    return " ".join(w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and len(w) == 1))


def plural(text: str) -> str:
    """The plural of a title ("defence minister" -> "defence ministers")."""
    if text.endswith("y") and not text.endswith(("ay", "ey", "oy")):
        return text[:-1] + "ies"
    return text if text.endswith("s") else text + "s"


def singular(text: str) -> str:
    """The singular of a plural title ("foreign ministers" -> "foreign minister")."""
    if text.endswith("ies"):
        return text[:-3] + "y"
    return text[:-1] if text.endswith("s") and not text.endswith("ss") else text
