"""The text of a ``Doc``, kept once: spaCy's ``Doc.text`` joins every token anew on each read.

``pipeline`` stores the article's text (the same string) when it makes the ``Doc``; a ``Doc`` made some
other way gets its text built on the first read. Every component reads the text through ``doc_text``.
"""
from __future__ import annotations

from spacy.tokens import Doc

TEXT = "defgraph.text"


def doc_text(doc: Doc) -> str:
    """The document's text, built at most once per ``Doc``."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return text


def keep_text(doc: Doc, text: str) -> Doc:
    """Remember ``text`` as the text of ``doc`` (which ``nlp.make_doc(text)`` made)."""
    doc.user_data[TEXT] = text
    return doc
