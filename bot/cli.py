"""The `jianfu` command: a switchboard. Each command parses options and calls one library function."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

DEFAULT_TZ = "Asia/Shanghai"


def _zone(_ctx, _param, value: str) -> ZoneInfo:
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(f"unknown time zone {value!r} (e.g. Asia/Shanghai)") from None


def _classifier(model_path: str | None):
    from classifiers import ModelError, load_classifier

    try:
        return load_classifier(model_path)
    except ModelError as error:
        raise click.ClickException(str(error)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jianfu")
def cli() -> None:
    """jianfu (减负): one daily digest instead of thirty work groups."""


@cli.command()
@click.option("--input", "input_path", type=click.Path(dir_okay=False), default=None,
              help="JSON Lines records (default: standard input).")
@click.option("--model", "model_path", type=click.Path(dir_okay=False), default=None,
              help="A model written by `jianfu train` (default: the shipped model).")
@click.option("--skip-bad", is_flag=True, help="Report bad lines and go on instead of stopping.")
@click.option("--batch", default=512, show_default=True, help="Records classified at a time.")
def classify(input_path: str | None, model_path: str | None, skip_bad: bool, batch: int) -> None:
    """Add kind, demands and confidence to each JSON Lines record, in input order.

    Example: echo '{"text": "请各村下午5点前上报台账"}' | jianfu classify
    """
    from bot.classify_stream import BadLine, classify_lines

    classifier = _classifier(model_path)
    source = open(input_path, "rb") if input_path else sys.stdin.buffer
    out = sys.stdout
    try:
        for item in classify_lines(source, classifier, batch_size=batch):
            if isinstance(item, BadLine):
                click.echo(f"jianfu classify: line {item.number}: {item.reason}", err=True)
                if not skip_bad:
                    out.flush()
                    sys.exit(2)
                continue
            out.write(item)
    finally:
        if input_path:
            source.close()
    out.flush()


@cli.command()
@click.option("--data", "data_dir", type=click.Path(file_okay=False), default=None,
              help="Folder holding corpus/train and corpus/heldout (default: the repo's data/).")
@click.option("--out", "out_path", type=click.Path(dir_okay=False), default=None,
              help="Where to write the model (default: the shipped model file).")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
              help="Also learn from corrections stored with /wrong in this database.")
def train(data_dir: str | None, out_path: str | None, db_path: str | None) -> None:
    """Train the classifier from data/ (and stored corrections) and save it with its scores.

    Example: jianfu train --out model/jianfu.joblib
    """
    from classifiers.corpus import CorpusError
    from classifiers.training import train as run_training

    extra = _corrections(db_path) if db_path else []
    try:
        meta = run_training(data_dir, out_path, extra=extra)
    except CorpusError as error:
        raise click.ClickException(str(error)) from None
    held = meta.get("heldout") or {}
    click.echo(f"trained on {meta['train_examples']} messages ({meta['corrections']} corrections) "
               f"in {meta['fit_seconds']} s; model {meta['model_version']}")
    if held:
        click.echo(f"held-out: macro-F1 {held['macro_f1']:.4f}, actionable recall "
                   f"{held['actionable_recall']:.4f}, demands micro-F1 "
                   f"{held['demands']['micro_f1']:.4f}")


def _corrections(db_path: str):
    from bot.store import Store
    from classifiers.corpus import Example

    store = Store(db_path)
    try:
        return [Example(row["text"], row["kind"], tuple(json.loads(row["demands"] or "[]")))
                for row in store.corrections()]
    finally:
        store.close()


@cli.command()
@click.option("--data", "data_path", type=click.Path(exists=True), required=True,
              help="Labelled JSON Lines file or folder (kind, demands).")
@click.option("--model", "model_path", type=click.Path(dir_okay=False), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate(data_path: str, model_path: str | None, as_json: bool) -> None:
    """Score the classifier on labelled messages: per-kind P/R/F1, confusion, actionable recall.

    Example: jianfu evaluate --data data/corpus/heldout
    """
    from classifiers.corpus import CorpusError, load_examples
    from classifiers.evaluation import format_report, score

    try:
        examples = load_examples(data_path)
    except CorpusError as error:
        raise click.ClickException(str(error)) from None
    classifier = _classifier(model_path)
    result = score(examples, classifier.label([e.text for e in examples]))
    click.echo(json.dumps(result, ensure_ascii=False, indent=2) if as_json
               else format_report(result))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False),
              help="SQLite file (created if missing).")
@click.option("--format", "fmt", default="auto", show_default=True,
              type=click.Choice(["auto", "jsonl", "telegram", "wechat-memotrace",
                                 "wechat-pywxdump", "qq", "wecom"]))
@click.option("--owner", default=None, help="Who exported these histories (a member of every group).")
@click.option("--tz", "tz", default=DEFAULT_TZ, show_default=True, callback=_zone,
              help="Zone of timestamps that carry none.")
@click.option("--model", "model_path", type=click.Path(dir_okay=False), default=None)
@click.option("--no-classify", is_flag=True, help="Store only; classify later.")
def ingest(paths, db_path, fmt, owner, tz, model_path, no_classify) -> None:
    """Import chat histories into the store; re-importing adds nothing.

    Example: jianfu ingest exports/*.json --db jianfu.db --owner 李明
    """
    from bot.ingest.run import ingest_paths, terminal_progress
    from bot.store import Store

    classifier = None if no_classify else _classifier(model_path)
    store = Store(db_path)
    try:
        summary = ingest_paths(store, paths, fmt=fmt, classifier=classifier, tz=tz, owner=owner,
                               progress=terminal_progress())
    finally:
        store.close()
    if sys.stderr.isatty():
        click.echo("", err=True)
    for problem in summary.problems[:50]:
        click.echo(f"rejected: {problem}", err=True)
    if len(summary.problems) > 50:
        click.echo(f"rejected: … and {len(summary.problems) - 50} more", err=True)
    s = summary.as_dict()
    click.echo(f"{s['files']} files: {s['read']} read, {s['new']} new, {s['duplicate']} duplicate, "
               f"{s['rejected']} rejected, {s['classified']} classified")
    if summary.read == 0 and summary.problems:
        sys.exit(1)


def main() -> None:
    cli(prog_name="jianfu")


if __name__ == "__main__":
    main()
