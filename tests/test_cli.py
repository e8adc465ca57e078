"""The `bhxh` entry point: subcommands registered, -v/-q wired to logging."""

import logging

import pytest

from helpers.cli import build_parser, configure_logging, main

EXPECTED = {"demo", "extract", "figures", "place", "process", "report", "reports", "validate"}


def test_cli_lists_subcommands(capsys):
    parser = build_parser()
    assert parser.prog == "bhxh"
    with pytest.raises(SystemExit):
        parser.parse_args(["--help"])
    shown = capsys.readouterr().out
    missing = [name for name in EXPECTED if name not in shown]
    assert not missing, f"bhxh --help does not list {missing}"


def test_every_subcommand_parses_its_own_help(capsys):
    for name in sorted(EXPECTED):
        with pytest.raises(SystemExit) as stop:
            build_parser().parse_args([name, "--help"])
        assert stop.value.code == 0
        assert f"bhxh {name}" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("flags", "level"),
    [((0, False), logging.WARNING), ((1, False), logging.INFO), ((2, False), logging.DEBUG),
     ((0, True), logging.ERROR)],
)
def test_verbosity_sets_the_helpers_log_level(flags, level):
    assert configure_logging(*flags) == level
    assert logging.getLogger("helpers").level == level
    configure_logging()


def test_default_shows_warnings_not_info(capsys):
    configure_logging()
    log = logging.getLogger("helpers.test")
    log.info("built 3 reports")
    log.warning("2 articles had no date")
    err = capsys.readouterr().err
    assert "2 articles had no date" in err
    assert "built 3 reports" not in err


def test_quiet_and_verbose_are_exclusive(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["-q", "-v", "place", "Bac Giang"])
    assert stop.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


def test_place_works_with_quiet(capsys):
    assert main(["-q", "place", "TP.HCM"]) == 0
    assert "Hồ Chí Minh" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "said"),
    [(["report"], "--province is needed (or --district for a district report)."),
     (["report", "--province", "Bắc Giang", "--unit", "commune"],
      "--unit commune needs --district NAME (the commune to report on).")],
)
def test_report_without_its_place_is_refused_before_anything_runs(tmp_path, capsys, args, said):
    assert main([*args, "--out", str(tmp_path / "out")]) == 2
    assert said in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
