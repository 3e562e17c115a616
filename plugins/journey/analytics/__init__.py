"""Visitor statistics: the site's real visits laid over its customer journey.

``JOURNEY_ANALYTICS`` names an export the owner already has (a web-server
access log, Plausible's or GoatCounter's CSV export, Matomo's page-URL
report). :func:`.load.load_analytics` recognises the format from the file itself,
streams it (a 1 GB log is never held in memory), matches every page view to
a document of the site by URL and counts per primary phase (SPEC §10).

Client addresses and user agents are used only to group requests into visits
in memory: they are never stored in the result, logged or written.

Modules: :mod:`.load` (the entry point), :mod:`.sources` (files, formats),
:mod:`.accesslog`, :mod:`.csvexports`, :mod:`.bots`, :mod:`.matching`,
:mod:`.figures`, :mod:`.errors`. Nothing is imported here, so a build without
``JOURNEY_ANALYTICS`` loads none of it (the crawler list alone is ~0.5 MB).
"""
