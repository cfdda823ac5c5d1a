"""A report's ``chart`` block (see store/reports/svgchart.py) as a PNG
picture, for Word, which takes no SVG: gridlines, bars or lines with
their points, in the SVG's colours.  No text is drawn (no font is at
hand): the Word renderer puts the title above and the numbers, with the
week labels and the series' names, in a table below.  Hand-written (zlib
and struct) so Word output needs nothing beyond python-docx; the same
block gives the same bytes.
"""
from __future__ import annotations

import struct
import zlib

from store.reports.svgchart import COLOURS, Frame

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


W, H = 600, 200
LEFT, RIGHT, TOP, BOTTOM = 20, 20, 16, 16
GRID = (221, 221, 221)
AXIS = (120, 120, 120)


def _rgb(hexcolour: str) -> tuple[int, int, int]:
    h = hexcolour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


class _Canvas:
    def __init__(self, w: int, h: int):
        self.w, self.h = w, h
        self.px = bytearray(b"\xff" * (w * h * 3))

    def dot(self, x: int, y: int, c) -> None:
        if 0 <= x < self.w and 0 <= y < self.h:
            i = (y * self.w + x) * 3
            self.px[i:i + 3] = bytes(c)

    def rect(self, x0, y0, x1, y1, c) -> None:
        a, b = max(0, round(x0)), min(self.w, round(x1))
        if b <= a:
            return
        row = bytes(c) * (b - a)
        for y in range(max(0, round(y0)), min(self.h, round(y1))):
            i = (y * self.w + a) * 3
            self.px[i:i + len(row)] = row

    def line(self, x0, y0, x1, y1, c, width: int = 3) -> None:
        steps = max(1, int(max(abs(x1 - x0), abs(y1 - y0))))
        r = width // 2
        for s in range(steps + 1):
            x = round(x0 + (x1 - x0) * s / steps)
            y = round(y0 + (y1 - y0) * s / steps)
            self.rect(x - r, y - r, x - r + width, y - r + width, c)

    def disc(self, cx, cy, radius, c) -> None:
        for y in range(int(cy - radius), int(cy + radius) + 1):
            for x in range(int(cx - radius), int(cx + radius) + 1):
                if (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius:
                    self.dot(x, y, c)

    def png(self) -> bytes:
        raw = b"".join(b"\x00" + bytes(self.px[y * self.w * 3:(y + 1) * self.w * 3])
                       for y in range(self.h))

        def chunk(kind: bytes, data: bytes) -> bytes:
            return (struct.pack(">I", len(data)) + kind + data
                    + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
        return (b"\x89PNG\r\n\x1a\n"
                + chunk(b"IHDR", struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def png(block: dict[str, Any]) -> bytes:
    """The block's picture as PNG bytes."""
    f = Frame(block, W, H, LEFT, RIGHT, TOP, BOTTOM)
    series, n, step, top, ph, slot, x, y = (
        f.series, f.n, f.step, f.top, f.ph, f.slot, f.x, f.y)
    cv = _Canvas(W, H)
    g = 0.0
    while g <= top + 1e-9:
        cv.rect(LEFT, y(g), W - RIGHT, y(g) + 1, GRID)
        g += step
    for i in range(n):  # a tick under each week
        cv.rect(x(i), TOP + ph, x(i) + 1, TOP + ph + 6, AXIS)
    cv.rect(LEFT, TOP + ph, W - RIGHT, TOP + ph + 2, AXIS)
    bars = block.get("chart") == "bars"
    bw = slot * 0.6 / max(len(series), 1)
    for k, s in enumerate(series):
        c = _rgb(COLOURS[k % len(COLOURS)])
        last = None
        for i, v in enumerate(s["values"]):
            if v is None:
                last = None
                continue
            if bars:
                if v:
                    left = x(i) - slot * 0.3 + k * bw
                    cv.rect(left, y(v), left + bw, y(0), c)
                continue
            if last is not None:
                cv.line(x(last[0]), y(last[1]), x(i), y(v), c)
            cv.disc(x(i), y(v), 4, c)
            last = (i, v)
    return cv.png()
