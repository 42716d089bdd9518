"""Turn annotators' drafts into the gold files kept here: every piece of text becomes a span.

    python eval/real/convert_drafts.py DRAFTS_DIR...       # folders of <name>.gold.json drafts

A draft writes quotes and evidence verbatim (or as start/end anchors); the gold kept in the
repository holds only character spans into the source text, never the text itself. Each draft's
document goes to ``train/`` or ``test/`` as ``manifest.json`` splits it; a second annotation of a
document already converted from another folder goes to ``second/``. Drafts that do not check cleanly
are reported and skipped. The manifest records which folder (annotator) each file came from.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from defgraph.evaluate.goldtext import check_gold, locate_pieces, source_text

HERE = Path(__file__).resolve().parent
def _is_note(key: str) -> bool:
    """Annotators' free text ("note", "published_note") may quote the document: it stays with the drafts."""
    return key == "note" or key.endswith("_note")


def _without_notes(value):
    if isinstance(value, dict):
        return {k: _without_notes(v) for k, v in value.items() if not _is_note(k)}
    if isinstance(value, list):
        return [_without_notes(v) for v in value]
    return value


def convert(draft_path: Path) -> tuple[dict, list[str]]:
    draft = json.loads(draft_path.read_text(encoding="utf-8"))
    gold, problems = locate_pieces(draft, source_text(draft["doc"]))
    return _without_notes(gold), check_gold(gold) + problems


def main(folders: list[str]) -> int:
    manifest_path = HERE / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    by_doc = {entry["doc"]: entry for entry in manifest["documents"]}
    failed = 0
    for folder in map(Path, folders):
        for draft_path in sorted(folder.glob("*.gold.json")):
            gold, problems = convert(draft_path)
            entry = by_doc.get(gold["doc"])
            if entry is None or problems:
                failed += 1
                print(f"skipped {draft_path}: " + ("; ".join(problems) or "not in manifest.json"))
                continue
            annotators = entry.setdefault("annotators", [])
            if folder.name not in annotators:
                annotators.append(folder.name)
            target = entry["split"] if annotators[0] == folder.name else "second"
            out = HERE / target / draft_path.name
            out.parent.mkdir(exist_ok=True)
            out.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
