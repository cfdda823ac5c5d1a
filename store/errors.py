"""Errors the store raises.  Each carries one line for the user: what was
wrong and how to get out of it.  The command line maps them to exit codes."""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path


class AccordError(Exception):
    """A user-facing problem: bad input or a state that forbids the action."""
    exit_code = 2


class NotAWorkspace(AccordError):
    pass


class InvalidValue(AccordError):
    pass


class UnknownRecord(AccordError):
    pass


class TransitionRefused(AccordError):
    pass


class RepoStateError(AccordError):
    """The repository is in a state where Accord will not write."""


class ConflictError(AccordError):
    """The file changed on disk since it was read."""

    def __init__(self, message: str, path: Path | None = None,
                 current_text: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.current_text = current_text


READ_ONLY = ("this workspace is open read-only: nothing is written here (no file, "
             "no commit, no tag); make changes in the desktop app or on the command line")


class ReadOnlyError(AccordError):
    """A write asked of a workspace opened read-only (``accord serve``'s
    browser view): refused before anything is touched."""

    def __init__(self, message: str = READ_ONLY) -> None:
        super().__init__(message)


class CommitFailed(AccordError):
    """git refused the commit (a hook failed); the file was rolled back."""


class ValidationFailed(AccordError):
    """A record (edited by hand or in $EDITOR) does not pass validation."""
    exit_code = 1

    def __init__(self, message: str, problems: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)
