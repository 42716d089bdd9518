"""The evaluation scorer: the Scoring rules of GOLD-FORMAT.md, and agreement with the reference scorer."""
from __future__ import annotations

import copy
import importlib.util
import json
import os
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from defgraph.cli.evaluate import evaluate_command
from defgraph.evaluate import evaluate, score

SHARED_EVAL = Path(os.environ.get("DEFGRAPH_SHARED") or Path(__file__).resolve().parents[3] / "shared") / "eval"
REFERENCE = SHARED_EVAL / "score.py"
DEV = SHARED_EVAL / "dev"


def entity(id_, type_, name, *aliases):
    return {"id": id_, "type": type_, "name": name, "aliases": [name, *aliases]}


def transfer(supplier, recipient, system, **slots):
    return {"supplier": supplier, "recipient": recipient, "system": system, **slots}


GOLD = {
    "doc": "a.txt", "published": "2024-05-02",
    "entities": [entity("country:india", "Country", "India", "Indian", "New Delhi"),
                 entity("country:russia", "Country", "Russia", "Moscow"),
                 entity("system:s-400", "WeaponSystem", "S-400", "S-400 Triumf"),
                 entity("system:brahmos", "WeaponSystem", "BrahMos"),
                 entity("person:a-b", "Person", "Anna Berg", "Berg")],
    "transfers": [transfer("country:russia", "country:india", "system:s-400", deal_type="purchase",
                           status="delivering", value=5_430_000_000, currency="USD"),
                  transfer("country:russia", "country:india", "system:s-400", deal_type="purchase",
                           status="proposed"),
                  transfer("country:russia", "country:india", "system:brahmos", deal_type="joint_development")],
    "quotes": [{"speaker": "person:a-b", "text": "The talks went very well indeed.", "optional": False}],
    "roles": [], "events": [{"type": "meeting", "participants": ["person:a-b"], "date": "2024-05-01"}],
}
PRED_ENTITIES = [entity("x1", "Country", "the Indian"), entity("x2", "Country", "Moscow"),
                 entity("x3", "WeaponSystem", "S-400 Triumf"), entity("x4", "WeaponSystem", "Brahmos"),
                 entity("x5", "Person", "Berg"), entity("x6", "Person", "Anna Berg"),
                 entity("x7", "Organization", "Nowhere Inc")]


def test_entities_align_on_any_alias_and_count_splits_and_false_positives():
    figures = score(GOLD, {"entities": PRED_ENTITIES}).summary()
    assert figures["entities"] == {"p": 0.8333, "r": 1.0, "f1": 0.9091, "tp": 5, "fp": 1, "fn": 0}
    assert figures["entity_splits"] == 1


def test_a_split_entity_is_listed_with_the_names_it_was_given():
    errors = score(GOLD, {"entities": PRED_ENTITIES}).errors
    assert "split entity Person:Anna Berg as Berg | Anna Berg" in errors


def test_role_errors_name_the_person_title_and_body():
    gold = {**GOLD, "roles": [{"person": "person:a-b", "title": "Defence Minister", "org": "country:india"},
                              {"person": "person:a-b", "title": "Party Chair", "org": "country:india"}]}
    pred = {"entities": PRED_ENTITIES, "roles": [{"person": "x6", "title": "Defence Minister", "org": "x1"},
                                                 {"person": "x6", "title": "Ambassador", "org": "x2"}]}
    result = score(gold, pred)
    assert result.summary()["roles"]["tp"] == 1
    assert "fp role x6: Ambassador (x2)" in result.errors
    assert "fn role person:a-b: Party Chair (country:india)" in result.errors


def test_transfers_prefer_the_same_status_and_accept_value_within_one_percent():
    pred = {"entities": PRED_ENTITIES, "transfers": [
        transfer("x2", "x1", "x3", deal_type="purchase", status="proposed"),
        transfer("x2", "x1", "x3", deal_type="purchase", status="signed", value=5.46e9, currency="USD")]}
    result = score(GOLD, pred)
    assert result.sections["transfers"].tp == 2 and result.sections["transfers"].fn == 1
    assert result.summary()["transfer_slot_accuracy"] == {"deal_type": 1.0, "status": 0.5, "value": 1.0,
                                                          "currency": 1.0}


def test_joint_development_matches_in_either_direction_but_a_reversed_purchase_does_not():
    joint = transfer("x1", "x2", "x4", deal_type="joint_development")
    reversed_purchase = transfer("x1", "x2", "x3", deal_type="purchase")
    counts = score(GOLD, {"entities": PRED_ENTITIES, "transfers": [joint, reversed_purchase]}).sections
    assert (counts["transfers"].tp, counts["transfers"].fp) == (1, 1)


def test_a_quote_with_the_wrong_speaker_is_misattributed():
    pred = {"entities": PRED_ENTITIES,
            "quotes": [{"speaker": "x1", "text": "The talks went very well."}],
            "events": [{"type": "meeting", "participants": ["x6"], "date": "2024-05"}]}
    result = score(GOLD, pred)
    assert result.misattributed_quotes == 1 and result.sections["quotes"].fp == 1
    assert result.sections["events"].tp == 1 and result.event_dates.accuracy == 0.0


def _perturbed(gold: dict, rng: random.Random) -> dict:
    """A plausible imperfect prediction: renamed ids, dropped, split, retyped and altered records."""
    pred = copy.deepcopy(gold)
    rename = {e["id"]: f"p{i}" for i, e in enumerate(gold["entities"])}
    ren = lambda x: rename.get(x, x)  # noqa: E731
    entities = []
    for e in pred["entities"]:
        e["id"] = ren(e["id"])
        roll = rng.random()
        if roll < 0.15:
            continue
        if roll < 0.2:
            e["type"] = "Location"
        if roll > 0.9:
            entities.append({**e, "id": e["id"] + "b", "aliases": e["aliases"][-1:]})
        entities.append(e)
    pred["entities"] = entities + [{"id": "junk", "type": "Organization", "name": "Junk Corp", "aliases": []}]
    for t in pred["transfers"]:
        t.update(supplier=ren(t["supplier"]), recipient=ren(t["recipient"]), system=ren(t["system"]))
        if rng.random() < 0.3:
            t["status"] = rng.choice(["signed", "proposed", None])
        if t.get("value") and rng.random() < 0.5:
            t["value"] *= rng.choice([1.005, 1.05])
        if rng.random() < 0.2:
            t["supplier"], t["recipient"] = t["recipient"], t["supplier"]
        if rng.random() < 0.2:
            t["quantity"] = None
    pred["transfers"] = [t for t in pred["transfers"] if rng.random() > 0.15]
    for q in pred["quotes"]:
        q["speaker"] = ren(q["speaker"]) if rng.random() > 0.2 else "junk"
        q["text"] = " ".join(q["text"].split()[: rng.choice([3, 100])])
    for r in pred["roles"]:
        r.update(person=ren(r["person"]), org=ren(r["org"]))
    for ev in pred["events"]:
        ev["participants"] = [ren(x) for x in ev["participants"]][: rng.choice([1, 3])]
        ev["type"] = ev["type"] if rng.random() > 0.2 else "statement"
        ev["date"] = ev.get("date") if rng.random() > 0.3 else "2020"
    if rng.random() < 0.3:
        pred["published"] = None
    return pred


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared reference scorer is not available")
def test_agrees_with_the_reference_scorer_on_the_same_predictions(tmp_path):
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE)
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    rng = random.Random(7)
    for gold_path in sorted(DEV.glob("*.gold.json")):
        pred = _perturbed(json.loads(gold_path.read_text(encoding="utf-8")), rng)
        (tmp_path / gold_path.name.replace(".gold.json", ".json")).write_text(json.dumps(pred), encoding="utf-8")
    (tmp_path / sorted(DEV.glob("*.gold.json"))[0].name.replace(".gold.json", ".json")).unlink()

    ours = evaluate(DEV, tmp_path).as_dict()
    assert ours.pop("documents") == len(list(DEV.glob("*.gold.json")))
    total = reference.new_stats()
    for gold_path in sorted(DEV.glob("*.gold.json")):
        pred_path = tmp_path / gold_path.name.replace(".gold.json", ".json")
        pred = json.loads(pred_path.read_text(encoding="utf-8")) if pred_path.exists() else {}
        reference.score_doc(json.loads(gold_path.read_text(encoding="utf-8")), pred, total)
    theirs = reference.summarise(total)
    assert ours == theirs
    assert 0 < ours["transfers"]["f1"] < 1 and ours["entity_splits"] > 0 and ours["quote_misattributed"] > 0


def test_the_command_prints_figures_as_json(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "a.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    pred_dir = tmp_path / "pred"
    pred_dir.mkdir()
    (pred_dir / "a.json").write_text(json.dumps({"entities": PRED_ENTITIES, "published": "2024-05-02"}))
    result = CliRunner().invoke(evaluate_command, [str(gold_dir), "--predictions", str(pred_dir), "--json",
                                                   "--per-doc"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["published_accuracy"] == 1.0
    assert figures["per_doc"]["a.txt"]["transfers"]["fn"] == 3
    assert any(line.startswith("fn transfer") for line in figures["per_doc"]["a.txt"]["errors"])


def test_evaluate_runs_the_extractor_on_a_gold_folder(tmp_path):
    (tmp_path / "deal.txt").write_text(
        "India signs deal for Rafale jets\n\nNEW DELHI, Sept 23 - India signed a deal with France on Friday "
        "to buy 36 Rafale fighter jets for 7.8 billion euros.\n", encoding="utf-8")
    gold = {"doc": "deal.txt", "published": None,
            "entities": [entity("country:india", "Country", "India"), entity("country:france", "Country", "France"),
                         entity("system:rafale", "WeaponSystem", "Rafale")],
            "transfers": [transfer("country:france", "country:india", "system:rafale", deal_type="purchase",
                                   quantity=36, value=7.8e9, currency="EUR", status="signed")]}
    (tmp_path / "deal.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    figures = evaluate(tmp_path).as_dict()
    assert figures["transfers"]["tp"] == 1
    assert figures["transfer_slot_accuracy"] == {"deal_type": 1.0, "status": 1.0, "quantity": 1.0, "value": 1.0,
                                                 "currency": 1.0}
