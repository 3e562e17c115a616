"""Visitor statistics (SPEC §10): each export format, privacy, bad input, CLI.

Every test builds a real site with a generated export and compares the
``analytics`` object of ``report.json`` with figures computed in
``analytics_data`` from the generator's own rows.
"""

from __future__ import annotations

from pathlib import Path

import analytics_data as data
import pytest
from conftest import build_site

SITEURL = "https://despaak.example/fiets"
FOLDER_URLS = {
    "PAGE_URL": "pages/{slug}/",
    "PAGE_SAVE_AS": "pages/{slug}/index.html",
}


def _build(root: Path, export: str, **settings):
    return build_site(
        root,
        data.site_files(),
        {
            "JOURNEY_ANALYTICS": export,
            "JOURNEY_FAIL_ON": "never",
            "JOURNEY_LANG": "en",
            **settings,
        },
    )


def _figures(report: dict) -> dict:
    analytics = report["analytics"]
    return {
        "phases": analytics["phases"],
        "flows": analytics["flows"],
        "unmatched_pageviews": analytics["unmatched_pageviews"],
    }


def test_access_log_folder_of_rotated_files(tmp_path):
    """nginx rotation (.gz, .1, current), folder URLs, SITEURL with a sub-path,
    query strings, index.html and trailing-slash variants, bots, assets, error
    responses, a POST and one corrupt line."""
    rows = data.make_rows(folder_urls=True, prefix="/fiets")
    root = tmp_path / "site"
    data.write_rotated_logs(root / "logs", rows)
    (root / "logs" / "error.log").write_text(
        "2026/03/02 08:00:01 [error] 812#812: *1 open() failed (2: No such file)\n",
        encoding="utf-8",
    )
    built = _build(root, "logs", SITEURL=SITEURL, **FOLDER_URLS)
    assert built.exit_code == 0, built.log
    report = built.report()
    expected = data.expected_from_log(rows)
    assert _figures(report) == expected
    analytics = report["analytics"]
    assert set(analytics) == {
        "source",
        "format",
        "period",
        "phases",
        "flows",
        "unmatched_pageviews",
    }
    assert analytics["source"] == "logs"
    assert analytics["format"] == "access-log"
    assert analytics["period"] == {
        "start": min(r.time for r in rows).date().isoformat(),
        "end": max(r.time for r in rows).date().isoformat(),
    }
    # the figures are not trivial: every phase reached, flows and exits happen
    assert all(p["visits"] > 0 for p in analytics["phases"])
    assert sum(f["visits"] for f in analytics["flows"]) > 0
    # the corrupt line: counted, skipped, named with its file and line
    assert "access.log.1: 1 unreadable line(s) skipped (first: line 4)" in built.log
    assert "logs/error.log: not an access log or export, left out" in built.log
    assert "Traceback" not in built.log


def test_common_log_format_single_file_without_user_agents(tmp_path):
    """Apache's `common` format: no user agent, so visits group by address."""
    rows = [r for r in data.make_rows(seed=11, visitors=25) if not r.bot]
    root = tmp_path / "site"
    root.mkdir()
    (root / "access.log").write_text(
        "\n".join(data.clf_line(r, combined=False) for r in rows) + "\n",
        encoding="utf-8",
    )
    built = _build(root, "access.log")
    assert built.exit_code == 0, built.log
    for row in rows:
        row.agent = ""  # the log does not have it
    assert _figures(built.report()) == data.expected_from_log(rows)


def test_goatcounter_export(tmp_path):
    """Format version 2 with a BOM, quoted commas, clicks (Event) and bots."""
    truth = data.make_rows(seed=5, visitors=30)
    rows = data.goat_rows(truth)
    assert any(r["Event"] == "true" for r in rows)
    assert any(r["Bot"] != "0" for r in rows)
    root = tmp_path / "site"
    root.mkdir()
    data.write_goatcounter(root / "goatcounter-export.csv", rows)
    built = _build(root, "goatcounter-export.csv")
    assert built.exit_code == 0, built.log
    report = built.report()
    assert report["analytics"]["format"] == "goatcounter"
    assert _figures(report) == data.expected_from_goat(rows, truth)
    assert sum(f["visits"] for f in report["analytics"]["flows"]) > 0


def test_plausible_export_zip(tmp_path):
    rows = data.per_page_numbers()
    root = tmp_path / "site"
    root.mkdir()
    data.write_plausible_zip(root / "plausible-export.zip", rows)
    built = _build(root, "plausible-export.zip")
    assert built.exit_code == 0, built.log
    report = built.report()
    assert report["analytics"]["format"] == "plausible"
    assert report["analytics"]["period"] == {"start": "2026-03-02", "end": "2026-03-03"}
    assert _figures(report) == data.expected_per_page(rows, "visits")


def test_plausible_export_unpacked_folder(tmp_path):
    rows = data.per_page_numbers(seed=9)
    root = tmp_path / "site"
    root.mkdir()
    data.write_plausible_zip(tmp_path / "export.zip", rows)
    import zipfile

    with zipfile.ZipFile(tmp_path / "export.zip") as archive:
        archive.extractall(root / "plausible")
    built = _build(root, "plausible")
    assert built.exit_code == 0, built.log
    assert _figures(built.report()) == data.expected_per_page(rows, "visits")


def test_matomo_page_urls_utf16_with_siteurl_sub_path(tmp_path):
    rows = data.per_page_numbers(seed=4)
    root = tmp_path / "site"
    root.mkdir()
    data.write_matomo(root / "matomo.csv", rows, host="https://despaak.example/fiets")
    built = _build(root, "matomo.csv", SITEURL=SITEURL)
    assert built.exit_code == 0, built.log
    report = built.report()
    assert report["analytics"]["format"] == "matomo"
    assert report["analytics"]["period"] == {"start": None, "end": None}
    assert _figures(report) == data.expected_per_page(rows, "visits")


def test_no_address_or_user_agent_in_any_written_file(tmp_path):
    rows = data.make_rows(seed=21, visitors=30)
    root = tmp_path / "site"
    data.write_rotated_logs(root / "logs", rows, corrupt=False)
    built = _build(root, "logs", JOURNEY_MAP_IN_SITE=True)
    assert built.exit_code == 0, built.log
    secrets = {r.address for r in rows} | {r.agent for r in rows}
    secrets |= {
        r.agent.split(" (")[0] + " (" + r.agent.split(" (")[1][:12]
        for r in rows
        if " (" in r.agent
    }
    written = [
        p
        for folder in (built.output, built.reports)
        for p in folder.rglob("*")
        if p.is_file()
    ]
    assert any(p.name == "report.json" for p in written)
    assert any(p.name == "journey-map.html" for p in written)
    for path in written:
        body = path.read_bytes().decode("utf-8", errors="replace")
        for secret in secrets:
            assert secret not in body, f"{secret!r} in {path}"
    for secret in secrets:
        assert secret not in built.log


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "garbage.csv",
            "name,colour\nfiets,rood\n",
            "not an export pelican-journey reads",
        ),
        ("empty.log", "", "the file is empty"),
        ("binary.dat", "\x00\x01\x02 PNG garbage \xff\n", "not an export"),
        ("goat.csv", "1Path,Title,Event\n/a,b,false\n", "format version 1"),
    ],
)
def test_unusable_export_is_one_clear_line(tmp_path, name, content, expected):
    root = tmp_path / "site"
    root.mkdir()
    (root / name).write_text(content, encoding="utf-8")
    built = build_site(
        root, data.site_files(), {"JOURNEY_ANALYTICS": name, "JOURNEY_LANG": "en"}
    )
    assert built.exit_code == 2
    lines = [line for line in built.log.splitlines() if expected in line]
    assert len(lines) == 1, built.log
    assert str(root / name) in lines[0]
    assert "Traceback" not in built.log


def test_missing_export_names_the_setting(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    built = build_site(root, data.site_files(), {"JOURNEY_ANALYTICS": "stats/nope.log"})
    assert built.exit_code == 2
    assert "JOURNEY_ANALYTICS" in built.log
    assert str(root / "stats" / "nope.log") in built.log


def test_bad_rows_in_a_csv_are_counted_and_skipped(tmp_path):
    rows = data.per_page_numbers(seed=8)
    root = tmp_path / "site"
    root.mkdir()
    data.write_matomo(root / "matomo.csv", rows, host="https://despaak.example")
    text = (root / "matomo.csv").read_text(encoding="utf-16").splitlines()
    text.insert(2, "pages/kapot.html,veel,12")  # wrong number of columns
    text.insert(
        4, "pages/ook-kapot.html,x,y,1,2,3,4,5,6,7,8,9,https://despaak.example/z"
    )
    (root / "matomo.csv").write_text("\n".join(text) + "\n", encoding="utf-16")
    built = _build(root, "matomo.csv")
    assert built.exit_code == 0, built.log
    assert "matomo.csv: 2 unreadable line(s) skipped (first: line 3)" in built.log
    assert _figures(built.report()) == data.expected_per_page(rows, "visits")


def test_drop_off_and_unvisited_rules(tmp_path):
    """Hand-made log: consideration loses 3 of 4 visits; 'naaf' is never seen."""
    stamp = "02/Mar/2026:10:{:02d}:00 +0100"
    agent = data.BROWSERS[0]
    paths = {
        "1": ["/pages/bewust.html", "/pages/overweging.html"],
        "2": ["/ketting.html", "/pages/overweging.html"],
        "3": ["/pages/overweging.html"],
        "4": [
            "/pages/overweging.html",
            "/pages/reviews.html",
            "/pages/prijzen.html",
            "/pages/gebruik.html",
            "/pages/contact.html",
            "/pages/los.html",
        ],
    }
    lines = []
    for visitor, visited in paths.items():
        for minute, path in enumerate(visited):
            lines.append(
                f'192.0.2.{visitor} - - [{stamp.format(minute)}] "GET {path} '
                f'HTTP/1.1" 200 10 "-" "{agent}"'
            )
    root = tmp_path / "site"
    root.mkdir()
    (root / "access.log").write_text("\n".join(lines) + "\n", encoding="utf-8")
    built = _build(root, "access.log", JOURNEY_LANG="en")
    findings = built.report()["findings"]
    drops = [f for f in findings if f["rule"] == "drop-off"]
    assert [f["phase"] for f in drops] == ["consideration"]
    assert "75% of the visits end (3 of 4, more than 60%)" in drops[0]["message"]
    unvisited = [f for f in findings if f["rule"] == "unvisited"]
    assert [f["source"] for f in unvisited] == ["content/articles/naaf.md"]
    # options: a laxer max_rate, a stricter min_views
    built = _build(
        root,
        "access.log",
        JOURNEY_RULES={"drop-off": {"max_rate": 0.8}, "unvisited": {"min_views": 2}},
    )
    findings = built.report()["findings"]
    assert not [f for f in findings if f["rule"] == "drop-off"]
    assert {f["source"] for f in findings if f["rule"] == "unvisited"} == {
        "content/articles/naaf.md",
        "content/pages/bewust.md",
        "content/articles/ketting.md",
        "content/pages/reviews.md",
        "content/pages/prijzen.md",
        "content/pages/gebruik.md",
        "content/pages/contact.md",
    }


def test_no_analytics_no_analytics_rules(tmp_path):
    built = build_site(tmp_path, data.site_files(), {"JOURNEY_FAIL_ON": "never"})
    report = built.report()
    assert "analytics" not in report
    assert not [f for f in report["findings"] if f["rule"] in ("drop-off", "unvisited")]


def test_max_rate_must_be_a_share(tmp_path):
    built = build_site(
        tmp_path, data.site_files(), {"JOURNEY_RULES": {"drop-off": {"max_rate": 60}}}
    )
    assert built.exit_code == 2
    assert "JOURNEY_RULES['drop-off']['max_rate']: 60 is not allowed" in built.log


def test_map_shows_the_funnel(tmp_path):
    rows = data.make_rows(seed=2)
    root = tmp_path / "site"
    data.write_rotated_logs(root / "logs", rows, corrupt=False)
    built = _build(root, "logs", JOURNEY_LANG="nl")
    html = (built.reports / "journey-map.html").read_text(encoding="utf-8")
    expected = data.expected_from_log(rows)
    assert 'id="jm-funnel"' in html
    assert "<svg" in html.split('id="jm-funnel"', 1)[1]
    table = html.split('class="jm-table jm-funnel-table"', 1)[1].split("</table>", 1)[0]
    for phase in expected["phases"]:
        assert f">{phase['visits']}<" in table
    assert "/oude-pagina.html" in html  # worth a redirect
    # each card shows its page views: the contact page's, counted from the rows
    contact = sum(
        1
        for r in rows
        if r.doc == 7 and r.method == "GET" and not r.bot and r.status in (200, 304)
    )
    card = html.split(">Contact</a></h4>", 1)[1].split("</li>", 1)[0]
    assert f'class="jm-views"><dt>Paginaweergaven</dt><dd>{contact}</dd>' in card


def test_funnel_command_reads_without_building(tmp_path, capsys):
    from conftest import write_files

    from pelican.plugins.journey.cli import main

    rows = data.make_rows(seed=13, visitors=20)
    root = tmp_path / "site"
    write_files(root / "content", data.site_files())
    (root / "pelicanconf.py").write_text(
        'SITENAME = "Test"\nPATH = "content"\nPLUGINS = ["journey"]\n'
        'TIMEZONE = "Europe/Amsterdam"\nDEFAULT_LANG = "en"\n'
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n",
        encoding="utf-8",
    )
    data.write_rotated_logs(tmp_path / "elsewhere", rows, corrupt=False)
    settings = str(root / "pelicanconf.py")
    code = main(["funnel", "-s", settings, "--analytics", str(tmp_path / "elsewhere")])
    out = capsys.readouterr().out
    assert code == 0, out
    expected = data.expected_from_log(rows)
    flows = {f["from"]: f["visits"] for f in expected["flows"]}
    labels = [
        "Awareness",
        "Consideration",
        "Decision",
        "Purchase",
        "Experience",
        "Aftercare",
    ]
    for number, (phase, name) in enumerate(
        zip(expected["phases"], labels, strict=True), start=1
    ):
        line = next(line for line in out.splitlines() if f"{number}. {name}" in line)
        cells = [c.strip() for c in line.split("│")[2:-1]]
        assert cells[0] == str(phase["visits"])
        if name != "Aftercare":
            assert cells[1].startswith(f"{flows[phase['id']]} (")
            rate = phase["exits"] / phase["visits"]
            assert cells[2] == f"{rate * 100:.0f}%"
        assert cells[3:] == [
            str(phase["pageviews"]),
            str(phase["entries"]),
            str(phase["exits"]),
        ]
    assert not (root / "output").exists()  # nothing rendered or written
    assert not (root / "journey-report").exists()

    # the setting is used when --analytics is not given
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as handle:
        handle.write('JOURNEY_ANALYTICS = "../elsewhere"\n')
    assert main(["funnel", "-s", settings]) == 0
    assert "1. Awareness" in capsys.readouterr().out


def test_funnel_command_without_export_is_one_line(tmp_path, capsys):
    from conftest import write_files

    from pelican.plugins.journey.cli import main

    write_files(tmp_path / "content", data.site_files())
    (tmp_path / "pelicanconf.py").write_text(
        'PATH = "content"\nDEFAULT_LANG = "en"\n', encoding="utf-8"
    )
    settings = str(tmp_path / "pelicanconf.py")
    assert main(["funnel", "-s", settings]) == 2
    err = capsys.readouterr().err
    assert "JOURNEY_ANALYTICS" in err
    assert len(err.strip().splitlines()) == 1
    (tmp_path / "junk.txt").write_text("hello\nworld\n", encoding="utf-8")
    assert (
        main(["funnel", "-s", settings, "--analytics", str(tmp_path / "junk.txt")]) == 2
    )
    err = capsys.readouterr().err
    assert "junk.txt: not an export pelican-journey reads" in err
    assert "Traceback" not in err


def test_example_site_sample_export_shows_a_funnel(tmp_path):
    """The README's first command: the strict build reads analytics/access.log.

    A page added to the example without a view in the sample would fail the
    strict build with `unvisited`: run `python analytics/make_sample.py`.
    """
    import json

    from example_site import build_example

    built = build_example(tmp_path)
    report = json.loads(
        (tmp_path / "journey-report" / "report.json").read_text(encoding="utf-8")
    )
    rules = {f["rule"] for f in report["findings"]}
    assert not rules & {"drop-off", "unvisited"}, "run: python analytics/make_sample.py"
    assert built.exit_code == 0
    analytics = report["analytics"]
    assert analytics["source"] == "analytics/access.log"
    assert analytics["format"] == "access-log"
    assert all(p["visits"] > 0 for p in analytics["phases"])
    html = (tmp_path / "journey-report" / "journey-map.html").read_text(
        encoding="utf-8"
    )
    assert 'id="jm-funnel"' in html
