"""Figures of the province report and the national summary, one function per chart, data first.

Every chart has a title, a caption, axis labels with units and a legend in the report's language
(theme and words in ``helpers.narrative.charts``). A chart that would show no data or a single
bar is not drawn: the function returns None and the section's sentence stands alone.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.ticker
import pandas as pd
from matplotlib.figure import Figure

from helpers.narrative.charts import (
    PALETTE,
    SIZE,
    date_axis,
    finish,
    label_margin,
    month_label,
    new_figure,
    number_axis,
    wrap,
)
from helpers.report.tables import KIND_NAMES
from helpers.text import format_number, format_percent

__all__ = ["SIZE", "campaign_timeline", "counterfactual", "district_bars", "trajectory"]

LABELS = {
    "vi": {
        "participants": "Người tham gia (người)",
        "target": "Mục tiêu",
        "target_at": "Mục tiêu {when}: {value}",
        "monthly": "Số liệu hằng tháng",
        "press": "Số liệu báo chí",
        "date": "Thời gian",
        "new": "Tham gia mới",
        "new_people": "Người tham gia mới (người)",
        "new_month": "Người tham gia mới (người/tháng)",
        "observed": "Thực tế",
        "counterfactual": "Dự kiến nếu không có chiến dịch",
        "interval": "Khoảng 95%",
        "campaign": "Thời gian chiến dịch",
        "trajectory_title": "Số người tham gia BHXH tự nguyện theo thời gian",
        "trajectory_caption": "Điểm: số liệu báo chí; đường liền: số liệu hằng tháng (nếu có); "
                              "đường ngang nét đứt: mục tiêu có thời hạn.",
        "timeline_title": "Các chỉ thị, kế hoạch và đợt vận động",
        "timeline_caption": "Thanh: thời gian của chỉ thị, kế hoạch hoặc đợt vận động; hình "
                            "thoi: sự kiện trong một ngày; thanh xám: số người tham gia mới "
                            "của một đợt do báo chí nêu.",
        "districts_title": "Các địa phương có số liệu",
        "districts_caption": "Số liệu báo chí của từng huyện, xã; các địa phương không được báo "
                             "nêu không có trong biểu đồ.",
        "its_title": "Người tham gia mới so với kịch bản không có chiến dịch",
        "its_caption": "Đường nét đứt: số dự kiến nếu không có chiến dịch (phản thực tế), với "
                       "khoảng 95%; vùng tô: thời gian chiến dịch.",
        "attainment_title": "Mức hoàn thành kế hoạch của đợt vận động gần nhất",
        "attainment_caption": "Đường nét đứt: 100% kế hoạch. Số liệu báo chí.",
        "attainment_axis": "% kế hoạch",
        "scatter_title": "Tăng trưởng hằng năm và số đợt vận động",
        "scatter_caption": "Mỗi điểm là một tỉnh; mô tả, không cho thấy quan hệ nhân quả.",
        "scatter_x": "Số đợt vận động (đợt)",
        "scatter_y": "Tăng trưởng mỗi năm (%)",
        "named": "Chỉ ghi tên các tỉnh tăng nhanh nhất và chậm nhất; bảng ở trên có đủ các tỉnh.",
    },
    "en": {
        "participants": "Participants (people)",
        "target": "Target",
        "target_at": "Target {when}: {value}",
        "monthly": "Monthly figures",
        "press": "Press figures",
        "date": "Date",
        "new": "New members",
        "new_people": "New participants (people)",
        "new_month": "New participants (people/month)",
        "observed": "Observed",
        "counterfactual": "Expected without the campaign",
        "interval": "95% interval",
        "campaign": "Campaign period",
        "trajectory_title": "Voluntary social insurance participants over time",
        "trajectory_caption": "Dots: press figures; solid line: monthly figures (when there are "
                              "any); dashed horizontal line: a dated target.",
        "timeline_title": "Directives, plans and campaigns",
        "timeline_caption": "Bars: the period of a directive, plan or campaign; diamonds: "
                            "one-day events; grey bars: a campaign's new participants as "
                            "reported in the press.",
        "districts_title": "Places with figures",
        "districts_caption": "Press figures for each district or commune; places the press did "
                             "not name are not shown.",
        "its_title": "New participants against no campaign",
        "its_caption": "Dashed line: the expected count without the campaign (the "
                       "counterfactual), with its 95% interval; shaded: the campaign period.",
        "attainment_title": "Attainment of plan in the latest campaign",
        "attainment_caption": "Dashed line: 100% of plan. Press figures.",
        "attainment_axis": "% of plan",
        "scatter_title": "Annual growth and number of campaigns",
        "scatter_caption": "Each dot is a province; descriptive, not evidence of cause.",
        "scatter_x": "Campaigns (count)",
        "scatter_y": "Growth per year (%)",
        "named": "Only the fastest and slowest growing provinces are named; the table above "
                 "lists them all.",
    },
}
#: A scatter names every province up to this many; beyond, only the extremes.
MAX_NAMED = 12
KIND_COLOURS = {
    "directive": PALETTE["observed"],
    "plan": PALETTE["accent"],
    "campaign_month": PALETTE["model"],
    "peak_campaign": PALETTE["target"],
    "launch_event": PALETTE["campaign"],
    "conference": "#ca9161",
}


def _lab(lang: str) -> dict[str, str]:
    return LABELS["vi" if lang == "vi" else "en"]


def trajectory(
    stocks: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    monthly: pd.Series | None = None,
    lang: str = "vi",
) -> Figure:
    """Participants over time: press stocks as points and lines, monthly totals as a line,
    each dated target as a marker on a dashed line at its level."""
    lab = _lab(lang)
    fig, ax = new_figure()
    if monthly is not None and not monthly.dropna().empty:
        ax.plot(monthly.index.to_timestamp(), monthly.values, color=PALETTE["observed"],
                label=lab["monthly"])
    if not stocks.empty:
        several = stocks["province"].nunique() > 1
        for name, rows in stocks.groupby("province", sort=False):
            ax.plot(rows["period_end"], rows["value"], marker="o",
                    label=name if several else lab["press"])
    dated = targets.dropna(subset=["period_end"])
    for _, row in dated.iterrows():
        label = lab["target_at"].format(when=month_label(row["period_end"], lang),
                                        value=format_number(row["value"], lang))
        ax.axhline(row["value"], color=PALETTE["target"], linestyle="--", linewidth=1)
        ax.scatter([row["period_end"]], [row["value"]], marker="X", s=90,
                   color=PALETTE["target"], zorder=5, label=label)
    date_axis(ax, lang)
    ax.set_xlabel(lab["date"])
    ax.set_ylabel(lab["participants"])
    number_axis(ax, lang)
    return finish(fig, ax, title=lab["trajectory_title"], caption=lab["trajectory_caption"])


def campaign_timeline(
    campaigns: pd.DataFrame, flows: pd.DataFrame, *, lang: str = "vi"
) -> Figure | None:
    """Timeline: one row per dated directive, plan or campaign (bars for windows, diamonds for
    days), then the reported new participants of each campaign window. None with fewer than
    two dated rows (no empty axis at 1970, no one-row chart)."""
    lab = _lab(lang)
    # An item dated only by its end (a conference reported "by 30/3") sits at that day.
    items = campaigns.assign(start=campaigns["start"].fillna(campaigns["end"]))
    items = items.dropna(subset=["start"]).sort_values("start").reset_index(drop=True)
    # An empty selection of flows can come without columns: nothing to draw from it then.
    windows = (flows.iloc[0:0] if flows.empty else
               flows.dropna(subset=["period_start", "period_end"]).sort_values("period_end"))
    if len(items) + len(windows) < 2:  # one row is no timeline: the paragraph says it
        return None
    fig, ax = new_figure()
    labels, shown = [], set()
    for y, row in items.iterrows():
        start = row["start"]
        end = row["end"] if pd.notna(row["end"]) else start
        colour = KIND_COLOURS.get(row["kind"], PALETTE["other"])
        kind = KIND_NAMES["vi" if lang == "vi" else "en"].get(row["kind"], row["kind"])
        legend = kind if kind not in shown else None
        shown.add(kind)
        if end > start:
            ax.barh(y, (end - start).days + 1, left=start, color=colour, height=0.5, label=legend)
        else:
            ax.plot(start, y, "D", color=colour, label=legend)
        labels.append(wrap(row["name"], 24))
    for j, (_, row) in enumerate(windows.iterrows()):
        ax.barh(len(items) + j, (row["period_end"] - row["period_start"]).days + 1,
                left=row["period_start"], color=PALETTE["other"], height=0.5,
                label=lab["new_people"] if j == 0 else None)
        labels.append(wrap(f"{lab['new']}: {format_number(row['value'], lang)}", 24))
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)  # first item at the top, no empty row
    ax.grid(axis="y", visible=False)
    date_axis(ax, lang)
    ax.set_xlabel(lab["date"])
    lines = sum(label.count("\n") + 1 for label in labels)
    fig.set_size_inches(SIZE[0], max(2.4, 0.26 * lines + 0.2 * len(labels) + 1.2))
    return finish(fig, ax, title=lab["timeline_title"], caption=lab["timeline_caption"],
                  left=label_margin(labels))


def district_bars(
    names: Sequence[str],
    values: Sequence[float],
    *,
    lang: str = "vi",
    title: str | None = None,
    caption: str | None = None,
    axis_label: str | None = None,
    percent: bool = False,
) -> Figure | None:
    """Horizontal bars ranking places, largest first; None for fewer than two bars."""
    if len(names) < 2:
        return None
    lab = _lab(lang)
    fig, ax = new_figure()
    ax.barh(range(len(names)), list(values), color=PALETTE["observed"], height=0.7)
    labels = [wrap(n, 24) for n in names]
    ax.set_yticks(range(len(names)), labels)
    ax.set_ylim(len(names) - 0.5, -0.5)  # largest first, at the top
    ax.grid(axis="y", visible=False)
    fmt = (lambda v, _: format_percent(v, lang, 0)) if percent else (
        lambda v, _: format_number(v, lang))
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(fmt))
    ax.set_xlabel(axis_label or lab["new_people"])
    fig.set_size_inches(SIZE[0], max(2.4, 0.38 * len(names) + 1.2))
    return finish(fig, ax, title=title or lab["districts_title"],
                  caption=caption if caption is not None else lab["districts_caption"],
                  legend=False, left=label_margin(labels))


def counterfactual(
    frame: pd.DataFrame, windows: Sequence[tuple[pd.Timestamp, pd.Timestamp]], *, lang: str = "vi"
) -> Figure:
    """Observed new members against the model's counterfactual and its 95% band.

    ``frame`` has a month index and columns observed, mean, lower, upper.
    """
    lab = _lab(lang)
    fig, ax = new_figure()
    index = frame.index
    x = index.to_timestamp() if isinstance(index, pd.PeriodIndex) else pd.DatetimeIndex(index)
    ax.fill_between(x, frame["lower"], frame["upper"], color=PALETTE["model"], alpha=0.25,
                    linewidth=0, label=lab["interval"])
    ax.plot(x, frame["mean"], color=PALETTE["model"], linestyle="--", label=lab["counterfactual"])
    ax.plot(x, frame["observed"], color=PALETTE["observed"], marker=".", label=lab["observed"])
    for i, (start, end) in enumerate(windows):
        ax.axvspan(start, end, color=PALETTE["campaign"], alpha=0.15, lw=0,
                   label=lab["campaign"] if i == 0 else None)
    date_axis(ax, lang)
    ax.set_xlabel(lab["date"])
    ax.set_ylabel(lab["new_month"])
    number_axis(ax, lang)
    return finish(fig, ax, title=lab["its_title"], caption=lab["its_caption"])


def growth_scatter(
    names: Sequence[str], campaigns: Sequence[float], growth: Sequence[float], *, lang: str = "vi"
) -> Figure:
    """Annual growth against the number of campaigns, one dot per province; whole numbers of
    campaigns on the x axis, the language's decimal mark on y. With many provinces only the
    highest and lowest growth are named (the table beside the chart lists every province), so
    labels never pile up."""
    lab = _lab(lang)
    fig, ax = new_figure()
    ax.scatter(campaigns, growth, color=PALETTE["observed"])
    order = sorted(range(len(names)), key=lambda i: growth[i])
    named = order if len(order) <= MAX_NAMED else order[:2] + order[-4:]
    for i in named:
        ax.annotate(wrap(names[i], 16), (campaigns[i], growth[i]), fontsize="small",
                    xytext=(4, 2), textcoords="offset points")
    ax.set_xlim(min(campaigns) - 0.4, max(campaigns) + 1)  # room for the names on the right
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    number_axis(ax, lang, axis="x")
    number_axis(ax, lang, decimals=None)
    ax.set_xlabel(lab["scatter_x"])
    ax.set_ylabel(lab["scatter_y"])
    caption = lab["scatter_caption"] + ("" if len(order) <= MAX_NAMED else " " + lab["named"])
    return finish(fig, ax, title=lab["scatter_title"], caption=caption, legend=False)


def attainment_bars(names: Sequence[str], pct: Sequence[float], *, lang: str = "vi"
                    ) -> Figure | None:
    """Attainment of plan per province with the 100% line; None for fewer than two bars."""
    lab = _lab(lang)
    fig = district_bars(names, pct, lang=lang, title=lab["attainment_title"],
                        caption=lab["attainment_caption"], axis_label=lab["attainment_axis"],
                        percent=True)
    if fig is not None:
        fig.axes[0].axvline(100, color=PALETTE["target"], linestyle="--")
    return fig
