"""Why a network git command failed: ``RemoteError`` (its cause as a code,
git's line that says it) and ``classify``, the one place that reads git's
and ssh's stderr wording.  Apart from ``remote.py``, which runs the
commands, so callers that only catch or word a failure need not import it.
"""
from __future__ import annotations

import re

from store.errors import AccordError

# (code, patterns in git's or ssh's stderr), first match wins
_CAUSES = [
    ("auth", ["returned error: 401"]),
    ("permission", ["returned error: 403"]),
    ("no-repo", ["returned error: 404"]),
    ("hostkey", ["Host key verification failed", "REMOTE HOST IDENTIFICATION HAS CHANGED",
                 "No ED25519 host key is known", "host key is known for"]),
    ("auth", ["Permission denied (publickey", "Permission denied, please try again",
              "Authentication failed", "Too many authentication failures",
              "could not read Username", "could not read Password",
              "terminal prompts disabled", "Invalid username or password",
              "HTTP Basic: Access denied"]),
    ("unreachable", ["Could not resolve hostname", "Could not resolve host",
                     "Connection refused", "Connection timed out", "timed out",
                     "No route to host", "Network is unreachable",
                     "Connection closed by", "Connection reset",
                     "kex_exchange_identification", "Failed to connect to",
                     "Name or service not known", "Temporary failure in name resolution"]),
    ("no-repo", ["does not appear to be a git repository", "Repository not found",
                 "repository not found", "not found", "No such file or directory",
                 "not a git repository", "does not exist"]),
    ("permission", ["Permission denied", "insufficient permission",
                    "unable to create temporary object directory",
                    "Read-only file system", "unable to write",
                    "unable to create"]),
]
# git's general advice, never the cause
_NOISE = re.compile(r"^(hint:|Please make sure you have the correct access rights"
                    r"|and the repository exists|fatal: Could not read from remote"
                    r"|fatal: the remote end hung up|error: failed to push some refs"
                    r"|To |Done$|Cloning into"
                    # --progress lines
                    r"|(remote: )?(Enumerating|Counting|Compressing|Writing|Receiving"
                    r"|Resolving|Unpacking|Finding sources|Checking out|Updating files"
                    r"|Total \d))")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class RemoteError(AccordError):
    """A network git command failed (exit 1: the command ran and failed).
    ``cause``: hostkey, auth, unreachable, no-repo, permission, hook,
    rejected, tag-exists, timeout, stopped or other (``code`` is
    ``remote-`` + cause, worded by store.messages); ``detail``: git's line
    that says it; ``op``: ``fetch from``, ``push to``, ``clone``, ``reach``
    (ls-remote) or ``create``; ``where``: the remote (name or URL)."""
    exit_code = 1

    def __init__(self, cause: str, detail: str, op: str = "", where: str = ""):
        Exception.__init__(self, detail)
        self.cause, self.detail, self.op, self.where = cause, detail, op, where
        self.refused: list[str] = []  # refs a push did not get in
        self.stderr = ""  # all git said (a fetch's clashing tags are read from it)
        self.seconds = ""  # a timeout's limit, for its words in other languages

    @property
    def code(self) -> str:
        return f"remote-{self.cause}"

    @property
    def params(self) -> dict:
        return {"op": self.op, "where": self.where, "detail": self.detail,
                "seconds_zh": self.seconds}

    def __str__(self) -> str:  # the words users see are chosen by the caller
        return f"cannot {self.op} {self.where}: {self.detail}"

    def to_json(self) -> dict:
        return {"code": self.cause, "detail": self.detail, "op": self.op,
                "remote": self.where, "refused": self.refused, "seconds": self.seconds}


def _clean(line: str) -> str:
    line = _ANSI.sub("", line).strip()
    for prefix in ("fatal: ", "error: ", "ssh: "):
        if line.startswith(prefix):
            line = line[len(prefix):]
    return line


def classify(stderr: str) -> tuple[str, str]:
    """(code, detail) for git's stderr of a failed network command: the
    cause (see RemoteError) and the line that names it.  A pre-receive
    hook's refusal gives ``hook`` and the hook's own ``remote:`` lines."""
    lines = [_ANSI.sub("", x).rstrip() for x in stderr.replace("\r", "\n").splitlines()]
    lines = [x for x in lines if x.strip()]
    said = [x[len("remote:"):].strip() for x in lines if x.startswith("remote:")]
    said = [x for x in said if x]
    if "hook declined" in stderr:
        said = said[:5] + (["…"] if len(said) > 5 else [])
        return "hook", " / ".join(said) or "a hook on the remote refused the push"
    if "(fetch first)" in stderr or "non-fast-forward" in stderr:
        return "rejected", next((_clean(x) for x in lines if "[rejected]" in x), "")
    if "already exists" in stderr and "[rejected]" in stderr:
        return "tag-exists", next((_clean(x) for x in lines if "[rejected]" in x), "")
    useful = [x for x in lines if not _NOISE.match(x.strip())]
    for code, patterns in _CAUSES:
        for x in useful:
            if any(p in x for p in patterns):
                return code, _clean(x)
    return "other", _clean(useful[-1] if useful else (lines[-1] if lines else ""))
