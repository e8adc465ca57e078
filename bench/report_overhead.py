"""Per-report cost of the notebook path in one kept warm kernel (issue 14).

Builds the given provinces one after another in one kept kernel forked by a warm kernel
server, as a batch worker does, and prints per report (the first excluded: it starts the
kernel): wall seconds, the kernel's CPU seconds (read from /proc for the server's children)
and this process's CPU seconds, with papermill's client, the HTML step and the .ipynb
serialisation apart. Run it alternately on two checkouts to compare them on a shared machine.

    .venv/bin/python bench/report_overhead.py DEMO "An Giang,Bắc Giang,Bến Tre" OUT
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import atexit  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import nbformat  # noqa: E402
import papermill  # noqa: E402
import psutil  # noqa: E402

from helpers.batch import runner, warmkernel  # noqa: E402
from helpers.report import render, validate_parameters  # noqa: E402

SPENT: dict[str, list[float]] = {}


def timed(name: str, function):
    """``function`` adding its wall and CPU seconds to ``SPENT[name]``."""
    def wrapper(*args, **kwargs):
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent = SPENT.setdefault(name, [0.0, 0.0])
            spent[0] += time.perf_counter() - wall
            spent[1] += time.process_time() - cpu
    return wrapper


def kernels_cpu(server: psutil.Process) -> float:
    """CPU seconds of the server's live children (the kept kernel)."""
    total = 0.0
    for child in server.children():
        try:
            times = child.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def main() -> None:
    data, names, out = Path(sys.argv[1]), sys.argv[2].split(","), Path(sys.argv[3])
    server = runner.start_kernel_server(None, "helpers.report", data)
    server.wait_ready()
    atexit.register(server.stop)
    os.environ.update(server.environ())
    parent = psutil.Process(server.process.pid)
    papermill.execute_notebook = timed("papermill", papermill.execute_notebook)
    render.notebook_to_html = timed("html", render.notebook_to_html)
    nbformat.writes = timed("ipynb", nbformat.writes)
    wall = kernel = own = 0.0
    for i, name in enumerate(names):
        params = validate_parameters(name, data_dir=data, output_dir=out)
        started, before, cpu = time.perf_counter(), kernels_cpu(parent), time.process_time()
        render.execute_report(params, reuse_kernel=True, demo=True,
                              kernel_name=warmkernel.KERNEL_NAME)
        if i == 0:
            SPENT.clear()
            continue
        wall += time.perf_counter() - started
        kernel += kernels_cpu(parent) - before
        own += time.process_time() - cpu
    n = len(names) - 1
    parts = ", ".join(f"{k} {w / n:.3f} s wall / {c / n:.3f} s CPU" for k, (w, c) in SPENT.items())
    print(f"per report ({n}): {wall / n:.3f} s wall, kernel {kernel / n:.3f} s CPU, this process"
          f" {own / n:.3f} s CPU ({parts}); load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
