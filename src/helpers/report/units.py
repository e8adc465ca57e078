"""Reports below the province: one district or one commune, with the province report's sections.

A district report reads the district's own figures as its headline figures and its communes as
the places it ranks; the monthly panel's rows of the district are its monthly series. A commune
report has press figures only: the monthly panel has no commune column.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.errors import ParameterError, UnknownPlaceError
from helpers.text import fold

#: The processed tables of a data folder (`bhxh process` writes them; the report reads them).
FACTS_FILE = "facts.csv"
PANEL_FILE = "panel.parquet"


def canonical_province(name: str, level: str) -> str:
    """The canonical province name at ``level`` for any spelling, pre- or post-2025.

    Raises
    ------
    ParameterError
        One sentence naming the input and its closest matches.
    """
    from helpers import geo

    try:
        if level == "2025":
            return geo.resolve_province_2025(name).name
        return geo.resolve_province(name).name
    except UnknownPlaceError as exc:
        hint = f" Did you mean {', '.join(exc.candidates[:3])}?" if exc.candidates else ""
        kind = "a 2025 province" if level == "2025" else "a province"
        raise ParameterError(f"'{name}' is not {kind} we know.{hint}") from None


def resolve_unit(
    unit: str, name: str, province: str, *, level: str, data_dir: Path
) -> tuple[str, str]:
    """``(province, place)`` canonical for a district or commune named ``name``.

    Parameters
    ----------
    unit
        "district" or "commune".
    name
        The district's or commune's name in any spelling.
    province
        Its province in any spelling, or "" when ``name`` is unique nationwide (districts).
    level
        Districts belong to the legacy map; a commune may be named at either level.
    data_dir
        A name the reference tables do not know is still accepted when the data folder holds
        it for that province (the panel keeps the names of its own export).

    Raises
    ------
    ParameterError
        One sentence: unknown, ambiguous (with the candidates), or a district at the 2025 level.
    """
    from helpers import geo

    if unit == "district" and level == "2025":
        raise ParameterError(
            "Districts belong to the legacy map (the 2025 map has none): use --level legacy "
            "with --unit district."
        )
    home = canonical_province(province, level) if province else ""
    try:
        if unit == "district":
            found = geo.resolve_district(name, home or None)
            return found.province, geo.district_label(found)
        if level == "legacy" and home:
            return home, geo.resolve_commune(name, home).name
        if home:  # a commune or ward of the 2025 map: "phường Cao Xanh" is "Cao Xanh"
            from helpers.geo_2025 import resolve_commune_2025

            return home, resolve_commune_2025(name, home).name
    except UnknownPlaceError as exc:
        known = _in_data(unit, name, home, data_dir, level)
        if known:
            return home, known
        if "names" in str(exc):  # several units of that name
            raise ParameterError(_ambiguous(unit, name, exc.candidates)) from None
        hint = f" Did you mean {', '.join(exc.candidates[:3])}?" if exc.candidates else ""
        where = f" in {home}" if home else ""
        raise ParameterError(f"'{name}' is not a {unit} we know{where}.{hint}") from None
    if not home:
        raise ParameterError(f"A {unit} report needs its province: add --province.")
    return home, _in_data(unit, name, home, data_dir, level) or " ".join(name.split())


def _ambiguous(unit: str, name: str, candidates: tuple[str, ...] | list[str]) -> str:
    """The refusal of a name several units share, saying what chooses between them: the type
    word where they lie in one province ("huyện Cai Lậy" / "thị xã Cai Lậy"), else the
    province (and the type word where some province holds two of them)."""
    shown = ", ".join(candidates[:6])
    provinces = {c.rsplit("(", 1)[-1].rstrip(")") for c in candidates}
    if len(provinces) == 1:
        labels = [c.rsplit(" (", 1)[0] for c in candidates]
        example = labels[-1]
        return (
            f"'{name}' names {len(candidates)} {unit}s in {provinces.pop()} "
            f"({', '.join(labels)}): add "
            f"the type word to choose one, e.g. --district \"{example}\"."
        )
    twice = len(provinces) < len(candidates)
    word = " (and the type word, e.g. \"huyện\" or \"thị xã\")" if twice else ""
    return f"'{name}' names several {unit}s ({shown}): add --province{word} to choose one."


def unit_kind(unit: str, province: str, place: str, level: str) -> str:
    """The kind of a report's unit from the reference tables: "huyện", "thị xã", "thành phố",
    "quận" for a district, "xã", "phường", "thị trấn" for a commune; "" for a province or a
    unit the reference does not know (a name only the data folder holds)."""
    from helpers import geo

    try:
        if unit == "district":
            return geo.resolve_district(place, province).kind
        if unit == "commune" and level == "legacy":
            return geo.resolve_commune(place, province).kind
    except UnknownPlaceError:
        return ""
    if unit == "commune":  # a commune or ward of the 2025 map, directly under its province
        from helpers.geo_2025 import resolve_commune_2025

        try:
            return resolve_commune_2025(place, province).kind
        except UnknownPlaceError:
            return ""
    return ""


def _district_label(name: str, province: str) -> str:
    """The label of a district the data names (`helpers.geo.district_label`), the name itself
    when the reference does not know it, or "" when it is a bare name two units of the province
    share: a press figure for "Cai Lậy" that says neither huyện nor thị xã belongs to neither
    district's report (the province's report shows it)."""
    from helpers import geo

    try:
        return geo.district_label(geo.resolve_district(name, province))
    except UnknownPlaceError as exc:
        return "" if "names" in str(exc) else name


def _in_data(unit: str, name: str, province: str, data_dir: Path, level: str = "legacy") -> str:
    """The data folder's own spelling of ``name`` as a unit of ``province`` ("" if absent)."""
    if not province:
        return ""
    key = fold(name)
    for place in places_with_data(data_dir, level, unit, [province]).get(province, []):
        if fold(place) == key:
            return place
    return ""


def places_with_data(
    data_dir: str | Path, level: str, unit: str, provinces: list[str] | None = None
) -> dict[str, list[str]]:
    """Province -> names of its districts (or communes) that have facts or panel rows.

    Parameters
    ----------
    data_dir
        The data folder (its tables are loaded once per process).
    level
        "legacy" or "2025": which province column groups the places.
    unit
        "district" or "commune".
    provinces
        Canonical province names to keep, or None for all.
    """
    from helpers import io

    folder = Path(data_dir)
    column = "province" if level == "legacy" else "province_2025"
    frames = []
    if (folder / FACTS_FILE).is_file():
        frames.append(io.load_facts(folder / FACTS_FILE)[[column, unit]])
    if unit == "district" and (folder / PANEL_FILE).is_file():
        panel = io.load_panel(folder / PANEL_FILE)
        if column in panel.columns:
            frames.append(panel[[column, unit]].astype(str))
    if not frames:
        return {}
    pairs = pd.concat(frames).drop_duplicates()
    pairs = pairs[(pairs[unit] != "") & (pairs[column] != "")]
    if provinces is not None:
        pairs = pairs[pairs[column].isin(provinces)]
    out: dict[str, list[str]] = {}
    for province, place in pairs.itertuples(index=False):
        label = _district_label(place, province) if unit == "district" and level == "legacy" \
            else place
        if label:
            out.setdefault(province, []).append(label)
    return {p: sorted(set(names), key=fold) for p, names in sorted(out.items())}
