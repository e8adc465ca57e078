"""The worker side: error descriptions, kernel start-up retries, progress summary, the command."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from helpers.batch import runner
from helpers.batch.failures import describe_error
from helpers.batch.jobs import Job
from helpers.batch.progress import BatchProgress
from helpers.cli import main
from helpers.errors import ReportExecutionError


def papermill_error(cell=5, source="sections.trajectory(data)\nmore", evalue="no data"):
    from papermill.exceptions import PapermillExecutionError

    return PapermillExecutionError(cell, 3, source, "KeyError", evalue, [])


def test_the_failing_cell_is_found_through_a_wrapping_error():
    try:
        try:
            raise papermill_error()
        except Exception as exc:
            raise ReportExecutionError("Bắc Giang", exc.cell_index, "KeyError: no data") from None
    except ReportExecutionError as wrapped:
        error = describe_error(wrapped)
    assert error == {"cell": 5, "kind": "KeyError", "source": "sections.trajectory(data)",
                     "message": "KeyError: no data"}


def test_a_long_multiline_message_becomes_one_short_line():
    error = describe_error(RuntimeError("line one\n" + "x" * 900))
    assert "\n" not in error["message"] and len(error["message"]) <= 501
    assert error["cell"] is None and error["kind"] == "RuntimeError"


class FlakyBackend(types.SimpleNamespace):
    """Fails to start its kernel ``failures`` times, then builds."""

    def execute_report(self, params, *, kernel_name, timeout):
        self.calls += 1
        self.kernels.append(kernel_name)
        if self.calls <= self.failures:
            raise RuntimeError("Kernel died before replying to kernel_info")

    def key_figures(self, params):
        return {"participants": 1}


@pytest.fixture
def flaky(monkeypatch):
    backend = FlakyBackend(calls=0, failures=1, kernels=[])
    monkeypatch.setattr(runner, "prepare_worker", lambda *a, **k: None)
    monkeypatch.setitem(runner._ready, "module", backend)
    return backend


def job() -> Job:
    params = types.SimpleNamespace(province="Cà Mau", level="legacy", output_dir=Path("."),
                                   data_dir=Path("."))
    return Job(params, "Cà Mau", "ca-mau", "vi", {"params": "x"})


def test_a_kernel_that_fails_to_start_is_retried_once_cold(flaky):
    outcome = runner.run_job(job(), backend="fake", warm=True)
    assert (outcome.status, outcome.attempts, flaky.calls) == ("built", 2, 2)
    assert flaky.kernels == ["bhxh-warm", "python3"]  # the warm server may be the problem
    assert outcome.key_figures == {"participants": 1}


def test_a_kernel_that_fails_to_start_twice_fails_the_report(flaky):
    flaky.failures = 5
    outcome = runner.run_job(job(), backend="fake")
    assert (outcome.status, outcome.attempts, flaky.calls) == ("failed", 2, 2)
    assert "Kernel died" in outcome.error["message"]


def test_a_failing_cell_is_not_retried(flaky, monkeypatch):
    def fail(params, **kwargs):
        flaky.calls += 1
        raise papermill_error()

    monkeypatch.setattr(flaky, "execute_report", fail)
    outcome = runner.run_job(job(), backend="fake")
    assert (outcome.status, flaky.calls, outcome.error["cell"]) == ("failed", 1, 5)


def test_the_summary_line_counts_every_outcome():
    bar = BatchProgress(63, enabled=False)
    bar.skip(2)
    for _ in range(60):
        bar.done("built")
    bar.done("failed", "Nghệ An")
    assert bar.close().startswith("63 reports: 60 built, 2 skipped, 1 failed in ")


def test_the_command_refuses_bad_options_with_exit_code_2(tmp_path, capsys):
    assert main(["reports", "--workers", "0", "--out", str(tmp_path)]) == 2
    assert "--workers must be at least 1" in capsys.readouterr().err
    missing = tmp_path / "nowhere"
    assert main(["reports", "--data-dir", str(missing), "--out", str(tmp_path)]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_the_command_rejects_a_path_as_province_before_running(tmp_path, capsys):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "facts.csv").write_text("", encoding="utf-8")
    code = main(["reports", "--provinces", "../../etc/passwd", "--data-dir",
                 str(tmp_path / "data"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and "../../etc/passwd" in err and "Traceback" not in err
    assert not (tmp_path / "out" / "manifest.json").exists()
    assert not list(tmp_path.glob("**/passwd*"))


def test_workers_keep_their_kernel_only_with_a_backend_that_can():
    """The report backend keeps one kernel across reports (helpers.report.kernels); a backend
    whose execute_report has no ``reuse_kernel`` is called as before."""
    import helpers.report

    def execute_report(params, *, kernel_name="python3", timeout=600):
        return None

    plain = types.SimpleNamespace(execute_report=execute_report)
    assert runner._reuse(helpers.report) == {"reuse_kernel": True}
    assert runner._reuse(plain) == {}


def test_the_forkserver_preload_skips_the_iri_grammar_and_notebooks_still_validate():
    # jsonschema compiles an RFC 3987 grammar when imported (~1.6 s of CPU) for formats neither
    # nbformat nor papermill checks; the workers' forkserver goes without it.
    import subprocess
    import sys

    code = ("import sys, helpers.batch.preload, nbformat\n"
            "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1')])\n"
            "nbformat.validate(nbformat.reads(nbformat.writes(nb), 4))\n"
            "print(sys.modules['rfc3987_syntax'], 'papermill' in sys.modules,"
            " 'helpers.batch.runner' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["None", "True", "True"]
    assert runner._context().get_start_method() != "forkserver" or "helpers.batch.preload" in (
        __import__("multiprocessing.forkserver").forkserver._forkserver._preload_modules)


def test_the_forkserver_preload_pays_the_pages_first_use_costs_and_pages_are_the_same(tmp_path):
    # Compiling nbconvert's templates and nbformat's validator cost ~0.3 s of each worker's first
    # report; the forkserver does it once, before it forks the workers. The page made after it
    # is the page a fresh process makes.
    import subprocess
    import sys

    import nbformat

    cell = nbformat.v4.new_code_cell("1")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": "<b>é</b>"})]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Tỉnh"), cell])
    path = tmp_path / "nb.ipynb"
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    page = ("from helpers.report import render\n"
            f"nb = nbformat.read({str(path)!r}, as_version=4)\n"
            "print(repr(render.notebook_to_html(nb, title='t')))\n")
    warmed = ("import os, helpers.batch.preload, nbformat\n"
              "from helpers.report import render\n"
              "print(render._exporter.cache_info().currsize,"
              " render._exporter()._template_cached is not None,"
              " any(name == os.environ['NBFORMAT_VALIDATOR']"
              "     for name, *_ in nbformat.validator.validators))\n" + page)
    cold = ("import nbformat\nfrom helpers.report import render\n"
            "print(render._exporter.cache_info().currsize)\n" + page)
    run = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.splitlines() for code in (warmed, cold)]
    assert run[0][0].split() == ["1", "True", "True"]
    assert run[1][0] == "0"  # without the preload nothing is compiled before the first page
    assert run[0][1] == run[1][1] and "Tỉnh" in run[0][1]


def test_reports_with_process_builds_the_data_while_the_kernel_server_imports(
    tmp_path, monkeypatch, capsys
):
    # `make reports` after data/raw changed: one command; the server starts first (its imports
    # are the longest part of the start), `bhxh process` runs beside them, the server warms up
    # with the data just built, and the batch uses that server; it is stopped at the end.
    import helpers.batch
    from helpers.commands import process

    events: list[tuple] = []
    data, out = tmp_path / "data", tmp_path / "out"

    class FakeServer:
        def warm_up(self, folder):
            events.append(("warm_up", Path(folder)))

        def stop(self):
            events.append(("stop",))

    server = FakeServer()

    def early_server(backend, backend_path, data_dir, log_dir):
        events.append(("server", data_dir))
        return server

    def run_process(args):
        events.append(("process", args.out))
        data.mkdir()
        (data / "facts.csv").write_text("", encoding="utf-8")
        return 0

    def run_batch(provinces, **options):
        events.append(("batch", options["server"] is server, options["data_dir"]))
        return types.SimpleNamespace(failures=[], summary="0 reports", index=out / "index.html",
                                     exit_code=0)

    monkeypatch.setattr(runner, "early_server", early_server)
    monkeypatch.setattr(process, "run", run_process)
    monkeypatch.setattr(helpers.batch, "run_batch", run_batch)
    code = main(["reports", "--process", "--data-dir", str(data), "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert events == [("server", None), ("process", str(data)), ("warm_up", data.resolve()),
                      ("batch", True, data), ("stop",)]


def test_reports_with_process_stops_its_server_when_process_fails(tmp_path, monkeypatch, capsys):
    import helpers.batch
    from helpers.commands import process
    from helpers.errors import ParameterError

    stopped = []

    def early_server(*args):
        return types.SimpleNamespace(stop=lambda: stopped.append(True), warm_up=print)

    def failing_process(args):
        raise ParameterError("data/raw/official/x.csv, row 3: bad month.")

    monkeypatch.setattr(runner, "early_server", early_server)
    monkeypatch.setattr(process, "run", failing_process)
    monkeypatch.setattr(helpers.batch, "run_batch", lambda *a, **k: pytest.fail("ran reports"))
    code = main(["reports", "--process", "--data-dir", str(tmp_path / "d"), "--out",
                 str(tmp_path / "o")])
    assert code == 2 and "bad month" in capsys.readouterr().err
    assert stopped == [True]
    assert main(["reports", "--process", "--demo", "--out", str(tmp_path / "o")]) == 2
    assert "--process" in capsys.readouterr().err


@pytest.mark.skipif(__import__("sys").platform != "linux", reason="the forkserver is Linux's")
def test_the_early_server_starts_the_pools_forkserver_with_its_preload(tmp_path):
    # The workers' imports (papermill, nbconvert) run while the batch builds data and plans.
    from multiprocessing import forkserver

    import psutil

    forkserver._forkserver._stop()  # one an earlier test started would prove nothing
    server = runner.early_server("tiny_backend", str(Path(__file__).parent / "fixtures"),
                                 tmp_path, str(tmp_path / "logs"))
    try:
        pid = forkserver._forkserver._forkserver_pid
        assert pid is not None and psutil.pid_exists(pid)
        import time

        deadline = time.monotonic() + 30
        while not psutil.Process(pid).cmdline() and time.monotonic() < deadline:
            time.sleep(0.05)  # between its fork and its exec
        assert "helpers.batch.preload" in " ".join(psutil.Process(pid).cmdline())
    finally:
        if server is not None:
            server.stop()
