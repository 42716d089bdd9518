"""Gold for texts we may not copy: every piece of the text is kept as a character span.

A gold file for a real document (the shared corpus, re3d) names its text in ``doc``
(``kremlin/2017-01-01_00000.txt``, ``re3d/<id>.txt``) and holds each piece of that text (a quote's
words, an evidence, a claim) as ``"span": [start, end]`` or ``"evidence_span": [start, end]``: Python
string offsets into the source text, header included. ``resolve_pieces`` puts the words back before
scoring; ``locate_pieces`` turns an annotator's draft, written with verbatim pieces or with
``start``/``end`` anchors for long passages, into spans. Standard library only: the annotators'
checker loads this file on its own.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

SECTION_PIECES: dict[str, tuple[str, ...]] = {
    "quotes": ("text",),
    "transfers": ("evidence",),
    "events": ("evidence",),
    "claims": ("text", "evidence"),
    "attributes": ("evidence",),
}
SPAN_KEYS = {"text": "span", "evidence": "evidence_span"}
RE3D_PREFIX = "re3d/"
QUOTE_MARKS = "\"'“”‘’«»„‟‚‛"
ENTITY_TYPES = {"Country", "Person", "Organization", "WeaponSystem", "Location", "Event"}
DEAL_TYPES = {"purchase", "licensed_production", "joint_development", "joint_production", "lease", "upgrade", "export"}
STATUSES = {"proposed", "signed", "delivering", "delivered", "cancelled", None}
EVENT_TYPES = {"meeting", "visit", "deal_signing", "delivery", "test", "operation", "deployment", "statement",
               "facility_opening"}
DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def shared_root() -> Path:
    """The shared evaluation kit and corpus: ``$DEFGRAPH_SHARED``, else the ``shared`` folder beside the repo."""
    configured = os.environ.get("DEFGRAPH_SHARED")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3] / "shared"


def is_real_gold(gold: dict[str, Any]) -> bool:
    """True for gold that keeps its pieces as spans into a source text it does not contain."""
    return "/" in str(gold.get("doc", ""))


def _re3d_text(doc_id: str, re3d_root: Path) -> str:
    for documents in sorted(re3d_root.glob("*/documents.json")):
        for line in documents.read_text(encoding="utf-8-sig").splitlines():
            if line.strip() and f'"{doc_id}"' in line:
                record = json.loads(line)
                if record.get("_id") == doc_id:
                    return f"{record.get('title', '').strip()}\n\n{record['text']}"
    raise FileNotFoundError(f"re3d document {doc_id} is not in {re3d_root}")


def source_text(doc: str, texts_root: str | Path | None = None) -> str:
    """The exact text a real gold file's spans point into.

    ``kremlin/…`` and ``whitehouse/…`` are files under ``texts_root`` (default: the shared corpus);
    ``re3d/<id>.txt`` is built from the re3d dataset as its scorer writes it: title, blank line, text.
    """
    root = Path(texts_root) if texts_root is not None else shared_root() / "corpus"
    if doc.startswith(RE3D_PREFIX):
        local = root / doc
        if local.exists():
            return local.read_text(encoding="utf-8")
        re3d_root = root / "re3d" if (root / "re3d").is_dir() else shared_root() / "eval" / "re3d"
        return _re3d_text(doc[len(RE3D_PREFIX):].removesuffix(".txt"), re3d_root)
    with open(root / doc, encoding="utf-8", newline="") as handle:
        return handle.read()


def resolve_pieces(gold: dict[str, Any], text: str) -> dict[str, Any]:
    """A copy of ``gold`` with each span replaced by the words it covers (what the scorer compares)."""
    resolved = dict(gold)
    for section, pieces in SECTION_PIECES.items():
        records = []
        for record in gold.get(section, []):
            record = dict(record)
            for piece in pieces:
                span = record.get(SPAN_KEYS[piece])
                if span is not None:
                    record[piece] = text[span[0]:span[1]]
            records.append(record)
        resolved[section] = records
    return resolved


def _pattern(piece: str) -> re.Pattern[str]:
    """A piece as a regex: any whitespace run matches any other, any quotation mark any other."""
    parts = []
    for token in piece.split():
        parts.append("".join(f"[{re.escape(QUOTE_MARKS)}]" if ch in QUOTE_MARKS else re.escape(ch)
                             for ch in token))
    return re.compile(r"\s+".join(parts))


def _trim_marks(piece: str) -> str:
    return piece.strip().strip(QUOTE_MARKS).strip()


def find_piece(text: str, piece: str, start: int = 0) -> tuple[int, int] | None:
    """The first span of ``text`` from ``start`` that reads ``piece`` (whitespace and quote marks loose)."""
    piece = _trim_marks(piece)
    if not piece:
        return None
    match = _pattern(piece).search(text, start)
    return (match.start(), match.end()) if match else None


def _locate(record: dict[str, Any], piece: str, text: str, where: str) -> tuple[list[int] | None, str | None]:
    anchors = ("start", "end") if piece == "text" else (f"{piece}_start", f"{piece}_end")
    if record.get(piece):
        found = find_piece(text, record[piece])
        if found is None:
            return None, f"{where}: {piece} not found verbatim: {record[piece][:80]!r}"
        return list(found), None
    first, last = record.get(anchors[0]), record.get(anchors[1])
    if first and last:
        opening = find_piece(text, first)
        if opening is None:
            return None, f"{where}: {anchors[0]} not found verbatim: {first[:80]!r}"
        closing = find_piece(text, last, opening[0])
        if closing is None:
            return None, f"{where}: {anchors[1]} not found after its start: {last[:80]!r}"
        return [opening[0], closing[1]], None
    if record.get(SPAN_KEYS[piece]) is not None:
        return list(record[SPAN_KEYS[piece]]), None
    return None, f"{where}: no {piece} (give it verbatim, or {anchors[0]} and {anchors[1]})"


def locate_pieces(draft: dict[str, Any], text: str) -> tuple[dict[str, Any], list[str]]:
    """Turn a draft's verbatim pieces and anchors into spans; returns the gold and the pieces not found."""
    gold = dict(draft)
    errors: list[str] = []
    for section, pieces in SECTION_PIECES.items():
        records = []
        for index, record in enumerate(draft.get(section, [])):
            record = dict(record)
            for piece in pieces:
                if piece == "evidence" and section == "claims" and not (
                        record.get("evidence") or record.get("evidence_start") or record.get("evidence_span")):
                    continue
                span, error = _locate(record, piece, text, f"{section}[{index}]")
                if error:
                    errors.append(error)
                    continue
                for key in (piece, "start", "end") if piece == "text" else (piece, f"{piece}_start", f"{piece}_end"):
                    record.pop(key, None)
                record[SPAN_KEYS[piece]] = span
            records.append(record)
        gold[section] = records
    return gold, errors


def check_gold(gold: dict[str, Any]) -> list[str]:
    """What is wrong with a gold file's records (enums, dates, ids used but not defined), as lines."""
    problems: list[str] = []
    entities = gold.get("entities", [])
    ids = {e.get("id") for e in entities}
    for index, entity in enumerate(entities):
        if entity.get("type") not in ENTITY_TYPES:
            problems.append(f"entities[{index}] {entity.get('id')}: type {entity.get('type')!r} is not one of "
                            f"{sorted(ENTITY_TYPES)}")
        if not entity.get("name") or not isinstance(entity.get("aliases"), list):
            problems.append(f"entities[{index}] {entity.get('id')}: needs a name and a list of aliases")
    if len(ids) != len(entities):
        problems.append("entities: two entities share an id")

    def known(where: str, value: Any) -> None:
        if value not in ids:
            problems.append(f"{where}: {value!r} is not an entity id of this file")

    def dated(where: str, value: Any) -> None:
        if value is not None and not DATE_PATTERN.match(str(value)):
            problems.append(f"{where}: {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")

    for index, role in enumerate(gold.get("roles", [])):
        known(f"roles[{index}].person", role.get("person"))
        known(f"roles[{index}].org", role.get("org"))
        if not role.get("title"):
            problems.append(f"roles[{index}]: no title")
    for index, transfer in enumerate(gold.get("transfers", [])):
        for slot in ("supplier", "recipient", "system"):
            known(f"transfers[{index}].{slot}", transfer.get(slot))
        if transfer.get("deal_type") not in DEAL_TYPES:
            problems.append(f"transfers[{index}]: deal_type {transfer.get('deal_type')!r} not in {sorted(DEAL_TYPES)}")
        if transfer.get("status") not in STATUSES:
            problems.append(f"transfers[{index}]: status {transfer.get('status')!r} is not allowed")
        dated(f"transfers[{index}].order_date", transfer.get("order_date"))
        for number in ("quantity", "value"):
            if transfer.get(number) is not None and not isinstance(transfer.get(number), (int, float)):
                problems.append(f"transfers[{index}].{number}: a number or null, not {transfer.get(number)!r}")
    for index, quote in enumerate(gold.get("quotes", [])):
        known(f"quotes[{index}].speaker", quote.get("speaker"))
    for index, event in enumerate(gold.get("events", [])):
        if event.get("type") not in EVENT_TYPES:
            problems.append(f"events[{index}]: type {event.get('type')!r} not in {sorted(EVENT_TYPES)}")
        for participant in event.get("participants", []):
            known(f"events[{index}].participants", participant)
        dated(f"events[{index}].date", event.get("date"))
    for index, claim in enumerate(gold.get("claims", [])):
        known(f"claims[{index}].claimant", claim.get("claimant"))
        for disputant in claim.get("disputed_by", []):
            known(f"claims[{index}].disputed_by", disputant)
    for index, attribute in enumerate(gold.get("attributes", [])):
        known(f"attributes[{index}].entity", attribute.get("entity"))
    dated("published", gold.get("published"))
    return problems
