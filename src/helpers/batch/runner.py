"""Run report jobs in parallel: a pool of worker processes (default) or a Dask cluster.

Each worker imports papermill, nbconvert and the report backend once; each job gets its own
kernel. A failing job becomes a "failed" outcome with its cell and message, never an exception.
"""

from __future__ import annotations

import atexit
import concurrent.futures as cf
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers.batch import orphans, warmkernel
from helpers.batch.failures import describe_error, is_kernel_start_failure
from helpers.batch.jobs import Job, helpers_source_digest, load_backend
from helpers.batch.national import execute_national
from helpers.errors import BhxhError

_WORKER_ENV = {
    # Workers already use every core; threaded BLAS inside each kernel only adds contention
    # (and a warm kernel server must not hold BLAS threads when it forks).
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    # nbformat validates every notebook it reads and writes; fastjsonschema is ~10x faster.
    "NBFORMAT_VALIDATOR": "fastjsonschema",
}
#: For a known backend: modules its notebook imports lazily (inside functions), which the warm
#: kernel server imports too, and a warm-up it calls with the data folder, so kernels start with
#: the validated tables in memory and one report's first-use costs paid (helpers.batch.warmup).
KNOWN_BACKENDS: dict[str, dict[str, Any]] = {
    "helpers.report": {
        # helpers.report imports its submodules lazily: name those the notebook imports. Not
        # helpers.effects nor helpers.forecast (scipy.stats, statsmodels: ~1.3 s before the
        # server is ready), which only panel data uses: its warm-up report imports them.
        "preload": ("helpers.report.analysis", "helpers.report.view", "helpers.indicators",
                    "helpers.narrative", "babel.dates", "helpers.io"),
        "warmup": "helpers.batch.warmup:warm_report",
    },
}
_ready: dict[str, Any] = {}


@dataclass
class JobOutcome:
    """What happened to one job.

    Attributes
    ----------
    key
        The job key (``"bac-giang.vi"``).
    status
        ``"built"`` or ``"failed"``.
    duration
        Seconds spent in the worker, retries included.
    error
        ``None``, or ``{"cell": int | None, "kind": str, "source": str, "message": str}``.
    key_figures
        Headline numbers from ``backend.key_figures`` (``{}`` when it failed).
    attempts
        1, or 2 when the kernel failed to start the first time.
    code_digest
        Digest of the helpers code the worker had loaded when it ran the job
        (`loaded_code_digest`); the manifest records it.
    """

    key: str
    status: str
    duration: float
    error: dict[str, Any] | None = None
    key_figures: dict[str, Any] | None = None
    attempts: int = 1
    code_digest: str = ""


def loaded_code_digest() -> str:
    """Digest of the helpers code this process loaded: ``src/helpers`` as it was when the
    process first prepared for a job (a long-running worker keeps it after the files change)."""
    if "code_digest" not in _ready:
        _ready["code_digest"] = helpers_source_digest()
    return _ready["code_digest"]


def _stale_code(job: Job) -> JobOutcome | None:
    """A failed outcome when this worker's loaded code is not the code the job was planned with."""
    wanted, loaded = job.inputs.get("helpers"), loaded_code_digest()
    if not wanted or wanted == loaded:
        return None
    error = {
        "cell": None,
        "kind": "StaleCode",
        "source": "",
        "message": f"the worker runs helpers code {loaded[:12]}, not this batch's {wanted[:12]} "
        "(src/helpers changed since it started): restart the workers and run the batch again.",
    }
    return JobOutcome(job.key, "failed", 0.0, error, {}, code_digest=loaded)


def prepare_worker(
    backend: str,
    backend_path: str | None = None,
    log_dir: str | None = None,
    warm: bool = False,
    data_dir: str | Path | None = None,
    server_env: dict[str, str] | None = None,
) -> None:
    """Import everything a job needs, once per worker process (pool initializer; idempotent).

    With ``log_dir``, the worker's stderr (and so its kernels' start-up chatter) goes to
    ``log_dir/worker-<pid>.log`` instead of over the progress bar. With ``warm``, kernels are
    forked from a `helpers.batch.warmkernel` server: the batch's shared one when
    ``server_env`` (its `KernelServer.environ`) is given, else one of this worker's own,
    started (and restarted if it dies) here with ``data_dir`` for its warm-up.
    """
    loaded_code_digest()  # before the backend imports the helpers it runs
    if _ready.get("backend") != backend:
        if log_dir:
            Path(log_dir).mkdir(parents=True, exist_ok=True)
            log = open(Path(log_dir) / f"worker-{os.getpid()}.log", "ab", buffering=0)  # noqa: SIM115
            os.dup2(log.fileno(), 2)
        for name, value in _WORKER_ENV.items():
            os.environ.setdefault(name, value)
        import nbconvert  # noqa: F401  (loaded once here rather than inside the first job)
        import papermill  # noqa: F401

        try:
            _ready["module"] = load_backend(backend, backend_path)
        except BhxhError as exc:
            # Each job then fails with this message, rather than the pool dying unexplained.
            _ready["init_error"] = describe_error(exc)
            return
        _ready.pop("init_error", None)
        _ready["backend"] = backend
        orphans.watch_batch()
    if server_env:
        os.environ.update(server_env)
        _wait_for(server_env[warmkernel.SOCKET_ENV])
        _ready["shared_server"] = True
    server = _ready.get("server")
    if warm and not _ready.get("shared_server") and (server is None or not server.alive()):
        server = start_kernel_server(_ready["module"], backend, data_dir, log_dir)
        server.wait_ready()
        os.environ.update(server.environ())
        atexit.register(server.stop)
        _ready["server"] = server


def start_kernel_server(
    module: Any, backend: str, data_dir: str | Path | None, log_dir: str | None = None,
    warm_later: bool = False,
) -> warmkernel.KernelServer:
    """A warm kernel server for ``backend``: it pre-imports the backend's ``KERNEL_PRELOAD``
    modules if it declares them, else `warmkernel.PRELOAD`, the backend and what
    `KNOWN_BACKENDS` lists, then calls its ``KERNEL_WARMUP`` (``"module:function"``, default
    from `KNOWN_BACKENDS`) with ``data_dir``. Its output (and its kernels') goes to
    ``log_dir/kernel-server-<pid>.log`` when given. ``warm_later``: the warm-up waits for
    `warmkernel.KernelServer.warm_up` (``data_dir`` is ignored).
    """
    known = KNOWN_BACKENDS.get(backend, {})
    preload = getattr(
        module, "KERNEL_PRELOAD", (*warmkernel.PRELOAD, backend, *known.get("preload", ()))
    )
    warmup = getattr(module, "KERNEL_WARMUP", known.get("warmup", ""))
    log = Path(log_dir) / f"kernel-server-{os.getpid()}.log" if log_dir else None
    return warmkernel.start_server(preload, warmup=warmup, data_dir=str(data_dir or ""), log=log,
                                   warm_later=warm_later)


def _wait_for(path: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.05)


def run_job(
    job: Job,
    *,
    backend: str,
    backend_path: str | None = None,
    timeout: float = 600,
    kernel_name: str = "python3",
    warm: bool = False,
) -> JobOutcome:
    """Build one report in this process; every exception becomes a failed outcome.

    With ``warm`` and the default ``python3`` kernel, the kernel is forked from the batch's
    (or this worker's) warm kernel server: same interpreter, libraries already imported. A
    kernel that fails to start is retried once, cold, in case the server is the problem.
    """
    prepare_worker(backend, backend_path, warm=warm, data_dir=job.params.data_dir)
    if "init_error" in _ready:
        return JobOutcome(job.key, "failed", 0.0, _ready["init_error"], {})
    stale = _stale_code(job)
    if stale is not None:
        return stale
    code = loaded_code_digest()
    cold_kernel = kernel_name
    if warm and kernel_name == "python3":
        kernel_name = warmkernel.KERNEL_NAME
    module = _ready["module"]
    started = time.perf_counter()
    attempts = 0
    while True:
        attempts += 1
        try:
            if job.kind == "national":
                execute_national(job.params, kernel_name=kernel_name, timeout=timeout,
                                 **_reuse(module))
                return JobOutcome(
                    job.key, "built", time.perf_counter() - started, None, {}, code_digest=code
                )
            output = module.execute_report(job.params, kernel_name=kernel_name, timeout=timeout,
                                           **_reuse(module))
            break
        except Exception as exc:  # noqa: BLE001  (isolation: any failure stays in its report)
            if attempts == 1 and is_kernel_start_failure(exc):
                kernel_name = cold_kernel
                continue
            return JobOutcome(
                job.key, "failed", time.perf_counter() - started, describe_error(exc), {},
                attempts, code
            )
    # What the notebook published as it ran; else the backend computes them again here.
    figures = getattr(output, "key_figures", None)
    try:
        figures = dict(figures if figures is not None else module.key_figures(job.params))
    except Exception:  # noqa: BLE001  (the report itself is built; the index shows no figures)
        figures = {}
    return JobOutcome(
        job.key, "built", time.perf_counter() - started, None, figures, attempts, code
    )


def run_group(jobs: Sequence[Job], **options: Any) -> list[JobOutcome]:
    """`run_job` for each of ``jobs`` in turn, in this worker: the languages of one place run
    one after the other on its kept kernel, where the second takes the statistics the first
    computed (`helpers.report.memo`). Each job keeps its own outcome; a failed one gives up
    the kernel (`helpers.report.kernels`), and the next computes everything itself."""
    return [run_job(job, **options) for job in jobs]


def place_groups(jobs: Sequence[Job], workers: int) -> list[list[Job]]:
    """The jobs in their order, a place's reports in its several languages together (the
    first one's position), other jobs (national summaries) alone.

    So that the workers finish together, the last groups are split into single jobs when the
    groups do not share out evenly: with 15 provinces x 2 languages on 2 workers, 14 pairs and
    2 single reports.

    >>> from types import SimpleNamespace as J
    >>> jobs = [J(kind="province", slug=s, key=f"{s}.{lang}")
    ...         for s in ("a", "b", "c") for lang in ("vi", "en")]
    >>> [[job.key for job in group] for group in place_groups(jobs, 2)]
    [['a.vi', 'a.en'], ['b.vi', 'b.en'], ['c.vi'], ['c.en']]
    """
    groups: dict[str, list[Job]] = {}
    for job in jobs:
        key = job.slug if job.kind == "province" else f"\0{job.key}"
        groups.setdefault(key, []).append(job)
    ordered = list(groups.values())
    split = len(ordered) % max(1, workers)
    if split and len(ordered) > workers:
        kept, last = ordered[:-split], ordered[-split:]
        return kept + [[job] for group in last for job in group]
    return ordered


def _reuse(module: Any) -> dict[str, bool]:
    """``reuse_kernel=True`` for a backend whose ``execute_report`` can keep its kernel from
    one report to the next (`helpers.report.kernels`), else nothing."""
    import inspect

    accepts = "reuse_kernel" in inspect.signature(module.execute_report).parameters
    return {"reuse_kernel": True} if accepts else {}


def run_jobs(
    jobs: Sequence[Job],
    on_outcome: Callable[[JobOutcome], None],
    *,
    workers: int,
    backend: str,
    backend_path: str | None = None,
    timeout: float = 600,
    kernel_name: str = "python3",
    scheduler: str | None = None,
    log_dir: str | None = None,
    warm: bool = True,
    server: warmkernel.KernelServer | None = None,
    then: Sequence[Job] = (),
    between: Callable[[], None] | None = None,
) -> None:
    """Run ``jobs`` and call ``on_outcome`` in this process as each one finishes.

    Parameters
    ----------
    jobs
        The jobs to run (already filtered: nothing here is skipped).
    on_outcome
        Called once per job, in completion order (records the manifest, moves the progress bar).
    workers
        Worker processes (pool) or Dask workers (``scheduler="local"``).
    backend, backend_path
        Report module name and an optional folder to import it from.
    timeout
        Seconds a single cell may run before the job fails (a hung kernel is killed).
    kernel_name
        Jupyter kernel to run the notebooks in.
    scheduler
        ``None`` for the process pool; ``"local"`` or ``"tcp://host:port"`` for Dask.
    log_dir
        Folder for the pool workers' stderr logs (``None``: the terminal).
    warm
        Fork kernels from a warm server: one per batch for the pool, one per Dask worker
        (POSIX only; see `helpers.batch.warmkernel`).
    server
        The pool's warm kernel server when the caller already started it (`early_server`, so
        that it imports and loads the data while the batch plans); the caller stops it.
        ``None``: the pool starts its own when ``warm``.
    then, between
        Jobs to run once every one of ``jobs`` has an outcome, on the same workers (their kept
        kernels), after calling ``between`` (the batch saves its manifest there, so that the
        national summaries read the headline numbers the province reports just stored instead
        of computing every province again).
    """
    stages = [list(jobs), list(then)]
    options = {
        "backend": backend,
        "backend_path": backend_path,
        "timeout": timeout,
        "kernel_name": kernel_name,
        "warm": warm and hasattr(os, "fork"),
    }
    if scheduler:
        from helpers.batch.cluster import run_on_dask

        run_on_dask(stages, on_outcome, workers=workers, scheduler=scheduler, options=options,
                    between=between)
    else:
        _run_in_pool(stages, on_outcome, workers=workers, options=options, log_dir=log_dir,
                     server=server, between=between)


def early_server(
    backend: str, backend_path: str | None, data_dir: str | Path | None, log_dir: str | None
) -> warmkernel.KernelServer | None:
    """Start the pool's warm kernel server now, before the batch plans its jobs (`run_jobs`'s
    ``server``); ``None`` where kernels cannot be forked. The server's imports and warm-up
    (seconds) are the longest part of a batch's start; planning (pandas, the panel, every
    input's hash) then runs beside them instead of before. ``data_dir`` ``None``: the data
    folder is being built; the server imports meanwhile and warms up when given it
    (`warmkernel.KernelServer.warm_up`).
    """
    if not hasattr(os, "fork"):
        return None
    module = load_backend(backend, backend_path)
    folder = Path(data_dir).resolve() if data_dir is not None else None
    server = start_kernel_server(module, backend, folder, log_dir, warm_later=folder is None)
    start_forkserver()
    return server


def start_forkserver() -> None:
    """Start the pool's forkserver now (Linux; elsewhere nothing): it imports papermill,
    nbconvert and the runner (`helpers.batch.preload`) while this process builds the data and
    plans, so the pool, created later, forks ready workers from it at once."""
    if sys.platform != "linux":
        return
    from multiprocessing import forkserver

    orphans.mark_batch()  # before the forkserver starts: its workers inherit the batch's pid
    _context()  # names the preload
    forkserver.ensure_running()


def _run_in_pool(
    stages: list[list[Job]],
    on_outcome: Callable[[JobOutcome], None],
    *,
    workers: int,
    options: dict,
    log_dir: str | None,
    server: warmkernel.KernelServer | None = None,
    between: Callable[[], None] | None = None,
) -> None:
    # A worker that dies takes the pool down; restart it for the jobs left, and fail a job
    # only after it was running in two pools that broke.
    breaks: dict[str, int] = {}
    everything = [job for stage in stages for job in stage]
    if not everything:
        return
    orphans.mark_batch()  # before the forkserver starts: its workers inherit the batch's pid
    context = _context()
    own = None
    if options["warm"] and server is None:
        # One server for all workers: it imports and loads the data while the pool starts.
        module = load_backend(options["backend"], options["backend_path"])
        server = own = start_kernel_server(
            module, options["backend"], everything[0].params.data_dir, log_dir
        )
    pool: list[cf.ProcessPoolExecutor] = []  # the live pool, kept from one stage to the next

    def new_pool() -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(
            max_workers=max(1, min(workers, len(everything))),
            mp_context=context,
            initializer=prepare_worker,
            initargs=(
                options["backend"], options["backend_path"], log_dir, options["warm"],
                everything[0].params.data_dir,
                server.environ() if server and options["warm"] else None,
            ),
        )

    try:
        for number, stage in enumerate(stages):
            if number and stage and between is not None:
                between()
            _pool_rounds(list(stage), on_outcome, options, pool, new_pool, breaks, workers)
    finally:
        for live in pool:
            live.shutdown(wait=True, cancel_futures=True)
        if own is not None:
            own.stop()


def _pool_rounds(
    remaining: list[Job],
    on_outcome: Callable[[JobOutcome], None],
    options: dict,
    pool: list[cf.ProcessPoolExecutor],
    new_pool: Callable[[], cf.ProcessPoolExecutor],
    breaks: dict[str, int],
    workers: int = 1,
) -> None:
    """Run ``remaining`` on the pool in ``pool`` (started with ``new_pool`` when empty), a
    place's languages together on one worker (`place_groups`); a pool that breaks is replaced
    for the jobs it did not finish."""
    while remaining:
        if not pool:
            pool.append(new_pool())
        futures = {pool[0].submit(run_group, group, **options): group
                   for group in place_groups(remaining, workers)}
        finished: set[str] = set()
        broken = False
        try:
            for future in cf.as_completed(futures):
                try:
                    outcomes = future.result()
                except BrokenProcessPool:
                    broken = True
                    break
                for outcome in outcomes:
                    finished.add(outcome.key)
                    on_outcome(outcome)
        except BaseException:
            _stop_pool(pool.pop())
            raise
        if broken:
            pool.pop().shutdown(wait=True, cancel_futures=True)
        remaining = [job for job in remaining if job.key not in finished]
        for job in remaining:
            breaks[job.key] = breaks.get(job.key, 0) + 1
            if breaks[job.key] >= 2:
                error = {
                    "cell": None,
                    "kind": "worker died",
                    "source": "",
                    "message": "the worker process died",
                }
                on_outcome(JobOutcome(job.key, "failed", 0.0, error, {}))
        remaining = [job for job in remaining if breaks[job.key] < 2]


def _context() -> multiprocessing.context.BaseContext:
    """A fork-safe context: kernels and threads do not survive a plain fork well.

    On Linux the forkserver pre-imports papermill and nbconvert once (`helpers.batch.preload`),
    so every worker (and a pool restarted after a crash) starts from a warm process instead of
    re-importing them.
    """
    if sys.platform != "linux":
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["helpers.batch.preload"])
    return context


def _stop_pool(pool: cf.ProcessPoolExecutor) -> None:
    """Cancel queued jobs and stop the workers now (Ctrl-C, SIGTERM)."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)


