"""Money and count parsing for relations: "USD 2.75 billion" → 2.75e9 USD, "four squadrons" → 4 squadron.

Reads plain text, writes ``Money`` and ``Quantity`` values with the character span they were read from.
The words (currencies, multipliers, number words, count units) are data in
``data/relations_values.yaml`` and ``data/relations_transfers.yaml``; the patterns are compiled once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from defgraph.data_files import load_yaml
from defgraph.model import Money, Quantity

DATA = Path(__file__).parent / "data"
NUMBER = r"\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?"
MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"


@lru_cache(maxsize=None)
def load_data(name: str) -> dict[str, Any]:
    """One of the relations data files, by stem (``relations_values``)."""
    return load_yaml((DATA / f"{name}.yaml").read_text(encoding="utf-8"))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Found:
    """A value and where it was read in the text."""

    value: Money | Quantity
    start: int
    end: int


@lru_cache(maxsize=1)
def _money_pattern() -> re.Pattern[str]:
    data = load_data("relations_values")
    multiplier = rf"(?:{_alternation(list(data['multipliers']))})\b"
    return re.compile(
        rf"(?<![\w$€£₹])(?:(?P<prefix>{_alternation(list(data['currency_prefixes']))})\s*)?"
        rf"(?P<number>{NUMBER})(?:[\s-]*(?P<mult>{multiplier}(?:\s+{multiplier})?))?"
        rf"(?:\s+(?P<suffix>{_alternation(list(data['currency_suffixes']))})\b)?",
        re.IGNORECASE)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _scale(words: str | None) -> float:
    multipliers = load_data("relations_values")["multipliers"]
    scale = 1.0
    for word in (words or "").lower().split():
        scale *= multipliers[word]
    return scale


def _currency(prefix: str | None, suffix: str | None) -> str | None:
    data = load_data("relations_values")
    if prefix:
        codes = {k.lower(): v for k, v in data["currency_prefixes"].items()}
        return codes[prefix.lower()]
    if suffix:
        return data["currency_suffixes"][suffix.lower()]
    return None


def find_money(text: str) -> list[Found]:
    """Every amount of money with an explicit currency in ``text``, in order."""
    found = []
    for match in _money_pattern().finditer(text):
        currency = _currency(match["prefix"], match["suffix"])
        if currency is None:
            continue
        amount = _number(match["number"]) * _scale(match["mult"])
        found.append(Found(Money(amount, currency), match.start(), match.end()))
    return found


def parse_money(text: str) -> Money | None:
    """The first amount of money in ``text`` ("Rs 10,000 crore" → Money(1e11, "INR"))."""
    found = find_money(text)
    return found[0].value if found else None


@lru_cache(maxsize=1)
def _count_pattern() -> re.Pattern[str]:
    numbers = load_data("relations_values")["numbers"]
    unit = _alternation(load_data("relations_transfers")["count_units"])
    words = [w for w in numbers if len(w) > 2]  # "a", "an" count only inside "a dozen"
    return re.compile(
        rf"(?<![\w-])(?!(?:19|20)\d\d\b)(?P<number>{NUMBER}|{_alternation(words)})(?!\s+dozens?\b)(?:[\s-]+(?P<mult>lakh|thousand|hundred|million))?"
        rf"\s+(?:(?:more|additional|further|new|of\s+(?:the|its|these|those|their))\s+)?"
        rf"(?:(?!(?:{unit})\b)[\w.-]+\s+){{0,4}}(?P<unit>(?:{unit})(?:\s+(?:{unit}))?)\b",
        re.IGNORECASE)


def unit_name(word: str) -> str:
    """A count unit in the singular ("squadrons" → "squadron", "batteries" → "battery")."""
    word = word.lower()
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def count_value(text: str) -> float | None:
    """A number written in digits or words ("1,200", "five"), or None."""
    numbers = load_data("relations_values")["numbers"]
    if text.lower() in numbers:
        return float(numbers[text.lower()])
    try:
        return _number(text)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _ordered_count_pattern() -> re.Pattern[str]:
    nouns = _alternation(load_data("relations_transfers")["ordered_nouns"])
    return re.compile(rf"\b(?:{nouns}) (?:for|of) (?:another |a further |an additional |some |about |over )?"
                      rf"(?<![\w-])(?!(?:19|20)\d\d\b)(?P<number>{NUMBER})\b(?!\s*(?:per ?cent|%|[-\s]?(?:crore|lakh|"
                      rf"million|billion|bn|mn)))", re.IGNORECASE)


# "two dozen", "several dozen": a rough count, read as none ("a dozen" is twelve)
_SOME_DOZENS = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|few|some|many)\s+$", re.IGNORECASE)


def find_counts(text: str) -> list[Found]:
    """Counts of things in ``text`` ("four squadrons", "about 300 German-built Leopard tanks", "an order
    for 1,500")."""
    found = []
    for match in _count_pattern().finditer(text):
        count = count_value(match["number"])
        if count is not None and not (match["number"].lower() == "dozen" and _SOME_DOZENS.search(text, 0, match.start())):
            count *= _scale(match["mult"])
            found.append(Found(Quantity(count, unit_name(match["unit"].split()[-1])), match.start(), match.end()))
    for match in _ordered_count_pattern().finditer(text):
        if not any(f.start <= match.start("number") < f.end for f in found):
            found.append(Found(Quantity(_number(match["number"])), match.start("number"), match.end("number")))
    return sorted(found, key=lambda f: f.start)


@lru_cache(maxsize=1)
def _count_before_pattern() -> re.Pattern[str]:
    words = [w for w in load_data("relations_values")["numbers"] if len(w) > 2]
    return re.compile(rf"(?<![\w$€£₹.,-])(?!(?:19|20)\d\d\b)(?P<number>{NUMBER}|{_alternation(words)})"
                      rf"(?!\s+(?:{MONTHS}|million|billion|crore|lakh|per\s*cent|percent|years?|days?|months?)\b)"
                      rf"(?:\s+[A-Za-z][\w-]*){{0,2}}\s+$", re.IGNORECASE)


def count_before(text: str, at: int) -> Found | None:
    """A count written right before a system's name, with at most two words between ("the 8,000 Javelin",
    "108 American M777", "31 General Atomics MQ-9B"); ``at`` is where the name starts."""
    match = _count_before_pattern().search(text, max(0, at - 60), at)
    if match is None:
        return None
    count = count_value(match["number"])
    return Found(Quantity(count), match.start("number"), match.end("number")) if count else None
