"""Report charts: titled, captioned, in the report's language, never empty or one bar."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers.narrative.charts import month_label, wrap  # noqa: E402
from helpers.report import plots  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _texts(fig) -> str:
    return " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


def _campaigns(**overrides) -> pd.DataFrame:
    row = {"province": "Bắc Kạn", "kind": "peak_campaign",
           "name": "Ngày BHYT Việt Nam và tháng cao điểm vận động người dân tham gia BHXH",
           "start": pd.Timestamp("2024-07-01"), "end": pd.Timestamp("2024-07-31")}
    return pd.DataFrame([row | overrides])


FLOWS = pd.DataFrame(columns=["period_start", "period_end", "value"])


def test_a_timeline_with_nothing_dated_or_one_row_is_not_drawn():
    assert plots.campaign_timeline(_campaigns(start=pd.NaT, end=pd.NaT), FLOWS) is None
    assert plots.campaign_timeline(_campaigns(), FLOWS) is None
    # A selection of no flows may have lost its columns (frame[[]]): still a clean refusal.
    assert plots.campaign_timeline(_campaigns(), pd.DataFrame()) is None
    end_only = _campaigns(name="Hội nghị", start=pd.NaT, end=pd.Timestamp("2023-03-30"))
    fig = plots.campaign_timeline(pd.concat([_campaigns(), end_only]), FLOWS, lang="vi")
    assert len(fig.axes[0].get_yticklabels()) == 2
    assert fig.axes[0].get_xlim()[0] > 18000  # dates of the 2020s, not 1970


def test_timeline_rows_are_only_dated_items_with_wrapped_labels_and_a_legend():
    items = pd.concat([_campaigns(), _campaigns(name="Chỉ thị", start=pd.NaT, end=pd.NaT),
                       _campaigns(name="Kế hoạch 12", kind="plan")])
    fig = plots.campaign_timeline(items, FLOWS, lang="vi")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 2  # the undated item leaves no blank row
    assert labels[0].replace("\n", " ") == _campaigns()["name"][0]  # wrapped, never cut
    assert max(len(line) for line in labels[0].split("\n")) <= 24
    assert ax.get_title(loc="left") and fig.legends
    assert "Đợt cao điểm" in [t.get_text() for t in fig.legends[0].get_texts()]


def test_vietnamese_charts_write_months_and_numbers_the_vietnamese_way():
    assert month_label(pd.Timestamp("2024-07-15"), "vi") == "thg 7, 2024"
    assert month_label(pd.Timestamp("2024-07-15"), "en") == "Jul 2024"
    stocks = pd.DataFrame({"province": ["Nghệ An"] * 2, "value": [70000.0, 87500.0],
                           "period_end": pd.to_datetime(["2022-12-31", "2024-12-31"])})
    targets = pd.DataFrame({"value": [95000.0], "period_end": pd.to_datetime(["2025-12-31"])})
    fig = plots.trajectory(stocks, targets, lang="vi")
    fig.canvas.draw()
    text = _texts(fig)
    assert "thg" in text and "Jul" not in text and "Dec" not in text
    assert "90.000" in text or "80.000" in text  # thousands separated with "."
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert any(t.startswith("Mục tiêu") and "95.000" in t for t in legend)  # the target drawn


def test_one_bar_is_a_sentence_not_a_chart():
    assert plots.district_bars(["Hiệp Hòa"], [120.0], lang="vi") is None
    assert plots.attainment_bars(["Bắc Giang"], [130.3], lang="en") is None
    fig = plots.district_bars(["Hiệp Hòa", "Lục Nam"], [120.0, 80.0], lang="en")
    assert fig.axes[0].get_xlabel() and fig.axes[0].get_title(loc="left")


def test_the_national_scatter_counts_campaigns_in_whole_numbers():
    fig = plots.growth_scatter(["A", "B", "C"], [1, 3, 6], [1.5, 2.25, 4.0], lang="vi")
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert ticks and all("." not in t and "," not in t for t in ticks)
    yticks = " ".join(t.get_text() for t in fig.axes[0].get_yticklabels())
    assert "." not in yticks


def test_figures_use_a_fixed_layout():
    fig = plots.counterfactual(
        pd.DataFrame({"observed": [1.0, 2.0], "mean": [1.0, 1.5], "lower": [0.5, 1.0],
                      "upper": [1.5, 2.0]}, index=pd.period_range("2024-01", periods=2, freq="M")),
        [(pd.Timestamp("2024-02-01"), pd.Timestamp("2024-02-29"))], lang="en")
    assert fig.get_layout_engine() is None
    assert "counterfactual" in _texts(fig)


def test_wrap_breaks_at_words():
    assert wrap("Ngày BHYT Việt Nam", 10) == "Ngày BHYT\nViệt Nam"


def test_ticks_only_where_the_axis_shows_them_and_the_same_picture():
    """Dates and numbers on the report's axes make ticks only inside the view (matplotlib
    draws no other): fewer tick objects than the plain locators make, and the SVG byte for byte
    that of the plain locators; with a formatter that reads every location (matplotlib's
    default, for its offset) every location is kept."""
    import io

    import matplotlib
    import matplotlib.pyplot as plt
    import matplotlib.ticker
    import numpy as np
    import pandas as pd

    from helpers.narrative.charts import InViewLocator, date_axis, new_figure, number_axis
    from helpers.report.view import SVG_RC

    months = pd.date_range("2019-01-01", periods=70, freq="MS")
    values = 40_000 + 350 * np.arange(70) + 900 * np.sin(np.arange(70) / 2)

    def chart(years: bool, unwrap: bool):
        fig, ax = new_figure()
        ax.plot(months if years else months[:14], values if years else values[:14])
        date_axis(ax, "vi")
        number_axis(ax, "vi")
        for axis in (ax.xaxis, ax.yaxis):
            assert isinstance(axis.get_major_locator(), InViewLocator)
            if unwrap:
                axis.set_major_locator(axis.get_major_locator().base)
        out = io.BytesIO()
        with matplotlib.rc_context(SVG_RC):
            fig.savefig(out, format="svg", metadata={"Date": None})
        ticks = len(ax.xaxis.majorTicks) + len(ax.yaxis.majorTicks)
        plt.close(fig)
        return out.getvalue(), ticks

    for years in (True, False):
        ours, ours_ticks = chart(years, unwrap=False)
        plain, plain_ticks = chart(years, unwrap=True)
        assert ours == plain
        assert ours_ticks < plain_ticks
    fig, ax = new_figure()
    ax.plot(range(10), range(10))
    number_axis(ax, "en")
    ax.yaxis.set_major_formatter(matplotlib.ticker.ScalarFormatter())
    ax.figure.canvas.draw()
    assert list(ax.yaxis.get_major_locator()()) == list(
        ax.yaxis.get_major_locator().base())
    plt.close(fig)


def test_tick_locations_are_worked_out_once_per_view():
    """A draw asks each axis for its tick locations several times; the report's axes work
    them out once per view (again when the view changes). The picture is pinned by
    `test_ticks_only_where_the_axis_shows_them_and_the_same_picture`."""
    import io

    import matplotlib.ticker

    from helpers.narrative.charts import new_figure, number_axis

    class Counting(matplotlib.ticker.MaxNLocator):
        calls = 0

        def __call__(self):
            Counting.calls += 1
            return super().__call__()

    def draw(wrapped: bool) -> int:
        fig, ax = new_figure()
        ax.plot(range(30), [v * v for v in range(30)])
        ax.yaxis.set_major_locator(Counting())
        if wrapped:
            number_axis(ax, "en")
        else:
            ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
        Counting.calls = 0
        fig.savefig(io.BytesIO(), format="svg", metadata={"Date": None})
        calls = Counting.calls
        if wrapped:
            ax.set_ylim(0, 500)
            fig.savefig(io.BytesIO(), format="svg", metadata={"Date": None})
            assert Counting.calls == calls + 1
        plt.close(fig)
        return calls

    assert draw(True) == 1
    assert draw(False) >= 2
