"""The key press figures of one province in one dictionary, every value traceable to its facts.

The report helper calls :func:`summarize`; a 2025 province is summarised through its former ones.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.errors import ParameterError
from helpers.geo import resolve_province
from helpers.indicators.campaigns import campaign_share, campaign_yoy
from helpers.indicators.facts import is_checked, select, stock_series
from helpers.indicators.flows import coverage, productivity, retention
from helpers.indicators.merged import aggregate_2025
from helpers.indicators.press import as_date, attainment, growth
from helpers.indicators.projection import projection
from helpers.indicators.results import NOT_CAUSAL, plain
from helpers.narrative.vocabulary import Note

LEVELS = ("legacy", "2025")
#: `summarize` of a facts table without rows (level "legacy"), by its options and the table's
#: columns, types and check mark: the same refusals for every place without press figures
#: (only "place" differs, set on each copy; each name is still checked), so made once a
#: process and handed out as copies. It holds no figure and no place.
_WITHOUT_ROWS: dict[tuple, dict[str, Any]] = {}


def _stock_records(stocks: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {
            "as_of": as_date(d),
            "value": r["value"],
            "qualifier": r["qualifier"],
            "fact_id": r["fact_id"],
            "quote": r["quote"],
            "note": r["note"],
            "note_vi": r["note_vi"],
        }
        for d, r in stocks.iterrows()
    ]


def _fact_records(rows: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {
            "value": r["value"],
            "qualifier": r["qualifier"],
            "period_start": as_date(r["period_start"]),
            "period_end": as_date(r["period_end"]),
            "fact_id": r["fact_id"],
            "quote": r["quote"],
            "flags": r.get("flags", ""),
        }
        for _, r in rows.iterrows()
    ]


def _target_projection(facts: pd.DataFrame, stocks: pd.DataFrame, where: dict) -> dict:
    """Project the stocks to the latest dated participants target, or say why not."""
    targets = select(facts, indicator="participants", is_target=True, **where)
    dated = targets[targets["period_end"].notna()].sort_values("period_end", kind="stable")
    if dated.empty:
        flags = {f for f in targets.get("flags", pd.Series(dtype=str)) if f}
        why = Note.of("NO_DATED_TARGET", undated=len(targets), flags=", ".join(flags) or "-")
        return {
            "kind": "projection",
            "status": "refuse",
            "reason": str(why),
            "reason_vi": why.vi,
            "reason_code": why.code,
            "fact_ids": list(targets["fact_id"]),
            "causal": False,
            "tier": "press",
        }
    target = dated.iloc[-1]
    result = projection(stocks, target["value"], target["period_end"])
    out = result.to_dict()
    out["fact_ids"] = [*out["fact_ids"], target["fact_id"]]
    out["target_fact_id"] = target["fact_id"]
    return out


def summarize(
    facts: pd.DataFrame,
    province: str | None = None,
    *,
    level: str = "legacy",
    scheme: str = "voluntary_si",
    labour_force: float | None = None,
    conflicts: str = "omit",
) -> dict[str, Any]:
    """Key press figures of a province for a report, each with its fact_ids and quotes.

    Parameters
    ----------
    facts
        The facts table.
    province
        Province name: pre-2025 when ``level="legacy"``, post-2025 when ``level="2025"``;
        ``None`` for national figures (empty province).
    level
        "legacy" (63 provinces) or "2025" (34 provinces). A 2025 province adds its former
        provinces' stocks only where they share an as-of date, and summarises each former
        province separately under ``"by_former_province"``.
    scheme
        Scheme code.
    labour_force
        Labour force of the place, for coverage (optional).
    conflicts
        How stocks that disagree on one date are treated (see :func:`stock_series`).

    Returns
    -------
    dict
        ``place, level, scheme, tier ("press"), causal (False), caveat, latest_participants,
        stocks, undated_stocks, conflicting_stocks, growth, latest_growth, attainment,
        campaign_share, campaign_yoy, retention, dropouts, productivity, coverage,
        projection``; each
        indicator is a result's ``to_dict()`` with ``status`` and ``fact_ids``.

    Raises
    ------
    ParameterError
        For an unknown ``level``.
    """
    if level not in LEVELS:
        raise ParameterError(f"level must be one of {', '.join(LEVELS)}, not '{level}'.")
    if level != "legacy" or not isinstance(facts, pd.DataFrame) or not facts.empty:
        return _summarize(facts, province, level, scheme, labour_force, conflicts)
    key = (province is None, scheme, labour_force, conflicts, type(facts.index).__name__,
           tuple(map(str, facts.columns)), tuple(map(str, facts.dtypes)), is_checked(facts))
    if key not in _WITHOUT_ROWS:
        if len(_WITHOUT_ROWS) >= 64:
            _WITHOUT_ROWS.clear()
        _WITHOUT_ROWS[key] = _summarize(facts, province, level, scheme, labour_force, conflicts)
    elif province:
        resolve_province(province)  # an unknown name is refused as `select` refuses it
    return _copied(_WITHOUT_ROWS[key]) | {"place": province}


def _copied(value: Any) -> Any:
    """A copy of a summary's dicts and lists (their leaves, text, notes, numbers and dates,
    are not changed in place)."""
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copied(v) for v in value]
    return value


def _summarize(facts: pd.DataFrame, province: str | None, level: str, scheme: str,
               labour_force: float | None, conflicts: str) -> dict[str, Any]:
    head = {
        "place": province,
        "level": level,
        "scheme": scheme,
        "tier": "press",
        "causal": False,
        "caveat": NOT_CAUSAL,
    }
    if level == "2025":
        return plain(
            head | _summarize_2025(facts, province or "", scheme, labour_force, conflicts)
        )
    where: dict[str, Any] = dict(province=province if province is not None else "", scheme=scheme)
    stocks = stock_series(facts, conflicts=conflicts, **where)
    latest = _stock_records(stocks.tail(1))
    pair = stocks.tail(2)
    dropouts = select(facts, indicator="dropouts", is_target=False, **where)
    return plain(
        head
        | {
            "latest_participants": latest[0] if latest else None,
            "stocks": _stock_records(stocks),
            "undated_stocks": stocks.attrs.get("undated", []),
            "conflicting_stocks": stocks.attrs.get("conflicts", []),
            "growth": growth(stocks).to_dict(),
            "latest_growth": growth(pair).to_dict(),
            "attainment": attainment(facts, **where).to_dict(),
            "campaign_share": campaign_share(facts, **where).to_dict(),
            "campaign_yoy": campaign_yoy(facts, **where).to_dict(),
            "retention": retention(facts, **where).to_dict(),
            "dropouts": _fact_records(dropouts),
            "productivity": productivity(
                facts, province=where["province"], scheme=None, district="*"
            ).to_dict(),
            "coverage": coverage(facts, labour_force=labour_force, **where).to_dict(),
            "projection": _target_projection(facts, stocks, where),
        }
    )


def _summarize_2025(
    facts: pd.DataFrame,
    province_2025: str,
    scheme: str,
    labour_force: float | None,
    conflicts: str,
) -> dict[str, Any]:
    total = aggregate_2025(facts, province_2025, scheme=scheme)
    summed = total.summed
    latest = None
    if not summed.empty:
        latest = {
            "as_of": as_date(summed.index[-1]),
            "value": float(summed["value"].iloc[-1]),
            "fact_ids": summed["fact_ids"].iloc[-1].split(";"),
        }
    side = total.side_by_side.reset_index(names="as_of")
    return {
        "members": list(total.members),
        "latest_participants": latest,
        "stocks": [
            {"as_of": as_date(d), "value": r["value"], "fact_ids": r["fact_ids"].split(";")}
            for d, r in summed.iterrows()
        ],
        "side_by_side": side,
        "notes": total.warnings + ([total.reason] if total.reason else []),
        "by_former_province": {
            m: summarize(facts, m, scheme=scheme, conflicts=conflicts)
            for m in total.members
        },
        "coverage": None
        if labour_force is None or latest is None
        else {
            "as_of": latest["as_of"],
            "participants": latest["value"],
            "labour_force": labour_force,
            "computed_pct": latest["value"] / labour_force * 100,
            "fact_ids": latest["fact_ids"],
            "causal": False,
            "tier": "press",
        },
    }
