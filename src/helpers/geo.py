"""Place names: resolve any spelling of a province, district or commune to one canonical unit.

Reads the reference CSVs in data/raw/reference/ (made by scripts/make_reference.py); no network.

Matching is on a key: `helpers.text.fold` (no case, no diacritics, đ -> d), apostrophes dropped
and other punctuation read as a space, so "Đắk Lắk", "DAK LAK", "Thừa Thiên-Huế" and NFD text
all work. A leading type word ("tỉnh", "huyện", "TX", "TP.", "xã", ...) is read as a filter on
the unit's kind. As a province, a name with a district or commune type word ("huyện Bắc
Giang", "thành phố Bắc Giang") is refused with a hint rather than guessed: it names a place
inside the province, not the province. Nothing returns None: unknown or ambiguous names raise
`UnknownPlaceError` listing the closest canonical names.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from helpers import paths
from helpers.errors import DataError, UnknownPlaceError
from helpers.text import fold, fold_keep_offsets, nfc

__all__ = [
    "Province", "Province2025", "District", "Commune", "resolve_province",
    "resolve_province_2025", "province_2025_of", "provinces", "resolve_district", "districts",
    "resolve_commune", "communes", "find_places", "place_key",
]


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
    """
    return _NON_WORD.sub(" ", fold(name).translate(_APOSTROPHES)).strip()


def _split_type(key: str, types: dict[str, str]) -> tuple[str | None, str]:
    """Split a leading type word off a key: ("huyen hiep hoa") -> ("huyện", "hiep hoa")."""
    for word in sorted(types, key=len, reverse=True):
        if key.startswith(word + " ") and len(key) > len(word) + 1:
            return types[word], key[len(word) + 1:]
    return None, key


def _read(file_name: str) -> list[dict[str, str]]:
    path = paths.REFERENCE / file_name
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except FileNotFoundError as exc:
        raise DataError("the reference table is missing.", file=path,
                        hint="Regenerate it with `python scripts/make_reference.py`.") from exc


@lru_cache(maxsize=1)
def _province_table() -> tuple[dict[str, Province], dict[str, Province]]:
    """(code -> Province, key -> Province) for the 63 pre-2025 provinces."""
    by_code: dict[str, Province] = {}
    by_key: dict[str, Province] = {}
    for row in _read("province_crosswalk_2025.csv"):
        unit = Province(row["code"], row["province"], row["province_2025"], row["code_2025"],
                        row["kind"])
        by_code[unit.code] = unit
        bare = unit.name.removeprefix("TP. ")
        for key in (place_key(unit.name), place_key(bare), *PROVINCE_ALIASES.get(unit.code, ())):
            by_key[key] = unit
            by_key.setdefault(key.replace(" ", ""), unit)
    return by_code, by_key


@lru_cache(maxsize=1)
def _province_2025_table() -> dict[str, Province2025]:
    """code_2025 -> Province2025, members in code order."""
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for unit in _province_table()[0].values():
        members[(unit.code_2025, unit.name_2025)].append(unit.name)
    return {code: Province2025(code, name, tuple(names)) for (code, name), names in members.items()}


def _close(key: str, choices: dict[str, str]) -> list[str]:
    """Display names whose keys are closest to `key`, best first, without repeats."""
    found = difflib.get_close_matches(key, list(choices), n=8, cutoff=0.6)
    return list(dict.fromkeys(choices[k] for k in found))


@lru_cache(maxsize=65536)
def _lookup_province(key: str) -> Province | tuple[str, tuple[str, ...]]:
    """Province for a key, or (reason, candidates) for the error; cached, errors included."""
    by_key = _province_table()[1]
    if key in by_key:
        return by_key[key]
    kind, rest = _split_type(key, {**COMMUNE_TYPES, **DISTRICT_TYPES, **PROVINCE_TYPES})
    unit = by_key.get(rest)
    if unit is not None:
        if kind == "tỉnh" or (kind == "thành phố" and unit.kind == "thành phố"):
            return unit
        return (f"has the type word '{kind}', so it names a unit inside province {unit.name},"
                " not the province; drop the type word to mean the province, or use"
                " resolve_district/resolve_commune", (unit.name,))
    inside = sorted({_label(u, where=True) for u in _district_index()[""].get(rest, [])})
    if inside:
        return "is a district, not a province (use resolve_district)", tuple(inside)
    names = {k: u.name for k, u in by_key.items()}
    return "matches no pre-2025 province", tuple(_close(rest, names))


def resolve_province(name: str) -> Province:
    """Resolve any spelling of a pre-2025 province to its canonical `Province`.

    Parameters
    ----------
    name
        "tỉnh Bắc Giang", "Bac Giang", "BẮC GIANG", "TP. HCM", "Sài Gòn", "Thừa Thiên-Huế",
        "BR-VT", "Đắc Lắc", NFD text... A 2025 name that is also an old province ("Bắc
        Ninh") gives the old province of that name.

    Returns
    -------
    Province
        With its canonical name ("Bắc Giang") and 2025 province ("Bắc Ninh").

    Raises
    ------
    UnknownPlaceError
        For an unknown name (with the closest names) or a district-level name.

    Examples
    --------
    >>> resolve_province("tinh bac giang").name_2025
    'Bắc Ninh'
    """
    found = _lookup_province(place_key(name))
    if isinstance(found, Province):
        return found
    reason, candidates = found
    raise UnknownPlaceError(name, candidates, reason=reason)


def resolve_province_2025(name: str) -> Province2025:
    """Resolve a 2025 province, or an old province to the 2025 province containing it.

    Since every 2025 province kept the name of one old member, one table serves both:
    "Bắc Giang" and "Bắc Ninh" both give Province2025 "Bắc Ninh" (members Bắc Giang, Bắc Ninh).
    """
    return _province_2025_table()[resolve_province(name).code_2025]


def province_2025_of(name: str) -> str:
    """Name of the 2025 province that contains the old province `name` ("Phú Yên" -> "Đắk Lắk")."""
    return resolve_province(name).name_2025


def provinces(level: str = "legacy") -> list[Province] | list[Province2025]:
    """All provinces of a map, sorted by folded name.

    Parameters
    ----------
    level
        "legacy" for the 63 provinces before 1 July 2025, "2025" for the 34 after.
    """
    if level == "legacy":
        return sorted(_province_table()[0].values(), key=lambda u: place_key(u.name))
    if level == "2025":
        return sorted(_province_2025_table().values(), key=lambda u: place_key(u.name))
    raise ValueError(f"level must be 'legacy' or '2025', not {level!r}")


def _unit_keys(unit: District | Commune) -> set[str]:
    """Keys a unit is found under: its name, without spaces, and a numbered one's number."""
    key = place_key(unit.name)
    keys = {key, key.replace(" ", "")}
    # Compare with diacritics: "Xà Hồ" folds like "xã Hồ" but does not start with its kind.
    if _carries_kind(unit):
        keys.add(place_key(unit.name[len(unit.kind):]))
    return keys


def _carries_kind(unit: District | Commune) -> bool:
    """True for names that include their type word, as numbered units do ("Phường 1")."""
    return unit.name.lower().startswith(unit.kind + " ")


@lru_cache(maxsize=1)
def _district_index() -> dict[str, dict[str, list[District]]]:
    """province name ("" = all) -> key -> districts; numbered ones also under the bare number."""
    index: dict[str, dict[str, list[District]]] = defaultdict(lambda: defaultdict(list))
    for row in _read("districts_legacy.csv"):
        unit = District(row["code"], row["district"], row["kind"], row["province"])
        for k in _unit_keys(unit):
            index[unit.province][k].append(unit)
            index[""][k].append(unit)
    return index


@lru_cache(maxsize=1)
def _commune_index() -> dict[str, dict[str, list[Commune]]]:
    """province name -> key -> communes."""
    index: dict[str, dict[str, list[Commune]]] = defaultdict(lambda: defaultdict(list))
    for row in _read("communes_legacy.csv"):
        unit = Commune(row["code"], row["commune"], row["kind"], row["district"], row["province"])
        for k in _unit_keys(unit):
            index[unit.province][k].append(unit)
    return index


def _label(unit: District | Commune, *, where: bool) -> str:
    """ "huyện Hiệp Hòa (Bắc Giang)"; numbered units already carry their type ("Quận 1")."""
    text = unit.name if _carries_kind(unit) else f"{unit.kind} {unit.name}"
    if where and isinstance(unit, Commune):
        return f"{text} ({unit.district}, {unit.province})"
    return f"{text} ({unit.province})" if where else text


_Found = tuple[str, tuple[str, ...]]


def _pick(
    key: str, pool: dict, types: dict[str, str], level: str, scope: str
) -> District | Commune | _Found:
    """The one unit of `pool` that `key` names, or (reason, candidates) for the error.

    A type word narrows the hits to that kind; if none is of that kind, a single hit is still
    taken, because units change kind over time (huyện Đông Hòa became a thị xã in 2020).
    """
    hits = pool.get(key, [])
    if not hits:
        kind, key = _split_type(key, types)
        hits = pool.get(key, [])
        hits = [u for u in hits if u.kind == kind] or hits
    hits = list(dict.fromkeys(hits))
    if len(hits) == 1:
        return hits[0]
    if hits:
        labels = tuple(sorted(_label(u, where=True) for u in hits))
        return (f"names {len(hits)} {level}s{scope}; add the type word, the province or the"
                " district to choose one", labels)
    labels = {k: _label(units[0], where=True) for k, units in pool.items() if len(units) == 1}
    return f"matches no {level}{scope}", tuple(_close(key, labels))


@lru_cache(maxsize=65536)
def _resolve_district_key(key: str, province: str) -> District | _Found:
    scope = f" in {province}" if province else ""
    return _pick(key, _district_index()[province], DISTRICT_TYPES, "district", scope)


def resolve_district(name: str, province: str | None = None) -> District:
    """Resolve a district, town or city name ("thị xã Đông Hòa", "Hiep Hoa", "TP. Bắc Giang").

    Parameters
    ----------
    name
        The name, with or without its type word; a type word chooses between units of one name
        ("thị xã Kỳ Anh" vs "huyện Kỳ Anh").
    province
        Any spelling of its pre-2025 province; without it the name must be unique nationwide.

    Returns
    -------
    District
        E.g. ``District("564", "Đông Hòa", "thị xã", "Phú Yên")``.

    Raises
    ------
    UnknownPlaceError
        Unknown, or ambiguous (the candidates say where each one is).
    """
    scope = resolve_province(province).name if province else ""
    found = _resolve_district_key(place_key(name), scope)
    if isinstance(found, District):
        return found
    reason, candidates = found
    raise UnknownPlaceError(name, candidates, reason=reason)


def districts(province: str) -> list[District]:
    """The districts, towns and cities of a pre-2025 province, in official code order."""
    scope = resolve_province(province).name
    units = {u for group in _district_index()[scope].values() for u in group}
    return sorted(units, key=lambda u: u.code)


def communes(province: str, district: str | None = None) -> list[Commune]:
    """The communes, wards and townships of a province (or of one of its districts)."""
    scope = resolve_province(province).name
    units = {u for group in _commune_index()[scope].values() for u in group}
    if district is not None:
        units = {u for u in units if u.district == resolve_district(district, scope).name}
    return sorted(units, key=lambda u: u.code)


def resolve_commune(name: str, province: str, district: str | None = None) -> Commune:
    """Resolve a commune, ward or township ("xã Phì Điền", "Phuong 1") inside a province.

    Parameters
    ----------
    name
        The name, with or without its type word ("xã", "phường", "thị trấn", "P.", "TT").
    province
        Any spelling of its pre-2025 province.
    district
        Narrows the search when a name recurs in several districts of the province.

    Raises
    ------
    UnknownPlaceError
        Unknown, or found in several districts (the candidates name them).
    """
    scope = resolve_province(province).name
    pool = _commune_index()[scope]
    if district is not None:
        within = resolve_district(district, scope).name
        pool = {k: [u for u in units if u.district == within] for k, units in pool.items()}
        pool = {k: units for k, units in pool.items() if units}
    found = _pick(place_key(name), pool, COMMUNE_TYPES, "commune", f" in {scope}")
    if isinstance(found, Commune):
        return found
    reason, candidates = found
    raise UnknownPlaceError(name, candidates, reason=reason)


_SCAN_TYPES = {**DISTRICT_TYPES, **COMMUNE_TYPES}
_SCAN_TYPE_RE = "|".join(
    re.escape(w) + (r"(?:\.\s*|\s+)" if len(w) <= 2 else r"\s+")
    for w in sorted(_SCAN_TYPES, key=len, reverse=True) if w not in ("p", "q")
)


@lru_cache(maxsize=128)
def _scanner(province: str) -> tuple[re.Pattern[str], dict[str, list[District | Commune]]]:
    """Regex over folded text for the units of a province ("" = districts nationwide)."""
    table: dict[str, list[District | Commune]] = defaultdict(list)
    groups = [_district_index()[province]] + ([_commune_index()[province]] if province else [])
    for group in groups:
        for unit in {u for units in group.values() for u in units}:
            table[fold(unit.name)].append(unit)
    names = sorted(table, key=len, reverse=True)
    alternatives = "|".join(
        re.escape(n).replace(r"\ ", r"\s+").replace("'", "['’]?") for n in names
    )
    pattern = re.compile(
        rf"(?<!\w)(?:(?P<type>{_SCAN_TYPE_RE}))?(?P<name>{alternatives})(?!\w)"
    )
    return pattern, dict(table)


def find_places(
    text: str, province: str | None = None
) -> list[tuple[int, int, District | Commune]]:
    """Find district and commune names in running text, e.g. a list of results by district.

    Parameters
    ----------
    text
        A sentence or paragraph ("Hiệp Hòa phát triển mới được 1.374 người, Việt Yên 988").
    province
        Any spelling of the pre-2025 province the text is about. Without it only districts
        are looked for, and only those whose name is unique nationwide.

    Returns
    -------
    list of (start, end, unit)
        Offsets into ``nfc(text)`` (the same as into `text` when it is NFC already); a span
        includes the type word when there is one ("huyện Hiệp Hòa"). Longest names win.

    Notes
    -----
    To keep common words out ("mới", "vinh danh"), a name without a type word must start
    with a capital letter and have two or more syllables. A district name wins over a commune
    of the same name unless the type word says otherwise. A commune name found in several
    districts is taken from the district named last before it, or skipped when none fits.
    """
    scope = resolve_province(province).name if province else ""
    pattern, table = _scanner(scope)
    composed = nfc(text)
    found: list[tuple[int, int, District | Commune]] = []
    last_district: District | None = None
    for match in pattern.finditer(fold_keep_offsets(composed)):
        typed = match.group("type")
        name = re.sub(r"\s+", " ", match.group("name")).replace("’", "'")
        units = table[name]
        if typed:
            kind = _SCAN_TYPES[typed.rstrip(". \t\n")]
            level = District if kind in DISTRICT_TYPES.values() else Commune
            units = [u for u in units if isinstance(u, level)]
            units = [u for u in units if u.kind == kind] or units
        elif _carries_kind(units[0]) or (
            composed[match.start()].isupper() and " " in name
        ):
            units = [u for u in units if isinstance(u, District)] or units
        else:
            continue
        if len(units) > 1 and last_district is not None:
            units = [u for u in units if getattr(u, "district", None) == last_district.name]
        if len(units) == 1:
            found.append((match.start(), match.end(), units[0]))
            if isinstance(units[0], District):
                last_district = units[0]
    return found
