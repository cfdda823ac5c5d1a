"""``python -m tui``: the same as the ``accord`` command."""
from tui.cli.main import run

run()
