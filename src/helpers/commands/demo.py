"""`bhxh demo`: write simulated monthly data for all 63 former provinces into data/processed/demo/.

Reports built from that folder carry a visible "simulated data" banner.
"""

from __future__ import annotations

import argparse

NAME = "demo"
HELP = "Write a simulated monthly panel (63 provinces, districts) with known campaign effects."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `bhxh demo`."""
    parser.add_argument("--out", default=None, help="output folder (default: data/processed/demo/)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")


def run(args: argparse.Namespace) -> int:
    """Simulate and write panel.parquet, campaigns.csv and SIMULATED.json."""
    from helpers.report.demo import build_demo

    output = build_demo(args.out, seed=args.seed)
    print(
        f"wrote {output.panel} ({output.n_rows} rows, {output.n_units} districts), "
        f"{output.campaigns}, {output.marker}"
    )
    return 0
