"""Errors the store raises.  Each carries a ``code`` and its ``params`` for
the caller to word in its language (store.messages.describe: the app and the
command line alike), and ``str(e)``, the English line, for logs.  The command
line maps them to exit codes."""


class AccordError(Exception):
    """A user-facing problem: bad input or a state that forbids the action.
    ``AccordError(code="signoff-required", rid="REQ-4", to="delivered")``
    words itself from store.messages; an old-style message without a code
    is shown as it is."""
    exit_code = 2
    code: str = ""
    params: dict = {}

    def __init__(self, message: str | None = None, *args, code: str = "", **params):
        if message is None:
            from store.messages import render
            message = render(code, params, "en")
        super().__init__(message, *args)
        if code or "code" not in self.__dict__:  # a subclass may have set its own
            self.code = code
        if params or "params" not in self.__dict__:
            self.params = params


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

    def __init__(self, message=None, path=None, current_text=None, code="", **params):
        super().__init__(message, code=code, **params)
        self.path = path
        self.current_text = current_text


READ_ONLY = ("this workspace is open read-only: nothing is written here (no file, "
             "no commit, no tag); make changes in the desktop app or on the command line")


class ReadOnlyError(AccordError):
    """A write asked of a workspace opened read-only (``accord serve``'s
    browser view): refused before anything is touched."""

    def __init__(self, message: str | None = None):
        super().__init__(message, code="read-only")


class CommitFailed(AccordError):
    """git refused the commit (a hook failed); the file was rolled back."""


class ValidationFailed(AccordError):
    """A record (edited by hand or in $EDITOR) does not pass validation.
    ``problems``: one line each (store.messages.Problem: worded by the
    caller too)."""
    exit_code = 1

    def __init__(self, message=None, problems=(), code="", **params):
        super().__init__(message, code=code, **params)
        self.problems = list(problems)
