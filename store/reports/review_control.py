"""The review pack's document control: its number and version (V1.n, one
more for each kept review report of the same stage), the revision history,
the distribution list (the meeting's attendees, else the project's people)
and the header that names them."""
from __future__ import annotations

import datetime as dt

from store.model import ids
from store.reports.common import Ctx, as_date, d, h3, section, table
from store.reports.review_asks import _person


def document_control(ctx: Ctx, target, start, end, stage_text: str) -> tuple:
    """(title, header rows, the control section, number, version) of the
    pack for meeting ``target`` (or None) over the stage ``start``..``end``."""
    tr = ctx.tr
    vendor = ctx.side_people("vendor")
    client = ctx.side_people("client")
    preparer = _person(ctx, vendor[0]) if vendor else "—"
    title = tr("Review pack — {n}", "{n} 评审会材料", n=ctx.name)
    if target is not None:
        title = tr("Review pack — {n}: {m}", "{n} {m}材料", n=ctx.name, m=target.title)
    kept = [r for r in ctx.of("report") if r.data.get("type") == "review"
            and as_date(r.data.get("period_start")) == start]
    kept.sort(key=lambda r: (as_date(r.data.get("sent_on")) or dt.date.min,
                             ids.sort_key(r.id)))
    version = f"V1.{len(kept)}"
    number = f"{ctx.project.upper()}-REV-{ctx.today:%Y%m%d}"
    rev_rows = [[f"V1.{i}", d(r.data.get("sent_on")) or "—",
                 tr("Sent to the client ({r})", "已发送甲方（{r}）", r=r.id), preparer]
                for i, r in enumerate(kept)]
    rev_rows.append([version, d(ctx.today),
                     tr("First issue for the review meeting", "首次发布，供评审会使用")
                     if not kept else tr("Updated from the records up to {d}",
                                         "根据截至 {d} 的记录更新", d=d(end)),
                     preparer])
    if target is not None and (target.data.get("attendees_client")
                               or target.data.get("attendees_vendor")):
        dist = [(x, "client") for x in target.data.get("attendees_client") or []] + \
               [(x, "vendor") for x in target.data.get("attendees_vendor") or []]
    else:
        dist = [(x, "client") for x in client] + [(x, "vendor") for x in vendor[:1]]
    side_word = {"client": tr("Client", "甲方"), "vendor": tr("Vendor", "乙方")}
    dist_rows = [[str(n), side_word[s], str((ctx.people().get(str(n)) or {}).get("role") or "—")]
                 for n, s in dict.fromkeys(dist)]
    header = [[tr("Project", "项目名称"), ctx.name],
              [ctx.t("client_name"), ctx.client or "—"],
              [tr("Document no.", "文档编号"), number],
              [ctx.t("version"), version],
              [tr("Stage under review", "评审阶段"), stage_text],
              [tr("Prepared by", "编写"), preparer],
              [tr("Reviewed by", "审核"), ""],
              [tr("Approved by", "批准"), ""],
              [ctx.t("date"), d(ctx.today)]]
    control = section(
        "control", tr("Document control", "文档控制"),
        h3(tr("Revision history", "修订记录")),
        table([tr("Version", "版本"), tr("Date", "日期"), tr("Change", "修订说明"),
               tr("By", "修订人")], rev_rows),
        h3(tr("Distribution", "分发")),
        table([tr("Name", "姓名"), tr("Side", "单位"), tr("Role", "职务")], dist_rows,
              empty=tr("No stakeholders are recorded for this project yet.",
                       "项目记录中尚未登记干系人。")))
    return title, header, control, number, version
