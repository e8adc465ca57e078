"""`bhxh figures`: the press-figure indicators of a province, in words or as JSON.

Reads data/processed/facts.csv (or --facts); every line ends with the fact_ids it rests on.
"""

from __future__ import annotations

import argparse
from typing import Any

NAME = "figures"
HELP = "Press-figure indicators of a province (growth, attainment, campaigns, retention...)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``bhxh figures``."""
    parser.add_argument("province", help="province name in any spelling, e.g. 'Bac Giang'")
    parser.add_argument("--level", default="legacy", choices=("legacy", "2025"),
                        help="the province is pre-2025 (default) or a 2025 province")
    parser.add_argument("--scheme", default="voluntary_si", help="scheme code")
    parser.add_argument("--facts", default=None, help="facts table (default data/processed/)")
    parser.add_argument("--labour-force", type=float, default=None,
                        help="labour force of the province, for coverage")
    parser.add_argument("--lang", default="vi", choices=("vi", "en"))
    parser.add_argument("--json", action="store_true", help="print summarize() as JSON")


def run(args: argparse.Namespace) -> int:
    """Print one sentence per indicator (or the JSON summary)."""
    import json

    from helpers import indicators
    from helpers.geo import resolve_province
    from helpers.io import load_facts
    from helpers.paths import PROCESSED

    facts = load_facts(args.facts or PROCESSED / "facts.csv")
    if args.json:
        summary = indicators.summarize(facts, args.province, level=args.level,
                                       scheme=args.scheme, labour_force=args.labour_force)
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    if args.level == "2025":
        total = indicators.aggregate_2025(facts, args.province, scheme=args.scheme)
        _line("stocks", total, args.lang)
        names = list(total.members)
    else:
        names = [resolve_province(args.province).name]
    for name in names:
        print(f"== {name}")
        where = dict(province=name, scheme=args.scheme)
        results = {
            "growth": indicators.growth(facts, **where),
            "attainment": indicators.attainment(facts, **where),
            "campaign_share": indicators.campaign_share(facts, **where),
            "campaign_yoy": indicators.campaign_yoy(facts, **where),
            "retention": indicators.retention(facts, **where),
            "productivity": indicators.productivity(facts, province=name, district="*"),
            "coverage": indicators.coverage(facts, labour_force=args.labour_force, **where),
        }
        for kind, result in results.items():
            _line(kind, result, args.lang)
    return 0


def _line(kind: str, result: Any, lang: str) -> None:
    ids = ", ".join(result.fact_ids) or "-"
    print(f"{kind}: {result.describe(lang)} [{ids}]")
