"""Visitor statistics: the site's real visits laid over its customer journey.

``JOURNEY_ANALYTICS`` names an export the owner already has (a web-server
access log, Plausible's or GoatCounter's CSV export, Matomo's page-URL
report). :func:`load_analytics` recognises the format from the file itself,
streams it (a 1 GB log is never held in memory), matches every page view to
a document of the site by URL and counts per primary phase (SPEC §10).

Client addresses and user agents are used only to group requests into visits
in memory: they are never stored in the result, logged or written.
"""

from __future__ import annotations

from .figures import Analytics, FlowFigures, PhaseFigures
from .load import load_analytics, matcher_for_index
from .matching import Matcher
from .sources import AnalyticsError

__all__ = [
    "Analytics",
    "AnalyticsError",
    "FlowFigures",
    "Matcher",
    "PhaseFigures",
    "load_analytics",
    "matcher_for_index",
]
