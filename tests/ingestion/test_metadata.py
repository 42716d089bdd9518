"""Publication dates from metadata, date lines and datelines; agencies the text credits."""
from __future__ import annotations

import datetime as dt

import pytest

from defgraph.ingestion import credited_agencies, publication_date
from defgraph.ingestion.metadata import declared_date, read_publication
from defgraph.ingestion.readers import article_from_text
from defgraph.model import DateValue

TODAY = dt.date(2026, 11, 30)
LEAD = "The navy took delivery of a frigate, officials said."


def date_of(text: str, **options) -> DateValue | None:
    return publication_date(text, today=TODAY, **options)


# -- metadata, date lines, datelines with a year ----------------------------------------------------

def test_metadata_wins_over_the_text():
    text = "date 2021-03-05\nMOSCOW, Dec 6, 2019 (TASS) - " + LEAD
    assert date_of(text, header={"published": "2024-07-06"}) == DateValue(2024, 7, 6)
    assert date_of(text, html_date="2023-01-02") == DateValue(2023, 1, 2)
    assert date_of(text) == DateValue(2021, 3, 5)


@pytest.mark.parametrize("value, expected", [
    ("2024-07-06", DateValue(2024, 7, 6)),
    ("2024-07-06T10:15:00+05:30", DateValue(2024, 7, 6)),
    ("2024-07", DateValue(2024, 7)),
    ("July 2024", DateValue(2024, 7)),
    ("July 6", None),
    ("6 July 2024", DateValue(2024, 7, 6)),
    ("July 6, 2024", DateValue(2024, 7, 6)),
    ("soon", None),
    ("", None),
])
def test_declared_dates_keep_their_grain(value, expected):
    assert declared_date(value) == expected


def test_a_dateline_with_a_year_needs_no_inference():
    assert date_of("WASHINGTON, June 22, 2023 (Reuters) - " + LEAD) == DateValue(2023, 6, 22)


def test_no_date_at_all_gives_none():
    assert date_of("Headline of a story\n\n" + LEAD + " They met on Friday.") is None
    assert date_of("BENGALURU (Reuters) - " + LEAD) is None


# -- year inference from the lead's weekday --------------------------------------------------------

@pytest.mark.parametrize("dateline, weekday, expected", [
    ("NEW DELHI, June 27 (PTI) -", "on Friday", DateValue(2025, 6, 27)),
    ("MOSCOW, Dec 6:", "on Monday", DateValue(2021, 12, 6)),
    ("New Delhi, January 11:", "on Saturday", DateValue(2025, 1, 11)),
    ("MANILA, Jan. 28 --", "on Friday", DateValue(2022, 1, 28)),
    ("KALININGRAD, Dec 9 (ANI) -", "on Monday", DateValue(2024, 12, 9)),
    ("WASHINGTON, June 22 (IANS) -", "on Thursday", DateValue(2023, 6, 22)),
    ("ISLAMABAD, March 11:", "on Friday", DateValue(2022, 3, 11)),
    ("8 February -", "on Wednesday", DateValue(2023, 2, 8)),
    ("FEBRUARY 8 (TASS) -", "on Wednesday", DateValue(2023, 2, 8)),
    ("BALASORE (ODISHA), Jan 20 (PTI) -", "on Thursday", DateValue(2022, 1, 20)),
    ("WASHINGTON/ANKARA, Sept 14 —", "on Monday", DateValue(2026, 9, 14)),
    ("LUCKNOW, Jan 17 (IANS)", "on Tuesday", DateValue(2023, 1, 17)),
])
def test_the_year_is_the_latest_whose_calendar_fits_the_weekday(dateline, weekday, expected):
    text = f"Navy gets frigate\n\n{dateline} The navy {weekday} took delivery of a frigate, officials said."
    assert date_of(text) == expected


def test_the_weekday_is_the_dateline_day_when_the_calendar_allows():
    # 28 June was a Friday in 2024: a story datelined that day reports what happened that day.
    assert date_of("NEW DELHI, June 28 (PTI) - The ministry said on Friday it had signed a deal.") \
        == DateValue(2024, 6, 28)


def test_a_past_year_rules_out_earlier_years_and_the_weekday_may_be_the_day_before():
    # A deal "signed in March 2025" puts the story in 2025 or later; 28 June 2025 is a Saturday,
    # so the Friday the lead speaks of is the day before the dateline.
    text = ("NEW DELHI, June 28 (PTI) - The first jets arrived on Friday, officials said.\n\n"
            "The contract for the jets was signed in March 2025.")
    assert date_of(text) == DateValue(2025, 6, 28)


def test_a_future_year_in_the_text_is_an_upper_bound():
    lead = "NEW DELHI, Sept 23 (Reuters) - India signed a deal on Friday to buy 36 fighter jets from France."
    # 23 September was a Friday in 2022, 2016 and 2011: "due to arrive by 2019" leaves 2016.
    assert date_of(lead) == DateValue(2022, 9, 23)
    assert date_of(lead + "\n\nThe first jets are due to arrive by 2019, officials said.") == DateValue(2016, 9, 23)
    assert date_of(lead + "\n\nThe first jets will be delivered by 2019.") == DateValue(2016, 9, 23)


def test_a_past_year_in_a_relative_clause_of_a_future_sentence_is_still_past():
    lead = "NEW DELHI, April 28 (Reuters) - India signed a deal on Monday to buy 26 naval fighter jets."
    later = "\n\nThe jets will operate from a carrier which was commissioned in 2022."
    assert date_of(lead + later) == DateValue(2025, 4, 28)


def test_weekdays_after_last_or_next_do_not_fix_the_year():
    text = "MOSCOW, Dec 6: Russia said it had begun deliveries, which were agreed last Monday."
    # no weekday fixes the year: the latest 6 December not in the future, kept at month grain only
    assert date_of(text) == DateValue(2025, 12)


def test_the_dateline_must_be_at_the_start_of_the_body():
    assert date_of("India said the deal was signed on Friday.\n\nOn June 27 the jets arrived.") is None


# -- credited agencies ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("NEW DELHI, June 27 (PTI) - " + LEAD, ["PTI"]),
    ("Frigate delivered\n\nLONDON, June 27 (Reuters/AFP) - " + LEAD, ["Reuters", "AFP"]),
    ("MANILA, Jan. 28 -- " + LEAD + "\n\n(PNA, with reports from Reuters)", ["PNA", "Reuters"]),
    ("MANILA, Jan. 28 -- " + LEAD + "\n\nThe deal is the first of its kind. -- PNA", ["PNA"]),
    ("MOSCOW - " + LEAD + " an official told the TASS news agency.", ["TASS"]),
    ("New Delhi: " + LEAD + ", a spokesperson told PTI.", ["PTI"]),
    (LEAD + "\n\n(With inputs from agencies)", []),
    (LEAD + "\n\n(With inputs from IANS)", ["IANS"]),
    (LEAD + "\n\n(This story has not been edited by Harbour Courier staff and is published from a "
            "syndicated PTI feed.)", ["PTI"]),
    ("NEW DELHI, April 20: Payments are stuck, Bloomberg News reported on Thursday.", ["Bloomberg"]),
    ("ISLAMABAD, March 11: The air force inducted jets, state-run Pakistan Television reported.",
     ["Pakistan Television"]),
    ("Jets inducted\n\nISLAMABAD: " + LEAD + "\n\nThe jets are the first of 25, the report said, citing Reuters.",
     ["Reuters"]),
])
def test_agencies_credited_for_the_story(text, expected):
    assert credited_agencies(text) == expected


def test_a_report_mentioned_later_in_the_story_is_not_a_credit():
    text = ("NEW DELHI, June 27 (PTI) - " + LEAD + "\n\nThe ministry rejected a story that Reuters "
            "reported last month about delays.")
    assert credited_agencies(text) == ["PTI"]


def test_ambiguous_acronyms_are_credits_only_in_the_dateline_sign_off_or_as_told():
    # In Philippine news AFP is also the Armed Forces of the Philippines.
    text = ("MANILA, Jan. 28 -- The navy will get the missiles next year, the defence department said, "
            "citing AFP commanders.\n\nThe navy welcomed it.")
    assert credited_agencies(text) == []
    assert credited_agencies("MANILA, Jan 28 (AFP) - The deal was signed.") == ["AFP"]
    assert credited_agencies("MANILA - The deal was signed, an official told AFP.") == ["AFP"]


@pytest.mark.parametrize("opening, expected", [
    ("New Delhi [India], June 27 (ANI): The ministry said on Friday", DateValue(2025, 6, 27)),
    ("MOSCOW, December 6. /TASS/. Russia said on Monday", DateValue(2021, 12, 6)),
    ("SEOUL, June 19 (Yonhap) -- The two sides on Wednesday", DateValue(2024, 6, 19)),
])
def test_agency_house_styles_of_dateline(opening, expected):
    assert date_of(opening + " that it had signed a contract for frigates.") == expected


def test_a_published_stamp_near_the_top_gives_the_date():
    text = "Navy gets frigate\nPublished: 27 Jun 2025, 10:30 am IST\n\nThe navy took delivery on Friday."
    assert date_of(text) == DateValue(2025, 6, 27)
    assert date_of("Updated on June 27\n\nThe navy took delivery on Friday.") is None


def test_no_break_spaces_in_a_dateline_are_spaces():
    assert date_of("NEW\u00a0DELHI,\u00a0June\u00a027 (PTI)\u00a0- The ministry said on Friday it signed.") \
        == DateValue(2025, 6, 27)


# -- scrapers' metadata lines before the headline (read, dated at their grain, and dropped) ------------

HEADLINE = "Frigate handed over to the navy"
STORY = "The shipyard handed over the second frigate of the series, its director told reporters."


@pytest.mark.parametrize("line, expected", [
    (" date 2025-07-07 403", DateValue(2025, 7, 7)),
    ("date: 2025-07-07", DateValue(2025, 7, 7)),
    ("Published: 07/07/2025 10:12 IST", DateValue(2025, 7, 7)),
    ("2025-07-07T10:12:00+05:30", DateValue(2025, 7, 7)),
    ("Posted on 14 March 2024, 09:40 GMT", DateValue(2024, 3, 14)),
    ("Updated: March 14, 2024 9:40 a.m. ET", DateValue(2024, 3, 14)),
    ("pubdate=2024-03 rec-88", DateValue(2024, 3)),
    ("14.03.2024 08:15 MSK", DateValue(2024, 3, 14)),
])
def test_a_leading_metadata_line_gives_the_date_and_is_dropped(line, expected):
    article = article_from_text(f"{line}\n{HEADLINE}\n\n{STORY}\n")
    assert article.published == expected
    assert article.title == HEADLINE
    assert article.text == f"{HEADLINE}\n\n{STORY}"
    assert article.published_note.startswith("leading metadata line")


@pytest.mark.parametrize("line, expected, how", [
    ("Published: 03/04/2025 10:12 IST", DateValue(2025, 4, 3), "day first"),
    ("Published: 03/04/2025 10:12 EST", DateValue(2025, 3, 4), "month first"),
    ("Published: 03/04/2025 10:12 +02:00", DateValue(2025, 4, 3), "day first"),
    ("Published: 03/04/2025 10:12 -05:00", DateValue(2025, 3, 4), "month first"),
    ("Published: 25/04/2025", DateValue(2025, 4, 25), "day first"),
    ("Published: 04/25/2025", DateValue(2025, 4, 25), "month first"),
    ("Published: 03/04/2025", DateValue(2025), "only the year"),
])
def test_day_first_or_month_first_is_read_from_the_numbers_or_the_time_zone(line, expected, how):
    article = article_from_text(f"{line}\n{HEADLINE}\n\n{STORY}\n")
    assert article.published == expected
    assert how in article.published_note


def test_a_line_that_only_starts_with_a_date_word_is_text():
    text = f"Date of the handover remains secret\n\n{STORY}\n"
    article = article_from_text(text)
    assert article.title == "Date of the handover remains secret"
    assert article.published is None and article.published_note == "no date in the metadata or the text"


def test_an_agency_credit_with_the_date_only_in_the_metadata_line():
    article = article_from_text(f"date 2025-07-07 403\n(MENAFN) {STORY}\n\nMore follows.\n")
    assert article.published == DateValue(2025, 7, 7)
    assert article.agencies == ["MENAFN"]
    assert article.text.startswith("(MENAFN) The shipyard")


# -- datelines after the lead paragraph --------------------------------------------------------------

def test_a_dateline_after_the_lead_takes_its_year_from_a_weekday_later_in_the_story():
    text = ("Talks on a second batch of radars\n\n"
            "Both sides want the contract signed before the summer, officials in both capitals say.\n\n"
            "TASS News Service, NEW DELHI, FEBRUARY 8. The delegations met for four hours.\n\n"
            "The defence secretary said on Wednesday that the price was agreed.")
    assert date_of(text) == DateValue(2023, 2, 8)  # 8 February fell on a Wednesday in 2023
    assert "weekday (Wednesday)" in read_publication(text, today=TODAY).note


def test_a_dateline_without_weekday_takes_the_year_the_story_names():
    text = "MUMBAI, Feb 19 (PTI) - The navy said the frigate ordered in 2021 had arrived."
    assert date_of(text) == DateValue(2021, 2, 19)
    assert "dates in the story" in read_publication(text, today=TODAY).note


def test_a_weekday_never_gives_a_future_date():
    # 30 November 2026 (TODAY) is a Monday: the same dateline a week later must not be read as 2026.
    assert date_of("KYIV, Dec 7 - The radars arrived on Monday, officials said.") == DateValue(2020, 12, 7)
