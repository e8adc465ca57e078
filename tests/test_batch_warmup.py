"""The report warm-up the kernel server runs before forking: data loaded, nothing left open."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt

from helpers.batch import runner
from helpers.batch.warmup import warm_report
from helpers.cli import main
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


def test_a_server_started_before_its_data_exists_warms_up_with_the_folder_given_later(
    monkeypatch, tmp_path
):
    # `bhxh reports --process`: the server imports while `bhxh process` builds the data folder;
    # it warms up with that folder only when told, and listens only after its warm-up.
    import time

    from helpers.batch import warmkernel

    (tmp_path / "warm_probe.py").write_text(
        "from pathlib import Path\n"
        "def warm(folder):\n"
        "    Path(folder, 'warmed').write_text(Path(folder, 'facts.csv').read_text())\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    server = warmkernel.start_server(("colorsys",), warmup="warm_probe:warm",
                                     data_dir=str(tmp_path / "ignored"), warm_later=True,
                                     log=tmp_path / "server.log")
    try:
        time.sleep(1.0)
        assert server.alive() and not Path(server.address).exists()  # waiting for its folder
        data = tmp_path / "data"
        data.mkdir()
        (data / "facts.csv").write_text("built after the server started", encoding="utf-8")
        server.warm_up(data)
        server.wait_ready(timeout=60)
        assert (data / "warmed").read_text() == "built after the server started"
        assert not (tmp_path / "ignored").exists()
    finally:
        server.stop()
    assert not server.alive()


def test_a_server_waiting_for_its_folder_stops_when_told_without_one(tmp_path):
    # `bhxh process` failed: the reports do not run, and the server must not hang.
    from helpers.batch import warmkernel

    server = warmkernel.start_server(("colorsys",), warmup="warm_probe:warm", warm_later=True,
                                     log=tmp_path / "server.log")
    server.stop()
    assert server.process.wait(timeout=10) is not None and not server.folder.exists()


def test_the_server_imports_scipy_stats_and_statsmodels_only_for_panel_data(tmp_path):
    """The server's imports and a press-only warm-up leave out scipy.stats and statsmodels
    (~1.3 s before the server is ready); on panel data (the demo) the warm-up imports them,
    so the kernels forked afterwards still inherit them."""
    import subprocess
    import sys

    from helpers.batch import warmkernel

    demo = tmp_path / "demo"
    assert main(["demo", "--out", str(demo)]) == 0
    preload = (*warmkernel.PRELOAD, "helpers.report",
               *runner.KNOWN_BACKENDS["helpers.report"]["preload"])
    probe = (
        "import importlib, sys\n"
        "from helpers.batch.warmup import warm_report\n"
        "def heavy():\n"
        "    return sorted({'scipy.stats', 'statsmodels.api'} & set(sys.modules))\n"
        f"for name in {list(preload)!r}:\n"
        "    importlib.import_module(name)\n"
        "print(heavy())\n"
        f"warm_report({str(FIXTURE)!r})\n"
        "print(heavy())\n"
        f"warm_report({str(demo)!r})\n"
        "print(heavy())\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout.split("\n")
    assert out[:3] == ["[]", "[]", "['scipy.stats', 'statsmodels.api']"], out
