"""Seaborn figures for the province report, one function per chart, data first.

Figures are small (phone width) and labelled in the report's language.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib
import matplotlib.dates
import matplotlib.pyplot as plt
import matplotlib.ticker
import pandas as pd
from matplotlib.figure import Figure

from helpers.report.layout import LabelMarginLayout
from helpers.text import format_number

# Narrow enough that labels stay legible when a phone scales the image to ~380 px.
SIZE = (5.6, 3.4)
LABELS = {
    "vi": {
        "participants": "Người tham gia",
        "target": "Mục tiêu",
        "monthly": "Hàng tháng",
        "press": "Số liệu báo chí",
        "date": "Thời gian",
        "new": "Tham gia mới",
        "observed": "Thực tế",
        "counterfactual": "Dự kiến nếu không vận động",
        "interval": "Khoảng 95%",
        "campaign": "Đợt vận động",
    },
    "en": {
        "participants": "Participants",
        "target": "Target",
        "monthly": "Monthly",
        "press": "Press figures",
        "date": "Date",
        "new": "New members",
        "observed": "Observed",
        "counterfactual": "Expected without campaign",
        "interval": "95% interval",
        "campaign": "Campaign",
    },
}
KIND_COLOURS = {
    "directive": "#1b9e77",
    "plan": "#7570b3",
    "campaign_month": "#d95f02",
    "peak_campaign": "#e7298a",
    "launch_event": "#66a61e",
    "conference": "#a6761d",
}


# seaborn's whitegrid theme (context "notebook", font scale 0.9) from the styles matplotlib
# ships: importing seaborn, and scipy behind it, would cost each report kernel about two
# seconds for a few plain charts.
STYLE = (
    "seaborn-v0_8-whitegrid",
    "seaborn-v0_8-deep",
    {
        "font.size": 10.8,
        "axes.labelsize": 10.8,
        "axes.titlesize": 10.8,
        "xtick.labelsize": 9.9,
        "ytick.labelsize": 9.9,
        "legend.fontsize": 9.9,
        "lines.linewidth": 1.5,
        "lines.markersize": 6,
    },
)


def new_figure() -> tuple[Figure, plt.Axes]:
    """A phone-width figure in the report's theme.

    Its margins fit its labels (`helpers.report.layout`), as constrained layout would fit them,
    at a fraction of the cost.
    """
    plt.style.use(STYLE)
    fig, ax = plt.subplots(figsize=SIZE, dpi=90, layout=LabelMarginLayout())
    return fig, ax


def _dates(ax: plt.Axes) -> None:
    locator = matplotlib.dates.AutoDateLocator(minticks=3, maxticks=6)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(matplotlib.dates.ConciseDateFormatter(locator))


def _thousands(ax: plt.Axes, lang: str) -> None:
    ax.yaxis.set_major_formatter(
        matplotlib.ticker.FuncFormatter(lambda v, _: format_number(v, lang))
    )


def trajectory(
    stocks: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    monthly: pd.Series | None = None,
    lang: str = "vi",
) -> Figure:
    """Participants over time: press stocks as points and lines, monthly totals as a line,
    dated targets as red markers."""
    lab = LABELS[lang]
    fig, ax = new_figure()
    if monthly is not None and not monthly.dropna().empty:
        ax.plot(monthly.index.to_timestamp(), monthly.values, color="#4c72b0", label=lab["monthly"])
    if not stocks.empty:
        several = stocks["province"].nunique() > 1
        for name, rows in stocks.groupby("province", sort=False):
            ax.plot(
                rows["period_end"],
                rows["value"],
                marker="o",
                label=name if several else lab["press"],
            )
    dated = targets.dropna(subset=["period_end"])
    if not dated.empty:
        ax.scatter(
            dated["period_end"],
            dated["value"],
            marker="X",
            s=110,
            color="#c44e52",
            zorder=5,
            label=lab["target"],
        )
    _dates(ax)
    ax.set_xlabel(lab["date"])
    ax.set_ylabel(lab["participants"])
    _thousands(ax, lang)
    ax.legend(loc="upper left", frameon=False)
    return fig


def campaign_timeline(campaigns: pd.DataFrame, flows: pd.DataFrame, *, lang: str = "vi") -> Figure:
    """Timeline: one row per directive, plan or campaign (bars for windows, dots for days)."""
    fig, ax = new_figure()
    items = campaigns.sort_values("start").reset_index(drop=True)
    for y, row in items.iterrows():
        start, end = row["start"], row["end"] if pd.notna(row["end"]) else row["start"]
        colour = KIND_COLOURS.get(row["kind"], "grey")
        if pd.isna(start):
            continue
        if end > start:
            ax.barh(y, (end - start).days + 1, left=start, color=colour, height=0.5)
        else:
            ax.plot(start, y, "D", color=colour)
    labels = [str(n)[:38] for n in items["name"]]
    if not flows.empty:
        base = len(items)
        for j, (_, row) in enumerate(flows.sort_values("period_end").iterrows()):
            ax.barh(
                base + j,
                (row["period_end"] - row["period_start"]).days + 1,
                left=row["period_start"],
                color="#8c8c8c",
                height=0.5,
            )
            labels.append(f"{LABELS[lang]['new']}: {format_number(row['value'], lang)}")
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    _dates(ax)
    ax.set_xlabel(LABELS[lang]["date"])
    fig.set_figheight(max(2.2, 0.45 * len(labels) + 1.2))
    return fig


def district_bars(names: Sequence[str], values: Sequence[float], *, lang: str = "vi") -> Figure:
    """Horizontal bars ranking districts or communes."""
    fig, ax = new_figure()
    ax.barh(range(len(names)), list(values), color="#4c72b0", height=0.8)
    ax.set_yticks(range(len(names)), list(names))
    ax.invert_yaxis()  # largest first, at the top
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_formatter(
        matplotlib.ticker.FuncFormatter(lambda v, _: format_number(v, lang))
    )
    ax.set_xlabel(LABELS[lang]["new"])
    ax.set_ylabel("")
    fig.set_figheight(max(2.2, 0.4 * len(names) + 1.0))
    return fig


def counterfactual(
    frame: pd.DataFrame, windows: Sequence[tuple[pd.Timestamp, pd.Timestamp]], *, lang: str = "vi"
) -> Figure:
    """Observed new members against the model's counterfactual and its 95% band.

    ``frame`` has a month index and columns observed, mean, lower, upper.
    """
    lab = LABELS[lang]
    fig, ax = new_figure()
    index = frame.index
    x = index.to_timestamp() if isinstance(index, pd.PeriodIndex) else pd.DatetimeIndex(index)
    ax.fill_between(
        x, frame["lower"], frame["upper"], color="#dd8452", alpha=0.25, label=lab["interval"]
    )
    ax.plot(x, frame["mean"], color="#dd8452", linestyle="--", label=lab["counterfactual"])
    ax.plot(x, frame["observed"], color="#4c72b0", marker=".", label=lab["observed"])
    for i, (start, end) in enumerate(windows):
        ax.axvspan(
            start, end, color="#55a868", alpha=0.15, label=lab["campaign"] if i == 0 else None
        )
    _dates(ax)
    ax.set_ylabel(lab["new"])
    _thousands(ax, lang)
    ax.legend(loc="upper left", frameon=False, fontsize="small")
    return fig
