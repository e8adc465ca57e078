"""Generate the geography reference CSVs in data/raw/reference/ from `vietnamadminunits`.

Run by hand (``python scripts/make_reference.py``) after upgrading the package; deterministic.

What it writes, and the choices behind the canonical names:

- ``province_crosswalk_2025.csv`` (code, province, kind, province_2025, code_2025): the 63
  pre-2025 provinces and the 34-province unit each became part of on 1 July 2025. Names carry no
  type word ("Bắc Giang", "Hà Nội") except Ho Chi Minh City, written "TP. Hồ Chí Minh" as the
  press does (a bare "Hồ Chí Minh" reads as the person). Code 46 is written "Thừa Thiên Huế",
  kind "tỉnh", its name for the years our data covers; the package already uses its 2025 name
  "Huế", which is the 2025 name of the same, unmerged unit.
- ``districts_legacy.csv`` (province, district, kind, code): districts, towns and cities without
  their type word ("Hiệp Hòa", kind "huyện"); numbered urban districts keep it ("Quận 1").
  Two units of one name in one province differ by kind only ("Kỳ Anh" huyện and "Kỳ Anh" thị xã).
- ``communes_legacy.csv`` (province, district, commune, kind, code): communes, wards and towns.
- ``communes_2025.csv`` (province_2025, commune, kind, code, province): the 3,321 communes and
  wards directly under the 34 provinces from 1 July 2025; ``province`` is the pre-2025 province
  when every legacy unit the commune was formed from lay in it, else empty.

The package's vintage is early 2025 (before the July 2025 merger): units renamed or merged
earlier keep only their latest name. Tone marks follow the style the package already uses and
most official lists use ("Hòa", "Thủy", "Quý"), which `helpers.text.modern_tone_marks` enforces.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import re
import sqlite3
import unicodedata
from pathlib import Path

from helpers.text import modern_tone_marks

# Locate the package without importing it: its import pulls in a geocoder that can go online.
_SPEC = importlib.util.find_spec("vietnamadminunits")
PACKAGE_DB = Path(_SPEC.origin).parent / "data" / "dataset.db"
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "raw" / "reference"

LEGACY_NAME_OVERRIDES = {"79": "TP. Hồ Chí Minh", "46": "Thừa Thiên Huế"}
LEGACY_KIND_OVERRIDES = {"46": "tỉnh"}
NAME_2025_OVERRIDES = {"79": "TP. Hồ Chí Minh"}

# The package disambiguates same-named units of one district as "Kỳ Anh (Huyện)"; the kind
# column already says that, so the canonical name drops the suffix.
_TYPE_SUFFIX = re.compile(r"\s*\((?:Huyện|Thị xã|Thành phố|Quận|Xã|Phường|Thị trấn)\)$")


def _clean(name: str) -> str:
    return modern_tone_marks(_TYPE_SUFFIX.sub("", " ".join(name.split())))


def _kind(type_word: str) -> str:
    return unicodedata.normalize("NFC", type_word).strip().lower()


def build_tables(db_path: Path = PACKAGE_DB) -> dict[str, list[list[str]]]:
    """Read the package database and return the three reference tables as header + rows.

    Parameters
    ----------
    db_path
        The package's SQLite file (read-only; the package's own network-using parser is
        never called).

    Returns
    -------
    dict
        File name -> list of rows, the first row being the header.
    """
    uri = f"file:{db_path}?mode=ro"
    with sqlite3.connect(uri, uri=True) as conn:
        legacy = conn.execute(
            "SELECT DISTINCT provinceCode, provinceShort, provinceKey, province"
            " FROM admin_units_legacy ORDER BY provinceCode"
        ).fetchall()
        new = conn.execute(
            "SELECT DISTINCT provinceCode, provinceShort, provinceKey FROM admin_units"
            " ORDER BY provinceCode"
        ).fetchall()
        districts = conn.execute(
            "SELECT DISTINCT provinceCode, districtShort, districtType, districtCode"
            " FROM admin_units_legacy ORDER BY districtCode"
        ).fetchall()
        communes = conn.execute(
            "SELECT provinceCode, districtCode, wardShort, wardType, wardCode"
            " FROM admin_units_legacy WHERE wardCode IS NOT NULL ORDER BY wardCode"
        ).fetchall()
    merger = _merger_keys()
    new_by_key = {key: (code, NAME_2025_OVERRIDES.get(code, _clean(short)))
                  for code, short, key in new}
    legacy_names: dict[str, str] = {}
    crosswalk = [["code", "province", "kind", "province_2025", "code_2025"]]
    for code, short, key, full in legacy:
        name = LEGACY_NAME_OVERRIDES.get(code, _clean(short))
        legacy_names[code] = name
        default_kind = "thành phố" if full.startswith("Thành phố") else "tỉnh"
        kind = LEGACY_KIND_OVERRIDES.get(code, default_kind)
        code_2025, name_2025 = new_by_key[merger[key]]
        crosswalk.append([code, name, kind, name_2025, code_2025])

    district_names: dict[str, str] = {}
    district_rows = [["province", "district", "kind", "code"]]
    for province_code, short, type_word, code in districts:
        district_names[code] = _clean(short)
        district_rows.append([legacy_names[province_code], district_names[code], _kind(type_word),
                              code])
    commune_rows = [["province", "district", "commune", "kind", "code"]]
    for province_code, district_code, short, type_word, code in communes:
        commune_rows.append([legacy_names[province_code], district_names[district_code],
                             _clean(short), _kind(type_word), code])
    return {
        "province_crosswalk_2025.csv": crosswalk,
        "districts_legacy.csv": district_rows,
        "communes_legacy.csv": commune_rows,
        "communes_2025.csv": _communes_2025(uri, legacy_names),
    }


def _communes_2025(uri: str, legacy_names: dict[str, str]) -> list[list[str]]:
    """Rows of ``communes_2025.csv``: each 2025 commune with the legacy province it lies in."""
    with sqlite3.connect(uri, uri=True) as conn:
        wards = conn.execute(
            "SELECT provinceCode, provinceShort, provinceKey, wardShort, wardType, wardCode,"
            " wardKey FROM admin_units ORDER BY wardCode"
        ).fetchall()
        legacy_keys = dict(conn.execute(
            "SELECT DISTINCT provinceKey, provinceCode FROM admin_units_legacy").fetchall())
    converter = json.loads((PACKAGE_DB.parent / "converter_2025.json").read_text(encoding="utf-8"))
    sources: dict[tuple[str, str], set[str]] = {}
    for province_key, groups in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, olds in groups.items():
            sources.setdefault((province_key, ward_key), set()).update(
                o.split("_", 1)[0] for o in olds)
    for province_key, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, targets in olds.items():
            for target in targets:
                sources.setdefault((province_key, target["newWardKey"]), set()).add(
                    old.split("_", 1)[0])
    rows = [["province_2025", "commune", "kind", "code", "province"]]
    for code, short, province_key, ward, type_word, ward_code, ward_key in wards:
        olds = {legacy_keys[k] for k in sources.get((province_key, ward_key), ())
                if k in legacy_keys}
        province = legacy_names[olds.pop()] if len(olds) == 1 else ""
        name_2025 = NAME_2025_OVERRIDES.get(code, _clean(short))
        rows.append([name_2025, _clean(ward), _kind(type_word), ward_code, province])
    return rows


def _merger_keys() -> dict[str, str]:
    """Legacy province key -> 2025 province key, from the package's conversion table."""
    path = PACKAGE_DB.parent / "converter_2025.json"
    groups = json.loads(path.read_text(encoding="utf-8"))["DICT_PROVINCE"]
    return {old: new for new, members in groups.items() for old in members}


def write_tables(out_dir: Path) -> list[Path]:
    """Write the reference CSVs (UTF-8, LF line ends) into ``out_dir``; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, rows in build_tables().items():
        path = out_dir / file_name
        tmp = path.with_suffix(".csv.tmp")
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
        tmp.replace(path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    for path in write_tables(args.out):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
