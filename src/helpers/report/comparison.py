"""The report section "compared with other provinces": synthetic control and synthetic DiD for
the province's campaign, and the staggered event study over all provinces, beside the ITS.

The province-level panel and the event study are computed once per batch (per data folder,
level and as-of date, through `helpers.report.shared`); each report adds its own province's
designs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from helpers.errors import BhxhError
from helpers.narrative import comparative as words
from helpers.report.analysis import WINDOW_KINDS
from helpers.report.data import ReportData, Tables
from helpers.report.shared import shared
from helpers.report.tables import SCHEME, Section
from helpers.text import format_number

# helpers.effects (scipy.stats, statsmodels: ~1.3 s) is imported where the designs run, on panel
# data: a press-only report, and the warm kernel server that forks its kernel, never import it.
if TYPE_CHECKING:
    from helpers.effects.comparative_results import (
        EventStudyResult,
        SyntheticControlResult,
        SyntheticDiDResult,
    )

    _OneUnit = SyntheticControlResult | SyntheticDiDResult

MIN_UNITS = 10
# Donors have no recorded campaign from this many months before the window to its end.
LEAD_IN_MONTHS = 3


@dataclass(frozen=True)
class BatchComparison:
    """What every report of a batch shares: the province-level panel, each unit's campaign
    windows, and the event study over all units."""

    panel: pd.DataFrame
    windows: pd.DataFrame
    event_study: EventStudyResult | None
    #: The panel's pivots (`helpers.effects.panel.reusing_wide_panels`), made once a batch.
    pivots: dict = field(default_factory=dict, compare=False, repr=False)
    #: The donors' placebo results (`helpers.effects.synth_core.sharing_placebos`), made once
    #: a batch for each campaign window and donor pool.
    placebos: dict = field(default_factory=dict, compare=False, repr=False)

    @functools.cached_property
    def units(self) -> frozenset[str]:
        """The panel's units, read once a batch (each report's donors are drawn from them)."""
        return frozenset(self.panel["province"])


def _unit_names(names: pd.Series, level: str) -> pd.Series:
    """Legacy province names as the report level's units (2025: the merged province)."""
    if level != "2025":
        return names
    from helpers.geo import province_2025_of

    return names.map(lambda name: province_2025_of(name) if name else name)


def province_panel(tables: Tables, level: str, as_of: object) -> pd.DataFrame:
    """Monthly province totals of new participants (scheme voluntary SI), one row per unit and
    month: province-total rows where present, else the sum of districts."""
    if tables.panel is None:
        return pd.DataFrame(columns=["province", "month", "new_participants"])
    rows = tables.panel[tables.panel["scheme"] == SCHEME]
    if as_of:
        rows = rows[rows["month"] <= pd.Timestamp(as_of)]
    totals = rows[rows["district"] == ""]
    with_totals = set(totals["province"])
    rows = pd.concat([totals, rows[~rows["province"].isin(with_totals)]])
    frame = rows.assign(province=_unit_names(rows["province"], level))
    frame = frame.groupby(["province", "month"], as_index=False)["new_participants"].sum()
    frame["month"] = pd.PeriodIndex(pd.DatetimeIndex(frame["month"]), freq="M")
    return frame


def campaign_windows(campaigns: pd.DataFrame, level: str, months: pd.PeriodIndex
                     ) -> pd.DataFrame:
    """Every provincial campaign window inside the panel's months: unit, start, end (Periods).

    National months (no province) reach every province: a common shock, not a treatment.
    """
    rows = campaigns[campaigns["kind"].isin(WINDOW_KINDS) & (campaigns["province"] != "")]
    rows = rows.dropna(subset=["start"])
    start = pd.PeriodIndex(pd.DatetimeIndex(rows["start"]), freq="M")
    end = pd.PeriodIndex(pd.DatetimeIndex(rows["end"].fillna(rows["start"])), freq="M")
    frame = pd.DataFrame({"unit": _unit_names(rows["province"], level).to_numpy(),
                          "start": start, "end": end})
    inside = (frame["start"] >= months.min()) & (frame["end"] <= months.max())
    return frame[inside].sort_values(["unit", "start"]).reset_index(drop=True)


def batch_comparison(data: ReportData) -> BatchComparison | None:
    """The shared part for ``data``'s folder, level and as-of date (None: fewer than 10 units),
    computed once per batch through `helpers.report.shared`."""
    params = data.params
    name = f"comparison-{params.level}-{params.as_of}"
    return shared(name, params.data_dir,
                  lambda tables: _batch_comparison(tables, params.level, params.as_of))


def _batch_comparison(tables: Tables, level: str, as_of: object) -> BatchComparison | None:
    from helpers.effects import event_study

    if tables.panel is None or tables.panel.empty:
        return None
    panel = province_panel(tables, level, as_of)
    if panel["province"].nunique() < MIN_UNITS:
        return None
    months = pd.PeriodIndex(panel["month"].unique(), freq="M")
    windows = campaign_windows(tables.campaigns, level, months)
    first = windows.drop_duplicates("unit")[lambda f: f["unit"].isin(set(panel["province"]))]
    study = event_study(panel, first) if not first.empty else None
    return BatchComparison(panel, windows, study)


def _donors(batch: BatchComparison, unit: str, start: pd.Period, end: pd.Period) -> list[str]:
    busy = batch.windows[(batch.windows["end"] >= start - LEAD_IN_MONTHS)
                         & (batch.windows["start"] <= end)]
    return sorted(batch.units - set(busy["unit"]) - {unit})


def comparison(data: ReportData, lang: str = "vi", *, its: Section | None = None
               ) -> Section | None:
    """The "compared with other provinces" section, or None when the panel holds fewer than 10
    units (the section is then left out). A toolkit error (an unbalanced panel, say) gives a
    "refuse" section saying why.

    Parameters
    ----------
    data
        The province's report data (the whole folder's panel is read once per batch).
    lang
        "vi" or "en".
    its
        The ITS section, whose rate ratio the designs are set against.
    """
    try:
        return _comparison(data, lang, its)
    except BhxhError as exc:
        return Section("comparison", words.TITLE[lang], words.not_analysed(str(exc), lang),
                       status="refuse")


def _comparison(data: ReportData, lang: str, its: Section | None) -> Section | None:
    if not data.has_panel:
        return None
    batch = batch_comparison(data)
    if batch is None:
        return None
    from helpers.effects import synthetic_control, synthetic_did
    from helpers.effects.panel import reusing_wide_panels
    from helpers.effects.synth_core import sharing_placebos

    unit = data.params.province
    own = batch.windows[batch.windows["unit"] == unit]
    designs: dict[str, _OneUnit | None] = {"synthetic_control": None, "synthetic_did": None}
    window = None
    if not own.empty:
        row = own.iloc[-1]
        window = (row["start"], row["end"])
        donors = _donors(batch, unit, *window)
        # Both designs pivot the batch's panel the same way: once a batch, not twice a report.
        with reusing_wide_panels(batch.panel, batch.pivots), sharing_placebos(batch.placebos):
            for name, design in (("synthetic_control", synthetic_control),
                                 ("synthetic_did", synthetic_did)):
                designs[name] = design(batch.panel, unit, window, donors=donors)
    # Without a campaign of its own, the ITS focal window is a national month: not comparable.
    # A district report's ITS is the district's; the designs compare its province.
    below = getattr(data.params, "unit", "province") != "province"
    its = its if window is not None and not below else None
    its_ratio = _its_ratio(its)
    summary = {k: _triple(v) for k, v in designs.items()}
    text = words.comparison_agreement(its_ratio, summary, lang) if window else (
        words.no_own_campaign(lang))
    if below:
        text = words.province_level(unit, data.place, lang) + " " + text
    study = batch.event_study
    shown: list[tuple[str, _OneUnit | EventStudyResult | None]] = [
        *designs.items(), ("event_study", study)]
    for name, result in shown:
        if result is None:
            continue
        if result.effect is None:
            text += " " + words.refused(name, result.warnings, lang)
        elif result.warnings:
            text += " " + words.caveats(name, result.warnings, lang)
    table = _table(its, designs, study, lang, own_its=not below)
    return Section("comparison", words.TITLE[lang], text, table=table,
                   data={"designs": designs, "event_study": study, "window": window,
                         "its_ratio": its_ratio, "n_units": len(batch.units)})


def _its_ratio(its: Section | None) -> float | None:
    if its is None or its.status != "ok":
        return None
    effect = its.data["result"].effects.get(its.data.get("focal"))
    return None if effect is None else float(effect.estimate)


def _triple(result) -> tuple[float, float, float] | None:
    if result is None or result.effect is None:
        return None
    return result.effect.estimate, result.effect.ci_low, result.effect.ci_high


def _table(its: Section | None, designs: dict, study, lang: str, *, own_its: bool = True
           ) -> pd.DataFrame:
    head = words.TABLE_HEAD[lang]
    rows = []
    its_effect = None
    if its is not None and its.status == "ok":
        its_effect = its.data["result"].effects.get(its.data.get("focal"))
    entries = [("its", its_effect, "province")] if own_its else []
    entries += [(name, None if r is None else r.effect, "province") for name, r in designs.items()]
    entries.append(("event_study", None if study is None else study.effect, "all"))
    for name, effect, scope in entries:
        rows.append({
            head[0]: words.design_name(name, lang),
            head[1]: words.SCOPES[scope][lang],
            head[2]: "—" if effect is None else words.design_effect(
                effect.estimate, effect.ci_low, effect.ci_high, lang),
            head[3]: "—" if effect is None else format_number(effect.p_value, lang, 3),
        })
    return pd.DataFrame(rows)
