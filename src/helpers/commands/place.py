"""`bhxh place`: show the canonical unit behind a place name, or list a province's units.

Exit code 0 when every name resolves, 2 (via the cli) for an unknown or ambiguous name.
"""

from __future__ import annotations

import argparse
from typing import Any

NAME = "place"
HELP = "Resolve place names in any spelling (province, district, commune) or list a province."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``bhxh place``."""
    parser.add_argument("names", nargs="*", help="names to resolve, e.g. 'TX Đông Hoà'")
    parser.add_argument("--level", default="province",
                        choices=("province", "2025", "district", "commune"),
                        help="what the names are (default: province)")
    parser.add_argument("--province", default=None,
                        help="the pre-2025 province the districts or communes are in")
    parser.add_argument("--district", default=None, help="the district the communes are in")
    parser.add_argument("--list", action="store_true",
                        help="list every province (of --level 2025 or legacy), or the districts"
                             " of --province")


def _describe(unit: Any) -> str:
    from helpers import geo

    if isinstance(unit, geo.Province):
        return f"{unit.name} [{unit.kind}, code {unit.code}] -> 2025: {unit.name_2025}"
    if isinstance(unit, geo.Province2025):
        return f"{unit.name} [code {unit.code}] <- {', '.join(unit.members)}"
    if isinstance(unit, geo.District):
        return f"{unit.name} [{unit.kind}, code {unit.code}], {unit.province}"
    return f"{unit.name} [{unit.kind}, code {unit.code}], {unit.district}, {unit.province}"


def run(args: argparse.Namespace) -> int:
    """Print one line per name (or per listed unit)."""
    from helpers import geo
    from helpers.errors import ParameterError

    if args.list:
        if args.province:
            units: list[Any] = geo.districts(args.province)
        else:
            units = geo.provinces("2025" if args.level == "2025" else "legacy")
        for unit in units:
            print(_describe(unit))
        return 0
    if not args.names:
        raise ParameterError("give at least one name, or --list.")
    if args.level == "commune" and not args.province:
        raise ParameterError("--level commune needs --province.")
    resolvers = {
        "province": geo.resolve_province,
        "2025": geo.resolve_province_2025,
        "district": lambda name: geo.resolve_district(name, args.province),
        "commune": lambda name: geo.resolve_commune(name, args.province, args.district),
    }
    for name in args.names:
        print(f"{name} -> {_describe(resolvers[args.level](name))}")
    return 0
