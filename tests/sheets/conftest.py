"""The command line run in-process on the `workspace` fixture."""
from __future__ import annotations

import pytest

from tui.cli import main


@pytest.fixture
def run(workspace, capsys):
    """``run(*args)`` -> (exit code, stdout, stderr) of ``accord -C WS args``."""
    def _run(*args):
        rc = main(["-C", str(workspace.root), *map(str, args)])
        out, err = capsys.readouterr()
        return rc, out, err
    _run.ws = workspace
    return _run
