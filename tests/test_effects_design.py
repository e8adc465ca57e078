"""Design matrices and Intervention: windows, steps, ramps, seasonal columns, month indexes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.effects.design import (
    Intervention,
    base_design,
    intervention_design,
    month_index,
    to_month,
)
from helpers.errors import DataError, ParameterError

MONTHS = pd.period_range("2022-01", periods=12, freq="M")


def test_window_step_and_ramp_columns():
    window = Intervention("w", "2022-03", "2022-04")
    single = Intervention("one", pd.Timestamp("2022-06-15"))
    step = Intervention("s", "2022-10", kind="step")
    ramp = Intervention("r", pd.Period("2022-10", "M"), kind="ramp")
    capped = Intervention("c", "2022-09", "2022-10", kind="ramp")
    assert window.column(MONTHS).tolist() == [0, 0, 1, 1] + [0] * 8
    assert single.column(MONTHS).sum() == 1 and single.column(MONTHS)[5] == 1
    assert step.column(MONTHS).tolist() == [0] * 9 + [1, 1, 1]
    assert ramp.column(MONTHS).tolist() == [0] * 9 + [0, 1, 2]
    assert capped.column(MONTHS).tolist() == [0] * 8 + [0, 1, 1, 1]
    assert capped.active(MONTHS).sum() == 2 and ramp.active(MONTHS).sum() == 3


def test_intervention_refusals():
    with pytest.raises(ParameterError, match="kind"):
        Intervention("x", "2022-01", kind="pulse")
    with pytest.raises(ParameterError, match="before it starts"):
        Intervention("x", "2022-05", "2022-03")
    with pytest.raises(ParameterError, match="YYYY-MM"):
        Intervention("x", "May 2022 maybe")
    with pytest.raises(ParameterError, match="missing"):
        to_month(None)


def test_base_design_columns():
    assert list(base_design(MONTHS, "none").columns) == ["const", "trend"]
    fourier = base_design(MONTHS, "fourier3")
    assert fourier.shape[1] == 8 and np.allclose(fourier["sin1"].to_numpy()[11], 0, atol=1e-12)
    dummies = base_design(MONTHS, "month")
    assert dummies.shape[1] == 13 and dummies.iloc[:, 2:].sum().eq(1).all()
    assert base_design(MONTHS, "fourier1")["trend"].mean() == pytest.approx(0)
    with pytest.raises(ParameterError, match="seasonality"):
        base_design(MONTHS, "weekly")


def test_intervention_design_checks_names_and_range():
    frame = intervention_design(MONTHS, [Intervention("a", "2022-02")])
    assert list(frame.columns) == ["a"] and frame["a"].sum() == 1
    with pytest.raises(ParameterError, match="outside"):
        intervention_design(MONTHS, [Intervention("a", "2021-02")])


def test_month_index_normalises_and_rejects():
    strings = pd.Index(["2022-03", "2022-01", "2022-02"])
    assert month_index(strings).strftime("%Y-%m").tolist() == ["2022-01", "2022-02", "2022-03"]
    assert month_index(pd.DatetimeIndex(["2022-01-31", "2022-02-01"])).freqstr == "M"
    with pytest.raises(DataError, match="gaps"):
        month_index(pd.Index(["2022-01", "2022-03"]))
    with pytest.raises(DataError, match="twice"):
        month_index(pd.Index(["2022-01", "2022-01"]))
    with pytest.raises(DataError, match="YYYY-MM"):
        month_index(pd.Index(["2022-01", "not a month"]))
