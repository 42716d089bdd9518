"""The fast pipeline: named entities and sentences without the parse, and the components that do not need it."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from defgraph.extraction.pipeline import NEEDS_PARSE, extract_articles, get_nlp

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
