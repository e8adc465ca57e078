"""Report jobs on a Dask cluster: connect with one-sentence errors, make sure every worker runs
this checkout's helpers code, and let go of each report's future as soon as it is recorded.

A long-running cluster keeps the ``helpers`` modules its workers first imported; a report built
there after ``src/helpers`` changed would be recorded as built by the new code. So before any
job is sent, each worker says which code it loaded (`helpers.batch.runner.loaded_code_digest`);
workers on other code are restarted once, and the batch is refused if they still differ.

A cluster outlives the batch that uses it, so a worker writes a report only while that batch
still wants it (`run_leased_job`): the batch holds the output folder's lock, which is the
lease, and the scheduler has not released the task (as it does when the batch disconnects).
Reports queued when the batch dies are dropped by the scheduler, or refused at their start.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from helpers.batch.jobs import Job
from helpers.batch.lock import Lease, LeaseLostError, held_lease
from helpers.errors import BhxhError

#: Seconds to reach a scheduler, and to wait for a first worker to join it.
CONNECT_TIMEOUT = 5.0
WORKER_TIMEOUT = 60.0


class ClusterError(BhxhError):
    """The Dask cluster cannot run the batch (not installed, unreachable, no workers, other code).

    Raised before any report is sent, so nothing is built and the index is left as it was.
    """


def connect(
    scheduler: str,
    workers: int,
    *,
    connect_timeout: float = CONNECT_TIMEOUT,
    worker_timeout: float = WORKER_TIMEOUT,
) -> tuple[Any, Any]:
    """A Dask client (and the local cluster it started, or None) with at least one worker.

    Parameters
    ----------
    scheduler
        ``"local"`` starts a cluster of ``workers`` processes on 127.0.0.1; anything else is a
        scheduler address (``tcp://host:8786``).
    workers
        Worker processes of a local cluster.
    connect_timeout, worker_timeout
        Seconds to reach the scheduler and to wait for its first worker.

    Raises
    ------
    ClusterError
        One sentence: ``distributed`` missing, scheduler unreachable, or no worker joined.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError(
            "--scheduler needs Dask's 'distributed' package, which is not installed: run "
            "`pip install -e '.[dask]'`, or leave out --scheduler to use worker processes."
        ) from None
    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
            host="127.0.0.1",
        )
    try:
        client = Client(cluster or scheduler, timeout=connect_timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(
            f"cannot reach the Dask scheduler at {scheduler} within {connect_timeout:g} s "
            f"({type(exc).__name__}): start it with `dask scheduler`, or check the address."
        ) from None
    try:
        client.wait_for_workers(1, timeout=worker_timeout)
    except TimeoutError:
        close(client, cluster)
        raise ClusterError(
            f"the Dask scheduler at {scheduler} has no worker after {worker_timeout:g} s: "
            f"start some with `dask worker {scheduler}` on machines that share the data folder."
        ) from None
    return client, cluster


def close(client: Any, cluster: Any) -> None:
    """Close the client, and the local cluster if the batch started one."""
    client.close()
    if cluster is not None:
        cluster.close()


def worker_code(client: Any) -> dict[str, str]:
    """Each worker's address -> digest of the helpers code it has loaded."""
    from helpers.batch.runner import loaded_code_digest

    return client.run(loaded_code_digest)


def ensure_same_code(client: Any, local: str) -> None:
    """Make every worker run the helpers code whose digest is ``local``.

    Workers on other code are restarted once (their nannies start fresh processes, which import
    the code on their disk); if any still differs, the batch is refused.

    Raises
    ------
    ClusterError
        Naming the workers and both digests, and what to do.
    """
    stale = {w: d for w, d in worker_code(client).items() if d != local}
    if not stale:
        return
    try:
        client.restart(wait_for_workers=False)
    except Exception:  # noqa: BLE001  (workers without a nanny cannot restart: refuse below)
        pass
    try:
        client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
    except TimeoutError:
        raise ClusterError(
            f"no Dask worker came back within {WORKER_TIMEOUT:g} s of restarting the workers "
            "that ran other helpers code: start workers again and rerun the batch."
        ) from None
    stale = {w: d for w, d in worker_code(client).items() if d != local}
    if stale:
        names = ", ".join(f"{w} ({d[:12]})" for w, d in sorted(stale.items()))
        raise ClusterError(
            f"Dask workers {names} run other helpers code than this checkout ({local[:12]}) even "
            "after a restart: install the same code and environment on every worker machine "
            "(README, multi-machine runs), then restart them."
        )


def run_on_dask(
    stages: Sequence[Sequence[Job]],
    on_outcome: Callable[[Any], None],
    *,
    workers: int,
    scheduler: str,
    options: dict,
    between: Callable[[], None] | None = None,
) -> None:
    """Run the jobs of ``stages`` with `helpers.batch.runner.run_job` on a Dask cluster, one
    stage after the other (``between`` is called before each later stage that has jobs).

    Each future is released as soon as its outcome is recorded: the cluster then forgets the
    result, and a worker lost later does not make the scheduler build finished reports again.
    A job whose worker was lost is retried by Dask; one that still fails becomes a failed
    outcome. Jobs run under the lease of the output folder's lock this process holds, if any
    (`run_leased_job`).
    """
    from helpers.batch.runner import JobOutcome

    client, cluster = connect(scheduler, workers)
    from distributed import as_completed

    try:
        every = [job for stage in stages for job in stage]
        local = next((j.inputs["helpers"] for j in every if "helpers" in j.inputs), None)
        if local:
            ensure_same_code(client, local)
        workers_left = True
        for number, jobs in enumerate(stages):
            if not workers_left:  # no worker came back: the later stages fail the same way
                _fail_left({id(job): job for job in jobs}, on_outcome, JobOutcome)
                continue
            if number and jobs and between is not None:
                between()
            workers_left = _run_stage(client, jobs, on_outcome, options, as_completed)
    finally:
        close(client, cluster)


def _run_stage(
    client: Any,
    jobs: Sequence[Job],
    on_outcome: Callable[[Any], None],
    options: dict,
    as_completed: Any,
) -> bool:
    """Submit ``jobs`` and record their outcomes; False when no worker was left to run them
    (the jobs left are recorded as failed)."""
    from helpers.batch.failures import describe_error
    from helpers.batch.runner import JobOutcome

    if not jobs:
        return True
    # Only `pending` holds the futures, so each one is freed once it is yielded.
    pending = as_completed()
    by_key = {}
    for job in jobs:
        key = f"report-{job.key}-{id(job)}"
        by_key[key] = job
        lease = held_lease(job.params.output_dir)
        pending.add(
            client.submit(run_leased_job, job, lease, **options, pure=False, key=key)
        )
    alone_since = None
    while not pending.is_empty():
        done = pending.next_batch(block=False)
        if not done:
            alone_since = _watch_workers(client, alone_since)
            if alone_since is None or time.monotonic() - alone_since < WORKER_TIMEOUT:
                time.sleep(0.2)
                continue
            _fail_left(by_key, on_outcome, JobOutcome)
            return False
        alone_since = None
        for future in done:
            job = by_key.pop(future.key)
            try:
                outcome = future.result()
            except Exception as exc:  # noqa: BLE001  (a lost Dask worker fails only its job)
                outcome = JobOutcome(job.key, "failed", 0.0, describe_error(exc), {})
            future.release()
            on_outcome(outcome)
    return True


def run_leased_job(job: Job, lease: Lease | None, **options: Any) -> Any:
    """On a Dask worker: `helpers.batch.runner.run_job`, writing only for a batch that still
    wants the report.

    Checked before the report starts and again just before each of its files is put in place
    (`helpers.io.guard_writes`): the scheduler must not have released the task (its batch
    disconnected, was stopped or cancelled it), and the batch must still hold the output
    folder's lock (``lease``: not gone, not stale, not another run's). Otherwise nothing is
    written and the outcome is a failure saying why (which a live batch records).
    """
    from helpers.batch.failures import describe_error
    from helpers.batch.runner import JobOutcome, run_job
    from helpers.io import guard_writes

    def check(target: Path | None = None) -> None:
        what = f"{target.name} not written" if target else "report not started"
        if _task_released():
            raise LeaseLostError(
                f"{what}: the batch that sent it no longer wants it (it was stopped, or lost its "
                "connection to the scheduler)"
            )
        if lease is not None:
            reason = lease.problem()
            if reason:
                raise LeaseLostError(f"{what}: {reason}")

    try:
        check()
    except LeaseLostError as exc:
        return JobOutcome(job.key, "failed", 0.0, describe_error(exc), {})
    with guard_writes(check):
        return run_job(job, **options)


def _task_released() -> bool:
    """True when the scheduler released the task running in this thread (False outside Dask)."""
    try:
        from distributed import get_worker
        from distributed.worker import thread_state

        worker, key = get_worker(), thread_state.key
    except (ImportError, ValueError, AttributeError):
        return False
    task = worker.state.tasks.get(key)
    return task is None or task.state in ("cancelled", "released", "forgotten")


def _watch_workers(client: Any, alone_since: float | None) -> float | None:
    """When the cluster first had no worker (monotonic seconds), or None while it has some."""
    if client.scheduler_info().get("workers"):
        return None
    return alone_since if alone_since is not None else time.monotonic()


def _fail_left(by_key: dict, on_outcome: Callable[[Any], None], outcome_type: type) -> None:
    """Fail every job still waiting: the cluster lost all its workers and none came back."""
    error = {
        "cell": None,
        "kind": "NoWorkers",
        "source": "",
        "message": f"the Dask cluster had no worker for {WORKER_TIMEOUT:g} s: start workers "
        "and run the batch again (finished reports are kept).",
    }
    for job in by_key.values():
        on_outcome(outcome_type(job.key, "failed", 0.0, dict(error), {}))
    by_key.clear()
