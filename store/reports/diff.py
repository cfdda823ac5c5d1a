"""``accord diff BASELINE`` as a document: what changed since a baseline,
record by record, field by field."""
from __future__ import annotations

import json

from .common import Ctx, doc, p, section, table
from .summary import field_label


def _show(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, str):
        return v
    return json.dumps(v, ensure_ascii=False)


def build(ctx: Ctx, diff: dict) -> dict:
    tr = ctx.tr
    words = {"added": tr("added", "新增"), "changed": tr("changed", "修改"),
             "removed": tr("removed", "删除")}
    sections = []
    counts = {k: sum(1 for r in diff["records"] if r["change"] == k) for k in words}
    sections.append(section("overview", tr("Overview", "概要"), p(tr(
        "Since baseline {b} ({c}): {a} added, {m} changed, {r} removed.",
        "自基线 {b}（{c}）以来：新增 {a} 条，修改 {m} 条，删除 {r} 条。",
        b=diff["baseline"], c=diff["commit"][:7], a=counts["added"],
        m=counts["changed"], r=counts["removed"]))))
    for r in diff["records"]:
        name = ctx.tr("project", "项目") if r["id"] == "project" else r["id"]
        title = f"{words[r['change']]}：{r['title']}（{name}）" if ctx.lang == "zh" else \
            f"{words[r['change']]}: {r['title']} ({name})"
        rows = [[field_label(r["kind"], k, ctx.lang), _show(a), _show(b)]
                for k, (a, b) in r["fields"].items()
                if not k.endswith("fingerprint")]
        blocks = [table([tr("Field", "字段"), tr("Baseline", "基线"), tr("Now", "现在")], rows)]
        if r.get("signoff") == "stale":
            blocks.insert(0, p(tr("Changed since the client signed it off.",
                                  "甲方签认后已修改。")))
        if r.get("problem"):
            blocks.append(p(r["problem"]))
        sections.append(section(r["id"], title, *blocks))
    t = tr("Changes since baseline {b} — {n}", "{n}：基线 {b} 以来的变化",
           b=diff["baseline"], n=ctx.name)
    return doc("diff", ctx, t, [], sections, **diff)
