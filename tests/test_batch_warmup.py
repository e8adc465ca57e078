"""The report warm-up the kernel server runs before forking: data loaded, nothing left open."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt

from helpers.batch import runner
from helpers.batch.warmup import warm_report
from helpers.report import data

FIXTURE = Path(__file__).parent / "fixtures" / "report"


def test_warm_up_loads_the_folder_and_leaves_no_figure_open(monkeypatch):
    monkeypatch.setattr(data, "_LOADED", {})
    plt.close("all")
    warm_report(str(FIXTURE))
    assert FIXTURE.resolve() in data._LOADED
    assert plt.get_fignums() == []


def test_the_report_backend_is_warmed_by_it():
    module, _, function = runner.KNOWN_BACKENDS["helpers.report"]["warmup"].partition(":")
    assert (module, function) == (warm_report.__module__, warm_report.__name__)


def test_the_kernel_server_runs_one_blas_thread_unless_told_otherwise(monkeypatch, tmp_path):
    """The batch process starts the shared server without the workers' settings: the server
    (whose kernels inherit its already loaded BLAS) gets one thread; a caller's value wins.

    The environment is read where the server is started (reading /proc/PID/environ raced with
    the server's own start-up on a loaded CI machine and found it empty)."""
    from helpers.batch import warmkernel

    started = {}

    class FakePopen:
        def __init__(self, argv, **kwargs):
            started.update(kwargs, argv=argv)

    for name in warmkernel.THREADS_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MKL_NUM_THREADS", "3")
    monkeypatch.setattr(warmkernel.subprocess, "Popen", FakePopen)
    warmkernel.start_server((), log=tmp_path / "server.log")
    environ = started["env"]
    assert "serve" in started["argv"][2]
    assert environ["OPENBLAS_NUM_THREADS"] == "1" and environ["OMP_NUM_THREADS"] == "1"
    assert environ["MKL_NUM_THREADS"] == "3"
