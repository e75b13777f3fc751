"""``python -m tui`` runs the same entry point as the ``rawi`` command."""

from tui.cli import main

raise SystemExit(main())
