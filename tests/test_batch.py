"""Batch runs end to end on the tiny fixture notebook: isolation, skipping, resuming, Dask."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

import helpers.batch
from helpers.batch import run_batch
from helpers.errors import ParameterError

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "an-giang.csv").write_text("123\n", encoding="utf-8")
    (folder / "bac-giang.csv").write_text("7555\n", encoding="utf-8")
    (folder / "ca-mau.csv").write_text("42\n", encoding="utf-8")
    return folder


def batch(data_dir: Path, out: Path, **options):
    options.setdefault("workers", 2)
    options.setdefault("warm", True)
    return run_batch(
        options.pop("provinces", None), data_dir=data_dir, out_dir=out, backend="tiny_backend",
        backend_path=str(FIXTURES), progress=False, **options,
    )


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_a_failing_province_does_not_stop_the_others(data_dir, tmp_path):
    (data_dir / "bac-giang.csv").write_text("bảy nghìn\n", encoding="utf-8")  # bad data
    out = tmp_path / "reports"
    result = batch(data_dir, out, warm=False)  # kernels started cold, the plain Jupyter way
    assert (result.built, result.failed, result.skipped) == (2, 1, 0)
    assert result.exit_code == 1
    assert (out / "an-giang.vi.html").is_file() and (out / "ca-mau.vi.html").is_file()
    assert not (out / "bac-giang.vi.html").exists()
    [failure] = result.failures
    assert failure["province"] == "Bắc Giang" and failure["cell"] == 4
    assert "invalid literal for int()" in failure["message"]
    assert "warm=False" in (out / "an-giang.vi.html").read_text(encoding="utf-8")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Bắc Giang" in index and "ô / cell 4" in index and "ValueError" in index
    assert "3 reports: 2 built, 0 skipped, 1 failed" in result.summary
    records = manifest(out)["reports"]
    assert records["bac-giang.vi"]["status"] == "failed"
    assert records["an-giang.vi"]["status"] == "built"
    assert records["an-giang.vi"]["key_figures"] == {"participants": 123}
    assert set(records["an-giang.vi"]["versions"]) >= {"python", "pandas", "papermill", "helpers"}
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))


def test_rerun_with_nothing_changed_starts_nothing_and_rewrites_no_report(
    data_dir, tmp_path, monkeypatch
):
    out = tmp_path / "reports"
    first = batch(data_dir, out, provinces=["An Giang", "Cà Mau"], langs=("vi", "en"))
    assert (first.built, first.failed) == (4, 0) and first.exit_code == 0
    assert "An Giang: 123 participants (en), warm=True" in (out / "an-giang.en.html").read_text()
    # Every report file; manifest.json and index.html record each run, so they are rewritten.
    reports = {p: p.stat().st_mtime_ns for p in out.glob("*.*") if p.suffix in {".html", ".ipynb"}}
    reports.pop(out / "index.html")
    assert len(reports) == 8
    records = manifest(out)["reports"]

    def must_not_run(*args, **kwargs):
        raise AssertionError("a rerun with nothing changed ran a job or started a kernel")

    # The speed of a rerun is measured by bench/batch.py; here, that it has nothing to run.
    monkeypatch.setattr(helpers.batch, "run_jobs", must_not_run)
    monkeypatch.setattr(helpers.batch.runner, "start_kernel_server", must_not_run)
    monkeypatch.setattr(helpers.batch.warmkernel, "start_server", must_not_run)
    again = batch(data_dir, out, provinces=["An Giang", "Cà Mau"], langs=("vi", "en"))
    assert (again.built, again.failed, again.skipped) == (0, 0, 4)
    assert {p: p.stat().st_mtime_ns for p in reports} == reports
    assert manifest(out)["reports"] == records
    monkeypatch.undo()

    (data_dir / "ca-mau.csv").write_text("43\n", encoding="utf-8")
    changed = batch(data_dir, out, provinces=["An Giang", "Cà Mau"], langs=("vi", "en"))
    assert (changed.built, changed.skipped) == (2, 2)
    assert manifest(out)["reports"]["ca-mau.vi"]["key_figures"] == {"participants": 43}


def test_an_interrupted_run_resumes_where_it_stopped(data_dir, tmp_path, monkeypatch):
    out = tmp_path / "reports"
    done = helpers.batch.BatchProgress.done

    def interrupt_after_first(self, status, label=""):
        done(self, status, label)
        raise KeyboardInterrupt

    monkeypatch.setattr(helpers.batch.BatchProgress, "done", interrupt_after_first)
    with pytest.raises(KeyboardInterrupt):
        batch(data_dir, out, workers=1)
    monkeypatch.undo()

    first = manifest(out)["reports"]
    assert len(first) == 1 and next(iter(first.values()))["status"] == "built"
    assert len(list(out.glob("*.html"))) <= 3  # the index, the first report, maybe one more
    assert not list(out.glob(".*.tmp"))

    resumed = batch(data_dir, out)
    assert resumed.skipped == 1 and resumed.built == 2 and resumed.exit_code == 0
    assert sorted(manifest(out)["reports"]) == ["an-giang.vi", "bac-giang.vi", "ca-mau.vi"]


@pytest.mark.parametrize("name", ["../../etc/passwd", "<script>alert(1)</script>", "an-giang/.."])
def test_a_province_name_cannot_escape_the_output_folder(data_dir, tmp_path, name):
    out = tmp_path / "reports"
    with pytest.raises(ParameterError, match="not a known province"):
        batch(data_dir, out, provinces=[name])
    assert not (out / "manifest.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "reports"]


def test_hung_and_dying_kernels_fail_only_their_reports(data_dir, tmp_path):
    (data_dir / "an-giang.csv").write_text("HANG\n", encoding="utf-8")
    (data_dir / "bac-giang.csv").write_text("DIE\n", encoding="utf-8")
    out = tmp_path / "reports"
    result = batch(data_dir, out, timeout=3)
    kinds = {f["key"]: f["kind"] for f in result.failures}
    assert kinds == {"an-giang.vi": "CellTimeoutError", "bac-giang.vi": "DeadKernelError"}
    assert result.built == 1 and (out / "ca-mau.vi.html").is_file()


def test_dask_local_cluster_runs_the_same_jobs(data_dir, tmp_path):
    pytest.importorskip("distributed")
    out = tmp_path / "reports"
    result = batch(data_dir, out, provinces=["An Giang", "Cà Mau"], scheduler="local")
    assert (result.built, result.failed) == (2, 0)
    assert "Cà Mau: 42 participants" in (out / "ca-mau.vi.html").read_text(encoding="utf-8")


def test_a_backend_that_fails_to_import_in_the_workers_fails_each_job_clearly(data_dir, tmp_path):
    sys.path.insert(0, str(FIXTURES))
    # Imports here, in the batch's own process, and breaks in any other (the workers).
    (tmp_path / "broken_backend.py").write_text(
        f"import os\nif os.getpid() != {os.getpid()}:\n    raise ImportError('broken')\n"
        "from tiny_backend import *  # noqa: F403\n",
        encoding="utf-8",
    )
    result = run_batch(
        ["An Giang", "Cà Mau"], data_dir=data_dir, out_dir=tmp_path / "reports", workers=1,
        backend="broken_backend", backend_path=str(tmp_path), progress=False, warm=False,
    )
    assert result.failed == 2 and result.exit_code == 1
    assert all("cannot be imported: broken" in f["message"] for f in result.failures)


def test_a_batch_with_reports_to_build_starts_its_kernel_server_before_planning(
    data_dir, tmp_path, monkeypatch
):
    # The server's imports and warm-up are the longest part of a batch's start: planning runs
    # beside them. One server for the batch: the pool does not start another.
    order: list[str] = []
    start, plan = helpers.batch.runner.start_kernel_server, helpers.batch.plan_jobs

    def started(*args, **kwargs):
        order.append("server")
        return start(*args, **kwargs)

    def planned(*args, **kwargs):
        order.append("plan")
        return plan(*args, **kwargs)

    monkeypatch.setattr(helpers.batch.runner, "start_kernel_server", started)
    monkeypatch.setattr(helpers.batch, "plan_jobs", planned)
    result = batch(data_dir, tmp_path / "reports", provinces=["An Giang"])
    assert result.built == 1 and result.failed == 0
    assert order == ["server", "plan"]
    assert "warm=True" in (tmp_path / "reports" / "an-giang.vi.html").read_text()


def _manifest_reading_notebook(path: Path) -> Path:
    """A national summary stand-in: prints which province reports the manifest in its output
    folder held, with their stored headline numbers, when it ran."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell(
        'level = "legacy"\nlang = "vi"\ndata_dir = ""\noutput_dir = ""'
    )
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters, nbformat.v4.new_code_cell(
        "import json, pathlib\n"
        "path = pathlib.Path(output_dir) / 'manifest.json'\n"
        "reports = json.loads(path.read_text())['reports'] if path.is_file() else {}\n"
        "print('STORED', sorted((k, r['key_figures']['participants']) for k, r in "
        "reports.items() if r['kind'] == 'province' and r['status'] == 'built'))\n"
    )]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, path)
    return path


@pytest.mark.parametrize("scheduler", [None, "local"])
def test_national_summaries_run_after_the_province_reports_and_read_their_headlines(
    data_dir, tmp_path, scheduler
):
    # The summary reads each report's headline numbers from the manifest instead of computing
    # every province again: it runs once they are all recorded, the manifest saved.
    if scheduler:
        pytest.importorskip("distributed")
    out = tmp_path / "reports"
    result = batch(data_dir, out, langs=("vi", "en"), scheduler=scheduler,
                   national_notebook=_manifest_reading_notebook(tmp_path / "national.ipynb"))
    assert (result.built, result.failed) == (8, 0)
    for lang in ("vi", "en"):
        page = (out / f"national_summary.{lang}.html").read_text(encoding="utf-8")
        expected = [(f"{slug}.{code}", number) for slug, number in
                    (("an-giang", 123), ("bac-giang", 7555), ("ca-mau", 42))
                    for code in ("en", "vi")]
        assert f"STORED {expected}" in page.replace("&#x27;", "'").replace("&#39;", "'")


def test_a_places_languages_run_one_after_the_other_on_one_worker(data_dir, tmp_path):
    # The second language of a province takes the statistics the first computed in the same
    # kept kernel (helpers.report.memo): the pool gives a place's reports to one worker, in a
    # row (on main each job went to whichever worker was free: a place's two languages mostly
    # ran at the same time on both).
    (data_dir / "nghe-an.csv").write_text("9\n", encoding="utf-8")
    (tmp_path / "paired_backend.py").write_text(
        "import os, time\n"
        "from tiny_backend import *  # noqa: F403\n"
        "def execute_report(params, *, kernel_name='python3', timeout=600):\n"
        "    started = time.time()\n"
        "    time.sleep(0.2)\n"
        "    return types.SimpleNamespace(key_figures={'pid': os.getpid(), 'start': started,\n"
        "                                              'end': time.time()})\n"
        "import types\n",
        encoding="utf-8",
    )
    sys.path.insert(0, str(FIXTURES))
    out = tmp_path / "reports"
    result = run_batch(
        ["An Giang", "Bắc Giang", "Cà Mau", "Nghệ An"], langs=["vi", "en"], data_dir=data_dir,
        out_dir=out, workers=2, backend="paired_backend", backend_path=str(tmp_path),
        progress=False, warm=False,
    )
    assert (result.built, result.failed) == (8, 0)
    runs = {key: record["key_figures"] for key, record in manifest(out)["reports"].items()}
    for place in ("an-giang", "bac-giang", "ca-mau", "nghe-an"):
        vi, en = runs[f"{place}.vi"], runs[f"{place}.en"]
        assert vi["pid"] == en["pid"]
        # Next on that worker: nothing of its ran between the two.
        between = [r for r in runs.values()
                   if r["pid"] == vi["pid"] and vi["end"] <= r["start"] < en["start"]]
        assert between == [] and vi["end"] <= en["start"]
    assert len({r["pid"] for r in runs.values()}) == 2
