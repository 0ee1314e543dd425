"""``python -m mgtui`` runs the same entry point as the ``mgtui`` command."""

import sys

from mgtui.cli import main

sys.exit(main())
