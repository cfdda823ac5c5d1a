import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def scripted(tmp_path):
    from scenario import build
    return build(tmp_path)


@pytest.fixture
def reportws(tmp_path):
    from scenario import build_reports
    return build_reports(tmp_path)
