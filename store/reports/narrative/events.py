"""One event, or a record's changes since the client signed, as a sentence:
the title first, the changes, then the reason (``Why:``), date and who must
confirm again in brackets."""
from __future__ import annotations

from store.model.records import flatten, jsonable
from store.model.schema import KINDS
from store.reports.common import ref
from store.reports.narrative.fields import _join, field_change, rich
from store.reports.narrative.ids_text import with_titles

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection, Iterable
    from typing import Any

    from store.model.records import Record
    from store.reports.common import Ctx
    from store.reports.narrative.fields import Sentence

# --- one event ------------------------------------------------------------------

def author_name(author: object) -> str:
    """``王五 <wang@example.com>`` -> ``王五``."""
    return str(author or "").split(" <")[0].strip()


def title_of(ctx: Ctx, e: dict[str, Any]) -> str:
    """How a sentence names the event's record: its title, then its id."""
    if e.get("id") == "project":
        return ctx.name
    rec = ctx.get(e["id"])
    return ref(ctx.lang, rec.title if rec else e.get("title") or "", e["id"])


def signoff_phrase(ctx: Ctx, by: str | None, on: object, via: str | None,
                   inside: bool = False) -> str:
    """``张伟（甲方）于 2026-11-05 通过邮件确认`` / ``confirmed by 张伟 (client)
    via email on 2026-11-05``; ``inside`` (the phrase stands in brackets):
    ``甲方张伟于 …`` / ``confirmed by client 张伟 …``, no bracket in it."""
    who = (_side_first(ctx, by) if inside else ctx.owner(by)) if by else \
        ctx.tr("the client", "甲方")
    if ctx.lang == "zh" and who[-1:].isascii():
        who += " "  # "Ms Lee 于", never "Ms Lee于"
    on = str(on or "")[:10]
    if via:
        from store.reports.common import via_word
        return ctx.tr("confirmed by {b} via {v} on {o}", "{b}于 {o} 通过{v}确认",
                      b=who, v=via_word(ctx, via), o=on)
    return ctx.tr("confirmed by {b} on {o}", "{b}于 {o} 确认", b=who, o=on)


def _side_first(ctx: Ctx, name: str) -> str:
    """``甲方张伟`` / ``client 张伟``: ``Ctx.owner`` without its brackets."""
    name = " ".join(str(name or "").split())
    side = ctx.side(name)
    if not side:
        return name
    label = ctx.t(side) if side in ("client", "vendor", "third-party") else side
    return f"{label}{name}" if ctx.lang == "zh" else f"{label} {name}"


def bracket(ctx: Ctx, parts: list[str]) -> str:
    """The non-empty ``parts`` in the language's brackets ("" when none)."""
    parts = [p for p in parts if p]
    if not parts:
        return ""
    return ctx.tr(" ({p})", "（{p}）", p=ctx.tr("; ", "；").join(parts))


def why_text(ctx: Ctx, why: object) -> str:
    """A commit's ``Why:`` on one line, the ids in it with their titles,
    without brackets of its own: it is always told inside the sentence's
    brackets (``bracket``), and ``（周例会（MTG-2）同意）`` would nest."""
    w = " ".join(str(why or "").split())
    return with_titles(ctx, w, inside=True) if w else ""


def changes(ctx: Ctx, kind: str, fields: dict[str, Any],
            only: Collection[str] | None = None) -> list[Sentence]:
    """The sentences of a ``{name: [before, after]}`` map (``only``: the
    field names, or their heads, to tell; others are left out)."""
    out = []
    for name, (a, b) in fields.items():
        if only is not None and name not in only and name.split(".")[0] not in only:
            continue
        if name.startswith("confirmation."):
            continue
        out.extend(field_change(ctx, kind, name, a, b))
    return out


def compose(ctx: Ctx, head: str, body: list[Sentence],
            tail: Iterable[str] = ()) -> Sentence:
    """``{head}：{sentence}；{sentence}（{tail}；{tail}）`` as one sentence."""
    return rich(head, ctx.tr(": ", "："), *_join(body, ctx.tr("; ", "；")),
                bracket(ctx, list(tail)))


def event_sentence(ctx: Ctx, e: dict[str, Any], *, who: bool = False, when: bool = True,
                   extra: Iterable[str] = ()) -> Sentence:
    """One sentence for one event: ``{title}：{changes}（{why}；{date}）``."""
    head = title_of(ctx, e)
    act = e.get("action")
    kind = e.get("kind") or ""
    if act == "create":
        body = [rich(ctx.tr("created", "新建"))]
    elif act == "delete":
        body = [rich(ctx.tr("deleted", "删除"))]
    elif act == "renumber" and "id" in e.get("fields", {}):
        a, b = e["fields"]["id"]
        body = [rich(ctx.tr("renumbered from {a} to {b}", "编号由 {a} 改为 {b}", a=a, b=b))]
    elif act == "confirm":
        f = e.get("fields") or {}
        rec = ctx.get(e["id"])
        conf = (rec.data.get("confirmation") if rec else None) or {}

        def val(n):
            v = (f.get(f"confirmation.{n}") or [None, None])[1]
            return v if v not in (None, "") else conf.get(n)
        body = [rich(signoff_phrase(ctx, val("by"), val("on") or e.get("date", "")[:10],
                                    val("via")))]
    else:
        body = changes(ctx, kind, e.get("fields") or {})
        if not body:
            body = [rich(ctx.tr("edited", "已修改"))]
    tail = [why_text(ctx, e.get("why"))]
    if who:
        tail.append(author_name(e.get("author")))
    if when:
        tail.append(str(e.get("date") or "")[:10])
    tail.extend(extra)
    return compose(ctx, head, body, tail)


# --- what changed since the client signed ---------------------------------------

def since_signoff(ctx: Ctx, rec: Record, events: list[dict[str, Any]],
                  head: bool | str = True) -> Sentence:
    """What changed in ``rec``'s agreed fields after the client's last
    sign-off, from its events (store.history.record_events, oldest first):
    the signed value against today's, with the commits' reasons and who must
    confirm again.  ``head=False``: without the title and the sign-off (a
    table row that has them in its own columns); ``"signed"``: without the
    title (an item already titled)."""
    last = max((i for i, e in enumerate(events) if e["action"] == "confirm"), default=None)
    if last is None:  # the sign-off was not found: say what is known
        events = []
        last = -1
    agreed = rec.kind.agreed
    first: dict[str, object] = {}
    whys: list[str] = []
    for e in events[last + 1:]:
        hit = False
        for name, (a, _b) in (e.get("fields") or {}).items():
            if name.split(".")[0] in agreed:
                first.setdefault(name, a)
                hit = True
        w = why_text(ctx, e.get("why"))
        if hit and w and w not in whys:
            whys.append(w)
    flat = {}
    for name, was in first.items():
        v: object = rec.data
        for part in name.split("."):
            v = v.get(part) if isinstance(v, dict) else None
        flat[name] = [was, jsonable(v)]
    conf = rec.data.get("confirmation") or {}
    body = changes(ctx, rec.kind.name, flat)
    if not body:
        body = [rich(ctx.tr("agreed fields changed", "签认内容已修改"))]
    by = conf.get("by")
    pending = ctx.tr("needs re-confirmation by {b}", "待{b}重新确认",
                     b=by or ctx.tr("the client", "甲方"))
    if not head:
        return rich(*_join(body, ctx.tr("; ", "；")), bracket(ctx, [*whys, pending]))
    signed = signoff_phrase(ctx, by, conf.get("on"), conf.get("via"), inside=True)
    head = ctx.tr("Changed after sign-off (the version {s}): ", "签认后修改（{s}的版本）：",
                  s=signed) if head == "signed" else ctx.tr(
        "{t}: changed after sign-off (the version {s}): ", "{t}：签认后修改（{s}的版本）：",
        t=ctx.ref(rec), s=signed)
    return rich(head, *_join(body, ctx.tr("; ", "；")), bracket(ctx, [*whys, pending]))



def scope_changes(ctx: Ctx, events: Iterable[dict[str, Any]]) -> list[Sentence]:
    """The period's changes to what the client agreed (the agreed fields of
    signed requirements and change requests), one sentence per event,
    oldest first; a record whose sign-off went stale says who must confirm
    again."""
    out = []
    for e in events:
        k = KINDS.get(e.get("kind") or "")
        if not k or not k.agreed or e.get("action") not in ("edit", "move"):
            continue
        rec = ctx.get(e["id"])
        if rec is None or rec.signoff == "none":
            continue  # never signed: not (yet) agreed scope
        body = changes(ctx, k.name, e.get("fields") or {}, only=k.agreed)
        if not body:
            continue
        tail = [why_text(ctx, e.get("why")), str(e.get("date") or "")[:10]]
        if rec.signoff == "stale":
            by = (rec.data.get("confirmation") or {}).get("by")
            tail.append(ctx.tr("needs re-confirmation by {b}", "待{b}重新确认",
                               b=by or ctx.tr("the client", "甲方")))
        out.append(compose(ctx, title_of(ctx, e), body, tail))
    return out


# --- the histories those stories need, read once ------------------------------------

RECENT_COMMITS = 3000  # at most this many newest commits are read whole
WINDOW_DAYS = 7        # otherwise: the days after a sign-off searched for it


def signed_histories(ctx: Ctx, recs: Iterable[Record],
                     confirms: tuple | None = None) -> dict[str, list[dict[str, Any]]]:
    """{id: events} for ``since_signoff``, for records whose sign-off went
    stale, with one read of the history for all of them.

    When the commits since the oldest of their sign-offs are few (at most
    RECENT_COMMITS), those are read whole: every edit with its reason.  On a
    long history each record gets instead its confirm event (searched in
    the WINDOW_DAYS after the date its sign-off records) and one event from
    the signed version to the document's: the same sentence, without the
    reasons.  No commit after the document's point (``ctx.rev``) is read.
    ``confirms``: (ids of commits, {id: the project's confirm events in
    those commits, oldest first}), e.g. what the summary's fold keeps: when
    those commits include every one searched, no event is read for them."""
    import datetime as dt

    from store import history
    from store.history.asof import commits_until, count_at_most
    from store.history.confirms import confirm_commits
    recs = [r for r in recs if (r.data.get("confirmation") or {}).get("on")]
    if not recs:
        return {}
    ons = {r.id: str(r.data["confirmation"]["on"])[:10] for r in recs}
    oldest = (dt.date.fromisoformat(min(ons.values())) - dt.timedelta(days=1)).isoformat()
    wanted = set(ons)
    # from the oldest sign-off up to the document's own point (ctx.rev), never past it
    listed = history.listed_already(ctx.ws, ctx.rev)  # (the summary listed them just now)
    many = (sum(1 for c in listed if c.day >= oldest) if listed is not None
            else count_at_most(ctx.ws, ctx.rev, oldest, RECENT_COMMITS))
    if many <= RECENT_COMMITS:
        recent = commits_until(ctx.ws, ctx.rev, oldest)
        by_commit = history.events_of(ctx.ws, recent, records=wanted)
        out: dict[str, list] = {rid: [] for rid in wanted}
        for c in recent:
            for e in by_commit.get(c.id, ()):
                if e["id"] in wanted and e["project"] == ctx.project:
                    out[e["id"]].append(e)
        return out
    days = set()  # every day of every window, so a commit is one lookup
    for on in set(ons.values()):
        first = dt.date.fromisoformat(on)
        days.update((first + dt.timedelta(days=n)).isoformat() for n in range(WINDOW_DAYS + 1))
    # a confirm event comes only from a commit with a sign-off's trailers:
    # git's message search finds those, no tree of the long history is read
    near = [c for c in confirm_commits(ctx.ws, ctx.rev, oldest, wanted) if c.day in days]
    if confirms is not None and all(c.id in confirms[0] for c in near):
        confirms = _last_confirms(near, wanted, confirms[1])
    else:
        by_commit = history.events_of(ctx.ws, near, records=wanted)
        confirms = {}
        for c in near:
            for e in by_commit.get(c.id, ()):
                if e["id"] in wanted and e["action"] == "confirm" \
                        and e["project"] == ctx.project:
                    confirms[e["id"]] = e  # the last one in the window
    out = {}
    from dataclasses import replace
    signed_versions = history.parsed_versions(
        ctx.ws.git, [confirms[r.id].new_blob for r in recs if r.id in confirms])
    for r in recs:
        e = confirms.get(r.id)
        signed = signed_versions[e.new_blob][0] if e else None
        if signed is None:
            out[r.id] = []
            continue
        before, after = flatten(signed), flatten(jsonable(r.data))
        fields = {n: [jsonable(before.get(n)), after.get(n)]
                  for n in dict.fromkeys([*before, *after])
                  if n.split(".")[0] in r.kind.agreed
                  and jsonable(before.get(n)) != after.get(n)}
        out[r.id] = [e, replace(e, action="edit", why=None, fields=fields)]
    return out


def _last_confirms(near: list, wanted: set, kept: dict) -> dict:
    """{id: its last confirm event in the commits ``near`` (in their order)},
    from ``kept`` ({id: confirm events}) instead of reading the events."""
    at = {c.id: i for i, c in enumerate(near)}
    out = {}
    for rid in wanted:
        best = -1
        for e in kept.get(rid, ()):
            i = at.get(e.commit, -1)
            if i >= best and i >= 0:
                best, out[rid] = i, e
    return out
