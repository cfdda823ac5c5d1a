"""Meeting agenda lines, the meeting a command names, and document control
(编号, 版本, 发出日期, 修订记录, 分发) on every document."""
from __future__ import annotations

import datetime as dt
import re

from store.model import ids
from store.model.records import Record
from store.reports.common import Ctx, as_date, d, h3, kv, section, table, ul


_AGENDA_SPLIT = re.compile(r"\s*[|｜]\s*")
_MINUTES = re.compile(r"(\d{1,3})\s*(?:min|mins|minutes|分钟|分)?", re.I)


def agenda_item(text: str) -> tuple[str, int | None, list[str]]:
    """(topic, minutes, presenters) of one agenda line.  A line may add its
    time and presenter after bars: ``设计方案 | 30 分钟 | 刘洋`` or
    ``Design | 30 min | Alice`` (either order; ``｜`` works too); a line
    without bars is all topic."""
    topic, *rest = _AGENDA_SPLIT.split(text.strip())
    minutes = None
    who = []
    for part in rest:
        m = _MINUTES.fullmatch(part)
        if m and minutes is None:
            minutes = int(m.group(1))
        elif part:
            who.append(part)
    return topic, minutes, who


def meeting_record(ctx: Ctx, mid: str, what: str) -> Record:
    """The meeting ``mid`` of the project, or the error naming the way out
    (``what`` says where the id came from, e.g. ``--meeting MTG-3``)."""
    from store.errors import InvalidValue, UnknownRecord
    kind, _ = ids.parse_id(mid)
    if kind.name != "meeting":
        raise InvalidValue(f"{what}: that is a {kind.name}, not a meeting; "
                           f"`accord list meeting` shows the meetings")
    m = ctx.get(mid)
    if m is None:
        raise UnknownRecord(f"{what}: no such meeting in project {ctx.project}; "
                            f"`accord list meeting` shows the ids")
    return m


# --- document control (编号, 版本, 发出日期, 修订记录, 分发) on every document -------

DOC_CODES = {"progress": "PR", "minutes": "MIN", "requirements": "SRS", "final": "SUM",
             "review": "REV", "summary": "RS"}


def doc_control(ctx: Ctx, kind: str, key: str, kept: list, issued: dt.date) -> dict:
    """Number, version, issue date, revision history and distribution of a
    document, from the kept (sent) reports of it (oldest first): none or
    one kept is version 1.0; each re-issue adds 0.1 and a revision line.
    The issue date is the latest kept report's, else ``issued``."""
    tr = ctx.tr
    vendor = ctx.side_people("vendor")
    preparer = vendor[0] if vendor else "—"
    rows = []
    for i, r in enumerate(kept):
        rows.append([f"1.{i}", d(r.data.get("sent_on")) or "—",
                     tr("First issue", "首次发出") if i == 0 else tr("Re-issued", "重新发出"),
                     preparer])
    if not rows:
        rows.append(["1.0", d(issued), tr("First issue", "首次发出"), preparer])
    last = kept[-1] if kept else None
    sent_to = [str(x) for x in (last.data.get("sent_to") or [])] if last else []
    dist = sent_to or ctx.side_people("client")[:3] + vendor[:1]
    code = DOC_CODES.get(kind, kind[:3].upper())
    return {"number": f"{ctx.project.upper()}-{code}-{key}",
            "version": rows[-1][0],
            "issued": d(as_date(last.data.get("sent_on"))) if last else d(issued),
            "prepared_by": preparer, "revisions": rows,
            "distribution": [ctx.owner(n) for n in dist]}


def control_header(ctx: Ctx, control: dict) -> list[list[str]]:
    """The page-1 rows of document control."""
    return [[ctx.tr("Document no.", "文档编号"), control["number"]],
            [ctx.t("version"), control["version"]],
            [ctx.tr("Issued", "发出日期"), control["issued"]]]


def control_section(ctx: Ctx, control: dict) -> dict:
    """Revision history and distribution."""
    tr = ctx.tr
    return section(
        "control", tr("Document control", "文档控制"),
        kv(control_header(ctx, control)
           + [[tr("Prepared by", "编写"), control["prepared_by"]]]),
        h3(tr("Revision history", "修订记录")),
        table([tr("Version", "版本"), tr("Date", "日期"), tr("Change", "修订说明"),
               tr("By", "修订人")], control["revisions"]),
        h3(tr("Distribution", "分发")),
        ul(control["distribution"], empty=tr("No stakeholders are recorded yet.",
                                             "项目记录中尚未登记干系人。")))
