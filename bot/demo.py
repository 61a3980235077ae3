"""`jianfu demo`: the whole product on the bundled sample month, offline, repeatable.

Ingests data/sample into a fresh SQLite file, prints one cadre's digest of the busiest day, and
writes the digest (HTML, Markdown, JSON), the evidence-demand report (HTML, XLSX, CSV, JSON) and
the group audit (HTML, XLSX, JSON) into one folder.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from bot.config import Config
from bot.digest import build_digest
from bot.ingest.run import ingest_paths
from bot.render import render, render_text
from bot.report import build, export
from bot.store import Store

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
SAMPLE_INPUTS = ("township-2026-11.jsonl", "memotrace")
DEFAULT_CADRE = "李明"


@dataclass
class DemoResult:
    day: date
    groups: int
    messages: int
    items: int
    evidence_demands: int
    evidence_share: float
    flagged: int
    files: list[Path] = field(default_factory=list)

    def summary(self) -> list[str]:
        return [
            f"{self.groups} groups, {self.messages:,} messages → {self.items} digest items "
            f"(busiest day {self.day.isoformat()})",
            f"{self.evidence_demands:,} evidence demands, {self.evidence_share:.0%} of directives",
            f"{self.flagged} groups flagged by the audit",
        ]


MEMBER_LISTS = "groups-2026-11.jsonl"


def busiest_day(store: Store, config: Config, group_keys: set[str] | None = None) -> date:
    days = Counter(datetime.fromtimestamp(t, config.tz).date()
                   for t in store.message_times(group_keys))
    return max(days, key=lambda d: (days[d], d))


def load_member_lists(store: Store, path: Path) -> int:
    """The sample's member lists, standing in for what the live bots read from the platforms."""
    added = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        group = json.loads(line)
        for group_key in store.group_keys_named([group["group"]]):
            platform, _, group_id = group_key.partition(":")
            for name in group["members"]:
                store.add_member(platform, group_id, name, name, source="member_list")
                added += 1
    return added


def run_demo(classifier, config: Config, out: Path, cadre: str = DEFAULT_CADRE,
             sample: Path = SAMPLE, say: Callable[[str], None] = print) -> DemoResult:
    out.mkdir(parents=True, exist_ok=True)
    db_path = out / "jianfu-demo.db"
    for stale in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        stale.unlink(missing_ok=True)  # a second run starts from scratch and gives the same result
    store = Store(db_path)
    try:
        return _demo(store, classifier, config, out, cadre, sample, say)
    finally:
        store.close()


def _demo(store, classifier, config, out, cadre, sample, say) -> DemoResult:
    inputs = [sample / name for name in SAMPLE_INPUTS]
    say(f"[1/4] 导入样例数据 {', '.join(str(p) for p in inputs)} …")
    summary = ingest_paths(store, inputs, classifier=classifier, tz=config.tz,
                           progress=lambda line: say(f"      {line}"))
    say(f"      {summary.read:,} 条消息，{summary.new:,} 条新消息，{summary.classified:,} 条已分类，"
        f"{summary.rejected} 条被拒")
    load_member_lists(store, sample / MEMBER_LISTS)
    day = busiest_day(store, config, store.groups_of(cadre) or None)
    say(f"[2/4] 生成 {cadre} 在最忙一天 {day.isoformat()} 的日报 …")
    digest = build_digest(store, day, model_version=classifier.version, tz=config.tz, cadre=cadre,
                          low_confidence=config.digest.low_confidence,
                          doubtful_from=config.digest.doubtful_from)
    files = []
    for fmt, suffix in (("html", "html"), ("markdown", "md"), ("json", "json")):
        path = out / f"digest-{day.isoformat()}.{suffix}"
        path.write_text(render(digest, fmt), encoding="utf-8")
        files.append(path)
    say("")
    say("\n\n".join(render_text(digest, config.digest.max_chars)))
    say("")
    say("[3/4] 留痕统计报告 …")
    report = build("report", store, classifier.version, config.report, config.tz)
    files += _write_all(report, out / "report", ("html", "xlsx", "json", "csv"))
    say("[4/4] 工作群审计 …")
    audit = build("audit", store, classifier.version, config.report, config.tz)
    files += _write_all(audit, out / "audit", ("html", "xlsx", "json"))
    evidence = report["evidence_demands"]
    return DemoResult(
        day=day, groups=len(store.groups()), messages=store.count_messages(),
        items=len(digest.certain_items), evidence_demands=evidence["total"],
        evidence_share=evidence["share_of_actionable"],
        flagged=sum(1 for row in audit["groups"] if row["flags"]), files=files + [out / "jianfu-demo.db"],
    )


def _write_all(doc: dict, stem: Path, formats: tuple[str, ...]) -> list[Path]:
    written = []
    for fmt in formats:
        target = stem.with_name(f"{stem.name}-csv") if fmt == "csv" else stem.with_suffix(f".{fmt}")
        _, path = export(doc, fmt, target)
        written.append(path)
    return written
