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
SYSTEMS = ["S-400", "BrahMos", "Rafale", "Pinaka", "Akash", "AK-203", "K9 Thunder", "Patriot",
           "Su-30MKI", "HAMMER", "MiG-29", "Barak-8", "T-90", "Scorpene"]
OFFICIALS = ["Arjun Mehra", "Lena Voskova", "Pierre Dumaine", "Marta Kowal", "Tomas Reyes",
             "Daniel Hart", "Sergei Olenin", "Priya Nair", "Hugo Lambert", "Ana Ruiz"]
OUTLETS = ["Northwire", "Capital Desk", "Eastern Post", "Defence Ledger", "Harbour Times"]
VERBS = ["signed a contract for", "began deliveries of", "held talks on", "agreed to co-produce",
         "completed trials of", "discussed a follow-on order for"]
DETAILS = [
    "The first batch is expected within {n} months, officials said.",
    "The deal is reported to be worth about {n} hundred million dollars.",
    "Engineers from both sides will work at a plant near the capital for {n} years.",
    "Parliament is expected to debate the purchase in its next session, {n} weeks from now.",
    "Analysts said the agreement could lead to {n} more orders over the decade.",
    "The ministry declined to comment on the number of units, saying only that {n} regiments would benefit.",
]


def _story(rng: random.Random, serial: int) -> dict[str, str]:
    supplier, recipient = rng.choice(PAIRS)
    system, verb = rng.choice(SYSTEMS), rng.choice(VERBS)
    official = rng.choice(OFFICIALS)
    day = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(2500))
    details = " ".join(rng.choice(DETAILS).format(n=rng.randint(2, 40)) for _ in range(rng.randint(3, 6)))
    text = (f"{recipient} and {supplier} {verb} the {system} on {day:%d %B %Y}, in what story {serial} "
            f"calls a step for both defence industries. {official}, a spokesperson, told reporters that "
            f"the work \"is on schedule and on budget\" and that item {serial} of the plan was settled. "
            f"{details}")
    return {"title": f"{recipient} and {supplier} {verb} {system} ({serial})", "text": text,
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
