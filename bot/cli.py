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
@click.option("--batch", default=2048, show_default=True, help="Records classified at a time.")
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

    Example: jianfu train --out model/jianfu.pkl.gz
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
@click.option("--by-writer", is_flag=True,
              help="Also score each writer (file-name prefix: ha-01.jsonl → ha) on its own.")
def evaluate(data_path: str, model_path: str | None, as_json: bool, by_writer: bool) -> None:
    """Score the classifier on labelled messages: per-kind P/R/F1, confusion, actionable recall.

    Example: jianfu evaluate --data data/corpus/heldout --by-writer
    """
    from classifiers.corpus import CorpusError, load_examples
    from classifiers.evaluation import format_by_writer, format_report, score, score_by_writer

    try:
        examples = load_examples(data_path)
    except CorpusError as error:
        raise click.ClickException(str(error)) from None
    classifier = _classifier(model_path)
    labels = classifier.label([e.text for e in examples])
    result = score(examples, labels)
    writers = score_by_writer(examples, labels) if by_writer else None
    if as_json:
        click.echo(json.dumps(result | ({"by_writer": writers} if writers else {}),
                              ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(result) + (format_by_writer(writers) if writers else ""))


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
    skipped = f", {s['skipped']} unrecognised files skipped" if s["skipped"] else ""
    click.echo(f"{s['files']} files: {s['read']} read, {s['new']} new, {s['duplicate']} duplicate, "
               f"{s['rejected']} rejected, {s['classified']} classified{skipped}")
    if summary.read == 0 and summary.problems:
        sys.exit(1)


def _day(_ctx, _param, value: str | None):
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not a date YYYY-MM-DD: {value!r}") from None


def _open_classified_store(db_path: str, model_path: str | None):
    """The store with every message labelled by the current model (labels missing ones first)."""
    from bot.ingest.run import classify_pending
    from bot.store import Store

    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such database (run `jianfu ingest` first)")
    classifier = _classifier(model_path)
    store = Store(db_path)
    classify_pending(store, classifier)
    return store, classifier


def _write(text: str, out: str | None) -> None:
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}", err=True)
    else:
        click.echo(text)


@cli.command()
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False))
@click.option("--date", "day", required=True, callback=_day, help="The local day, YYYY-MM-DD.")
@click.option("--cadre", default=None, help="Whose digest: only the groups this person is in.")
@click.option("--tz", "tz", default=DEFAULT_TZ, show_default=True, callback=_zone)
@click.option("--format", "fmt", default="text", show_default=True,
              type=click.Choice(["text", "markdown", "html", "json"]))
@click.option("--limit", default=4096, show_default=True,
              help="Text format: the most characters of one chat message (chunks split between items).")
@click.option("--low-confidence", default=0.7, show_default=True,
              help="Items less likely than this to be actionable go to 可能需要关注.")
@click.option("--doubtful-from", default=0.25, show_default=True,
              help="Messages labelled otherwise but at least this likely to be actionable also go there.")
@click.option("--out", default=None, type=click.Path(dir_okay=False), help="Write to a file.")
@click.option("--model", "model_path", type=click.Path(dir_okay=False), default=None)
def digest(db_path, day, cadre, tz, fmt, limit, low_confidence, doubtful_from, out,
           model_path) -> None:
    """A cadre's digest of one day: every directive once, with deadline, groups and demands.

    Example: jianfu digest --db jianfu.db --date 2026-03-12 --cadre 李明 --format html --out d.html
    """
    from bot.digest import build_digest
    from bot.render import render

    store, classifier = _open_classified_store(db_path, model_path)
    try:
        result = build_digest(store, day, model_version=classifier.version, tz=tz, cadre=cadre,
                              low_confidence=low_confidence, doubtful_from=doubtful_from)
    finally:
        store.close()
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    _write(render(result, fmt, limit), out)


@cli.command()
@click.argument("message_id")
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False))
@click.option("--model", "model_path", type=click.Path(dir_okay=False), default=None)
def show(message_id: str, db_path: str, model_path: str | None) -> None:
    """The full text and label of one stored message (an id from a digest).

    Example: jianfu show n-0042 --db jianfu.db
    """
    store, classifier = _open_classified_store(db_path, model_path)
    try:
        found = store.message(message_id, classifier.version)
    finally:
        store.close()
    if found is None:
        raise click.ClickException(f"no message {message_id!r}")
    m = found.message
    click.echo(f"{m.group} ｜ {m.sender} ｜ {m.ts.isoformat()} ｜ {found.kind} {list(found.demands)}")
    click.echo(m.text)


def _report_options(command):
    """The options `report` and `audit` share: database, days, groups, format, output, config."""
    options = [
        click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False)),
        click.option("--from", "start", callback=_day, default=None,
                     help="First local day, YYYY-MM-DD (default: the first stored)."),
        click.option("--to", "end", callback=_day, default=None,
                     help="Last local day, inclusive (default: the last stored)."),
        click.option("--group", "groups", multiple=True,
                     help="Only this group (its name); repeat for more (default: all)."),
        click.option("--format", "fmt", default="json", show_default=True,
                     type=click.Choice(["json", "csv", "xlsx", "html"])),
        click.option("--out", default=None, type=click.Path(),
                     help="Where to write: a file, a folder for csv (one CSV per table). "
                          "json and html default to standard output."),
        click.option("--tz", "tz_name", default=None,
                     help="Local time zone (default: the config's, else Asia/Shanghai)."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
                     help="Thresholds and the time-cost model from its [report] table."),
        click.option("--model", "model_path", type=click.Path(dir_okay=False), default=None),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _export(kind: str, db_path: str, config_path: str | None, tz_name: str | None,
            model_path: str | None, fmt: str, out: str | None, **options) -> None:
    from bot.config import ConfigError, load_config
    from bot.report import ReportError, export_report

    try:
        config = load_config(config_path)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    tz = _zone(None, None, tz_name or config.timezone)
    store, classifier = _open_classified_store(db_path, model_path)
    try:
        text, path = export_report(store, classifier.version, kind, fmt, out, config.report, tz,
                                   **options)
    except ReportError as error:
        raise click.ClickException(str(error)) from None
    finally:
        store.close()
    if text is not None:
        click.echo(text)
    else:
        click.echo(f"wrote {path}", err=True)


@cli.command()
@_report_options
@click.option("--reveal-names", is_flag=True,
              help="Show people's real names (default: stable pseudonyms such as 人员-3f9a2c).")
@click.option("--include-text", is_flag=True, help="Include the notices' message text.")
def report(db_path, start, end, groups, fmt, out, tz_name, config_path, model_path,
           reveal_names, include_text) -> None:
    """Evidence-demand statistics: demands by type, group, unit (单位), issuer, day and hour;
    ack burden; time cost; after-hours load; notices posted in several groups (一事多群).

    Example: jianfu report --db jianfu.db --from 2026-03-01 --to 2026-03-31 --format html --out report.html
    """
    _export("report", db_path, config_path, tz_name, model_path, fmt, out, start=start, end=end,
            groups=list(groups), reveal_names=reveal_names, include_text=include_text)


@cli.command()
@_report_options
def audit(db_path, start, end, groups, fmt, out, tz_name, config_path, model_path) -> None:
    """The work-group audit: one row per group with its use, load, overlap with other groups and
    flags (low_use, duplicate_of:<group>, evidence_heavy, ranking, forced_download, after_hours).

    Example: jianfu audit --db jianfu.db --format xlsx --out audit.xlsx
    """
    _export("audit", db_path, config_path, tz_name, model_path, fmt, out, start=start, end=end,
            groups=list(groups))


@cli.command(name="run")
@click.option("--config", "config_path", required=True, type=click.Path(dir_okay=False),
              help="The TOML configuration (see config.example.toml).")
@click.option("--model", "model_path", type=click.Path(dir_okay=False), default=None)
@click.option("-v", "--verbose", is_flag=True, help="Log more (tokens are never logged).")
def run_bots(config_path: str, model_path: str | None, verbose: bool) -> None:
    """Start every configured bot (Telegram, WeChat) and record the groups they sit in.

    Example: jianfu run --config config.toml
    """
    import asyncio
    import logging

    from bot.adapters.base import AdapterError
    from bot.config import ConfigError, load_config
    from bot.runner import run

    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    for noisy in ("httpx", "httpcore", "apscheduler", "hpack", "grpclib"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        config = load_config(config_path)
        asyncio.run(run(config, _classifier(model_path)))
    except (ConfigError, AdapterError) as error:
        raise click.ClickException(str(error)) from None
    except KeyboardInterrupt:
        pass


@cli.command()
@click.option("-n", "--messages", default=100_000, show_default=True,
              help="How many realistic messages to classify.")
@click.option("--model", "model_path", type=click.Path(dir_okay=False), default=None)
@click.option("--json", "as_json", is_flag=True)
def bench(messages: int, model_path: str | None, as_json: bool) -> None:
    """Benchmark `jianfu classify` (whole process, one core) against jieba tokenization alone.

    Example: jianfu bench -n 100000
    """
    from classifiers.bench import format_bench, run_bench

    result = run_bench(messages, model_path)
    click.echo(json.dumps(result, indent=2) if as_json else format_bench(result))


@cli.command()
@click.option("--out", "out_dir", default="demo-out", show_default=True,
              type=click.Path(file_okay=False), help="Folder for the database and every export.")
@click.option("--cadre", default="李明", show_default=True, help="Whose digest to show.")
@click.option("--model", "model_path", type=click.Path(dir_okay=False), default=None)
def demo(out_dir: str, cadre: str, model_path: str | None) -> None:
    """Run the whole product on the bundled sample month (offline; a second run gives the same).

    Example: jianfu demo --out demo-out
    """
    from bot.config import load_config
    from bot.demo import run_demo

    result = run_demo(_classifier(model_path), load_config(), Path(out_dir), cadre=cadre)
    click.echo("\n输出文件 / files:")
    for path in result.files:
        click.echo(f"  {path}")
    click.echo("")
    for line in result.summary():
        click.echo(line)


def main() -> None:
    cli(prog_name="jianfu")


if __name__ == "__main__":
    main()
