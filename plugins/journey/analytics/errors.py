"""The one error of the analytics package: an export that cannot be used."""

from __future__ import annotations

from typing import Any

from ..model.text import text


class AnalyticsError(ValueError):
    """The export cannot be used. One line naming the file (and line)."""

    def __init__(self, key: str, **values: Any) -> None:
        self.key = key
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        return text(self.key, lang, **self.values)
