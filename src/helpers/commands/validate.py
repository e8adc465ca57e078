"""`bhxh validate FILE`: load a panel, facts or campaigns file with every check, and summarise it.

Exits 0 with a one-line summary, or 2 with the first problem (file, rows, column, fix).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

NAME = "validate"
HELP = "Check a monthly panel, facts or campaigns file against its contract and summarise it."
KINDS = ("panel", "facts", "campaigns")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a .csv, .xlsx or .parquet file")
    parser.add_argument(
        "--kind",
        choices=KINDS,
        help="which contract to check (default: 'facts' or 'campaigns' when the file name says "
        "so, else 'panel')",
    )
    parser.add_argument(
        "--header-row",
        type=int,
        default=None,
        metavar="N",
        help="panel only: the spreadsheet row holding the column names, if not row 1",
    )


def guess_kind(file: Path) -> str:
    """The contract a file name suggests: facts*, campaigns*, else a panel."""
    name = file.name.lower()
    if name.startswith("fact"):
        return "facts"
    if name.startswith("campaign"):
        return "campaigns"
    return "panel"


def summary(kind: str, df: pd.DataFrame) -> str:
    """One line describing a loaded table."""
    if kind == "panel":
        named = df["district"] != ""
        span = f"{df['month'].min():%Y-%m}..{df['month'].max():%Y-%m}"
        return (
            f"panel: {len(df):,} rows, {df['province'].nunique()} provinces, "
            f"{df.loc[named, 'district'].nunique()} districts, "
            f"schemes {', '.join(sorted(df['scheme'].unique()))}, months {span}"
        )
    if kind == "facts":
        return (
            f"facts: {len(df):,} rows from {df['article_id'].nunique()} articles, "
            f"{int(df['is_target'].sum())} targets, {(df['flags'] != '').sum()} flagged"
        )
    kinds = df["kind"].value_counts()
    return f"campaigns: {len(df):,} rows ({', '.join(f'{k} {n}' for k, n in kinds.items())})"


def run(args: argparse.Namespace) -> int:
    from helpers.errors import ParameterError
    from helpers.io import load_campaigns, load_facts, load_panel

    kind = args.kind or guess_kind(args.file)
    if args.header_row is not None and kind != "panel":
        raise ParameterError("--header-row applies to panels only.")
    if kind == "panel":
        df = load_panel(args.file, header_row=args.header_row)
    else:
        df = (load_facts if kind == "facts" else load_campaigns)(args.file)
    print(f"{args.file}: ok, {summary(kind, df)}")
    return 0
