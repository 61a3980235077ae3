"""Showing a digest: plain text for chat (split under a size limit), Markdown, HTML, JSON."""
from __future__ import annotations

import html
import json
import re

from bot.digest import Digest, DigestItem
from classifiers.labels import DEMAND_LABELS

WEEKDAYS = "一二三四五六日"
SHORT = 90
TEXT_SHORT = 60  # chat text is read on a phone: one screen line or two per notice
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;\n])")


def shorten(text: str, limit: int = SHORT, tail: bool = True) -> str:
    """Long notices: the opening sentences up to `limit` characters, then an ellipsis with the
    full length (the full text is one step away: HTML/Markdown/JSON, or `jianfu show ID`)."""
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) <= limit:
        return flat
    kept = ""
    for sentence in _SENTENCE_END.split(flat):
        if len(kept) + len(sentence) > limit:
            break
        kept += sentence
    if len(kept) < limit // 2:
        kept = flat[:limit]
    return f"{kept.rstrip()}…" + (f"（全文{len(flat)}字）" if tail else "")


def when(moment) -> str:
    return moment.strftime("%m-%d %H:%M")


def deadline_text(item: DigestItem, today=None) -> str:
    """'⏰ 今天17:00前', '⏰ 明天', '⏰ 06-19（周五）18:00前' — relative to the digest's day."""
    if not item.deadline:
        return ""
    moment = item.deadline
    if today is not None and moment.date() == today:
        day = "今天"
    elif today is not None and (moment.date() - today).days == 1:
        day = "明天"
    else:
        day = f"{moment.strftime('%m-%d')}（周{WEEKDAYS[moment.weekday()]}）"
    end_of_day = (moment.hour, moment.minute, moment.second) == (23, 59, 59)
    return f"⏰ {day}" + ("内" if end_of_day else f"{moment.strftime('%H:%M')}前")


def demand_text(item: DigestItem) -> str:
    return " ".join(DEMAND_LABELS[d] for d in item.demands if d in DEMAND_LABELS)


def groups_text(item: DigestItem, most: int = 3) -> str:
    shown = "、".join(item.groups[:most])
    return shown + (f"等{len(item.groups)}个群" if len(item.groups) > most else "")


def headline(digest: Digest) -> str:
    who = f"{digest.cadre} 的" if digest.cadre else ""
    day = f"{digest.date.isoformat()}（周{WEEKDAYS[digest.date.weekday()]}）"
    return f"📋 {who}工作日报 {day}"


def summary_line(digest: Digest) -> str:
    return (f"今日 {digest.active_groups} 个群 {digest.messages:,} 条消息 → "
            f"{len(digest.certain_items)} 项" +
            (f"（另有 {len(digest.uncertain_items)} 项待确认）" if digest.uncertain_items else ""))


def footer_line(digest: Digest) -> str:
    f = digest.filtered
    return (f"已过滤：收到类 {f['ack']:,} 条 · 留痕提交 {f['evidence_submission']:,} 条 · "
            f"闲聊/其他 {f['chatter']:,} 条")


def sections(digest: Digest) -> list[tuple[str, list[DigestItem]]]:
    certain = digest.certain_items
    return [(title, items) for title, items in [
        ("@我的", [i for i in certain if i.mentions_cadre]),
        ("工作事项", [i for i in certain if not i.mentions_cadre]),
        ("可能需要关注（系统不确定）", digest.uncertain_items),
    ] if items]


def numbered(digest: Digest) -> list[tuple[str, list[tuple[int, DigestItem]]]]:
    """The sections with items numbered straight through, as every format shows them."""
    result, number = [], 0
    for title, items in sections(digest):
        result.append((title, [(number + i, item) for i, item in enumerate(items, start=1)]))
        number += len(items)
    return result


# --- plain text ---

def item_text(number: int, item: DigestItem, today=None) -> str:
    """Two lines: the notice (shortened), then deadline, demands, where, who, burden."""
    mark = "【留痕】" if item.kind == "evidence_demand" else ""
    facts = [p for p in (deadline_text(item, today), demand_text(item)) if p]
    facts += [groups_text(item, most=1), f"{item.sender} {item.first_ts.strftime('%H:%M')}"]
    if item.acks or item.submissions:
        facts.append(f"收到{item.acks} 提交{item.submissions}")
    return f"{number}. {mark}{shorten(item.text, TEXT_SHORT, tail=False)}\n   {' ｜ '.join(facts)}"


def uncertain_text(number: int, item: DigestItem) -> str:
    return f"{number}. {shorten(item.text, 30, tail=False)}（{groups_text(item, most=1)}）"


def render_text(digest: Digest, limit: int = 4096) -> list[str]:
    """Chat-sized chunks, split between items (never inside one), each at most `limit` chars."""
    blocks = [f"{headline(digest)}\n{summary_line(digest)}"]
    blocks += [f"⚠️ {w}" for w in digest.warnings]
    for title, items in numbered(digest):
        blocks.append(f"【{title}】")
        for number, item in items:
            blocks.append(uncertain_text(number, item) if item.uncertain
                          else item_text(number, item, digest.date))
    if not digest.items:
        blocks.append("今天没有需要处理的工作事项。")
    blocks.append(f"—— {footer_line(digest)}\n全文：/full 编号（或 HTML 版日报）")
    return pack(blocks, limit)


def pack(blocks: list[str], limit: int) -> list[str]:
    chunks: list[str] = []
    current = ""
    for block in blocks:
        block = block if len(block) <= limit else block[:limit - 1] + "…"
        joined = f"{current}\n{block}" if current else block
        if len(joined) > limit:
            chunks.append(current)
            current = block
        else:
            current = joined
    if current:
        chunks.append(current)
    return chunks


# --- Markdown ---

def render_markdown(digest: Digest) -> str:
    out = [f"# {headline(digest)}", "", f"**{summary_line(digest)}**", ""]
    out += [f"> ⚠️ {w}" for w in digest.warnings]
    for title, items in numbered(digest):
        out += [f"## {title}", ""]
        for number, item in items:
            mark = " `留痕`" if item.kind == "evidence_demand" else ""
            out.append(f"### {number}. {shorten(item.text, 60)}{mark}")
            out.append("")
            facts = [deadline_text(item, digest.date), demand_text(item),
                     f"群：{'、'.join(item.groups)}", f"{item.sender} {when(item.first_ts)}",
                     f"收到 {item.acks} · 提交 {item.submissions}"]
            out += [f"- {fact}" for fact in facts if fact]
            out += ["", "<details><summary>全文</summary>", "", _md_quote(item.text), "",
                    "</details>", ""]
    out += ["---", "", footer_line(digest), ""]
    return "\n".join(out)


def _md_quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


# --- HTML ---

_CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;
margin:0;background:#f4f5f7;color:#1f2328;line-height:1.55}
main{max-width:720px;margin:0 auto;padding:16px}
h1{font-size:1.25rem;margin:.5rem 0}.summary{color:#57606a;margin-bottom:1rem}
h2{font-size:1.05rem;margin:1.4rem 0 .6rem;border-left:4px solid #c8102e;padding-left:8px}
.item{background:#fff;border-radius:10px;padding:12px 14px;margin:10px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.item.evidence_demand{border-left:4px solid #d4a017}.item.uncertain{opacity:.85;border-left:4px dashed #8c959f}
.text{font-size:1rem;margin:0 0 6px}.meta{font-size:.85rem;color:#57606a}
.tag{display:inline-block;background:#fff4d6;border-radius:6px;padding:1px 6px;margin:2px 4px 2px 0;font-size:.82rem}
.due{background:#ffe3e3;color:#a40e26}.mention{background:#dbeafe}
details{font-size:.9rem;margin-top:6px}details p{white-space:pre-wrap}
footer{color:#57606a;font-size:.85rem;margin:1.5rem 0}.warn{background:#fff8c5;padding:8px;border-radius:8px}
"""


def render_html(digest: Digest) -> str:
    e = html.escape
    parts = [f"<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
             f"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
             f"<title>{e(headline(digest))}</title><style>{_CSS}</style></head><body><main>",
             f"<h1>{e(headline(digest))}</h1><p class=\"summary\">{e(summary_line(digest))}</p>"]
    parts += [f"<p class=\"warn\">⚠️ {e(w)}</p>" for w in digest.warnings]
    for title, items in numbered(digest):
        parts.append(f"<h2>{e(title)}</h2>")
        parts += [_html_item(number, item, digest.date) for number, item in items]
    parts.append(f"<footer>{e(footer_line(digest))}</footer></main></body></html>")
    return "".join(parts)


def _html_item(number: int, item: DigestItem, today=None) -> str:
    e = html.escape
    tags = []
    if item.mentions_cadre:
        tags.append('<span class="tag mention">@我</span>')
    if item.deadline:
        tags.append(f'<span class="tag due">{e(deadline_text(item, today))}</span>')
    tags += [f'<span class="tag">{e(DEMAND_LABELS[d])}</span>' for d in item.demands]
    classes = f"item {item.kind}" + (" uncertain" if item.uncertain else "")
    full = (f"<details><summary>全文（{len(item.text)}字）</summary><p>{e(item.text)}</p></details>"
            if shorten(item.text) != re.sub(r"\s+", " ", item.text).strip() else "")
    return (f'<section class="{classes}"><p class="text">{number}. {e(shorten(item.text))}</p>'
            f"<div>{''.join(tags)}</div>"
            f'<p class="meta">{e("、".join(item.groups))} ｜ {e(item.sender)} {when(item.first_ts)}'
            f" ｜ 收到 {item.acks} · 提交 {item.submissions}</p>{full}</section>")


def render_json(digest: Digest) -> str:
    return json.dumps(digest.as_json(), ensure_ascii=False, indent=2)


def render(digest: Digest, fmt: str, limit: int = 4096) -> str:
    if fmt == "text":
        return "\n\n".join(render_text(digest, limit))
    return {"markdown": render_markdown, "html": render_html, "json": render_json}[fmt](digest)
