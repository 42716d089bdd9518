"""``defgraph evaluate``: score the extractor against every gold set at once, or one gold folder."""
from __future__ import annotations

import json

import click

from defgraph.evaluate import (
    agreement, evaluate, evaluate_sets, format_reliability, format_report, format_sets, gold_sets, sets_table,
)


@click.command("evaluate")
@click.argument("gold_dir", required=False, type=click.Path(exists=True, file_okay=False))
@click.option("--set", "set_names", multiple=True, metavar="NAME",
              help="Only this registered set (repeatable): real-test, real-train, blind, blind-used, heldout, dev.")
@click.option("--texts", type=click.Path(exists=True, file_okay=False),
              help="Where real documents' texts are (default: the shared corpus beside the repo).")
@click.option("--predictions", type=click.Path(exists=True, file_okay=False),
              help="With GOLD_DIR: score ready <name>.json predictions instead of running the extractor.")
@click.option("--every-fact", is_flag=True,
              help="Score every fact the rules propose, not only those at the default confidence thresholds.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--per-doc", is_flag=True, help="With GOLD_DIR: add each article's figures and errors (never for a locked set).")
@click.option("--fast", is_flag=True, help="Score the fast pipeline (no parse) too, beside the full one.")
def evaluate_command(gold_dir: str | None, set_names: tuple[str, ...], texts: str | None, predictions: str | None,
                     every_fact: bool, as_json: bool, per_doc: bool, fast: bool) -> None:
    """Score the extractor against gold annotations: every set at once, or GOLD_DIR.

    Without GOLD_DIR the registered sets are run through one extraction and shown in one table,
    the locked real test split first and the dev set last, beside the inter-annotator agreement
    (the ceiling of any extractor on the real texts).

    \b
      defgraph evaluate                          # every set, one table
      defgraph evaluate --set real-test --json
      defgraph evaluate ../shared/eval/dev --per-doc
      defgraph evaluate ../shared/eval/dev --fast   # the fast pipeline beside the full one
    """
    if fast and predictions is None:
        _full_and_fast(gold_dir, list(set_names) or None, texts, every_fact, as_json)
        return
    if gold_dir is not None:
        report = evaluate(gold_dir, predictions, texts, every_fact)
        if as_json:
            click.echo(json.dumps(report.as_dict(per_doc=per_doc), indent=1, ensure_ascii=False))
        else:
            click.echo(format_report(report, per_doc=per_doc))
        return
    known = [s.name for s in gold_sets()]
    unknown = [n for n in set_names if n not in known]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}: not a registered set; choose from {', '.join(known)}",
                                 param_hint="--set")
    reports = evaluate_sets(list(set_names) or None, texts, every_fact)
    ceiling = agreement(texts) if not set_names or any(n.startswith("real") for n in set_names) else None
    if as_json:
        click.echo(json.dumps({"sets": {n: r.as_dict() for n, r in reports.items()},
                               "agreement": ceiling.as_dict() if ceiling and ceiling.documents else None,
                               "table": sets_table(reports, ceiling)}, indent=1, ensure_ascii=False))
    else:
        click.echo(format_sets(reports, ceiling))
        click.echo("")
        click.echo(format_reliability(reports))


def _full_and_fast(gold_dir: str | None, set_names: list[str] | None, texts: str | None, every_fact: bool,
                   as_json: bool) -> None:
    """The full and the fast pipeline scored on the same gold, one column each per set."""
    if gold_dir is not None:
        reports = {mode: {"": evaluate(gold_dir, None, texts, every_fact, fast=mode == "fast")}
                   for mode in ("full", "fast")}
    else:
        reports = {mode: evaluate_sets(set_names, texts, every_fact, fast=mode == "fast") for mode in ("full", "fast")}
    if as_json:
        click.echo(json.dumps({mode: {name or "gold": r.as_dict() for name, r in found.items()}
                               for mode, found in reports.items()}, indent=1, ensure_ascii=False))
        return
    columns = {f"{name} {mode}".strip(): reports[mode][name] for name in reports["full"] for mode in ("full", "fast")}
    click.echo(format_sets(columns))
