"""`jianfu demo` on the bundled month: every output written, and a second run gives the same."""
import json

import openpyxl

from bot.config import Config
from bot.demo import run_demo
from classifiers import load_classifier


def test_demo_writes_everything_and_repeats_itself(tmp_path):
    classifier, lines = load_classifier(), []
    first = run_demo(classifier, Config(), tmp_path / "a", say=lines.append)
    second = run_demo(classifier, Config(), tmp_path / "a", say=lambda _: None)
    assert first.summary() == second.summary()
    assert first.groups >= 30 and first.messages > 15_000 and first.items > 0
    assert all(path.exists() for path in first.files)
    digest = json.loads((tmp_path / "a" / f"digest-{first.day}.json").read_text(encoding="utf-8"))
    assert digest["cadre"] == "李明" and len(digest["items"]) == first.items
    assert "李明 的工作日报" in "\n".join(lines)
    sheets = openpyxl.load_workbook(tmp_path / "a" / "report.xlsx").sheetnames
    assert len(sheets) > 3
    assert "<svg" in (tmp_path / "a" / "report.html").read_text(encoding="utf-8")
