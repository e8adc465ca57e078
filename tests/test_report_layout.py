"""Chart layout without constrained layout: every label inside the figure, one draw per save;
and facts tables validated once per load."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers.errors import InvalidValueError  # noqa: E402
from helpers.indicators.facts import is_checked, select  # noqa: E402
from helpers.io import load_facts  # noqa: E402
from helpers.narrative.layout import settle  # noqa: E402
from helpers.report import plots  # noqa: E402

FIXTURE = Path(__file__).parent / "fixtures" / "report"


def _campaigns(n: int) -> pd.DataFrame:
    start = pd.Timestamp("2021-01-01")
    return pd.DataFrame({
        "name": [f"Đợt cao điểm vận động tham gia BHXH tự nguyện số {i}" for i in range(n)],
        "kind": "peak_campaign",
        "start": [start + pd.DateOffset(months=5 * i) for i in range(n)],
        "end": [start + pd.DateOffset(months=5 * i + 1) for i in range(n)],
    })


@pytest.mark.parametrize("case", ["timeline", "bars", "trajectory"])
def test_every_label_lies_inside_the_figure_and_close_to_its_edges(case):
    if case == "timeline":
        fig = plots.campaign_timeline(_campaigns(5), pd.DataFrame(), lang="vi")
    elif case == "bars":
        fig = plots.district_bars(["Hiệp Hòa", "Thành phố Bắc Giang"], [1374.0, 1250000.0])
    else:
        stocks = pd.DataFrame({"province": "Bắc Giang", "value": [21233.0, 1051241.0],
                               "period_end": pd.to_datetime(["2021-12-31", "2024-06-30"])})
        fig = plots.trajectory(stocks, stocks.iloc[:0])
    settle(fig)  # a no-op for the charts' fixed layout; it detaches a LabelMarginLayout
    assert fig.get_layout_engine() is None  # savefig then draws the figure once
    fig.canvas.draw()
    # Everything drawn (tick labels in view, axis labels) fits, with at most a small margin.
    drawn = fig.get_tightbbox(fig.canvas.get_renderer())
    width, height = fig.get_size_inches()
    assert drawn.x0 >= -0.01 and drawn.y0 >= -0.01
    assert drawn.x1 <= width + 0.01 and drawn.y1 <= height + 0.01
    assert drawn.x0 < 0.25 and drawn.y0 < 0.25 and width - drawn.x1 < 0.25
    plt.close(fig)


def test_a_loaded_facts_table_is_validated_once_and_again_after_a_bad_edit():
    facts = load_facts(FIXTURE / "facts.csv")
    assert is_checked(facts)
    chosen = select(facts, province="Bac Giang", indicator="participants")
    assert is_checked(chosen) and len(chosen) > 0  # the mark survives a selection
    broken = facts.assign(value=["bảy nghìn"] * len(facts))  # not numbers any more
    assert not is_checked(broken)
    with pytest.raises(InvalidValueError, match="value"):
        select(broken, province="Bac Giang")
