"""Writing a report or audit (the dicts `bot.report` builds) out:

- JSON: the dict itself, for machines.
- CSV: one file per table in a folder (`summary.csv`, `by_type.csv`, …, see `report_tables` and
  `audit_tables`), UTF-8 with a BOM so Excel and WPS open the Chinese correctly.
- XLSX: one sheet per table, header row frozen, columns sized to their content.
- HTML: one self-contained page with inline SVG charts (no script, no network); Chinese is drawn
  in the viewer's own fonts through a CJK font stack.
"""
from __future__ import annotations

import csv
import html
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.charts import bar_chart, column_chart, text_width
from bot.units import UNKNOWN as UNKNOWN_UNIT
from classifiers.labels import DEMAND_LABELS, DEMANDS, KIND_LABELS

WEEKDAYS = "一二三四五六日"
CHARTED = {"by_hour", "by_day"}  # tables whose every number a chart already shows
TOP_UNITS = 15  # the units chart shows the most demanding named units; the table lists them all
LONG_TABLE = 30
FORMATS = ("json", "csv", "xlsx", "html")
FLAG_LABELS = {"low_use": "使用率低", "duplicate_of": "与他群重复", "evidence_heavy": "留痕要求多",
               "ranking": "排名通报", "forced_download": "强制下载", "after_hours": "非工作时间发消息"}


def demand_name(demand: str) -> str:
    """照片, 截图 …: the digest's label without its emoji (charts may lack an emoji font)."""
    return DEMAND_LABELS.get(demand, demand).split(" ", 1)[-1]


def flag_label(flag: str) -> str:
    name, _, other = flag.partition(":")
    return f"与「{other}」重复" if name == "duplicate_of" else FLAG_LABELS.get(name, name)


# --- tables: what CSV, XLSX and the HTML tables show ---

@dataclass
class Column:
    header: str
    style: str = "text"  # text | long (free text) | int | num | pct (a share 0..1)


@dataclass
class Table:
    slug: str  # CSV file name
    title: str  # sheet name and heading
    columns: list[Column]
    rows: list[list]


def table(slug: str, title: str, headers: list, rows: list[list]) -> Table:
    """Headers are names, or (name, style) pairs."""
    columns = [Column(*h) if isinstance(h, tuple) else Column(h) for h in headers]
    return Table(slug, title, columns, rows)


def _counts(slug: str, title: str, key: str, counts: dict) -> Table:
    return table(slug, title, [key, ("留痕要求（条）", "int")], [[k, n] for k, n in counts.items()])


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def period_text(doc: dict) -> str:
    return f"{doc['from']} 至 {doc['to']}" if doc["from"] else "（暂无记录）"


def report_tables(doc: dict) -> list[Table]:
    ev = doc["evidence_demands"]
    return [
        table("summary", "概况", ["指标", "数值"], summary_rows(doc)),
        table("by_type", "按留痕类型",
              ["类型", "代码", ("留痕要求（条）", "int"), ("去重后通知（项）", "int")],
              [[demand_name(d), d, n, ev["unique_by_type"][d]] for d, n in ev["by_type"].items()]),
        _counts("by_group", "按群", "群", ev["by_group"]),
        _counts("by_unit", "按单位", "单位", ev["by_unit"]),
        _counts("by_issuer", "按发布人", "发布人", ev["by_issuer"]),
        table("by_day", "按日期", ["日期", "星期", ("留痕要求（条）", "int")],
              [[d, f"周{WEEKDAYS[date.fromisoformat(d).weekday()]}", n]
               for d, n in ev["by_day"].items()]),
        _counts("by_hour", "按小时", "小时", ev["by_hour"]),
        _notices_table("ack_burden", "收到负担最重的通知", doc["ack_burden"]["worst"], doc),
        _time_cost_table(doc["time_cost"]),
        _after_hours_table(doc["after_hours"]),
        _notices_table("duplicate_notices", "一事多群", doc["duplicate_notices"]["notices"], doc),
    ]


def summary_rows(doc: dict) -> list[list]:
    ev, burden, cost = doc["evidence_demands"], doc["ack_burden"], doc["time_cost"]
    late, dup = doc["after_hours"], doc["duplicate_notices"]
    return [
        ["时间范围", period_text(doc)], ["群数", len(doc["groups"])], ["消息总数", doc["messages"]],
        *[[KIND_LABELS.get(kind, kind), n] for kind, n in doc["by_kind"].items()],
        ["工作消息（指令+留痕要求）", doc["actionable"]],
        ["存疑的工作消息（是工作消息的可能性较低，不计入统计）", doc["doubtful_work"]],
        ["留痕要求（条，转发到各群分别计）", ev["total"]],
        ["留痕要求（去重后通知，项）", ev["unique"]],
        ["工作消息中要求留痕的比例", _percent(ev["share_of_actionable"])],
        ["排名/通报（条 / 项）", _messages_and_notices(doc["ranking_notices"])],
        ["强制下载/注册/转发（条 / 项）", _messages_and_notices(doc["forced_downloads"])],
        ["要求回复收到/接龙（条 / 项）", _messages_and_notices(doc["ack_demands"])],
        ["每项通知的收到回复（平均 / 中位数）", _mean_and_median(burden, "acks")],
        ["每项通知的留痕提交（平均 / 中位数）", _mean_and_median(burden, "submissions")],
        ["估计耗时（人·分钟）", cost["person_minutes"]],
        [f"非工作时间的工作消息（工作时间 {late['working_hours']}，含周末）",
         f"{late['total']}（{_percent(late['share'])}）"],
        ["一事多群的通知（项 / 份）", f"{dup['count']} / {dup['copies']}"],
        ["人员", "实名" if doc["privacy"]["names"] == "real" else "已匿名化（人员-编号）"],
    ]


def _messages_and_notices(counts: dict) -> str:
    return f"{counts['total']} / {counts['unique']}"


def _mean_and_median(burden: dict, what: str) -> str:
    return f"{burden['mean'][what]:g} / {burden['median'][what]:g}"


def _notices_table(slug: str, title: str, notices: list[dict], doc: dict) -> Table:
    headers = ["通知编号", "首次发布", "类别", ("要求", "long"), "来源单位", "发布人", ("群数", "int"),
               ("群", "long"), ("份数", "int"), ("收到", "int"), ("提交", "int"), ("合计", "int")]
    with_text = doc["privacy"]["text"]
    rows = []
    for n in notices:
        rows.append([n["id"], n["first_ts"][:16].replace("T", " "), KIND_LABELS[n["kind"]],
                     "、".join(demand_name(d) for d in n["demands"]), n["unit"], n["issuer"],
                     len(n["groups"]), "、".join(n["groups"]), n["copies"], n["acks"],
                     n["submissions"], n["burden"]] + ([n["text"]] if with_text else []))
    return table(slug, title, headers + ([("内容", "long")] if with_text else []), rows)


def _time_cost_table(cost: dict) -> Table:
    model = cost["model"]
    per_type = "、".join(f"{demand_name(d)}{minutes:g}分钟"
                         for d, minutes in model["minutes_per_demand_type"].items())
    submission_rule = (f"按所答通知要求的类型累加：{per_type}；"
                       f"未指明类型 {model['minutes_per_submission']:g} 分钟")
    rows = [["收到类回复", cost["acks"]["count"], f"每条 {model['seconds_per_ack']:g} 秒",
             cost["acks"]["person_minutes"]],
            ["留痕提交", cost["submissions"]["count"], submission_rule,
             cost["submissions"]["person_minutes"]],
            ["合计", "", f"约 {cost['person_hours']:g} 人·小时", cost["person_minutes"]]]
    return table("time_cost", "时间成本", ["项目", "数量", ("估算方法", "long"), ("人·分钟", "num")],
                 rows)


def _after_hours_table(late: dict) -> Table:
    rows = [[group, c["work_messages"], c["outside_hours"], c["weekend"], c["total"], c["share"]]
            for group, c in late["by_group"].items()]
    rows.append(["合计", late["work_messages"], late["outside_hours"], late["weekend"],
                 late["total"], late["share"]])
    return table("after_hours", "非工作时间", [
        "群", ("工作消息", "int"), ("工作日下班时间", "int"), ("周末/节假日", "int"),
        ("合计", "int"), ("占比", "pct")], rows)


def audit_tables(doc: dict) -> list[Table]:
    headers = ["群", "平台", ("成员数", "int"), ("发言人数", "int"), "首次活跃", "最近活跃",
               ("活跃天数", "int"), ("消息数", "int"), ("活跃日均消息", "num"), ("噪音占比", "pct"),
               ("工作指令", "int"), ("留痕要求", "int"), ("留痕占工作消息", "pct"),
               *[(demand_name(d), "int") for d in DEMANDS],
               ("非工作时间工作消息", "int"), ("通知（项）", "int"), ("发布单位（项）", "long"),
               ("同样的通知也在", "long"), "标记"]
    rows = []
    for g in doc["groups"]:
        rows.append([
            g["group"], g["platform"], g["members_seen"], g["senders"], _clock(g["first_active"]),
            _clock(g["last_active"]), g["active_days"], g["messages"],
            g["messages_per_active_day"], g["noise_share"], g["directives"],
            g["evidence_demands"], g["evidence_share"],
            *[g["evidence_by_type"][d] for d in DEMANDS], g["after_hours"]["total"], g["notices"],
            _counted(g["units"]), _counted(g["duplicate_overlap"]),
            [flag_label(f["flag"]) for f in g["flags"]]])
    flags = [[g["group"], flag_label(f["flag"]), f["flag"], f["evidence"]]
             for g in doc["groups"] for f in g["flags"]]
    overlap = [[g["group"], other, n, n / g["notices"]]
               for g in doc["groups"] for other, n in g["duplicate_overlap"].items()]
    return [
        table("groups", "工作群", headers, rows),
        table("flags", "标记", ["群", "标记", "代码", ("依据", "long")], flags),
        table("overlap", "群间重复", ["群", "另一群", ("相同通知（项）", "int"), ("占本群通知", "pct")],
              overlap),
    ]


def _counted(counts: dict[str, int], what: str = "") -> str:
    """{"镇医保办": 6, "县应急局": 1} → 镇医保办（6）、县应急局（1）, or （6项） with what="项"."""
    return "、".join(f"{name}（{n}{what}）" for name, n in counts.items())


def _clock(stamp: str | None) -> str:
    return stamp[:16].replace("T", " ") if stamp else ""


def tables_of(doc: dict) -> list[Table]:
    return report_tables(doc) if doc["kind"] == "report" else audit_tables(doc)


def _plain(value):
    """A cell as CSV and XLSX hold it: lists joined."""
    return "；".join(value) if isinstance(value, list) else value


def _inert(value):
    """CSV text a spreadsheet would run as a formula (a group named "=…") gets a leading '."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        return "'" + value
    return value


# --- JSON, CSV, XLSX ---

def to_json(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2)


def write_csv(tables: list[Table], folder: str | Path) -> list[Path]:
    """One `<slug>.csv` per table; UTF-8 with BOM (utf-8-sig) for Excel and WPS."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for t in tables:
        path = folder / f"{t.slug}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([c.header for c in t.columns])
            writer.writerows([[_inert(_plain(v)) for v in row] for row in t.rows])
        paths.append(path)
    return paths


XLSX_FORMATS = {"pct": "0.0%", "num": "0.00", "int": "0"}


def write_xlsx(tables: list[Table], path: str | Path) -> Path:
    """One sheet per table, bold frozen header row, columns as wide as their content."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    book.remove(book.active)
    for t in tables:
        sheet = book.create_sheet(t.title[:31])  # Excel's limit on sheet names
        sheet.append([c.header for c in t.columns])
        for row in t.rows:
            sheet.append([_plain(v) for v in row])
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":  # text starting with "=" is data here, not a formula
                    cell.data_type = "s"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for index, column in enumerate(t.columns, start=1):
            letter = get_column_letter(index)
            if column.style in XLSX_FORMATS:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = XLSX_FORMATS[column.style]
            sheet.column_dimensions[letter].width = _column_width(column, t.rows, index - 1)
    book.save(path)
    return path


def _column_width(column: Column, rows: list[list], index: int) -> float:
    """In Excel's character units: a CJK character is two; capped so long text wraps the eye."""
    texts = [column.header] + [str(_plain(row[index])) for row in rows if index < len(row)]
    return min(max(text_width(t, 2) + 2 for t in texts), 60)


# --- HTML ---

FONT_STACK = ('"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC",'
              '"Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif')

_CSS = """
body{font-family:%s;margin:0;background:#f4f5f7;color:#1f2328;line-height:1.55}
main{max-width:1120px;margin:0 auto;padding:20px}
h1{font-size:1.5rem;margin:.3rem 0}.sub{color:#57606a;margin:0 0 1rem}
h2{font-size:1.1rem;margin:1.6rem 0 .7rem;border-left:4px solid #c8102e;padding-left:8px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:10px}
.card{background:#fff;border-radius:10px;padding:10px 14px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.card b{display:block;font-size:1.45rem;color:#c8102e}.card span{font-size:.85rem;color:#57606a}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:14px}
figure{background:#fff;border-radius:10px;margin:0;padding:12px 14px;box-shadow:0 1px 2px rgba(0,0,0,.08);overflow-x:auto}
figure.wide{grid-column:1/-1}figcaption{font-weight:600;margin-bottom:6px}
svg.chart{display:block;max-width:100%%;height:auto}
svg text{fill:#1f2328}
table{border-collapse:collapse;background:#fff;font-size:.86rem;min-width:60%%}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top;white-space:nowrap}
td.long{white-space:normal;min-width:14em;max-width:36em}
th{background:#f6f8fa;position:sticky;top:0;white-space:nowrap}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.wrap{overflow-x:auto}.wrap.long{max-height:640px;overflow-y:auto}
details{margin:1rem 0}summary{cursor:pointer;color:#57606a}
.group{background:#fff;border-radius:10px;padding:10px 14px;margin:10px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.group h3{margin:0 0 4px;font-size:1.05rem}.group .facts{color:#57606a;font-size:.88rem;margin:2px 0}
.group ul{margin:6px 0 0;padding-left:1.2em;font-size:.9rem}
.flag{display:inline-block;background:#ffe3e3;color:#a40e26;border-radius:6px;padding:0 6px;margin:1px 4px 1px 0;white-space:nowrap}
footer,.note{color:#57606a;font-size:.85rem;margin:1.2rem 0}
""" % FONT_STACK


def _page(title: str, subtitle: str, body: list[str]) -> str:
    e = html.escape
    return ("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            f"<title>{e(title)}</title><style>{_CSS}</style></head><body><main>"
            f"<h1>{e(title)}</h1><p class=\"sub\">{e(subtitle)}</p>{''.join(body)}"
            "<footer>由 jianfu 生成。人员已用编号代替（除非导出时指定实名）；消息原文仅在指定时附上。"
            "</footer></main></body></html>")


def _cards(items: list[tuple[str, str]]) -> str:
    e = html.escape
    return '<div class="cards">' + "".join(
        f'<div class="card"><b>{e(value)}</b><span>{e(name)}</span></div>'
        for value, name in items) + "</div>"


def _figure(caption: str, svg: str, wide: bool = False) -> str:
    opening = '<figure class="wide">' if wide else "<figure>"
    return f"{opening}<figcaption>{html.escape(caption)}</figcaption>{svg}</figure>"


def _cell(value, column: Column) -> str:
    e = html.escape
    if isinstance(value, list):
        return "<td>" + "".join(f'<span class="flag">{e(v)}</span>' for v in value) + "</td>"
    if column.style == "pct" and isinstance(value, (int, float)):
        return f'<td class="n">{_percent(value)}</td>'
    if column.style in ("int", "num"):
        return f'<td class="n">{e(f"{value:g}" if isinstance(value, float) else str(value))}</td>'
    return f'<td class="{column.style}">{e(str(value))}</td>'


def html_table(t: Table, folded: bool = False) -> str:
    """A table under its heading; `folded` ones (their numbers are on a chart) open on a click."""
    e = html.escape
    head = "".join(f"<th>{e(c.header)}</th>" for c in t.columns)
    body = "".join("<tr>" + "".join(_cell(v, c) for v, c in zip(row, t.columns)) + "</tr>"
                   for row in t.rows)
    if not t.rows:
        body = f'<tr><td colspan="{len(t.columns)}">无</td></tr>'
    scroll = " long" if len(t.rows) > LONG_TABLE else ""  # long ones scroll in a box
    grid = (f'<div class="wrap{scroll}"><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")
    if folded:
        return f"<details><summary>{e(t.title)}（表格）</summary>{grid}</details>"
    return f"<h2>{e(t.title)}</h2>{grid}"


def _burden_label(n: dict) -> str:
    where = n["groups"][0] + (f" 等{len(n['groups'])}群" if len(n["groups"]) > 1 else "")
    what = n.get("text") or "、".join(demand_name(d) for d in n["demands"]) or KIND_LABELS[n["kind"]]
    return f"{n['first_ts'][5:16].replace('T', ' ')} {where}｜{what}"


def report_html(doc: dict) -> str:
    ev, cost, late = doc["evidence_demands"], doc["time_cost"], doc["after_hours"]
    cards = _cards([
        (f"{doc['messages']:,}", "消息总数"), (f"{ev['total']:,}", f"留痕要求（去重后 {ev['unique']} 项）"),
        (_percent(ev["share_of_actionable"]), "工作消息中要求留痕"),
        (f"{doc['acks']:,} / {doc['evidence_submissions']:,}", "收到回复 / 留痕提交"),
        (f"{cost['person_minutes']:,g}", "估计耗时（人·分钟）"),
        (f"{late['total']:,}", f"非工作时间的工作消息（{_percent(late['share'])}）"),
        (f"{doc['duplicate_notices']['count']:,}", "一事多群的通知（项）"),
        (f"{doc['ranking_notices']['total']:,}", "排名/通报（条）"),
    ])
    worst = doc["ack_burden"]["worst"]
    charts = '<div class="charts">' + "".join([
        _figure("留痕要求：按类型（条）", bar_chart(
            [(demand_name(d), [n]) for d, n in sorted(ev["by_type"].items(), key=lambda kv: -kv[1])
             if n], "按类型")),
        _figure("留痕要求：按群（条）", bar_chart(
            [(group, [n]) for group, n in ev["by_group"].items()], "按群")),
        _figure(f"留痕要求：按单位（条，前{TOP_UNITS}）", bar_chart(
            [(unit, [n]) for unit, n in ev["by_unit"].items() if unit != UNKNOWN_UNIT][:TOP_UNITS],
            "按单位")),
        _figure("留痕要求：按发出时刻（点）", column_chart(list(ev["by_hour"].items()), "按小时")),
        _figure("留痕要求：按日期", column_chart(
            [(day[5:], n) for day, n in ev["by_day"].items()], "按日期")),
        _figure("收到负担最重的通知（收到 + 提交）", bar_chart(
            [(_burden_label(n), [n["acks"], n["submissions"]]) for n in worst], "收到负担",
            series=["收到类回复", "留痕提交"], width=1060), wide=True),
    ]) + "</div>"
    tables = "".join(html_table(t, folded=t.slug in CHARTED) for t in report_tables(doc))
    subtitle = (f"{period_text(doc)} · {len(doc['groups'])} 个群 · 时区 {doc['timezone']} · "
                f"工作时间 {late['working_hours']}（周一至周五）")
    return _page("留痕要求统计", subtitle, [cards, charts, tables])


def audit_html(doc: dict) -> str:
    groups = doc["groups"]
    flagged = [g for g in groups if g["flags"]]
    cards = _cards([(str(len(groups)), "工作群"), (str(len(flagged)), "有标记的群"),
                    *[(str(_groups_flagged(groups, name)), label)
                      for name, label in FLAG_LABELS.items()]])
    stacked = [(g["group"], [g["evidence_by_type"][d] for d in DEMANDS]) for g in groups]
    charts = '<div class="charts">' + "".join([
        _figure("各群留痕要求的类型（一条可含多种，次）", bar_chart(stacked, "各群留痕要求",
                                                series=[demand_name(d) for d in DEMANDS])),
        _figure("各群活跃日均消息（条）", bar_chart(
            [(g["group"], [g["messages_per_active_day"]]) for g in groups], "活跃日均消息")),
    ]) + "</div>"
    details = "<h2>逐群审计</h2>" + "".join(_group_card(g) for g in groups)
    tables = "".join(html_table(t, folded=t.slug == "overlap") for t in audit_tables(doc))
    subtitle = f"{period_text(doc)}（{doc['days']} 天）· 时区 {doc['timezone']}"
    return _page("工作群审计", subtitle, [cards, charts, details, tables])


def _group_card(g: dict) -> str:
    """One group as a reader scans it: use, load, demands, overlap, each flag's evidence."""
    e = html.escape
    demands = "、".join(f"{demand_name(d)}{n}" for d, n in g["evidence_by_type"].items() if n)
    overlap, units = _counted(g["duplicate_overlap"], "项"), _counted(g["units"], "项")
    facts = [
        f"{g['platform']} · 成员 {g['members_seen']} 人 · 活跃 {g['active_days']} 天 · "
        f"消息 {g['messages']} 条（活跃日均 {g['messages_per_active_day']:g}）· "
        f"噪音占比 {_percent(g['noise_share'])} · 最近活跃 {_clock(g['last_active']) or '—'}",
        f"工作指令 {g['directives']} 条 · 留痕要求 {g['evidence_demands']} 条"
        + (f"（{demands}）" if demands else "") + f" · 非工作时间 {g['after_hours']['total']} 条",
    ]
    if units:
        facts.append(f"发布单位：{units}")
    if overlap:
        facts.append(f"同样的通知也在：{overlap}")
    flags = "".join(f'<li><span class="flag">{e(flag_label(f["flag"]))}</span>'
                    f'{e(f["evidence"])}</li>' for f in g["flags"])
    return (f'<section class="group"><h3>{e(g["group"])}</h3>'
            + "".join(f'<p class="facts">{e(fact)}</p>' for fact in facts)
            + (f"<ul>{flags}</ul>" if flags else "") + "</section>")


def _groups_flagged(groups: list[dict], name: str) -> int:
    return sum(any(f["flag"].partition(":")[0] == name for f in g["flags"]) for g in groups)


def to_html(doc: dict) -> str:
    return report_html(doc) if doc["kind"] == "report" else audit_html(doc)


# --- one entry for the CLI ---

def export(doc: dict, fmt: str, out: str | Path | None) -> tuple[str | None, Path | None]:
    """Write `doc` as `fmt`: (text for standard output, None) or (None, the path written)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    if fmt == "csv":
        folder = Path(out or f"jianfu-{doc['kind']}-csv")
        write_csv(tables_of(doc), folder)
        return None, folder
    if fmt == "xlsx":
        return None, write_xlsx(tables_of(doc), out or f"jianfu-{doc['kind']}.xlsx")
    text = to_json(doc) if fmt == "json" else to_html(doc)
    if out is None:
        return text, None
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return None, path
