"""The output formats of ``pelican-journey check``, in one place.

Kept apart from :mod:`.check` so that ``--help`` lists them without importing
Pelican.
"""

from __future__ import annotations

# text: findings and the summary table; json: report.json; junit: junit.xml;
# github: workflow annotations; sarif: report.sarif; gitlab: gl-code-quality.json
FORMATS = ("text", "json", "junit", "github", "sarif", "gitlab")
