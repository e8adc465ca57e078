"""A rerun with nothing changed is answered from the manifest (helpers.batch.rerun), and only
then: any changed input, deleted report, failed report or run since sends it the ordinary way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.batch import rerun, run_batch

FIXTURES = Path(__file__).parent / "fixtures"
REQUEST = {"provinces": "An Giang,Cà Mau", "lang": "vi"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One batch for the module; a test that changes something puts it back."""
    tmp_path = tmp_path_factory.mktemp("rerun")
    data = tmp_path / "data"
    data.mkdir()
    (data / "an-giang.csv").write_text("123\n", encoding="utf-8")
    (data / "ca-mau.csv").write_text("42\n", encoding="utf-8")
    out = tmp_path / "reports"
    result = _batch(data, out)
    assert (result.built, result.failed) == (2, 0)
    return data, out


def _batch(data: Path, out: Path, request: dict | None = None):
    return run_batch(["An Giang", "Cà Mau"], data_dir=data, out_dir=out, backend="tiny_backend",
                     backend_path=str(FIXTURES), progress=False, workers=1, warm=False,
                     rerun_request=request or REQUEST)


def _answer(data: Path, out: Path, request: dict | None = None) -> str | None:
    notebooks = FIXTURES / "notebooks"
    return rerun.unchanged(out, request or REQUEST, rerun.inputs_of(data, notebooks))


def test_the_same_request_with_nothing_changed_is_answered_without_running(built):
    data, out = built
    assert _answer(data, out) == "2 reports: 0 built, 2 skipped, 0 failed in 0.0 s"
    # Rewritten with the same content (as `bhxh process` does): still nothing to do.
    later = (data / "an-giang.csv").stat().st_mtime_ns + 10**9
    (data / "an-giang.csv").write_text("123\n", encoding="utf-8")
    os.utime(data / "an-giang.csv", ns=(later, later))
    assert _answer(data, out) is not None
    assert _answer(data, out, {**REQUEST, "lang": "vi,en"}) is None


@pytest.mark.parametrize("change", ["content", "new file", "report deleted", "index deleted",
                                    "run since"])
def test_any_change_sends_the_rerun_the_ordinary_way(built, change):
    data, out = built
    path = {"content": data / "ca-mau.csv", "new file": data / "panel.parquet",
            "report deleted": out / "ca-mau.vi.ipynb", "index deleted": out / "index.html",
            "run since": out / ".manifest.journal"}[change]
    kept = path.read_bytes() if path.exists() else None
    try:
        if change == "content":
            path.write_text("43\n", encoding="utf-8")
        elif change in ("report deleted", "index deleted"):
            path.unlink()
        else:
            path.write_text('["ca-mau.vi", {}]\n', encoding="utf-8")
        assert _answer(data, out) is None
    finally:
        path.unlink(missing_ok=True)
        if kept is not None:
            path.write_bytes(kept)
    assert _answer(data, out) is not None  # put back: answered again


def test_a_run_with_a_failed_report_records_no_answer(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "an-giang.csv").write_text("123\n", encoding="utf-8")
    (data / "ca-mau.csv").write_text("bốn mươi\n", encoding="utf-8")  # cell 3 fails
    out = tmp_path / "reports"
    assert _batch(data, out).failed == 1
    assert "rerun" not in json.loads((out / "manifest.json").read_text())["run"]
    assert _answer(data, out) is None


def test_the_command_answers_a_rerun_without_importing_pandas(tmp_path):
    """`bhxh reports` on its own output with nothing changed: the same summary, no pandas, no
    report touched (the time is measured by bench/batch.py)."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "facts.csv").write_text("x\n", encoding="utf-8")
    out = tmp_path / "reports"
    out.mkdir()
    request = {"command": "reports", "provinces": "An Giang", "level": "legacy", "lang": "vi",
               "demo": False, "unit": "province", "district": None, "kernel": "python3",
               "data_dir": str(data.resolve()), "out_dir": str(out.resolve())}
    from helpers import paths

    stamp = rerun.fingerprint(request, rerun.inputs_of(data, paths.NOTEBOOKS))
    manifest = {"format": 1, "reports": {}, "run": {"rerun": {"fingerprint": stamp,
                                                              "reports": ["an-giang.vi"]}}}
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    for name in ("index.html", "an-giang.vi.html", "an-giang.vi.ipynb"):
        (out / name).write_text("", encoding="utf-8")
    code = ("import sys, runpy; sys.argv = ['bhxh', 'reports', '--provinces', 'An Giang', "
            f"'--data-dir', {str(data)!r}, '--out', {str(out)!r}]\n"
            "try:\n    runpy.run_module('helpers.cli', run_name='__main__')\n"
            "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
            "assert 'pandas' not in sys.modules, 'pandas was imported'\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == "1 report: 0 built, 1 skipped, 0 failed in 0.0 s"
