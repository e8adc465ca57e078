"""Reference tables behind helpers.geo: the unit dataclasses, matching keys and CSV indexes.

Loads data/raw/reference/*.csv once, lazily, via helpers.paths.REFERENCE; no network.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from helpers import paths
from helpers.errors import DataError, UnknownPlaceError
from helpers.text import fold


@dataclass(frozen=True)
class Province:
    """A pre-July-2025 province and the 2025 province it became part of."""

    code: str
    name: str
    name_2025: str
    code_2025: str
    kind: str


@dataclass(frozen=True)
class Province2025:
    """A province of the 34-province map (from 1 July 2025) and the old provinces it took in."""

    code: str
    name: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class District:
    """A pre-2025 district, town or city; `name` has no type word, `kind` holds it."""

    code: str
    name: str
    kind: str
    province: str


@dataclass(frozen=True)
class Commune:
    """A pre-2025 commune, ward or township inside a district."""

    code: str
    name: str
    kind: str
    district: str
    province: str


PROVINCE_TYPES = {"tinh": "tỉnh", "thanh pho": "thành phố", "tp": "thành phố"}
DISTRICT_TYPES = {
    "huyen": "huyện", "thi xa": "thị xã", "tx": "thị xã", "thanh pho": "thành phố",
    "tp": "thành phố", "quan": "quận", "q": "quận",
}
COMMUNE_TYPES = {
    "xa": "xã", "phuong": "phường", "p": "phường", "thi tran": "thị trấn", "tt": "thị trấn",
}
# Spellings no rule derives: abbreviations, colloquial and older names (keys as `place_key`).
PROVINCE_ALIASES = {
    "01": ("hn",),
    "06": ("bac can",),
    "46": ("hue", "thanh pho hue", "tp hue", "tt hue", "thua thien"),
    "62": ("kontum",),
    "66": ("dac lac", "dak lac", "dac lak", "daklak"),
    "67": ("dac nong", "daknong"),
    "77": ("br vt", "brvt", "ba ria vung tau", "vung tau"),
    "79": ("hcm", "tp hcm", "tphcm", "ho chi minh", "thanh pho ho chi minh", "sai gon",
           "saigon", "tp sai gon"),
}
_APOSTROPHES = str.maketrans("", "", "'’ʼ`")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def place_key(name: str) -> str:
    """Return the matching key of a place name: folded, apostrophes dropped, punctuation spaced.

    Examples
    --------
    >>> place_key("TP.HCM"), place_key("Thừa Thiên-Huế"), place_key("M'Đrắk")
    ('tp hcm', 'thua thien hue', 'mdrak')

    Raises
    ------
    UnknownPlaceError
        When `name` is not text (an empty spreadsheet cell read as NaN, a number).
    """
    if not isinstance(name, str):
        raise UnknownPlaceError(repr(name), reason="is not a place name (expected text)")
    return _NON_WORD.sub(" ", fold(name).translate(_APOSTROPHES)).strip()


def split_type(key: str, types: dict[str, str]) -> tuple[str | None, str]:
    """Split a leading type word off a key: ("huyen hiep hoa") -> ("huyện", "hiep hoa")."""
    for word in sorted(types, key=len, reverse=True):
        if key.startswith(word + " ") and len(key) > len(word) + 1:
            return types[word], key[len(word) + 1:]
    return None, key


def read_reference(file_name: str) -> list[dict[str, str]]:
    path = paths.REFERENCE / file_name
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except FileNotFoundError as exc:
        raise DataError("the reference table is missing.", file=path,
                        hint="Regenerate it with `python scripts/make_reference.py`.") from exc


@lru_cache(maxsize=1)
def province_table() -> tuple[dict[str, Province], dict[str, Province]]:
    """(code -> Province, key -> Province) for the 63 pre-2025 provinces."""
    by_code: dict[str, Province] = {}
    by_key: dict[str, Province] = {}
    for row in read_reference("province_crosswalk_2025.csv"):
        unit = Province(row["code"], row["province"], row["province_2025"], row["code_2025"],
                        row["kind"])
        by_code[unit.code] = unit
        bare = unit.name.removeprefix("TP. ")
        for key in (place_key(unit.name), place_key(bare), *PROVINCE_ALIASES.get(unit.code, ())):
            by_key[key] = unit
            by_key.setdefault(key.replace(" ", ""), unit)
    return by_code, by_key


@lru_cache(maxsize=1)
def province_2025_table() -> dict[str, Province2025]:
    """code_2025 -> Province2025, members in code order."""
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for unit in province_table()[0].values():
        members[(unit.code_2025, unit.name_2025)].append(unit.name)
    return {code: Province2025(code, name, tuple(names)) for (code, name), names in members.items()}


def _unit_keys(unit: District | Commune) -> set[str]:
    """Keys a unit is found under: its name, without spaces, and a numbered one's number."""
    key = place_key(unit.name)
    keys = {key, key.replace(" ", "")}
    # Compare with diacritics: "Xà Hồ" folds like "xã Hồ" but does not start with its kind.
    if carries_kind(unit):
        keys.add(place_key(unit.name[len(unit.kind):]))
    return keys


def carries_kind(unit: District | Commune) -> bool:
    """True for names that include their type word, as numbered units do ("Phường 1")."""
    return unit.name.lower().startswith(unit.kind + " ")


@lru_cache(maxsize=1)
def district_index() -> dict[str, dict[str, list[District]]]:
    """province name ("" = all) -> key -> districts; numbered ones also under the bare number."""
    index: dict[str, dict[str, list[District]]] = defaultdict(lambda: defaultdict(list))
    for row in read_reference("districts_legacy.csv"):
        unit = District(row["code"], row["district"], row["kind"], row["province"])
        for k in _unit_keys(unit):
            index[unit.province][k].append(unit)
            index[""][k].append(unit)
    return index


@lru_cache(maxsize=1)
def commune_index() -> dict[str, dict[str, list[Commune]]]:
    """province name -> key -> communes."""
    index: dict[str, dict[str, list[Commune]]] = defaultdict(lambda: defaultdict(list))
    for row in read_reference("communes_legacy.csv"):
        unit = Commune(row["code"], row["commune"], row["kind"], row["district"], row["province"])
        for k in _unit_keys(unit):
            index[unit.province][k].append(unit)
    return index



@dataclass(frozen=True)
class Commune2025:
    """A commune or ward of the 34-province map (from 1 July 2025), directly under its
    province; `province` is the pre-2025 province it lies in, "" when it straddles two."""

    code: str
    name: str
    kind: str
    province_2025: str
    province: str


@lru_cache(maxsize=1)
def commune_2025_index() -> dict[str, dict[str, list[Commune2025]]]:
    """2025 province name -> key -> 2025 communes (from communes_2025.csv)."""
    index: dict[str, dict[str, list[Commune2025]]] = defaultdict(lambda: defaultdict(list))
    for row in read_reference("communes_2025.csv"):
        unit = Commune2025(row["code"], row["commune"], row["kind"], row["province_2025"],
                           row["province"])
        key = place_key(unit.name)
        for k in {key, key.replace(" ", "")}:
            index[unit.province_2025][k].append(unit)
    return index
