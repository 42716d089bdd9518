"""Features of the entity scorer: what the last word of a name says about what it names."""
from __future__ import annotations

from defgraph.confidence.features import entity_features
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
