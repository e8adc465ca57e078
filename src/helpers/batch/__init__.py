"""Batch runs: every province's report in parallel, skipped when unchanged, resumable, indexed.

`run_batch` is the whole pipeline behind ``bhxh reports``: plan, skip, run, record, index.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.batch import rerun
from helpers.batch.cluster import ClusterError
from helpers.batch.index import write_index
from helpers.batch.jobs import Job, data_version, load_backend, plan_jobs
from helpers.batch.lock import folder_lock
from helpers.batch.manifest import Manifest, now
from helpers.batch.national import plan_national
from helpers.batch.orphans import clean_orphaned_servers
from helpers.batch.progress import BatchProgress
from helpers.batch.runner import JobOutcome, early_server, run_jobs
from helpers.build_status import clean_temp_files
from helpers.errors import UnknownPlaceError

__all__ = ["BatchResult", "run_batch"]


@dataclass
class BatchResult:
    """What a batch did.

    Attributes
    ----------
    built, failed, skipped
        Report counts (national summaries included).
    summary
        ``"63 reports: 60 built, 2 skipped, 1 failed in 84.2 s"``.
    failures
        One dict per failed report: ``key``, ``province``, ``cell``, ``kind``, ``message``.
    index, manifest
        Paths of the written index and manifest.
    """

    built: int
    failed: int
    skipped: int
    summary: str
    index: Path
    manifest: Path
    failures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every report is built or up to date, 1 when any failed."""
        return 1 if self.failed else 0


def run_batch(
    provinces: Sequence[str] | None = None,
    *,
    level: str = "legacy",
    langs: Sequence[str] = ("vi",),
    data_dir: Path | None = None,
    out_dir: Path | None = None,
    workers: int = 2,
    scheduler: str | None = None,
    force: bool = False,
    timeout: float = 600,
    backend: str = "helpers.report",
    backend_path: str | None = None,
    notebook: Path | None = None,
    national_notebook: Path | None = None,
    kernel_name: str = "python3",
    simulated: bool = False,
    progress: bool | None = None,
    warm: bool = True,
    unit: str = "province",
    district: str | None = None,
    rerun_request: dict[str, Any] | None = None,
    server: Any = None,
) -> BatchResult:
    """Build the reports of ``provinces`` x ``langs`` into ``out_dir`` and write the index.

    Parameters
    ----------
    provinces
        Names in any spelling, or ``None`` for every province that has data.
    level, langs
        Report level (``"legacy"`` or ``"2025"``) and languages.
    data_dir, out_dir
        Input folder (default ``data/processed``) and output folder (default ``reports``).
    workers, scheduler
        Worker processes; ``scheduler`` ``"local"`` or ``"tcp://..."`` uses Dask instead.
    force
        Rebuild even reports whose inputs did not change.
    timeout
        Seconds a single notebook cell may run before its report fails.
    backend, backend_path
        The report module (``helpers.report``) and an optional folder to import it from.
    notebook, national_notebook
        Notebooks to run (defaults: the backend's ``NOTEBOOK`` and ``national_summary.ipynb``
        next to it; a missing national notebook is skipped).
    kernel_name
        Jupyter kernel for every notebook.
    simulated
        Mark the index as built from simulated data.
    progress
        Show the progress bar (``None``: only on a terminal).
    warm
        Fork each kernel from a per-worker server with the libraries already imported
        (`helpers.batch.warmkernel`); ``False`` starts every kernel cold.
    unit, district
        ``"province"`` (default), or ``"district"``/``"commune"``: a report per district
        (commune) with data, written to ``<province-slug>/<unit>-<name-slug>.<lang>.html``, or
        only the one named ``district``. No national summary is built with them.
    rerun_request
        What the caller was asked, as plain values (``bhxh reports`` passes its options): when
        every report is built, the manifest keeps it with a fingerprint of the inputs, so the
        same request with nothing changed is answered without planning (`helpers.batch.rerun`).
    server
        A warm kernel server the caller already started (`helpers.batch.runner.early_server`,
        e.g. before `bhxh process`); the pool uses it and the caller stops it. ``None``: the
        batch starts its own when it has reports to build.

    Raises
    ------
    helpers.errors.ParameterError
        For an unknown province, language or level; nothing is built then.
    helpers.errors.OutputFolderError
        When another run holds ``out_dir`` (`helpers.batch.lock`).
    helpers.build_status.StaleBuildError
        When the last ``bhxh process`` into ``data_dir`` failed.
    OSError
        A read-only or full output folder (``bhxh`` says so in one sentence).
    """
    from helpers import paths
    from helpers.build_status import check_status
    from helpers.io import refuse_raw

    module = load_backend(backend, backend_path)
    data_dir = Path(data_dir or paths.PROCESSED)
    out_dir = Path(out_dir or paths.REPORTS).resolve()
    refuse_raw(out_dir)
    build = check_status(data_dir) or {}
    notebook = Path(notebook or module.NOTEBOOK)
    national_notebook = Path(national_notebook or notebook.with_name("national_summary.ipynb"))
    with folder_lock(out_dir, purpose="bhxh reports"), ExitStack() as stack:
        clean_temp_files(out_dir)
        clean_orphaned_servers()
        fingerprint = None
        if rerun_request is not None:
            fingerprint = rerun.fingerprint(
                rerun_request, rerun.inputs_of(data_dir, notebook.parent)
            )
        # Reports will be built (everything forced, a first run, or a request that differs from
        # the last complete one): the warm kernel server starts now, beside the planning.
        if server is None and warm and not scheduler and (
            force or not (out_dir / "manifest.json").is_file()
            or (fingerprint is not None and fingerprint != rerun.stored_fingerprint(out_dir))
        ):
            server = stack.enter_context(
                _warm_server(backend, backend_path, data_dir, out_dir / ".logs")
            )
        return _run_locked(
            provinces,
            unit=unit,
            district=district,
            module=module,
            set_aside=[item["file"] for item in build.get("set_aside", [])],
            level=level,
            langs=langs,
            data_dir=data_dir,
            out_dir=out_dir,
            notebook=notebook,
            national_notebook=national_notebook,
            force=force,
            simulated=simulated,
            progress=progress,
            options={
                "workers": workers,
                "backend": backend,
                "backend_path": backend_path,
                "timeout": timeout,
                "kernel_name": kernel_name,
                "scheduler": scheduler,
                "log_dir": str(out_dir / ".logs"),
                "warm": warm,
                "server": server,
            },
            fingerprint=fingerprint,
        )


@contextmanager
def _warm_server(
    backend: str, backend_path: str | None, data_dir: Path, log_dir: Path
) -> Iterator[Any]:
    """The process pool's warm kernel server, started before the batch plans (it imports and
    loads the data meanwhile: `helpers.batch.runner.early_server`) and stopped at the end;
    ``None`` where kernels cannot be forked."""
    server = early_server(backend, backend_path, data_dir, str(log_dir))
    try:
        yield server
    finally:
        if server is not None:
            server.stop()


def _run_locked(
    provinces: Sequence[str] | None,
    *,
    module: Any,
    set_aside: list[str],
    level: str,
    langs: Sequence[str],
    data_dir: Path,
    out_dir: Path,
    notebook: Path,
    national_notebook: Path,
    force: bool,
    simulated: bool,
    progress: bool | None,
    options: dict[str, Any],
    unit: str = "province",
    district: str | None = None,
    fingerprint: str | None = None,
) -> BatchResult:
    """`run_batch` once the output folder is locked: plan, skip, run, record, index."""
    jobs = plan_jobs(
        provinces,
        level=level,
        langs=langs,
        data_dir=data_dir,
        out_dir=out_dir,
        notebook=notebook,
        backend=module,
        unit=unit,
        district=district,
    )
    if national_notebook.is_file() and unit == "province":
        jobs += plan_national(
            jobs,
            notebook=national_notebook,
            level=level,
            langs=langs,
            data_dir=data_dir,
            out_dir=out_dir,
        )
    manifest = Manifest.load(out_dir / "manifest.json")
    version = data_version(jobs)
    manifest.run = {
        "started_at": now(),
        "level": level,
        "langs": list(langs),
        "data_version": version,
        "simulated": simulated,
        "set_aside": set_aside,
    }
    todo = [job for job in jobs if force or not manifest.is_current(job)]
    by_key = {job.key: job for job in jobs}
    failures: list[dict[str, Any]] = []

    bar = BatchProgress(len(jobs), enabled=progress)
    bar.skip(len(jobs) - len(todo))

    def record(outcome: JobOutcome) -> None:
        job = by_key[outcome.key]
        manifest.record(
            job,
            status=outcome.status,
            duration=outcome.duration,
            error=outcome.error,
            key_figures=outcome.key_figures,
            province_2025=_province_2025(job),
            code_digest=outcome.code_digest,
        )
        if outcome.error:
            failures.append({"key": job.key, "province": job.province, **outcome.error})
        bar.done(outcome.status, job.province or job.slug)

    # National summaries run once the province reports are done: the manifest, saved then,
    # holds the headline numbers each report computed, which the summary reads instead of
    # computing every province again (`helpers.batch.manifest.stored_headlines`).
    first = [job for job in todo if job.kind != "national"]
    last = [job for job in todo if job.kind == "national"]
    had_index = (out_dir / "index.html").is_file()
    if todo:
        # Until this run ends, the index says it is running: after a SIGKILL it says so still.
        running = running_summary(manifest.run["started_at"], len(todo))
        write_index(manifest, out_dir, data_version=version, summary=running, simulated=simulated)
    with _sigterm_as_interrupt():
        cut_short = True
        try:
            if todo:
                run_jobs(first, record, then=last, between=manifest.save, **options)
        except ClusterError:
            # Nothing was sent to the cluster: the manifest and the reports stay as they were,
            # and a first run leaves no index claiming a batch.
            bar.close()
            if not had_index:
                (out_dir / "index.html").unlink(missing_ok=True)
            raise
        else:
            cut_short = False
        finally:
            if sys.exc_info()[0] is not ClusterError:
                summary = bar.close()
                if cut_short:
                    not_run = len(todo) - bar.tally.built - bar.tally.failed
                    summary = interrupted_summary(summary, not_run)
                manifest.run |= {"finished_at": now(), "summary": summary}
                if fingerprint and not cut_short and not bar.tally.failed:
                    manifest.run["rerun"] = {
                        "fingerprint": fingerprint, "reports": sorted(by_key)
                    }
                manifest.save()
                index = write_index(
                    manifest, out_dir, data_version=version, summary=summary, simulated=simulated
                )
    tally = bar.tally
    return BatchResult(
        tally.built, tally.failed, tally.skipped, manifest.run["summary"], index, manifest.path,
        failures,
    )


def _finish(
    manifest: Manifest, bar: BatchProgress, out_dir: Path, version: str, simulated: bool
) -> Path:
    """Close the progress bar, save the run's summary in the manifest and write the index."""
    summary = bar.close()
    manifest.run |= {"finished_at": now(), "summary": summary}
    manifest.save()
    return write_index(
        manifest, out_dir, data_version=version, summary=summary, simulated=simulated
    )


def interrupted_summary(summary: str, not_run: int) -> str:
    """The summary of a batch stopped before the end: says so, and how many reports did not run.

    Example
    -------
    >>> interrupted_summary("22 reports: 22 built, 0 failed in 40.1 s", 41)
    '22 reports: 22 built, 0 failed in 40.1 s; INTERRUPTED: 41 report(s) not run, ...'
    """
    return (
        f"{summary}; INTERRUPTED: {not_run} report(s) not run, run the same command again to "
        "finish"
    )


def running_summary(started_at: str, todo: int) -> str:
    """What the index says while a batch runs (and after one was killed outright)."""
    return (
        f"IN PROGRESS since {started_at}: {todo} report(s) to build; if no `bhxh reports` is "
        "running now, this run was cut short: run it again to finish"
    )


def _province_2025(job: Job) -> str:
    if job.kind != "province":
        return ""
    if job.params.level == "2025":
        return job.province
    from helpers.geo import province_2025_of

    try:
        return province_2025_of(job.province)
    except UnknownPlaceError:
        return ""


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Treat ``kill`` like Ctrl-C, so workers are stopped and the manifest is saved."""

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
