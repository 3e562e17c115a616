"""Development build of the example site: forgiving, findings are reported."""

AUTHOR = "Fietsmakerij De Spaak"
SITENAME = "Fietsmakerij De Spaak"
SITEURL = ""

PATH = "content"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = "nl"

THEME = "themes/klantreis"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["journey"]

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DEFAULT_PAGINATION = 6
RELATIVE_URLS = True
STATIC_PATHS = ["images"]

JOURNEY_LANG = "nl"
JOURNEY_FAIL_ON = "error"
