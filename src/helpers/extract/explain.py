"""`bhxh extract --explain`: for each number of one article, the fact it became or why it was
not recorded, so that a researcher can trust or correct a reading (with a corrections row).
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers.extract import cues as words
from helpers.extract.article import _BELOW_COMMUNE, _of_a_region, extract_article
from helpers.extract.fact_model import Declined
from helpers.extract.figures import (
    _clause_before,
    _gap_in_points,
    _rate_of_a_group,
    after_contrast,
    change_of_figure_before,
    multiple_of_something_else,
    not_members,
    other_share,
    visits_used,
)
from helpers.extract.pairing import merge_ranges, with_fractions
from helpers.extract.reading import fold_aligned, read_article, split_sentences
from helpers.extract.reading_ranker import Change
from helpers.extract.tables import table_rows
from helpers.text import find_numbers

_DIGITS = re.compile(r"\d[\d.,/:\-–]*\d|\d")
_LAST_NUMBER = re.compile(r"\d%?(?!.*\d)")
_UNIT_AFTER = re.compile(r"\s*(?:ty|trieu|nghin|ngan)?\s*(?:dong|usd)(?![a-z])")


def explain_article(path: str | Path, *, rules_only: bool | None = None,
                    ranker: bool | None = None) -> str:
    """The reading of one article, number by number, as text for the terminal.

    Parameters
    ----------
    path
        An article file (``.txt``, ``.md``, ``.html``), read with its sidecar if any.
    rules_only
        As `helpers.extract.extract_articles`: whether the fact model may decline facts.
    ranker
        As `helpers.extract.extract_articles`: whether the reading ranker may change fields.

    Returns
    -------
    str
        A header (file, map, publication date, facts), then per sentence with numbers: the
        sentence, and under it each number with ``->`` and the fact (id, indicator, scheme,
        value, place, period, flags) or ``x`` and the reason it was left out, including
        "declined by the fact model (p = 0.12): <the features that weighed most against it>",
        and under a fact each field the reading ranker changed ("year 2017 → 2016 by the
        reading ranker, margin 1.8: <features>").
    """
    article = read_article(Path(path))
    rows = extract_article(article, rules_only=rules_only, ranker=ranker)
    published = article.publication_date.isoformat() if article.publication_date else "unknown"
    out = [f"{article.file}: {len(rows.facts)} facts, {article.geography} map, "
           f"published {published}"]
    out += [f"  log {level}: {message}" for level, message in rows.log if level != "info"]
    by_quote: dict[str, list[dict]] = {}
    for fact in rows.facts:
        by_quote.setdefault(fact["quote"], []).append(fact)
    declined: dict[str, list[Declined]] = {}
    for item in rows.declined:
        declined.setdefault(item.fact["quote"], []).append(item)
    changed: dict[int, list[Change]] = {}
    for change in rows.reranked:
        changed.setdefault(id(change.fact), []).append(change)
    lines = article.text.split("\n")
    tables = table_rows(lines)
    for paragraph, line in enumerate(lines):
        for sentence in [line] if paragraph in tables else split_sentences(line):
            out += _explain_sentence(sentence, by_quote.get(sentence, []), paragraph in tables,
                                     declined.get(sentence, []), changed)
    return "\n".join(out)


def _explain_sentence(sentence: str, facts: list[dict], table_row: bool,
                      declined: list[Declined],
                      changed: dict[int, list[Change]] | None = None) -> list[str]:
    folded = fold_aligned(sentence)
    # "đạt một nửa kế hoạch"; "26-27%" (a range: its lower bound)
    numbers = merge_ranges(folded, with_fractions(folded, find_numbers(sentence)))
    covered = [(b, e) for b, e, _ in numbers]
    others = [m.group(0) for m in _DIGITS.finditer(sentence)
              if not any(b <= m.start() < e for b, e in covered)]
    if not numbers and not others:
        return []
    out = [f"\n{sentence}"]
    free = list(facts)
    for begin, end, number in numbers:
        written = sentence[begin:end]
        fact = next((f for f in free if abs(abs(f["value"]) - number.value)
                     <= 1e-6 * max(1.0, number.value)), None)
        if fact is not None:
            # A figure given to each place of a list is several facts in a row.
            same = [fact] + [f for f in free[free.index(fact) + 1:]
                             if "place_each_listed" in f["flags"].split(";")
                             and f["value"] == fact["value"]
                             and f["indicator"] == fact["indicator"]]
            for each in same:
                free.remove(each)
                out.append(f"  {written} -> {_describe(each)}")
                out += [f"     {c.describe()}" for c in (changed or {}).get(id(each), [])]
            out += [f"     place: {_PLACE_REASONS[flag]}" for flag in fact["flags"].split(";")
                    if flag in _PLACE_REASONS]
            continue
        gone = next((d for d in declined if abs(abs(d.fact["value"]) - number.value)
                     <= 1e-6 * max(1.0, number.value)), None)
        if gone is not None:
            declined.remove(gone)
            out.append(f"  {written} x {gone.describe()}; the rules read {_describe(gone.fact)}")
            continue
        reason = ("a table cell whose column names no indicator" if table_row
                  else _why_not(sentence, folded, begin, end, number))
        out.append(f"  {written} x not recorded: {reason}")
    if others:
        out.append(f"  {', '.join(others)} x not figures: dates, years, periods or document "
                   "numbers")
    return out


# Why a figure got a place other than its clause's own (the place_* flags).
_PLACE_REASONS = {
    "place_carried": "taken from an earlier clause: the subject a verb-first clause leaves out "
                     "(\"..., mới đạt\"), the unit of the official speaking (\"huyện có\", "
                     "\"Chủ tịch UBND xã\"), the figure \"con số này\" points to, or the body "
                     "figure a headline repeats",
    "place_each_listed": "the rate of each place of the list before it (\"đều\", \"tương "
                         "đương\", \"mỗi xã\")",
}


def _describe(fact: dict) -> str:
    place = " / ".join(p for p in (fact["province"], fact["district"], fact["commune"]) if p)
    if fact.get("geography") == "2025":
        place = " / ".join(p for p in (fact["province_2025"] + " (2025 map)", fact["commune"])
                           if p)
    start, end = fact["period_start"], fact["period_end"]
    period = f"{start}..{end or '…'}" if start else f"as of {end}" if end else "no period"
    target = " target" if fact["is_target"] else ""
    flags = f" [{fact['flags']}]" if fact["flags"] else ""
    return (f"{fact['fact_id']} {fact['indicator']}{target} {fact['scheme']} {fact['value']:g} "
            f"({fact['qualifier']}), {place or 'national'}, {period}{flags}")


def _why_not(sentence: str, folded: str, begin: int, end: int, number) -> str:
    """The first rule that keeps a number out, in the order the reader applies them."""
    window = folded[max(0, begin - 60):begin]
    after = folded[end:end + 60]
    below = _BELOW_COMMUNE.search(sentence)
    if below and below.start() < begin:
        return "a figure of a village or residential group, below the lowest level kept"
    if _of_a_region(sentence, folded, begin, frozenset()):
        return "a figure of a region of several provinces ('khu vực Tây Nguyên', 'toàn vùng')"
    if _UNIT_AFTER.match(after) or words.MONEY.search(window[-25:]):
        return "money (đồng, USD) or a rate of money"
    if words.UPPER_BOUND_BEFORE.search(window[-16:]):
        return ("an upper bound ('chưa đến 200 người', 'dưới 30%'): the figure itself is not "
                "given")
    if words.RANGE_FROM.search(window) or words.RANGE_TO.search(window[-6:]):
        return "one end of a range or a threshold ('từ ... đến', '... trở lên')"
    if number.is_percent and words.UNITS_PASSING.search(folded, 0, begin):
        return "a threshold that a number of places passed ('9/21 xã đạt tỷ lệ 5%')"
    if not number.is_percent and words.OVER_PLAN_BEFORE.search(window):
        return "what the plan was exceeded or missed by, in people ('vượt chỉ tiêu 120 người')"
    if number.is_percent and words.COLLECTION_BEFORE.search(folded, 0, begin):
        return "a rate of the money collected ('tỷ lệ thu', 'công tác thu'), not of members"
    if number.is_percent and (reason := _why_not_a_rate(folded, begin, end, sentence)):
        return reason
    if number.is_percent:
        return ("a percentage whose words name no plan (kế hoạch, chỉ tiêu), coverage (dân số, "
                "lực lượng lao động) or change (tăng, giảm) of members: e.g. a share of "
                "something else, a gap in points, a support rate")
    if words.RATIO[0].search(folded, max(0, begin - 20), begin) \
            and words.RATIO[1].match(after) and multiple_of_something_else(folded, begin, after):
        return ("a multiple of another quantity ('gấp 2,5 lần mục tiêu', 'gấp 2,5 lần bình quân "
                "cả nước') or of money, benefits or leavers ('Tổng chi ... gấp 1,8 lần'), not a "
                "growth of members")
    noun = words.NOUN.match(after)
    if noun is None:
        return ("no count noun after it (người, lượt, hội nghị): a duration, an amount, an age "
                "or a code")
    if noun["people"] and not_members(folded, end, window):
        return ("people who are not members: not (yet) insured, owed contributions, out of "
                "work, the working-age pool or the whole a share is of ('trong tổng số 695.000 "
                "lao động tự do'), people who found a job, staff, followers, strikers, a group "
                "given cards ('440.000 người nghèo được cấp thẻ'), or the part of the members a "
                "support covers")
    if noun["events"] and words.NOT_OUTREACH_AFTER.match(after):
        return "inspections or meetings ('77 cuộc thanh tra, kiểm tra'), not outreach"
    if noun["visits"] and (words.SERVED_BEFORE.search(window)
                           or words.VISITS_BEFORE.search(folded, 0, begin)
                           or words.CARE_BEFORE.search(folded, folded.rfind(";", 0, begin) + 1,
                                                       begin)):
        return ("visits given care or benefits ('khám chữa bệnh cho 322.600 lượt người', "
                "'8,8 triệu lượt người được hưởng'): services used, not outreach or members")
    if noun["visits"] and visits_used(folded, begin, after, noun.end()):
        return ("visits used or care paid for ('180 triệu lượt người đi khám, chữa bệnh', "
                "'thanh toán chi phí khám, chữa bệnh BHYT cho 109 triệu lượt người'), not outreach")
    if words.NOT_ENROLMENT.match(after, noun.end()) or words.SERVED_BEFORE.search(window):
        return ("people receiving benefits or care, not yet insured, a pool of potential "
                "members, renewals or broadcasts")
    if words.RECEIVERS_BEFORE.search(after_contrast(window)):
        return "benefit recipients, or the part of the members a support covers"
    if words.SUPPORTED_BEFORE.search(folded, max(0, begin - 160), begin):
        return "people a support is given to ('hỗ trợ mức đóng cho 1.700 người'), not a stock (R7)"
    if words.PER_UNIT.search(window):
        return "a norm per unit ('mỗi xã ...')"
    return "nothing says these people joined, left, were reached or are members at a date"


def _why_not_a_rate(folded: str, begin: int, end: int, sentence: str = "") -> str | None:
    """The percentage rules of `figures._classify` that decline a rate, each with its reason;
    None when none of them applies."""
    after = folded[end:]
    if other_share(sentence or folded, folded, begin, end, after):
        return ("a share that says something else of the people (satisfied, their make-up, a "
                "condition), the band a set of places is in ('Bốn tỉnh ... đạt 100%') or the "
                "rate of groups named as its subject; not the coverage of a place")
    previous = _LAST_NUMBER.search(folded, 0, begin)
    if previous and change_of_figure_before(folded, begin, folded[previous.end():begin], []):
        return ("the change of the figure before it, which counts something else ('18.000 tin, "
                "bài ..., tăng 28,6%'), not of members")
    if words.OTHER_SUBJECT_BEFORE.search(folded, folded.rfind(";", 0, begin) + 1, begin):
        return ("the change of money, benefits, leavers or job finders ('Số người rời hệ thống "
                "tăng 11%'), not of members")
    if words.RATE_MOVED_BY_BEFORE.search(folded, max(0, begin - 20), begin) \
            and words.COVERAGE_BEFORE.search(folded, max(0, begin - 60), begin):
        return "what a rate rose or fell by ('tỷ lệ tham gia ... giảm 10,8%'), not its level"
    if words.CRITERION.search(folded) and (
            words.REQUIRED_BEFORE.search(folded, max(0, begin - 30), begin)
            or words.REQUIRED_AFTER.match(after)):
        return "a criterion a place must meet ('để đạt chuẩn ..., tỷ lệ ... phải đạt trên 93%')"
    if "mot so" in folded and words.SOME_PLACES.search(_clause_before(folded, begin)):
        return ("a rate of places left unnamed ('một số xã đạt trên 97%'); a list of names "
                "closing the sentence would give each its fact")
    if words.SUPPORT_RATE_BEFORE.search(folded, max(0, begin - 40), begin):
        return ("a cut or support of the premium ('được giảm 50%', 'được hỗ trợ 70% mức "
                "đóng'), not a change or a coverage")
    if _gap_in_points(folded, begin, after, folded.startswith("vuot", begin)):
        return ("a gap said as a change: points after a rate ('đạt 93,5%, vượt 0,3%'), against "
                "a resolution ('cao hơn 0,15% so với nghị quyết') or a plan ('tăng 4,9% so "
                "với chỉ tiêu'), not a rate of members")
    if words.GROUP_AFTER.match(after) or _rate_of_a_group(folded, begin):
        return ("the rate of a group of the population ('100% học sinh có BHYT', 'nâng tỷ lệ "
                "học sinh ... lên 100%'), not the coverage of a place (R9)")
    return None
