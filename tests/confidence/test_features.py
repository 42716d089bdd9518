"""Features of the scorers: what the last word of a name says about what it names, and what the catalogue
and the parse say of a deal's direction."""
from __future__ import annotations

from defgraph.confidence.features import entity_features, transfer_features
from defgraph.model import Article, Entity, Mention


def _features_of(nlp, text: str, name: str, kind: str = "Organization") -> dict[str, float]:
    doc = nlp.make_doc(text)
    doc._.article = Article(text=text)
    doc = nlp(doc)
    start = text.index(name)
    entity = Entity(id="org:test", type=kind, name=name, mentions=[Mention(start, start + len(name), name)])
    return entity_features(doc, entity)


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
