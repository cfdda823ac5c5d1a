"""Build a realistic Accord workspace for benchmarks, fast.

    python tests/bench/generate.py [--records 10000] [--commits 50000]
                                   [--projects 1] [--out DIR] [--force]

The whole history goes through one ``git fast-import`` process: an init
commit, the project(s), one commit per record created, then edits (status
moves, field edits, sign-offs) with Accord's subject/body/trailers, some hand
edits without trailers, a few deletions; author dates spread over about two
years (UTC+8).  Records cover every kind of ``store.model.schema`` with Chinese and
English text and pass ``store.model.records.validate_record``.

Without ``--out`` the workspace is cached under ``<repo>/.bench/`` (gitignored)
and reused when it already exists with the same parameters.
"""
from __future__ import annotations

import argparse
import bisect
import datetime as dt
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from store.model import codec, toml_source  # noqa: E402
from store.model.records import diff_fields, fingerprint, validate_record  # noqa: E402
from store.model.schema import CHOICE, DATE, ID, IDS, INT, KINDS, LIST, LONGTEXT, NUMBER, TABLE, TABLES, TEXT, TIME, PROJECT_FIELDS  # noqa: E402
from store.commit import commit_message, _subject, _trailers  # noqa: E402

GENERATOR_VERSION = 2
END = dt.datetime(2026, 11, 20, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
SPAN = dt.timedelta(days=730)
TZ = "+0800"

# share of records per kind (the rest of the weights is relative)
KIND_WEIGHTS = {"requirement": 24, "change": 6, "decision": 8, "feedback": 12,
                "meeting": 8, "action": 14, "issue": 6, "report": 4,
                "training": 2, "ticket": 10, "touchpoint": 5, "lesson": 1}

PEOPLE = [("张伟", "zhang.wei@vendor.cn"), ("李娜", "li.na@vendor.cn"),
          ("王芳", "wang.fang@vendor.cn"), ("刘洋", "liu.yang@vendor.cn"),
          ("陈静", "chen.jing@vendor.cn"), ("Alice Chen", "alice@vendor.cn"),
          ("Bob Miller", "bob@vendor.cn"), ("赵磊", "zhao.lei@vendor.cn")]
CLIENTS = ["周总", "孙经理", "吴主任", "郑工", "Mr. Smith", "Ms. Lee", "黄科长"]

ZH_SUBJ = ["登录", "报表", "审批流程", "客户档案", "短信通知", "数据导出", "权限管理",
           "对账单", "工作台", "移动端", "接口", "日志审计", "批量导入", "消息中心",
           "合同管理", "积分", "工单", "首页", "搜索", "支付"]
ZH_VERB = ["支持", "优化", "新增", "调整", "修复", "取消", "统一", "完善", "简化"]
ZH_OBJ = ["企业微信扫码", "按部门筛选", "导出为 Excel", "性能", "字段校验", "多级审批",
          "超时提醒", "历史记录", "中英文切换", "打印格式", "分页加载", "模糊查询",
          "手机号脱敏", "操作留痕"]
EN_SUBJ = ["login", "reports", "approval flow", "customer profile", "SMS alerts",
           "data export", "permissions", "statements", "dashboard", "mobile app",
           "API", "audit log", "bulk import", "inbox", "contracts", "search"]
EN_VERB = ["support", "speed up", "add", "rework", "fix", "drop", "unify", "simplify"]
EN_OBJ = ["SSO with WeCom", "filter by department", "Excel export", "validation",
          "multi-level approval", "timeout reminders", "history", "paging",
          "fuzzy search", "masking of phone numbers", "print layout"]
ZH_SENT = ["客户在周会上提出该需求,希望下月上线。", "需与甲方信息科确认接口格式。",
           "现有流程需要人工录入,效率较低。", "业务部门反馈操作步骤过多。",
           "已与项目经理沟通,影响范围可控。", "测试环境已验证通过。",
           "涉及第三方系统,需协调排期。", "上线后需安排用户培训。"]
EN_SENT = ["Raised by the client in the weekly call.", "Needs sign-off from IT.",
           "The current process is manual and slow.", "Users report too many steps.",
           "Impact agreed with the PM.", "Verified on staging.",
           "Depends on a third-party system.", "Training needed after go-live."]
TAGS = ["一期", "二期", "urgent", "UAT", "接口", "性能", "security", "移动端", "合规"]
PLACES = ["甲方三楼会议室", "线上腾讯会议", "乙方办公室", "Zoom", "客户现场"]


class Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)

    def zh(self) -> bool:
        return self.r.random() < 0.7

    def title(self) -> str:
        r = self.r
        if self.zh():
            return f"{r.choice(ZH_SUBJ)}{r.choice(ZH_VERB)}{r.choice(ZH_OBJ)}"
        return f"{r.choice(EN_VERB).capitalize()} {r.choice(EN_SUBJ)}: {r.choice(EN_OBJ)}"

    def text(self, lines: int = 3) -> str:
        pool = ZH_SENT if self.zh() else EN_SENT
        return "\n".join(self.r.choice(pool) for _ in range(self.r.randint(1, lines)))

    def person(self) -> str:
        return self.r.choice(PEOPLE)[0]

    def date_near(self, base: dt.date, lo: int = -10, hi: int = 30) -> dt.date:
        return base + dt.timedelta(days=self.r.randint(lo, hi))

    def value(self, f, base: dt.date, known_ids: list[str]):
        r, t = self.r, f.type
        if t == TEXT:
            if f.name in ("owner", "chair", "recorder", "trainer", "requested_by",
                          "reported_by", "escalated_to"):
                return self.person()
            if f.name in ("from", "with", "client_contact"):
                return r.choice(CLIENTS)
            if f.name == "place":
                return r.choice(PLACES)
            return self.title()
        if t == LONGTEXT:
            return self.text()
        if t == CHOICE:
            return r.choice(f.choices)
        if t == DATE:
            return self.date_near(base)
        if t == TIME:
            return f"{r.randint(8, 18):02d}:{r.choice((0, 15, 30, 45)):02d}"
        if t == INT:
            lo = f.minimum if f.minimum is not None else 0
            hi = f.maximum if f.maximum is not None else 40
            return r.randint(lo, hi)
        if t == NUMBER:
            return r.choice([r.randint(0, 50000), round(r.uniform(1, 5), 1)])
        if t == LIST:
            if f.name == "tags":
                return r.sample(TAGS, r.randint(1, 3))
            if f.name.startswith("attendees") or f.name in ("decided_by", "absent", "sent_to"):
                return r.sample([p[0] for p in PEOPLE] + CLIENTS, r.randint(1, 4))
            return [self.title() for _ in range(r.randint(1, 3))]
        if t == IDS:
            return r.sample(known_ids, min(len(known_ids), r.randint(1, 3))) if known_ids else None
        if t == ID:
            if known_ids and (not f.free_text_ok or r.random() < 0.6):
                return r.choice(known_ids)
            return r.choice(["email", "weekly call", "邮件确认", "电话"]) if f.free_text_ok else None
        if t == TABLE:
            if f.name == "confirmation":
                return None  # only through a sign-off
            out = {s.name: self.value(s, base, known_ids) for s in f.fields
                   if r.random() < 0.7}
            return {k: v for k, v in out.items() if v is not None} or None
        return None

    def record(self, kind, created: dt.date, known_ids: list[str]) -> dict:
        data: dict = {}
        for f in kind.fields:
            if f.name == "status":
                data["status"] = kind.initial
                continue
            if f.name == "created":
                data["created"] = created
                continue
            if f.type == TABLES:
                continue
            if not f.required and self.r.random() < 0.35:
                continue
            v = self.value(f, created, known_ids)
            if v is not None:
                data[f.name] = v
        return data


def dump(kind, data: dict) -> str:
    """TOML text in schema order, plain keys first then tables; the same
    shape Accord writes (toml_source.value_source for every value)."""
    multi = {f.name for f in kind.fields if f.type == LONGTEXT}
    plain, tables = [], []
    for k, v in data.items():
        if isinstance(v, dict):
            tables.append((k, v))
        else:
            plain.append(f"{toml_source.key_source(k)} = {toml_source.value_source(v, k in multi)}\n")
    out = "".join(plain)
    for k, v in tables:
        out += f"\n[{toml_source.key_source(k)}]\n" + "".join(
            f"{toml_source.key_source(sk)} = {toml_source.value_source(sv)}\n" for sk, sv in v.items())
    return out


def ordered(kind, data: dict) -> dict:
    order = [f.name for f in kind.fields]
    return {k: data[k] for k in order if k in data} | {
        k: v for k, v in data.items() if k not in order}


class Stream:
    """Buffered fast-import stream on a pipe."""

    def __init__(self, proc):
        self.p = proc
        self.buf: list[bytes] = []
        self.size = 0

    def w(self, b: bytes):
        self.buf.append(b)
        self.size += len(b)
        if self.size > 1 << 20:
            self.flush()

    def flush(self):
        self.p.stdin.write(b"".join(self.buf))
        self.buf, self.size = [], 0

    def data(self, text: str):
        b = text.encode("utf-8")
        self.w(b"data %d\n" % len(b) + b + b"\n")

    def commit(self, when: dt.datetime, who, message: str,
               files: dict[str, str | None]):
        ts = int(when.timestamp())
        ident = f"{who[0]} <{who[1]}> {ts} {TZ}\n".encode("utf-8")
        self.w(b"commit refs/heads/main\nauthor " + ident + b"committer " + ident)
        self.data(message)
        for path, text in files.items():
            if text is None:
                self.w(b"D " + path.encode("utf-8") + b"\n")
            else:
                self.w(b"M 100644 inline " + path.encode("utf-8") + b"\n")
                self.data(text)
        self.w(b"\n")


def project_toml(slug: str, i: int, start: dt.date) -> str:
    data = {
        "name": ["客户关系管理系统", "供应链协同平台", "移动办公门户", "数据中台"][i % 4]
                + (f" {i + 1}" if i >= 4 else ""),
        "client": ["某城市商业银行", "华东物流集团", "市第一人民医院", "Acme Retail"][i % 4],
        "status": "active",
        "start": start,
        "end": start + dt.timedelta(days=900),
        "goals": ["上线核心业务模块", "Go live with the customer portal"],
        "stakeholders": [
            {"name": "周总", "side": "client", "role": "项目发起人"},
            {"name": "张伟", "side": "vendor", "role": "项目经理", "contact": "zhang.wei@vendor.cn"},
        ],
        "milestones": [
            {"name": "需求确认", "baseline": start + dt.timedelta(days=60)},
            {"name": "上线", "baseline": start + dt.timedelta(days=400)},
        ],
    }
    from store.model.records import validate
    assert not validate(PROJECT_FIELDS, data), validate(PROJECT_FIELDS, data)
    return codec.new_document(data)


def generate(out: Path, records: int, commits: int, projects: int = 1,
             seed: int = 7, check: int = 200, quiet: bool = False) -> dict:
    t0 = time.perf_counter()
    g = Gen(seed)
    r = g.r
    start = END - SPAN
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True)
    for k, v in (("user.name", "Bench User"), ("user.email", "bench@example.com"),
                 ("gc.auto", "0"), ("core.quotepath", "off")):
        subprocess.run(["git", "-C", str(out), "config", k, v], check=True)

    slugs = [["crm-rollout", "scm-portal", "oa-mobile", "data-hub"][i % 4]
             + (f"-{i}" if i >= 4 else "") for i in range(projects)]
    n_deleted = max(1, records // 200) if records >= 200 else 0
    total = records + n_deleted
    kinds = list(KINDS.values())
    weights = [KIND_WEIGHTS[k.name] for k in kinds]
    rec_kind = r.choices(kinds, weights, k=total)
    fixed = 1 + projects
    # how many records each creation commit holds (1 unless commits are scarce)
    create_budget = max(1, commits - fixed - n_deleted)
    per_create = max(1, -(-total // create_budget))
    n_create_commits = -(-total // per_create)
    n_edits = max(0, commits - fixed - n_deleted - n_create_commits)

    first = start + dt.timedelta(hours=1)
    secs = int((END - first).total_seconds())
    # creation times: denser later (a growing workspace), sorted
    ctimes = sorted(first + dt.timedelta(seconds=int(secs * (r.random() ** 0.8)))
                    for _ in range(n_create_commits))
    deleted = set(r.sample(range(total), n_deleted)) if n_deleted else set()

    events = []  # (time, order, type, payload)
    for c, when in enumerate(ctimes):
        events.append((when, 0, "create", list(range(c * per_create,
                                                     min(total, (c + 1) * per_create)))))
    create_time = {}
    for c, when in enumerate(ctimes):
        for i in range(c * per_create, min(total, (c + 1) * per_create)):
            create_time[i] = when
    for i in deleted:
        dwhen = min(END, create_time[i] + dt.timedelta(hours=r.randint(1, 24 * 30)))
        events.append((dwhen, 2, "delete", i))
    survivors = [i for i in range(total) if i not in deleted]
    surv_times = [create_time[i] for i in survivors]
    e_from = ctimes[0] + dt.timedelta(minutes=5) if ctimes else first
    e_secs = max(60, int((END - e_from).total_seconds()))
    for _ in range(n_edits):
        events.append((e_from + dt.timedelta(seconds=int(e_secs * (r.random() ** 0.7))),
                       1, "edit", None))
    events.sort(key=lambda e: (e[0], e[1]))

    proc = subprocess.Popen(["git", "-C", str(out), "fast-import", "--quiet",
                             "--done"], stdin=subprocess.PIPE)
    s = Stream(proc)
    s.w(b"feature done\n")
    s.commit(start, PEOPLE[0], "accord: init workspace 交付工作区\n\nAccord-Action: init\n",
             {"accord.toml": codec.new_document({"format": 1, "name": "交付工作区",
                                                 "language": "zh"}),
              "projects/.gitkeep": ""})
    for i, slug in enumerate(slugs):
        s.commit(start + dt.timedelta(minutes=10 + i), PEOPLE[0],
                 f"{slug}: new project\n\nAccord-Project: {slug}\nAccord-Action: create\n",
                 {f"projects/{slug}/project.toml": project_toml(slug, i, start.date())})

    next_n = {(slug, k.name): 0 for slug in slugs for k in kinds}
    rid_of: dict[int, tuple] = {}  # index -> (slug, kind, rid, path)
    data_of: dict[int, dict] = {}
    known: dict[str, list[str]] = {slug: [] for slug in slugs}
    created = 0
    stats = {"create": 0, "edit": 0, "move": 0, "confirm": 0, "hand": 0, "delete": 0}

    def pick_record(when):
        k = bisect.bisect_right(surv_times, when)
        k = min(k, len(survivors))
        while k > 0 and survivors[k - 1] not in data_of:
            k -= 1
        if k == 0:
            return None
        if r.random() < 0.7:  # recent work is edited most
            j = k - 1 - min(k - 1, int(r.expovariate(1 / 150)))
        else:
            j = r.randrange(k)
        i = survivors[j]
        return i if i in data_of else None

    for when, _, typ, payload in events:
        who = r.choice(PEOPLE)
        if typ == "create":
            files = {}
            for i in payload:
                kind = rec_kind[i]
                slug = slugs[0] if projects == 1 else r.choices(
                    slugs, [max(1, 8 - j) for j in range(projects)])[0]
                next_n[(slug, kind.name)] += 1
                rid = f"{kind.prefix}-{next_n[(slug, kind.name)]}"
                path = f"projects/{slug}/{kind.folder}/{rid}.toml"
                data = ordered(kind, g.record(kind, when.date(), known[slug][-300:]))
                known[slug].append(rid)
                rid_of[i] = (slug, kind, rid, path)
                data_of[i] = data
                files[path] = dump(kind, data)
                created += 1
            if len(payload) == 1:
                slug, kind, rid, _ = rid_of[payload[0]]
                fields = diff_fields({}, data_of[payload[0]])
                msg = commit_message(f"{rid}: create {_short(_title(kind, data_of[payload[0]]))}",
                                     fields, None, _trailers(slug, rid, "create"))
            else:
                msg = f"import {len(payload)} records from the old spreadsheet\n"
            s.commit(when, who, msg, files)
            stats["create"] += 1
        elif typ == "delete":
            slug, kind, rid, path = rid_of[payload]
            old = data_of.pop(payload)
            fields = {k: [v, None] for k, v in _flat(old).items()}
            s.commit(when, who, commit_message(
                f"{rid}: delete {_short(_title(kind, old))}", fields,
                r.choice(["重复记录", "duplicate of another record", None]),
                _trailers(slug, rid, "delete")), {path: None})
            stats["delete"] += 1
        else:
            for _attempt in range(8):
                i = pick_record(when)
                if i is None:
                    continue
                slug, kind, rid, path = rid_of[i]
                before = data_of[i]
                after, action = _edit(g, kind, before, when.date(), known[slug][-300:])
                fields = diff_fields(before, after)
                if fields:
                    break
            else:
                continue
            data_of[i] = after
            if action == "hand":
                msg = r.choice([f"fix typo in {rid}", f"更新 {rid}", "tidy wording",
                                f"{rid}: 补充说明", "update after review"]) + "\n"
            else:
                why = r.choice([None, None, None, "客户周会确认", "agreed in the weekly call",
                                "按甲方要求调整\n详见会议纪要"])
                subject = (f"{rid}: confirm ({after['confirmation']['by']} via "
                           f"{after['confirmation']['via']})" if action == "confirm"
                           else _subject(rid, action, fields))
                msg = commit_message(subject, fields, why, _trailers(slug, rid, action))
            s.commit(when, who, msg, {path: dump(kind, after)})
            stats[action] += 1
    s.w(b"done\n")
    s.flush()
    proc.stdin.close()
    if proc.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "-C", str(out), "reset", "-q", "--hard", "main"], check=True)
    # check a sample against the schema
    bad = []
    items = list(data_of.items())
    for i, data in r.sample(items, min(check, len(items))):
        problems = validate_record(rid_of[i][1], data)
        text = (out / rid_of[i][3]).read_text("utf-8")
        if codec.parse(text) != data:
            problems.append("file does not parse back to its data")
        if problems:
            bad.append((rid_of[i][2], problems))
    if bad:
        raise SystemExit(f"generated records fail validation: {bad[:3]}")
    n_commits = int(subprocess.run(["git", "-C", str(out), "rev-list", "--count", "HEAD"],
                                   capture_output=True, text=True, check=True).stdout)
    info = {"path": str(out), "records": len(data_of), "commits": n_commits,
            "projects": slugs, "seconds": round(time.perf_counter() - t0, 1),
            "actions": stats, "version": GENERATOR_VERSION}
    (out / ".git" / "accord-bench.txt").write_text(repr(info))
    if not quiet:
        print(f"generated {info['records']} records, {n_commits} commits in "
              f"{info['seconds']} s -> {out}", file=sys.stderr)
    return info


def _title(kind, data) -> str:
    return str(data.get(kind.title_field, ""))


def _short(t: str, n: int = 50) -> str:
    t = " ".join(t.split())
    return t if len(t) <= n else t[: n - 1] + "…"


def _flat(data):
    from store.model.records import flatten
    return flatten(data)


def _edit(g: Gen, kind, before: dict, today: dt.date, known_ids):
    """A plausible change: a status move, a sign-off, a field edit or a hand
    edit of a text.  Returns (new data, action)."""
    r = g.r
    data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in before.items()}
    roll = r.random()
    if roll < 0.06:  # hand edit: reword a text field, no trailers
        texts = [f for f in kind.fields if f.type in (TEXT, LONGTEXT) and f.name != "status"]
        f = r.choice(texts)
        old = data.get(f.name)
        if f.type == LONGTEXT:
            data[f.name] = (old + "\n" if old else "") + g.text(1)
        else:
            data[f.name] = g.title()
        return ordered(kind, data), "hand"
    if kind.has_signoff and roll < 0.16 and data.get("status") not in (
            "rejected", "withdrawn", "implemented"):
        data["confirmation"] = {"by": r.choice(CLIENTS), "on": today,
                                "via": r.choice(["email", "weekly call", "邮件"]),
                                "fingerprint": fingerprint(kind, data)}
        order = kind.statuses
        st, target = data.get("status"), kind.signoff_status
        if target and st in order and order.index(st) < order.index(target):
            data["status"] = target
        return ordered(kind, data), "confirm"
    if kind.statuses and roll < 0.5:
        moves = [m for m in kind.moves_from(data.get("status"))
                 if m not in kind.needs_signoff
                 or (isinstance(data.get("confirmation"), dict)
                     and data["confirmation"].get("fingerprint") == fingerprint(kind, data))]
        if moves:
            data["status"] = r.choice(moves)
            return ordered(kind, data), "move"
    editable = [f for f in kind.fields if f.name not in ("status", "created", "confirmation")
                and f.type not in (TABLES,)]
    f = r.choice(editable)
    v = g.value(f, today, known_ids)
    if f.type == LIST and isinstance(data.get(f.name), list) and r.random() < 0.5:
        v = data[f.name] + [g.title()]
    if f.type == TABLE and isinstance(v, dict):
        v = {**data.get(f.name, {}), **v}
    if v is None:
        if f.required:
            return data, "edit"
        data.pop(f.name, None)
    else:
        data[f.name] = v
    return ordered(kind, data), "edit"


def default_dir(records: int, commits: int, projects: int = 1) -> Path:
    return REPO / ".bench" / f"ws-r{records}-c{commits}-p{projects}-v{GENERATOR_VERSION}"


def ensure(records: int, commits: int, projects: int = 1, out: Path | None = None,
           force: bool = False, quiet: bool = False) -> Path:
    """The generated workspace, built when missing."""
    out = Path(out) if out else default_dir(records, commits, projects)
    marker = out / ".git" / "accord-bench.txt"
    if marker.exists() and not force:
        return out
    generate(out, records, commits, projects, quiet=quiet)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--commits", type=int, default=50_000)
    ap.add_argument("--projects", type=int, default=1)
    ap.add_argument("--out", type=Path, help="where to build (default: .bench/ cache)")
    ap.add_argument("--force", action="store_true", help="rebuild even if cached")
    a = ap.parse_args(argv)
    path = ensure(a.records, a.commits, a.projects, a.out, force=a.force or bool(a.out))
    print(path)


if __name__ == "__main__":
    main()
