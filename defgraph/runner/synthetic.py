"""Synthetic news-like articles for the ingest benchmark and the runner's tests.

Writes JSON Lines records (``title``, ``text``, ``published``, ``outlet``, ``url``) built from a few
templates over real countries and systems and invented officials; a share of the records are
near-duplicates (another outlet's copy of an earlier story, lightly edited), so clustering is
exercised too. The same seed gives the same corpus.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

PAIRS = [("Russia", "India"), ("France", "India"), ("India", "Armenia"), ("India", "Philippines"),
         ("United States", "Poland"), ("Germany", "Ukraine"), ("Israel", "India"), ("South Korea", "Poland")]
SLOTS = {
    "system": ["S-400", "BrahMos", "Rafale", "Pinaka", "Akash", "AK-203", "K9 Thunder", "Patriot",
               "Su-30MKI", "HAMMER", "MiG-29", "Barak-8", "T-90", "Scorpene"],
    "official": ["Arjun Mehra", "Lena Voskova", "Pierre Dumaine", "Marta Kowal", "Tomas Reyes",
                 "Daniel Hart", "Sergei Olenin", "Priya Nair", "Hugo Lambert", "Ana Ruiz"],
    "post": ["a spokesperson", "the deputy minister", "the procurement chief", "an adviser", "the envoy",
             "the programme director", "a senior officer", "the undersecretary"],
    "org": ["the defence ministry", "the air force", "the navy", "the state arms exporter", "the army",
            "the shipyard", "the missile agency", "the cabinet office"],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "units": ["squadrons", "batteries", "regiments", "launchers", "hulls", "airframes", "radars", "kits"],
    "place": ["Pune", "Nashik", "Jodhpur", "Gdansk", "Lviv", "Yerevan", "Manila", "Toulouse", "Haifa",
              "Changwon", "Korwa", "Ambala"],
    "month": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"],
    "adj": ["revised", "long-delayed", "follow-on", "framework", "emergency", "initial", "second", "offset"],
    "service": ["maintenance", "training", "spares support", "software updates", "depot repair",
                "technical assistance"],
    "phrase": ["We are on schedule", "Nothing has changed", "The payments are settled",
               "Crews are ready", "Trials went well", "More orders may follow"],
}
SENTENCES = [
    "{official}, {post} of {org}, said on {weekday} that {n} {units} of the {system} would reach {place} by {month}.",
    "{place} has already received {n} {units}, according to {official}, who spoke after a visit to {place}.",
    "The {adj} contract covers {n} {units} of the {system} and {n} years of {service}.",
    "{official} added that {org} would train {n} crews at {place} before {month}.",
    "\"{phrase},\" {official} told reporters in {place} on {weekday}.",
    "The first {n} {units} left {place} in {month}, {post} at {org} said.",
]
OUTLETS = ["Northwire", "Capital Desk", "Eastern Post", "Defence Ledger", "Harbour Times"]


def _sentence(rng: random.Random) -> str:
    template = rng.choice(SENTENCES)
    slots = {name: rng.choice(values) for name, values in SLOTS.items()}
    return template.format(n=rng.randint(2, 400), **slots)


def _story(rng: random.Random, serial: int) -> dict[str, str]:
    supplier, recipient = rng.choice(PAIRS)
    system = rng.choice(SLOTS["system"])
    day = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(2500))
    lead = f"{recipient} and {supplier} reached a {rng.choice(SLOTS['adj'])} step on the {system} (item {serial})."
    text = " ".join([lead, *(_sentence(rng) for _ in range(rng.randint(4, 8)))])
    return {"title": f"{recipient} and {supplier}: {system} ({serial})", "text": text,
            "published": day.isoformat(), "outlet": rng.choice(OUTLETS),
            "url": f"https://news.example/{serial}"}


def _copy(rng: random.Random, story: dict[str, str], serial: int) -> dict[str, str]:
    """Another outlet's copy of a story: retitled, one sentence added, dated a day or two apart."""
    day = dt.date.fromisoformat(story["published"]) + dt.timedelta(days=rng.choice([-2, -1, 1, 2]))
    text = story["text"] + f" This report was updated by the desk (copy {serial})."
    return {**story, "title": "UPDATE: " + story["title"], "text": text, "published": day.isoformat(),
            "outlet": rng.choice(OUTLETS), "url": f"https://news.example/copy/{serial}"}


def synthetic_articles(count: int, *, near_duplicate_share: float = 0.1, seed: int = 7) -> Iterator[dict[str, str]]:
    """``count`` article records; about ``near_duplicate_share`` of them copy a recent story."""
    rng = random.Random(seed)
    recent: list[dict[str, str]] = []
    for serial in range(count):
        if recent and rng.random() < near_duplicate_share:
            yield _copy(rng, rng.choice(recent), serial)
            continue
        story = _story(rng, serial)
        recent = [*recent[-49:], story]
        yield story


def write_jsonl(path: Path, count: int, **options: float) -> Path:
    """Write ``count`` synthetic articles to ``path`` as JSON Lines."""
    with path.open("w", encoding="utf-8") as out:
        for record in synthetic_articles(count, **options):
            out.write(json.dumps(record) + "\n")
    return path
