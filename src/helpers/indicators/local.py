"""Districts and communes ranked by a reported figure, with their shares of the province total.

The ranking uses one group of figures (same indicator, scheme and period) and the province's
own figure for that period as the total; nothing is added across periods.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

import pandas as pd

from helpers.indicators.facts import same_period, select
from helpers.indicators.press import as_date, provenance
from helpers.indicators.results import PressIndicator, reason_of
from helpers.narrative.vocabulary import Note

#: Figures a ranking of places can use: people newly enrolled, or enrolled.
RANKED = ("new_participants", "participants")


@dataclass(kw_only=True)
class LocalShares(PressIndicator):
    """Places ranked by one reported figure, with shares of the province's figure.

    Attributes
    ----------
    table
        One row per place, largest first: province, district, commune, name (commune, else
        district), value, qualifier, fact_id, share_pct (of ``total``; None without one).
    indicator, scheme, period_start, period_end
        What the values count and when.
    total, total_fact_id
        The province's own figure for the same period, when reported.
    named_share_pct
        Share of ``total`` the named places account for together.
    """

    kind: ClassVar[str] = "local_shares"
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    indicator: str = ""
    scheme: str = ""
    period_start: date | None = None
    period_end: date | None = None
    total: float | None = None
    total_fact_id: str = ""
    named_share_pct: float | None = None


def local_shares(
    facts: pd.DataFrame,
    *,
    province: str | None = None,
    province_2025: str | None = None,
    scheme: str | None = None,
) -> LocalShares:
    """Rank the districts and communes of the group of figures that names the most places.

    Parameters
    ----------
    facts
        The facts table.
    province, province_2025
        As in :func:`select`.
    scheme
        Scheme code; ``None`` lets the largest group decide.

    Returns
    -------
    LocalShares
        Refused when no district or commune has a new-member or participants figure.

    Examples
    --------
    >>> from helpers.io import load_facts
    >>> from helpers.paths import ROOT
    >>> facts = load_facts(ROOT / "tests/fixtures/report/facts.csv")
    >>> shares = local_shares(facts, province="Bắc Giang").table
    >>> float(round(shares["share_pct"].iloc[0], 2))  # 1.374 / 7.555
    18.19
    """
    where = dict(province=province, province_2025=province_2025)
    rows = select(facts, scheme=scheme, indicator=list(RANKED), is_target=False, district="*",
                  **where)
    local = rows[(rows["district"] != "") | (rows["commune"] != "")]
    if local.empty:
        return LocalShares(
            status="refuse",
            **reason_of(Note.of("NO_LOCAL_FIGURES")),
        )
    key = ["province", "scheme", "indicator", "period_start", "period_end"]
    # The first of the largest groups (an unknown start is a group of its own).
    largest = max((group for _, group in local.groupby(key, dropna=False)), key=len)
    ranked = largest.sort_values("value", ascending=False, kind="stable")
    first = ranked.iloc[0]
    totals = same_period(
        select(facts, scheme=first["scheme"], indicator=first["indicator"], is_target=False,
               **where),
        first,
    )
    total = totals.iloc[0] if not totals.empty and totals.iloc[0]["value"] else None
    table = pd.DataFrame(
        {
            "province": ranked["province"],
            "district": ranked["district"],
            "commune": ranked["commune"],
            "name": [c or d for d, c in zip(ranked["district"], ranked["commune"], strict=True)],
            "value": ranked["value"],
            "qualifier": ranked["qualifier"],
            "fact_id": ranked["fact_id"],
            "share_pct": None if total is None else 100 * ranked["value"] / total["value"],
        }
    ).reset_index(drop=True)
    used = ranked if total is None else pd.concat([ranked, total.to_frame().T])
    return LocalShares(
        table=table,
        indicator=first["indicator"],
        scheme=first["scheme"],
        period_start=as_date(first["period_start"]),
        period_end=as_date(first["period_end"]),
        total=None if total is None else float(total["value"]),
        total_fact_id="" if total is None else total["fact_id"],
        named_share_pct=None if total is None else float(table["share_pct"].sum()),
        **provenance(used),
    )
