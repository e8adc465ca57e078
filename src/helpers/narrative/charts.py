"""The look and words of every chart: one theme, titles, captions, axes in the reader's language.

``ITSResult.plot`` and ``forecast.plot_fan`` draw here, and ``helpers.report.plots`` uses the same
theme and helpers, so every figure of a report shares one palette (colour-blind safe) and writes
months and numbers the way the report's language does ("thg 7, 2024", "87.500").
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any, cast

import matplotlib.axis
import matplotlib.dates
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.text import format_number

# Narrow enough that labels stay legible when a phone scales the image to ~380 px.
SIZE = (6.4, 3.8)
#: seaborn's colour-blind palette (as ``sns.color_palette("colorblind")``), by role.
PALETTE = {
    "observed": "#0173b2",
    "model": "#de8f05",
    "campaign": "#029e73",
    "target": "#d55e00",
    "other": "#949494",
    "accent": "#cc78bc",
}
# seaborn's whitegrid theme and colorblind palette from the styles matplotlib ships: importing
# seaborn, and scipy behind it, would cost each report kernel about two seconds.
STYLE = (
    "seaborn-v0_8-whitegrid",
    "seaborn-v0_8-colorblind",
    {
        "font.size": 10.5,
        "axes.labelsize": 10.5,
        "axes.titlesize": 11.5,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "xtick.labelsize": 9.5,
        "ytick.labelsize": 9.5,
        "legend.fontsize": 9.5,
        "lines.linewidth": 1.6,
        "lines.markersize": 5,
        "figure.dpi": 90,
    },
)
LABELS = {
    "vi": {
        "participants": "Người tham gia (người)",
        "new": "Người tham gia mới (người/tháng)",
        "new_people": "Người tham gia mới (người)",
        "date": "Thời gian",
        "month": "Tháng",
        "observed": "Thực tế",
        "counterfactual": "Dự kiến nếu không có chiến dịch",
        "interval": "Khoảng 95%",
        "band": "Khoảng {level}%",
        "campaign": "Tháng chiến dịch",
        "median": "Trung vị dự báo",
        "target": "Mục tiêu",
        "its_title": "Người tham gia mới so với kịch bản không có chiến dịch",
        "its_caption": "Đường nét đứt: số dự kiến nếu không có chiến dịch (phản thực tế), với "
                       "khoảng 95%; vùng tô: các tháng chiến dịch.",
        "fan_title": "Dự báo số người tham gia đến {month}",
        "fan_caption": "Các dải: {levels} số đường mô phỏng; đường ngang: mục tiêu {target} "
                       "người.",
    },
    "en": {
        "participants": "Participants (people)",
        "new": "New participants (people/month)",
        "new_people": "New participants (people)",
        "date": "Date",
        "month": "Month",
        "observed": "Observed",
        "counterfactual": "Expected without the campaign",
        "interval": "95% interval",
        "band": "{level}% band",
        "campaign": "Campaign months",
        "median": "Median forecast",
        "target": "Target",
        "its_title": "New participants against no campaign",
        "its_caption": "Dashed line: the expected count without the campaign (the "
                       "counterfactual), with its 95% interval; shaded: campaign months.",
        "fan_title": "Participants forecast to {month}",
        "fan_caption": "Bands: {levels} of simulated paths; horizontal line: the target of "
                       "{target} participants.",
    },
}


def new_figure(size: tuple[float, float] = SIZE) -> tuple[Figure, Axes]:
    """A figure in the report theme with a fixed layout (no layout search: figures are cheap).

    `finish` sets the margins for the title, legend and caption it places in figure
    coordinates; a label-fitting engine (`helpers.narrative.layout`) would move the axes under
    them.
    """
    plt.style.use(STYLE)
    fig, ax = plt.subplots(figsize=size)
    return fig, ax


def wrap(label: object, width: int = 28) -> str:
    """A label broken into lines at word boundaries, never cut mid-word."""
    return "\n".join(textwrap.wrap(str(label), width=width, break_long_words=False)) or ""


def month_label(when: pd.Timestamp, lang: str) -> str:
    """ "thg 7, 2024" (vi) / "Jul 2024" (en) from Babel's calendar names."""
    from babel.dates import format_date

    pattern = "MMM, y" if lang == "vi" else "MMM y"
    return format_date(pd.Timestamp(when).date(), pattern, locale="vi" if lang == "vi" else "en")


class InViewLocator(matplotlib.ticker.Locator):
    """The locations of ``base`` inside the axis's view, when each tick's label depends on its
    own value only (a `FuncFormatter` or `DateFormatter`; with another formatter, all of
    them).

    matplotlib makes a tick (three lines and two texts, ~0.7 ms) for every location the locator
    returns and draws those inside the view; the year, month and number locators return one
    or two beyond each end (about a fifth of a report's ticks). A hair of margin keeps every
    location matplotlib would draw, so the same ticks are drawn, with the same labels.

    A draw asks for the locations three times an axis (the ticks, then their boxes for each
    axis label); ``base``'s, which depend on the view only (the year and month rules run
    through dateutil), are worked out once per view.
    """

    def __init__(self, base: matplotlib.ticker.Locator) -> None:
        self.base = base
        self._view: tuple[float, float] | None = None
        self._locs: np.ndarray = np.empty(0)

    def set_axis(self, axis) -> None:
        super().set_axis(axis)
        self.base.set_axis(axis)

    def __call__(self):
        axis = self.axis
        if not isinstance(axis, matplotlib.axis.Axis) or not isinstance(
                axis.get_major_formatter(),
                matplotlib.ticker.FuncFormatter | matplotlib.dates.DateFormatter):
            return self.base()
        low, high = sorted(map(float, axis.get_view_interval()))
        view = (low, high)
        if view != self._view:
            self._view, self._locs = view, np.asarray(self.base())
        margin = 1e-6 * (high - low)
        values = self._locs
        return values[(values >= low - margin) & (values <= high + margin)]

    def tick_values(self, vmin, vmax):
        return self.base.tick_values(vmin, vmax)

    def view_limits(self, vmin, vmax):
        return self.base.view_limits(vmin, vmax)

    def nonsingular(self, v0, v1):
        return self.base.nonsingular(v0, v1)


def _in_view(target) -> None:
    """Ticks only where the axis shows them (`InViewLocator`)."""
    locator = target.get_major_locator()
    if not isinstance(locator, InViewLocator):
        target.set_major_locator(InViewLocator(locator))


def date_axis(ax: Axes, lang: str, *, axis: str = "x") -> None:
    """Dates on an axis in the report language: years ("2021") over long spans, else month and
    year ("thg 7, 2024" / "Jul 2024"); at most six ticks, so labels never run together."""
    target = ax.xaxis if axis == "x" else ax.yaxis
    low, high = ax.get_xlim() if axis == "x" else ax.get_ylim()
    if high - low < 90:  # a single day or month: widen, so three month ticks fit
        middle = (low + high) / 2
        (ax.set_xlim if axis == "x" else ax.set_ylim)(middle - 60, middle + 60)
        low, high = middle - 60, middle + 60
    if high - low > 3 * 365:
        step = max(1, int(-(-(high - low) / 365.25 // 6)))
        target.set_major_locator(matplotlib.dates.YearLocator(step))
        target.set_major_formatter(matplotlib.dates.DateFormatter("%Y"))
        _in_view(target)
        return
    months = (high - low) / 30.44
    step = next((m for m in (1, 2, 3, 4, 6) if months / m <= 5), 12)
    target.set_major_locator(matplotlib.dates.MonthLocator(range(1, 13, step)))
    target.set_major_formatter(matplotlib.ticker.FuncFormatter(
        lambda v, _: month_label(matplotlib.dates.num2date(v), lang)))
    _in_view(target)


def number_axis(ax: Axes, lang: str, *, axis: str = "y", decimals: int | None = 0) -> None:
    """Numbers on an axis with the language's separators: "87.500" (vi), "87,500" (en)."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(matplotlib.ticker.FuncFormatter(
        lambda v, _: format_number(v, lang, decimals)))
    _in_view(target)


def label_margin(labels: Sequence[str], width: float = SIZE[0]) -> float:
    """Left margin (share of the figure width) that fits the longest line of y tick labels."""
    longest = max((len(line) for label in labels for line in str(label).split("\n")), default=4)
    return min(0.55, (0.3 + 0.078 * longest) / width)


def finish(fig: Figure, ax: Axes, *, title: str, caption: str = "", legend: bool = True,
           left: float | None = None) -> Figure:
    """Title above, then the axes, the legend and the caption below them: a fixed layout sized
    from the number of lines, with no layout search."""
    title = wrap(title, 60)
    # An explicit y: matplotlib otherwise measures every x tick label at each draw to lift
    # the title over ticks on top of the axes, which these charts never have.
    ax.set_title(title, loc="left", y=1.0)
    width, height = fig.get_size_inches()
    caption = wrap(caption, int(width * 14.5)) if caption else ""
    caption_h = 0.16 * (caption.count("\n") + 1) + 0.12 if caption else 0.05
    handles, labels = ax.get_legend_handles_labels()
    legend_h, ncol = 0.0, 1
    if legend and handles:
        # As many columns as fit the width (about 14 characters an inch at this size).
        longest = max(len(label) for label in labels) + 4
        ncol = max(1, min(len(handles), int(width * 13 // longest), 3))
        legend_h = 0.25 * -(-len(handles) // ncol) + 0.08
    total = height + legend_h + caption_h
    fig.set_size_inches(width, total)
    bottom = caption_h + legend_h + 0.58  # tick labels and the axis label under the axes
    fig.subplots_adjust(left=left if left is not None else 0.98 / width, right=0.97,
                        bottom=bottom / total,
                        top=1 - (0.2 + 0.22 * (title.count("\n") + 1)) / total)
    if legend_h:
        fig.legend(handles, labels, loc="upper left", ncol=ncol, frameon=False,
                   bbox_to_anchor=(0.01, (caption_h + legend_h) / total))
    if caption:
        fig.text(0.01, 0.06 / total, caption, fontsize=8.5, color="0.3", va="bottom",
                 ha="left")
    return fig


def _canvas(ax: Axes | None) -> tuple[Figure, Axes, bool]:
    """The figure and axes to draw on, and whether this module made them (then it lays out the
    whole figure; on a caller's axes it only draws)."""
    if ax is None:
        fig, ax = new_figure()
        return fig, ax, True
    return cast(Figure, ax.get_figure()), ax, False


def its_chart(result: Any, ax: Axes | None = None, *, lang: str = "en") -> Axes:
    """Observed counts of an ``ITSResult`` against its counterfactual band; campaign months
    shaded; title, caption, units and legend in ``lang``."""
    lab = LABELS["vi" if lang == "vi" else "en"]
    fig, ax, own = _canvas(ax)
    frame = result.counterfactual
    when = frame.index.to_timestamp()
    ax.fill_between(when, frame["lower"], frame["upper"], color=PALETTE["model"], alpha=0.2,
                    linewidth=0, label=lab["interval"])
    ax.plot(when, frame["mean"], color=PALETTE["model"], ls="--", label=lab["counterfactual"])
    ax.plot(when, frame["observed"], color=PALETTE["observed"], marker=".",
            label=lab["observed"])
    for i, month in enumerate(result.extra_months):
        ax.axvspan(month.to_timestamp(), (month + 1).to_timestamp(), color=PALETTE["campaign"],
                   alpha=0.15, lw=0, label=lab["campaign"] if i == 0 else None)
    ax.set_xlabel(lab["month"])
    ax.set_ylabel(lab["new"])
    date_axis(ax, lang)
    number_axis(ax, lang)
    if own:
        finish(fig, ax, title=lab["its_title"], caption=lab["its_caption"])
    else:
        ax.legend(loc="upper left", frameon=False)
    return ax


def fan_chart(result: Any, ax: Axes | None = None, *, lang: str = "vi") -> Axes:
    """Fan chart of a ``TargetProbability``: observed stock, median projection, nested bands,
    the target and its month."""
    lab = LABELS["vi" if lang == "vi" else "en"]
    fig, ax, own = _canvas(ax)
    observed = result.observed.to_timestamp()
    fan = result.fan.assign(month=result.fan["month"].dt.to_timestamp())
    levels = sorted(result.levels, reverse=True)
    for shade, level in zip((0.15, 0.25, 0.35), levels, strict=True):
        ax.fill_between(fan["month"], fan[f"lower_{level}"], fan[f"upper_{level}"],
                        color=PALETTE["observed"], alpha=shade, linewidth=0,
                        label=lab["band"].format(level=level))
    ax.plot(observed.index, observed.to_numpy(), color="black", label=lab["observed"])
    ax.plot(fan["month"], fan["median"], color=PALETTE["observed"], linestyle="--",
            label=lab["median"])
    ax.axhline(result.target, color=PALETTE["target"], linewidth=1.2, label=lab["target"])
    ax.axvline(result.by.to_timestamp(), color="grey", linewidth=0.8, linestyle=":")
    ax.set_xlabel(lab["month"])
    ax.set_ylabel(lab["participants"])
    date_axis(ax, lang)
    number_axis(ax, lang)
    if own:
        month = month_label(result.by.to_timestamp(), lang)
        shares = ", ".join(f"{level}%" for level in levels)
        finish(fig, ax, title=lab["fan_title"].format(month=month),
               caption=lab["fan_caption"].format(levels=shares,
                                                 target=format_number(result.target, lang)))
    else:
        ax.legend(loc="upper left", fontsize="small", frameon=False)
    return ax
