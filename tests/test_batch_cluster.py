"""Dask runs on a real (local) cluster: clear errors before anything runs, the code that ran on
each worker recorded and checked, finished reports kept when a worker dies, and nothing written
or run for a batch that was killed (the cluster plays one that outlives its batches)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import helpers.batch.jobs
from helpers.batch import run_batch
from helpers.batch.cluster import ClusterError, connect
from helpers.batch.jobs import helpers_source_digest, load_backend, plan_jobs
from helpers.batch.lock import LOCK_NAME
from helpers.batch.runner import _ready, run_job, run_jobs
from helpers.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
KILLED_CLIENT = """
import sys
from pathlib import Path
from helpers.batch import run_batch
run_batch(None, data_dir=Path(sys.argv[1]), out_dir=Path(sys.argv[2]), backend="tiny_backend",
          backend_path=sys.argv[3], scheduler=sys.argv[4], progress=False, timeout=120)
"""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "an-giang.csv").write_text("123\n", encoding="utf-8")
    (folder / "ca-mau.csv").write_text("42\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    load_backend("tiny_backend", str(FIXTURES))  # the scheduler and workers unpickle its jobs
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
        host="127.0.0.1",
    ) as local:
        yield local


def batch(data_dir: Path, out: Path, **options):
    return run_batch(
        options.pop("provinces", None), data_dir=data_dir, out_dir=out, backend="tiny_backend",
        backend_path=str(FIXTURES), progress=False, **options,
    )


def _poison() -> None:
    """On a worker: pretend it imported the helpers before src/helpers changed."""
    from helpers.batch import runner

    runner._ready["code_digest"] = "0" * 64


def test_without_distributed_the_batch_stops_with_one_sentence(
    data_dir, tmp_path, monkeypatch, capsys
):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    shutil.copy(FIXTURES / "report" / "facts.csv", data_dir / "facts.csv")
    out = tmp_path / "reports"
    code = main(["reports", "--data-dir", str(data_dir), "--out", str(out), "--scheduler",
                 "local"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert "'distributed' package, which is not installed" in err and len(err.splitlines()) == 1
    assert not (out / "index.html").exists() and not (out / "manifest.json").exists()


def test_an_unreachable_scheduler_is_one_sentence_quickly_and_no_index(data_dir, tmp_path):
    pytest.importorskip("distributed")
    out = tmp_path / "reports"
    started = time.perf_counter()
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        batch(data_dir, out, scheduler="tcp://127.0.0.1:9")
    assert time.perf_counter() - started < 30
    assert not (out / "index.html").exists() and not (out / "manifest.json").exists()


def test_a_scheduler_without_workers_times_out_with_what_to_do():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=0, dashboard_address=None, host="127.0.0.1") as empty:
        with pytest.raises(ClusterError, match=r"has no worker after 1 s: start some"):
            connect(empty.scheduler_address, 1, worker_timeout=1)


def test_workers_on_stale_code_are_restarted_and_the_code_that_ran_is_recorded(
    cluster, data_dir, tmp_path
):
    from distributed import Client

    with Client(cluster) as client:
        client.run(_poison)
        out = tmp_path / "reports"
        result = batch(data_dir, out, scheduler=cluster.scheduler_address)
        assert (result.built, result.failed) == (2, 0)
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        digests = {r["code_digest"] for r in manifest["reports"].values()}
        assert digests == {helpers_source_digest()}
        from helpers.batch.runner import loaded_code_digest

        assert set(client.run(loaded_code_digest).values()) == {helpers_source_digest()}


def _busy_threads(dask_worker) -> int:
    """On a worker: tasks still running in its threads (those the scheduler released too)."""
    return len(dask_worker.state.executing)


def _wait_for(condition, timeout: float = 300.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_a_killed_batch_leaves_the_cluster_writing_nothing_and_running_nothing(
    cluster, data_dir, tmp_path
):
    from distributed import Client

    slugs = ("an-giang", "bac-giang", "ca-mau", "nghe-an")
    for slug in slugs:
        (data_dir / f"{slug}.csv").write_text("SLOW 3\n", encoding="utf-8")
    out = tmp_path / "reports"
    client_process = subprocess.Popen(
        [sys.executable, "-c", KILLED_CLIENT, str(data_dir), str(out), str(FIXTURES),
         cluster.scheduler_address], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )

    def started() -> list[str]:
        return sorted(p.stem for p in data_dir.glob("*.started"))

    _wait_for(lambda: len(started()) == 2 or client_process.poll() is not None)
    assert client_process.poll() is None, client_process.communicate()
    client_process.kill()  # two reports half-way through their notebooks, two queued
    client_process.wait()
    ran = started()
    with Client(cluster) as client:
        # The two reports run to their end on the workers; then give the queue time to start.
        _wait_for(lambda: not any(client.run(_busy_threads).values()), timeout=120)
        time.sleep(2)
        assert not any(client.run(_busy_threads).values())
    assert started() == ran  # the queued reports never started
    written = sorted(p.name for p in out.rglob("*") if p.suffix in (".html", ".ipynb", ".tmp"))
    assert written == ["index.html"]  # only the batch's own "IN PROGRESS" index
    assert not (out / "manifest.json").exists()
    assert (out / LOCK_NAME).exists()  # the killed batch's lock, stale: its pid is gone

    for slug in slugs:
        (data_dir / f"{slug}.csv").write_text("5\n", encoding="utf-8")
    result = batch(data_dir, out, scheduler=cluster.scheduler_address)
    assert (result.built, result.failed) == (4, 0)  # the next batch takes the folder over
    assert not (out / LOCK_NAME).exists()


def test_workers_that_keep_other_code_are_refused_before_anything_runs(
    cluster, data_dir, tmp_path, monkeypatch
):
    # This checkout "changed" after the workers imported it, and restarting them does not help
    # (as on a machine with another copy of the code).
    monkeypatch.setattr(helpers.batch.jobs, "helpers_source_digest", lambda: "f" * 64)
    out = tmp_path / "reports"
    # Either the restarted workers still run other code (named with its digest), or, on a
    # loaded machine, they do not come back within the wait: both refuse before anything runs.
    with pytest.raises(ClusterError, match=r"other helpers code"):
        batch(data_dir, out, scheduler=cluster.scheduler_address)
    assert not (out / "index.html").exists() and not (out / "manifest.json").exists()


def test_a_worker_on_other_code_than_the_job_refuses_it(data_dir, tmp_path):
    backend = load_backend("tiny_backend", str(FIXTURES))
    [job] = plan_jobs(["An Giang"], level="legacy", langs=("vi",), data_dir=data_dir,
                      out_dir=tmp_path, notebook=backend.NOTEBOOK, backend=backend)
    stale = type(job)(**{**job.__dict__, "inputs": {**job.inputs, "helpers": "1" * 64}})
    outcome = run_job(stale, backend="tiny_backend", backend_path=str(FIXTURES))
    assert outcome.status == "failed" and outcome.error["kind"] == "StaleCode"
    assert outcome.code_digest == _ready["code_digest"]
    assert not (tmp_path / "an-giang.vi.html").exists()


def test_a_killed_worker_does_not_rebuild_finished_reports(cluster, data_dir, tmp_path):
    from distributed import Client

    (data_dir / "bac-giang.csv").write_text("HANG\n", encoding="utf-8")
    backend = load_backend("tiny_backend", str(FIXTURES))
    out = tmp_path / "reports"
    jobs = plan_jobs(None, level="legacy", langs=("vi",), data_dir=data_dir, out_dir=out,
                     notebook=backend.NOTEBOOK, backend=backend)
    jobs.sort(key=lambda job: job.province != "Bắc Giang")  # the hanging one starts first
    outcomes, stamps = [], {}

    with Client(cluster) as client:
        def on_outcome(outcome) -> None:
            outcomes.append(outcome.key)
            if outcome.status == "built":
                stamps[outcome.key] = (out / f"{outcome.key}.html").stat().st_mtime_ns
            if len(stamps) == 2:
                # Both quick reports are done, the hanging one still runs: kill every worker.
                for pid in client.run(os.getpid).values():
                    os.kill(pid, signal.SIGKILL)

        run_jobs(jobs, on_outcome, workers=2, backend="tiny_backend",
                 backend_path=str(FIXTURES), timeout=5, scheduler=cluster.scheduler_address)
        # No wait for the nannies to bring the killed workers back: that is distributed's
        # business, not the batch's, and in two full-suite runs today (one a fresh-clone CI
        # run) 0 of 2 had come back after 180 s. What the test claims holds once run_jobs
        # has returned.
    assert sorted(outcomes) == ["an-giang.vi", "bac-giang.vi", "ca-mau.vi"]
    for key, stamp in stamps.items():
        assert (out / f"{key}.html").stat().st_mtime_ns == stamp, f"{key} was built again"
