"""Report parameters: validate what a user typed into one clear `ReportParams`, or say why not.

Also the small facts about a data folder a batch needs: its input files and its provinces.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from helpers import paths
from helpers.errors import ParameterError
from helpers.report.units import (
    FACTS_FILE,
    PANEL_FILE,
    canonical_province,
    resolve_unit,
    unit_kind,
)
from helpers.text import read_day

LEVELS = ("legacy", "2025")
LANGS = ("vi", "en")
#: What one report describes: a whole province, one of its districts, or one commune.
UNITS = ("province", "district", "commune")
CAMPAIGNS_FILE = "campaigns.csv"
SIMULATED_MARKER = "SIMULATED.json"
ARTICLES_FILE = "articles.csv"
DATA_FILES = (FACTS_FILE, CAMPAIGNS_FILE, PANEL_FILE, SIMULATED_MARKER, ARTICLES_FILE)


@dataclass(frozen=True)
class ReportParams:
    """Everything a province report depends on, already checked.

    Attributes
    ----------
    province
        Canonical name at the chosen level ("Bắc Giang" legacy, "Bắc Ninh" 2025).
    level
        "legacy" (63 provinces before July 2025) or "2025" (34 merged provinces).
    lang
        "vi" or "en".
    data_dir
        Folder holding facts.csv, campaigns.csv and optionally panel.parquet.
    as_of
        Date the report describes the situation at; None means "latest data".
    output_dir
        Folder the HTML and executed notebook are written to.
    unit
        "province" (default), "district" or "commune": what the report describes.
    district
        The district's (or commune's) name for a district (commune) report, else "". A
        district goes by its label (`helpers.geo.district_label`): its name, with the type word
        only where its province has two units of that name ("thị xã Cai Lậy").
    district_kind
        That unit's kind from the reference tables ("huyện", "thị xã", "xã"...), else "".
    """

    province: str
    level: str
    lang: str
    data_dir: Path
    as_of: date | None
    output_dir: Path
    unit: str = "province"
    district: str = ""
    district_kind: str = ""


def _require_str(value: object, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ParameterError(
            f"Parameter '{name}' must be a non-empty text, got {type(value).__name__} {value!r}."
        )
    return value.strip()


def _typed_text(value: object) -> object:
    """What a user meant by a value typed as a number: `-p level 2025` (papermill) and
    ``level = 2025`` (JupyterLab) give the int 2025, which means the text "2025"."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def _choice(value: object, name: str, allowed: tuple[str, ...]) -> str:
    value = _typed_text(value)
    text = value.strip().lower() if isinstance(value, str) else None
    if text not in allowed:
        raise ParameterError(
            f"Unknown {name} {value!r}: use one of {', '.join(repr(a) for a in allowed)}."
        )
    return text


#: The spellings of yes and no a flag accepts (any case, surrounding spaces ignored).
TRUE_WORDS = ("yes", "true", "1")
FALSE_WORDS = ("no", "false", "0")


def coerce_flag(value: object, name: str) -> bool:
    """A yes/no parameter as people type it: True/False, 1/0, or the text yes/no, true/false,
    1/0 in any case. The one rule of the CLI, papermill (`-p demo no`) and JupyterLab.

    Raises
    ------
    ParameterError
        One sentence naming the parameter and the accepted values, for anything else (a text
        such as "maybe" or "n" is refused rather than read as True).

    Examples
    --------
    >>> coerce_flag("No", "demo"), coerce_flag(1, "demo")
    (False, True)
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    raise ParameterError(
        f"Parameter '{name}' must be yes or no (also true/false, 1/0), got {value!r}."
    )


def coerce_choice(value: object, name: str, allowed: tuple[str, ...]) -> str:
    """A parameter with a fixed set of values as people type it: 2025 (a number) or " 2025 "
    means "2025", "VI" means "vi". ParameterError naming the accepted values otherwise."""
    return _choice(value, name, allowed)


def _as_date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and (day := read_day(value)) is not None:
        return day
    raise ParameterError(
        f"Parameter 'as_of' must be a date written YYYY-MM-DD (e.g. 2024-06-30) or day first "
        f"DD/MM/YYYY (30/06/2024), got {value!r}."
    )


def _as_dir(value: object, name: str, default: Path) -> Path:
    if value is None or value == "":
        return Path(default)
    if not isinstance(value, str | Path):
        raise ParameterError(
            f"Parameter '{name}' must be a folder path, got {type(value).__name__} {value!r}."
        )
    return Path(value).expanduser()


def validate_choices(level: object = "legacy", lang: object = "vi") -> tuple[str, str]:
    """``(level, lang)`` checked and lower-cased; ParameterError with one sentence otherwise."""
    return _choice(level, "level", LEVELS), _choice(lang, "lang", LANGS)


def validate_parameters(
    province: object,
    level: object = "legacy",
    lang: object = "vi",
    data_dir: object = None,
    as_of: object = None,
    output_dir: object = None,
    *,
    unit: object = "province",
    district: object = None,
) -> ReportParams:
    """Check report parameters and return them canonical.

    Parameters
    ----------
    province
        Any spelling of a pre- or post-2025 province name ("bac giang", "TỈNH BẮC GIANG").
        At level "2025" a former province name gives the 2025 province that contains it.
    level
        "legacy" or "2025".
    lang
        "vi" or "en".
    data_dir
        Folder with the processed tables; default ``helpers.paths.PROCESSED``. Must exist.
    as_of
        ``date``, ``datetime`` or "YYYY-MM-DD"; None or "" for the latest data.
    output_dir
        Where reports go; default ``helpers.paths.REPORTS``.
    unit
        "province", "district" or "commune" (see `helpers.report.units`).
    district
        For a district or commune report, its name in any spelling; ``province`` may then be
        empty when the name is unique nationwide (it chooses between districts of one name).

    Returns
    -------
    ReportParams

    Raises
    ------
    ParameterError
        With one sentence saying what is wrong and how to fix it.

    Examples
    --------
    >>> from helpers.paths import ROOT
    >>> validate_parameters("bac giang", data_dir=ROOT / "tests/fixtures/report").province
    'Bắc Giang'
    """
    level_ = _choice(level, "level", LEVELS)
    lang_ = _choice(lang, "lang", LANGS)
    unit_ = _choice(unit, "unit", UNITS)
    folder = _as_dir(data_dir, "data_dir", paths.PROCESSED)
    if not folder.is_dir():
        raise ParameterError(
            f"Data folder '{folder}' does not exist: run `bhxh extract` (or `bhxh demo`) first "
            "or pass the folder holding facts.csv with --data-dir."
        )
    if not any((folder / name).is_file() for name in (FACTS_FILE, PANEL_FILE)):
        raise ParameterError(
            f"Data folder '{folder}' has no {FACTS_FILE} (nor {PANEL_FILE}): run `bhxh process` "
            "(or `bhxh demo`) first, or pass the folder holding facts.csv with --data-dir."
        )
    place = kind = ""
    if unit_ == "province":
        name = canonical_province(_require_str(province, "province"), level_)
    else:
        given = province.strip() if isinstance(province, str) else ""
        name, place = resolve_unit(
            unit_, _require_str(district, "district"), given, level=level_, data_dir=folder
        )
        kind = unit_kind(unit_, name, place, level_)
    return ReportParams(
        province=name,
        level=level_,
        lang=lang_,
        data_dir=folder.resolve(),
        as_of=_as_date(as_of),
        output_dir=_as_dir(output_dir, "output_dir", paths.REPORTS).resolve(),
        unit=unit_,
        district=place,
        district_kind=kind,
    )


def report_slug(params: ReportParams) -> str:
    """ASCII file-name stem of a report: "bac-giang"; 2025-level reports get "2025-bac-ninh".

    The prefix keeps a merged 2025 province and the former province of the same name
    (Bắc Ninh) from overwriting each other in one output folder. A district or commune report
    goes in its province's folder: "bac-giang/district-hiep-hoa".
    """
    from helpers.text import slugify

    slug = slugify(params.province)
    slug = f"2025-{slug}" if params.level == "2025" else slug
    if params.unit != "province":
        slug = f"{slug}/{params.unit}-{slugify(params.district)}"
    return slug


def input_files(params: ReportParams) -> list[Path]:
    """The data files a report reads (those that exist), for input hashing by the batch."""
    return [params.data_dir / name for name in DATA_FILES if (params.data_dir / name).is_file()]


def simulated_marker(data_dir: Path) -> dict | None:
    """The content of ``SIMULATED.json`` when ``data_dir`` holds simulated data, else None."""
    marker = Path(data_dir) / SIMULATED_MARKER
    if not marker.is_file():
        return None
    return json.loads(marker.read_text(encoding="utf-8"))
