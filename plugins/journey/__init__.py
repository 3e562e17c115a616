"""pelican-journey: make a Pelican site follow its customers' journey."""

from .plugin import register

__version__ = "0.1.0"
__all__ = ["__version__", "register"]
