"""Features of the transfer scorer: what the catalogue and the parse say of a deal's direction."""
from __future__ import annotations

from defgraph.confidence.features import transfer_features


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
