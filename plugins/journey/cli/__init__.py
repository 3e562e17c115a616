"""The ``pelican-journey`` command line: init, check, baseline, suggest."""

from .main import main

__all__ = ["main"]
