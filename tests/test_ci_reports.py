"""What build pipelines read: lines, report.sarif, gl-code-quality.json, summary."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import build_site
from gappy import FILES, SETTINGS, write_site
from lxml import etree, html
from markdown_it import MarkdownIt
from test_baseline import cli

from pelican.plugins.journey.report.ci import Locator, repository_root
from pelican.plugins.journey.report.codequality import CODE_QUALITY_NAME
from pelican.plugins.journey.report.reports import JSON_NAME, JUNIT_NAME
from pelican.plugins.journey.report.sarif import RULES_DOC_URL, SARIF_NAME
from pelican.plugins.journey.rules import REGISTRY

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text("utf-8"))
JUNIT_SCHEMA = DATA / "junit.xsd"

# A Markdown page with a byte-order mark and CRLF line ends, a Next value
# continued on a second line; a reST article likewise; an HTML page.
MARKDOWN = (
    "\ufeffTitle: Onderhoud\r\n"
    "Phase: gebruikservaring, nazrog\r\n"  # 2
    "Persona: student\r\n"  # 3
    "Contactpunt: brochure\r\n"  # 4: an alias
    "CTA: Klik hier | {filename}/pages/a.md\r\n"  # 5: an earlier phase
    "Next: {filename}/pages/a.md,\r\n"  # 6
    "    {filename}/pages/weg.md\r\n"  # 7
    "\r\n"
    "Phase: not metadata, just text.\r\n"
)
RST = (
    "\ufeffStap\r\n"
    "########\r\n"
    "\r\n"
    ":date: 2026-01-01\r\n"
    ":fase: nazrog\r\n"  # 5
    ":persona: student\r\n"  # 6
    ":cta: Lees meer | {filename}/pages/weg.md\r\n"  # 7
    "\r\n"
    "Tekst.\r\n"
)
HTML = (
    "<html>\n<head>\n<title>Over ons</title>\n"
    '<meta name="touchpoint" content="folder">\n'  # 4
    '<meta name="phase" content="nazrog">\n'  # 5
    "</head>\n<body><p>Wie we zijn.</p></body>\n</html>\n"
)


def _write_sources(root: Path) -> None:
    pages = root / "content" / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    (pages / "onderhoud.md").write_bytes(MARKDOWN.encode("utf-8"))
    (pages / "a.md").write_text("Title: A\nPhase: awareness\n\nx\n", "utf-8")
    (pages / "over.html").write_text(HTML, "utf-8")
    (root / "content" / "stap.rst").write_bytes(RST.encode("utf-8"))


def test_line_of_each_metadata_finding_in_markdown_rst_and_html(tmp_path):
    root = tmp_path / "site"
    _write_sources(root)
    built = build_site(root, None, {"JOURNEY_FAIL_ON": "never"})
    found = {
        (f["rule"], f["source"], f["line"], f["message"].split("'")[1])
        for f in built.report()["findings"]
        if f["source"]
    }
    md, rst, page = (
        "content/pages/onderhoud.md",
        "content/stap.rst",
        ("content/pages/over.html"),
    )
    assert found >= {
        ("unknown-phase", md, 2, "nazrog"),
        ("unknown-persona", md, 3, "student"),
        ("unknown-touchpoint", md, 4, "brochure"),
        ("generic-cta", md, 5, "Klik hier"),
        ("broken-target", md, 7, "{filename}/pages/weg.md"),  # the link's own line
        ("unknown-phase", rst, 5, "nazrog"),
        ("unknown-persona", rst, 6, "student"),
        ("generic-cta", rst, 7, "Lees meer"),
        ("broken-target", rst, 7, "{filename}/pages/weg.md"),
        ("unknown-phase", page, 5, "nazrog"),
        ("unknown-touchpoint", page, 4, "folder"),
    }
    # A page-level finding points at the page's Phase line.
    (dead_end,) = [f for f in found if f[0] == "dead-end"]
    assert dead_end[1:3] == (md, 2)
    # Site-level findings have no line.
    site_level = [f for f in built.report()["findings"] if f["source"] is None]
    assert site_level
    assert all(f["line"] is None for f in site_level)


def test_line_is_not_part_of_the_identity(site):
    built = site(FILES, JOURNEY_FAIL_ON="never", **SETTINGS)
    findings = built.analysis.findings
    keyed = {f.key: f.fingerprint for f in findings}
    for finding in findings:
        finding.line = (finding.line or 0) + 10
    assert {f.key: f.fingerprint for f in findings} == keyed


@pytest.fixture
def baselined(tmp_path):
    """The gappy site with one finding accepted in a baseline file."""
    root = tmp_path / "site"
    baseline = {
        "version": 1,
        "findings": [
            {
                "rule": "untagged",
                "source": "content/pages/over-ons.md",
                "subject": "untagged",
            }
        ],
    }
    root.mkdir()
    (root / "journey-baseline.json").write_text(json.dumps(baseline), "utf-8")
    return build_site(
        root,
        FILES,
        {
            "JOURNEY_FAIL_ON": "never",
            "JOURNEY_BASELINE": str(root / "journey-baseline.json"),
            **SETTINGS,
        },
    )


def test_report_sarif_validates_against_the_oasis_schema(baselined):
    log = json.loads((baselined.reports / SARIF_NAME).read_text("utf-8"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "pelican-journey"
    assert [r["id"] for r in driver["rules"]] == list(REGISTRY)
    for rule in driver["rules"]:
        short = rule["shortDescription"]["text"]
        assert 0 < len(short) <= len(rule["fullDescription"]["text"])
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["helpUri"] == f"{RULES_DOC_URL}#{rule['id']}"

    report = baselined.report()["findings"]
    results = run["results"]
    assert len(results) == len(report) == 8
    for result, finding in zip(results, report, strict=True):
        assert result["ruleId"] == finding["rule"]
        assert driver["rules"][result["ruleIndex"]]["id"] == finding["rule"]
        assert result["level"] == finding["severity"]
        assert result["message"]["text"] == finding["message"]
        if finding["source"]:
            (location,) = result["locations"]
            physical = location["physicalLocation"]
            assert physical["artifactLocation"]["uri"] == finding["source"]
            assert "\\" not in physical["artifactLocation"]["uri"]
            if finding["line"] is not None:
                assert physical["region"]["startLine"] == finding["line"]
        if finding["baselined"]:
            assert result["baselineState"] == "unchanged"
            assert result["suppressions"][0]["status"] == "accepted"
        else:
            assert result["baselineState"] == "new"
            assert "suppressions" not in result
    assert sum(f["baselined"] for f in report) == 1
    prints = [r["partialFingerprints"] for r in results]
    assert len({json.dumps(p) for p in prints}) == len(prints)


def test_every_rule_has_the_section_its_help_uri_names():
    docs = (ROOT / "docs" / "rules.md").read_text("utf-8")
    anchors = set(re.findall(r"^## `([a-z0-9-]+)`$", docs, re.MULTILINE))
    assert set(REGISTRY) <= anchors


def test_paths_are_relative_to_the_repository_root(tmp_path, monkeypatch, capsys):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    root = repo / "sites" / "fietsen"
    root.mkdir(parents=True)
    assert repository_root(root) == repo
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    built = build_site(root, FILES, {"JOURNEY_FAIL_ON": "never", **SETTINGS})
    log = json.loads((built.reports / SARIF_NAME).read_text("utf-8"))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
        if "locations" in r
    }
    assert "sites/fietsen/content/pages/reviews.md" in uris
    issues = json.loads((built.reports / CODE_QUALITY_NAME).read_text("utf-8"))
    assert "sites/fietsen/content/pages/reviews.md" in {
        i["location"]["path"] for i in issues
    }
    out = capsys.readouterr().out
    assert "file=sites/fietsen/content/pages/reviews.md,line=4," in out


def _code_quality(built) -> list[dict]:
    return json.loads((built.reports / CODE_QUALITY_NAME).read_text("utf-8"))


def test_gitlab_code_quality_report(baselined):
    issues = _code_quality(baselined)
    report = baselined.report()["findings"]
    assert len(issues) == len(report) == 8
    for issue, finding in zip(issues, report, strict=True):
        assert set(issue) == {
            "description",
            "check_name",
            "fingerprint",
            "severity",
            "location",
        }
        assert issue["description"] == finding["message"]
        assert issue["check_name"] == finding["rule"]
        expected = {"error": "major", "warning": "minor"}[finding["severity"]]
        assert issue["severity"] == ("info" if finding["baselined"] else expected)
        assert issue["location"]["lines"]["begin"] == (finding["line"] or 1)
        if finding["source"]:
            assert issue["location"]["path"] == finding["source"]
        else:  # site level: the content folder (no settings file in this build)
            assert issue["location"]["path"] == "content"
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    assert all(re.fullmatch(r"[0-9a-f]{64}", f) for f in fingerprints)


def _by_fingerprint(built) -> dict[str, tuple[str, int]]:
    return {
        i["fingerprint"]: (i["check_name"], i["location"]["lines"]["begin"])
        for i in _code_quality(built)
    }


def test_fingerprints_survive_lines_added_to_the_page(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    settings = {"JOURNEY_FAIL_ON": "never", **SETTINGS}
    old = _by_fingerprint(build_site(root, FILES, settings))
    edited = dict(FILES)
    edited["pages/onderhoud.md"] = FILES["pages/onderhoud.md"].replace(
        "Title: Zo houd je je fiets fit\n",
        "Title: Zo houd je je fiets fit\n        Summary: Tips.\n        Author: Jan\n",
    ) + ("\n        Nog een alinea.\n" * 5)
    new = _by_fingerprint(build_site(root, edited, settings))
    assert set(old) == set(new)
    moved = {fp for fp in old if old[fp] != new[fp]}
    assert {old[fp][0] for fp in moved} == {"unknown-persona", "unknown-touchpoint"}
    assert all(new[fp][1] == old[fp][1] + 2 for fp in moved)


def test_the_same_value_twice_gives_two_fingerprints(site):
    built = site(
        {"pages/x.md": "Title: X\nPhase: awareness\nPersona: gast, Gast\n\nx\n"},
        JOURNEY_FAIL_ON="never",
    )
    issues = [i for i in _code_quality(built) if i["check_name"] == "unknown-persona"]
    assert len(issues) == 2
    assert len({i["fingerprint"] for i in issues}) == 2


@pytest.fixture
def site_root(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    write_site(root, JOURNEY_FAIL_ON="warning", **SETTINGS)
    return root


def test_check_prints_the_sarif_and_gitlab_reports(site_root):
    done = cli(site_root, "check", "--format", "sarif")
    assert done.returncode == 3, done.stderr
    written = (site_root / "journey-report" / SARIF_NAME).read_text("utf-8")
    assert done.stdout == written
    log = json.loads(done.stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    # Site-level findings point at the settings file the check was run with.
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
        if r["ruleId"] == "phase-empty"
    ]
    assert uris == ["pelicanconf.py"]

    done = cli(site_root, "check", "--format", "gitlab", "--fail-on", "never")
    assert done.returncode == 0, done.stderr
    written = (site_root / "journey-report" / CODE_QUALITY_NAME).read_text("utf-8")
    assert done.stdout == written
    assert len(json.loads(done.stdout)) == 8

    done = cli(site_root, "check", "--format", "yaml")
    assert done.returncode == 2
    assert "sarif" in done.stderr and "gitlab" in done.stderr
    assert "Traceback" not in done.stderr


def test_check_prints_annotations_with_lines_on_github_actions(site_root):
    import os
    import subprocess
    import sys

    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    command = [sys.executable, "-m", "pelican.plugins.journey", "check"]
    done = subprocess.run(
        command, cwd=site_root, capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 3, done.stderr
    assert "::error file=content/pages/reviews.md,line=4," in done.stdout
    assert "::warning file=content/pages/diensten.md,line=4," in done.stdout
    # Machine-readable formats keep standard output to the document alone.
    done = subprocess.run(
        [*command, "--format", "sarif"],
        cwd=site_root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert "::error" not in done.stdout
    json.loads(done.stdout)


# -- the GitHub step summary ---------------------------------------------------


def _summary_tables(markdown: str) -> tuple[list[str], list[list[list[str]]]]:
    """The h3 headings and the tables (rows of cell texts) of rendered Markdown."""
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    tree = html.fromstring(f"<div>{rendered}</div>")
    headings = [h.text_content() for h in tree.iter("h3")]
    tables = [
        [[c.text_content() for c in tr.iter("td", "th")] for tr in table.iter("tr")]
        for table in tree.iter("table")
    ]
    return headings, tables


def test_step_summary_lists_every_finding_in_markdown_tables(
    site, tmp_path, monkeypatch
):
    summary = tmp_path / "step-summary.md"
    summary.write_text("# Earlier step\n\n", "utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.delenv("GITHUB_SERVER_URL", raising=False)
    files = dict(FILES)
    # A value with Markdown and HTML in it must come out as plain text.
    files["pages/raar.md"] = "Title: Raar\nPhase: nazrog|<b>*x*</b> `y` [z](u)\n\nx\n"
    built = site(files, JOURNEY_FAIL_ON="never", **SETTINGS)
    text = summary.read_text("utf-8")
    assert text.startswith("# Earlier step\n\n## Klantreis: Bewustwording → ")
    headings, tables = _summary_tables(text)
    assert headings == ["Fouten (4)", "Waarschuwingen (5)"]
    coverage, errors, warnings = tables
    assert coverage[0] == ["#", "Fase", "Inhoud", "Bevindingen"]
    assert [row[1] for row in coverage[1:]] == [
        "Bewustwording",
        "Overweging",
        "Besluitvorming",
        "Aankoop",
        "Gebruikservaring",
        "Nazorg",
    ]
    assert "4 fout(en), 5 waarschuwing(en)" in text
    assert errors[0] == ["Controle", "Bestand", "Regel", "Melding"]
    rows = {tuple(row) for row in errors[1:] + warnings[1:]}
    expected = {
        (
            f["rule"],
            f["source"] or "",
            "" if f["line"] is None else str(f["line"]),
            f["message"],
        )
        for f in built.report()["findings"]
    }
    assert rows == expected
    assert len(errors) - 1 == 4 and len(warnings) - 1 == 5
    assert ("unknown-phase", "content/pages/raar.md", "2") in {r[:3] for r in rows}
    assert any("nazrog|<b>*x*</b> `y` [z](u)" in r[3] for r in rows)
    assert "<b>" not in text  # escaped, never raw HTML


def test_step_summary_groups_baselined_findings_and_links_files(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "fietsen/site")
    monkeypatch.setenv("GITHUB_SHA", "abc123")
    root = tmp_path / "site"
    root.mkdir()
    (root / "b.json").write_text(
        json.dumps(
            {
                "version": 1,
                "findings": [
                    {"rule": "phase-empty", "source": None, "subject": "purchase"}
                ],
            }
        ),
        "utf-8",
    )
    build_site(
        root,
        FILES,
        {
            "JOURNEY_FAIL_ON": "never",
            "JOURNEY_LANG": "en",
            "JOURNEY_BASELINE": str(root / "b.json"),
            **SETTINGS,
        },
    )
    text = summary.read_text("utf-8")
    headings, tables = _summary_tables(text)
    assert headings == ["Errors (3)", "Warnings (4)", "Accepted in the baseline (1)"]
    assert "3 error(s), 4 warning(s), 1 accepted earlier (baseline)" in text
    assert tables[3][1][0] == "phase-empty"
    link = "https://github.com/fietsen/site/blob/abc123/content/pages/reviews.md#L4"
    assert f"]({link})" in text


def test_step_summary_from_the_check_command(site_root, tmp_path):
    import os
    import subprocess
    import sys

    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    done = subprocess.run(
        [sys.executable, "-m", "pelican.plugins.journey", "check", "--format", "json"],
        cwd=site_root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 3, done.stderr
    json.loads(done.stdout)  # stdout still holds only the JSON
    _, tables = _summary_tables(summary.read_text("utf-8"))
    assert sum(len(t) - 1 for t in tables[1:]) == 8


# -- docs/ci.md: the workflows, tried ------------------------------------------


def _yaml_blocks() -> list[dict]:
    docs = (ROOT / "docs" / "ci.md").read_text("utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", docs, re.DOTALL)
    return [yaml.safe_load(block) for block in blocks]


def _steps_using(workflow: dict, action: str) -> list[dict]:
    return [
        step
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if str(step.get("uses", "")).startswith(action)
    ]


def test_ci_docs_workflows_parse_and_name_the_files_the_plugin_writes(tmp_path):
    blocks = _yaml_blocks()
    github = next(b for b in blocks if isinstance(b, dict) and "jobs" in b)
    gitlab = next(b for b in blocks if isinstance(b, dict) and "stages" in b)

    (upload,) = _steps_using(github, "github/codeql-action/upload-sarif")
    assert github["permissions"]["security-events"] == "write"
    sarif_path = upload["with"]["sarif_file"]
    assert upload.get("if") == "always()"
    runs = " ".join(
        step.get("run", "") for job in github["jobs"].values() for step in job["steps"]
    )
    assert "GITHUB_STEP_SUMMARY" not in runs  # the plugin writes it by itself

    named: set[str] = {sarif_path}
    for name, job in gitlab.items():
        if not isinstance(job, dict) or "script" not in job:
            continue
        reports = job["artifacts"]["reports"]
        assert set(reports) == {"codequality", "junit"}, name
        named |= {reports["codequality"], reports["junit"]}
    assert named == {
        f"journey-report/{SARIF_NAME}",
        f"journey-report/{CODE_QUALITY_NAME}",
        f"journey-report/{JUNIT_NAME}",
    }

    # Build a site the way the workflows do and read every file they name.
    root = tmp_path / "site"
    root.mkdir()
    write_site(root, **SETTINGS)
    done = cli(root, "check", "-s", "pelicanconf.py", "--fail-on", "warning")
    assert done.returncode == 3
    for rel in sorted(named):
        path = root / rel
        assert path.is_file(), rel
        if rel.endswith(".sarif"):
            jsonschema.Draft4Validator(SARIF_SCHEMA).validate(
                json.loads(path.read_text())
            )
        elif rel.endswith(".xml"):
            schema = etree.XMLSchema(etree.parse(str(JUNIT_SCHEMA)))
            schema.assertValid(etree.parse(str(path)))
        else:
            issues = json.loads(path.read_text("utf-8"))
            assert issues and all("fingerprint" in i for i in issues)
    assert (root / "journey-report" / JSON_NAME).is_file()


def test_an_unwritable_step_summary_is_one_line_not_a_crash(
    site, tmp_path, monkeypatch
):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(folder))
    built = site(FILES, JOURNEY_FAIL_ON="never", **SETTINGS)
    assert built.exit_code == 0
    lines = [line for line in built.log.splitlines() if "samenvatting" in line]
    assert len(lines) == 1
    assert str(folder) in lines[0]
    assert "Traceback" not in built.log


def test_lines_follow_renamed_metadata_keys(tmp_path):
    """A site that uses ``Next`` for itself renames the plugin's key; the
    line is the one of the renamed key, never of the site's own ``Next``."""
    from pelican.plugins.journey.model.findings import Finding
    from pelican.plugins.journey.site.lines import add_lines

    page = tmp_path / "content" / "pages" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_bytes(
        b"\xef\xbb\xbfTitle: X\r\nNext: chapter-2\r\nJourney_Next: /a.html,\r\n"
        b"    /weg.html\r\nStap: nazrog\r\n\r\nPhase: text\r\n"
    )
    renamed = {"next": ("journey_next",), "phase": ("stap",)}
    findings = [
        Finding("broken-target", "error", "m", "content/pages/x.md", field="next"),
        Finding(
            "broken-target",
            "error",
            "m",
            "content/pages/x.md",
            field="next",
            quote="/weg.html",
        ),
        Finding("unknown-phase", "error", "m", "content/pages/x.md", field="phase"),
        Finding("dead-end", "warning", "m", "content/pages/x.md"),
        Finding("phase-empty", "warning", "m", None),
    ]
    add_lines(findings, tmp_path, renamed)
    assert [f.line for f in findings] == [3, 4, 5, 5, None]


def test_lines_of_quotes_from_the_text_with_any_line_ends(tmp_path):
    """Each source is read once for all its findings: a quote from the text
    is found on its own line past the header, with LF, CRLF or CR line ends
    and without a newline at the end."""
    from pelican.plugins.journey.model.findings import Finding
    from pelican.plugins.journey.model.keys import METADATA_KEYS
    from pelican.plugins.journey.site.lines import add_lines

    content = tmp_path / "content"
    content.mkdir()
    body = ["Title: X", "Phase: nazrog", ""]
    body += [f"regel {i}" for i in range(250)]
    body += ["De beste kwaliteit voor de beste prijs"]
    names = {"lf.md": "\n", "crlf.md": "\r\n", "cr.md": "\r"}
    findings = []
    for name, end in names.items():
        (content / name).write_text(end.join(body), encoding="utf-8", newline="")
        source = f"content/{name}"
        findings += [
            Finding("empty-slogan", "warning", "m", source, quote="beste KWALITEIT"),
            Finding("unknown-phase", "error", "m", source, field="phase"),
            Finding("mixed-address", "warning", "m", source, quote="regel 7"),
            Finding("dead-end", "warning", "m", source, quote="niet in de tekst"),
        ]
    add_lines(findings, tmp_path, METADATA_KEYS)
    assert [f.line for f in findings] == [254, 2, 11, 2] * 3


def test_a_plain_pelican_build_ends_with_the_same_summary(site, site_root, tmp_path):
    """Without a capture (any ``pelican`` command) the plugin lets the
    documents go once the reports are written (memory budget); the end of the
    build (console table, GitHub annotations and step summary) reads the
    counts it kept and must say exactly what a build that keeps them says.
    """
    import os
    import subprocess
    import sys

    from pelican.plugins.journey.site.index import SiteIndex

    plain = tmp_path / "plain.md"
    env = {
        **os.environ,
        "GITHUB_STEP_SUMMARY": str(plain),
        "GITHUB_ACTIONS": "true",
        "COLUMNS": "120",
    }
    env.pop("GITHUB_SERVER_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py"],
        cwd=site_root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 3, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr

    kept = tmp_path / "kept.md"
    os.environ["GITHUB_STEP_SUMMARY"] = str(kept)
    try:
        built = site(FILES, JOURNEY_FAIL_ON="warning", **SETTINGS)
    finally:
        del os.environ["GITHUB_STEP_SUMMARY"]
    assert built.analysis is not None and built.analysis.index.released is None
    assert plain.read_text("utf-8") == kept.read_text("utf-8")
    assert "| Bewustwording |" in plain.read_text("utf-8")
    summary = built.analysis.summary()
    assert summary["content"] > 0
    # the console table: each phase's row as the kept index counts it
    counts = built.analysis.index.phase_counts()
    rows = [line for line in done.stdout.splitlines() if line.startswith("│")]
    assert len(rows) == len(counts) + 1  # the phases and the site-wide row
    for row, count in zip(rows, counts.values(), strict=False):
        assert row.split("│")[3].strip() == str(count)
    # annotations: one per finding that is not baselined
    assert done.stdout.count("::error ") + done.stdout.count("::warning ") == len(
        [f for f in built.analysis.findings if not f.baselined]
    )
    # and the release itself keeps the counts
    index: SiteIndex = built.analysis.index
    before = (index.phase_counts(), index.content_counts())
    index.release()
    assert (index.phase_counts(), index.content_counts()) == before
    assert index.documents == []


@pytest.mark.parametrize(
    ("base", "root", "source"),
    [
        ("/srv/repo/site", "/srv/repo", "content/pages/a.md"),
        ("/srv/repo/site", "/srv/repo", "./content//pages/../a b.md"),
        ("/srv/repo/site", "/srv/repo", "../outside.md"),
        ("/srv/repo/site", "/srv/repo", "../../elsewhere/x.md"),
        ("/srv/repo/site", "/srv/repo/site", "/srv/repo/site"),
        ("/srv/repo/site", "/srv/repository", "x.md"),
        ("/srv/repo/site", "/srv/repo", "/abs/pelicanconf.py"),
        ("/site", "/", "content/a.md"),
        ("site", "site", "content/a.md"),
        (".", ".", "content/a.md"),
        ("/srv/repo/site", "/srv/repo", "content/caf\udce9.md"),
    ],
)
def test_ci_paths_are_what_path_objects_give(base: str, root: str, source: str) -> None:
    """The locator's paths, without path objects, are the pathlib ones."""
    expected = Path(os.path.normpath(Path(base) / source))
    try:
        want = expected.relative_to(Path(root)).as_posix()
    except ValueError:
        want = expected.as_posix()
    assert Locator(Path(base), Path(root)).path(source) == want


METADATA_TEXTS = [
    "Metadata-Version: 2.1\nName: pelican-journey\nVersion: 0.1.0\n\nVersion: 9\n",
    "Metadata-Version: 2.1\nversion:\t1.2.3  \nVersion: 2\n",
    "Name: x\nSummary: a\n  folded summary\nVersion: 4.5\n\nbody",
    "Name: x\nVersion: 1.0\n  folded\n\n",
    "Name: x\r\nVersion: 1.0\r\n\r\n",
    "Name: x\nno header line\nVersion: 1.0\n\n",
    "From someone\nVersion: 1.0\n",
    "Name: x\nVersion : 1.0\n",
    "Name: x\nVersion: 1.0é\n",
    "\nVersion: 1.0\n",
    "Name: x\n\nVersion: 1.0\n",
    "",
]


@pytest.mark.parametrize("text", METADATA_TEXTS)
def test_sarif_version_header_is_what_the_email_parser_reads(text):
    """Read plainly, or left to the email parser (None): never another value."""
    import email

    from pelican.plugins.journey.report.sarif import _header_version

    found = _header_version(text)
    if found is not None:
        assert found == email.message_from_string(text)["Version"]


def test_sarif_version_is_the_installed_distribution_s():
    from importlib import metadata

    from pelican.plugins.journey.report import sarif

    sarif._installed_version.cache_clear()
    try:
        expected = metadata.version(sarif.DISTRIBUTION)
    except metadata.PackageNotFoundError:
        expected = None
    assert sarif._installed_version() == expected
    assert (
        expected is None
        or sarif._header_version(
            metadata.distribution(sarif.DISTRIBUTION).read_text("METADATA") or ""
        )
        == expected
    )
