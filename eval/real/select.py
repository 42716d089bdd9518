"""Choose the documents of the real-text gold set and split them, reproducibly.

    python eval/real/select.py --check      # recompute the choice and compare it with manifest.json

Reads the shared corpus (Kremlin and White House texts) and the re3d dataset; writes nothing but the
comparison. The choice, as it was made once before annotation:
- corpus texts of at most 2,600 words, ranked by how much they speak of named weapon systems,
  transfers, meetings and quotations (longer texts weigh less), near-identical copies dropped,
  the top 150 plus the Putin-Erdogan news conference on the S-400;
- 17 re3d documents of 150-700 words from the sources that report military events (CENTCOM, the US
  State Department, the UK government, the BBC, the EU delegation to Syria), longest first;
- a third of each (source, transcript) stratum, in a hash order, is the locked test split; 18 documents
  of each split, in another hash order, are annotated twice.
Later, with the test split left as it was:
- 2026-12-06: the next 72 corpus texts of the same ranking, all in the train split; 8 of the first 36,
  in a third hash order, annotated twice.
- later: the next 48 of that ranking, all in the train split, none annotated twice.
- later still, because that ranking had run out of deals: every text not yet chosen that has a
  sentence naming a listed system beside a transfer word, up to 5,800 words (or with 4 such
  sentences at any length), near-copies of a chosen text dropped; all in the train split; 6 of them,
  in a fourth hash order, annotated twice.
- 2026-12-07: the next 36 of the first ranking (271-306), all in the train split; 8 of them, in a
  fifth hash order, annotated twice.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"
STRONG = (r"\b(S-[2-5]00|Su-\d+\w*|MiG-\d+|Tu-\d+|Il-\d+|Ka-\d+|Mi-\d+|T-\d\d\w*|BrahMos|Kalashnikov|AK-\d+|Sarmat|"
          r"Avangard|Kinzhal|Poseidon|Borei|Yasen|Iskander|Pantsir|Tor-M\d|Buk|Bulava|Zircon|Tsirkon|Patriot|HIMARS|"
          r"GMLRS|ATACMS|Javelin|Stinger|NASAMS|F-16|F-35|F-15|Abrams|Bradley|Leopard|Stryker|Switchblade|"
          r"Phoenix Ghost|Harpoon|Tomahawk|Virginia-class|MQ-9\w*|Black Hawk|Apache|Chinook|M777|howitzers?|"
          r"Iron Dome|THAAD|Aegis|AUKUS)\b")
TRANSFER = (r"\b(military-technical|arms (sales?|exports?|deliveries|supplies)|security assistance|drawdown|"
            r"co-produc\w*|co-develop\w*|joint(ly)? (produc|develop)\w*|licen[cs]ed? (production|to produce)|"
            r"deliver(y|ies|ed)|suppl(y|ies|ied)|procure\w*|purchase\w*|contracts?|foreign military sales?|"
            r"export\w*|transfer(s|red)?)\b")
MEET = r"\b(talks|visit(ed|s)?|met with|meeting|summit|joint statement|readout)\b"
TURN = r"^(THE PRESIDENT|Q|[A-Z][A-Za-z\.\- ]{2,60}|PRESIDENT [A-Z]+|MODERATOR|MS\. [A-Z]+|MR\. [A-Z]+):\s"
FORCED = {"kremlin/2018-04-03_57192.txt"}
RE3D_SOURCES = {"centcom": 6, "us-state-department": 4, "uk-government": 4, "bbc-online": 2,
                "delegation-of-the-european-union-to-syria": 1}


def _hash(text: str, salt: str) -> str:
    return hashlib.sha256((salt + text).encode()).hexdigest()


FURTHER_TRAIN = 72  # the texts ranked after the first choice, added to the train split on 2026-12-06
THIRD_TRAIN = 48  # the next 48 of the same ranking (223-270), added to the train split in a later session
FOURTH_TRAIN = 36  # the next 36 of that ranking (271-306), added to the train split on 2026-12-07


TRANSFER_RICH_MAX_WORDS = 5800
TRANSFER_RICH_ANY_LENGTH = 4  # sentences with a system and a transfer word that admit a text of any length


def _shingles(body: str) -> set[str]:
    words = body.split()
    return {" ".join(words[i:i + 5]) for i in range(0, max(1, len(words) - 4))}


def transfer_rich_candidates(chosen: set[str]) -> list[dict]:
    """Texts not in ``chosen`` with sentences that name a listed system beside a transfer word, most first."""
    kept_shingles = []
    rows = []
    for path in sorted((SHARED / "corpus").glob("*/*.txt")):
        doc = f"{path.parent.name}/{path.name}"
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        if doc in chosen:
            kept_shingles.append(_shingles(body))
            continue
        sentences = re.split(r"(?<=[.!?])\s+", body)
        rich = sum(1 for s in sentences if re.search(STRONG, s) and re.search(TRANSFER, s, re.I))
        words = len(body.split())
        if rich and (words <= TRANSFER_RICH_MAX_WORDS or rich >= TRANSFER_RICH_ANY_LENGTH):
            rows.append({"doc": doc, "words": words, "rich": rich, "body": body,
                         "transcript": len(re.findall(TURN, body, re.M)) >= 4})
    picked = []
    for row in sorted(rows, key=lambda r: (-r["rich"], r["words"], r["doc"])):
        shingles = _shingles(row.pop("body"))
        if any(len(shingles & other) > 0.8 * min(len(shingles), len(other)) for other in kept_shingles):
            continue
        kept_shingles.append(shingles)
        picked.append(row)
    return picked


def corpus_candidates(count: int = 150) -> list[dict]:
    """The ``count`` best-ranked corpus texts (the forced one first), near-identical copies dropped."""
    rows = []
    for path in sorted((SHARED / "corpus").glob("*/*.txt")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        words = len(body.split())
        strong, transfer = len(re.findall(STRONG, body)), len(re.findall(TRANSFER, body, re.I))
        meet, quotes = len(re.findall(MEET, body, re.I)), len(re.findall(r'[“"][A-Z][^”"]{30,}[”"]', body))
        score = (2 * min(strong, 10) + min(transfer, 10) + 0.5 * min(meet, 4) + 0.5 * min(quotes, 4)) \
            / (1 + max(0, words - 1500) / 1500)
        rows.append({"doc": f"{path.parent.name}/{path.name}", "words": words, "score": round(score, 2),
                     "transcript": len(re.findall(TURN, body, re.M)) >= 4,
                     "key": hashlib.sha1(" ".join(body.split()).encode()).hexdigest()})
    chosen, seen = [], set()
    ranked = sorted((r for r in rows if r["words"] <= 2600), key=lambda r: (-r["score"], r["doc"]))
    for row in [r for r in rows if r["doc"] in FORCED] + ranked:
        if row["key"] not in seen:
            seen.add(row["key"])
            chosen.append(row)
        if len(chosen) >= count:
            break
    return chosen


def re3d_candidates() -> list[dict]:
    docs = []
    for documents in sorted((SHARED / "eval" / "re3d").glob("*/documents.json")):
        for line in documents.read_text(encoding="utf-8-sig").splitlines():
            if line.strip():
                record = json.loads(line)
                words = record.get("wordCount") or len(record["text"].split())
                docs.append((documents.parent.name, record["_id"], words, record["title"]))
    chosen = []
    for source, count in RE3D_SOURCES.items():
        fitting = [d for d in docs if d[0] == source and 150 <= d[2] <= 700
                   and "library" not in d[3] and "Two men" not in d[3]]
        chosen += sorted(fitting, key=lambda d: (-d[2], d[1]))[:count]
    return [{"doc": f"re3d/{d[1]}.txt", "words": d[2], "transcript": False} for d in chosen]


def choose() -> list[dict]:
    docs = [{**d, "source": d["doc"].split("/")[0]} for d in corpus_candidates() + re3d_candidates()]
    strata: dict[tuple, list[dict]] = {}
    for d in docs:
        strata.setdefault((d["source"], d["transcript"]), []).append(d)
    for group in strata.values():
        group.sort(key=lambda d: _hash(d["doc"], "split"))
        for i, d in enumerate(group):
            d["split"] = "test" if i % 3 == 1 else "train"
    for split in ("train", "test"):
        for i, d in enumerate(sorted((d for d in docs if d["split"] == split), key=lambda d: _hash(d["doc"], "double"))):
            d["double"] = i < 18
    further = [{**d, "source": d["doc"].split("/")[0], "split": "train", "double": False}
               for d in corpus_candidates(150 + FURTHER_TRAIN + THIRD_TRAIN)[150:]]
    for d in sorted(further[:36], key=lambda d: _hash(d["doc"], "double2"))[:8]:
        d["double"] = True
    docs += further
    rich = [{**d, "source": d["doc"].split("/")[0], "split": "train", "double": False}
            for d in transfer_rich_candidates({d["doc"] for d in docs})]
    for d in sorted(rich, key=lambda d: _hash(d["doc"], "double3"))[:6]:
        d["double"] = True
    docs += rich
    ranked = FURTHER_TRAIN + THIRD_TRAIN
    fourth = [{**d, "source": d["doc"].split("/")[0], "split": "train", "double": False}
              for d in corpus_candidates(150 + ranked + FOURTH_TRAIN)[150 + ranked:]]
    for d in sorted(fourth, key=lambda d: _hash(d["doc"], "double4"))[:8]:
        d["double"] = True
    docs += fourth
    return sorted(docs, key=lambda d: d["doc"])


def main(argv: list[str]) -> int:
    chosen = {d["doc"]: (d["split"], d["double"]) for d in choose()}
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    kept = {d["doc"]: (d["split"], d["double"]) for d in manifest["documents"]}
    same = chosen == kept
    print(f"{len(chosen)} documents chosen; manifest.json {'agrees' if same else 'DIFFERS'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
