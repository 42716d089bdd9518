"""Direct quotations: their marks, their text and who said them. Every speaker here is fictional."""
from __future__ import annotations

import pytest

from defgraph.extraction.quotes_marks import find_quotations, is_title, paragraphs_of


def speaker_name(doc, quote) -> str | None:
    entity = next((e for e in doc._.entities if e.id == quote.speaker), None)
    return entity.name if entity else None


def quotes_of(doc) -> list[tuple[str, str | None, bool]]:
    return [(q.text, speaker_name(doc, q), q.partial) for q in doc._.quotes]


# -- quotation marks, without the parse --------------------------------------------------------------------

def texts(text: str) -> list[str]:
    return [q.text(text) for q in find_quotations(text, paragraphs_of(text))]


@pytest.mark.parametrize("text, expected", [
    ("“We are ready,” he said.", ["We are ready,"]),
    ('"We are ready," he said.', ["We are ready,"]),
    ('"We are ready to sign,” she said.', ["We are ready to sign,"]),  # straight open, curly close
    ('The director said:"We are ready." Then he left.', ["We are ready."]),
    ("\"The radar works well. It is ready,' the officer said.", ["The radar works well. It is ready,"]),
    ("“Nobody calls it a 'crisis' here,” he said.", ["Nobody calls it a 'crisis' here,"]),
    ("“It is a \"once-in-a-decade\" chance,” she said.", ["It is a \"once-in-a-decade\" chance,"]),
    ("The country's and the ministers' plans were clear.", []),  # apostrophes
])
def test_marks_pair_whatever_their_shape(text, expected):
    assert texts(text) == expected


def test_an_open_paragraph_continues_into_the_next_one():
    text = ("“The trials are complete and the crew is ready.\n\n"
            "“The ship will sail next week,” the captain said.\n\n"
            "Unrelated text follows.")
    assert texts(text) == ["The trials are complete and the crew is ready. The ship will sail next week,"]


@pytest.mark.parametrize("words, title", [
    ("Iron Falcon", True),
    ("Make in India", True),
    ("2+2", True),
    ("Night Owls", True),
    ("useful", False),
    ("at a decisive stage", False),
    ("We are ready,", False),
    ("No.", False),
])
def test_names_and_titles_in_marks_are_not_quotations(words, title):
    assert is_title(words) is title


# -- attribution over a parsed article -----------------------------------------------------------------------

def test_title_before_name_then_said(read):
    doc = read("“The talks were frank and useful,” Defence Ministry spokesperson Ravindra Kulkarni said.")
    assert quotes_of(doc) == [("The talks were frank and useful,", "Ravindra Kulkarni", False)]


def test_said_then_name_in_apposition(read):
    doc = read("“The first batch has reached the customer,” said Anjali Verma, a spokesperson for the ministry.")
    assert quotes_of(doc) == [("The first batch has reached the customer,", "Anjali Verma", False)]


@pytest.mark.parametrize("rank", ["Col.", "Lt. Col.", "Maj."])
def test_said_then_an_abbreviated_rank_before_the_name(read, rank):
    doc = read(f"“The range will reopen in May,” said {rank} Anjali Verma, a spokesperson for the army.")
    assert quotes_of(doc) == [("The range will reopen in May,", "Anjali Verma", False)]


def test_name_told_an_agency(read):
    doc = read("“Deliveries are on schedule,” Pavel Sokolov told PTI on Tuesday.")
    assert quotes_of(doc) == [("Deliveries are on schedule,", "Pavel Sokolov", False)]


def test_pronoun_takes_the_person_of_its_gender(read):
    doc = read("Elena Markova, a spokeswoman for the shipyard, met Ravindra Kulkarni in Goa on Monday.\n\n"
               "“The hull is finished and the engines are installed,” she added.\n\n"
               "Kulkarni thanked the shipyard. “We will take the ship in the summer,” he said.")
    assert quotes_of(doc) == [
        ("The hull is finished and the engines are installed,", "Elena Markova", False),
        ("We will take the ship in the summer,", "Ravindra Kulkarni", False),
    ]


def test_next_quotation_in_the_paragraph_and_next_paragraph_keep_the_speaker(read):
    doc = read("“The talks went well,” Pavel Sokolov said. “We agreed on the schedule.”\n\n"
               "“The next round will be held in Moscow.”")
    assert [speaker for _, speaker, _ in quotes_of(doc)] == ["Pavel Sokolov"] * 3


def test_quotation_over_two_paragraphs_has_one_speaker(read):
    doc = read("Commander Vikram Sethi said the crew had trained for months.\n\n"
               "“The ship has completed its sea trials and the crew is ready.\n\n"
               "“She will sail for home shortly,” Sethi said.")
    assert quotes_of(doc) == [("The ship has completed its sea trials and the crew is ready. "
                               "She will sail for home shortly,", "Vikram Sethi", False)]


def test_partial_quote_inside_the_reporters_sentence(read):
    doc = read("Ravindra Kulkarni described the negotiations as “at a decisive stage” but gave no date.")
    assert quotes_of(doc) == [("at a decisive stage", "Ravindra Kulkarni", True)]


def test_according_to(read):
    doc = read("According to Anjali Verma, “the plant will double its output next year.”")
    assert [speaker for _, speaker, _ in quotes_of(doc)] == ["Anjali Verma"]


def test_missing_closing_mark_ends_at_the_attribution(read):
    doc = read("“The offer remains on the table, Elena Markova said. She added that talks would resume.")
    assert quotes_of(doc) == [("The offer remains on the table", "Elena Markova", False)]


def test_organisation_speaks_through_the_ministry(read):
    doc = read("The Ministry of Defence signed a contract for twelve jets on Thursday.\n\n"
               "The aircraft will be built in Nashik.\n\n"
               "“The jets will have a high share of local content,” the ministry said in a statement.")
    [quote] = doc._.quotes
    assert "Ministry" in speaker_name(doc, quote)


def test_scare_quotes_and_titles_are_not_quotations(read):
    doc = read("The upgrade, often called the 'Iron Falcon' project, is part of the 'Make in India' "
               "campaign. The squadron, known as the \"Night Owls\", flies from Pune.")
    assert doc._.quotes == []


def test_quotation_without_a_speaker_keeps_none(read):
    doc = read("The plant opened in 2019.\n\n“The era of cheap weapons is over.”\n\nOfficials declined to comment.")
    assert quotes_of(doc) == [("The era of cheap weapons is over.", None, False)]


def test_unnamed_official_gives_no_speaker_rather_than_a_wrong_one(read):
    doc = read("Ravindra Kulkarni visited the depot on Monday.\n\n"
               "“Spare parts are arriving late,” an official said.")
    assert quotes_of(doc) == [("Spare parts are arriving late,", None, False)]


def test_question_put_to_someone_is_not_theirs(read):
    doc = read("Pavel Sokolov was asked, “Will the deal go through this year?”")
    assert [speaker for _, speaker, _ in quotes_of(doc)] == [None]


def test_evidence_is_the_quoted_stretch(read):
    doc = read("“Deliveries are on schedule,” Pavel Sokolov said.")
    [quote] = doc._.quotes
    assert doc.text[quote.evidence.start:quote.evidence.end] == "“Deliveries are on schedule,”"
    assert quote.direct


def test_the_spokesperson_is_the_person_given_that_office(read):
    doc = read("Defence Ministry spokesperson Ravindra Kulkarni visited the plant on Monday.\n\n"
               "“Spare parts are arriving late,” the spokesperson said.")
    assert quotes_of(doc) == [("Spare parts are arriving late,", "Ravindra Kulkarni", False)]


def test_reported_speech_of_a_person_not_quoted_directly(read):
    doc = read("Army chief General Vikram Sethi said on Monday that the first rifles would reach the troops by March.")
    [quote] = doc._.quotes
    assert (quote.text, speaker_name(doc, quote), quote.direct) == (
        "the first rifles would reach the troops by March", "Vikram Sethi", False)


def test_no_reported_speech_for_someone_quoted_or_unnamed(read):
    doc = read("“The line is running,” Ravindra Kulkarni said, adding that output would rise in the summer.\n\n"
               "Officials said that the plant had cleared every audit.")
    assert [(q.text, q.direct) for q in doc._.quotes] == [("The line is running,", True)]


def test_pronoun_with_several_candidates_and_no_speaker_among_them_gets_none(read):
    doc = read("The minister met Pavel Sokolov and Vikram Sethi in Pune on Monday.\n\n"
               "“It was a productive meeting,” he said.")
    assert quotes_of(doc) == [("It was a productive meeting,", None, False)]


def test_a_curly_opening_mark_used_to_close():
    assert texts("“We are ready,“ the director said.") == ["We are ready,"]


def test_relative_pronoun_speaks_for_its_antecedent(read):
    doc = read("The minister met Pavel Sokolov, who said: “The contract is ready for signature.”")
    assert quotes_of(doc) == [("The contract is ready for signature.", "Pavel Sokolov", False)]


@pytest.mark.parametrize("text", [
    "“We will not accept delays in the programme”: Pavel Sokolov\n\nThe director spoke in Pune.",
    "Pavel Sokolov: “We will not accept delays in the programme”\n\nPavel Sokolov, the director, spoke in Pune.",
])
def test_headline_names_the_speaker_beside_a_colon(read, text):
    doc = read(text)
    assert quotes_of(doc) == [("We will not accept delays in the programme", "Pavel Sokolov", False)]


def test_a_quotation_belongs_to_the_nearest_frame_not_to_an_earlier_verb(read):
    doc = read("Reporters asked Pavel Sokolov whether the plant would close, and the answer was, "
               "“Nobody knows that yet.”")
    assert [speaker for _, speaker, _ in quotes_of(doc)] == [None]


@pytest.mark.parametrize("text, speaker", [
    ("“The radar contract is on track,” said the procurement agency's chief spokesman, Erik Lindgren.",
     "Erik Lindgren"),
    ("Kestrel Dynamics won the tender in May.\n\n“Training starts in the autumn,” one of the company's "
     "engineers, Erik Lindgren, told a local newspaper.", "Erik Lindgren"),
])
def test_title_phrase_before_the_name_speaks_for_its_holder(read, text, speaker):
    doc = read(text)
    assert [name for _, name, _ in quotes_of(doc)] == [speaker]


def test_a_spokesman_for_a_named_person_is_not_that_person(read):
    doc = read("“The radar will be ready next year,” a spokesman for Defence Minister Erik Lindgren said.")
    assert [name for _, name, _ in quotes_of(doc)] == [None]


@pytest.mark.parametrize("text", [
    "The Norwegian Ministry of Defence signed the deal.\n\n“The radar will be ready next year,” a statement "
    "from the ministry said.",
    "“The radar will be ready next year,” said a statement by the Norwegian Ministry of Defence.",
    "“The radar will be ready next year,” the Norwegian Ministry of Defence's statement said.",
])
def test_a_statement_speaks_for_whoever_issued_it(read, text):
    doc = read(text)
    [(_, name, _)] = quotes_of(doc)
    assert "Ministry of Defence" in name


def test_a_statement_from_nobody_named_has_no_speaker(read):
    doc = read("Kestrel Dynamics won the tender in May.\n\n“The radar will be ready next year,” a statement said.")
    assert [name for _, name, _ in quotes_of(doc)] == [None]


@pytest.mark.parametrize("text", [
    "Erik Lindgren spoke after the ceremony in Oslo. He was blunt: “The radar will be ready next year.”",
    "Erik Lindgren put it more plainly on Tuesday:\n\n“The radar will be ready next year.”",
])
def test_a_clause_ending_in_a_colon_introduces_its_subject(read, text):
    doc = read(text)
    assert [name for _, name, _ in quotes_of(doc)] == ["Erik Lindgren"]


@pytest.mark.parametrize("text", [
    "Erik Lindgren was asked about the delay: “Will the radar be ready next year?”",
    "The contract covers three things: “radars, missiles and the training of crews.”",
])
def test_a_colon_after_a_question_put_or_a_list_gives_no_speaker(read, text):
    doc = read(text)
    assert [name for _, name, _ in quotes_of(doc)] in ([None], [])


@pytest.mark.parametrize("text", [
    "Norway denies selling drones to anyone after 'suicide' attacks on the port.",
    "Erik Lindgren defended the plan to buy a “first-strike” capability for the fleet.",
])
def test_a_term_in_marks_before_its_noun_is_no_quotation(read, text):
    assert read(text)._.quotes == []


def test_a_fragment_that_is_a_phrase_of_its_own_stays(read):
    doc = read("Erik Lindgren called the talks “useful and frank” on Monday.")
    assert quotes_of(doc) == [("useful and frank", "Erik Lindgren", True)]


def test_a_clause_introducing_the_next_quotation_is_not_the_attribution_of_this_one(read):
    doc = read("Erik Lindgren met the envoy in May. A reporter was heard: “Why did the radar come late?” "
               "What Lindgren replied was: “The parts were late.”")
    assert [name for _, name, _ in quotes_of(doc)] == [None, "Erik Lindgren"]


def test_speaker_and_date_in_brackets_before_a_colon(read):
    doc = read("Officials restated the aims.\n\nErik Lindgren (March 2): “Our aims are clear and will not change.”")
    assert quotes_of(doc) == [("Our aims are clear and will not change.", "Erik Lindgren", False)]


@pytest.mark.parametrize("text", [
    "A spokeswoman for the Norwegian Ministry of Defence said on Friday: “The radar will be ready next year.”",
    "“The radar will be ready next year,” a Norwegian Ministry of Defence spokesman told reporters.",
])
def test_an_unnamed_spokesperson_speaks_for_the_body(read, text):
    [(_, name, _)] = quotes_of(read(text))
    assert "Ministry of Defence" in name


@pytest.mark.parametrize("text", [
    "“The radar will be ready next year,” a spokeswoman said.",
    "Erik Lindgren met the press.\n\n“The radar will be ready next year,” a spokeswoman for Lindgren said.",
    "“The radar will be ready next year,” Defence Minister Erik Lindgren's spokeswoman said.",
])
def test_a_spokesperson_for_nobody_or_for_a_person_gives_no_speaker(read, text):
    assert [name for _, name, _ in quotes_of(read(text))] == [None]


def test_it_is_the_organisation_that_was_the_subject_before(read):
    doc = read("The Norwegian Ministry of Defence issued a statement on Friday. “The radar will be ready "
               "next year,” it said.")
    [(_, name, _)] = quotes_of(doc)
    assert "Ministry of Defence" in name


def test_it_with_no_organisation_before_has_no_speaker(read):
    doc = read("The radar arrived on Friday. “The radar will be ready next year,” it said.")
    assert [name for _, name, _ in quotes_of(doc)] == [None]


@pytest.mark.parametrize("text", [
    "“The radar will be ready next year,” the RIA news agency quoted Erik Lindgren as saying.",
    "Interfax quoted Erik Lindgren as saying: “The radar will be ready next year.”",
    "“The radar will be ready next year,” Erik Lindgren was quoted as saying by Interfax.",
])
def test_quoted_as_saying_gives_the_person_quoted_not_the_medium(read, text):
    assert [name for _, name, _ in quotes_of(read(text))] == ["Erik Lindgren"]


# -- statements and readouts an office issues ---------------------------------------------------------------

@pytest.fixture
def issued(nlp, make_article):
    def run(title: str, body: str, outlet: str = "The White House"):
        article = make_article(body, title=title, outlet=outlet)
        doc = nlp.make_doc(article.text)
        doc._.article = article
        return nlp(doc)
    return run


STATEMENT_BODY = ("“Today Ilse Varga and Tomas Berg spoke with the Estonian Prime Minister about air defence.\n\n"
                  "Both sides agreed that the radar deliveries will continue through the winter.\n\n"
                  "The Prime Minister thanked the United States for its steady support.”")


def test_a_statement_wholly_in_marks_runs_over_its_paragraphs():
    quotations = find_quotations(STATEMENT_BODY, paragraphs_of(STATEMENT_BODY))
    assert len(quotations) == 1
    said = quotations[0].text(STATEMENT_BODY)
    assert said.startswith("Today Ilse Varga") and said.endswith("steady support.")


def test_an_unattributed_quotation_is_the_words_of_those_the_statement_is_from(issued):
    doc = issued("Statement from Secretary Ilse Varga and Adviser Tomas Berg on a Call with Estonia", STATEMENT_BODY)
    assert [(speaker_name(doc, q), q.text[:10]) for q in doc._.quotes] == [("Ilse Varga", "Today Ilse"),
                                                                         ("Tomas Berg", "Today Ilse")]


def test_a_readout_is_the_words_of_the_office_that_issues_it(issued):
    doc = issued("Readout of the Secretary’s Meeting with the Estonian Prime Minister",
                 "The two discussed air defence.\n\n“Deliveries of the radars will go on through the winter.”")
    assert [(speaker_name(doc, q), q.text[:10]) for q in doc._.quotes] == [("White House", "Deliveries")]


def test_an_attributed_quotation_in_a_statement_keeps_its_speaker(issued):
    doc = issued("Statement from Secretary Ilse Varga on the Radar Deliveries",
                 "“The radars arrive in May,” said Tomas Berg, the programme director.")
    assert [speaker_name(doc, q) for q in doc._.quotes] == ["Tomas Berg"]


# -- a statement set off after "X said:" whose quotation marks the plain text lost ---------------------------

SET_OFF = ("Ruritania condemns attack on Velna border post\n\n"
           "Speaking in Tarsk today, Foreign Minister Anna Kovacs said:\n\n"
           "I condemn the attack on the border post at Velna. Those responsible must answer for it.\n\n"
           "Ruritania stands with the families of the guards and will support the inquiry in every way.\n")


def test_a_statement_set_off_after_said_colon_is_one_quote_of_the_speaker(read):
    doc = read(SET_OFF)
    [quote] = doc._.quotes
    assert speaker_name(doc, quote) == "Anna Kovacs" and quote.direct and not quote.partial
    assert quote.text.startswith("I condemn the attack") and quote.text.endswith("in every way.")
    assert doc.text[quote.evidence.start:quote.evidence.end] == quote.text


def test_a_colon_that_introduces_a_list_is_no_statement(read):
    doc = read("Navy orders new boats\n\nAdmiral Piet Vos said the order included:\n\n"
               "four patrol boats and two survey ships for the northern fleet.\n")
    assert [q for q in doc._.quotes if q.direct] == []


def test_a_statement_set_off_stops_at_the_next_quotation(read):
    doc = read(SET_OFF.replace("Ruritania stands with",
                               "“We will not be intimidated,” the border guard commander Ivo Marek said. Ruritania stands with"))
    kovacs = [q for q in doc._.quotes if speaker_name(doc, q) == "Anna Kovacs"]
    assert [q.text for q in kovacs] == ["I condemn the attack on the border post at Velna. Those responsible must answer for it."]


def test_a_quotation_repeated_word_for_word_is_one_quote(read):
    doc = read("Senator Mira Holt recalled what her mentor Dana Ruiz told her — she said, “Nobody builds a "
               "coalition alone.” “Nobody builds a coalition alone.” That is still true today, Holt said.\n")
    ruiz = [q.text for q in doc._.quotes if speaker_name(doc, q) == "Dana Ruiz"]
    assert ruiz == ["Nobody builds a coalition alone."]


def test_the_same_words_quoted_again_later_are_quoted_again(read):
    line = "Senator Mira Holt said, “Nobody builds a coalition alone.”"
    doc = read(f"{line}\n\nThe vote was delayed until spring.\n\n{line}\n")
    assert [q.text for q in doc._.quotes] == ["Nobody builds a coalition alone."] * 2


def test_a_sentence_interrupted_by_its_attribution_is_one_quote(read):
    doc = read("“The frigates will arrive,” said Admiral Tova Brenn, the fleet commander, “before the winter "
               "storms close the strait.”\n")
    assert quotes_of(doc) == [("The frigates will arrive, before the winter storms close the strait.", "Tova Brenn",
                               False)]
    quote = doc._.quotes[0]
    assert doc.text[quote.evidence.start:quote.evidence.end].endswith("strait.”")


def test_a_new_sentence_after_the_attribution_is_a_quote_of_its_own(read):
    doc = read("“The frigates will arrive in May,” said Admiral Tova Brenn. “The crews are already trained.”\n")
    assert [q.text for q in doc._.quotes] == ["The frigates will arrive in May,", "The crews are already trained."]
