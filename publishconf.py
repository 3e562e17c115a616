"""Production build of the example site: strict, any finding fails it."""

import sys
from pathlib import Path

# Always this folder's pelicanconf.py, also when another site's was loaded before.
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.modules.pop("pelicanconf", None)
from pelicanconf import *  # noqa: E402, F403

SITEURL = ""
RELATIVE_URLS = True
DELETE_OUTPUT_DIRECTORY = True

JOURNEY_FAIL_ON = "warning"
