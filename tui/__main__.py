"""``python -m tui``: the same as the ``accord`` command."""
import sys

from tui.cli import main

sys.exit(main())
