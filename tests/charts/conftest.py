import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "history"))
sys.path.insert(0, str(HERE.parent / "tui"))


@pytest.fixture
def chartws(tmp_path):
    """The reports' scripted project (a baseline on 11-05, requirement
    changes after it; today 2026-11-20) plus two replied feedback items."""
    from scripted import build
    return build(tmp_path)
