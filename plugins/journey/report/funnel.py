"""The funnel of real visits, for the journey map and ``pelican-journey funnel``.

:func:`funnel_rows` turns the :class:`~..analytics.Analytics` of a build into
one row per phase with the figures and rates an owner reads: visits, the
share that goes on to the next phase (when visits were rebuilt) and the
share whose visit ends there (drop-off, as the ``drop-off`` rule counts it).
:func:`funnel_view` adds the geometry of the map's inline SVG.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model.records import FrozenRecord
from ..model.text import pick, table

if TYPE_CHECKING:
    from ..analytics.figures import Analytics
    from ..model.phases import Model

LABELS = table("funnel-")  # the funnel's texts, in model/text.py


def label(key: str, lang: str) -> str:
    return pick(LABELS[key], lang)


class FunnelRow(FrozenRecord):
    """One phase's row of the funnel report."""

    __slots__ = (
        "drop_rate",
        "entries",
        "exits",
        "final",
        "id",
        "index",
        "label",
        "onward",
        "onward_rate",
        "pageviews",
        "too_many",
        "visits",
    )
    _fields = (
        "id",
        "index",
        "label",
        "pageviews",
        "visits",
        "entries",
        "exits",
        "drop_rate",
        "onward",
        "onward_rate",
        "final",
        "too_many",
    )
    __repr__ = object.__repr__  # as the dataclass (repr=False) it replaces
    id: str
    index: int
    label: str
    pageviews: int
    visits: int
    entries: int
    exits: int
    drop_rate: float | None  # exits / visits
    onward: int | None  # visits that went on to the next phase (rebuilt visits)
    onward_rate: float | None
    final: bool
    too_many: bool  # drop-off above the drop-off rule's max_rate

    def __init__(
        self,
        id: str,
        index: int,
        label: str,
        pageviews: int,
        visits: int,
        entries: int,
        exits: int,
        drop_rate: float | None,
        onward: int | None,
        onward_rate: float | None,
        final: bool,
        too_many: bool,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "id", id)
        set_field(self, "index", index)
        set_field(self, "label", label)
        set_field(self, "pageviews", pageviews)
        set_field(self, "visits", visits)
        set_field(self, "entries", entries)
        set_field(self, "exits", exits)
        set_field(self, "drop_rate", drop_rate)
        set_field(self, "onward", onward)
        set_field(self, "onward_rate", onward_rate)
        set_field(self, "final", final)
        set_field(self, "too_many", too_many)

    @property
    def drop_text(self) -> str:
        return "\u2013" if self.final else percent(self.drop_rate)

    @property
    def onward_text(self) -> str:
        if self.onward is None:
            return "\u2013"
        return f"{self.onward} ({percent(self.onward_rate)})"


def funnel_rows(
    analytics: Analytics, model: Model, lang: str, max_rate: float = 0.6
) -> list[FunnelRow]:
    """One row per phase of the model, in order."""
    flows = {f.source: f.visits for f in analytics.flows}
    rows = []
    for phase in model.phases:
        figures = analytics.phase(phase.id)
        visits = figures.visits if figures else 0
        exits = figures.exits if figures else 0
        final = phase.index == len(model.phases)
        onward = None if final or not analytics.has_visits else flows.get(phase.id, 0)
        drop = exits / visits if visits else None
        rows.append(
            FunnelRow(
                id=phase.id,
                index=phase.index,
                label=phase.label(lang),
                pageviews=figures.pageviews if figures else 0,
                visits=visits,
                entries=figures.entries if figures else 0,
                exits=exits,
                drop_rate=drop,
                onward=onward,
                onward_rate=(onward / visits)
                if onward is not None and visits
                else None,
                final=final,
                too_many=bool(not final and drop is not None and drop > max_rate),
            )
        )
    return rows


def percent(rate: float | None) -> str:
    return "\u2013" if rate is None else f"{rate * 100:.0f}%"


def funnel_view(
    analytics: Analytics, model: Model, lang: str, max_rate: float
) -> dict[str, Any]:
    """Everything the map's funnel partial shows, with its SVG geometry."""
    rows = funnel_rows(analytics, model, lang, max_rate)
    width, row_h, bar_h = 420, 74, 22
    most = max((r.visits for r in rows), default=0) or 1
    bars = []
    for i, row in enumerate(rows):
        top = i * row_h
        bar_w = max(3.0, width * row.visits / most) if row.visits else 3.0
        if row.final:
            note = ""
        elif row.onward_rate is not None:
            note = (
                f"↓ {percent(row.onward_rate)} {label('goes-on', lang)} · "
                f"{percent(row.drop_rate)} {label('drops', lang)}"
            )
        else:
            note = f"{percent(row.drop_rate)} {label('drops', lang)}"
        bars.append(
            {
                "row": row,
                "text_y": top + 16,
                "bar_y": top + 24,
                "bar_w": round(bar_w, 1),
                "bar_h": bar_h,
                "note_y": top + 24 + bar_h + 18,
                "note": note,
                "colour": i % 6,
            }
        )
    return {
        "source": analytics.source,
        "period": (
            f"{analytics.start} \u2013 {analytics.end}"
            if analytics.start
            else label("unknown-period", lang)
        ),
        "rows": rows,
        "bars": bars,
        "width": width,
        "height": len(rows) * row_h - (row_h - 24 - bar_h) + 4,
        "per_page": not analytics.has_visits,
        "unmatched": analytics.top_unmatched,
        "unmatched_total": analytics.unmatched_pageviews,
        "skipped": analytics.skipped,
        "labels": {key: label(key, lang) for key in LABELS},
        "unmatched_desc": label("unmatched-desc", lang).format(
            count=analytics.unmatched_pageviews
        ),
        "skipped_text": label("skipped", lang).format(count=analytics.skipped),
    }
