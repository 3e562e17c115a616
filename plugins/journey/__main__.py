"""``python -m pelican.plugins.journey``: the ``pelican-journey`` command."""

from .cli.main import main

raise SystemExit(main())
