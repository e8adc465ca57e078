"""Timestamps for `bench/batch_timeline.py`, recorded inside the batch's own processes.

Imported by the batch process and preloaded by the pool's forkserver (so every worker has it),
it wraps the batch machinery's steps and appends one JSON line per event to
``$BHXH_TIMELINE_DIR/<pid>.jsonl``: ``{"t": epoch seconds, "pid", "event", "phase": "begin" |
"end" | "at", ...}``. The kernels are not wrapped: their side comes from the timestamps
nbclient records in each executed cell (``metadata.execution``). Nothing here changes what a
step does; with ``BHXH_TIMELINE_DIR`` unset the module installs nothing.
"""

from __future__ import annotations

import functools
import json
import os
import time
from contextlib import contextmanager
from datetime import datetime
from typing import Any

DIR_ENV = "BHXH_TIMELINE_DIR"
_installed: list[bool] = []
#: The job a worker is building now (events of its steps carry its key).
_current: dict[str, str] = {}


def mark(event: str, phase: str = "at", **fields: Any) -> None:
    """Append one event line for this process."""
    folder = os.environ.get(DIR_ENV)
    if not folder:
        return
    record = {"t": time.time(), "pid": os.getpid(), "event": event, "phase": phase,
              "key": _current.get("key", ""), **fields}
    with open(os.path.join(folder, f"{os.getpid()}.jsonl"), "a", encoding="utf-8") as out:
        out.write(json.dumps(record) + "\n")


def _wrap(owner: Any, name: str, event: str, keyed: bool = False) -> None:
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if keyed and args and hasattr(args[0], "key"):
            _current["key"] = args[0].key
        mark(event, "begin")
        try:
            return original(*args, **kwargs)
        finally:
            mark(event, "end")

    setattr(owner, name, wrapper)


def _wrap_async(owner: Any, name: str, event: str) -> None:
    original = getattr(owner, name)

    @functools.wraps(original)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        mark(event, "begin")
        try:
            return await original(*args, **kwargs)
        finally:
            mark(event, "end")

    setattr(owner, name, wrapper)


def _cells(nb: Any) -> list[dict[str, Any]]:
    """Per executed cell: the client's start/end (papermill) and the kernel's busy, input,
    reply and idle times (nbclient's record), as epoch seconds."""
    def epoch(text: str | None) -> float | None:
        return datetime.fromisoformat(text).timestamp() if text else None

    cells = []
    for index, cell in enumerate(nb.cells):
        pm, ex = cell.metadata.get("papermill", {}), cell.metadata.get("execution", {})
        if cell.cell_type != "code" or not ex:
            continue
        cells.append({
            "index": index,
            "client_start": epoch(pm.get("start_time")),
            "client_end": epoch(pm.get("end_time")),
            "busy": epoch(ex.get("iopub.status.busy")),
            "input": epoch(ex.get("iopub.execute_input")),
            "reply": epoch(ex.get("shell.execute_reply")),
            "idle": epoch(ex.get("iopub.status.idle")),
        })
    return cells


def install() -> None:
    """Wrap the steps (once per process; nothing without ``BHXH_TIMELINE_DIR``)."""
    if _installed or not os.environ.get(DIR_ENV):
        return
    _installed.append(True)
    import jupyter_client.client
    import nbclient.client
    import papermill

    import helpers.batch as batch
    import helpers.io
    from helpers.batch import manifest, runner, warmkernel
    from helpers.report import kernels, render

    # The batch process: its serial parts.
    _wrap(batch, "plan_jobs", "plan")
    _wrap(batch, "write_index", "index")
    _wrap(manifest.Manifest, "save", "manifest_save")
    _wrap(batch, "run_jobs", "run_jobs")
    _wrap(runner, "start_kernel_server", "server_start")
    _wrap(runner, "load_backend", "load_backend")
    # A worker: its preparation and each job's steps.
    _wrap(runner, "prepare_worker", "prepare_worker")
    _wrap(runner, "_wait_for", "wait_server")
    _wrap(runner, "run_job", "job", keyed=True)
    _wrap(kernels, "_start", "kernel_start")
    _wrap(kernels, "_run", "kernel_reset")
    _wrap(kernels, "_shutdown", "kernel_shutdown")
    _wrap(render, "notebook_to_html", "html")
    _wrap(helpers.io, "atomic_write_text", "write")
    _wrap(warmkernel.KernelServer, "wait_ready", "server_wait_ready")
    _wrap_async(jupyter_client.client.KernelClient, "_async_wait_for_ready", "wait_for_ready")
    _wrap_async(nbclient.client.NotebookClient, "async_start_new_kernel_client",
                "new_kernel_client")

    original = papermill.execute_notebook

    @functools.wraps(original)
    def execute_notebook(*args: Any, **kwargs: Any) -> Any:
        mark("papermill", "begin")
        nb = None
        try:
            nb = original(*args, **kwargs)
            return nb
        finally:
            mark("papermill", "end", cells=_cells(nb) if nb is not None else [])

    papermill.execute_notebook = execute_notebook

    original_reused = kernels.reused_kernel

    @contextmanager
    def reused_kernel(*args: Any, **kwargs: Any) -> Any:
        mark("acquire", "begin")
        with original_reused(*args, **kwargs) as manager:
            mark("acquire", "end")
            yield manager
        mark("release", "at")

    render.reused_kernel = reused_kernel


install()
