"""The attribute ruler matched per distinct word sets what spaCy's own ruler sets, to the byte."""
from defgraph.extraction.pipeline import load_base_model
from defgraph.extraction.token_attributes import fast_matching

TEXTS = [
    "Minister Halvorsen said it wasn't over: \"We're gonna sign it, y'all know that.\"\n\nThere are two frigates.",
    "Let's see whether the Agency gets the radars; she got them, though nothin' is certain.  It is done.",
    "I told you it was them. Did they have it? They did, and it's what he does.\n",
    "",
]


def test_same_annotations_as_spacy_ruler():
    nlp = load_base_model()
    ruler = nlp.get_pipe("attribute_ruler")
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(nlp.pipe(TEXTS * 2))
    expected = [ruler(doc.copy()).to_bytes() for doc in docs]
    fast_matching(ruler)
    assert [ruler(doc.copy()).to_bytes() for doc in docs] == expected
