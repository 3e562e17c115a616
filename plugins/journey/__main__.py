"""``python -m pelican.plugins.journey``: the ``pelican-journey`` command."""

from .cli import main

raise SystemExit(main())
