"""Production build of the example site: strict, any finding fails it."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = ""
RELATIVE_URLS = True
DELETE_OUTPUT_DIRECTORY = True

JOURNEY_FAIL_ON = "warning"
