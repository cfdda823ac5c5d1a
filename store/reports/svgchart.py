"""A report's ``chart`` block as an inline SVG (hand-written: lines or
bars, an axis of whole numbers or days, a legend), for the HTML page.

A chart block::

    {"type": "chart", "chart": "lines" | "bars", "title": text,
     "labels": [x label, ...], "series": [{"name": text, "values": [n|None]}],
     "note": text or absent, "axis": what the labels are (Word's table)}

Every text is escaped (user text such as a baseline's name is data); a
``None`` value leaves a gap in its line.
"""
from __future__ import annotations

import html
import math

from store.reports.render import visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


W, H = 600, 240                  # the drawing's size in SVG units
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 16, 56
COLOURS = ("#1f77b4", "#ff7f0e", "#9467bd", "#2ca02c", "#d62728", "#17becf")


def _e(text) -> str:
    return html.escape(visible(text), quote=True)


def _step(top: float) -> float:
    """A round step giving about four gridlines up to ``top``."""
    raw = max(top, 1) / 4
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * mag:
            return max(1, m * mag)
    return 10 * mag


class Frame:
    """Where a chart block's weeks and values fall in a drawing of ``w`` by
    ``h`` with the given margins: one slot per label, a round scale from 0
    to ``top`` in steps of ``step`` (shared by the SVG and the PNG)."""

    def __init__(self, block: dict[str, Any], w: float, h: float, left: float,
                 right: float, top_m: float, bottom: float) -> None:
        self.labels = list(block.get("labels") or [])
        self.series = [s for s in block.get("series") or [] if s.get("values")]
        self.n = max(len(self.labels), 1)
        values = [v for s in self.series for v in s["values"] if v is not None]
        self.step = _step(max(values, default=1))
        self.top = self.step * math.ceil(max(values, default=1) / self.step) or self.step
        self.left, self.top_m = left, top_m
        self.pw, self.ph = w - left - right, h - top_m - bottom
        self.slot = self.pw / self.n

    def x(self, i: int) -> float:
        """The middle of label ``i``'s slot."""
        return self.left + self.slot * (i + 0.5)

    def y(self, v: float) -> float:
        """The height of value ``v`` on the scale."""
        return self.top_m + self.ph - self.ph * v / self.top


def svg(block: dict[str, Any]) -> str:
    """The block as ``<figure>`` with an inline ``<svg>`` and its caption."""
    f = Frame(block, W, H, LEFT, RIGHT, TOP, BOTTOM)
    labels, series, step, top, ph, slot, x, y = (
        f.labels, f.series, f.step, f.top, f.ph, f.slot, f.x, f.y)
    title = block.get("title") or ""
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" '
           f'width="100%" style="max-width:{W}px" role="img" aria-label="{_e(title)}" '
           'font-family="sans-serif" font-size="11">']
    g = 0.0
    while g <= top + 1e-9:
        out.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y(g):.1f}" y2="{y(g):.1f}" '
                   'stroke="#ddd"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y(g) + 4:.1f}" text-anchor="end">'
                   f'{_fmt(g)}</text>')
        g += step
    for i, lab in enumerate(labels):
        out.append(f'<text x="{x(i):.1f}" y="{TOP + ph + 16}" text-anchor="middle">'
                   f'{_e(lab)}</text>')
    if block.get("chart") == "bars":
        out += _bars(series, x, y, slot)
    else:
        out += _lines(series, x, y)
    lx = LEFT
    for k, s in enumerate(series):
        colour = COLOURS[k % len(COLOURS)]
        out.append(f'<rect x="{lx}" y="{H - 20}" width="10" height="10" fill="{colour}"/>')
        name = _e(s.get("name") or "")
        out.append(f'<text x="{lx + 14}" y="{H - 11}">{name}</text>')
        lx += 24 + 12 * len(visible(s.get("name") or ""))
    out.append("</svg>")
    cap = f"<figcaption>{_e(title)}</figcaption>"
    note = f'<p class="chart-note">{_e(block["note"])}</p>' if block.get("note") else ""
    return f'<figure class="chart">{cap}{"".join(out)}{note}</figure>'


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.1f}"


def _bars(series, x, y, slot) -> list[str]:
    out = []
    k_n = max(len(series), 1)
    bw = slot * 0.6 / k_n
    for k, s in enumerate(series):
        colour = COLOURS[k % len(COLOURS)]
        for i, v in enumerate(s["values"]):
            if not v:
                continue
            left = x(i) - slot * 0.3 + k * bw
            out.append(f'<rect x="{left:.1f}" y="{y(v):.1f}" width="{bw:.1f}" '
                       f'height="{y(0) - y(v):.1f}" fill="{colour}">'
                       f'<title>{_e(s.get("name") or "")}: {_fmt(v)}</title></rect>')
    return out


def _lines(series, x, y) -> list[str]:
    out = []
    for k, s in enumerate(series):
        colour = COLOURS[k % len(COLOURS)]
        run: list[str] = []
        runs = [run]
        for i, v in enumerate(s["values"]):
            if v is None:
                run = []
                runs.append(run)
                continue
            run.append(f"{x(i):.1f},{y(v):.1f}")
            out.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}">'
                       f'<title>{_e(s.get("name") or "")}: {_fmt(v)}</title></circle>')
        for r in runs:
            if len(r) > 1:
                out.append(f'<polyline points="{" ".join(r)}" fill="none" '
                           f'stroke="{colour}" stroke-width="2"/>')
    return out
