"""Guardrail checks: stock-flow identity, separability, seasonality fallback, collinearity."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.effects import Intervention, check_stock_flow
from helpers.effects.checks import (
    collinearity_refusals,
    diagnostic_warnings,
    length_refusals,
    seasonality_for,
    separability_warnings,
)
from helpers.errors import MissingColumnError
from helpers.simulate import simulate_panel


def test_stock_flow_identity_holds_and_breaks():
    panel, _ = simulate_panel(4, n_months=24, seed=1)
    assert check_stock_flow(panel) == []
    broken = panel.copy()
    broken.loc[5, "participants"] += 500
    broken.loc[60, "dropouts"] += broken.loc[60, "participants"] // 50  # about 2% off
    notes = check_stock_flow(broken)
    assert len(notes) == 2 and "District 001" in notes[0] and "2019-06" in notes[0]
    assert check_stock_flow(broken, tolerance=0.5) == []
    unitless = panel[panel["district"] == "District 001"].drop(columns=["province", "district"])
    assert check_stock_flow(unitless) == []


def test_stock_flow_small_rounding_passes_and_missing_column_raises():
    panel, _ = simulate_panel(1, n_months=12, seed=2)
    nudged = panel.copy()
    nudged.loc[3, "participants"] += 1  # far below 1%
    assert check_stock_flow(nudged) == []
    with pytest.raises(MissingColumnError, match="dropouts"):
        check_stock_flow(panel.drop(columns="dropouts"))


def test_length_and_separability_rules():
    assert length_refusals(8, 3) == []
    assert len(length_refusals(7, 2)) == 2
    close = [Intervention("a", "2023-01"), Intervention("b", "2023-03")]
    far = [Intervention("a", "2023-01"), Intervention("b", "2023-04")]
    assert len(separability_warnings(close)) == 1 and separability_warnings(far) == []


def test_seasonality_fallback_and_collinearity():
    assert seasonality_for("month", 24) == ("month", [])
    chosen, notes = seasonality_for("month", 23)
    assert chosen == "fourier2" and notes
    assert seasonality_for("fourier3", 10) == ("fourier3", [])
    exog = np.column_stack([np.ones(10), np.arange(10), np.r_[np.zeros(5), np.ones(5)]])
    assert collinearity_refusals(exog, ["const", "trend", "step"]) == []
    twin = np.column_stack([exog, exog[:, 2]])
    note = collinearity_refusals(twin, ["const", "trend", "step", "twin"])
    assert "'step'" in note[0] and "'twin'" in note[0]


def test_diagnostic_warning_for_leftover_season():
    """The lag-12 rule is a z-score against the working model (issue 13), not |r| > 0.3."""
    assert diagnostic_warnings({"acf_lag12": 0.5, "acf_lag12_z": 4.0})[0].code == "SEASON_LAG12"
    assert diagnostic_warnings({"acf_lag12": 0.35, "acf_lag12_z": 1.5}) == []
    assert diagnostic_warnings({"acf_lag12": float("nan"), "acf_lag12_z": float("nan")}) == []


def test_degrees_of_freedom_rule():
    from helpers.effects.checks import degrees_of_freedom_refusals

    assert degrees_of_freedom_refusals(20, 14) == []
    assert "parameters" in degrees_of_freedom_refusals(20, 15)[0]


def test_stock_flow_accepts_loaded_panels_and_reports_unchecked_months():
    import pandas as pd

    panel, _ = simulate_panel(2, n_months=24, seed=1)
    panel["month"] = pd.to_datetime(panel["month"] + "-01")  # as helpers.io.load_panel gives
    for column in ("participants", "new_participants", "dropouts"):
        panel[column] = panel[column].astype("Int64")
    assert check_stock_flow(panel) == []
    panel.loc[3, "dropouts"] = pd.NA
    notes = check_stock_flow(panel)
    assert len(notes) == 1 and "could not be checked in 1 month" in notes[0]
    assert "2019-04" in notes[0] and "thiếu số liệu" in notes[0].vi


def test_separability_counts_from_the_end_of_a_window():
    window = Intervention("peak", "2023-01", "2023-06")
    assert len(separability_warnings([window, Intervention("launch", "2023-08")])) == 1
    assert separability_warnings([window, Intervention("launch", "2023-09")]) == []
    inside = Intervention("day", "2023-03")
    later = Intervention("other", "2023-12")
    notes = separability_warnings([Intervention("year", "2023-01", "2023-12"), inside, later])
    assert len(notes) == 2 and "0 month(s)" in notes[0]
    step = Intervention("support", "2022-01", kind="step")
    assert separability_warnings([step, Intervention("campaign", "2022-05")]) == []
