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

import difflib
import re
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from typing import cast

from helpers.errors import UnknownPlaceError
from helpers.geo_tables import (
    COMMUNE_TYPES,
    DISTRICT_TYPES,
    PROVINCE_TYPES,
    Commune,
    District,
    Province,
    Province2025,
    carries_kind,
    commune_index,
    district_index,
    place_key,
    province_2025_table,
    province_table,
    split_type,
)
from helpers.text import fold, fold_keep_offsets, nfc

__all__ = [
    "Province",
    "Province2025",
    "District",
    "Commune",
    "resolve_province",
    "resolve_province_2025",
    "province_2025_of",
    "provinces",
    "resolve_district",
    "districts",
    "district_label",
    "resolve_commune",
    "communes",
    "find_places",
    "name_alternation",
    "place_key",
    "clear_caches",
]


def _close(key: str, choices: dict[str, str]) -> list[str]:
    """Display names whose keys are closest to `key`, best first, without repeats."""
    found = difflib.get_close_matches(key, list(choices), n=8, cutoff=0.6)
    return list(dict.fromkeys(choices[k] for k in found))


@lru_cache(maxsize=65536)
def _lookup_province(key: str) -> Province | tuple[str, tuple[str, ...]]:
    """Province for a key, or (reason, candidates) for the error; cached, errors included."""
    by_key = province_table()[1]
    if key in by_key:
        return by_key[key]
    kind, rest = split_type(key, {**COMMUNE_TYPES, **DISTRICT_TYPES, **PROVINCE_TYPES})
    unit = by_key.get(rest)
    if unit is not None:
        if kind == "tỉnh" or (kind == "thành phố" and unit.kind == "thành phố"):
            return unit
        return (
            f"has the type word '{kind}', so it names a unit inside province {unit.name},"
            " not the province; drop the type word to mean the province, or use"
            " resolve_district/resolve_commune",
            (unit.name,),
        )
    inside = sorted({_label(u, where=True) for u in district_index()[""].get(rest, [])})
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
    return province_2025_table()[resolve_province(name).code_2025]


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
        return sorted(province_table()[0].values(), key=lambda u: place_key(u.name))
    if level == "2025":
        return sorted(province_2025_table().values(), key=lambda u: place_key(u.name))
    raise ValueError(f"level must be 'legacy' or '2025', not {level!r}")


def clear_caches() -> None:
    """Forget loaded tables and cached answers (after regenerating the reference CSVs)."""
    for cached in (
        province_table,
        province_2025_table,
        district_index,
        commune_index,
        _lookup_province,
        _resolve_district_key,
        _districts_of,
        _scanner,
    ):
        cached.cache_clear()


def _label(unit: District | Commune, *, where: bool) -> str:
    """ "huyện Hiệp Hòa (Bắc Giang)"; numbered units already carry their type ("Quận 1")."""
    text = unit.name if carries_kind(unit) else f"{unit.kind} {unit.name}"
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
        kind, key = split_type(key, types)
        hits = pool.get(key, [])
        hits = [u for u in hits if u.kind == kind] or hits
    hits = list(dict.fromkeys(hits))
    if len(hits) == 1:
        return hits[0]
    if hits:
        labels = tuple(sorted(_label(u, where=True) for u in hits))
        return (
            f"names {len(hits)} {level}s{scope}; add the type word, the province or the"
            " district to choose one",
            labels,
        )
    near = {k: _label(units[0], where=True) for k, units in pool.items() if len(units) == 1}
    return f"matches no {level}{scope}", tuple(_close(key, near))


@lru_cache(maxsize=65536)
def _resolve_district_key(key: str, province: str) -> District | _Found:
    scope = f" in {province}" if province else ""
    found = _pick(key, district_index()[province], DISTRICT_TYPES, "district", scope)
    return cast("District | _Found", found)  # a district index holds only districts


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
    return list(_districts_of(resolve_province(province).name))


def district_label(unit: District) -> str:
    """The name a district goes by in the data and in reports: its name, with its type word
    only where its province has two units of that name ("thị xã Cai Lậy" and "huyện Cai Lậy").

    Six provinces have such a pair (Đồng Tháp twice, Hà Tĩnh, Hậu Giang, Tiền Giang, Trà
    Vinh); every other district keeps its bare name, so labels stay as they were.

    Examples
    --------
    >>> district_label(resolve_district("thi xa Cai Lay", "Tien Giang"))
    'thị xã Cai Lậy'
    >>> district_label(resolve_district("huyện Hiệp Hòa"))
    'Hiệp Hòa'
    """
    shared = sum(u.name == unit.name for u in _districts_of(unit.province)) > 1
    return f"{unit.kind} {unit.name}" if shared else unit.name


@lru_cache(maxsize=128)
def _districts_of(scope: str) -> tuple[District, ...]:
    units = {u for group in district_index()[scope].values() for u in group}
    return tuple(sorted(units, key=lambda u: u.code))


def communes(province: str, district: str | None = None) -> list[Commune]:
    """The communes, wards and townships of a province (or of one of its districts)."""
    scope = resolve_province(province).name
    units = {u for group in commune_index()[scope].values() for u in group}
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
    pool = commune_index()[scope]
    if district is not None:
        within = resolve_district(district, scope).name
        pool = {k: [u for u in units if u.district == within] for k, units in pool.items()}
        pool = {k: units for k, units in pool.items() if units}
    found = _pick(place_key(name), pool, COMMUNE_TYPES, "commune", f" in {scope}")
    if isinstance(found, Commune):
        return found
    reason, candidates = cast(_Found, found)
    raise UnknownPlaceError(name, candidates, reason=reason)


_SCAN_TYPES = {**DISTRICT_TYPES, **COMMUNE_TYPES}
_SCAN_TYPE_RE = "|".join(
    re.escape(w) + (r"(?:\.\s*|\s+)" if len(w) <= 2 else r"\s+")
    for w in sorted(_SCAN_TYPES, key=len, reverse=True)
    if w not in ("p", "q")
)


# In running text "M'Đrắk" may lose its apostrophe and "Phan Rang - Tháp Chàm" its spaces.
_SEPARATORS = re.compile(r"(?:\\ |\\-|\\–|')+")


def _separator_pattern(match: re.Match[str]) -> str:
    return "['’]?" if match.group() == "'" else r"(?:\s*[-–—]\s*|\s+)"


def name_alternation(names: list[str], spell: Callable[[str], str]) -> str:
    """The regex alternation of `names`, in their order of preference, each written by `spell`
    (the regex of a name or of its end), grouped by first character.

    It matches what ``"|".join(map(spell, names))`` matches and prefers the same names: names
    of different first characters never match at the same place, so a position is tried
    against one group instead of every name (about 3x faster over the articles' text). Names
    that do not all start with a letter or digit keep the flat alternation. `spell` must write
    a name as its first character followed by the spelling of the rest (``re.escape`` does).

    >>> name_alternation(["ha noi", "hue", "nam dinh"], str)
    'h(?:a noi|ue)|n(?:am dinh)'
    """
    if not all(n[:1].isalnum() for n in names):
        return "|".join(spell(n) for n in names)
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(n[0], []).append(spell(n[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in groups.items())


@lru_cache(maxsize=128)
def _scanner(province: str) -> tuple[re.Pattern[str], dict[str, list[District | Commune]]]:
    """Regex over folded text for the units of a province ("" = districts nationwide)."""
    table: dict[str, list[District | Commune]] = defaultdict(list)
    spellings: set[str] = set()
    groups = [district_index()[province]] + ([commune_index()[province]] if province else [])
    for group in groups:
        for unit in {u for units in group.values() for u in units}:
            table[place_key(unit.name)].append(unit)
            spellings.add(fold(unit.name))
    alternatives = name_alternation(sorted(spellings, key=len, reverse=True),
                                    lambda n: _SEPARATORS.sub(_separator_pattern, re.escape(n)))
    pattern = re.compile(rf"(?<!\w)(?:(?P<type>{_SCAN_TYPE_RE}))?(?P<name>{alternatives})(?!\w)")
    return pattern, dict(table)


# Between a commune and the district it lies in: "xã A, huyện B", "xã A (huyện B)", "xã A - B".
_OWN_DISTRICT_GAP = re.compile(r"\s*[,(\-–—]?\s*")


def _proper(written: str) -> bool:
    """Whether a name is written as a proper name: every syllable capitalised ("Hiệp Hòa",
    "Châu Thành A", "Ea H'leo"), so that "Quyết tâm" after a colon is a word, not a commune."""
    return all(syllable[0].isupper() for syllable in re.split(r"[\s\-–—]+", written) if syllable)


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
    To keep common words out ("mới", "vinh danh", "Quyết tâm"), a name without a type word
    must have two or more syllables, each capitalised. A district name wins over a commune
    of the same name unless the type word says otherwise. A commune name found in several
    districts is taken from the district named last before it, or from the one named right
    after it ("xã Minh Khai, huyện Vũ Thư"), or skipped when none fits.
    """
    scope = resolve_province(province).name if province else ""
    pattern, table = _scanner(scope)
    composed = nfc(text)
    found: list[tuple[int, int, District | Commune]] = []
    last_district: District | None = None
    pending: tuple[int, int, list] | None = None  # a commune name of several districts
    for match in pattern.finditer(fold_keep_offsets(composed)):
        typed = match.group("type")
        name = place_key(match.group("name"))
        units = table[name]
        if typed:
            kind = _SCAN_TYPES[typed.rstrip(". \t\n")]
            level = District if kind in DISTRICT_TYPES.values() else Commune
            units = [u for u in units if isinstance(u, level)]
            units = [u for u in units if u.kind == kind] or units
        elif carries_kind(units[0]) or (
            re.search(r"[\s'’-]", match.group("name"))
            and _proper(composed[match.start("name"):match.end("name")])
        ):
            units = [u for u in units if isinstance(u, District)] or units
        else:
            continue
        if len(units) == 1 and isinstance(units[0], District) and pending is not None \
                and _OWN_DISTRICT_GAP.fullmatch(composed, pending[1], match.start()):
            # "xã Minh Khai, huyện Vũ Thư", "xã Tân Lập (huyện Vũ Thư)": a commune name found
            # in several districts is the one of the district named right after it.
            own = [u for u in pending[2] if getattr(u, "district", None) == units[0].name]
            if len(own) == 1:
                found.append((pending[0], pending[1], own[0]))
        pending = None
        if len(units) > 1 and last_district is not None:
            units = [u for u in units if getattr(u, "district", None) == last_district.name]
        if len(units) == 1:
            found.append((match.start(), match.end(), units[0]))
            if isinstance(units[0], District):
                last_district = units[0]
        elif len(units) > 1 and all(isinstance(u, Commune) for u in units):
            pending = (match.start(), match.end(), units)
    return found
