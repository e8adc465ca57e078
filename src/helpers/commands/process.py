"""`bhxh process`: rebuild everything in data/processed/ from data/raw/ with one command.

Articles become facts.csv and campaigns.csv; official monthly exports in data/raw/official/
are validated, merged and written as panel.parquet. data/raw/ is only read.
"""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "process"
HELP = "rebuild data/processed/ from data/raw/ (articles -> facts, official exports -> panel)"

PANEL_SUFFIXES = (".csv", ".xlsx", ".parquet")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `bhxh process`."""
    parser.add_argument(
        "--articles", default=None, help="articles folder (default data/raw/articles/)"
    )
    parser.add_argument("--official", default=None,
                        help="folder of official monthly exports (default data/raw/official/)")
    parser.add_argument("--out", default=None, help="output folder (default data/processed/)")


def run(args: argparse.Namespace) -> int:
    """Extract the articles, merge the official panels, report what was written."""
    from helpers import paths
    from helpers.extract import extract_articles, write_outputs

    out = Path(args.out) if args.out else paths.PROCESSED
    articles = Path(args.articles) if args.articles else paths.ARTICLES
    corrections = paths.CORRECTIONS if paths.CORRECTIONS.exists() else None
    result = extract_articles(articles, corrections=corrections)
    print(result.summary())
    written = write_outputs(result, out)
    written.append(write_articles(articles, out))
    official = Path(args.official) if args.official else paths.OFFICIAL
    panel_path = build_panel(official, out / "panel.parquet")
    if panel_path is not None:
        written.append(panel_path)
    print("wrote " + ", ".join(str(p) for p in written))
    if panel_path is None:
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


def build_panel(official_dir: str | Path, out_path: str | Path) -> Path | None:
    """Validate and merge every export in ``official_dir`` into one panel; None when there is none.

    A province-month-scheme present in two files is a `DuplicateRowError` naming both files,
    rather than one silently winning.
    """
    import pandas as pd

    from helpers.errors import DuplicateRowError
    from helpers.io import load_panel, write_table
    from helpers.schema import PANEL_KEY

    folder = Path(official_dir)
    found = folder.glob("*") if folder.is_dir() else []
    files = sorted(p for p in found if p.suffix.lower() in PANEL_SUFFIXES)
    if not files:
        if Path(out_path).exists():
            Path(out_path).unlink()
        return None
    frames = []
    for path in files:
        frame = load_panel(path)
        frame["source_file"] = path.name
        frames.append(frame)
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
    return write_table(panel, out_path)
