"""``python -m tui``: the same as the ``accord`` command."""
from tui.cli import run

run()
