"""Paragraphs for the press-figure sections on the province's levels: the headline key figures
and the trajectory of participants against targets and the coverage goal. What the campaigns did
(campaign results, drop-outs, outreach, districts) is worded in `helpers.narrative.activity`.
Press figures are described as such, never called effects.
"""

from __future__ import annotations

from collections.abc import Sequence

from helpers.narrative.sources import dropout_caveat
from helpers.narrative.words import (
    _QUALIFIERS as _QUALIFIER_WORDS,
)
from helpers.narrative.words import (
    PRESS,
    SCHEME_NAMES,
    Quantity,
    _as_of,
    _by,
    _cap,
    flow_period,
    flow_when,
    no_data,
    number,
    percent,
)
from helpers.text import format_number


def key_figures(
    province: str,
    *,
    scheme: str = "voluntary_si",
    stock: Quantity | None = None,
    previous: Quantity | None = None,
    change: tuple[float, float] | None = None,
    campaign_new: Quantity | None = None,
    campaign_plan: Quantity | None = None,
    attainment_pct: float | None = None,
    dropouts: Quantity | None = None,
    stock_attainment_pct: float | None = None,
    lang: str = "vi",
) -> str:
    """The headline paragraph: latest stock, growth since the previous stock, the latest
    campaign against its plan, drop-outs. Press figures, described as such.

    ``change`` is (people, percent) from ``previous`` to ``stock``, as
    `helpers.indicators.growth` computes it; the sentence names it only when both are given.
    ``stock_attainment_pct`` is a percent of plan the article gives for the stock itself
    ("7.548 người ..., đạt 133,4% kế hoạch").

    Examples
    --------
    >>> from datetime import date
    >>> key_figures("Bắc Giang", stock=Quantity(51241, end=date(2023, 12, 31)), lang="en")
    'According to press reports, Bắc Giang had 51,241 voluntary social insurance participants at the end of 2023.'
    """  # noqa: E501
    name = SCHEME_NAMES[scheme][lang]
    vi = lang == "vi"
    parts: list[str] = []
    if stock is not None:
        when = _as_of(stock, lang)
        if vi:
            parts.append(
                f"{PRESS[lang]}, {when} {province} có {number(stock, lang)} người tham gia {name}"
            )
        else:
            parts.append(
                f"{PRESS[lang]}, {province} had {number(stock, lang)} {name} participants {when}"
            )
        if previous is not None and change is not None:
            amount, pct = change
            prev_when = _as_of(previous, lang).removeprefix("đến ").removeprefix("at ")
            if vi:
                verb = "tăng" if amount >= 0 else "giảm"
                parts[-1] += (
                    f", {verb} {format_number(abs(amount), lang)} người "
                    f"({percent(abs(pct), lang, 1)}) so với {prev_when}"
                )
            else:
                verb = "up" if amount >= 0 else "down"
                parts[-1] += (
                    f", {verb} {format_number(abs(amount), lang)} "
                    f"({percent(abs(pct), lang, 1)}) from {prev_when}"
                )
        if stock_attainment_pct is not None:
            parts[-1] += (
                f", đạt {percent(stock_attainment_pct, lang)} kế hoạch"
                if vi
                else f", {percent(stock_attainment_pct, lang)} of plan"
            )
        parts[-1] += "."
    if campaign_new is not None:
        when = flow_when(campaign_new, lang)
        sentence = (
            f"Đợt vận động {when} phát triển mới {number(campaign_new, lang)} người"
            if vi
            else f"The campaign {when} enrolled {number(campaign_new, lang)} new members"
        )
        if campaign_plan is not None:
            sentence += (
                f" so với kế hoạch {number(campaign_plan, lang)} người"
                if vi
                else f" against a plan of {number(campaign_plan, lang)}"
            )
        if attainment_pct is not None:
            sentence += (
                f", đạt {percent(attainment_pct, lang)} kế hoạch"
                if vi
                else f", {percent(attainment_pct, lang)} of plan"
            )
        parts.append(sentence + ".")
    if dropouts is not None:
        when = flow_period(dropouts.start, dropouts.end, lang)
        parts.append(
            (
                f"Có {number(dropouts, lang)} người giảm {when}."
                if vi
                else f"{_cap(number(dropouts, lang))} members left {when}."
            )
            + dropout_caveat(lang)
        )
    if not parts:
        return no_data("các chỉ số chính" if vi else "the key figures", lang)
    return " ".join(parts)


def trajectory(
    province: str,
    *,
    stocks: Sequence[Quantity],
    targets: Sequence[Quantity],
    coverage_goal: Quantity | None = None,
    goal_scheme: str = "voluntary_si",
    goal_place: str = "",
    monthly: bool = False,
    count: int | None = None,
    lang: str = "vi",
) -> str:
    """Paragraph for the trajectory chart: first and last stock, targets, coverage goal.

    ``goal_scheme`` and ``goal_place`` say what the coverage goal counts and where (a goal is
    often set for all social insurance, or for one district). ``monthly`` data pass only their
    first and last month in ``stocks`` and the number of months in ``count``.
    """
    vi = lang == "vi"
    goal = _goal(coverage_goal, goal_scheme, goal_place, lang) if coverage_goal else ""
    if not stocks:
        what = "số người tham gia theo thời gian" if vi else "participants over time"
        return no_data(what, lang) + goal
    first, last = stocks[0], stocks[-1]
    count = count or len(stocks)
    unit = ("tháng" if vi else "months") if monthly else ("mốc" if vi else "points")
    source = (
        ("Theo số liệu hàng tháng" if vi else "According to the monthly data")
        if monthly
        else PRESS[lang]
    )
    if len(stocks) == 1:
        text = (
            f"{source}, chỉ có một mốc: {number(last, lang)} người ({_as_of(last, lang)})."
            if vi
            else f"{source}, there is a single point: {number(last, lang)} ({_as_of(last, lang)})."
        )
    elif vi:
        text = (
            f"{source}, số người tham gia ở {province} đi từ {number(first, lang)} "
            f"({_as_of(first, lang)}) lên {number(last, lang)} ({_as_of(last, lang)}), "
            f"qua {count} {unit}."
        )
    else:
        text = (
            f"{source}, participants in {province} went from {number(first, lang)} "
            f"({_as_of(first, lang)}) to {number(last, lang)} ({_as_of(last, lang)}), "
            f"over {count} {unit}."
        )
    for t in targets:
        text += (
            f" Mục tiêu: {number(t, lang)} người {_as_of(t, lang)}."
            if vi
            else f" Target: {number(t, lang)} {_by(t)}."
        )
    return text + goal


def _goal(goal: Quantity, scheme: str, place: str, lang: str) -> str:
    vi = lang == "vi"
    share = _QUALIFIER_WORDS[lang].get(goal.qualifier, "") + percent(goal.value, lang)
    name = SCHEME_NAMES[scheme][lang]
    where = (f" tại {place}" if vi else f" in {place}") if place else ""
    if vi:
        return f" Mục tiêu bao phủ {name}{where}: {share} lực lượng lao động {_as_of(goal, lang)}."
    return f" Coverage goal for {name}{where}: {share} of the labour force {_by(goal)}."
