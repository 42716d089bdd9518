"""Date expressions resolved against the publication date, with the grain the words give."""
from __future__ import annotations

import pytest

from defgraph.extraction.dates import resolve
from defgraph.model import DateValue

FRIDAY = DateValue(2024, 6, 7)
SATURDAY_IN_JULY = DateValue(2024, 7, 6)


def iso(value: DateValue | None) -> str | None:
    return value.iso() if value else None


@pytest.mark.parametrize("phrase, anchor, expected", [
    ("October 2018", None, "2018-10"),
    ("in 2021", FRIDAY, "2021"),
    ("December 9, 2024", None, "2024-12-09"),
    ("Dec. 31, 2021", None, "2021-12-31"),
    ("9 December", DateValue(2024, 12, 12), "2024-12-09"),
    ("Dec. 9", DateValue(2025, 1, 5), "2024-12-09"),  # the most recent 9 December
    ("2024-12-12", None, "2024-12-12"),
    ("mid-2023", FRIDAY, "2023"),
    ("December last year", FRIDAY, "2023-12"),
    ("in February last year", FRIDAY, "2023-02"),
])
def test_absolute_and_anchored_dates(phrase, anchor, expected):
    assert iso(resolve(phrase, anchor)) == expected


@pytest.mark.parametrize("phrase, expected", [
    ("on Wednesday", "2024-06-05"),  # the most recent Wednesday before a Friday
    ("on Friday", "2024-06-07"),  # the publication day itself
    ("last Friday", "2024-05-31"),
    ("next Wednesday", "2024-06-12"),
    ("yesterday", "2024-06-06"),
    ("today", "2024-06-07"),
    ("this morning", "2024-06-07"),  # a briefing's morning, afternoon and evening are its own day
    ("later this afternoon", "2024-06-07"),
    ("last night", "2024-06-06"),
    ("tomorrow", "2024-06-08"),
    ("earlier this month", "2024-06"),
    ("this month", "2024-06"),
    ("last month", "2024-05"),
    ("next month", "2024-07"),
    ("last year", "2023"),
    ("earlier this year", "2024"),
    ("next year", "2025"),
    ("in December", "2023-12"),  # the most recent December
    ("in May", "2024-05"),
    ("last June", "2023-06"),  # "last" skips the publication month
    ("about two years ago", "2022"),
    ("three days ago", "2024-06-04"),
    ("a couple of hours ago", "2024-06-07"),  # hours ago: the publication day
    ("48 hours ago", "2024-06-05"),
    ("a few days ago", "2024-06"),  # a rough count gives the month it lands in, not a day
    ("a couple of weeks ago", "2024-05"),
    ("a couple of years ago", "2022"),
    ("last week", "2024-05"),  # the month of the day a week back (guideline case 28), though the week ends in June
    ("this week", "2024-06"),
    ("next week", "2024-06"),
    ("this summer", "2024"),  # the season of the publication year, at the year's grain
    ("This fall", "2024"),
    ("this weekend", "2024-06"),  # vague relative dates give the month (guideline case 28)
    ("last weekend", "2024-05"),
    ("recently", "2024-06"),
    ("her recent trip", "2024-06"),
    ("over the past few weeks", "2024-06"),
    ("in the last several days", "2024-06"),
])
def test_relative_dates_look_back_from_publication(phrase, expected):
    assert iso(resolve(phrase, FRIDAY)) == expected


def test_future_tense_looks_forward():
    monday = DateValue(2024, 12, 9)
    assert iso(resolve("on Tuesday", monday, tense="future")) == "2024-12-10"
    assert iso(resolve("on Tuesday", monday)) == "2024-12-03"
    assert iso(resolve("in December", SATURDAY_IN_JULY, tense="future")) == "2024-12"
    assert iso(resolve("by March", DateValue(2023, 1, 17), tense="future")) == "2023-03"
    assert iso(resolve("March 23", DateValue(2022, 3, 11), tense="future")) == "2022-03-23"
    assert iso(resolve("three days from now", FRIDAY)) == "2024-06-10"


def test_a_day_close_to_publication_is_that_day_whatever_the_tense():
    assert iso(resolve("Dec 28", DateValue(2024, 12, 29), tense="future")) == "2024-12-28"
    assert iso(resolve("Dec 30", DateValue(2025, 1, 2))) == "2024-12-30"
    assert iso(resolve("January 3", DateValue(2024, 12, 30))) == "2025-01-03"
    assert iso(resolve("by end-2025", DateValue(2024, 12, 30))) == "2025"


def test_a_run_of_days_is_dated_by_its_first_day():
    assert iso(resolve("on July 9-11, 2024", None)) == "2024-07-09"
    assert iso(resolve("met on May 30–31", DateValue(2025, 6, 20))) == "2025-05-30"


def test_a_day_within_a_month_of_publication_is_the_near_one_unless_a_past_verb_says_otherwise():
    published = DateValue(2025, 7, 6)
    assert iso(resolve("on June 28", published, tense="future")) == "2025-06-28"  # "as you may know, on June 28 ..."
    assert iso(resolve("on July 20", published)) == "2025-07-20"  # "is scheduled for July 20"
    assert iso(resolve("on July 20", published, tense="past")) == "2024-07-20"
    assert iso(resolve("on September 20", published, tense="future")) == "2025-09-20"


def test_a_day_after_names_the_earlier_day():
    assert iso(resolve("a day after", FRIDAY)) == "2024-06-06"
    assert iso(resolve("two days later", FRIDAY)) == "2024-06-09"


@pytest.mark.parametrize("phrase, anchor", [
    ("on Wednesday", DateValue(2024, 6)),  # a weekday needs a publication day
    ("yesterday", None),
    ("last month", DateValue(2024)),
    ("in December", DateValue(2024)),  # December 2024 or 2023: the year alone cannot tell
    ("February 30, 2024", None),
    ("the talks were useful", FRIDAY),
    ("last summer", FRIDAY),  # this year's summer or the year before's: the speaker knows
    ("this summer", None),
    ("in recent years", FRIDAY),  # a stretch of time, no month
    ("recent decades", FRIDAY),
    ("the past few months", FRIDAY),
])
def test_no_value_rather_than_a_guess(phrase, anchor):
    assert resolve(phrase, anchor) is None


def test_year_grain_anchor_still_resolves_years():
    assert iso(resolve("last year", DateValue(2024))) == "2023"
    assert iso(resolve("next year", DateValue(2024))) == "2025"


# -- the component over a parsed article ------------------------------------------------------------------

def values(doc) -> dict[str, str | None]:
    return {t.text: iso(t.value) for t in doc._.dates}


def test_component_keeps_exact_spans(read):
    doc = read("Officials said on Friday that the first regiment was delivered in October 2018, "
               "a day after the contract was signed.")
    for expression in doc._.dates:
        assert doc.text[expression.start:expression.end] == expression.text
    assert values(doc) == {"Friday": "2024-06-07", "October 2018": "2018-10", "a day after": "2024-06-06"}


def test_component_reads_the_tense_of_the_clause(read):
    past = read("The minister visited the shipyard on Tuesday. The first frigate was delivered in December.")
    future = read("The minister will visit the shipyard on Tuesday. The next frigate will be delivered in December.")
    scheduled = read("The minister is scheduled to hold talks with his counterpart on Tuesday.")
    assert values(past) == {"Tuesday": "2024-06-04", "December": "2023-12"}
    assert values(future) == {"Tuesday": "2024-06-11", "December": "2024-12"}
    assert values(scheduled) == {"Tuesday": "2024-06-11"}


def test_component_ignores_numbers_and_durations(read):
    doc = read("The army ordered 2000 rifles and leased the submarine for ten years before it returned. "
               "Production rose in 2019 and the 1990s were lean.")
    assert values(doc) == {"2019": "2019"}


def test_component_without_publication_date_keeps_absolute_dates(read):
    doc = read("The deal was signed in March 2019 and the minister spoke on Tuesday.", published=None)
    assert values(doc) == {"March 2019": "2019-03", "Tuesday": None}


def test_earlier_in_the_day_counts_from_the_story_date(read):
    doc = read("The ministers signed the agreement on Monday. Earlier in the day, they toured the plant "
               "that opened in 2021.", published="2024-06-05")
    assert values(doc) == {"Monday": "2024-06-03", "Earlier in the day": "2024-06-03", "2021": "2021"}


def test_a_day_listed_before_a_dated_day_takes_its_year(read):
    doc = read("The regime fired rockets on August 4 and September 19, 2019, and again on May 2.")
    assert values(doc) == {"August 4": "2019-08-04", "September 19, 2019": "2019-09-19", "May 2": "2024-05-02"}


def test_a_vague_recently_yields_to_a_date_right_after_it(read):
    doc = read("The forum, which convened most recently in October 2022, met again recently in Tula.")
    assert values(doc) == {"October 2022": "2022-10", "recently": "2024-06"}
