"""The data one province report reads: its facts, campaigns and monthly panel, cut to its level.

At the 2025 level a merged province gathers the rows of its former provinces.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.report.params import (
    CAMPAIGNS_FILE,
    FACTS_FILE,
    PANEL_FILE,
    ReportParams,
    simulated_marker,
)


@dataclass
class ReportData:
    """Everything the sections compute from, already restricted to one province.

    Attributes
    ----------
    facts, campaigns
        Rows of facts.csv / campaigns.csv for the province's former provinces (typed frames).
    panel
        Monthly rows (province totals and districts) or None when there is no panel.
    members
        The former provinces covered (one at the legacy level).
    simulated
        The SIMULATED.json marker when the data are simulated, else None.
    """

    params: ReportParams
    facts: pd.DataFrame
    campaigns: pd.DataFrame
    panel: pd.DataFrame | None
    members: tuple[str, ...]
    simulated: dict | None

    @property
    def has_press(self) -> bool:
        """Whether any press figure concerns this province."""
        return not self.facts.empty

    @property
    def is_empty(self) -> bool:
        """Whether there is nothing at all to report on (no facts, campaigns or panel)."""
        return not self.has_press and self.campaigns.empty and not self.has_panel

    @property
    def has_panel(self) -> bool:
        """Whether a monthly panel covers this province."""
        return self.panel is not None and not self.panel.empty


def members_of(params: ReportParams) -> tuple[str, ...]:
    """The former (legacy) provinces a report covers."""
    if params.level == "2025":
        from helpers.geo import resolve_province_2025

        return tuple(resolve_province_2025(params.province).members)
    return (params.province,)


# Types of the typed frames helpers.io returns, for the empty tables of a missing file.
_TYPES = {
    "is_target": "bool",
    "value": "float64",
    "period_start": "datetime64[ns]",
    "period_end": "datetime64[ns]",
    "start": "datetime64[ns]",
    "end": "datetime64[ns]",
}


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=_TYPES.get(c, "str")) for c in columns})


def _cut_dates(frame: pd.DataFrame, column: str, as_of: pd.Timestamp | None) -> pd.DataFrame:
    if as_of is None or frame.empty:
        return frame
    # Undated rows stay: dropping them would hide figures; the evidence table flags them.
    dates = frame[column]
    return frame[dates.isna() | (dates <= as_of)]


def load_report_data(params: ReportParams) -> ReportData:
    """Load and cut the tables of ``params.data_dir`` for ``params.province``.

    Missing files give empty tables (the sections then say "no data"); a malformed file raises
    the helpers.io error naming file, row and column.
    """
    from helpers import io
    from helpers.schema import CAMPAIGN_COLUMNS, FACT_COLUMNS

    folder = Path(params.data_dir)
    members = members_of(params)
    as_of = pd.Timestamp(params.as_of) if params.as_of else None

    facts = (
        io.load_facts(folder / FACTS_FILE)
        if (folder / FACTS_FILE).is_file()
        else _empty(FACT_COLUMNS)
    )
    facts = facts[facts["province"].isin(members)]
    if not facts.empty:
        facts = _cut_dates(facts, "period_end", as_of)

    campaigns = (
        io.load_campaigns(folder / CAMPAIGNS_FILE)
        if (folder / CAMPAIGNS_FILE).is_file()
        else _empty(CAMPAIGN_COLUMNS)
    )
    # National campaign months (empty province) concern every province.
    campaigns = campaigns[campaigns["province"].isin(members) | (campaigns["province"] == "")]
    if not campaigns.empty:
        campaigns = _cut_dates(campaigns, "start", as_of)

    panel = None
    if (folder / PANEL_FILE).is_file():
        panel = io.load_panel(folder / PANEL_FILE)
        panel = panel[panel["province"].isin(members)]
        if as_of is not None:
            panel = panel[panel["month"] <= as_of]
    return ReportData(
        params=params,
        facts=facts.reset_index(drop=True),
        campaigns=campaigns.reset_index(drop=True),
        panel=None if panel is None else panel.reset_index(drop=True),
        members=members,
        simulated=simulated_marker(folder),
    )


def province_series(
    panel: pd.DataFrame, column: str, *, scheme: str = "voluntary_si", province: str | None = None
) -> pd.Series:
    """Monthly province totals of ``column`` (summed over former provinces when several).

    Province-total rows (empty district) are used when present; otherwise districts are summed.
    """
    rows = panel[panel["scheme"] == scheme]
    if province is not None:
        rows = rows[rows["province"] == province]
    parts = []
    for _, unit in rows.groupby("province", sort=False):
        totals = unit[unit["district"] == ""]
        parts.append(totals if not totals.empty else unit)
    if not parts:
        return pd.Series(dtype="float64", name=column)
    frame = pd.concat(parts)
    series = frame.groupby("month")[column].sum(min_count=1).astype("float64")
    series.index = pd.PeriodIndex(pd.DatetimeIndex(series.index), freq="M")
    return series.rename(column)
