"""The command line explains itself: descriptions, defaults, exit codes, typos."""

from __future__ import annotations

import pytest

from pelican.plugins.journey.cli import main


@pytest.mark.parametrize(
    "command", ["init", "check", "funnel", "baseline", "suggest", None]
)
def test_help_lists_the_exit_codes(command, capsys):
    with pytest.raises(SystemExit) as stop:
        main([command, "--help"] if command else ["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    for code in ("0", "1", "2", "3"):
        assert f"\n  {code}  " in out, (command, out)


def test_init_help_describes_dir_and_defaults(capsys):
    with pytest.raises(SystemExit):
        main(["init", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "DIR the folder for the new site" in out
    assert "holding only .git" in out
    assert "(default: nl)" in out and "(default: six-phase)" in out


@pytest.mark.parametrize(
    ("typed", "meant"), [("chek", "check"), ("sugest", "suggest"), ("int", "init")]
)
def test_a_mistyped_command_gets_a_guess(typed, meant, capsys):
    assert main([typed, "-s", "pelicanconf.py"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"unknown command '{typed}'" in err and f"did you mean '{meant}'?" in err


def test_an_unknown_command_without_a_guess_lists_the_commands(capsys):
    assert main(["xyzzy"]) == 2
    err = capsys.readouterr().err
    assert "did you mean" not in err and "init, check" in err
