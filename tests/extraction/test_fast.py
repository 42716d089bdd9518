"""The fast pipeline: named entities and sentences without the parse, and the components that do not need it."""
from __future__ import annotations

import json
import shutil

import numpy

import pytest
from click.testing import CliRunner

from defgraph.extraction.pipeline import NEEDS_PARSE, extract_articles, get_nlp, one_blas_thread, pipe_settings

TEXT = ("NEW DELHI, June 27 (PTI) - India will receive the remaining two squadrons of the S-400 air defence system "
        "from Russia by 2026, Defence Minister Rajnath Singh said on Thursday. The two countries signed the "
        "$5.43 billion deal in October 2018.\n\nOfficials added that Indian crews had completed their training "
        "in Russia, and that the first squadron was deployed in Punjab.")


@pytest.fixture(scope="module")
def fast_nlp():
    return get_nlp(fast=True)


def test_the_fast_pipeline_recognises_names_and_sentences_without_the_parse(fast_nlp):
    names = fast_nlp.pipe_names
    assert "parser" not in names and "senter" in names and "ner" in names
    assert not NEEDS_PARSE & set(names)
    doc = fast_nlp(TEXT)
    assert not doc.has_annotation("DEP") and len(list(doc.sents)) >= 2


def test_fast_extraction_reads_entities_roles_and_deals(fast_nlp, make_article):
    article = make_article(TEXT, published="2024-06-27")
    (fast,) = extract_articles([article], fast=True)
    ids = {entity.id for entity in fast.entities}
    assert {"country:india", "country:russia"} <= ids
    assert any(t.system.startswith("system:s-400") for t in fast.transfers)
    assert fast.quotes == [] and fast.claims == []
    for mention in (m for e in fast.entities for m in e.mentions):
        assert article.text[mention.start:mention.end] == mention.text


def test_evaluate_fast_shows_both_pipelines(eval_dev, tmp_path, fast_nlp, nlp):
    from defgraph.cli.main import cli

    for gold in sorted(eval_dev.glob("*.gold.json"))[:2]:
        shutil.copy(gold, tmp_path)
        shutil.copy(gold.with_name(gold.name.replace(".gold.json", ".txt")), tmp_path)
    result = CliRunner().invoke(cli, ["evaluate", str(tmp_path), "--fast", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert set(figures) == {"full", "fast"}
    assert figures["full"]["gold"]["documents"] == figures["fast"]["gold"]["documents"] == 2
    assert figures["fast"]["gold"]["entities"]["f1"] > 0.5


def test_the_fast_models_use_numpy_blas_and_the_full_ones_keep_blis(fast_nlp, nlp):
    assert pipe_settings(fast_nlp) == {"senter": {"batch_size": 1}, "ner": {"batch_size": 8}}
    assert not fast_nlp.get_pipe("ner").model.ops.use_blis
    assert pipe_settings(nlp) == {}
    assert nlp.get_pipe("ner").model.ops.use_blis


def test_a_fast_extraction_does_not_depend_on_the_articles_read_beside_it(fast_nlp, make_article):
    texts = ["Colonel Amara Velt of Norway met the Polish delegation in Oslo on Monday.",
             "Brazil bought 36 Gripen fighters from Sweden, the Swedish defence minister said.", TEXT]
    articles = [make_article(text, published="2024-06-27") for text in texts]
    together = extract_articles(articles, fast=True)
    alone = [next(extract_articles([article], fast=True)) for article in articles]
    for one, other in zip(together, alone):
        assert [(e.id, [(m.start, m.end) for m in e.mentions]) for e in one.entities] == \
               [(e.id, [(m.start, m.end) for m in e.mentions]) for e in other.entities]
        assert one.transfers == other.transfers and one.events == other.events


def test_the_fast_recogniser_embeds_each_document_of_a_batch_exactly_as_when_read_alone(fast_nlp):
    texts = [TEXT, "Brazil bought 36 Gripen fighters from Sweden.", "", TEXT.replace("India", "Vietnam") * 3,
             "Colonel Amara Velt of Norway met the Polish delegation in Oslo on Monday."]
    docs = [fast_nlp.make_doc(text) for text in texts]
    recogniser = fast_nlp.get_pipe("ner")
    with one_blas_thread():
        together = recogniser.model.predict(docs)
        alone = [recogniser.model.predict([doc]) for doc in docs]
        assert numpy.array_equal(together.tokvecs, numpy.vstack([step.tokvecs for step in alone]))
        entities = [[(e.start, e.end, e.label_) for e in doc.ents]
                    for doc in recogniser.pipe([fast_nlp.make_doc(text) for text in texts], batch_size=8)]
        assert entities == [[(e.start, e.end, e.label_) for e in recogniser(fast_nlp.make_doc(text)).ents]
                            for text in texts]
    assert ("Sweden", "GPE") in {(e.text, e.label_) for e in recogniser(fast_nlp.make_doc(texts[1])).ents}


def test_numpy_blas_runs_on_one_thread_while_a_batch_is_read():
    from threadpoolctl import threadpool_info

    with one_blas_thread():
        assert all(lib["num_threads"] == 1 for lib in threadpool_info() if lib["user_api"] == "blas")
