"""`bhxh reports`: build every province's report in parallel, skip unchanged ones, write the index.

Exit code 0 when all reports are built or up to date, 1 when any failed, 2 for bad parameters.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

NAME = "reports"
HELP = (
    "Build the province (or, with --unit, district or commune) reports in parallel, skipping "
    "unchanged ones, and reports/index.html."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``bhxh reports``."""
    parser.add_argument(
        "--provinces",
        default="all",
        help="'all' (every province with data) or comma-separated names in any spelling",
    )
    parser.add_argument(
        "--level",
        default="legacy",
        help="63 former provinces (legacy) or the 34 provinces of 2025",
    )
    parser.add_argument("--lang", default="vi", help="comma-separated languages: vi, en or vi,en")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use the simulated demo panel (data/processed/demo, from "
        "`bhxh demo`); reports go to reports/demo unless --out is given",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder with facts.csv, campaigns.csv, panel.parquet",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="worker processes (default: 2 or the number of cores if fewer)",
    )
    parser.add_argument(
        "--scheduler",
        default=None,
        help="run on Dask: 'local' (a local cluster of --workers) or tcp://HOST:PORT",
    )
    parser.add_argument("--force", action="store_true", help="rebuild even unchanged reports")
    parser.add_argument(
        "--process",
        action="store_true",
        help="first rebuild the data folder from data/raw as `bhxh process` does (what `make "
        "reports` runs when data/raw changed), while the report kernels' libraries load",
    )
    parser.add_argument("--out", type=Path, default=None, help="output folder (default reports/)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=600,
        help="seconds one notebook cell may run before its report fails",
    )
    parser.add_argument("--kernel", default="python3", help="Jupyter kernel name")
    parser.add_argument(
        "--unit",
        default="province",
        choices=["province", "district", "commune"],
        help="what a report describes: a province (default), a district or a commune; "
        "district and commune reports go to <province-slug>/<unit>-<name>.<lang>.html",
    )
    parser.add_argument(
        "--district",
        default=None,
        help="only this district (or commune), any spelling; --provinces chooses between "
        "districts of one name in two provinces, the type word between two of one province "
        "('thị xã Cai Lậy')",
    )


def run(args: argparse.Namespace) -> int:
    """Run the batch and print its summary and failures; 1 when any report failed."""
    from helpers import paths
    from helpers.errors import ParameterError

    if args.workers < 1:
        raise ParameterError(f"--workers must be at least 1, got {args.workers}.")
    data_dir = args.data_dir or (paths.DEMO if args.demo else paths.PROCESSED)
    out_dir = args.out or (paths.REPORTS / "demo" if args.demo else paths.REPORTS)
    process = getattr(args, "process", False)
    if process and args.demo:
        raise ParameterError("--process builds data/processed from data/raw; the demo panel "
                             "comes from `bhxh demo`: leave out --process or --demo.")
    request = rerun_request(args, Path(data_dir), Path(out_dir))
    if not args.force and not process and _nothing_to_do(request, Path(data_dir), Path(out_dir)):
        return 0
    from contextlib import ExitStack

    # Refusals come before anything starts or is written.
    from helpers.io import refuse_raw

    refuse_raw(Path(out_dir))
    choices = _choices(args)
    if not process:
        _check_data(args, Path(data_dir))
    if args.scheduler in (None, "local"):
        from helpers.loopback import require_loopback

        require_loopback()
    with ExitStack() as stack:
        # Reports will be built: the warm kernel server starts first, its imports (the longest
        # part of the start) beside everything else this command does before the first report.
        server = None
        if args.scheduler is None:
            server = stack.enter_context(
                _kernel_server(Path(data_dir), Path(out_dir), later=process)
            )
        if process:
            _process(Path(data_dir) if args.data_dir else None)
            if server is not None:
                server.warm_up(Path(data_dir).resolve())
            _check_data(args, Path(data_dir))
        return _run(args, request, Path(data_dir), Path(out_dir), server, choices)


def _choices(args: argparse.Namespace) -> tuple[str, list[str], list[str] | None]:
    """The level, languages and provinces asked for (None: all); ParameterError when empty."""
    from helpers.errors import ParameterError
    from helpers.report.params import LANGS, LEVELS, coerce_choice

    # The one coercion rule of the CLI, papermill and JupyterLab ("2025", "EN" are accepted).
    level = coerce_choice(args.level, "level", LEVELS)
    langs = [coerce_choice(lang, "lang", LANGS) for lang in args.lang.split(",") if lang.strip()]
    if not langs:
        raise ParameterError(f"--lang {args.lang!r} names no language: use vi, en or vi,en.")
    provinces = None
    if args.provinces.strip().lower() != "all":
        provinces = [name.strip() for name in args.provinces.split(",") if name.strip()]
        if not provinces:
            raise ParameterError(
                f"--provinces {args.provinces!r} names no province: give names separated by "
                "commas, or 'all'."
            )
    return level, langs, provinces


def _check_data(args: argparse.Namespace, data_dir: Path) -> None:
    """ParameterError unless ``data_dir`` holds the tables the reports read."""
    from helpers.errors import ParameterError

    hint = "Run `bhxh demo` first." if args.demo else "Run `bhxh process` first."
    if not Path(data_dir).is_dir():
        raise ParameterError(f"data folder {data_dir} does not exist. {hint}")
    if not any((Path(data_dir) / name).is_file() for name in ("facts.csv", "panel.parquet")):
        raise ParameterError(
            f"data folder {data_dir} has no facts.csv (nor panel.parquet). {hint} Or point "
            "--data-dir at the folder that holds them."
        )


def _run(args: argparse.Namespace, request: dict, data_dir: Path, out_dir: Path,
         server: object, choices: tuple[str, list[str], list[str] | None]) -> int:
    """`run` once the kernel server is started (or not needed): run, print."""
    from helpers.batch import run_batch
    from helpers.report.params import simulated_marker

    level, langs, provinces = choices
    result = run_batch(
        provinces,
        level=level,
        langs=langs,
        data_dir=Path(data_dir),
        out_dir=Path(out_dir),
        workers=args.workers,
        scheduler=args.scheduler,
        force=args.force,
        timeout=args.timeout,
        kernel_name=args.kernel,
        simulated=args.demo or simulated_marker(Path(data_dir)) is not None,
        progress=False if getattr(args, "quiet", False) else None,
        unit="district" if args.district and args.unit == "province" else args.unit,
        district=args.district,
        rerun_request=request,
        server=server,
    )
    for failure in result.failures:
        cell = f"cell {failure['cell']}" if failure.get("cell") is not None else failure["kind"]
        print(
            f"FAILED {failure['key']} ({failure['province'] or 'national'}), {cell}: "
            f"{failure['message']}",
            file=sys.stderr,
        )
    print(result.summary)
    print(f"index: {result.index}")
    return result.exit_code


@contextmanager
def _kernel_server(data_dir: Path, out_dir: Path, *, later: bool) -> Iterator[Any]:
    """The batch's warm kernel server (`helpers.batch.runner.early_server`), stopped at the end;
    with ``later`` it warms up only when `bhxh process` has built ``data_dir``."""
    from helpers.batch.runner import early_server

    server = early_server("helpers.report", None, None if later else data_dir,
                          str(out_dir.resolve() / ".logs"))
    try:
        yield server
    finally:
        if server is not None:
            server.stop()


def _process(out: Path | None) -> None:
    """`bhxh process` with its default folders (``out``: the data folder, when not the default
    one), in this process; its errors stop the command before any report."""
    from helpers.commands import process

    process.run(argparse.Namespace(articles=None, official=None,
                                   out=str(out) if out else None, skip_bad=False))


def rerun_request(args: argparse.Namespace, data_dir: Path, out_dir: Path) -> dict:
    """The options that decide what a batch builds, as typed, with the folders resolved."""
    return {
        "command": NAME,
        "provinces": args.provinces,
        "level": args.level,
        "lang": args.lang,
        "demo": args.demo,
        "unit": args.unit,
        "district": args.district,
        "kernel": args.kernel,
        "data_dir": str(data_dir.resolve()),
        "out_dir": str(out_dir.resolve()),
    }


def _nothing_to_do(request: dict, data_dir: Path, out_dir: Path) -> bool:
    """Print the summary and say True when the last batch into ``out_dir`` answers this one
    (`helpers.batch.rerun`): then nothing is imported beyond the standard library, nothing
    runs and nothing is written."""
    from helpers import paths
    from helpers.batch import rerun
    from helpers.batch.lock import folder_lock

    if not (out_dir / "manifest.json").is_file() or not data_dir.is_dir():
        return False
    with folder_lock(out_dir, purpose="bhxh reports"):
        summary = rerun.unchanged(out_dir, request, rerun.inputs_of(data_dir, paths.NOTEBOOKS))
    if summary is None:
        return False
    print(summary)
    print(f"index: {out_dir.resolve() / 'index.html'}")
    return True
