"""`bhxh process`: rebuild everything in data/processed/ from data/raw/ with one command.

Articles become facts.csv and campaigns.csv; official monthly exports in data/raw/official/
are validated, merged and written as panel.parquet. data/raw/ is only read. The build is whole
or nothing: every table is written to a staging folder first and moved in only when all of
them succeeded; a failure changes nothing but ``build_status.json``, which records why.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from helpers.extract import ExtractionResult

NAME = "process"
HELP = "rebuild data/processed/ from data/raw/ (articles -> facts, official exports -> panel)"

PANEL_SUFFIXES = (".csv", ".xlsx", ".parquet")
PANEL_FILE = "panel.parquet"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `bhxh process`."""
    parser.add_argument(
        "--articles", default=None, help="articles folder (default data/raw/articles/)"
    )
    parser.add_argument("--official", default=None,
                        help="folder of official monthly exports (default data/raw/official/)")
    parser.add_argument("--out", default=None, help="output folder (default data/processed/)")
    parser.add_argument(
        "--skip-bad",
        action="store_true",
        help="set aside official exports that fail validation (listed) and build the rest",
    )


def run(args: argparse.Namespace) -> int:
    """Extract the articles, merge the official panels, move the tables in, report."""
    from helpers import paths
    from helpers.batch.lock import folder_lock
    from helpers.build_status import clean_temp_files, write_status
    from helpers.errors import BhxhError, ParameterError, describe_os_error
    from helpers.extract import extract_articles
    from helpers.io import refuse_raw

    out = Path(args.out) if args.out else paths.PROCESSED
    refuse_raw(out)
    articles = Path(args.articles) if args.articles else paths.ARTICLES
    official = Path(args.official) if args.official else paths.OFFICIAL
    if args.official and not official.is_dir():
        # A mistyped folder must not read as "no exports" and drop the panel already built.
        raise ParameterError(
            f"--official {official}: no such folder. Check the path, or leave --official out "
            f"to use {paths.OFFICIAL}."
        )
    corrections = paths.CORRECTIONS if paths.CORRECTIONS.exists() else None
    with folder_lock(out, purpose="bhxh process"):
        for leftover in clean_temp_files(out):
            print(f"removed {leftover.name}, left by an interrupted run")
        try:
            result = extract_articles(articles, corrections=corrections)
            print(result.summary())
            panel, set_aside, ignored = merge_panel(official, skip_bad=args.skip_bad)
            written = _write_all(result, panel, out, articles)
        except (BhxhError, OSError) as exc:
            reason = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
            try:
                write_status(out, ok=False, error=reason)
            except OSError:
                pass  # a full or read-only disk: the error itself says so
            raise
        write_status(
            out, ok=True, set_aside=set_aside, ignored=ignored, written=[p.name for p in written]
        )
    for name in ignored:
        print(f"ignored {name} (not a data file)")
    for item in set_aside:
        print(f"SET ASIDE {item['file']}: {item['error']}")
    print("wrote " + ", ".join(str(p) for p in written))
    if panel is None:
        print(f"no official monthly exports in {official}: reports use press figures only")
    return 0


def write_articles(articles_dir: str | Path, out_dir: str | Path) -> Path:
    """``articles.csv``: each article's outlet, title, publication date, link and province from
    its sidecar, so reports cite articles by number with what is known about them."""
    from helpers import geo
    from helpers.errors import UnknownPlaceError
    from helpers.io import write_table
    from helpers.report.sources import ARTICLES_FILE, article_table

    table = article_table(articles_dir)
    canonical = []
    for name in table["province"]:
        try:
            canonical.append(geo.resolve_province(name).name if name else "")
        except UnknownPlaceError:
            canonical.append(name)  # kept as written; the extraction log names the article
    table["province"] = canonical
    return write_table(table, Path(out_dir) / ARTICLES_FILE)


def _write_all(
    result: ExtractionResult, panel: pd.DataFrame | None, out: Path, articles: Path
) -> list[Path]:
    """Write every table to a staging folder in ``out``, then move them all in."""
    from helpers.extract import write_outputs
    from helpers.io import write_table

    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", suffix=".tmp", dir=out))
    try:
        staged = write_outputs(result, staging)
        staged.append(write_articles(articles, staging))
        if panel is not None:
            staged.append(write_table(panel, staging / PANEL_FILE))
        written = []
        for path in staged:
            os.replace(path, out / path.name)
            written.append(out / path.name)
        if panel is None:
            (out / PANEL_FILE).unlink(missing_ok=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def merge_panel(
    official_dir: str | Path, *, skip_bad: bool = False
) -> tuple[pd.DataFrame | None, list[dict[str, str]], list[str]]:
    """Validate and merge every export in ``official_dir``.

    Returns the merged panel (None when there is no export), the files set aside with
    ``skip_bad`` (``{"file", "error"}``) and the names ignored as not data (``~$x.xlsx``,
    ``._x.csv``, hidden and temp files).

    Raises
    ------
    DataError
        The first bad export (unless ``skip_bad``), or a province-month-scheme present in two
        files (`DuplicateRowError` naming both), rather than one silently winning.
    """
    import pandas as pd

    from helpers.build_status import is_junk
    from helpers.errors import DataError, DuplicateRowError
    from helpers.io import load_panel
    from helpers.schema import PANEL_KEY

    folder = Path(official_dir)
    found = sorted(folder.glob("*")) if folder.is_dir() else []
    candidates = [p for p in found if p.is_file() and p.suffix.lower() in PANEL_SUFFIXES]
    ignored = [p.name for p in candidates if is_junk(p)]
    files = [p for p in candidates if not is_junk(p)]
    frames, set_aside = [], []
    for path in files:
        try:
            frame = load_panel(path)
        except DataError as exc:
            if not skip_bad:
                raise
            set_aside.append({"file": path.name, "error": str(exc)})
            continue
        frame["source_file"] = path.name
        frames.append(frame)
    if not frames:
        return None, set_aside, ignored
    panel = pd.concat(frames, ignore_index=True)
    clash = panel.duplicated(list(PANEL_KEY), keep=False)
    if clash.any():
        first = panel[clash].iloc[0]
        sources = sorted(panel.loc[clash, "source_file"].unique())
        raise DuplicateRowError(
            f"{int(clash.sum())} rows share province, district, month and scheme across files "
            f"(first: {first['province']} {first['district']} {first['month']:%Y-%m} "
            f"{first['scheme']}).",
            file=", ".join(sources),
            hint="Keep each province-month in one export only.",
        )
    return panel, set_aside, ignored


def build_panel(official_dir: str | Path, out_path: str | Path) -> Path | None:
    """Validate and merge every export in ``official_dir`` into one panel; None when there is none.

    A province-month-scheme present in two files is a `DuplicateRowError` naming both files.
    """
    from helpers.io import write_table

    panel, _, _ = merge_panel(official_dir)
    if panel is None:
        Path(out_path).unlink(missing_ok=True)
        return None
    return write_table(panel, out_path)
