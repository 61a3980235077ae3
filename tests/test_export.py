"""Every export format parsed back, the CLI commands, and the bots' admin report."""
import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from bot.charts import bar_chart, column_chart, fit
from bot.cli import cli
from bot.config import Config, ReportConfig
from bot.export import export, table, write_csv, write_xlsx
from bot.ingest.run import ingest_paths
from bot.report import admin_report, build_audit, build_report
from bot.store import Store
from tests.helpers import SHANGHAI, TRUTH
from tests.report_week import WEEK, A, B, C, D, load_week

SENDERS = sorted({json.loads(line)["sender"]
                  for line in WEEK.read_text(encoding="utf-8").splitlines()})
REPORT_TABLES = ["summary", "by_type", "by_group", "by_unit", "by_issuer", "by_day", "by_hour", "ack_burden",
                 "time_cost", "after_hours", "duplicate_notices"]
REPORT_SHEETS = ["概况", "按留痕类型", "按群", "按单位", "按发布人", "按日期", "按小时", "收到负担最重的通知",
                 "时间成本", "非工作时间", "一事多群"]


@pytest.fixture
def week(store):
    return load_week(store)


@pytest.fixture
def report_doc(week):
    return build_report(week, TRUTH, ReportConfig(), SHANGHAI)


@pytest.fixture
def audit_doc(week):
    return build_audit(week, TRUTH, ReportConfig(), SHANGHAI)


def read_csv(path: Path) -> list[list[str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel and WPS look for
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


# --- JSON ---

def test_json_round_trips(report_doc, tmp_path):
    text, path = export(report_doc, "json", None)
    assert path is None and json.loads(text) == report_doc
    _, path = export(report_doc, "json", tmp_path / "r.json")
    assert json.loads(path.read_text(encoding="utf-8"))["evidence_demands"]["total"] == 11


# --- CSV ---

def test_report_csv_is_one_bom_file_per_table(report_doc, tmp_path):
    _, folder = export(report_doc, "csv", tmp_path / "csv")
    assert sorted(p.stem for p in folder.iterdir()) == sorted(REPORT_TABLES)
    by_group = read_csv(folder / "by_group.csv")
    assert by_group == [["群", "留痕要求（条）"], [A, "4"], [B, "4"], [C, "3"], [D, "0"]]
    by_type = {row[1]: (row[0], row[2], row[3]) for row in read_csv(folder / "by_type.csv")[1:]}
    assert by_type["photo"] == ("照片", "5", "2") and by_type["ranking"] == ("排名/通报", "2", "1")
    summary = dict(read_csv(folder / "summary.csv")[1:])
    assert summary["消息总数"] == "42" and summary["工作消息中要求留痕的比例"] == "73.3%"
    duplicates = read_csv(folder / "duplicate_notices.csv")
    assert [row[0] for row in duplicates[1:]] == ["r1", "r12", "r29", "r32"]
    assert duplicates[0][4:8] == ["来源单位", "发布人", "群数", "群"]
    assert duplicates[1][4] == "县应急局" and duplicates[1][7] == f"{A}、{B}、{C}"
    assert read_csv(folder / "by_unit.csv") == [["单位", "留痕要求（条）"], ["镇应急办", "5"],
                                                ["县应急局", "3"], ["柳河村", "2"], ["青石村", "1"]]


def test_audit_csv(audit_doc, tmp_path):
    _, folder = export(audit_doc, "csv", tmp_path / "audit")
    assert sorted(p.stem for p in folder.iterdir()) == ["flags", "groups", "overlap"]
    groups = read_csv(folder / "groups.csv")
    assert groups[0][:3] == ["群", "平台", "成员数"] and [row[0] for row in groups[1:]] == [A, B, C, D]
    assert groups[4][-1] == "使用率低"
    units = groups[0].index("发布单位（项）")
    assert groups[1][units] == "镇应急办（6）、县应急局（1）" and groups[4][units] == ""
    flags = read_csv(folder / "flags.csv")
    assert [B, f"与「{A}」重复", f"duplicate_of:{A}", f"本群5项通知中4项也发在「{A}」（80%）"] in flags


# --- XLSX ---

def test_report_xlsx_sheets_headers_and_values(report_doc, tmp_path):
    _, path = export(report_doc, "xlsx", tmp_path / "r.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == REPORT_SHEETS
    assert all(sheet.freeze_panes == "A2" for sheet in book.worksheets)
    by_group = [list(row) for row in book["按群"].iter_rows(values_only=True)]
    assert by_group == [["群", "留痕要求（条）"], [A, 4], [B, 4], [C, 3], [D, 0]]
    late = book["非工作时间"]
    assert [c.value for c in late[late.max_row]] == ["合计", 15, 4, 2, 6, 0.4]
    assert late.cell(late.max_row, 6).number_format == "0.0%"
    assert book["按群"].column_dimensions["A"].width >= 2 * len(A)


def test_audit_xlsx(audit_doc, tmp_path):
    _, path = export(audit_doc, "xlsx", tmp_path / "a.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["工作群", "标记", "群间重复"]
    sheet = book["工作群"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    d_row = {h: c.value for h, c in zip(header, sheet[5])}
    assert (d_row["群"], d_row["消息数"], d_row["标记"]) == (D, 1, "使用率低")
    assert [list(r) for r in book["群间重复"].iter_rows(min_row=2, max_row=2, values_only=True)] == [
        [A, B, 4, 4 / 7]]


def test_spreadsheets_never_run_text_as_a_formula(tmp_path):
    tables = [table("t", "表", ["群"], [["=HYPERLINK(\"http://x\")"], ["-1"]])]
    write_xlsx(tables, tmp_path / "t.xlsx")
    cell = load_workbook(tmp_path / "t.xlsx")["表"]["A2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'
    write_csv(tables, tmp_path / "csv")
    assert read_csv(tmp_path / "csv" / "t.csv")[1:] == [["'=HYPERLINK(\"http://x\")"], ["'-1"]]


# --- HTML ---

def test_report_html_is_self_contained_with_charts(report_doc):
    page, _ = export(report_doc, "html", None)
    assert page.startswith("<!doctype html>") and '<html lang="zh-CN">' in page
    for chart in ("按类型", "按群", "按单位", "按小时", "按日期", "收到负担"):
        assert '<svg class="chart" xmlns="http://www.w3.org/2000/svg"' in page
        assert f'aria-label="{chart}"' in page
    assert page.count("<svg") == 6 and "Noto Sans CJK SC" in page and "Microsoft YaHei" in page
    assert "<script" not in page and "<link" not in page and "src=" not in page
    assert "url(" not in page and "@import" not in page
    assert not [name for name in SENDERS if name in page]
    assert "自建房安全隐患排查" not in page


def test_report_html_names_and_text_only_when_asked(week):
    doc = build_report(week, TRUTH, ReportConfig(), SHANGHAI, reveal_names=True,
                       include_text=True)
    page, _ = export(doc, "html", None)
    assert "镇应急办-陈敏" in page and "自建房安全隐患排查" in page


def test_audit_html(audit_doc):
    page, _ = export(audit_doc, "html", None)
    assert page.count("<svg") == 2 and "工作群审计" in page
    assert "5天内共1条消息" in page and f"与「{A}」重复" in page
    assert "发布单位：镇应急办（6项）、县应急局（1项）" in page
    assert not [name for name in SENDERS if name in page]


def test_charts_fit_labels_and_show_empty_data():
    assert fit("城关镇网格员工作群", 60).endswith("…") and fit("短", 60) == "短"
    assert "无数据" in bar_chart([], "空") and "无数据" in column_chart([("00", 0)], "空")
    svg = bar_chart([("甲", [1, 2])], "叠加", series=["收到", "提交"])
    assert svg.count("<rect") == 4  # two legend keys, two segments


# --- the commands ---

@pytest.fixture
def db(tmp_path):
    path = tmp_path / "j.db"
    store = Store(path)
    ingest_paths(store, [WEEK], fmt="jsonl", tz=SHANGHAI)
    store.close()
    return path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_cli_report_json_html_and_csv(db, tiny_model_path, tmp_path):
    result = run("report", "--db", db, "--model", tiny_model_path, "--group", B)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert (doc["groups"], doc["messages"], doc["model_version"]) == ([B], 11, "tiny-test")
    out = tmp_path / "out" / "r.html"
    result = run("report", "--db", db, "--model", tiny_model_path, "--format", "html",
                 "--out", out, "--from", "2026-03-12", "--to", "2026-03-13")
    assert result.exit_code == 0, result.output
    assert "<svg" in out.read_text(encoding="utf-8")
    result = run("report", "--db", db, "--model", tiny_model_path, "--format", "csv",
                 "--out", tmp_path / "csv")
    assert result.exit_code == 0 and (tmp_path / "csv" / "by_type.csv").exists()


def low_use(doc: dict) -> list[str]:
    return [g["group"] for g in doc["groups"] if any(f["flag"] == "low_use" for f in g["flags"])]


def test_cli_audit_reads_thresholds_from_config(db, tiny_model_path, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[report]\nlow_use_messages_per_day = 0.1\nlow_use_active_share = 0.1\n",
                      encoding="utf-8")
    plain = json.loads(run("audit", "--db", db, "--model", tiny_model_path).output)
    tuned = json.loads(run("audit", "--db", db, "--model", tiny_model_path, "--config",
                           config).output)
    assert low_use(plain) == [D] and low_use(tuned) == []
    result = run("audit", "--db", db, "--model", tiny_model_path, "--format", "xlsx", "--out",
                 tmp_path / "a.xlsx")
    assert result.exit_code == 0 and load_workbook(tmp_path / "a.xlsx").sheetnames[0] == "工作群"


@pytest.mark.parametrize("args, message", [
    (["--db", "missing.db"], "no such database"),
    (["--from", "2026-02-30"], "not a date YYYY-MM-DD"),
    (["--from", "2026-03-16", "--to", "2026-03-12"], "is after"),
    (["--group", "没有这个群"], "no group named"),
    (["--tz", "Mars/Olympus"], "unknown time zone"),
])
def test_cli_bad_input_is_a_clear_error(db, tiny_model_path, tmp_path, args, message):
    base = [] if "--db" in args else ["--db", db]
    result = run("report", *base, *args, "--model", tiny_model_path)
    assert result.exit_code != 0 and message in result.output


def test_cli_bad_config_is_a_clear_error(db, tiny_model_path, tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text('[report]\nwork_start = "8点半"\n', encoding="utf-8")
    result = run("audit", "--db", db, "--model", tiny_model_path, "--config", config)
    assert result.exit_code != 0 and "not a clock time" in result.output


# --- /stats and /audit ---

def test_admin_report_summarises_and_writes_xlsx(week, tmp_path):
    config = Config(report=ReportConfig(export_dir=str(tmp_path / "exports")))
    text, path = admin_report(week, TRUTH, config, kind="report")
    assert "2026-03-12 至 2026-03-16" in text and "要求留痕 11 条（73%）" in text
    assert "一事多群 4 项" in text and path.parent == tmp_path / "exports"
    assert "要求留痕最多的单位：镇应急办 5 条、县应急局 3 条、柳河村 2 条" in text
    assert load_workbook(path).sheetnames == REPORT_SHEETS
    text, path = admin_report(week, TRUTH, config, kind="audit")
    assert "共 4 个群，4 个群有标记" in text and f"· {D}：使用率低" in text
    assert load_workbook(path).sheetnames[0] == "工作群"
