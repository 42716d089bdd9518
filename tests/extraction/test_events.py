"""Events read from our own sentences: type, participants, place, resolved date, occasion."""
from __future__ import annotations

import pytest

import defgraph

from defgraph.extraction.events import Telling, merge_events
from defgraph.model import DateValue, Event, Span
from relations_helpers import evidence_is_exact, read


@pytest.fixture(scope="module")
def article():
    return read("Defence Minister Rajnath Singh met his Russian counterpart Andrey Belousov on Thursday on the "
                "sidelines of the SCO summit in Qingdao. The first S-400 regiment was delivered to India in "
                "December 2021. India test-fired the Agni-V missile on Monday.", published="2025-06-27")


def of_type(extraction, kind):
    found = [e for e in extraction.events if e.type == kind]
    assert len(found) == 1, [(e.type, e.participants) for e in extraction.events]
    return found[0]


def test_a_meeting_has_its_people_place_relative_date_and_occasion(article):
    meeting = of_type(article, "meeting")
    assert {"person:rajnath-singh", "person:andrey-belousov"} <= set(meeting.participants)
    assert meeting.place == "Qingdao"
    assert meeting.date == DateValue(2025, 6, 26)
    assert "SCO summit" in meeting.occasion


def test_a_delivery_keeps_the_month_grain_of_its_date(article):
    delivery = of_type(article, "delivery")
    assert {"system:s-400", "country:india"} <= set(delivery.participants)
    assert delivery.date.iso() == "2021-12"


def test_a_test_firing_is_a_test(article):
    assert "system:agni-v" in of_type(article, "test").participants
    assert evidence_is_exact(article)


def test_a_sentence_without_an_event_gives_none():
    assert read("The S-400 is a long-range air defence system with four missile types.").events == []


def test_the_same_happening_told_twice_is_one_event():
    span = Span(0, 4, "text")
    first = Event("deal_signing", ["country:india", "country:russia", "system:s-400"], span,
                  date=DateValue(2018, 10))
    again = Event("deal_signing", ["country:russia", "system:s-400"], span, place="New Delhi")
    other = Event("deal_signing", ["system:s-400"], span, date=DateValue(2021, 12))
    merged = merge_events([first, again, other])
    assert len(merged) == 2
    assert set(merged[0].participants) == {"country:india", "country:russia", "system:s-400"}
    assert merged[0].place == "New Delhi"


def test_a_news_agency_reporting_an_event_is_no_participant():
    result = read("India and Russia signed a deal for S-400 systems in New Delhi on Friday, the Press Trust of "
                  "India reported.")
    signing = next(e for e in result.events if e.type == "deal_signing")
    assert "org:pti" not in signing.participants
    assert {"country:india", "country:russia"} <= set(signing.participants)


@pytest.mark.parametrize("text", [
    "Russia's defence ministry denied that the S-400 had been moved to Kenya.",
    "Russia's defence ministry issued a statement on the S-400 deliveries to India.",
])
def test_denials_and_issued_statements_are_statements(text):
    assert "statement" in {e.type for e in read(text, published="2024-05-02").events}


def test_a_bare_mention_of_a_statement_is_no_event():
    assert read("The S-400 statement was a long one.").events == []


@pytest.mark.parametrize(("text", "kind", "who"), [
    ("Joe Biden and Emmanuel Macron compared notes on Ukraine in a telephone conversation on Monday.",
     "meeting", {"person:joe-biden", "person:emmanuel-macron"}),
    ("Narendra Modi chaired a session of the Cabinet Committee on Security to weigh the drone purchase.",
     "meeting", {"person:narendra-modi"}),
    ("The Indian Defence Ministry announced on Friday that it will buy more Rafale jets.",
     "statement", set()),
    ("Israel widened its military operations in Gaza over the weekend.", "operation", {"country:israel"}),
    ("Germany plans to deploy a brigade of armoured infantry to Lithuania next year.", "deployment", {"country:germany"}),
])
def test_nouns_and_readouts_report_events(text, kind, who):
    events = [e for e in read(text).events if e.type == kind]
    assert events, [(e.type, e.participants) for e in read(text).events]
    assert who <= set(events[0].participants)


@pytest.mark.parametrize("text", [
    "Indian shipyards are meeting the navy's need for frigates.",
    "The new corvettes met the Indian Navy's stealth requirements in sea trials.",
    "Proposals from Paris met with a lack of interest in New Delhi.",
    "The shipyard expanded to meet the U.S. Navy's needs for frigates.",
    "France and India have been engaged in dialogue on submarines since 2005.",
])
def test_meeting_a_need_is_no_meeting(text):
    assert "meeting" not in {e.type for e in read(text).events}


@pytest.mark.parametrize("text", [
    "The Indian carmaker will expand its manufacturing operations in the United States next year.",
    "Poland's defence minister repeated that for NATO an attack on one is an attack on all.",
])
def test_a_firms_operations_and_the_alliance_pledge_are_no_operation(text):
    events = read(text).events
    assert "operation" not in {e.type for e in events}, [(e.type, e.participants) for e in events]


def _lead_article(lead: str) -> str:
    return f"Talks on naval cooperation\n\n{lead}\n\nThe two sides then turned to shipbuilding."


def test_an_undated_happening_of_the_lead_took_place_on_the_publication_day():
    text = _lead_article("Vladimir Putin held talks with Narendra Modi on frigate construction.")
    result = defgraph.extract(text, published="2024-03-05", title="Talks on naval cooperation")
    meeting = next(e for e in result.events if e.type == "meeting")
    assert meeting.date == DateValue(2024, 3, 5)


def test_a_headline_without_a_verb_tells_a_happening_of_the_publication_day():
    title = "Remarks by President Biden and Chancellor Scholz Before Bilateral Meeting"
    text = f"{title}\n\nOval Office\n\nPRESIDENT BIDEN: Well, Chancellor, welcome back to the White House."
    result = defgraph.extract(text, published="2023-03-03", title=title)
    meeting = next(e for e in result.events if e.type == "meeting" and e.evidence.start == 0)
    assert meeting.date == DateValue(2023, 3, 3)


def test_a_news_item_tells_what_is_being_announced_on_its_day():
    title = "Fact sheet: a new partnership with Indonesia"
    text = (f"{title}\n\nThe leaders met in Jakarta.\n\n"
            "The U.S. Department of Defense is announcing new funding for the Indonesian Navy.")
    result = defgraph.extract(text, published="2023-09-05", title=title)
    statement = next(e for e in result.events if e.type == "statement")
    assert statement.date == DateValue(2023, 9, 5)


@pytest.mark.parametrize("title", ["President Biden Announces Key Nominations to the Navy Board",
                                   "Remarks by President Biden Announcing His Intent to Nominate the Navy Secretary"])
def test_a_document_announcing_its_own_nominations_tells_no_statement(title):
    text = (f"{title}\n\nToday, President Joe Biden announced his intent to nominate Mary Quill as Secretary of "
            "the Navy.\n\nMary Quill commanded a destroyer squadron.")
    result = defgraph.extract(text, published="2024-03-05", title=title)
    assert not [e for e in result.events if e.type == "statement"], [(e.type, e.evidence.text) for e in result.events]


def test_a_title_announcing_news_keeps_its_statement():
    title = "President Biden Announces a Frigate Partnership with Freedonia"
    text = f"{title}\n\nToday, President Joe Biden announced a partnership with Freedonia on four frigates."
    result = defgraph.extract(text, published="2024-03-05", title=title)
    assert [e for e in result.events if e.type == "statement"]


@pytest.mark.parametrize(("text", "kind"), [
    ("President Biden will travel to Poland to meet Andrzej Duda.", "visit"),
    ("Narendra Modi first came to Moscow in 2015.", "visit"),
    ("Vice President Harris will host a discussion with ASEAN leaders.", "meeting"),
    ("The first Abrams tanks will arrive in Ukraine next week.", "delivery"),
])
def test_travel_hosting_and_arrivals_told_in_other_words_are_events(text, kind):
    events = read(text, published="2023-09-21").events
    assert kind in {e.type for e in events}, [(e.type, e.participants) for e in events]


@pytest.mark.parametrize("text", [
    "Indonesian and Australian marines held bilateral drills off Darwin.",
    "Egypt and Greece completed a multinational air exercise last month.",
    "Units from Kazakhstan finished the Steppe-2024 exercise on Friday.",
    "Tank crews from Serbia took part in the manoeuvres near Belgrade.",
])
def test_exercises_told_by_their_scope_or_name_are_operations(text):
    events = read(text, published="2024-09-21").events
    assert "operation" in {e.type for e in events}, [(e.type, e.participants) for e in events]


@pytest.mark.parametrize("text", [
    "Norway has deployed two additional frigates to the eastern Mediterranean.",
    "Last month the Netherlands deployed a Patriot battery, with its crews, to Slovakia.",
    "Ada Berg ordered the deployment to Israel of a missile defence system and its service members.",
    "Sylvanian soldiers are deploying to Belarus this week, officials said.",
    "Last spring Norway surged two thousand soldiers and extra air defences to its eastern border.",
    "The navy moved the Aurora carrier strike group into the Adriatic on Tuesday.",
    "Sylvania is sending two more frigates to the port of Brava, officials said.",
])
def test_forces_deployed_sent_or_moved_to_a_place_away_from_the_verb_are_deployments(text):
    events = read(text, published="2024-09-21").events
    assert "deployment" in {e.type for e in events}, [(e.type, e.participants) for e in events]


def test_forces_not_sent_are_no_deployment():
    events = read("Norway is not sending frigates to the Polish coast.", published="2024-09-21").events
    assert "deployment" not in {e.type for e in events}, [(e.type, e.participants) for e in events]


def test_technology_deployed_is_no_deployment():
    events = read("Chile and Peru agreed on the deployment of new payment software in 2025.",
                  published="2024-09-21").events
    assert "deployment" not in {e.type for e in events}, [(e.type, e.participants) for e in events]


def test_a_happening_the_lead_announces_for_later_gets_no_publication_day():
    text = _lead_article("Vladimir Putin will hold talks with Narendra Modi on frigate construction.")
    result = defgraph.extract(text, published="2024-03-05", title="Talks on naval cooperation")
    assert all(e.date is None for e in result.events if e.type == "meeting")


def test_the_speaker_of_a_turn_takes_part_in_what_he_tells_in_the_first_person():
    text = ("Meeting with shipbuilders\n\nVladimir Putin met shipyard managers in Kaliningrad.\n\n"
            "Vladimir Putin: Good afternoon, colleagues.\n\n"
            "Last week my talks with the Egyptian delegation dealt with patrol boats for their navy.\n\n"
            "Alexei Rakhmanov: Thank you, Mr President. The yards are ready for the order.")
    result = defgraph.extract(text, published="2024-03-05", title="Meeting with shipbuilders")
    talks = [e for e in result.events if e.type == "meeting" and "patrol boats" in e.evidence.text]
    assert talks and "person:vladimir-putin" in talks[0].participants, [(e.type, e.participants) for e in result.events]


def test_a_spokesperson_who_says_we_speaks_for_the_government_and_takes_no_part():
    title = "Press Gaggle by Press Secretary Marta Lindqvist En Route Dayton, OH"
    text = (f"{title}\n\nAboard Air Force One En Route Dayton, Ohio\n\n"
            "MS. LINDQVIST: Good afternoon, everyone.\n\n"
            "Last week we met the Finnish delegation to talk about icebreakers for the coast guard.\n\n"
            "Q Thanks, Marta.")
    result = defgraph.extract(text, published="2024-03-05", title=title)
    talks = [e for e in result.events if e.type == "meeting" and "icebreakers" in e.evidence.text]
    assert talks, [(e.type, e.participants) for e in result.events]
    assert not any("lindqvist" in p for p in talks[0].participants), talks[0].participants
    assert any(e.id == "person:marta-lindqvist" for e in result.entities), [e.id for e in result.entities]


def test_an_event_writes_only_participants_that_are_entities_in_their_own_right():
    from defgraph.model import Article, Entity, Extraction, Mention

    def entity(entity_id, name, confidence):
        return Entity(entity_id, "Organization", name, [Mention(0, len(name), name)], confidence=confidence)

    sure, doubtful = entity("org:navy", "Navy", 0.9), entity("org:summits", "Summits", 0.1)
    extraction = Extraction(article=Article(text="Navy Summits"), entities=[sure, doubtful], events=[
        Event("meeting", ["org:navy", "org:summits"], Span(0, 12, "Navy Summits"), confidence=0.9),
        Event("meeting", ["org:summits"], Span(5, 12, "Summits"), confidence=0.9)])
    gold = extraction.to_gold({"entities": 0.5, "events": 0.5})
    assert [e["id"] for e in gold["entities"]] == ["org:navy"]
    assert [e["participants"] for e in gold["events"]] == [["org:navy"]]
    assert len(extraction.to_gold()["events"]) == 2


@pytest.mark.parametrize("text", [
    "President Lena Vorstag signed an executive order on arms export controls on Monday.",
    "Prime Minister Narendra Modi signed a decree on drone procurement.",
    "Congress passed the bill and Joe Biden signed the defence budget into law.",
    "President Donald Trump signed a Presidential Determination on munitions production.",
    "President Donald Trump signed a National Security Presidential Memorandum on shipbuilding.",
])
def test_an_order_or_a_law_signed_is_a_statement_not_a_deal(text):
    types = {e.type for e in read(text).events}
    assert "statement" in types and "deal_signing" not in types, types


def test_a_contract_signed_is_still_a_deal():
    assert "deal_signing" in {e.type for e in read("India signed a contract for 26 Rafale jets.").events}


@pytest.mark.parametrize("text", [
    "Norway and Chile signed a free trade agreement in Oslo.",
    "The two energy ministries signed a memorandum on clean energy research.",
    "Kenya's universities signed an accord with Dutch science agencies.",
    "Twelve countries have signed up to the new fund.",
    "The Governor signed three bipartisan bills on Tuesday.",
    "The minister signed the guestbook at the Polish embassy.",
    "The Prime Minister ordered the army to withdraw from the border.",
    "President Ruiz ordered additional military resources to the coast.",
])
def test_a_civil_accord_a_bill_or_a_command_is_no_deal(text):
    assert "deal_signing" not in {e.type for e in read(text).events}


@pytest.mark.parametrize("text", [
    "Norway and Chile signed a trade agreement on the supply of NASAMS missiles.",
    "Egypt ordered 24 Rafale fighters from France.",
])
def test_a_deal_about_arms_is_still_a_deal(text):
    assert "deal_signing" in {e.type for e in read(text).events}


def test_the_headline_and_the_first_sentence_tell_one_happening():
    title = "Vladimir Putin visits Kazan"
    text = f"{title}\n\nVladimir Putin visited the Kazan Aviation Plant, where the Tu-160 is built.\n\nHe then left."
    result = defgraph.extract(text, published="2024-03-05", title=title)
    visits = [e for e in result.events if e.type == "visit"]
    assert len(visits) == 1, [(e.participants, e.evidence.text) for e in visits]
    assert {"person:vladimir-putin", "system:tu-160"} <= set(visits[0].participants)


def test_a_subset_of_participants_outside_the_lead_is_another_happening():
    span = Span(100, 104, "text")
    first = Event("meeting", ["person:vladimir-putin", "person:sergei-lavrov"], Span(10, 14, "text"))
    later = Event("meeting", ["person:vladimir-putin"], span)
    assert len(merge_events([first, later], lead=50)) == 2
    assert len(merge_events([first, Event("meeting", ["person:vladimir-putin"], Span(20, 24, "text"))], lead=50)) == 1


def test_the_title_and_the_lead_on_one_day_tell_one_happening_whoever_they_name():
    day = DateValue(2024, 3, 5)
    title = Event("meeting", ["org:defence-ministry"], Span(0, 40, "text"), date=day)
    lead = Event("meeting", ["person:vladimir-putin"], Span(45, 90, "text"), date=day)
    assert len(merge_events([title, lead], lead=100)) == 1
    another_day = Event("meeting", ["person:vladimir-putin"], Span(45, 90, "text"), date=DateValue(2024, 3, 4))
    assert len(merge_events([title, another_day], lead=100)) == 2


def test_the_lead_s_happening_told_again_that_day_is_one_unless_it_brings_in_someone():
    day, people = DateValue(2024, 3, 5), {"person:vladimir-putin", "person:ivan-korov"}

    def told(later: list[str], date: DateValue | None = day) -> int:
        lead = Event("meeting", ["person:vladimir-putin", "org:navy"], Span(45, 90, "text"), date=day)
        return len(merge_events([lead, Event("meeting", later, Span(400, 460, "text"), date=date)],
                                lead=100, people=people))

    assert told(["person:vladimir-putin", "country:russia"]) == 1
    assert told(["person:vladimir-putin", "person:ivan-korov"]) == 2
    assert told(["person:vladimir-putin", "country:russia"], date=None) == 2


def test_a_section_heading_retells_the_happening_of_the_text():
    title = "Meeting with Defence Ministry officials"
    text = (f"{title}\n\nIvan Korov held a meeting with Defence Ministry officials and the Navy command.\n\n"
            "Opening remarks at the meeting with Defence Ministry officials\n\nIvan Korov: Good afternoon, colleagues.")
    result = defgraph.extract(text, published="2024-03-05", title=title)
    meetings = [e for e in result.events if e.type == "meeting"]
    assert len(meetings) == 1, [(e.participants, e.evidence.text) for e in meetings]


def test_someone_who_tested_positive_took_part_in_no_test():
    result = read("Defence Minister Ivan Korov tested positive for influenza after a briefing on the Agni-V missile.")
    assert "test" not in {e.type for e in result.events}


def test_a_list_of_dates_after_a_cue_is_a_happening_per_date():
    listed = read("India and France held naval exercises in 2023 and 2024.", published="2025-01-10")
    assert sorted(str(e.date) for e in listed.events if e.type == "operation") == ["2023", "2024"]
    period = read("India and France held naval exercises through 2023 and 2024.", published="2025-01-10")
    assert len([e for e in period.events if e.type == "operation"]) == 1


def _event_features(nlp, text: str, kind: str):
    from defgraph.confidence.features import event_features
    from defgraph.model import Article

    doc = nlp.make_doc(text)
    doc._.article = Article(text=text, published=DateValue(2025, 6, 27))
    doc = nlp(doc)
    event = next(e for e in doc._.events if e.type == kind)
    return event_features(doc, event)


def test_the_scorer_sees_a_habit_and_the_tense_of_the_cue(nlp):
    # "regularly" tells no happening at all (no event); "often" leaves the habit to the scorer
    habit = _event_features(nlp, "Narendra Modi often holds talks with Vladimir Putin.", "meeting")
    done = _event_features(nlp, "Narendra Modi held talks with Vladimir Putin in Moscow.", "meeting")
    assert habit["cue_habitual"] == 1.0 and done["cue_habitual"] == 0.0
    assert done["cue_tense=past"] == 1.0
    assert done["participants_not_in_evidence"] == 0.0


def test_the_scorer_sees_a_happening_dated_on_the_publication_day(nlp):
    features = _event_features(nlp, "Narendra Modi met Vladimir Putin today in Moscow.", "meeting")
    assert features["date_is_publication_day"] == 1.0


def test_two_summits_a_sentence_dates_apart_are_two_meetings():
    result = read("India and the United States held a defence summit in February, and a second summit will "
                  "take place in Washington in September.", published="2024-06-17")
    assert sorted(str(e.date) for e in result.events if e.type == "meeting") == ["2024-02", "2024-09"]


def test_a_second_cue_without_a_date_of_its_own_is_the_same_meeting():
    result = read("Vladimir Putin held talks with Narendra Modi on Monday, and the talks touched on frigates.",
                  published="2024-06-17")
    assert len([e for e in result.events if e.type == "meeting"]) == 1


def test_a_named_dialogue_is_a_meeting():
    result = read("The inaugural India-France Space Dialogue took place in Paris on Monday.", published="2024-06-17")
    assert "meeting" in {e.type for e in result.events}


@pytest.mark.parametrize(("text", "kind"), [
    ("The Agni-V missile has passed all its state tests, the ministry said.", "test"),
    ("The Su-57 fighter is in the final stage of testing.", "test"),
    ("Rosatom and Turkey launched the construction of a new reactor plant at Akkuyu in 2018.", "facility_opening"),
    ("Construction of the Nagpur missile plant by Tata Advanced Systems was started in 2021.", "facility_opening"),
])
def test_tests_and_construction_starts_are_events(text, kind):
    assert kind in {e.type for e in read(text).events}, [(e.type, e.participants) for e in read(text).events]


def test_testing_positive_is_no_test():
    assert "test" not in {e.type for e in read("Forty tests positive for the virus were recorded aboard the INS Vikrant.").events}


def test_a_mention_that_refers_back_is_the_happening_already_told():
    result = read("Narendra Modi met Vladimir Putin in Moscow on Tuesday. During the meeting, Russia offered India "
                  "more S-400 batteries. This meeting was their second this year.")
    meetings = [e for e in result.events if e.type == "meeting"]
    assert len(meetings) == 1, [(e.participants, e.evidence.text) for e in meetings]
    assert meetings[0].date == DateValue(2025, 6, 24)
    assert {"country:russia", "country:india"} <= set(meetings[0].participants)


def test_a_definite_mention_with_a_party_of_its_own_is_another_happening():
    result = read("Narendra Modi met Vladimir Putin in Moscow on Tuesday. The talks with Emmanuel Macron follow "
                  "in Paris.")
    assert len([e for e in result.events if e.type == "meeting"]) == 2



def test_an_event_takes_the_date_of_its_own_clause_not_the_nearest_one():
    result = read("Russia signed the contract, which took effect in 2019, in March 2018.", published="2021-09-24")
    signing = next(e for e in result.events if e.type == "deal_signing")
    assert signing.date == DateValue(2018, 3)


def test_a_news_item_tells_its_undated_happenings_in_the_simple_past_on_its_day():
    title = "Vladimir Putin visits a shipyard in Severodvinsk"
    text = (f"{title}\n\nVladimir Putin visited the Sevmash shipyard in Severodvinsk.\n\n"
            "The President also met with Sergei Shoigu to discuss the Borei submarine programme.\n\n"
            "Sergei Shoigu has met Narendra Modi in New Delhi.")
    result = defgraph.extract(text, published="2024-03-05", title=title)
    meetings = {e.evidence.text[:20]: e for e in result.events if e.type == "meeting"}
    assert meetings["The President also m"].date == DateValue(2024, 3, 5)
    assert meetings["Sergei Shoigu has me"].date is None


@pytest.mark.parametrize("text", ["The deadlines for the Su-57 contract were not met by the plant.",
                                  "Any attack on India will be met with a firm response by its armed forces."])
def test_met_in_the_passive_is_no_meeting(text):
    assert "meeting" not in {e.type for e in read(text).events}


def test_the_scorer_sees_whether_a_signing_is_about_defence(nlp):
    arms = _event_features(nlp, "India signed a contract with Russia for S-400 missiles.", "deal_signing")
    trade = _event_features(nlp, "India signed an agreement with Russia on coal exports.", "deal_signing")
    assert arms["deal_signing:defence_words"] == 1.0 and trade["deal_signing:defence_words"] == 0.0
    assert "deal_signing:cue_tense=past" in arms


def test_a_happening_that_has_just_taken_place_is_on_the_publication_day():
    result = read("Russia and India have just signed an agreement on the joint production of BrahMos missiles.",
                  published="2024-03-05")
    signing = next(e for e in result.events if e.type == "deal_signing")
    assert signing.date == DateValue(2024, 3, 5)


def test_a_news_item_dates_no_background_it_tells_in_the_past_perfect_or_a_subordinate_clause():
    title = "India buys more S-400 batteries"
    text = (f"{title}\n\nIndia agreed to buy two more S-400 batteries from Russia.\n\n"
            "The purchase comes a month after Narendra Modi visited Moscow, where he met Vladimir Putin.\n\n"
            "Stocks of interceptors had run low after Pakistan attacked Indian air bases.")
    result = defgraph.extract(text, published="2024-03-05", title=title)
    later = [e for e in result.events if e.evidence.start > text.index("The purchase")]
    assert later and all(e.date is None for e in later), [(e.type, e.date) for e in later]


@pytest.mark.parametrize(("text", "kind"), [
    ("The Philippine Navy took delivery of two BrahMos batteries from India in April.", "delivery"),
    ("The Indian Army inducted the first Pinaka regiments in March.", "delivery"),
    ("Poland and South Korea will sign a framework agreement on K2 tanks next month.", "deal_signing"),
    ("The signing of the Rafale contract between India and France took place in Paris.", "deal_signing"),
    ("Germany pledged more IRIS-T systems to Ukraine.", "statement"),
    ("Azerbaijan retook the region from Armenia in a one-day offensive.", "operation"),
])
def test_deliveries_signings_pledges_and_offensives_told_in_other_words_are_events(text, kind):
    events = read(text).events
    assert kind in {e.type for e in events}, [(e.type, e.participants) for e in events]


def test_words_quoted_with_their_speaker_report_no_event_but_a_statement_quoted_whole_does():
    attributed = read("“We will deliver the S-400 batteries to India on time,” Ada Berg of Rosoboronexport said.")
    assert not attributed.events, [(e.type, e.participants) for e in attributed.events]
    whole = read("“Today, President Ada Berg and Prime Minister Ben Cole of India had a fantastic phone conversation.")
    assert "meeting" in {e.type for e in whole.events}


@pytest.mark.parametrize(("text", "kind"), [
    ("North Korea carried out its sixth nuclear test on September 3, 2017.", "test"),
    ("Japan condemned the ballistic missile launches by North Korea last week.", "test"),
    ("Russia made a successful test launch of the Bulava missile from the White Sea on Friday.", "test"),
    ("Five hundred troops of the Freedonian army deployed to Poland in March.", "deployment"),
    ("The United States began rotational deployments of F-35 squadrons in Estonia.", "deployment"),
    ("Between now and May, Germany will deliver thousands of artillery rounds to Ukraine.", "delivery"),
    ("In 2023 the Russian Aerospace Forces received two S-400 regiments.", "delivery"),
    ("Iran sent Russia drones for the war against Ukraine.", "delivery"),
    ("Shortly after Russia invaded Ukraine, Poland closed its airspace.", "operation"),
    ("Canada will keep supporting Ukraine against Russian aggression.", "operation"),
    ("Jake Sullivan held a joint call with Andriy Yermak on Monday.", "meeting"),
])
def test_launches_deployments_deliveries_invasions_and_calls_told_in_other_words_are_events(text, kind):
    events = read(text, published="2025-06-27").events
    assert kind in {e.type for e in events}, [(e.type, e.participants) for e in events]


@pytest.mark.parametrize(("text", "kind"), [
    ("President Ada Berg will deliver remarks at Ramstein on Monday.", "delivery"),
    ("Ada Berg of the Pentagon held a press call with reporters on Monday.", "meeting"),
    ("Sanctions target Sylvanian programmes that could deliver weapons of mass destruction to Freedonia.", "delivery"),
    ("Freedonia must meet this moment, President Ada Berg told the Sylvanian parliament.", "meeting"),
    ("The Freedonian defence bill meets our security priorities in the Baltic, Ada Berg said.", "meeting"),
])
def test_speeches_press_calls_and_met_moments_are_not_those_events(text, kind):
    events = read(text, published="2025-06-27").events
    assert kind not in {e.type for e in events}, [(e.type, e.participants) for e in events]


def test_the_countries_a_forum_name_pairs_take_part_in_its_meeting():
    text = ("India and the United States deepened their defence ties this year. In May 2024 the second U.S.-India "
            "Advanced Domains Defense Dialogue was held at the Pentagon.")
    meeting = of_type(read(text, published="2024-06-17"), "meeting")
    assert {"country:usa", "country:india", "org:u-s-india-advanced-domains-defense-dialogue"} <= set(meeting.participants)


def test_a_paired_country_the_document_never_names_is_no_participant():
    result = read("In May 2024 the second U.S.-India Advanced Domains Defense Dialogue was held at the Pentagon.",
                  published="2024-06-17")
    entities = {e.id for e in result.entities}
    assert all(p in entities for e in result.events for p in e.participants)
    assert "org:u-s-india-advanced-domains-defense-dialogue" in of_type(result, "meeting").participants


@pytest.mark.parametrize("text", [
    "I don't have anything to announce on the frigate programme today.",
    "The spokeswoman said she had nothing further to announce about the F-16 transfer.",
    "We are not announcing a new package for Ukraine this week.",
])
def test_announcing_nothing_is_no_statement(text):
    assert "statement" not in {e.type for e in read(text, published="2024-05-02").events}


def _turn_events(words: str, published: str = "2024-03-05"):
    title = "Remarks by President Halvorsen and Prime Minister Dunmore"
    text = (f"{title}\n\nState Dining Room\n\nPRESIDENT HALVORSEN: Good afternoon, everyone.\n\n{words} Thank you.\n\n"
            "PRIME MINISTER DUNMORE: Thank you, Mr. President.")
    return defgraph.extract(text, published=published, title=title).events


@pytest.mark.parametrize("words", ["The Prime Minister and I have just finished a productive meeting on Estonia.",
                                   "We’ve just completed the first summit between Estonia and Finland.",
                                   "I just spoke with Prime Minister Dunmore about air defence for Estonia."])
def test_a_speaker_telling_a_happening_just_past_puts_it_on_the_day_of_the_words(words):
    events = [e for e in _turn_events(words) if words[:12] in e.evidence.text]
    assert events and all(e.date == DateValue(2024, 3, 5) for e in events), [(e.type, e.date) for e in events]


@pytest.mark.parametrize("words, kind", [
    ("The Defense Department is announcing an air defence package for Estonia.", "statement"),
    ("And Estonia is announcing its own order of Finnish artillery.", "statement"),
    ("Prime Minister Dunmore is meeting now with the Estonian defence minister.", "meeting"),
    ("The two delegations are currently meeting with officials of Estonia.", "meeting"),
])
def test_a_speaker_telling_an_announcement_or_what_goes_on_as_he_speaks_puts_it_on_the_day_of_the_words(words, kind):
    found = [e for e in _turn_events(words) if e.type == kind and words[:12] in e.evidence.text]
    assert found and all(e.date == DateValue(2024, 3, 5) for e in found), found


@pytest.mark.parametrize("words", ["Estonia is hosting the next summit of the Nordic Council.",  # a plan
                                   "Estonia is hosting thousands of refugees from the war."])  # a state of affairs
def test_a_speaker_s_progressive_without_a_word_of_now_dates_nothing(words):
    events = [e for e in _turn_events(words) if words[:12] in e.evidence.text]
    assert all(e.date is None for e in events), [(e.type, e.date) for e in events]


@pytest.mark.parametrize("words", ["This is my second visit to Estonia.",  # a present tense is no date: a visit
                                   "I remember my first visit to Estonia with Prime Minister Dunmore.",  # going on or
                                   "I just wanted to ask Prime Minister Dunmore about the summit in Estonia.",  # past
                                   "We will meet Prime Minister Dunmore in Estonia again."])
def test_a_speaker_dates_no_happening_told_in_the_present_asked_about_or_to_come(words):
    events = [e for e in _turn_events(words) if words[:12] in e.evidence.text]
    assert all(e.date is None for e in events), [(e.type, e.date) for e in events]


@pytest.mark.parametrize("bound", ["until 2031", "through 2031", "until the beginning of 2031", "till 2031"])
def test_a_year_that_ends_a_period_does_not_date_the_happening(bound):
    text = _lead_article(f"Norway and Chile signed a naval cooperation programme {bound} in Valparaiso.")
    result = defgraph.extract(text, published="2024-03-05", title="Talks on naval cooperation")
    signing = next(e for e in result.events if e.type == "deal_signing")
    assert signing.date == DateValue(2024, 3, 5)


def test_a_happening_whose_clause_names_only_the_end_of_a_period_is_not_dated_by_another_clause():
    told = read("Norway delivered F-16 fighters to Chile until 2019, the ministry said on Tuesday.",
                published="2024-03-12")
    delivery = next(e for e in told.events if e.type == "delivery")
    assert delivery.date is None


def test_a_date_in_a_relative_clause_about_something_else_does_not_date_the_event():
    result = read("Narendra Modi met Vladimir Putin in Moscow, the city where the first parade was held in 1945.",
                  published="2024-06-17")
    assert [e.date for e in result.events if e.type == "meeting"] == [None]


def test_a_relative_clause_about_the_event_itself_dates_it():
    result = read("The defence summit, which was held in Madrid in February, brought Narendra Modi and Vladimir "
                  "Putin together.", published="2024-06-17")
    assert [str(e.date) for e in result.events if e.type == "meeting"] == ["2024-02"]


def test_recent_dates_only_the_happening_it_stands_before():
    title = "Talks on naval cooperation"
    text = _lead_article("Vladimir Putin held talks with Narendra Modi on Ruritania's recent missile tests.")
    result = defgraph.extract(text, published="2024-03-05", title=title)
    dates = {e.type: e.date for e in result.events}
    assert dates.get("meeting") == DateValue(2024, 3, 5)  # the lead's talks, not the month of the tests
    assert dates.get("test") == DateValue(2024, 3)  # "recent" is the publication month (guideline case 28)


def test_a_body_or_office_named_for_operations_is_no_operation():
    for text in ("Admiral Ivan Petrov, the Chief of Naval Operations, spoke about Ukraine.",
                 "She served with Air Force Special Operations Command in Ukraine."):
        assert [e.type for e in read(text, published="2024-01-09").events if e.type == "operation"] == [], text
    text = "Russia launched special operations in Ukraine."
    assert [e.type for e in read(text, published="2024-01-09").events] == ["operation"]


@pytest.mark.parametrize(("text", "kind"), [
    ("The Freedonian and Sylvanian defence ministers meet regularly to review the Caravel frigate programme.", "meeting"),
    ("Thousands of Indian officers visit Russia annually for staff training.", "visit"),
    ("Ada Berg raised the Caravel frigate programme at all our meetings with the Sylvanian defence ministry.",
     "meeting"),
    ("Russia says it is threatened by offensive missile systems in Poland.", "operation"),
    ("Ben Cole, the new Freedonian envoy to Sylvania, was a Visiting Professor at Ruritania University.", "visit"),
    # told as happening again and again, or a plural cue with its preposition ("conversations with")
    ("Ada Berg has met Ben Cole several times over the last year.", "meeting"),
    ("Freedonian defence minister Ada Berg has spoken with Ben Cole on a number of occasions.", "meeting"),
    ("Freedonian officials have held numerous conversations with Sylvania about the Caravel frigates.", "meeting"),
])
def test_habits_offensive_arms_and_visiting_titles_are_no_events(text, kind):
    events = read(text, published="2025-06-27").events
    assert kind not in {e.type for e in events}, [(e.type, e.participants) for e in events]


@pytest.mark.parametrize(("text", "kind"), [
    ("Ada Berg of Freedonia met Ben Cole of Sylvania in Ruritania on Monday.", "meeting"),
    ("Ada Berg chaired the annual meeting of the Freedonian defence ministry board in May.", "meeting"),
    ("Azerbaijan launched an offensive against Armenia in March.", "operation"),
    ("Ben Cole, the new Freedonian envoy, is visiting Sylvania this week.", "visit"),
    ("Ada Berg held talks with Ben Cole of Sylvania on Monday about tripling Caravel frigate orders.", "meeting"),
    ("Ada Berg of Freedonia had a phone call with Ben Cole of Sylvania on Monday.", "meeting"),
])
def test_a_happening_told_beside_those_words_is_still_an_event(text, kind):
    events = read(text, published="2025-06-27").events
    assert kind in {e.type for e in events}, [(e.type, e.participants) for e in events]


@pytest.mark.parametrize(("text", "kind"), [
    ("Last night, President Ada Berg of Freedonia gave an important speech on Sylvania.", "statement"),
    ("Prime Minister Ben Cole made a surprise statement about Freedonia before leaving for Sylvania.", "statement"),
    ("On Tuesday Ada Berg will address a joint session of the Freedonian parliament.", "statement"),
    # "delivered" is the delivery cue's: the address it delivers is still a statement
    ("President Ada Berg delivered the Address to the Federal Assembly on Tuesday.", "statement"),
])
def test_a_speech_or_statement_someone_gives_or_makes_is_a_statement(text, kind):
    events = read(text, published="2025-06-27").events
    assert kind in {e.type for e in events}, [(e.type, e.participants) for e in events]


@pytest.mark.parametrize("text", [
    "President Ada Berg won't be making a statement at the Freedonian memorial.",
    "Let Ben Cole make whatever statement he wants about Freedonia.",
])
def test_a_speech_or_statement_denied_or_left_open_is_no_statement(text):
    assert "statement" not in {e.type for e in read(text, published="2025-06-27").events}


def _statement_told_after(first: str, second: str):
    text = f"{first} {second}"
    events = read(text, published="2024-04-10").events
    return [e for e in events if e.type == "statement" and second[:15] in e.evidence.text]


def test_a_statement_whose_subject_is_he_takes_the_person_named_as_subject_before():
    told = _statement_told_after("Chancellor Ingmar Solberg arrived in Tallinn on Monday for two days of talks.",
                                 "He will give a speech on Baltic air defence before the Estonian parliament.")
    assert told and told[0].participants[0] == "person:ingmar-solberg", [e.participants for e in told]


def test_a_pronoun_after_a_verb_chain_reaches_its_subject():
    told = _statement_told_after("Minister Henrik Aalto met the Latvian delegation in Riga.",
                                 "He is going to announce a new package of artillery shells for Latvia.")
    assert told and told[0].participants[0] == "person:henrik-aalto", [e.participants for e in told]


def test_words_delivered_are_a_statement_and_no_delivery():
    types = {e.type for e in read("Chancellor Ingmar Solberg delivered his remarks on Baltic air defence in Tallinn.",
                                  published="2024-04-10").events}
    assert "statement" in types and "delivery" not in types, types


def test_a_time_tested_partner_is_no_test():
    assert read("Norway remains a time-tested partner of Chile.", published="2024-04-10").events == []


def test_he_stands_for_nobody_when_no_person_was_a_subject_before():
    told = _statement_told_after("The parade in Riga was attended by thousands.",
                                 "He will give a speech on Baltic air defence before the Estonian parliament.")
    assert all(not p.startswith("person:") for e in told for p in e.participants), [e.participants for e in told]


def test_a_person_only_he_stands_for_counts_towards_no_merging():
    first = Event("meeting", ["person:henrik-aalto", "country:latvia"], Span(0, 10, "text"))
    second = Event("meeting", ["person:henrik-aalto", "country:latvia"], Span(20, 30, "text"))
    assert len(merge_events([first, second])) == 1
    assert len(merge_events([first, second], inferred={1: "person:henrik-aalto"})) == 2


def test_he_stands_for_the_subject_of_the_main_clause_before():
    told = _statement_told_after("Let me say that Minister Henrik Aalto met with Ambassador Kirsi Lind in Riga to "
                                 "discuss artillery.",
                                 "He warned Moscow that Latvia is ready to respond.")
    assert told and told[0].participants[0] == "person:henrik-aalto", [e.participants for e in told]


def test_he_in_a_life_story_stands_for_nobody():
    text = ("Minister Henrik Aalto was born in Turku. "
            "He has also served on the board of Operation Northern Lights, a charity for veterans.")
    events = read(text, published="2024-04-10").events
    assert all("person:henrik-aalto" not in e.participants for e in events), [(e.type, e.participants) for e in events]


@pytest.mark.parametrize(("text", "kind"), [
    ("Freedonia is not looking for a war with Sylvania, Ada Berg told reporters on Monday.", "operation"),
    ("Ada Berg has not spoken with Ben Cole of Sylvania since the spring.", "meeting"),
    ("Ada Berg hasn’t spoken with Ben Cole of Sylvania since the spring.", "meeting"),
    ("Sylvanian jets cannot be deployed in Freedonia under the treaty, Ada Berg said.", "deployment"),
    ("In the event of an armed attack on Freedonia, Sylvania will consult with Ruritania.", "operation"),
    ("Ada Berg warned Sylvania that if it invaded Freedonia the alliance would answer.", "operation"),
])
def test_a_happening_told_negated_or_under_a_condition_is_no_event(text, kind):
    events = read(text, published="2025-06-27").events
    assert kind not in {e.type for e in events}, [(e.type, e.participants) for e in events]


@pytest.mark.parametrize(("text", "kind"), [
    ("Ada Berg not only met Ben Cole of Sylvania on Monday but also toured the Freedonian shipyard.", "meeting"),
    ("If I could ask about it: Ada Berg held talks with Ben Cole of Sylvania in Ruritania on Monday.", "meeting"),
])
def test_a_negation_or_condition_that_leaves_the_happening_standing_keeps_it(text, kind):
    events = read(text, published="2025-06-27").events
    assert kind in {e.type for e in events}, [(e.type, e.participants) for e in events]


@pytest.mark.parametrize(("text", "kind", "who"), [
    ("On Tuesday, Minister Henrik Aalto called President Kirsi Lind of Latvia to discuss air defence.", "meeting",
     "person:kirsi-lind"),
    ("Later today, Minister Henrik Aalto will call Chancellor Kirsi Lind about the artillery shipments.", "meeting",
     "person:kirsi-lind"),
    ("Minister Henrik Aalto was in Latvia on Friday of last week to inspect the new radar site.", "visit",
     "person:henrik-aalto"),
])
def test_a_call_to_an_office_holder_and_a_presence_in_a_place_are_events(text, kind, who):
    events = read(text, published="2025-06-27").events
    assert any(e.type == kind and who in e.participants for e in events), [(e.type, e.participants) for e in events]


@pytest.mark.parametrize(("text", "kind"), [
    ("Minister Henrik Aalto called for calm after the border incident with Latvia.", "meeting"),
    ("It is in Latvia’s interest to buy the radar, Minister Henrik Aalto said.", "visit"),
    ("Minister Henrik Aalto was in Parliament when the radar contract with Latvia was debated.", "visit"),
])
def test_a_call_for_calm_an_interest_or_a_seat_is_no_event(text, kind):
    events = read(text, published="2025-06-27").events
    assert kind not in {e.type for e in events}, [(e.type, e.participants) for e in events]


@pytest.mark.parametrize("text", [
    "Lena Dorr said the minister has no calls or meetings with President Anna Velt planned this week.",
    "Asked about any meetings with Minister Ivan Korov, Lena Dorr gave no answer.",
])
def test_meetings_said_to_be_none_are_no_meeting(text):
    assert [e for e in read(text).events if e.type == "meeting"] == []


def test_conversations_with_someone_in_the_plural_are_no_single_meeting():
    text = "Minister Ivan Korov has held conversations with President Anna Velt about the Norland frontier."
    assert [e for e in read(text).events if e.type == "meeting"] == []


def test_a_conversation_the_sentence_takes_as_known_joins_the_meeting_told_before():
    text = ("Minister Ivan Korov met President Anna Velt in Oslo on Monday. "
            "In her conversation with Minister Ivan Korov, the frontier was raised.")
    meetings = [e for e in read(text, published="2025-06-27").events if e.type == "meeting"]
    assert len(meetings) == 1, [(e.participants, e.evidence.text) for e in meetings]


def _host_meets(*counterparts: str, start: int = 0, date: DateValue | None = DateValue(2024, 3, 4)) -> Event:
    return Event("meeting", ["person:arvid-kolmar", "country:norway", *counterparts], Span(start, start + 10, "text"),
                 date=date)


def test_a_host_meeting_one_counterpart_then_another_holds_two_meetings():
    def meetings(*later: str, **how) -> int:
        return len(merge_events([_host_meets("person:elena-drust"), _host_meets(*later, start=200)], **how))

    assert meetings("person:joss-wendel", "country:kenya") == 2
    # a counterpart both name, or a counterpart's country the other names, makes it one meeting retold
    assert meetings("person:elena-drust", "person:joss-wendel") == 1
    assert meetings("country:chile", affiliations={"person:elena-drust": {"country:chile"}}) == 1
    assert meetings("country:chile") == 2
    # a counterpart that is no person or country on one side splits nothing
    assert meetings("org:kenya-defence-forces") == 1


def test_the_speaker_a_pronoun_or_an_intended_meeting_splits_no_meeting():
    def meetings(**how) -> int:
        first = _host_meets("person:elena-drust", "country:chile")
        return len(merge_events([first, _host_meets("person:joss-wendel", start=200)], **how))

    assert meetings(tellings=[Telling(), Telling(frozenset({"person:joss-wendel"}))]) == 1
    assert meetings(inferred={1: "person:joss-wendel"}) == 1
    assert meetings(tellings=[Telling(), Telling(retelling=True)]) == 1
    assert meetings(tellings=[Telling(), Telling()]) == 2


@pytest.mark.parametrize("later, meetings", [
    ("Later on Monday, Norway's Arvid Kolmar met Kenya's Defence Minister Joss Wendel in Oslo.", 2),
    ("Norway's Arvid Kolmar then flew to Bergen to meet with Kenya's Defence Minister Joss Wendel.", 1),
    ("After our meeting, Norway's Arvid Kolmar thanked Kenya's Defence Minister Joss Wendel.", 1),
])
def test_a_second_counterpart_met_is_another_meeting_but_a_trip_to_meet_him_retells(later, meetings):
    text = ("Norway's Defence Minister Arvid Kolmar met Chile's Defence Minister Elena Drust in Oslo on Monday.\n\n"
            f"{later}")
    told = [e for e in read(text, published="2024-03-05").events if e.type == "meeting"]
    assert len(told) == meetings, [(e.participants, e.date) for e in told]
