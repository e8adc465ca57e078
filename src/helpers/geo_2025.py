"""The 2025 map below the provinces: the 3,321 communes and wards that sit directly under the
34 provinces from 1 July 2025 (data/raw/reference/communes_2025.csv), found in running text.

A name is read with its type word ("phường Cao Xanh", "xã Yên Thành", "đặc khu Phú Quốc") or,
without one, when every syllable is capitalised and there are two or more ("Cao Xanh").
"""

from __future__ import annotations

import re
from functools import lru_cache

from helpers.errors import UnknownPlaceError
from helpers.geo import name_alternation, resolve_province_2025
from helpers.geo_tables import (
    Commune2025,
    commune_2025_index,
    commune_index,
    place_key,
    split_type,
)
from helpers.text import fold, fold_keep_offsets, nfc

__all__ = ["Commune2025", "communes_2025", "find_communes_2025", "resolve_commune_2025",
           "also_legacy_elsewhere"]

TYPES_2025 = {"xa": "xã", "phuong": "phường", "p": "phường", "dac khu": "đặc khu"}
_TYPE_RE = r"(?P<type>xa|phuong|dac\s+khu|p\.)\s*"


def communes_2025(province_2025: str) -> list[Commune2025]:
    """The communes and wards of a 2025 province (any spelling, old names give their 2025
    province), in code order."""
    scope = resolve_province_2025(province_2025).name
    units = {u for group in commune_2025_index()[scope].values() for u in group}
    return sorted(units, key=lambda u: u.code)


def resolve_commune_2025(name: str, province_2025: str) -> Commune2025:
    """Resolve "phường Cao Xanh" / "Cao Xanh" inside a 2025 province.

    Raises
    ------
    UnknownPlaceError
        Unknown in that province, or two units of that name (a xã and a phường).
    """
    scope = resolve_province_2025(province_2025).name
    kind, key = split_type(place_key(name), TYPES_2025)
    hits = commune_2025_index()[scope].get(key, [])
    hits = [u for u in hits if u.kind == kind] or hits if kind else hits
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise UnknownPlaceError(name, tuple(f"{u.kind} {u.name}" for u in hits),
                                reason=f"names {len(hits)} 2025 communes in {scope}")
    raise UnknownPlaceError(name, reason=f"matches no 2025 commune or ward in {scope}")


@lru_cache(maxsize=64)
def _scanner(province_2025: str) -> re.Pattern[str]:
    names = sorted({fold(u.name) for u in communes_2025(province_2025)}, key=len, reverse=True)
    alternatives = name_alternation(names, lambda n: re.escape(n).replace(r"\ ", r"[\s\-–]+"))
    return re.compile(rf"(?<!\w)(?:{_TYPE_RE})?(?P<name>{alternatives})(?!\w)")


def find_communes_2025(text: str, province_2025: str) -> list[tuple[int, int, Commune2025]]:
    """2025 communes and wards of a province named in `text`, as (start, end, unit).

    Offsets index into ``nfc(text)``; a span includes the type word when there is one.
    """
    composed = nfc(text)
    found = []
    for m in _scanner(province_2025).finditer(fold_keep_offsets(composed)):
        written = composed[m.start("name"):m.end("name")]
        words = re.findall(r"[^\W\d_]+", written)
        if not m["type"] and not (len(words) >= 2 and all(w[0].isupper() for w in words)):
            continue
        if not m["type"] and _inside_longer_name(composed, m.start("name"), m.end("name")):
            continue  # "Báo Sài Gòn Giải Phóng" is a newspaper, not phường Sài Gòn
        try:
            unit = resolve_commune_2025(
                (m["type"] or "").replace(".", "") + " " + m["name"], province_2025)
        except UnknownPlaceError:
            continue
        found.append((m.start(), m.end(), unit))
    return found


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """Whether capitalised words run on before or after text[start:end]."""
    before = re.search(r"([^\W\d_]+)\s+$", text[max(0, start - 30):start])
    after = re.match(r"\s+([^\W\d_]+)", text[end:end + 30])
    return bool(before and before[1][0].isupper() or after and after[1][0].isupper())


def also_legacy_elsewhere(unit: Commune2025) -> bool:
    """Whether a legacy commune of the same name lies in another former province of the same
    2025 province than the unit's own ("xã Kim Thành" of Hải Phòng, formed across Hải Dương
    and Hải Phòng): read in the wrong map the name gives another place."""
    key = place_key(unit.name)
    members = resolve_province_2025(unit.province_2025).members
    index = commune_index()
    return any(key in index.get(p, {}) for p in members if p != unit.province)
