"""Value types that keep their precision: dates with a grain, money, quantities.

A date is stored as ISO text at the grain the source gives (``2021``, ``2021-03`` or
``2021-03-05``), never padded with invented days or months.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

GRAINS = ("year", "month", "day")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class DateValue:
    """A calendar date known to a grain: ``year``, ``month`` or ``day``."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def grain(self) -> str:
        return GRAINS[(self.month is not None) + (self.day is not None)]

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def parse(cls, text: str) -> "DateValue":
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a longer ISO timestamp is cut to its date)."""
        match = _ISO.match(text.strip()[:10])
        if not match:
            raise ValueError(f"not an ISO date: {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = (int(g) if g else None for g in match.groups())
        value = cls(year, month, day)
        value.as_date()  # validates month and day
        return value

    @classmethod
    def from_date(cls, day: dt.date) -> "DateValue":
        return cls(day.year, day.month, day.day)

    def as_date(self) -> dt.date:
        """The first day the value covers (``2021-03`` → 1 March 2021)."""
        return dt.date(self.year, self.month or 1, self.day or 1)


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of money normalised to a number and an ISO 4217 currency code."""

    amount: float
    currency: str


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count with the unit the text gives it in ("five squadrons" → 5, ``squadron``)."""

    count: float
    unit: str | None = None
