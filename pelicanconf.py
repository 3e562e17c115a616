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
DEFAULT_DATE_FORMAT = "%d-%m-%Y"
YEAR_ARCHIVE_SAVE_AS = "archief/{date:%Y}/index.html"
YEAR_ARCHIVE_URL = "archief/{date:%Y}/index.html"
MONTH_ARCHIVE_SAVE_AS = "archief/{date:%Y}/{date:%m}/index.html"
MONTH_ARCHIVE_URL = "archief/{date:%Y}/{date:%m}/index.html"

# The klantreis theme (documented in themes/klantreis/README.md).
KLANTREIS_TAGLINE = "Fietsreparatie en onderhoud in Wielerveen"
KLANTREIS_INTRO = (
    "Lekke band, piepende remmen of een e-bike die niet wil? Wij maken je fiets"
    " weer betrouwbaar, met een eerlijke prijs vooraf."
)
KLANTREIS_PHONE = "012 345 67 89"
KLANTREIS_EMAIL = "werkplaats@despaak.example"
KLANTREIS_ADDRESS = ["Spaakstraat 12", "1234 AB Wielerveen"]
KLANTREIS_OPENING_HOURS = [
    ("Maandag", "gesloten"),
    ("Dinsdag t/m vrijdag", "8.30 - 18.00"),
    ("Zaterdag", "9.00 - 16.00"),
    ("Zondag", "gesloten"),
]
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False
MENUITEMS = [
    ("Werkplaats", "pages/werkplaats.html"),
    ("Prijzen", "pages/prijzen.html"),
    ("Afspraak", "pages/afspraak.html"),
    ("Reviews", "pages/reviews.html"),
    ("Onderhoud", "pages/onderhoud.html"),
    ("Contact", "pages/contact.html"),
]

JOURNEY_LANG = "nl"
JOURNEY_FAIL_ON = "error"

# A made-up access log of four weeks (analytics/make_sample.py writes it), so
# the journey map shows the funnel of real visits: see docs/analytics.md.
JOURNEY_ANALYTICS = "analytics/access.log"
