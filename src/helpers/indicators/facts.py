"""Picking figures out of the facts table: filters, one stock per date, figures of one period.

Functions here never change a value; they choose among facts and keep each choice traceable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd

from helpers.contract import FACT_COLUMNS, FACTS_CHECKED, INDICATORS, SCHEMES
from helpers.errors import InvalidValueError, MissingColumnError, ParameterError
from helpers.geo import resolve_district, resolve_province, resolve_province_2025
from helpers.narrative.vocabulary import Note
from helpers.text import fold

#: Columns the indicators read: the facts contract minus flags and geography, which are
#: optional.
NEEDED = tuple(c for c in FACT_COLUMNS if c not in ("flags", "geography"))
#: Best first: an exact figure beats "about", which beats a one-sided bound.
QUALIFIER_RANK = {"exact": 0, "approx": 1, "at_least": 2, "more_than": 2, "nearly": 2}
#: How `stock_series` treats a date where equally good facts disagree.
CONFLICT_RULES = ("omit", "last_stated")
_TYPE_WORDS = re.compile(r"^(tinh|thanh pho|tp\.?|huyen|thi xa|quan|xa|phuong|thi tran)\s+")
_CHECKED_TYPES = {"value": "float64", "is_target": "bool"}


def check_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """Check the columns the indicators need and normalise their types.

    Raises
    ------
    MissingColumnError
        When a needed column is absent (names the columns and how to rebuild the table).
    InvalidValueError
        When a value is not a number, a date is unreadable or is_target is not true/false
        (names the spreadsheet rows, header = row 1).
    """
    if is_checked(facts):
        return facts.reset_index(drop=True)
    missing = [c for c in NEEDED if c not in facts.columns]
    if missing:
        raise MissingColumnError(
            f"the facts table lacks {', '.join(missing)}",
            column=missing[0],
            hint="Rebuild it with `bhxh extract` or load it with helpers.io.load_facts.",
        )
    out = facts.reset_index(drop=True)
    for col in ("province", "province_2025", "district", "commune", "quote", "qualifier"):
        out[col] = out[col].fillna("").astype(str)
    out["fact_id"] = out["fact_id"].astype(str)
    for col in ("period_start", "period_end"):
        raw = out[col]
        out[col] = pd.to_datetime(raw, errors="coerce")
        _reject(raw, raw.notna() & (raw.astype(str) != "") & out[col].isna(), col, "a date")
    raw = out["value"]
    out["value"] = pd.to_numeric(raw, errors="coerce")
    _reject(raw, raw.notna() & out["value"].isna(), "value", "a plain number (7548, 133.4)")
    if out["is_target"].dtype != bool:
        words = out["is_target"].astype(str).str.strip().str.lower()
        _reject(out["is_target"], ~words.isin(list(_TRUTH)), "is_target", "true or false")
        out["is_target"] = words.map(_TRUTH).astype(bool)
    out.attrs[FACTS_CHECKED] = True
    return out


def is_checked(facts: pd.DataFrame) -> bool:
    """True when ``facts`` carries the checked mark and still has the checked column types.

    The types are re-read (a few attribute lookups) so a column replaced after the check, by
    text or numbers of another type, sends the table through `check_facts` again.
    """
    if not facts.attrs.get(FACTS_CHECKED) or any(c not in facts.columns for c in NEEDED):
        return False
    dtypes = facts.dtypes
    return (
        all(str(dtypes[c]) == t for c, t in _CHECKED_TYPES.items())
        and all(pd.api.types.is_datetime64_dtype(dtypes[c]) for c in ("period_start", "period_end"))
    )


_TRUTH = {"true": True, "1": True, "1.0": True, "false": False, "0": False, "0.0": False}


def _reject(raw: pd.Series, bad: pd.Series, column: str, expected: str) -> None:
    """Raise on the cells of ``raw`` marked ``bad``, naming their spreadsheet rows."""
    if bad.any():
        rows = [int(i) + 2 for i in raw.index[bad]]
        raise InvalidValueError(
            f"{len(rows)} cell(s) not {expected} (e.g. '{raw[bad].iloc[0]}')",
            row=rows[0] if len(rows) == 1 else rows,
            column=column,
            hint="Fix them in the facts table, or rebuild it with `bhxh extract`.",
        )


@lru_cache(maxsize=4096)
def place_key(name: str) -> str:
    """Fold a place name for matching: "tỉnh Bắc Giang", "Bac Giang" and "BẮC GIANG" agree."""
    return _TYPE_WORDS.sub("", fold(name)).strip()


def _matches(column: pd.Series, name: str) -> pd.Series:
    return column.map(place_key) == place_key(name)


def select(
    facts: pd.DataFrame,
    *,
    province: str | None = None,
    province_2025: str | None = None,
    scheme: str | None = "voluntary_si",
    indicator: str | Iterable[str] | None = None,
    is_target: bool | None = None,
    district: str | None = None,
) -> pd.DataFrame:
    """Rows of the facts table for one place, scheme and indicator.

    Parameters
    ----------
    facts
        The facts table (contract in DOMAIN.md).
    province, province_2025
        Pre-2025 or post-2025 province name, in any spelling (resolved by helpers.geo);
        ``""`` selects national figures, ``None`` keeps every province.
    scheme
        Scheme code; ``None`` keeps every scheme.
    indicator
        One indicator or several; ``None`` keeps all.
    is_target
        ``True`` for plans and targets, ``False`` for achieved figures, ``None`` for both.
    district
        A district name; ``None`` keeps province-level rows only (empty district and commune);
        ``"*"`` keeps rows of every level.

    Raises
    ------
    UnknownPlaceError
        When a province (or, with a province, a district) name resolves to no place.
    ParameterError
        For a scheme or indicator outside the facts vocabulary.

    Returns
    -------
    DataFrame
        The matching rows, typed, in their original order.

    Examples
    --------
    >>> from helpers.io import load_facts
    >>> from helpers.paths import ROOT
    >>> facts = load_facts(ROOT / "tests/fixtures/report/facts.csv")
    >>> rows = select(facts, province="Bac Giang", indicator="participants", is_target=False)
    >>> rows["value"].tolist()
    [54000.0, 21233.0, 41098.0, 51241.0]
    """
    wanted = [indicator] if isinstance(indicator, str) else list(indicator or [])
    unknown = [w for w in wanted if w not in INDICATORS]
    if scheme is not None and scheme not in SCHEMES:
        unknown.insert(0, scheme)
    if unknown:
        raise ParameterError(
            f"unknown scheme or indicator {', '.join(map(repr, unknown))}; schemes: "
            f"{', '.join(SCHEMES)}; indicators: {', '.join(INDICATORS)}."
        )
    out = check_facts(facts)
    if province:
        province = resolve_province(province).name
    if province_2025:
        province_2025 = resolve_province_2025(province_2025).name
    if province and district not in (None, "*"):
        district = resolve_district(district, province).name
    if out.empty:  # names are checked above; nothing to filter (a report without press data)
        return out
    keep = _keep(out, province, province_2025, scheme, wanted if indicator is not None else None,
                 is_target, district)
    if keep is None:  # a column with missing or non-text cells: pandas' own comparisons
        keep = _keep_by_pandas(out, province, province_2025, scheme, indicator, wanted,
                               is_target, district)
    return out[keep]


def _keep(
    out: pd.DataFrame,
    province: str | None,
    province_2025: str | None,
    scheme: str | None,
    wanted: list[str] | None,
    is_target: bool | None,
    district: str | None,
) -> np.ndarray | None:
    """`select`'s row mask from the columns' values as Python strings (None when a column it
    reads holds anything but text: `_keep_by_pandas` decides then).

    The same comparisons as pandas' on a checked table's text columns, without a Series and
    an index alignment per comparison: a report selects ~37 times from tables of a few dozen
    rows, where pandas' per-operation cost (~0.2 ms each, six a call) was most of the time.
    """
    texts: dict[str, list[str]] = {}

    def column(name: str) -> list[str] | None:
        if name not in texts:
            values = out[name].to_numpy(dtype=object).tolist()
            if not all(type(v) is str for v in values):
                return None
            texts[name] = values
        return texts[name]

    keep = np.ones(len(out), dtype=bool)
    tests: list[tuple[str, object]] = []
    if province is not None:
        tests.append(("province", _Key(province)))
    if province_2025 is not None:
        tests.append(("province_2025", _Key(province_2025)))
    if scheme is not None:
        tests.append(("scheme", scheme))
    if wanted is not None:
        tests.append(("indicator", frozenset(wanted)))
    if district is None:
        tests += [("district", ""), ("commune", "")]
    elif district != "*":
        tests += [("district", _Key(district)), ("commune", "")]
    for name, test in tests:
        values = column(name)
        if values is None:
            return None
        if isinstance(test, _Key):
            hits = [place_key(v) == test.key for v in values]
        elif isinstance(test, frozenset):
            hits = [v in test for v in values]
        else:
            hits = [v == test for v in values]
        keep &= np.array(hits, dtype=bool)
    if is_target is not None:
        keep &= out["is_target"].to_numpy(dtype=bool) == is_target
    return keep


class _Key:
    """A place name compared by its `place_key`."""

    def __init__(self, name: str) -> None:
        self.key = place_key(name)


def _keep_by_pandas(
    out: pd.DataFrame,
    province: str | None,
    province_2025: str | None,
    scheme: str | None,
    indicator: object,
    wanted: list[str],
    is_target: bool | None,
    district: str | None,
) -> pd.Series:
    """`select`'s row mask by pandas' comparisons (any column contents)."""
    keep = pd.Series(True, index=out.index)
    if province is not None:
        keep &= _matches(out["province"], province)
    if province_2025 is not None:
        keep &= _matches(out["province_2025"], province_2025)
    if scheme is not None:
        keep &= out["scheme"] == scheme
    if indicator is not None:
        keep &= out["indicator"].isin(wanted)
    if is_target is not None:
        keep &= out["is_target"] == is_target
    if district is None:
        keep &= (out["district"] == "") & (out["commune"] == "")
    elif district != "*":
        keep &= _matches(out["district"], district) & (out["commune"] == "")
    return keep


def same_period(rows: pd.DataFrame, row: pd.Series) -> pd.DataFrame:
    """Rows of ``row``'s province with exactly its period (an unknown start or end matches only
    an unknown one): the figures that describe the same campaign or year as ``row``."""
    start, end = row["period_start"], row["period_end"]
    same_start = rows["period_start"].isna() if pd.isna(start) else rows["period_start"] == start
    same_end = rows["period_end"].isna() if pd.isna(end) else rows["period_end"] == end
    return rows[same_start & same_end & (rows["province"] == row["province"])]


def dated(rows: pd.DataFrame, period_end: date | str | None = None) -> pd.DataFrame:
    """Rows with a date and a value (figures that can be placed in time), optionally only
    those of the period ending at ``period_end``."""
    rows = rows[rows["period_end"].notna() & rows["value"].notna()]
    if period_end is not None:
        rows = rows[rows["period_end"] == pd.Timestamp(period_end)]
    return rows


def pick_best(rows: pd.DataFrame) -> tuple[pd.Series, list[Note]]:
    """Choose one fact among rows that report the same figure; say when they disagree.

    Returns the chosen row (exact before approximate before bounds, then first listed) and
    warning sentences when the candidates' values differ by more than 0.5%.
    """
    ranked = rows.assign(_rank=rows["qualifier"].map(QUALIFIER_RANK).fillna(3))
    best = ranked.sort_values("_rank", kind="stable").iloc[0]
    spread = rows["value"].max() - rows["value"].min()
    warnings: list[Note] = []
    if spread > 0.005 * abs(best["value"]):
        others = ", ".join(f"{v:g}" for v in rows["value"] if v != best["value"])
        warnings.append(Note.of("FACTS_DISAGREE", kept_id=best["fact_id"], kept=best["value"],
                                others=others))
    return best, warnings


def disagree_at_best(rows: pd.DataFrame) -> bool:
    """True when the best-qualified facts (e.g. two exact ones) differ by more than 0.5%."""
    rank = rows["qualifier"].map(QUALIFIER_RANK).fillna(3)
    top = rows.loc[rank == rank.min(), "value"]
    return bool(top.max() - top.min() > 0.005 * abs(top.max()))


def stock_series(
    facts: pd.DataFrame,
    *,
    province: str | None = None,
    province_2025: str | None = None,
    scheme: str = "voluntary_si",
    district: str | None = None,
    conflicts: str = "omit",
) -> pd.DataFrame:
    """Reported participants stocks, one per as-of date, with provenance.

    Parameters
    ----------
    facts
        The facts table.
    province, province_2025, scheme, district
        As in :func:`select`. With ``province_2025`` alone, stocks of different former
        provinces are not told apart: use :func:`aggregate_2025` to add them.
    conflicts
        What to do on a date where equally good facts disagree: "omit" leaves the date out;
        "last_stated" keeps the one stated last in its article (a sentence usually arrives
        at the newer figure, "mới có 21.233 ... đã tăng lên 41.098"), for a report that
        names the disagreement beside it. Either way the date is listed in
        ``.attrs["conflicts"]`` (with ``kept``: the fact_id kept, or None).

    Returns
    -------
    DataFrame
        Indexed by ``as_of`` (Timestamp), columns value, qualifier, fact_id, quote,
        article_id, candidates (fact_ids reporting that date), note and note_vi (the
        same warning in Vietnamese). Stocks without a
        date cannot be placed; their fact_ids are in ``.attrs["undated"]``. A date where
        equally good facts disagree (two exact figures 21.233 and 41.098) is left out rather
        than guessed (unless ``conflicts="last_stated"``), and listed in
        ``.attrs["conflicts"]`` (as_of, fact_ids, values, kept).

    Raises
    ------
    ParameterError
        For a ``conflicts`` other than "omit" or "last_stated".
    """
    if conflicts not in CONFLICT_RULES:
        raise ParameterError(
            f"conflicts must be one of {', '.join(CONFLICT_RULES)}, not '{conflicts}'."
        )
    rows = select(
        facts,
        province=province,
        province_2025=province_2025,
        scheme=scheme,
        indicator="participants",
        is_target=False,
        district=district,
    )
    records, disagreements = [], []
    for as_of, group in dated(rows).groupby("period_end", sort=True):
        if disagree_at_best(group):
            kept = _last_stated(group) if conflicts == "last_stated" else None
            disagreements.append({"as_of": as_of.date().isoformat(),
                                  "fact_ids": list(group["fact_id"]),
                                  "values": [float(v) for v in group["value"]],
                                  "kept": None if kept is None else kept["fact_id"]})
            if kept is None:
                continue
            best, warnings = kept, list[Note]()
        else:
            best, warnings = pick_best(group)
        records.append(
            {
                "as_of": as_of,
                "value": float(best["value"]),
                "qualifier": best["qualifier"],
                "fact_id": best["fact_id"],
                "quote": best["quote"],
                "article_id": best["article_id"],
                "candidates": ";".join(group["fact_id"]),
                "note": " ".join(warnings),
                "note_vi": " ".join(w.vi for w in warnings),
            }
        )
    columns = [
        "as_of",
        "value",
        "qualifier",
        "fact_id",
        "quote",
        "article_id",
        "candidates",
        "note",
        "note_vi",
    ]
    out = pd.DataFrame(records, columns=columns).set_index("as_of")
    # Dated even when empty: callers subtract dates from it (a district with flows only).
    out.index = pd.DatetimeIndex(out.index, name="as_of")
    out.attrs["undated"] = list(rows.loc[rows["period_end"].isna(), "fact_id"])
    out.attrs["conflicts"] = disagreements
    return out


def _last_stated(rows: pd.DataFrame) -> pd.Series:
    """Among the best-qualified rows, the one stated last (fact ids number figures in reading
    order within an article)."""
    rank = rows["qualifier"].map(QUALIFIER_RANK).fillna(3)
    top = rows[rank == rank.min()]
    return top.sort_values("fact_id", kind="stable").iloc[-1]
