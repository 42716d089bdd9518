"""Transcripts: speaker labels open turns, each named speaker's turn is one direct quote.

Every transcript here is written for these tests; the speakers are fictional.
"""
from __future__ import annotations

import pytest

REMARKS = """Remarks by Finnish President Halvorsen and Estonian Prime Minister Dunmore after their talks

PRESIDENT HALVORSEN: Thank you all for coming. The Prime Minister and I spent the morning on air
defence, and we agreed that Finland will send four more NASAMS batteries to Estonia this year.

And we will keep training its crews for as long as it takes.

PRIME MINISTER DUNMORE: Thank you, Mr. President. Estonia is grateful for every battery, and our
engineers will have the first one running within weeks.

Q Mr. President, will Finland also sell Estonia its new F-35 jets?

PRESIDENT HALVORSEN: We have made no decision on the jets.

MS. VARGA: Thank you. We have to leave it there.

Q Thank you.

END 11:42 A.M. CET
"""

KREMLIN_STYLE = """Meeting with the head of a shipyard

The President met the director of the Baltic Yard, Oleg Pankratov, to discuss the frigate programme.

President of Russia Vladimir Putin: Mr Pankratov, how is the second frigate coming along?

Director of the Baltic Yard Oleg Pankratov: It will be handed over to the Navy in the autumn, as
the contract requires. The hull and the engines are ready.

Vladimir Putin: Good. And the crews?

Question: Will the yard build ships for foreign customers?

Oleg Pankratov: We are ready to, once the order book for our own navy allows it.
"""


@pytest.fixture
def read(nlp, make_article):
    def run(text: str):
        article = make_article(text, title=None, published="2025-03-12")
        doc = nlp.make_doc(article.text)
        doc._.article = article
        return nlp(doc)
    return run


def name_of(doc, entity_id):
    return next((e.name for e in doc._.entities if e.id == entity_id), None)


def test_labels_open_turns_that_run_to_the_next_label(read):
    doc = read(REMARKS)
    labels = [(t.label, t.kind, name_of(doc, t.speaker)) for t in doc._.turns]
    assert labels == [("PRESIDENT HALVORSEN", "named", "Halvorsen"), ("PRIME MINISTER DUNMORE", "named", "Dunmore"),
                      ("Q", "question", None), ("PRESIDENT HALVORSEN", "named", "Halvorsen"),
                      ("MS. VARGA", "named", "Varga"), ("Q", "question", None)]
    first = doc._.turns[0]
    said = doc.text[first.start:first.end]
    assert said.startswith("Thank you all for coming.") and said.endswith("for as long as it takes.")
    assert "END" not in doc.text[doc._.turns[-1].start:doc._.turns[-1].end]


def test_each_named_turn_is_one_direct_quote_and_questions_and_courtesies_are_none(read):
    doc = read(REMARKS)
    quotes = [(name_of(doc, q.speaker), q.text.split()[0], q.direct) for q in doc._.quotes]
    assert quotes == [("Halvorsen", "Thank", True), ("Dunmore", "Thank", True), ("Halvorsen", "We", True),
                      ("Varga", "Thank", True)]
    assert all("F-35" not in q.text for q in doc._.quotes)  # the journalist's question is nobody's quote


def test_a_question_states_no_fact(read):
    doc = read(REMARKS)
    systems = {t.system for t in doc._.transfers}
    assert "system:nasams" in systems and "system:f-35" not in systems


def test_we_in_a_turn_is_the_speakers_side(read):
    doc = read(REMARKS.replace("Finland will send four more NASAMS batteries",
                               "we will send four more NASAMS batteries"))
    finland = next(e for e in doc._.entities if e.name == "Finland")
    estonia = next(e for e in doc._.entities if e.name == "Estonia")
    assert "we" in {m.text for m in finland.mentions if m.kind == "pronoun"}
    assert "our" in {m.text for m in estonia.mentions if m.kind == "pronoun"}  # the Prime Minister's "our"
    assert "we" not in finland.aliases  # a pronoun refers to the country but is none of its names
    assert ("country:finland", "country:estonia", "system:nasams") in {
        (t.supplier, t.recipient, t.system) for t in doc._.transfers}


@pytest.mark.parametrize("office, label", [
    ("White House Press Secretary Ines Moravec", "MS. MORAVEC"),
    ("White House Chief of Staff Tomas Brandt", "MR. BRANDT"),
])
def test_we_of_an_office_of_the_publishers_house_is_the_publishers_country(nlp, make_article, office, label):
    text = (f"Press Gaggle by {office}\n\n"
            "The White House said on Monday that the United States would host the talks.\n\n"
            f"{label}: Good morning. On Tuesday we met the Chilean delegation to discuss coastal radars.\n\n"
            "Q Thank you.")
    article = make_article(text, title=None, published="2025-03-12", outlet="The White House")
    doc = nlp.make_doc(article.text)
    doc._.article = article
    doc = nlp(doc)
    assert "org:white-house" in {r.org for r in doc._.roles}
    pronouns = {e.id: {m.text for m in e.mentions if m.kind == "pronoun"} for e in doc._.entities}
    assert not pronouns.get("org:white-house") and "we" in pronouns.get("country:usa", set()), pronouns
    talks = [e for e in doc._.events if "coastal radars" in e.evidence.text]
    assert talks and not any("org:white-house" in e.participants for e in talks), [e.participants for e in talks]


def test_kremlin_labels_name_people_by_their_title_and_name(read):
    doc = read(KREMLIN_STYLE)
    kinds = [t.kind for t in doc._.turns]
    speakers = [t.speaker for t in doc._.turns]
    assert kinds == ["named", "named", "named", "question", "named"]
    assert name_of(doc, speakers[0]) == "Vladimir Putin" and speakers[2] == speakers[0]
    assert name_of(doc, speakers[1]).endswith("Pankratov") and speakers[4] == speakers[1]
    quotes = [(q.speaker, q.text.split()[0]) for q in doc._.quotes]
    assert (speakers[1], "It") in quotes and (speakers[1], "We") in quotes


def test_an_office_label_is_the_person_the_article_gives_that_office(read):
    text = ("Finnish President Halvorsen spoke to reporters in the Rose Room.\n\n"
            "THE PRESIDENT: The radars arrived last week and they work as promised.\n\n"
            "Q Will more follow?\n\n"
            "THE PRESIDENT: More will follow when the factory can make them.")
    doc = read(text)
    assert [name_of(doc, t.speaker) for t in doc._.turns] == ["Halvorsen", None, "Halvorsen"]


@pytest.mark.parametrize("text", [
    "The programme has three aims: speed, cost and reach.\n\nIt was agreed in May: the first jets come next year.",
    "Note: the figures are estimates.\n\nThe navy took delivery of a frigate, officials said.",
])
def test_an_article_with_colons_is_no_transcript(read, text):
    assert read(text)._.turns == []


SPEECH = """Meeting on the frigate programme

The President held a meeting on shipbuilding with the heads of the yards.

President of Ruritania Ivan Kostov: Good afternoon, colleagues. We will look at the frigates today, and the yards
have to tell us when the second one goes to sea.

The navy expects it this year, and I expect the same.

<…>

The meeting went on behind closed doors.
"""


def test_one_label_naming_its_speaker_opens_a_speech_that_ends_at_a_cut(read):
    doc = read(SPEECH)
    assert [(t.kind, name_of(doc, t.speaker)) for t in doc._.turns] == [("named", "Ivan Kostov")]
    said = doc.text[doc._.turns[0].start:doc._.turns[0].end]
    assert said.startswith("Good afternoon") and said.endswith("I expect the same.")
    assert [(name_of(doc, q.speaker), q.text.split()[0]) for q in doc._.quotes] == [("Ivan Kostov", "Good")]


@pytest.mark.parametrize("text", [
    "Ivan Kostov on the frigates: the second one is late\n\nThe yard said the hull was ready.",
    "Officials restated the aims.\n\nIvan Kostov (March 2): “Our aims are clear and will not change.”",
    "Letter to the Speaker\n\nDear Mr. Speaker: I am writing to report on the deployment of our forces abroad.",
])
def test_a_lone_colon_in_a_title_a_quotation_or_a_letter_opens_no_speech(read, text):
    assert read(text)._.turns == []


def test_a_note_beside_a_label_and_a_joined_surname_particle(read):
    text = ("Statements for the press\n\n"
            "President of Ruritania Ivan Kostov: Our talks covered air defence and the new radar plant.\n\n"
            "President of Egypt Karim al-Mansour (retranslated): We thank our hosts for a frank discussion.\n\n"
            "Karim al-Mansour: (re-translated): The radar plant will open next spring, as agreed.")
    doc = read(text)
    assert [name_of(doc, t.speaker) for t in doc._.turns] == ["Ivan Kostov", "Karim al-Mansour", "Karim al-Mansour"]
    assert doc.text[doc._.turns[2].start:].startswith("The radar plant")


def test_the_president_of_a_transcript_is_the_one_its_title_names(read):
    text = ("Remarks by President Halvorsen Before Departure\n\n"
            "Airport Terminal\n\n"
            "THE PRESIDENT: We spoke about the radars for an hour, and the talks went well.\n\n"
            "Q Did President Dunmore ask for more jets?\n\n"
            "THE PRESIDENT: He asked, and we will look at it with our allies.")
    doc = read(text)
    speakers = [name_of(doc, t.speaker) for t in doc._.turns]
    assert speakers == ["Halvorsen", None, "Halvorsen"]


def test_a_turn_of_stage_directions_is_no_quote(read):
    text = ("Remarks in the press room\n\n"
            "MR. KOSTOV: (Speaks Ruritanian.) (No translation provided.)\n\n"
            "MS. VARGA: Thank you, Ivan. The radar plant opens next spring, as we agreed last year.")
    doc = read(text)
    assert [name_of(doc, q.speaker) for q in doc._.quotes] == ["Varga"]



def test_a_label_gives_the_first_name_the_parse_left_out(nlp):
    from defgraph.extraction.turns import _add_first_name
    from defgraph.model import Entity, Mention

    text = "Head of the Republic of Ruritania Oleg Pankratov: We built a school."
    doc = nlp.make_doc(text)
    start = text.index("Pankratov")
    person = Entity("person:pankratov", "Person", "Pankratov", mentions=[Mention(start, start + 9, "Pankratov", "name")])
    doc._.entities = [person]
    _add_first_name(doc, person, 0, text.index(":"))
    assert person.name == "Oleg Pankratov"
    assert "Oleg Pankratov" in {m.text for m in person.mentions}


def test_what_a_question_reports_is_nobodys_statement(read):
    doc = read(REMARKS.replace("Q Mr. President, will Finland also sell Estonia its new F-35 jets?",
                               "Q Mr. President, Defence Minister Karl Ots said that Estonia wants twelve F-35 jets. "
                               "Will you sell them?"))
    assert all("F-35" not in q.text for q in doc._.quotes)
    assert "system:f-35" not in {t.system for t in doc._.transfers}


def test_you_in_a_turn_is_the_other_speaker(read):
    text = ("Remarks by President Halvorsen and Prime Minister Dunmore\n\n"
            "PRESIDENT HALVORSEN: When we met in May, you said, “Estonia will never stand alone in the winter,” "
            "and I have not forgotten it.\n\n"
            "PRIME MINISTER DUNMORE: Thank you, Mr. President. Our engineers are ready for the batteries.")
    doc = read(text)
    quoted = [(name_of(doc, q.speaker), q.text.split()[0]) for q in doc._.quotes]
    assert ("Dunmore", "Estonia") in quoted and ("Halvorsen", "When") in quoted


def test_a_fact_sheets_headings_are_no_speakers(nlp, make_article):
    body = ("The two governments agreed on a set of measures.\n\n"
            "Radar Supply Chains: Both sides will build radar parts in each other's plants from next year.\n\n"
            "Naval Repair Yards: The Navy will repair its ships in Estonian yards under a new agreement.")
    article = make_article(body, title="FACT SHEET: Finland and Estonia Deepen Their Defence Ties")
    doc = nlp.make_doc(article.text)
    doc._.article = article
    assert nlp(doc)._.turns == []


def test_a_question_opened_with_a_dash_is_a_question(read):
    doc = read(REMARKS.replace("Q Mr. President, will Finland also sell Estonia its new F-35 jets?",
                               "Q — and the jets, Mr. President? Will Finland also sell Estonia its new F-35s?"))
    assert [t.kind for t in doc._.turns][2] == "question"
    assert all("F-35" not in q.text for q in doc._.quotes)


def test_a_title_in_the_speakers_own_label_is_a_feature_of_the_role(read):
    from defgraph.confidence.features import role_features

    doc = read(KREMLIN_STYLE)
    features = {name_of(doc, r.person): role_features(doc, r) for r in doc._.roles}
    assert features["Oleg Pankratov"].get("title_in_own_label") == 1.0


OFFICE_REMARKS = """Remarks by President Halvorsen before departure

THE PRESIDENT: Good evening. The United States has been a steady partner to Estonia.

Q Will you send more air defence?

THE PRESIDENT: We will send two more NASAMS batteries to Estonia before the winter.
"""


def test_we_in_a_turn_of_an_office_label_is_the_publishers_country(nlp, make_article):
    def run(outlet: str | None):
        article = make_article(OFFICE_REMARKS, title=None, published="2025-03-12", outlet=outlet)
        doc = nlp.make_doc(article.text)
        doc._.article = article
        return nlp(doc)

    def american_we(doc) -> set[str]:
        america = next(e for e in doc._.entities if e.id == "country:usa")
        return {m.text for m in america.mentions if m.kind == "pronoun"}

    assert "We" in american_we(run("The White House"))
    assert american_we(run("Test Wire")) == set()  # a wire story speaks for no country


@pytest.mark.parametrize("title, name, label", [
    ("Prime Minister", "Tan Wei Ming", "PRIME MINISTER TAN"),
    ("President", "Park Sung Min", "PRESIDENT PARK"),
])
def test_a_label_with_a_family_name_written_first_is_the_person_it_opens(read, title, name, label):
    text = (f"Remarks by President Halvorsen and {title} {name} in a joint press statement\n\n"
            "PRESIDENT HALVORSEN: We agreed on four more radar batteries this year.\n\n"
            f"{label}: Thank you, Mr. President. Our engineers will have the first one running soon.")
    doc = read(text)
    assert [name_of(doc, t.speaker) for t in doc._.turns] == ["Halvorsen", name]
    assert sum(e.type == "Person" and name.split()[0] in e.name for e in doc._.entities) == 1


def test_a_surname_that_ends_a_name_is_not_read_as_a_family_name_written_first(read):
    text = ("Remarks by President Halvorsen and Senator Maria Lee on the radar plant\n\n"
            "PRESIDENT HALVORSEN: We agreed on four more radar batteries this year.\n\n"
            "SENATOR LEE: Thank you, Mr. President. The plant will open next spring.")
    doc = read(text)
    assert [name_of(doc, t.speaker) for t in doc._.turns] == ["Halvorsen", "Maria Lee"]
