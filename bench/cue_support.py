"""Cue support: in how many dev articles and real texts each cue of the extraction data files matches.

A cue earns its place only if it fires on real unlabelled text beyond the article it came from. This
script counts, for every cue of the cue lexicons in ``defgraph/extraction/data`` (each regular
expression of ``relations_transfers.yaml``, ``relations_events.yaml`` and ``relations_claims.yaml``,
split at its top-level ``|``; each lemma of their verb and noun lists; each count unit, as the count
parser reads it, and each referring noun after "the" or a number; each attribute rule; the quotes
component's verb and noun lists; the narrative date phrases),
the texts it matches in as the code compiles it: case-insensitive, one alternation per group, so a cue
that an earlier alternative always pre-empts never matches, and between the labels of one group
(``statuses``: cancelled, delivering, ...) an overlap goes to the label listed first, as ``find_cues``
has it. Expressions anchored to a party (``supplier_before``) are matched unanchored: a rough count.

Prints one tab-separated row per cue: file, group, cue, dev articles, real texts, the dev articles by
name and a passage of a real text where it matches.

    python bench/cue_support.py --dev '../shared/eval/dev/*.txt' --real '../shared/corpus/*/*.txt'
"""
from __future__ import annotations

import argparse
import glob
import re
from collections import defaultdict
from pathlib import Path

from defgraph.extraction import dates, quotes
from defgraph.extraction.attributes import rules
from defgraph.extraction.relations_context import REFERRING_WORDS
from defgraph.extraction.relations_values import find_counts, load_data
from defgraph.ingestion.readers import article_from_text

REGEX_FILES = ("relations_transfers", "relations_events", "relations_claims")
COUNT_GROUPS = ("count_units", "ordered_nouns")  # read by the count patterns
WORD_GROUPS = ("anaphora",)
NOT_CUES = ("bystander_kinds",)  # catalogue kinds, not words of the text


def top_level_alternatives(regex: str) -> list[str]:
    """A regular expression split at its top-level ``|``."""
    parts, depth, start, in_class, i = [], 0, 0, False, 0
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 2 if regex[i + 1:i + 3].startswith("^]") else 1 if regex[i + 1:i + 2] == "]" else 0
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            parts.append(regex[start:i])
            start = i + 1
        i += 1
    return [*parts, regex[start:]]


def lexicons() -> list[tuple[str, str, list[tuple[str, list[str]]], str]]:
    """(file, group, [(key, cues)], kind) per cue lexicon; the keys of one regex group compete for overlaps."""
    found = []
    for name in REGEX_FILES:
        for group, value in load_data(name).items():
            if group in NOT_CUES:
                continue
            if group in COUNT_GROUPS:
                found.append((name, group, [(group, list(value))], "count"))
            elif group in WORD_GROUPS:
                found.append((name, group, [(group, list(value))], "anaphor"))
            elif group.endswith(("_verbs", "_nouns")):
                found.append((name, group, [(group, list(value))], "lemma"))
            elif isinstance(value, dict):
                found.append((name, group, [(f"{group}.{label}", [c for p in patterns for c in top_level_alternatives(p)])
                                            for label, patterns in value.items()], "regex"))
            elif isinstance(value, (str, list)):
                patterns = [value] if isinstance(value, str) else value
                found.append((name, group, [(group, [c for p in patterns for c in top_level_alternatives(p)])], "regex"))
    for group, kind in (("speech_verbs", "lemma"), ("framing_verbs", "lemma"), ("quoting_verbs", "lemma"),
                        ("statement_nouns", "word"), ("spokespeople", "word"), ("speaker_descriptors", "word")):
        found.append(("quotes_words", group, [(group, quotes.WORDS[group])], kind))
    gender = [w for words in quotes.WORDS["gender_cues"].values() for w in words]
    found.append(("quotes_words", "gender_cues", [("gender_cues", gender)], "word"))
    found.append(("dates_words", "narrative_phrases", [("narrative_phrases", list(dates.WORDS["narrative_phrases"]))], "regex"))
    return found


def _alternation(cues: list[str]) -> re.Pattern[str]:
    unanchored = [re.sub(r"\$(\)?)$", r"\1", re.sub(r"^\^", "", c)) for c in cues]
    return re.compile("|".join(f"(?P<cue{i}>{c})" for i, c in enumerate(unanchored)), re.IGNORECASE)


def _passage(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start - 70):end + 50].split())


def matches(text: str, lemmas: dict[str, int]) -> dict[tuple[str, str, str], str]:
    """Every cue that matches in ``text`` (``lemmas``: where each lemma first occurs), with a passage."""
    found: dict[tuple[str, str, str], str] = {}
    for name, _, keyed, kind in lexicons():
        if kind == "regex":
            earlier: list[tuple[int, int]] = []
            for key, cues in keyed:
                spans = [m for m in _alternation(cues).finditer(text) if m.end() > m.start()]
                for m in spans:
                    if not any(s < m.end() and m.start() < e for s, e in earlier):
                        cue = next(c for i, c in enumerate(cues) if m.group(f"cue{i}") is not None)
                        found.setdefault((name, key, cue), _passage(text, *m.span()))
                earlier += [m.span() for m in spans]
            continue
        if kind == "count":
            found.update({(name, key, noun): passage for key, _ in keyed for noun, passage in _counted(text, key)})
            continue
        for key, words in keyed:
            for word in words:
                if kind == "lemma" and word in lemmas:
                    found[(name, key, word)] = _passage(text, lemmas[word], lemmas[word])
                elif kind in ("word", "anaphor") and (m := re.search(_word_pattern(word, kind), text, re.I)):
                    found[(name, key, word)] = _passage(text, *m.span())
    for rule in rules():
        if m := rule.pattern.search(text):
            found[("relations_attributes", "attributes", rule.name)] = _passage(text, *m.span())
    return found


def _word_pattern(word: str, kind: str) -> str:
    """A word by itself; an anaphor after a word that refers back or a number ("the jets", "36 Rafale jets")."""
    before = rf"\b(?:{'|'.join(REFERRING_WORDS)}|\d[\d,]*)\s+(?:[\w-]+\s+)?" if kind == "anaphor" else ""
    return rf"{before}(?<![\w-]){re.escape(word)}(?![\w-])"


def _counted(text: str, group: str) -> list[tuple[str, str]]:
    """The count units ("five squadrons") or the ordered nouns ("the procurement of 40") the count parser reads."""
    found, units = [], set(load_data("relations_transfers")["count_units"])
    for count in find_counts(text):
        if group == "count_units" and count.value.unit is not None:  # "five squadrons", "two helicopter carriers"
            words = text[count.start:count.end].lower().split()[-2:]
            found += [(w, _passage(text, count.start, count.end)) for w in words if w in units]
        elif group == "ordered_nouns" and count.value.unit is None:
            noun = re.search(r"(\w+) (?:for|of) (?:\w+ ){0,2}$", text[:count.start])
            if noun:
                found.append((noun.group(1).lower(), _passage(text, count.start, count.end)))
    return found


def every_cue() -> list[tuple[str, str, str]]:
    """Every cue measured, in the order of the data files: (file, group, cue)."""
    cues = [(name, key, c) for name, _, keyed, _ in lexicons() for key, group in keyed for c in group]
    return cues + [("relations_attributes", "attributes", r.name) for r in rules()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", nargs="+", required=True, help="globs of the dev articles")
    parser.add_argument("--real", nargs="+", required=True, help="globs of real unlabelled texts")
    args = parser.parse_args(argv)
    from defgraph.extraction.pipeline import load_base_model

    nlp = load_base_model()
    texts: dict[tuple, dict[str, set[str]]] = defaultdict(lambda: {"dev": set(), "real": set()})
    example: dict[tuple, str] = {}
    for where, patterns in (("dev", args.dev), ("real", args.real)):
        for path in sorted(p for g in patterns for p in glob.glob(g)):
            text = article_from_text(Path(path).read_text(encoding="utf-8"), source=path).text
            lemmas: dict[str, int] = {}
            for token in nlp(text, disable=["parser", "ner"]):
                lemmas.setdefault(token.lemma_.lower(), token.idx)
            for cue, passage in matches(text, lemmas).items():
                texts[cue][where].add(Path(path).stem)
                if where == "real":
                    example.setdefault(cue, f"[{Path(path).stem}] {passage}")
    print("file\tgroup\tcue\tdev\treal\tdev_articles\treal_example")
    for cue in dict.fromkeys(every_cue()):
        hits = texts[cue]
        print(*cue, len(hits["dev"]), len(hits["real"]), ",".join(sorted(hits["dev"])), example.get(cue, ""), sep="\t")


if __name__ == "__main__":
    main()
