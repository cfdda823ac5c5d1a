"""Odd states answer in one line, leave nothing behind, never hang (issue 17,
item 3).  Each case runs `accord` as a user does, in a real process with a
timeout (a hang fails the test instead of stopping the suite); the message
names the path and the way out; exit 1 for a problem found, 2 for bad input.

The tests run as root on the development machine, which ignores file
permissions: the permission cases drop the capabilities that let root
through (``setpriv --bounding-set``), and skip when that is not possible."""
from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from store.model import codec
from store.workspace import TMP_MARK


@pytest.fixture(autouse=True)
def english_lines(monkeypatch):
    """These tests match the command line's English lines; the workspace is
    Chinese, so ACCORD_LANG chooses English (tests/cli/test_zh_errors.py
    reads the Chinese ones)."""
    monkeypatch.setenv("ACCORD_LANG", "en")

ROOT = Path(__file__).resolve().parents[2]
P = "projects/demo/requirements"
NO_DAC = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def accord(ws, *args, input: bytes | None = None, prefix=(), preexec=None, timeout=60):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([*prefix, sys.executable, "-m", "tui", "-C", str(ws.root), *args],
                          input=input, capture_output=True, env=env, timeout=timeout, check=False,
                          preexec_fn=preexec)


def one_line(p, code: int, *words: str) -> str:
    err = p.stderr.decode("utf-8", "replace").strip()
    assert p.returncode == code, (p.returncode, err)
    assert len(err.splitlines()) == 1 and err.startswith("accord: "), err
    assert "Traceback" not in err
    for w in words:
        assert w in err, (w, err)
    return err


def git(ws, *args) -> str:
    return subprocess.run(["git", *args], cwd=ws.root, check=True,
                          capture_output=True, text=True).stdout


def untouched(ws, head: str) -> None:
    """Nothing left behind: HEAD where it was, a clean tree, no temp files."""
    assert git(ws, "rev-parse", "HEAD").strip() == head
    assert git(ws, "status", "--porcelain", "--untracked-files=all") == ""
    assert list(ws.root.rglob(f"*{TMP_MARK}*")) == []


@pytest.fixture
def ws(workspace):
    for title in ("登录", "报表", "导出"):
        workspace.create("demo", "requirement", {"title": title})
    return workspace


def head(ws) -> str:
    return git(ws, "rev-parse", "HEAD").strip()


# --- an array nested 1,000 deep --------------------------------------------------

DEEP = "deep = " + "[" * 1000 + "]" * 1000 + "\n"


def test_deep_nesting_is_a_problem_of_that_file_everywhere(ws):
    path = ws.root / P / "REQ-2.toml"
    path.write_text(path.read_text("utf-8") + DEEP, "utf-8")
    rel = f"{P}/REQ-2.toml"
    for args in (["show", "REQ-2"], ["set", "REQ-2", "title=x"]):
        one_line(accord(ws, *args), 1, rel, "nested more than", "git checkout --")
    p = accord(ws, "list", "--format", "json")
    assert p.returncode == 0 and [r["id"] for r in json.loads(p.stdout)] == ["REQ-1", "REQ-3"]
    assert rel in p.stderr.decode() and "nested" in p.stderr.decode()
    p = accord(ws, "doctor")
    assert p.returncode == 1 and f"{rel}: not a record Accord reads (values are nested" \
        in p.stdout.decode()
    p = accord(ws, "summary", "--format", "json")
    # the summary is made, naming the record it could not read: exit 1
    assert p.returncode == 1 and json.loads(p.stdout)["problems"][0]["path"] == rel, p.stderr
    assert f"{rel}: not a record Accord reads" in p.stderr.decode()
    p = accord(ws, "summary", "--format", "json")   # never served from a kept text
    assert p.returncode == 1, p.stderr
    out = ws.root.parent / "requirements.json"
    p = accord(ws, "report", "requirements", "--format", "json", "-o", str(out))
    # written, with the unreadable record named in it and on stderr: exit 1
    assert p.returncode == 1 and out.is_file(), p.stderr
    assert f"{rel}: not a record Accord reads" in p.stderr.decode()
    assert rel in out.read_text("utf-8")
    # once committed, history reads it as a version that could not be read
    git(ws, "commit", "-qam", "deep by hand")
    p = accord(ws, "log", "REQ-2", "--format", "json")
    assert p.returncode == 0, p.stderr
    events = json.loads(p.stdout)["events"]
    assert "the new version is not a record Accord reads (values are nested" \
        in events[-1]["problem"]
    index = ws.load("demo")   # what the app starts from
    assert "REQ-2" not in index.records and index.problems[0][0] == rel


# --- not a regular file -------------------------------------------------------------

@pytest.mark.parametrize("make", ["fifo", "folder"])
def test_a_fifo_or_a_folder_at_a_records_path(ws, make):
    path = ws.root / P / "REQ-3.toml"
    path.unlink()
    if make == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    rel = f"{P}/REQ-3.toml"
    words = ("a pipe or a device",) if make == "fifo" else ("is a folder",)
    for args in (["show", "REQ-3"], ["set", "REQ-3", "title=x"]):
        one_line(accord(ws, *args, timeout=30), 1, rel, *words)
    p = accord(ws, "list", timeout=30)
    assert p.returncode == 0 and rel in p.stderr.decode()
    p = accord(ws, "doctor", timeout=30)
    assert p.returncode == 1 and "not a regular file" in p.stdout.decode()


# --- permissions (root ignores them: capabilities dropped) ---------------------------

def _no_dac_works(tmp_path) -> bool:
    if shutil.which("setpriv") is None:
        return False
    probe = tmp_path / "probe"
    probe.write_text("x")
    probe.chmod(0)
    p = subprocess.run([*NO_DAC, "cat", str(probe)], capture_output=True, check=False)
    probe.chmod(0o644)
    return p.returncode != 0


@pytest.fixture
def no_dac(tmp_path):
    if os.geteuid() != 0:
        return ()          # an ordinary user: permissions apply anyway
    if not _no_dac_works(tmp_path):
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    return NO_DAC


def test_no_write_permission_on_the_folder(ws, no_dac):
    h = head(ws)
    folder = ws.root / P
    folder.chmod(0o555)
    try:
        p = accord(ws, "set", "REQ-1", "owner=bob", prefix=no_dac)
    finally:
        folder.chmod(0o755)
    one_line(p, 1, f"{P}/REQ-1.toml", "Permission denied", "nothing was saved")
    untouched(ws, h)


def test_an_unreadable_record_file(ws, no_dac):
    path = ws.root / P / "REQ-2.toml"
    path.chmod(0)
    try:
        show = accord(ws, "show", "REQ-2", prefix=no_dac)
        listed = accord(ws, "list", prefix=no_dac)
    finally:
        path.chmod(0o644)
    one_line(show, 1, f"{P}/REQ-2.toml", "Permission denied", "permission")
    assert listed.returncode == 0 and "REQ-2.toml: cannot be read" in listed.stderr.decode()


def test_an_os_error_nothing_expected_is_path_and_reason(tmp_path):
    """The top-level handler: an OSError no command caught becomes
    ``path: reason`` (mkdir in /sys is refused even to root)."""
    if not Path("/sys").is_dir():
        pytest.skip("no /sys here")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable, "-m", "tui", "init", "/sys/accord-test"],
                       capture_output=True, env=env, timeout=60, check=False)
    one_line(p, 1, "/sys/accord-test: ")


# --- a read-only file system, a full disk -------------------------------------------

def _in_namespace(script: str) -> subprocess.CompletedProcess:
    return subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120,
                          check=False)


def _can_mount() -> bool:
    if shutil.which("unshare") is None:
        return False
    return _in_namespace("mount -t tmpfs -o size=64k tmpfs /mnt").returncode == 0


def test_a_read_only_file_system(ws):
    if not _can_mount():
        pytest.skip("no mount namespace here (needs unshare and mount rights)")
    h = head(ws)
    w = str(ws.root)
    py = f"{sys.executable} -m tui -C {w}"
    p = _in_namespace(f"mount --bind {w} {w} && mount -o remount,bind,ro {w} && "
                      f"{py} set REQ-1 owner=bob; echo rc=$?; {py} new req title=新; echo rc=$?")
    out, err = p.stdout.decode(), p.stderr.decode()
    assert out.split() == ["rc=1", "rc=1"], (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 2 and all("Read-only file system" in x and "Traceback" not in x
                                   for x in lines), err
    untouched(ws, h)


def test_a_full_disk_rolls_back_without_needing_space(ws):
    """A save whose commit fails puts the old bytes back by renaming a hard
    link kept before the write, never by writing them again.  The small
    disk is RLIMIT_FSIZE (works as root, needs no mount): no file may grow
    past 2,000 bytes.  The old record is 3 KB, so writing it back would
    fail too.  First the record's own write fails; then a short new record
    is written and git's index (5 KB: 60 tracked notes) cannot be.  (git
    gets SIGXFSZ back at its default, as Python starts children, so it is
    killed there like a save killed mid-commit, and leaves its index.lock;
    the next save names it.)"""
    long = ws.root.parent / "long.txt"
    long.write_text("长" * 1000, "utf-8")
    assert accord(ws, "set", "REQ-1", f"statement=@{long}").returncode == 0
    for i in range(60):
        (ws.root / f"note-{i}.txt").write_text(f"{i}\n")
    git(ws, "add", ".")
    git(ws, "commit", "-qm", "notes")
    path = ws.root / P / "REQ-1.toml"
    before = path.read_bytes()
    assert len(before) > 2000 and (ws.root / ".git" / "index").stat().st_size > 2000
    h = head(ws)

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))
    p = accord(ws, "set", "REQ-1", f"statement=@{long}", "owner=新", preexec=small_disk)
    one_line(p, 1, f"{P}/REQ-1.toml", "cannot write", "nothing was saved")
    assert path.read_bytes() == before
    untouched(ws, h)
    p = accord(ws, "set", "REQ-1", "statement=short", preexec=small_disk)
    one_line(p, 2, "nothing was saved")
    assert path.read_bytes() == before
    untouched(ws, h)
    if (ws.root / ".git" / "index.lock").exists():
        one_line(accord(ws, "set", "REQ-1", "owner=新"), 2, "index.lock", "remove the file")


FULL_DISK = """
set -e
mount -t tmpfs -o size=2m tmpfs {mnt}
cp -a {ws} {mnt}/ws
cd {mnt}/ws
before=$(sha256sum {rel})
avail=$(df -B1 --output=avail {mnt} | tail -1)
head -c $((avail - {free})) /dev/zero > {mnt}/filler || true
set +e
{py} -m tui set REQ-1 statement=@{value}
echo "rc=$?"
[ "$(sha256sum {rel})" = "$before" ] && echo same-bytes
git status --porcelain --untracked-files=all
find . -name '*{mark}*'
"""


@pytest.mark.parametrize("free", [4096, 16384])  # the write fails / git fails
def test_a_full_tmpfs(ws, tmp_path, free):
    """A real full disk: a 2 MB tmpfs in a private mount namespace, filled
    up to ``free`` bytes, then a save of a 6 KB value."""
    if not _can_mount():
        pytest.skip("no mount namespace here (needs unshare and mount rights)")
    import base64
    value = tmp_path / "value.txt"
    value.write_text(base64.b64encode(os.urandom(4500)).decode())  # not compressible
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    p = _in_namespace(FULL_DISK.format(mnt=mnt, ws=ws.root, rel=f"{P}/REQ-1.toml",
                                       free=free, py=sys.executable, value=value,
                                       mark=TMP_MARK))
    out, err = p.stdout.decode().split(), p.stderr.decode()
    assert out[0] in ("rc=1", "rc=2") and out[1:] == ["same-bytes"], (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "No space left on device" in lines[0] \
        and "nothing was saved" in lines[0], err


# --- arguments and values ---------------------------------------------------------

def test_init_on_an_existing_file(ws):
    f = ws.root / "notes.txt"
    f.write_text("mine\n")
    one_line(accord(ws, "init", str(f)), 2, str(f), "is a file, not a folder")
    assert f.read_text() == "mine\n"
    one_line(accord(ws, "init", str(ws.root)), 2, "already an Accord workspace")


def test_a_non_utf8_byte_in_an_argument(ws):
    h = head(ws)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable.encode(), b"-m", b"tui", b"-C", str(ws.root).encode(),
                        b"set", b"REQ-1", b"owner=\xff\xfe"], capture_output=True,
                       env=env, timeout=60, check=False)
    one_line(p, 2, "argument 5", "not UTF-8")
    untouched(ws, h)


def test_add_to_a_list_that_holds_a_table(ws):
    path = ws.root / P / "REQ-1.toml"
    path.write_text(path.read_text("utf-8") + 'acceptance = ["a", {b = 2}]\n', "utf-8")
    git(ws, "commit", "-qam", "by hand")
    h = head(ws)
    one_line(accord(ws, "set", "REQ-1", "--add", "acceptance=c"), 1,
             "acceptance", "more than text", "--set acceptance=")
    untouched(ws, h)


@pytest.mark.parametrize("source", ["/dev/zero", "/dev/stdin"])
def test_at_a_device_is_refused_at_once(ws, source):
    h = head(ws)
    p = accord(ws, "set", "REQ-1", f"statement=@{source}", input=b"x", timeout=30)
    one_line(p, 2, source, "not a regular file")
    untouched(ws, h)


def test_a_value_too_big_for_a_field(ws, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (2 << 20))
    one_line(accord(ws, "set", "REQ-1", f"statement=@{big}"), 2, "too long")
    one_line(accord(ws, "set", "REQ-1", "statement=-", input=b"y" * (2 << 20)), 2,
             "stdin", "too long")


def test_a_100_kb_project_value_is_not_echoed(ws):
    huge = "p" * 100_000
    for args in (["--project", huge, "list"], ["list", "--project", huge]):
        err = one_line(accord(ws, *args), 2, "not a project slug")
        assert len(err) < 300


# --- a workspace of a format this Accord does not know --------------------------------

def test_an_unknown_format_refuses_every_write(ws):
    cfg = ws.root / "accord.toml"
    cfg.write_text(cfg.read_text("utf-8").replace("format = 1", "format = 2"), "utf-8")
    git(ws, "commit", "-qam", "a newer Accord")
    h = head(ws)
    for args in (["new", "req", "title=新"], ["set", "REQ-1", "owner=bob"],
                 ["move", "REQ-1", "proposed"], ["confirm", "REQ-1", "--by", "王", "--via", "mail"],
                 ["project", "new", "other", "--name", "N", "--client", "C"],
                 ["baseline", "kickoff"], ["doctor", "--fix"]):
        one_line(accord(ws, *args), 2, "accord.toml says format 2", "upgrade Accord")
    untouched(ws, h)
    assert accord(ws, "show", "REQ-1").returncode == 0   # reading still works


# --- values a record must not hold ------------------------------------------------------

@pytest.mark.parametrize("value, words", [
    ("nan", "nan is not a number"), ("-inf", "-inf is not a number"),
    ("99999999999999999999", "64-bit"), ("[1, inf]", "inf is not a number")])
def test_odd_numbers_in_a_record(ws, value, words):
    path = ws.root / P / "REQ-2.toml"
    path.write_text(path.read_text("utf-8") + f"estimate = {value}\n", "utf-8")
    rel = f"{P}/REQ-2.toml"
    one_line(accord(ws, "show", "REQ-2", "--format", "json"), 1, rel, words)
    p = accord(ws, "list", "--format", "json")
    json.loads(p.stdout, parse_constant=lambda c: pytest.fail(f"{c} in JSON output"))
    assert p.returncode == 0 and words in p.stderr.decode()
    assert accord(ws, "doctor").returncode == 1


def test_numbers_beyond_range_from_the_command_line(workspace):
    workspace.create("demo", "change", {"title": "变更"})
    for value in ("99999999999999999999", "-9223372036854775809", "1e400", "nan"):
        one_line(accord(workspace, "set", "CR-1", f"impact.cost={value}"), 2, "impact.cost")
    one_line(accord(workspace, "set", "CR-1", "impact.schedule_days=" + "9" * 30), 2, "64-bit")


# --- a byte order mark, CR LF ----------------------------------------------------------------

def test_a_bom_is_read_and_kept(ws):
    path = ws.root / P / "REQ-1.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    git(ws, "commit", "-qam", "saved by notepad")
    p = accord(ws, "show", "REQ-1", "--format", "json")
    assert p.returncode == 0 and json.loads(p.stdout)["title"] == "登录"
    assert accord(ws, "doctor").returncode == 0
    assert accord(ws, "set", "REQ-1", "owner=bob").returncode == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b'owner = "bob"' in data
    assert git(ws, "status", "--porcelain") == ""


def test_an_edit_of_a_crlf_file_keeps_crlf(ws):
    path = ws.root / P / "REQ-1.toml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    git(ws, "commit", "-qam", "saved on windows")
    assert accord(ws, "set", "REQ-1", "owner=bob", "statement=两行\n文字").returncode == 0
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > 4
    assert codec.parse_bytes(data)["statement"] == "两行\n文字"


# --- ids at the top of the range --------------------------------------------------------------

def test_an_id_once_at_the_top_does_not_block_new(ws):
    top = ws.root / P / "REQ-999999999.toml"
    top.write_text('title = "顶"\nstatus = "draft"\n', "utf-8")
    git(ws, "add", ".")
    git(ws, "commit", "-qm", "by hand")
    p = accord(ws, "new", "req", "title=新")
    assert p.returncode == 0 and p.stdout.decode().strip() == "REQ-4", p.stderr
    git(ws, "rm", "-q", str(top))  # deleted: its number stays used
    git(ws, "commit", "-qm", "removed")
    p = accord(ws, "new", "req", "title=再新")
    assert p.returncode == 0 and p.stdout.decode().strip() == "REQ-5", p.stderr
