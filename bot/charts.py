"""Small inline SVG charts for the HTML report: no script, no network, no library. Text is drawn
in the page's font (the CSS font stack), so Chinese labels render wherever the page does."""
from __future__ import annotations

import math
from html import escape

PALETTE = ("#c8102e", "#d4a017", "#2f6fb0", "#3a9a5b", "#8a55b5", "#e07b39", "#4aa3a2",
           "#7a7f87", "#b5446e")
FONT = 13
ROW = 26
BAR = 16


def text_width(text: str, size: float = FONT) -> float:
    """Rough rendered width: CJK and full-width characters are one em, others about half."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.58 for ch in text)


def fit(text: str, width: float, size: float = FONT) -> str:
    """`text`, cut with an ellipsis to fit `width`."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def _svg(width: float, height: float, label: str, body: list[str]) -> str:
    return (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} '
            f'{height:g}" width="{width:g}" height="{height:g}" role="img" '
            f'aria-label="{escape(label)}">' + "".join(body) + "</svg>")


def _empty(width: float, label: str) -> str:
    return _svg(width, 40, label, [f'<text x="8" y="25" font-size="{FONT}" fill="#57606a">'
                                   f'无数据</text>'])


def _legend(series: list[str], width: float) -> tuple[list[str], float]:
    """Colour keys, wrapped onto as many lines as they need; returns them and their height."""
    parts, x, y = [], 0.0, 4.0
    for i, name in enumerate(series):
        step = 28 + text_width(name, 12)
        if x and x + step > width:
            x, y = 0.0, y + 18
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="12" height="12" rx="2" '
                     f'fill="{PALETTE[i % len(PALETTE)]}"/>'
                     f'<text x="{x + 16:.1f}" y="{y + 11:.1f}" font-size="12">'
                     f'{escape(name)}</text>')
        x += step
    return parts, y + 20


def bar_chart(rows: list[tuple[str, list[float]]], label: str, series: list[str] | None = None,
              width: float = 560) -> str:
    """Horizontal bars, one a row, stacked when a row has several values (one per series)."""
    if not rows or not any(sum(values) for _, values in rows):
        return _empty(width, label)
    label_width = min(max(text_width(name) for name, _ in rows) + 12, width * 0.42)
    body, top = _legend(series, width) if series and len(series) > 1 else ([], 4.0)
    plot = width - label_width - 48  # room for the total after the bar
    most = max(sum(values) for _, values in rows)
    for i, (name, values) in enumerate(rows):
        y = top + i * ROW
        body.append(f'<text x="{label_width - 8:.1f}" y="{y + ROW / 2 + 4.5:.1f}" '
                    f'font-size="{FONT}" text-anchor="end"><title>{escape(name)}</title>'
                    f'{escape(fit(name, label_width - 10))}</text>')
        x = label_width
        for j, value in enumerate(values):
            span = value / most * plot
            if span > 0:
                tip = f"{series[j]}：{value:g}" if series else f"{value:g}"
                body.append(f'<rect x="{x:.1f}" y="{y + (ROW - BAR) / 2:.1f}" width="{span:.1f}" '
                            f'height="{BAR}" rx="2" fill="{PALETTE[j % len(PALETTE)]}">'
                            f'<title>{escape(name)} {escape(tip)}</title></rect>')
            x += span
        body.append(f'<text x="{x + 6:.1f}" y="{y + ROW / 2 + 4.5:.1f}" font-size="{FONT}" '
                    f'fill="#57606a">{sum(values):g}</text>')
    return _svg(width, top + len(rows) * ROW + 6, label, body)


def column_chart(rows: list[tuple[str, float]], label: str, width: float = 560,
                 height: float = 200) -> str:
    """Vertical columns in order (hours of the day, days), labels thinned to stay legible."""
    if not rows or not any(value for _, value in rows):
        return _empty(width, label)
    left, bottom, top = 8, 22, 18
    slot = (width - left * 2) / len(rows)
    plot = height - bottom - top
    most = max(value for _, value in rows)
    step = max(1, math.ceil((max(text_width(name, 11) for name, _ in rows) + 6) / slot))
    body = [f'<line x1="{left}" y1="{top + plot:.1f}" x2="{width - left}" y2="{top + plot:.1f}" '
            f'stroke="#8c959f"/>']
    for i, (name, value) in enumerate(rows):
        x = left + i * slot
        tall = value / most * plot
        if value:
            body.append(f'<rect x="{x + slot * 0.15:.1f}" y="{top + plot - tall:.1f}" '
                        f'width="{slot * 0.7:.1f}" height="{tall:.1f}" rx="2" fill="{PALETTE[0]}">'
                        f'<title>{escape(name)}：{value:g}</title></rect>'
                        f'<text x="{x + slot / 2:.1f}" y="{top + plot - tall - 4:.1f}" '
                        f'font-size="11" text-anchor="middle">{value:g}</text>')
        if i % step == 0:
            body.append(f'<text x="{x + slot / 2:.1f}" y="{height - 6:.1f}" font-size="11" '
                        f'text-anchor="middle" fill="#57606a">{escape(name)}</text>')
    return _svg(width, height, label, body)
