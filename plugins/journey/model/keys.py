"""The plugin's metadata keys (SPEC §3), before a site renames them.

Keys as Pelican hands them over (lower case), with their aliases.
``JOURNEY_METADATA_KEYS`` replaces a key and its aliases for one site
(``JourneyConfig.metadata_keys``).
"""

from __future__ import annotations

from collections.abc import Mapping

METADATA_KEYS: Mapping[str, tuple[str, ...]] = {
    "phase": ("phase", "fase"),
    "touchpoint": ("touchpoint", "contactpunt"),
    "persona": ("persona",),
    "cta": ("cta",),
    "next": ("next",),
}
