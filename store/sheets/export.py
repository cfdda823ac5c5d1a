"""The requirement tracking matrix (需求跟踪矩阵) as the client opens it:
an .xlsx (styled, frozen header row, filters, column widths, dates as real
dates, words instead of stored values; written by ``xlsx``) or a .csv (UTF-8 with a BOM, so
Excel reads the Chinese right).  Headers follow the workspace's language,
and the file imports back unchanged: its headers are ones the import knows,
and Accord's own columns (status, sign-off, change requests) are read back
as known and left alone."""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from pathlib import Path

from store.model import ids
from store.reports.common import STATUS_WORDS
from store.model.schema import CHANGE, REQUIREMENT
from store.sheets.reading import guard
from store.sheets.words import MATRIX, PRIORITY_OUT, SIGNOFF_OUT, SOURCE_OUT, word
from store.sheets.xlsx import workbook_bytes

WIDTHS = {"id": 12, "source_ref": 12, "title": 32, "statement": 48, "priority": 9,
          "status": 12, "signoff_by": 10, "signoff_on": 12, "signoff": 14,
          "acceptance": 40, "changes": 12, "change_state": 12, "source": 10,
          "client_contact": 12}
WRAPPED = ("statement", "acceptance", "changes", "change_state")


def headers(lang: str) -> list[str]:
    return [zh if lang == "zh" else en for _f, en, zh in MATRIX]


def matrix_rows(ws, slug: str, lang: str) -> list[list]:
    """One row per requirement, in id order: the cells of ``MATRIX`` (text,
    or a date for the sign-off date)."""
    index = ws.load(slug, [REQUIREMENT, CHANGE])
    reqs = sorted(index.of_kind(REQUIREMENT), key=lambda r: ids.sort_key(r.id))
    crs_of: dict[str, list] = {}
    for cr in sorted(index.of_kind(CHANGE), key=lambda r: ids.sort_key(r.id)):
        for rid in (cr.data.get("affects") or []) + (cr.data.get("links") or []):
            if isinstance(rid, str) and rid.startswith("REQ-") and \
                    cr not in crs_of.setdefault(rid, []):
                crs_of[rid].append(cr)
    out = []
    for r in reqs:
        d = r.data
        conf = d.get("confirmation") if isinstance(d.get("confirmation"), dict) else {}
        crs = list(crs_of.get(r.id, []))
        for rid in d.get("links") or []:
            if isinstance(rid, str) and rid.startswith("CR-"):
                cr = index.records.get(rid)
                if cr is not None and cr not in crs:
                    crs.append(cr)
        on = conf.get("on")
        status = d.get("status")
        acc = d.get("acceptance")
        cells = {
            "id": r.id, "source_ref": _text(d.get("source_ref")),
            "title": _text(d.get("title")), "statement": _text(d.get("statement")),
            "priority": word(lang, PRIORITY_OUT, d.get("priority")),
            "status": word(lang, STATUS_WORDS, status),
            "signoff_by": _text(conf.get("by")),
            "signoff_on": on if isinstance(on, dt.date) else _text(on),
            "signoff": word(lang, SIGNOFF_OUT, r.signoff),
            "acceptance": "\n".join(str(x) for x in acc) if isinstance(acc, list) else _text(acc),
            "changes": "\n".join(cr.id for cr in crs),
            "change_state": "\n".join(word(lang, STATUS_WORDS, cr.status) for cr in crs),
            "source": word(lang, SOURCE_OUT, d.get("source")),
            "client_contact": _text(d.get("client_contact")),
        }
        out.append([cells[f] for f, _en, _zh in MATRIX])
    return out


def _text(v) -> str:
    return "" if v is None else str(v)


def export_matrix(ws, slug: str, fmt: str, lang: str | None = None,
                  out: str | Path | None = None) -> bytes | None:
    """Write the matrix to ``out`` (atomically), or return the bytes when
    ``out`` is None (csv to stdout)."""
    lang = lang or ws.language
    rows = matrix_rows(ws, slug, lang)
    data = xlsx_bytes(rows, lang) if fmt == "xlsx" else csv_bytes(rows, lang)
    if out is None:
        return data
    ws.guard_write()  # a read-only workspace (accord serve) writes no file
    path = Path(out)
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".",
                               prefix=f".{path.name}.tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return None


def csv_bytes(rows: list[list], lang: str) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(headers(lang))
    for r in rows:
        w.writerow([v.isoformat() if isinstance(v, dt.date) else guard(v) for v in r])
    return buf.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows: list[list], lang: str) -> bytes:
    fields = [f for f, _en, _zh in MATRIX]
    return workbook_bytes("需求跟踪矩阵" if lang == "zh" else "Traceability matrix",
                          headers(lang), rows, [WIDTHS.get(f, 12) for f in fields],
                          {fields.index(f) for f in WRAPPED})
