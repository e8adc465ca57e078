"""Commands misused or run on data that validates but is odd: refused before anything is
written, or carried through with one sentence where a section cannot be computed."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from cli_run import RAW, assert_clear_error, process, run, snapshot
from corpus import ROOT, write_long_panel, write_panel

FIXTURE = ROOT / "tests" / "fixtures" / "report"


@pytest.fixture(autouse=True)
def raw_unchanged():
    before = snapshot(RAW)
    yield
    assert snapshot(RAW) == before


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A processed folder: the report fixture's facts and campaigns."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE, folder)
    return folder


@pytest.mark.parametrize(
    ("option", "value", "fragment"),
    [("--provinces", "", "names no province"), ("--provinces", " , ", "names no province"),
     ("--lang", "", "names no language"), ("--lang", ",", "names no language")],
)
def test_empty_province_or_language_lists_are_refused(option, value, fragment, data_dir,
                                                      tmp_path, capsys):
    code, _, err = run(capsys, "reports", option, value, "--data-dir", data_dir, "--out",
                       tmp_path / "out")
    assert code == 2
    assert_clear_error(err, option, fragment)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["reports", "report"])
def test_a_data_dir_without_facts_says_facts_csv_is_missing(command, tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    extra = ["--province", "Bắc Giang"] if command == "report" else []
    code, _, err = run(capsys, command, *extra, "--data-dir", empty, "--out", tmp_path / "out")
    assert code == 2
    assert_clear_error(err, str(empty), "facts.csv")
    assert not (tmp_path / "out").exists()


def test_reports_into_data_raw_are_refused_before_anything_is_written(data_dir, capsys):
    code, _, err = run(capsys, "reports", "--data-dir", data_dir, "--out", RAW)
    assert code == 2
    assert_clear_error(err, "raw data is never modified")
    assert not (RAW / ".logs").exists() and not (RAW / ".bhxh.lock").exists()


@pytest.mark.parametrize("command", [["demo"], ["process"]])
def test_demo_and_process_into_data_raw_leave_no_folder_behind(command, capsys):
    code, _, err = run(capsys, *command, "--out", RAW / "demo")
    assert code == 2
    assert_clear_error(err, "raw data is never modified")
    assert not (RAW / "demo").exists()


def test_no_loopback_interface_is_one_sentence_not_a_minute_and_a_traceback(
    data_dir, tmp_path, capsys, monkeypatch
):
    import helpers.loopback

    class NoLoopback(socket.socket):
        def bind(self, address):
            raise OSError(99, "Cannot assign requested address")

    monkeypatch.setattr(helpers.loopback.socket, "socket", NoLoopback)
    for argv in (["report", "--province", "Bắc Giang"], ["reports"]):
        code, _, err = run(capsys, *argv, "--data-dir", data_dir, "--out", tmp_path / "out")
        assert code == 2
        assert_clear_error(err, "loopback", "127.0.0.1", "ip link set lo up")


def test_a_failed_process_changes_nothing_but_the_status_and_reports_refuse(tmp_path, capsys):
    official = tmp_path / "official"
    write_panel(official, "p01_ok")
    assert process(capsys, tmp_path, official)[0] == 0
    out = tmp_path / "out"
    before = snapshot(out)
    write_panel(official, "p03_negative")
    code, _, err = process(capsys, tmp_path, official)
    assert code == 2
    assert_clear_error(err, "p03_negative.csv", "row 7")
    after = snapshot(out)
    assert after.pop("build_status.json") != before.pop("build_status.json")
    assert after == before  # facts.csv, panel.parquet ... untouched
    status = json.loads((out / "build_status.json").read_text(encoding="utf-8"))
    assert status["status"] == "failed" and "p03_negative.csv" in status["error"]

    code, _, err = run(capsys, "reports", "--data-dir", out, "--out", tmp_path / "reports")
    assert code == 2
    assert_clear_error(err, "last `bhxh process` failed", "p03_negative.csv", "--skip-bad")

    code, stdout, err = process(capsys, tmp_path, official, "--skip-bad")
    assert code == 0 and not err
    assert "SET ASIDE p03_negative.csv" in stdout
    status = json.loads((out / "build_status.json").read_text(encoding="utf-8"))
    assert status["status"] == "ok"
    assert [item["file"] for item in status["set_aside"]] == ["p03_negative.csv"]


def test_temp_files_left_by_a_killed_run_are_cleaned_by_the_next(tmp_path, capsys):
    official = tmp_path / "official"
    write_panel(official, "p01_ok")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".facts.csv.k3j2.tmp").write_text("half", encoding="utf-8")
    (out / ".build-x1.tmp").mkdir()
    code, stdout, _ = process(capsys, tmp_path, official)
    assert code == 0 and "removed .facts.csv.k3j2.tmp" in stdout
    assert not list(out.glob(".*.tmp"))


def test_official_exports_alone_build_a_report(tmp_path, capsys):
    # No articles: facts.csv has a header and no rows, which says "no press figures" (the
    # report used to fail in cell 4: "facts.csv, row 1: has a header but no data rows").
    official = tmp_path / "official"
    write_panel(official, "p01_ok")
    assert process(capsys, tmp_path, official)[0] == 0
    code, _, err = run(capsys, "report", "--province", "Bắc Giang", "--data-dir",
                       tmp_path / "out", "--out", tmp_path / "reports")
    assert code == 0, err
    assert "Bắc Giang" in (tmp_path / "reports" / "bac-giang.vi.html").read_text(encoding="utf-8")


def test_a_mistyped_official_folder_is_refused_and_the_last_build_kept(tmp_path, capsys):
    # It used to read as "no exports": exit 0, and the panel built before was deleted.
    official = tmp_path / "official"
    write_panel(official, "p01_ok")
    assert process(capsys, tmp_path, official)[0] == 0
    before = snapshot(tmp_path / "out")
    code, _, err = process(capsys, tmp_path, tmp_path / "offical")
    assert code == 2
    assert_clear_error(err, "--official", "offical: no such folder")
    assert snapshot(tmp_path / "out") == before


def test_a_province_with_no_reported_new_members_still_gets_its_report(data_dir, tmp_path,
                                                                      capsys):
    from helpers.report import run_analysis, validate_parameters

    official = tmp_path / "official"
    write_panel(official, "p21_all_new_empty")  # Bắc Giang, every new_participants empty
    assert process(capsys, tmp_path, official)[0] == 0
    shutil.copy(tmp_path / "out" / "panel.parquet", data_dir / "panel.parquet")
    for lang in ("vi", "en"):
        sections = run_analysis(validate_parameters("Bắc Giang", data_dir=data_dir, lang=lang))
        assert sections["its"].status == "empty"
        assert len(sections["its"].text.split(". ")) == 1
    assert "evidence" in sections


def test_a_model_that_cannot_be_fitted_refuses_its_section_in_one_sentence(
    data_dir, tmp_path, capsys, monkeypatch
):
    import helpers.effects
    from helpers.report import run_analysis, validate_parameters

    official = tmp_path / "official"
    write_long_panel(official)
    assert process(capsys, tmp_path, official)[0] == 0
    shutil.copy(tmp_path / "out" / "panel.parquet", data_dir / "panel.parquet")

    def singular(*args, **kwargs):
        raise np.linalg.LinAlgError("Singular matrix")

    monkeypatch.setattr(helpers.effects, "interrupted_time_series", singular)
    sections = run_analysis(validate_parameters("Bắc Giang", data_dir=data_dir, lang="en"))
    its = sections["its"]
    if its.status == "empty":
        pytest.fail("the fixture must have a campaign inside the panel's months")
    assert its.status == "refuse"
    assert its.text.startswith("This section could not be computed from the data (LinAlgError")
    assert sections["evidence"].status != "refuse"


def test_no_loopback_in_a_real_network_namespace(data_dir, tmp_path):
    """Where a namespace can be made: lo is down in a fresh one, as in the audit."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("making a network namespace needs root and unshare (injected case above)")
    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        pytest.skip("this machine does not allow a network namespace (injected case above)")
    started = time.monotonic()
    done = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "helpers.cli", "report", "--province",
         "Bắc Giang", "--data-dir", str(data_dir), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2 and time.monotonic() - started < 60
    assert_clear_error(done.stderr, "loopback", "127.0.0.1")


def test_the_index_lists_exports_set_aside_by_skip_bad(tmp_path):
    from helpers.batch.index import render_index
    from helpers.batch.manifest import Manifest

    manifest = Manifest(tmp_path / "manifest.json", run={"set_aside": ["p03_negative.csv"]})
    page = render_index(manifest, tmp_path, data_version="v", summary="1 report")
    assert "--skip-bad" in page and "p03_negative.csv" in page
    assert "skip-bad" not in render_index(Manifest(tmp_path / "m.json"), tmp_path,
                                          data_version="v", summary="1 report")
