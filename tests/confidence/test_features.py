"""Features of the scorers: what the last word of a name says about what it names, and what the catalogue
and the parse say of a deal's direction."""
from __future__ import annotations

from defgraph.confidence.features import entity_features, event_features, transfer_features
from defgraph.model import Article, Entity, Mention


def _features_of(nlp, text: str, name: str, kind: str = "Organization") -> dict[str, float]:
    doc = nlp.make_doc(text)
    doc._.article = Article(text=text)
    doc = nlp(doc)
    start = text.index(name)
    entity = Entity(id="org:test", type=kind, name=name, mentions=[Mention(start, start + len(name), name)])
    return entity_features(doc, entity)


def test_a_forum_two_countries_set_up_is_a_body_and_a_regional_forum_is_not(nlp):
    text = "Delegates of the U.S.-Norway Arctic Shipping Forum met at the Nordic-Baltic Trade Forum."
    joint = _features_of(nlp, text, "U.S.-Norway Arctic Shipping Forum")
    regional = _features_of(nlp, text, "Nordic-Baltic Trade Forum")
    assert joint.get("Organization:head=organisation") == 1.0 and "Organization:head=non_body" not in joint
    assert regional.get("Organization:head=non_body") == 1.0


def test_the_head_of_a_name_tells_a_body_from_a_plan_or_a_group(nlp):
    text = ("The Kestrel Aerospace Corporation will build the drones under the Northwind Security Strategy, "
            "and Valdorian forces will fly them.")
    body = _features_of(nlp, text, "Kestrel Aerospace Corporation")
    plan = _features_of(nlp, text, "Northwind Security Strategy")
    group = _features_of(nlp, text, "Valdorian forces")
    assert body.get("Organization:head=organisation") == 1.0 and "Organization:head=non_body" not in body
    assert plan.get("Organization:head=non_body") == 1.0 and "Organization:head=organisation" not in plan
    assert group.get("Organization:head=group") == 1.0


def test_a_name_with_no_known_head_says_so(nlp):
    features = _features_of(nlp, "Talks with Halvard Mikkelsen went on late.", "Halvard Mikkelsen", kind="Person")
    assert features.get("Person:head=other") == 1.0



def _doc(nlp, make_article, text: str):
    article = make_article(text, published="2025-03-12")
    doc = nlp.make_doc(article.text)
    doc._.article = article
    return nlp(doc)


def test_a_pair_read_backwards_is_marked_as_reversed(nlp, make_article):
    doc = _doc(nlp, make_article, "Chile bought six Leopard 2 tanks from Germany last year, the ministry said.")
    features = {(t.supplier, t.recipient): transfer_features(doc, t) for t in doc._.transfers
                if t.system == "system:leopard-2"}
    right, backwards = features[("country:germany", "country:chile")], features[("country:chile", "country:germany")]
    assert right["reversed_by_catalogue"] == right["reversed_in_parse"] == 0.0
    assert backwards["reversed_by_catalogue"] == 1.0  # Germany makes the Leopard 2; Chile does not
    assert backwards["reversed_in_parse"] == 1.0  # "from Germany" places Germany as the supplier


def test_a_holder_passing_the_system_on_is_not_reversed_by_the_catalogue(nlp, make_article):
    doc = _doc(nlp, make_article, "Poland sent its Leopard 2 tanks to Ukraine in February, officials said.")
    found = {(t.supplier, t.recipient): transfer_features(doc, t) for t in doc._.transfers
             if t.system == "system:leopard-2"}
    assert found[("country:poland", "country:ukraine")]["reversed_by_catalogue"] == 0.0


def test_an_event_whose_parties_the_entity_scorer_doubts_says_so(nlp, make_article):
    doc = _doc(nlp, make_article, "Defence Minister Ivan Petrov met Prime Minister Halvard Mikkelsen in Oslo on Monday.")
    meeting = next(e for e in doc._.events if e.type == "meeting")
    parties = [e for e in doc._.entities if e.id in meeting.participants]
    assert len(parties) >= 2
    for entity in parties:
        entity.confidence = 0.1
    doubted = event_features(doc, meeting)
    assert doubted["confident_participants<=0"] == 1.0 and doubted["participant_confidence_max<=0.4"] == 1.0
    parties[0].confidence = 0.95
    believed = event_features(doc, meeting)
    assert believed["confident_participants<=1"] == 1.0 and believed["participant_confidence_max>0.8"] == 1.0
    assert "confident_participants<=0" not in believed


def test_the_parse_tells_a_happening_told_from_one_mentioned_in_passing(nlp, make_article):
    told = _doc(nlp, make_article, "Chile invaded Peru on Monday.")
    passing = _doc(nlp, make_article,
                   "The two ministers agreed to keep studying the lessons drawn from the war against Peru in Chile.")
    main = event_features(told, next(e for e in told._.events if e.type == "operation"))
    aside = event_features(passing, next(e for e in passing._.events if e.type == "operation"))
    assert main["cue_depth<=0"] == 1.0 and main["cue_dep=ROOT"] == 1.0
    assert aside.get("cue_depth>4", 0.0) == 1.0 or aside.get("cue_depth<=4", 0.0) == 1.0
    assert "cue_dep=ROOT" not in aside


def test_a_candidate_is_weighed_without_the_terms_its_sentence_lends_it(nlp, make_article):
    doc = _doc(nlp, make_article, "Officials in Lima said Peru is also receiving other capabilities from Brazil, "
                                  "including 30 Leopard tanks.")
    candidate = next(t for t in doc._.transfers if t.supplier == "country:germany" and t.recipient == "country:peru")
    assert candidate.quantity == 30 and "status_implied" in candidate.cues
    features = transfer_features(doc, candidate)
    assert features["has_quantity"] == 0.0 and features["status=None"] == 1.0
