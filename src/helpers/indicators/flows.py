"""Indicators that pair press figures: drop-outs against new members, enrolees per event, coverage.

Pairs are made only between figures of the same period (and, for events, the same sentence).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from helpers.errors import ParameterError
from helpers.indicators.facts import dated, pick_best, select, stock_series
from helpers.indicators.press import as_date, provenance
from helpers.indicators.results import (
    Coverage,
    Productivity,
    Retention,
    bound_of,
    reason_of,
)
from helpers.narrative.vocabulary import Note
from helpers.text import fold, read_day


def retention(
    facts: pd.DataFrame,
    *,
    province: str | None = None,
    province_2025: str | None = None,
    scheme: str = "voluntary_si",
    district: str | None = None,
    period_end: date | str | None = None,
) -> Retention:
    """Drop-outs ÷ new enrolments and net = new − drop-outs, for one matching period.

    Parameters
    ----------
    facts
        The facts table.
    province, province_2025, scheme, district
        As in :func:`select`.
    period_end
        The period to use; by default the latest period reporting both figures.

    Returns
    -------
    Retention
        Refused when no period reports both new members and drop-outs (the reason lists the
        drop-out figures that have no matching new-member figure).

    Examples
    --------
    >>> from helpers.io import load_facts
    >>> from helpers.paths import ROOT
    >>> facts = load_facts(ROOT / "tests/fixtures/report/facts.csv")
    >>> float(round(retention(facts, province="Bắc Giang").dropout_ratio_pct, 1))  # 918 / 7.555
    12.2
    """
    where = dict(province=province, province_2025=province_2025, scheme=scheme, district=district)
    rows = select(facts, indicator=["new_participants", "dropouts"], is_target=False, **where)
    rows = dated(rows, period_end)
    new, out = rows[rows["indicator"] == "new_participants"], rows[rows["indicator"] == "dropouts"]
    pairs = []
    # One pairing per period end (latest last), not per fact: duplicates of a figure are common.
    for end, dropped in out.groupby("period_end", sort=True):
        d, _ = pick_best(dropped)
        start = new["period_start"]
        # An unknown start does not contradict a known one; two known starts must agree.
        same_start = start.isna() | pd.isna(d["period_start"]) | (start == d["period_start"])
        match = new[(new["period_end"] == end) & same_start]
        if not match.empty:
            pairs.append((pick_best(match)[0], d))
    if not pairs:
        lonely = ", ".join(select(facts, indicator="dropouts", is_target=False, **where)["fact_id"])
        return Retention(
            status="refuse",
            **reason_of(Note.of("NO_MATCHING_FLOWS", unmatched=lonely)),
        )
    n, d = pairs[-1]
    return Retention(
        period_start=as_date(n["period_start"]),
        period_end=as_date(n["period_end"]),
        new_participants=n["value"],
        dropouts=d["value"],
        dropout_ratio_pct=d["value"] / n["value"] * 100 if n["value"] else None,
        net=n["value"] - d["value"],
        bound=bound_of(d["qualifier"], n["qualifier"]),
        **provenance([n, d]),
    )


def _event_kind(quote: str) -> str:
    said = fold(quote)
    if "ra quan" in said:
        return "launch_day"
    if "hoi nghi" in said or "doi thoai" in said:
        return "conference"
    return "event"


def productivity(
    facts: pd.DataFrame,
    *,
    province: str | None = None,
    province_2025: str | None = None,
    scheme: str | None = None,
    district: str | None = None,
) -> Productivity:
    """Enrolees per conference or event, and per launch day.

    An events count pairs with the new enrolments reported in the same article, period and
    sentence ("4 hội nghị ..., phát triển được 79 người"). A launch day ("ngày ra quân") with
    no count is one event, when its result is dated to a single day. The scheme filter applies
    to the enrolments: events often serve several schemes.

    Parameters
    ----------
    facts
        The facts table.
    province, province_2025, district
        As in :func:`select` (``district="*"`` takes every level).
    scheme
        Scheme of the enrolments; ``None`` keeps all.

    Returns
    -------
    Productivity
        ``.table`` has one row per pairing: event_kind, district, scheme, period_end, events,
        new_participants, per_event, bound, fact_ids, quote. Refused when nothing pairs.
    """
    where: dict[str, Any] = dict(province=province, province_2025=province_2025, district=district)
    rows = select(
        facts, scheme=None, indicator=["events", "new_participants"], is_target=False, **where
    )
    rows = rows[rows["value"].notna()]
    new = rows[rows["indicator"] == "new_participants"]
    if scheme is not None:
        new = new[new["scheme"] == scheme]
    events = rows[(rows["indicator"] == "events") & (rows["value"] > 0)]
    records, paired = [], set()
    for _, ev in events.iterrows():
        same = new[
            (new["article_id"] == ev["article_id"])
            & (new["province"] == ev["province"])
            & (new["district"] == ev["district"])
            & (new["period_end"] == ev["period_end"])
            & ((new["quote"] == ev["quote"]) | (new["quote"] == "") | (ev["quote"] == ""))
        ]
        for _, n in same.iterrows():
            paired.add(n["fact_id"])
            records.append(
                _row(
                    _event_kind(ev["quote"]),
                    ev["value"],
                    ev["qualifier"],
                    n,
                    (ev["fact_id"], n["fact_id"]),
                )
            )
    for _, n in new.iterrows():
        # Only a dated single day counts: "sau lễ ra quân" totals can span a whole month.
        one_day = (n["period_end"] - n["period_start"]).days <= 1
        if n["fact_id"] not in paired and _event_kind(n["quote"]) == "launch_day" and one_day:
            records.append(_row("launch_day", 1.0, "exact", n, (n["fact_id"],)))
    if not records:
        return Productivity(
            status="refuse",
            **reason_of(Note.of("NO_EVENTS_WITH_ENROLMENTS")),
        )
    table = pd.DataFrame(records).sort_values("period_end", kind="stable", ignore_index=True)
    ids = tuple(fid for r in records for fid in r["fact_ids"].split(";"))
    quotes = tuple(dict.fromkeys(r["quote"] for r in records if r["quote"]))
    return Productivity(table=table, fact_ids=ids, quotes=quotes)


def _row(kind: str, events: float, qualifier: str, new: pd.Series, ids: tuple[str, ...]) -> dict:
    return {
        "event_kind": kind,
        "district": new["district"],
        "scheme": new["scheme"],
        "period_end": as_date(new["period_end"]),
        "events": events,
        "new_participants": new["value"],
        "per_event": new["value"] / events,
        "bound": bound_of(new["qualifier"], qualifier),
        "fact_ids": ";".join(ids),
        "quote": new["quote"],
    }


def coverage(
    facts: pd.DataFrame,
    *,
    province: str | None = None,
    province_2025: str | None = None,
    scheme: str = "voluntary_si",
    district: str | None = None,
    labour_force: float | None = None,
    as_of: date | str | None = None,
) -> Coverage:
    """Participants as a percent of the labour force, beside reported coverage figures.

    Parameters
    ----------
    facts
        The facts table.
    province, province_2025, scheme, district
        As in :func:`select`; reported coverage rows of every scheme are listed (targets are
        often set for all social insurance).
    labour_force
        Working-age labour force of the place, when known (e.g. from the statistics office).
    as_of
        Use the stock at this date; by default the latest. Text is read day first
        ("30/06/2024") or as "YYYY-MM-DD".

    Raises
    ------
    ParameterError
        When ``labour_force`` is not positive.
    """
    if labour_force is not None and not labour_force > 0:
        raise ParameterError(
            f"labour_force must be a positive number of people, not {labour_force}."
        )
    where: dict[str, Any] = dict(province=province, province_2025=province_2025, district=district)
    reported = select(facts, scheme=None, indicator="coverage_pct", **where)
    reported = reported[reported["value"].notna()]
    shown = reported[["scheme", "is_target", "value", "qualifier", "period_end", "fact_id"]]
    out = Coverage(reported=shown.reset_index(drop=True), **provenance(reported))
    if labour_force is not None:
        stocks = stock_series(facts, scheme=scheme, **where)
        if as_of is not None:
            stocks = stocks[stocks.index <= pd.Timestamp(_as_of_day(as_of))]
        if not stocks.empty:
            latest = stocks.iloc[-1]
            out.as_of, out.participants = as_date(stocks.index[-1]), latest["value"]
            out.labour_force = float(labour_force)
            out.computed_pct = latest["value"] / labour_force * 100
            prov = provenance(pd.concat([reported, latest.to_frame().T]))
            out.fact_ids, out.quotes = prov["fact_ids"], prov["quotes"]
        else:
            out.warnings.append(Note.of("LABOUR_FORCE_WITHOUT_STOCK"))
    if out.computed_pct is None and shown.empty:
        out.status = "refuse"
        refusal = reason_of(Note.of("NO_COVERAGE_FIGURE"))
        out.reason, out.reason_vi = refusal["reason"], refusal["reason_vi"]
    return out


def _as_of_day(value: date | str) -> date:
    """A date, or text read day first ("01/05/2024" is 1 May); ParameterError otherwise."""
    if not isinstance(value, str):
        return pd.Timestamp(value).date()
    day = read_day(value)
    if day is None:
        raise ParameterError(
            f"as_of must be a date written YYYY-MM-DD or day first DD/MM/YYYY; got {value!r}."
        )
    return day
