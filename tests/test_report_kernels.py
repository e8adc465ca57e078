"""A kernel kept across reports starts each one as a fresh kernel would, and a failed report
gives it up (helpers.report.kernels)."""

from __future__ import annotations

import json

import nbformat
import pytest

from helpers.errors import ReportExecutionError
from helpers.report import kernels
from helpers.report.render import run_notebook

# What the report sees when it starts (its cell number too), then what it leaves behind for the
# next one: a variable, a matplotlib setting, an open figure, pandas and numpy display options
# (and another pandas option), cyclic garbage, a warning filter, another working folder.
PROBE = """
import gc, json, os, warnings
from IPython import get_ipython
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
print(json.dumps({"pid": os.getpid(), "leak": "leak" in dir(), "cwd": os.getcwd(),
                  "width": matplotlib.rcParams["lines.linewidth"],
                  "figures": len(plt.get_fignums()), "filters": len(warnings.filters),
                  "max_rows": pd.get_option("display.max_rows"),
                  "precision": pd.get_option("display.precision"),
                  "float_format": repr(pd.get_option("display.float_format")),
                  "chained": pd.get_option("mode.chained_assignment"),
                  "np_precision": np.get_printoptions()["precision"],
                  "cycles": sum(type(o).__name__ == "Cycle" for o in gc.get_objects()),
                  "count": get_ipython().execution_count}))
leak = 1
matplotlib.rcParams["lines.linewidth"] = 9.0
plt.figure()
pd.set_option("display.max_rows", 3)
pd.set_option("display.precision", 1)
pd.set_option("display.float_format", "{:.1f}".format)
pd.set_option("mode.chained_assignment", "raise")
np.set_printoptions(precision=2)
class Cycle:
    pass
garbage = Cycle()
garbage.me = garbage  # cyclic garbage once the namespace is cleared
warnings.simplefilter("error")
os.chdir("/")
if fail:
    raise ValueError("boom")
"""


@pytest.fixture
def notebook(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("fail = False", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(PROBE)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = tmp_path / "probe.ipynb"
    nbformat.write(nb, path)
    yield path
    kernels.shutdown_all()


def run(notebook, out, n: int, fail: bool = False) -> dict:
    output = run_notebook(notebook, {"fail": fail}, output_dir=out, slug=f"r{n}", lang="vi",
                          label=f"report {n}", reuse_kernel=True)
    nb = nbformat.read(output.ipynb, as_version=4)
    # The probe's JSON line is its stdout; pandas' deprecation of `mode.chained_assignment`
    # may come first on stderr (whether it shows depends on the warning registry's state).
    (line,) = [o["text"] for o in nb.cells[-1].outputs if o.get("name") == "stdout"]
    return json.loads(line)


def test_a_kept_kernel_starts_each_report_as_a_fresh_one(notebook, tmp_path):
    first = run(notebook, tmp_path / "out", 1)
    second = run(notebook, tmp_path / "out", 2)
    assert second["pid"] == first["pid"]  # the same kernel
    fresh = {k: v for k, v in first.items() if k != "pid"}
    assert {k: v for k, v in second.items() if k != "pid"} == fresh
    assert not fresh["leak"] and fresh["width"] != 9.0 and fresh["figures"] == 0
    assert fresh["max_rows"] != 3 and fresh["precision"] != 1 and fresh["np_precision"] != 2
    assert fresh["float_format"] == "None" and fresh["chained"] != "raise"
    assert fresh["cycles"] == 0  # the first report's cyclic garbage was collected
    assert kernels.kept() == {("python3", str(notebook.parent)): 2}


def test_a_failed_report_gives_up_its_kernel(notebook, tmp_path):
    first = run(notebook, tmp_path / "out", 1)
    with pytest.raises(ReportExecutionError, match="boom"):
        run(notebook, tmp_path / "out", 2, fail=True)
    assert kernels.kept() == {}
    after = run(notebook, tmp_path / "out", 3)
    assert after["pid"] != first["pid"] and not after["leak"]


def test_a_kernel_is_replaced_after_its_quota_of_reports(notebook, tmp_path, monkeypatch):
    monkeypatch.setattr(kernels, "REUSES", 2)
    pids = [run(notebook, tmp_path / "out", n)["pid"] for n in range(3)]
    assert pids[0] == pids[1] != pids[2]


def test_a_kept_kernel_keeps_one_client_and_checks_it_ready_once(notebook, tmp_path,
                                                                  monkeypatch):
    # Each ready check waits for IOPub to fall silent (~0.2 s of idle): a kept kernel pays it
    # when it starts, not in every report's reset and notebook run.
    from jupyter_client.asynchronous.client import AsyncKernelClient

    checks: list[int] = []
    ready = AsyncKernelClient.wait_for_ready

    async def counted(self, *args, **kwargs):
        checks.append(id(self))
        return await ready(self, *args, **kwargs)

    monkeypatch.setattr(AsyncKernelClient, "wait_for_ready", counted)
    pids = [run(notebook, tmp_path / "out", n)["pid"] for n in range(3)]
    assert len(set(pids)) == 1
    assert len(checks) == 1  # the kept client, when the kernel started
    (manager,) = [entry[0] for entry in kernels._KERNELS.values()]
    assert id(manager.kept_client) == checks[0] and manager.clients == []


LATE = """
import threading, time
def late():
    time.sleep(3)
    print("LATE OUTPUT", flush=True)
threading.Thread(target=late).start()
"""


def test_a_report_that_leaves_a_thread_running_gives_up_its_kernel(tmp_path):
    # A thread the first report started prints while the second runs: the kernel sends it under
    # the request running then, so in a kept kernel it would land in the second report.
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("late_output = False", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(f"if late_output:\n    exec({LATE!r})"),
                nbformat.v4.new_code_cell("import time\ntime.sleep(4 if not late_output else 0)\n"
                                          "print('own output')")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = tmp_path / "late.ipynb"
    nbformat.write(nb, path)
    try:
        run_notebook(path, {"late_output": True}, output_dir=tmp_path / "out", slug="a",
                     lang="vi", label="a", reuse_kernel=True)
        second = run_notebook(path, {"late_output": False}, output_dir=tmp_path / "out",
                              slug="b", lang="vi", label="b", reuse_kernel=True)
        kept = kernels.kept()
    finally:
        kernels.shutdown_all()
    assert list(kept.values()) == [1]  # the second report ran in a fresh kernel
    outputs = json.dumps([c.get("outputs", []) for c in nbformat.read(second.ipynb, 4).cells])
    assert "own output" in outputs and "LATE OUTPUT" not in outputs


def test_a_kept_kernel_with_an_input_history_shows_no_history_error_in_the_next_report(tmp_path):
    # A plain python3 kernel keeps IPython's input history; the reset restarts the cell count,
    # so the next report's cells reused the last one's (session, line) numbers and its first
    # cell printed "ERROR! Session/line number was not unique in database" into the page.
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("print(x)"),
                # The history is written when its cache fills or at exit: write it now.
                nbformat.v4.new_code_cell("get_ipython().history_manager.writeout_cache()")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = tmp_path / "history.ipynb"
    nbformat.write(nb, path)
    try:
        texts = []
        for n in range(3):
            output = run_notebook(path, {"x": n}, output_dir=tmp_path / "out", slug=f"h{n}",
                                  lang="vi", label=f"report {n}", reuse_kernel=True)
            done = nbformat.read(output.ipynb, as_version=4)
            texts.append([o.get("text", "") for c in done.cells for o in c.get("outputs", [])])
        assert kernels.kept() == {("python3", str(tmp_path)): 3}
    finally:
        kernels.shutdown_all()
    assert texts == [["0\n"], ["1\n"], ["2\n"]]
