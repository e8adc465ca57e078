"""Benchmark helpers.geo: resolve 100,000 place names in mixed spellings; target < 2 s.

Run ``python bench/bench_geo.py [--n 100000] [--seed 0]``; exits 1 if the target is missed.
"""

from __future__ import annotations

import argparse
import random
import time
import unicodedata

from helpers import geo
from helpers.errors import UnknownPlaceError
from helpers.text import fold

TARGET_SECONDS = 2.0


def _no_diacritics(name: str) -> str:
    bare = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in bare if not unicodedata.combining(ch))


def spellings(name: str, type_word: str) -> list[str]:
    """The ways a name turns up in articles and spreadsheets."""
    return [
        name,
        _no_diacritics(name),
        name.upper(),
        _no_diacritics(name).lower(),
        f"{type_word} {name}",
        unicodedata.normalize("NFD", name),
        f"  {name.replace(' ', '  ')} ",
    ]


def _unambiguous(spelling: str, district: geo.District) -> bool:
    """False for a spelling shared by two units of one province ("Kỳ Anh" without type word)."""
    try:
        return geo.resolve_district(spelling, district.province) == district
    except UnknownPlaceError:
        return False


def draw_names(n: int, seed: int) -> tuple[list[str], list[tuple[str, str]]]:
    """n province names, and n (district, province) pairs, drawn at random from all spellings."""
    rng = random.Random(seed)
    province_pool = [s for p in geo.provinces() for s in spellings(p.name, "tỉnh")]
    district_pool = [
        (s, p.name) for p in geo.provinces() for d in geo.districts(p.name)
        for s in spellings(d.name, d.kind) if _unambiguous(s, d)
    ]
    return rng.choices(province_pool, k=n), rng.choices(district_pool, k=n)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    province_names, district_names = draw_names(args.n, args.seed)

    # Start cold, as a fresh process would: the timings include reading the reference CSVs.
    geo.clear_caches()
    fold.cache_clear()
    start = time.perf_counter()
    resolved = [geo.resolve_province(name) for name in province_names]
    province_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for name, province in district_names:
        geo.resolve_district(name, province)
    district_seconds = time.perf_counter() - start

    print(f"resolve_province: {args.n:,} names in {province_seconds:.3f} s "
          f"({len(set(province_names)):,} distinct spellings, {len(set(resolved))} provinces)")
    print(f"resolve_district: {args.n:,} names in {district_seconds:.3f} s "
          f"({len(set(district_names)):,} distinct spellings)")
    ok = province_seconds < TARGET_SECONDS
    print(f"target < {TARGET_SECONDS:.0f} s for provinces: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
