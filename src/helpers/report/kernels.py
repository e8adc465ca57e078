"""Kernels reused across the reports of a batch worker, each report starting as in a fresh kernel.

Starting a kernel and shutting it down cost about a second of each report on the shared 2-core
machine (the time papermill records before the first cell and after the last), more than a third of
a warm batch's report. A worker therefore keeps its kernel for up to `REUSES` reports. Before each
report the kernel is put back in the state it started in (`reset_kernel_state`): the user namespace
and history cleared, the cell count restarted, every figure closed, matplotlib's settings (and so
seaborn's theme), pandas' options (display and others), numpy's print options and the warning
filters as the kernel had them, the working folder and the exception hook restored; the last
report's garbage is collected and what the kernel keeps is frozen (`gc.freeze`), so later
collections skip it. Module-level caches of `helpers` are keyed by the data folder's file stamps,
never by a province, so none carries one report's data into the next; the one exception,
`helpers.report.memo` (a place's statistics, for its report in the next language), is dropped as
soon as a report of another place, data version or parameters asks for it. A report that fails,
times out or kills its kernel gives up the kernel: the next report gets a fresh one; so does one
that leaves a thread running (what it prints would land in the next report's cells).

The kernel's client is kept with it: connected and found ready once, when the kernel starts,
then used for each report's reset and handed to papermill (`KeptClientEngine`). A new client
per report cost ~0.2-0.4 s of idle waiting each time (jupyter_client's ready check waits for
0.2 s of silence on IOPub after its kernel_info round trip), twice a report (reset, notebook).
Messages are matched to their request, so what one report's requests left on IOPub is never
read as the next one's output.
"""

from __future__ import annotations

import atexit
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

#: Reports one kernel builds before it is replaced (bounds what a long batch can accumulate).
REUSES = 25
#: Seconds the reset may take before the kernel is given up.
RESET_TIMEOUT = 60

#: The kernel's state when it first ran `reset_kernel_state` (kernel side).
_FRESH: dict[str, Any] = {}
#: kernel name and working folder -> [kernel manager, reports built] (worker side).
_KERNELS: dict[tuple[str, str], list] = {}
#: The papermill engine that runs a notebook on a kept kernel's client (`KeptClientEngine`).
ENGINE = "bhxh-kept-kernel"


def reset_kernel_state() -> None:
    """Run inside a kernel before each report: the first call records the kernel's state,
    later calls restore it (see the module docstring for what is restored)."""
    import gc
    import os
    import threading
    import warnings

    import matplotlib
    import matplotlib.pyplot as plt
    import numpy as np
    from IPython import get_ipython

    shell = get_ipython()
    if not _FRESH:
        _FRESH.update(
            rc=dict(matplotlib.rcParams), cwd=os.getcwd(), filters=list(warnings.filters),
            pandas=_pandas_options(), numpy=np.get_printoptions(),
            custom_exceptions=shell.custom_exceptions if shell else (),
            custom_tb=getattr(shell, "CustomTB", None),
            count=shell.execution_count if shell else 1,
            threads={thread.ident for thread in threading.enumerate()},
        )
        return
    left = [t.name for t in threading.enumerate() if t.ident not in _FRESH["threads"]]
    if left:
        # A thread the last report started still runs: whatever it prints would land in this
        # report's cells (the kernel sends it under the request running now). Give it up.
        raise RuntimeError(f"the last report left threads running: {', '.join(left)}")
    plt.close("all")
    if shell is not None:
        hook = shell.displayhook
        full_cache = hook.do_full_cache
        # Its flush (old outputs, its own references) ends in a full garbage collection of the
        # kernel's whole heap, ~0.1-0.3 s a report; the namespace and history are cleared by
        # the reset all the same, and one collection of what is not frozen follows below.
        hook.do_full_cache = False
        history = shell.history_manager
        try:
            # The cell count starts again below: a kernel that keeps an input history (a plain
            # `python3` kernel; the warm kernels keep none) opens a new history session for
            # it, else the next report's first cell prints IPython's "Session/line number was
            # not unique in database" as its output, once the history is written.
            shell.reset(new_session=history is not None and history.enabled)
        finally:
            hook.do_full_cache = full_cache
        for name in ("_", "__", "___"):  # what flush releases besides the namespace
            setattr(hook, name, "")
        shell.custom_exceptions = _FRESH["custom_exceptions"]
        shell.CustomTB = _FRESH["custom_tb"]
        # Cell numbers start again: an execute_result carries the kernel's count into the
        # notebook (the national summary's do), which a fresh kernel numbers from 1.
        shell.execution_count = _FRESH["count"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated rc names warn when set again
        matplotlib.rcParams.update(_FRESH["rc"])
    warnings.filters[:] = _FRESH["filters"]  # type: ignore[index]  # a list at run time
    _restore_pandas_options(_FRESH["pandas"])
    np.set_printoptions(**_FRESH["numpy"])
    os.chdir(_FRESH["cwd"])
    # The last report's cyclic garbage (figures, fits) is collected; what survives is what the
    # kernel keeps (imports, caches keyed by data version) and is frozen, so the next
    # report's collections, this one included, no longer walk it.
    gc.collect()
    gc.freeze()


def _pandas_options() -> dict[str, Any]:
    """Every pandas option (display, mode, future, ...) and its value now."""
    import warnings

    import pandas as pd

    def names(wrapper: Any, prefix: str) -> Iterator[str]:
        for key in dir(wrapper):
            value = getattr(wrapper, key)
            if type(value).__name__ == "DictWrapper":  # a group: "display.html", ...
                yield from names(value, f"{prefix}{key}.")
            else:
                yield prefix + key

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated options warn when read
        return {name: pd.get_option(name) for name in names(pd.options, "")}


def _restore_pandas_options(saved: dict[str, Any]) -> None:
    """Set back the pandas options a report changed (only those: setting some has effects)."""
    import warnings

    import pandas as pd

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, value in _pandas_options().items():
            if name in saved and value is not saved[name] and value != saved[name]:
                pd.set_option(name, saved[name])


@contextmanager
def reused_kernel(kernel_name: str, cwd: str) -> Iterator[Any]:
    """A started kernel manager for ``kernel_name`` in ``cwd``, reset for a new report.

    Yields the manager to pass to papermill (``km=``; its connected client is
    ``manager.kept_client``, for `KeptClientEngine`). When the body raises, the kernel is shut
    down and forgotten, so the next report starts a fresh one; after `REUSES` reports it is
    replaced as well. Other clients papermill opens on it are closed after each report.
    """
    from jupyter_core.utils import run_sync

    key = (kernel_name, cwd)
    entry = _KERNELS.get(key)
    if entry is not None and (entry[1] >= REUSES or not run_sync(entry[0].is_alive)()):
        _shutdown(key)
        entry = None
    for attempt in (1, 2):  # a kernel that died, or never came up, is replaced once
        if entry is None:
            entry = [_start(kernel_name, cwd), 0]
            _KERNELS[key] = entry
        try:
            _run(entry[0], "from helpers.report.kernels import reset_kernel_state\n"
                           "reset_kernel_state()\n")
            break
        except (RuntimeError, TimeoutError):
            _shutdown(key)
            entry = None
            if attempt == 2:
                raise
    assert entry is not None
    manager = entry[0]
    try:
        yield manager
    except BaseException:
        _shutdown(key)
        raise
    finally:
        for client in manager.clients:
            client.stop_channels()
        manager.clients.clear()
    entry[1] += 1


def _start(kernel_name: str, cwd: str) -> Any:
    """A started kernel's manager, with its client (``kept_client``) connected."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    class TrackedKernelManager(AsyncKernelManager):
        """Remembers the clients it makes (papermill opens one per report and leaves it open
        on a kernel it does not own), apart from the one kept with the kernel."""

        clients: list[Any]
        kept_client: Any
        kept_client_ready: bool

        def client(self, **kwargs: Any) -> Any:
            made = super().client(**kwargs)
            self.clients.append(made)
            return made

    manager = TrackedKernelManager(kernel_name=kernel_name)
    manager.clients = []
    run_sync(manager.start_kernel)(cwd=cwd)
    client = AsyncKernelManager.client(manager)
    client.start_channels(stdin=False)  # a report asking for input fails rather than waits
    manager.kept_client, manager.kept_client_ready = client, False
    return manager


def _run(manager: Any, code: str) -> None:
    """Execute ``code`` in the kernel through its kept client, waiting only for the reply (and,
    the first time, for the kernel to be ready); raise RuntimeError when it fails or the kernel
    dies, TimeoutError after `RESET_TIMEOUT`."""
    from jupyter_core.utils import run_sync

    run_sync(_run_async)(manager, code)


async def _run_async(manager: Any, code: str) -> None:
    import time
    from queue import Empty

    client = manager.kept_client
    if not manager.kept_client_ready:
        await client.wait_for_ready(timeout=RESET_TIMEOUT)
        manager.kept_client_ready = True
    msg_id = client.execute(code, store_history=False, allow_stdin=False)
    deadline = time.monotonic() + RESET_TIMEOUT
    while True:
        try:
            reply = await client.get_shell_msg(timeout=1)
        except Empty:
            if not await manager.is_alive():
                raise RuntimeError("the kernel died while being reset") from None
            if time.monotonic() > deadline:
                raise TimeoutError(f"the kernel was not reset in {RESET_TIMEOUT} s") from None
            continue
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    if reply["content"]["status"] != "ok":
        content = reply["content"]
        raise RuntimeError(f"the kernel could not be reset: {content.get('ename')}: "
                           f"{content.get('evalue')}")


def _stop(manager: Any) -> None:
    """Stop a kernel and its kept client (nothing raised: it may be dead already)."""
    from jupyter_core.utils import run_sync

    client = getattr(manager, "kept_client", None)
    if client is not None:
        client.stop_channels()
    try:
        run_sync(manager.shutdown_kernel)(now=True)
    except Exception:  # noqa: BLE001, S110  (already dead: nothing left to stop)
        pass


def _shutdown(key: tuple[str, str]) -> None:
    entry = _KERNELS.pop(key, None)
    if entry is not None:
        _stop(entry[0])


@cache
def kept_client_engine() -> str:
    """Register, once per process, the papermill engine that runs a notebook on a kept
    kernel's connected client and return its name (`ENGINE`).

    papermill's nbclient engine with one difference: given ``kc=`` (``manager.kept_client``),
    nbclient uses that client instead of opening a new one and waiting for it to be ready.
    """
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    class KeptClientEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(
            cls, nb_man: Any, kernel_name: str, log_output: bool = False,
            stdout_file: Any = None, stderr_file: Any = None, start_timeout: int = 60,
            execution_timeout: int | None = None, kc: Any = None, **kwargs: Any,
        ) -> Any:
            # As NBClientEngine.execute_managed_notebook (papermill 2.x), then the kept client.
            kwargs = remove_args(["input_path"], **kwargs)
            safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
            final_kwargs = merge_kwargs(
                safe_kwargs,
                timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logger,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
            )
            client = PapermillNotebookClient(nb_man, **final_kwargs)
            client.kc = kc  # nbclient opens a client only when it has none
            return client.execute()

    papermill_engines.register(ENGINE, KeptClientEngine)
    return ENGINE


def shutdown_all() -> None:
    """Stop every kernel this process keeps (at exit, and in tests)."""
    for key in list(_KERNELS):
        _shutdown(key)


def kept() -> dict[tuple[str, str], int]:
    """Kernels this process keeps: (kernel name, folder) -> reports built (for tests)."""
    return {key: entry[1] for key, entry in _KERNELS.items()}


atexit.register(shutdown_all)
