"""Figures of one sentence: each number with what it counts (indicator), whether it is a plan
or an achievement, its scheme and qualifier, read from the enrolment verbs and words around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from helpers.extract import cues as words
from helpers.extract.cues import PEOPLE_INDICATORS
from helpers.extract.figure_context import figure_scheme, is_target, own_scheme
from helpers.extract.mood import PLAN, clause_mood
from helpers.extract.pairing import (
    corresponding,
    end_of_part,
    merge_ranges,
    schemes_respectively,
    with_fractions,
    with_share_of_plan,
    with_words,
)
from helpers.extract.schemes import combine, scheme_mentions
from helpers.text import find_numbers


@dataclass
class Figure:
    """One number of a sentence read as a fact; `scheme` is None when the sentence names none
    (the article walker then takes it from context)."""

    start: int
    end: int
    value: float
    qualifier: str
    indicator: str
    is_target: bool
    scheme: str | None
    window_start: int
    cue: str = ""
    flags: list[str] = field(default_factory=list)
    scheme_named: bool = False  # a scheme is named right after the number
    # "từ A người lên B người": where the rise begins, so that B, with no year after it, is
    # dated by the period named before the rise and not by A's year.
    rise_start: int | None = None
    # "so với năm 2015 (12,1 triệu người)": the base a change is measured from, given in
    # brackets after it; the year it is of ("2015", or "truoc" for "năm trước").
    base_year: str = ""
    # The mood of the figure's clause (`mood.clause_mood`): "plan", "present", "past" or None.
    mood: str | None = None


_RAISES_TOTAL = re.compile(r"[^;.]{0,80}?,\s*(?:nang|dua|keo)\s+(?:tong\s+so|so\s+nguoi)"
                           r"[^;.]{0,80}?\s(?:len|thanh)\s")
_RATE_OF_COUNT = re.compile(r"(?<![a-z])dat\s+ty\s+le\s*$")
# "197.247/240.986 người tham gia BHYT, đạt tỷ lệ 81,85%": the first rate after a fraction of
# people is of the people after the slash, the population, not a plan ("1.215/1.509 người ...,
# đạt 80,52% chỉ tiêu" keeps its plan).
_RATE_OF_FRACTION = re.compile(
    r"[^;%]{0,100}?(?<![a-z])dat\s+(?:ty\s+le\s+)?(?:[a-z]+\s+)?\d+(?:[,.]\d+)?\s*%"
    r"(?!\s*(?:so\s+voi\s+)?(?:ke\s+hoach|chi\s+tieu|muc\s+tieu)(?![a-z]))")
# the words between a count of new members and "tăng 18,2% so với cùng kỳ" that follows it
_RIGHT_AFTER_FLOW = re.compile(
    r"^[^,;.%\d()]{0,70}?,\s*(?:va\s+)?(?:tang|giam)(?![a-z])[^,;%]{0,12}$")
_RATE_WORD = re.compile(r"(?<![a-z])ty\s+le(?![a-z])")
_NEEDS_MONEY = re.compile(r"^[^,;]*(?<![a-z])can(?:\s+kinh\s+phi)?\s*$")
# "so với năm 2015 (12,1 triệu người)", "gấp đôi ... của năm trước (270.000 người)", "so với
# cùng kỳ năm 2022 (khoảng 4.100 người)": the base's own figure, in brackets after its year.
_BASE_IN_BRACKET = re.compile(
    r"(?<![a-z])(?:so\s+voi|cua|hon|voi)\s+(?:cung\s+ky\s+|cuoi\s+|het\s+)?nam"
    r"\s+(?P<year>(?:19|20)\d\d|truoc)\s*\(\s*$")
# "... người Việt Nam sẽ có BHXH", "... lao động sẽ tham gia": the count's own future verb.
_WILL_HAVE_AFTER = re.compile(
    r"\s*(?:nguoi|lao\s+dong)(?:\s+(?!se(?![a-z]))[a-z]+){0,3}?\s+(?P<se>se)\s+(?:co|tham\s+gia)"
    r"(?![a-z])")
# The employers between a verb and the people it counts: "6.363 đơn vị với 1.114.733 người".
_UNITS_THEN_PEOPLE = re.compile(
    r"\s*(?:don\s+vi|doanh\s+nghiep)(?:\s+su\s+dung\s+lao\s+dong)?\s*(?:voi|va|,)\s*")


def read_figures(sentence: str, folded: str, carried: str | None = None,
                 previous: list[tuple[str, str]] | None = None) -> list[Figure]:
    """Read the figures of one sentence, in text order.

    Parameters
    ----------
    sentence, folded
        The sentence (NFC) and its offset-keeping fold.
    carried
        Indicator of the previous sentence's last count of people, for a sentence that goes
        on listing places without a verb ("Huyện Bình Sơn dẫn đầu với 186 người, ...") or
        breaks that figure down ("Trong đó, xã Quỳnh Tân có 97 người").
    previous
        (indicator, scheme) of the previous sentence's figures, for "các con số tương ứng là
        31,6% và khoảng 14,7 triệu người".

    Returns
    -------
    list of Figure
        Numbers that are not counts of people, visits or events, nor a percentage of plan,
        coverage or growth, nor a multiple ("gấp hai lần"), are left out: durations ("3 năm"),
        shares of something else ("46,8% so với tổng số"), places ("100% xã").
    """
    if not words.may_have_figure(folded):
        return []
    numbers = merge_ranges(folded, with_share_of_plan(folded, with_fractions(
        folded, with_words(folded, find_numbers(sentence)))))
    if pairs := corresponding(folded, numbers, previous or []):
        return [Figure(numbers[i][0], numbers[i][1], numbers[i][2].value,
                       numbers[i][2].qualifier, indicator, False,
                       combine([s for _, _, s in scheme_mentions(folded)]), numbers[i][0],
                       cue="corresponding") for i, indicator in pairs]
    afters = _shared_nouns(folded, numbers)
    figures: list[Figure] = []
    previous_end = 0
    skipped_subject = False
    in_range = False
    window_begin = 0
    for i, (begin, end, number) in enumerate(numbers):
        if not number.is_percent and words.DATE_PART_BEFORE.search(folded, max(0, begin - 8),
                                                                    begin):
            # "Tính đến cuối tháng 4, gần 16 triệu người": a month, not a count; and not the
            # end of the next figure's words ("Tỷ lệ bao phủ BHYT cuối tháng 6 đạt 86,9%").
            continue
        window = folded[previous_end:begin]
        if _UNITS_THEN_PEOPLE.fullmatch(window) and i > 0 \
                and not (figures and figures[-1].end == previous_end):
            # "đang quản lý 6.363 đơn vị với 1.114.733 người", "phát triển mới 99 đơn vị với
            # 250 người": the verb before the employers governs the people after them.
            window = folded[window_begin:begin]
        window_begin = previous_end
        next_begin = numbers[i + 1][0] if i + 1 < len(numbers) else len(folded)
        after = afters[i]
        previous_end = end
        # "từ 1.000 đến hơn 2.000 người", "từ 500 người trở lên": a range or a threshold.
        rise = not number.is_percent and bool(words.RANGE_FROM.search(window)) \
            and bool(words.RISE_FROM.match(after))
        if not number.is_percent and not rise and (words.RANGE_FROM.search(window) or in_range
                                                   and words.RANGE_TO.search(window)):
            noun = words.NOUN.match(after)
            in_range = bool(words.RANGE_TO.match(after)) or noun is not None \
                and bool(words.RANGE_TO.match(after, noun.end()))
            continue
        in_range = False
        if folded[begin - 1:begin] == "/" and figures and figures[-1].end == begin - 1 \
                and figures[-1].indicator in PEOPLE_INDICATORS \
                and _RATE_OF_FRACTION.match(folded, end):
            # "197.247/240.986 người tham gia BHYT, đạt tỷ lệ 81,85%": the people after the
            # slash are those the rate is of (the population), no plan
            continue
        if folded[begin - 1:begin] == "/" and figures and figures[-1].end == begin - 1 \
                and figures[-1].indicator in PEOPLE_INDICATORS:
            # "đạt 820/1.000 người": the plan the count before it is measured against
            figures.append(Figure(begin, end, number.value, number.qualifier,
                                  figures[-1].indicator, True, figures[-1].scheme,
                                  figures[-1].window_start, cue="plan"))
            continue
        figure = Figure(begin, end, number.value, number.qualifier, "participants", False, None,
                        begin, cue="rise") if rise else _classify(
            sentence, folded, (begin, end), number, window, after, figures, carried)
        if figure and rise:
            # A stock with its own year after it takes it; one without is as of the start of
            # the window the sentence names before it ("Giai đoạn 2019-2023, ... từ A lên B").
            dated = words.RISE_FROM.match(after)
            figure.flags.append("dated_after" if dated and dated["year"] else "dated_start")
        elif figure and figures and figures[-1].cue == "rise" and words.RISE_TO.search(window):
            figure.flags.append("dated_after")
            figure.rise_start = figures[-1].window_start
        if figure is None and folded[begin - 1:begin] == "(" and words.BRACKET_CLOSE.match(
                folded, end) and not number.is_percent and number.value >= 1 \
                and not _year_of_the_figure_before(folded, begin, number.value) \
                and not not_members(folded, end, window):
            # "Hiệp Hòa (291), Tân Yên (161)": a count in brackets after a place, in a list
            # whose figures the sentence has already named.
            indicator = _bracketed_indicator(folded, begin, figures, carried)
            figure = Figure(begin, end, number.value, number.qualifier, indicator, False, None,
                            begin, cue="list") if indicator else None
        if figure is None:
            skipped_subject = skipped_subject or bool(words.NOUN.match(after))
            continue
        if figures and figures[-1].indicator == "dropouts" and figure.indicator in words.CHANGES \
                and not words.SUBJECT.search(window):
            continue  # "1.987 người dừng đóng, tăng 12,4%": the change of drop-outs
        if figures and figures[-1].indicator == "new_participants" \
                and figure.indicator == "growth_pct" and words.CHANGE_OF_BEFORE.match(window):
            continue  # "khai thác mới 122.302 người, tăng 43%": the flow's growth (R52)
        if skipped_subject and not figures and figure.indicator in words.CHANGES \
                and not words.SUBJECT.search(window):
            continue  # "48.560 người hưởng trợ cấp, tăng 32%": the change of a skipped count
        figure.window_start = begin - len(window)
        if _occupational(folded, figure.window_start, begin, end):
            continue
        figure.mood = clause_mood(folded, begin, end)
        figure.is_target = figure.cue in ("plan", "shortfall") or figure.cue != "attained" \
            and _in_plan(sentence, folded, begin, end, figure.mood)
        # "... 85,390 triệu người; tỷ lệ bao phủ BHYT đạt 90%": a scheme named after the ";"
        # is the next part's, not this figure's.
        own_end = min(next_begin, end_of_part(folded, end))
        figure.scheme = figure_scheme(folded, begin, end, own_end, figure, figures)
        if figure.scheme is None and figure.cue == "quan ly":
            # "toàn tỉnh đang quản lý 6.363 đơn vị với 1.114.733 người": all the members the
            # office manages, of every scheme, when the sentence names none.
            figure.scheme = "mixed"
        named = scheme_mentions(folded, end, own_end)
        figure.scheme_named = bool(named) and own_scheme(folded, end, own_end, named)
        if figure.indicator == "participants" and (
                base := _BASE_IN_BRACKET.search(folded, max(0, begin - 60), begin)):
            figure.base_year = base["year"]
        if "nam " in folded[end:next_begin] and "dated_after" not in figure.flags \
                and _own_year_after(folded, end, next_begin):
            figure.flags.append("dated_after")  # "đạt 95% vào năm 2025"
        figures.append(figure)
    schemes_respectively(folded, figures)
    for growth, worth in zip(figures, figures[1:], strict=False):
        if worth.cue in ("tang voi", "giam voi") and growth.indicator == "growth_pct" \
                and worth.scheme:
            growth.scheme = worth.scheme  # "tăng 15% với 20.537 người tham gia BHYT"
    return figures


def _outside_brackets(folded: str, earlier: list[Figure], begin: int) -> list[Figure]:
    """The figures before `begin` that are not inside a bracket closed before it: in "BHTN
    khoảng 15 triệu người (31,93% ..., tăng khoảng 950.000 người ...), BHYT 92,13 triệu
    người" the bracket is an aside on the count before it, and the list goes on with that
    count's kind (a stock), not with the change inside the bracket."""
    if ")" not in folded[:begin] or folded.rfind("(", 0, begin) > folded.rfind(")", 0, begin):
        return earlier  # a count in brackets itself ("A (215 người), B (198 người)"): a list
    return [f for f in earlier
            if not (folded.rfind("(", 0, f.start) > folded.rfind(")", 0, f.start)
                    and ")" in folded[f.end:begin])]


def _money_before(folded: str, start: int, end: int) -> re.Match[str] | None:
    """Money named in ``folded[start:end]``. A sentence that opens on "Đồng" names a place
    (Đồng Nai, Đồng Tháp, Đồng Hới): the currency "đồng" always follows an amount, so the
    bare "đồng" of `cues.MONEY` is not read at the sentence's first word."""
    money = words.MONEY.search(folded, start, end)
    if money is not None and not folded[:money.start()].strip() \
            and money.group(0).strip() == "dong":
        money = words.MONEY.search(folded, money.end(), end)
    return money


def _will_have(sentence: str, folded: str, end: int) -> bool:
    """"Khoảng 30 triệu người Việt Nam sẽ có BHXH vào năm 2020": a count whose own verb is in
    the future ("sẽ có", "sẽ tham gia") is a goal, like one with a target word before it."""
    m = _WILL_HAVE_AFTER.match(folded, end)
    return m is not None and sentence[m.start("se"):m.end("se")].lower() in ("sẽ", "se")


def _own_year_after(folded: str, end: int, next_begin: int) -> bool:
    """Whether a year written after a figure, in its clause, is the figure's own ("đạt 95% vào
    năm 2025") rather than the opening of the next figure ("... và đến năm 2023 là 7.100")."""
    year = words.YEAR_AFTER.search(_clause_after(folded, end)[:next_begin - end])
    if year is None:
        return False
    return next_begin >= len(folded) or not words.YEAR_OPENS_NEXT.fullmatch(
        folded, end + year.end(), next_begin)


_OCCUPATIONAL_AFTER = re.compile(
    r"\s*(?:trieu\s+|nghin\s+)?(?:nguoi|lao\s+dong)\s+(?:da\s+)?tham\s+gia\s+"
    r"(?:bao\s+hiem\s+)?(?:tai\s+nan\s+lao\s+dong|bhtnld)(?![a-z])")


def _occupational(folded: str, window_start: int, begin: int, end: int | None = None) -> bool:
    """"số người tham gia bảo hiểm tai nạn lao động, bệnh nghề nghiệp là 15,07 triệu người":
    a figure of occupational accident insurance, a scheme outside the vocabulary; so is one of
    commercial insurance ("tỷ lệ người tham gia bảo hiểm nhân thọ lên 11% dân số ... và 15%"),
    named anywhere before it in the sentence when no scheme of the contract is named after
    that, nor in the rest of the sentence."""
    if "nhan tho" in folded or "thuong mai" in folded:
        commercial = list(_COMMERCIAL.finditer(folded, 0, begin))
        if commercial and not scheme_mentions(folded, commercial[-1].end()):
            return True
    if "tai nan" not in folded and "bhtnld" not in folded:
        return False
    if end is not None and _OCCUPATIONAL_AFTER.match(folded, end):
        return True  # "15,068 triệu người tham gia bảo hiểm tai nạn lao động"
    found = list(words.OCCUPATIONAL.finditer(folded, window_start, begin))
    return bool(found) and not scheme_mentions(folded, found[-1].end(), begin)


def list_header(folded: str) -> str | None:
    """Indicator announced by a list header without numbers ("Số người tham gia BHYT hộ gia đình
    tại một số địa phương:"), for the lines that follow; None if it is not one."""
    if not folded.rstrip().endswith(":"):
        return None
    cues = [m for m in words.CUE_RE.finditer(folded) if m.lastgroup not in ("breakdown", None)]
    return cues[-1].lastgroup if cues else None


def _shared_nouns(folded: str, numbers: list) -> list[str]:
    """The text after each number, where "512, 478 và 455 người" lends the last noun to the
    numbers listed before it (and "42% và 51% kế hoạch" its "kế hoạch")."""
    afters = []
    for i, (_, end, _) in enumerate(numbers):
        next_begin = numbers[i + 1][0] if i + 1 < len(numbers) else len(folded)
        afters.append(folded[end:next_begin])
    for i in range(len(numbers) - 2, -1, -1):
        same_kind = numbers[i][2].is_percent == numbers[i + 1][2].is_percent
        # "đạt 94,56%, vượt 0,91% so với chỉ tiêu": the plan is the gap's, not the rate's.
        gap = folded.startswith(("vuot", "hon"), numbers[i + 1][0])
        if same_kind and not gap and (
                afters[i] == "/"  # "820/1.000 người"
                or words.CONNECTOR.match(afters[i]) or words.NOUN_CONNECTOR.match(afters[i])
                or not numbers[i][2].is_percent and words.PLACE_LIST_GAP.fullmatch(afters[i])
                or words.PARALLEL.match(afters[i]) and scheme_mentions(afters[i])):
            afters[i] = afters[i + 1]
    return afters


def _rate_of_a_group(folded: str, begin: int) -> bool:
    """Whether a rate rises to or changes by the number, and the last subject opened before it
    ("tỷ lệ", "số", "trong đó"), in its part of the sentence, is a group of the population:
    "nâng tỷ lệ học sinh tham gia BHYT lên 100%" (R9); not "tỷ lệ hộ nghèo giảm nên tỷ lệ bao
    phủ BHYT sụt giảm từ 90%"."""
    if not words.GROUP_MOVE_BEFORE.search(folded, max(0, begin - 20), begin):
        return False
    openings = list(words.RATE_OPENING.finditer(folded, folded.rfind(";", 0, begin) + 1, begin))
    return bool(openings) \
        and words.GROUP_OPENED.match(folded, openings[-1].end(), begin) is not None


def _gap_in_points(folded: str, begin: int, after: str, starts_with_vuot: bool) -> bool:
    """A percentage said as a change ("vượt", "tăng", "cao hơn") is a gap, no fact: right after
    a rate ("đạt 93,5%, vượt 0,3%": points); against a resolution ("cao hơn 0,15% so với nghị
    quyết"); or a rise or fall against a plan ("tăng 4,9% so với chỉ tiêu": points or percent,
    the text does not say). "vượt 8,2% kế hoạch" after a count stays the plan's attainment."""
    said = begin + 3 if folded.startswith("hon", begin) else begin
    change = words.CHANGE_WORD_BEFORE.search(folded, max(0, said - 12), said)
    if not (starts_with_vuot or change):
        return False
    if words.RATE_JUST_BEFORE.search(folded, max(0, said - 20), said):
        return True
    plan = words.AGAINST_PLAN_AFTER.match(after)
    if plan is None:
        return False
    rise = not starts_with_vuot and change is not None and change[0].startswith(("tang", "giam"))
    return bool(plan["resolution"]) or rise


def _classify(sentence, folded, span, number, window, after, earlier, carried) -> Figure | None:
    begin, end = span
    qualifier = number.qualifier
    value = number.value
    starts_with_vuot = folded.startswith("vuot", begin)
    if words.UPPER_BOUND_BEFORE.search(window[-16:]):
        return None  # "chưa đến 200 người", "dưới 30%": a bound, not a figure
    if number.is_percent:
        cue = "%"
        if words.UNITS_PASSING.search(folded, folded.rfind(";", 0, begin) + 1, begin):
            return None  # "9/21 xã đạt tỷ lệ 5%": a threshold places passed
        if words.CRITERION.search(folded) and (
                words.REQUIRED_BEFORE.search(folded, max(0, begin - 30), begin)
                or words.REQUIRED_AFTER.match(after)):
            return None  # "để đạt chuẩn ..., tỷ lệ ... phải đạt trên 93%": a criterion
        if words.RANGE_FROM.search(window) and words.RANGE_TO.match(after) \
                and _goal_threshold(sentence, folded, begin, after):
            qualifier = "at_least"  # "mục tiêu đạt tỷ lệ ... từ 95% trở lên": the goal's floor
        elif words.RANGE_FROM.search(window) and words.RANGE_TO.match(after) \
                or "mot so" in folded and words.SOME_PLACES.search(_clause_before(folded, begin)) \
                and not words.listed_names(sentence, end):
            return None  # a threshold ("từ 95% trở lên"), or a rate of unnamed places
        if _SHARE_OF_GROUP.search(folded, max(0, begin - 40), begin):
            return None  # "13 triệu người từ 60 tuổi trở lên, chiếm 12% dân số"
        if words.SUPPORT_RATE_BEFORE.search(window):
            return None  # "Học sinh, sinh viên được giảm 50%": a cut of the premium
        if "ho tro" in folded and words.SUPPORT_LEVEL_BEFORE.search(
                folded, folded.rfind(";", 0, begin) + 1, begin):
            return None  # "nâng mức hỗ trợ ... từ 70% lên 100%": a support level
        if _gap_in_points(folded, begin, after, starts_with_vuot) \
                or words.GROUP_AFTER.match(after) or _rate_of_a_group(folded, begin):
            return None  # a gap, or the rate of a group of the population
        if other_share(sentence, folded, begin, end, after):
            return None  # satisfaction, make-up, a condition; a band of places; groups
        if change_of_figure_before(folded, begin, window, earlier):
            return None  # ", tăng 28,6%" after "18.000 tin, bài": the change of that figure
        indicator = None
        # "Tổng số thu đạt 472,3 nghìn tỷ đồng (19,24 tỷ USD), tăng 8,55%, đạt 101,41% kế
        # hoạch": rates of money, not of people.
        part = folded.rfind(";", 0, begin) + 1
        money = _money_before(folded, part, begin) or words.REVENUE_SUBJECT.match(folded) \
            or words.COLLECTION_BEFORE.search(folded, part, begin)
        if money and not any(
                f.indicator in PEOPLE_INDICATORS and f.start >= part for f in earlier):
            return None
        rates = [f for f in earlier if f.cue in ("%", "plan")]
        if folded[begin - 1:begin] == "(" and rates \
                and earlier[-1].cue in ("%", "plan", "shortfall") \
                and words.PLAN_ANYWHERE.search(window):
            # "... so với chỉ tiêu mà Nghị quyết số 03-NQ/TU đề ra (38%)": the plan's own rate.
            # "còn thiếu 62.762 người so với chỉ tiêu kế hoạch năm 2025 (95%)": the rate before.
            return Figure(begin, end, value, qualifier, rates[-1].indicator, False, None,
                          begin, cue="plan")
        if words.ATTAINMENT_AFTER.match(after) or "hoan thanh" in window \
                and words.ATTAINMENT_BEFORE.search(window):
            indicator = "attainment_pct"
            # "thấp hơn 1,9%": the number reader took "hơn" as its qualifier.
            said = begin + 3 if folded.startswith("hon", begin) else begin
            gap = words.GAP_BEFORE.search(folded, max(0, begin - 30), said)
            if starts_with_vuot or gap:
                # After a coverage rate, "vượt 0,15% so với chỉ tiêu" is percentage points;
                # so is a gap whose subject is a rate ("Tỷ lệ này cao hơn 2% so với chỉ tiêu").
                if earlier and earlier[-1].indicator == "coverage_pct" or not earlier \
                        and words.RATE_SUBJECT.search(folded, 0, begin):
                    return None
                below = gap is not None and gap["below"]
                value, qualifier = 100 + (-value if below else value), "exact"
        elif words.REACH_BEFORE.search(window) and words.BARE_AFTER.match(after) \
                and words.PLAN_ANYWHERE.search(folded, 0, begin) and not earlier \
                and not words.COVERAGE_BEFORE.search(window):  # "mục tiêu ... tỷ lệ ... đạt"
            # "so với chỉ tiêu, kế hoạch được giao ... (BHXH bắt buộc đạt 93,6%, ...)"
            return Figure(begin, end, value, qualifier, "attainment_pct", False, None, begin,
                          cue="attained")
        elif folded[begin - 1:begin] == "(" and words.BARE_AFTER.match(after) \
                and any(f.indicator == "attainment_pct" for f in earlier) \
                and earlier[-1].indicator in PEOPLE_INDICATORS \
                and earlier[-1].indicator != "net_change":
            # (After "tăng gần 2,7 triệu người (18,55%)" the bracket is that change's growth.)
            # "... (bằng 100,3% chỉ tiêu) và gần 18.200 người tham gia ... (105,5%)"
            indicator = "attainment_pct"
        elif words.COVERAGE_AFTER.match(after) or words.COVERAGE_BEFORE.search(window):
            if words.NOT_COVERED_AFTER.match(after) or words.NOT_COVERAGE_BEFORE.search(window) \
                    or words.NOT_COVERED_AFTER.match(_past_aside(folded, end)) \
                    or words.POINT_RISE_BEFORE.search(window) \
                    or words.OTHER_SHARE_AFTER.match(after):
                return None  # "hơn 99% lực lượng lao động ... chưa tham gia": not covered
            if words.RATE_MOVED_BY_BEFORE.search(window[-20:]):
                return None  # "tỷ lệ tham gia ... giảm 10,8%": the change of a rate
            indicator = "coverage_pct"
        elif (growth := words.GROWTH_BEFORE.search(window)) \
                and not _money_before(folded, begin - len(window), begin):
            if earlier and earlier[-1].indicator == "coverage_pct" \
                    and words.CHANGE_OF_BEFORE.match(window):
                # "đạt 79,5% dân số, tăng 7% so với cùng kỳ": the rate rose, in points.
                return None
            if earlier and earlier[-1].indicator == "new_participants" \
                    and _RIGHT_AFTER_FLOW.match(window):
                # "phát triển mới 4.126 người ..., tăng 18,2% so với cùng kỳ": the growth of
                # the enrolments, not of the members (R52; b20's gold corrected to it).
                return None
            if words.OTHER_SUBJECT_BEFORE.search(folded, part, begin) \
                    or _OTHER_MEASURE_AFTER.match(after):
                # "Số người rời hệ thống tăng bình quân 11%", "giảm 18,9% nợ BHXH": the change
                # of leavers, receivers or money, not of members.
                return None
            indicator = "growth_pct"
            value = -value if growth["sign"] == "giam" else value
        elif earlier and earlier[-1].indicator == "net_change" and (
                words.EQUALS_BEFORE.search(window) or folded[begin - 1:begin] == "("):
            indicator = "growth_pct"  # "tăng 2.870 người, tương đương 17,5%"
            value = -value if earlier[-1].value < 0 else value
        elif words.SHARE_BEFORE.search(window) and words.BARE_AFTER.match(after) and any(
                f.indicator == "coverage_pct" for f in earlier):
            # "... là 138.500 người, chiếm 17,2% lực lượng lao động; trong đó BHXH tự nguyện là
            # 42.730 người, chiếm 5,3%": the same share, of the same whole.
            indicator = "coverage_pct"
        elif rates and words.AVERAGE_BEFORE.search(window) and folded[begin - 1:begin] == "(":
            indicator = rates[-1].indicator  # "so với bình quân chung của cả nước (42,71%)"
        elif earlier and earlier[-1].cue in ("%", "attained") and (
            words.CONNECTOR.match(window) or words.PLAN_WORD_BEFORE.search(window)
            or words.REACH_BEFORE.search(window) and words.BARE_AFTER.match(after)
            or words.AVERAGE_BEFORE.search(window)  # "so với bình quân cả nước là 3,92%"
            or words.YEAR_THEN_LEVEL.search(window) and words.BARE_AFTER.match(after)
            or words.RISE_TO.search(window)  # "tăng từ 42,71% ... năm 2024 lên 45,1%"
            or words.FALL_TO.search(window)  # "giảm xuống còn 75%": the rate's new level
            # "74% dân số tham gia BHYT vào năm 2015 và 84% vào năm 2020"
            or words.LISTED_AFTER.search(window) and words.BARE_AFTER.match(after)
            # "đạt 81,6% vào năm 2027; 82,4% năm 2028 và 83% năm 2029": a yearly path, each
            # step a rate and its year, after a rate dated by the year after it.
            or "dated_after" in earlier[-1].flags and _PATH_STEP_BEFORE.search(window)
            and _PATH_STEP_AFTER.match(after)
        ):
            # "lần lượt tăng 24% và 21%"; "đạt 88,6% dân số, thấp hơn chỉ tiêu 91,5%";
            # "đạt 2,6% lực lượng lao động; đến năm 2025 đạt 3,5%."
            indicator, cue = earlier[-1].indicator, earlier[-1].cue
            if indicator == "growth_pct" and earlier[-1].value < 0 \
                    and words.CONNECTOR.match(window):
                value = -value  # "lần lượt giảm 0,4%, 0,6% và 1,2%"
            if words.RISE_TO.search(window) or "dated_after" in earlier[-1].flags \
                    and _PATH_STEP_AFTER.match(after):
                # dated by what follows it: "lên 45,1% năm 2025", "; 82,4% năm 2028"
                return Figure(begin, end, value, qualifier, indicator, False, None, begin,
                              cue="%", flags=["dated_after"])
        if indicator is None and _RATE_WORD.search(window) and words.listed_names(sentence, end):
            # "Một số xã ... vượt tỷ lệ trên 97% như Đồng Tân, Đức Thắng": the rate the named
            # places reached is their coverage.
            indicator = "coverage_pct"
        if indicator is None and earlier and earlier[-1].indicator == "participants" \
                and words.REACH_BEFORE.search(window) and words.BARE_AFTER.match(after) \
                and any(f.indicator == "coverage_pct" for f in earlier[:-1]):
            # "18,26 triệu người tham gia BHXH, đạt 39,25% lực lượng lao động; 14,7 triệu người
            # tham gia BHTN, đạt gần 31,6%": the next scheme's count and rate, the whole left
            # unsaid; a coverage like the one before.
            indicator = "coverage_pct"
        if indicator is None and earlier and earlier[-1].indicator == "participants" \
                and _RATE_OF_COUNT.search(window) and words.BARE_AFTER.match(after):
            # "có 197.247/240.986 người tham gia BHYT, đạt tỷ lệ 81,85%": the rate of the
            # members just counted is their coverage
            indicator = "coverage_pct"
        if indicator is None:
            return None
        return Figure(begin, end, value, qualifier, indicator, False, None, begin, cue=cue)
    if words.RATIO[0].search(folded, max(0, begin - 20), begin) and (
            words.RATIO[1].match(after) or folded.startswith("doi", begin)):  # "gấp đôi"
        if multiple_of_something_else(folded, begin, after):
            return None
        return Figure(begin, end, value, qualifier, "growth_ratio", False, None, begin)
    noun = words.NOUN.match(after)
    comparative = words.COMPARATIVE.search(folded, max(0, begin - 12), begin + 3)
    if noun and noun["people"] and comparative and folded.startswith("hon", begin) \
            and words.COMPARISON.search(_clause_after(folded, end) + _clause_before(folded, begin)):
        # "nhiều hơn 2.806 người so với cùng kỳ": a change, "hơn" is not "more than 2.806"
        sign = -1 if comparative["word"] in ("it", "thap") else 1
        return Figure(begin, end, sign * value, "exact", "net_change", False, None, begin,
                      cue="comparative")
    if noun is None or value < 1 or value != int(value) and value < 1000 \
            or words.NOT_ENROLMENT.match(after, noun.end()) \
            or words.RECEIVERS_BEFORE.search(after_contrast(window)) \
            or words.PER_UNIT.search(window) \
            or "ho tro" in folded and words.SUPPORTED_BEFORE.search(folded, max(0, begin - 160),
                                                                   begin):
        return None
    if noun["people"] and (not_members(folded, end, window)
                           or words.OVER_PLAN_BEFORE.search(window)):
        return None
    if noun["visits"]:
        if words.SERVED_BEFORE.search(window) or words.VISITS_BEFORE.search(folded, 0, begin) \
                or words.CARE_BEFORE.search(folded, folded.rfind(";", 0, begin) + 1, begin) \
                or visits_used(folded, begin, after, noun.end()):
            return None
        cues = [m for m in words.CUE_RE.finditer(window) if m.lastgroup != "breakdown"]
        if words.ENROLLED_AFTER.match(after, noun.end()) or cues and cues[-1].lastgroup == \
                "new_participants" and cues[-1].group(0).startswith("khai"):
            return Figure(begin, end, value, qualifier, "new_participants", False, None, begin,
                          cue="luot")
        return Figure(begin, end, value, qualifier, "people_reached", False, None, begin)
    if noun["events"]:
        if words.NOT_OUTREACH_AFTER.match(after):
            return None  # "77 cuộc thanh tra, kiểm tra": inspections, not outreach
        return Figure(begin, end, value, qualifier, "events", False, None, begin)
    if noun["delegates"]:  # "Hội nghị thu hút hơn 100 đại biểu"
        return Figure(begin, end, value, qualifier, "people_reached", False, None, begin)
    if words.SHORTFALL_BEFORE.search(window) and words.PLAN_ANYWHERE.search(
            folded, end, end_of_part(folded, end)):
        return Figure(begin, end, value, qualifier, "new_participants", False, None, begin,
                      cue="shortfall")
    if (modal := words.STILL_TO_ENROL_BEFORE.search(window)) and (
            modal["verb"] or modal["more"] or modal["stock"]
            or words.PLAN_ANYWHERE.search(folded, end)) \
            or words.STILL_TO_ENROL_AFTER.match(_clause_after(folded, end)):
        # "còn phải phát triển thêm 1.900 người ... mới hoàn thành kế hoạch"; a stock a plan
        # needs when the modal has "có": "cần có 16.000 người tham gia".
        stock = modal is not None and modal["stock"] and not modal["more"]
        return Figure(begin, end, value, qualifier,
                      "participants" if stock else "new_participants", True, None, begin,
                      cue="plan" if stock else "shortfall")
    raw_window = sentence[begin - len(window):begin]
    indicator, cue = _people_indicator(folded, window, raw_window, after,
                                       _outside_brackets(folded, earlier, begin), carried)
    if indicator is None and (verb := _verb_past_apposition(folded, end)):
        indicator, cue = verb
    if indicator is None:
        return None
    during = words.DURING_CAMPAIGN
    if indicator == "participants" and (during.search(_clause_after(folded, end))
                                        or during.search(_clause_before(folded, begin))
                                        or (words.AFTER_OUTREACH.match(folded)
                                            or words.CAMPAIGN_OPENING.match(folded))
                                        and words.JOINED.search(after)):
        # "có 1.930 người ... ngay sau hội nghị", "trong và sau đợt ra quân đã có 105.300 người"
        indicator, cue = "new_participants", "campaign"
    if indicator == "participants" and _RAISES_TOTAL.match(folded, end):
        # "có 18.200 người mua BHYT, nâng tổng số người tham gia ... lên 218.532 người": the
        # people who raised the total joined; the total is the stock.
        indicator, cue = "new_participants", "raises total"
    if indicator == "new_participants" and cue in ("co them", "tang them") \
            and _compared_itself(folded, begin, end):
        indicator = "net_change"  # "So với cùng kỳ năm 2024, cả nước có thêm 167.000 người"
    if indicator == "net_change" and cue in ("giam", "giam voi"):
        value = -value
    return Figure(begin, end, value, qualifier, indicator, False, None, begin, cue=cue)


# "giảm 18,9% nợ BHXH", "tăng 12% số thu": the measure changed is money.
_OTHER_MEASURE_AFTER = re.compile(r"\s*(?:no|tien|so\s+thu|chi\s+phi|kinh\s+phi|quy)(?![a-z])")
# "... trên 93%, như: xã A đạt 93,01%, ...": the places of the band follow, each with its rate
# (read after the band's figure).
_SUCH_AS_AFTER = re.compile(r"[^;.:]{0,8}?(?<![a-z])nhu(?![a-z])")
# The noun right after a number, and whether it counts people.
_PEOPLE_AFTER = re.compile(r"\s*(?:nguoi|lao\s+dong|doi\s+tuong)(?![a-z])")


def multiple_of_something_else(folded: str, begin: int, after: str) -> bool:
    """Whether "gấp / tăng X lần" (in the folded sentence) compares two different quantities
    rather than one quantity with its earlier self: a goal, a plan, an average or the country
    after it ("cao gấp 2,5 lần mục tiêu đề ra", "gấp 2,5 lần bình quân cả nước"), or money,
    benefits or leavers as its subject ("Tổng chi ... gấp 1,8 lần", "Số người hưởng BHTN gấp
    2,5 lần").

    >>> s = "so nguoi tham gia dat 16.707 nguoi, cao gap khoang 2,5 lan muc tieu de ra"
    >>> multiple_of_something_else(s, s.index("2,5"), s[s.index("2,5") + 3:])
    True
    >>> s = "tu 552.000 nguoi len hon 7 trieu nguoi (gap 12,7 lan)"
    >>> multiple_of_something_else(s, s.index("12,7"), s[s.index("12,7") + 4:])
    False
    """
    part = folded.rfind(";", 0, begin) + 1
    return bool(words.MULTIPLE_OF_OTHER_AFTER.match(after)
                or words.OTHER_SUBJECT_BEFORE.search(folded, part, begin)
                or _money_before(folded, part, begin))


def other_share(sentence: str, folded: str, begin: int, end: int, after: str) -> bool:
    """Whether a percentage is a share that says something else of the people than their
    membership, or the band of a set of places, or the rate of groups named as its subject:
    "tỷ lệ người dân hài lòng đạt trên 87%", "hơn 70% dân số của tỉnh là người dân tộc thiểu
    số", "2 điều kiện: 100% thành viên ... và 10% số dân", "Bốn tỉnh A, B, C và D có tỷ lệ bao
    phủ BHYT đạt 100%" (unless the names follow the rate: "trên 97% như A, B"), "Các nhóm ...,
    gồm người thuộc hộ cận nghèo, học sinh, ... cũng có tỷ lệ tham gia BHYT gần 100%".

    >>> s = "ty le nguoi dan hai long dat tren 87%."
    >>> other_share(s, s, s.index("87"), s.index("%") + 1, ".")
    True
    >>> s = "ty le bao phu bhyt dat 93,5% dan so."
    >>> other_share(s, s, s.index("93"), s.index("%") + 1, " dan so.")
    False
    """
    part = folded.rfind(";", 0, begin) + 1
    return bool(words.OTHER_SHARE_BEFORE.search(folded, part, begin)
                or words.COMPOSITION_AFTER.match(after)
                or words.PLACES_IN_BAND_BEFORE.match(folded[:begin], part)
                and not words.listed_names(sentence, end) and not _SUCH_AS_AFTER.match(after)
                or words.GROUP_SUBJECT_BEFORE.search(folded, part, begin))


def change_of_figure_before(folded: str, begin: int, window: str, earlier: list[Figure]) -> bool:
    """Whether ", tăng X%" follows, in the same clause, a figure that was not recorded because
    it counts something else (news items, employers, job finders, patients' share): the change
    is that figure's. `window`: the words since the number before."""
    previous_end = begin - len(window)
    if previous_end <= 0 or not words.CHANGE_OF_FIGURE_BEFORE.match(window) \
            or earlier and earlier[-1].end == previous_end:
        return False
    if folded[previous_end - 1:previous_end] == "%":
        return True  # "93,08% số bệnh nhân ..., tăng 3,38%"
    if words.THINGS_AFTER.match(folded, previous_end):
        return True
    return bool(_PEOPLE_AFTER.match(folded, previous_end)) and other_people(
        folded, previous_end, folded[max(0, previous_end - 60):previous_end])


def other_people(folded: str, end: int, window: str) -> bool:
    """Whether a count of people is of people other than members, by what they are or did:
    found a job, work in health care, follow a page, struck or lost their contract ("08 vụ
    ngừng việc tập thể với 5.938 lao động tham gia"), the pool a rate is taken of ("trong tổng
    số 695.000 lao động tự do", "1,572 triệu lao động khu vực phi chính thức", "số người tham
    gia tiềm năng rất lớn, hơn 40 triệu người"), a group of the population ("440.000 người
    nghèo được cấp thẻ BHYT").

    >>> s = "nam ngoai co khoang 203.000 nguoi tim duoc viec lam moi"
    >>> other_people(s, s.index("203.000") + 7, s[:s.index("203.000")])
    True
    >>> s = "toan tinh co 59.000 nguoi tham gia bhxh tu nguyen"
    >>> other_people(s, s.index("59.000") + 6, s[:s.index("59.000")])
    False
    """
    return bool(words.OTHER_PEOPLE_AFTER.match(folded, end)
                or words.POOL_AFTER.match(folded, end)
                or words.POOL_BEFORE.search(window)
                or words.STRIKE_BEFORE.search(window)
                or words.GROUP_PEOPLE_AFTER.match(folded, end))


def visits_used(folded: str, begin: int, after: str, noun_end: int) -> bool:
    """Whether "lượt người" counts services used or care paid for rather than people reached:
    "180 triệu lượt người đi khám, chữa bệnh", "55 triệu lượt người đã dùng hình thức này",
    "thanh toán chi phí khám, chữa bệnh BHYT cho hơn 109 triệu lượt người", the visits of a
    sentence about benefits paid ("đã giải quyết hưởng lương hưu ... cùng với 8,8 triệu lượt")."""
    return bool(words.VISITS_USED_AFTER.match(after, noun_end)
                or words.CARE_PAID_BEFORE.search(folded, 0, begin))


def _goal_threshold(sentence: str, folded: str, begin: int, after: str) -> bool:
    """"Chính phủ đặt mục tiêu đạt tỷ lệ bao phủ BHYT từ 95% trở lên": a rate with no upper
    end that a goal word governs is the goal, met from its lower bound on; without the goal
    word ("các xã có tỷ lệ từ 95% trở lên") it stays a threshold of places."""
    return bool(_OPEN_ABOVE.match(after)) and _in_plan(sentence, folded, begin, begin)


def _in_plan(sentence: str, folded: str, begin: int, end: int, mood: str | None = "") -> bool:
    """Whether the figure at ``folded[begin:end]`` is a goal: the mood of its clause
    (`mood.clause_mood`: a plan's frame or an obligation; today's level or a history figure
    are not goals whatever plan words precede them), else a target word before it or its
    own verb in the future ("sẽ có"). `mood`: the clause's mood when already read ("": not
    yet)."""
    if mood == "":  # not read yet
        mood = clause_mood(folded, begin, end)
    if mood is not None:
        return mood == PLAN
    return is_target(sentence, folded, begin) or _will_have(sentence, folded, end)


# Insurance sold by companies, outside the contract's schemes.
_COMMERCIAL = re.compile(r"(?<![a-z])bao\s+hiem\s+(?:phi\s+)?(?:nhan\s+tho|thuong\s+mai)(?![a-z])")
# "khoảng 13 triệu người từ 60 tuổi trở lên": people of an age, a part of the population (the
# members among them are a sub-group, R7), not members.
_AGE_GROUP = re.compile(r"\s*(?:nguoi|lao\s+dong)\s+(?:(?:tu|tren|duoi|ngoai)\s+)?\d+\s+tuoi"
                        r"(?![a-z])")
# "..., chiếm 12% dân số" right after such a count: the group's share, not a coverage.
_SHARE_OF_GROUP = re.compile(r"\d+\s+tuoi(?:\s+tro\s+len)?\s*,?\s*(?:chiem|tuc|tuong\s+duong"
                             r"(?:\s+voi)?)\s*$")
# "Gia đình chị A, người Tày ở xã B, có 5 người nhưng không ai có thẻ BHYT": the size of a
# family, not members.
_FAMILY = re.compile(r"\W*(?:gia\s+dinh|nha|ho)\s+(?:chi|anh|ong|ba|co|chu|em|cu)(?![a-z])")
_FAMILY_SIZE = re.compile(r"(?<![a-z])co\s+[\d.,]+\s*$")
_OPEN_ABOVE = re.compile(r"\s*tro\s+len(?![a-z])")
# One step of a yearly path: a bare rate between list glue and its own year.
_PATH_STEP_BEFORE = re.compile(r"(?:[,;]|(?<![a-z])va)\s*$")
_PATH_STEP_AFTER = re.compile(r"\s*(?:(?:vao|den|trong)\s+)?(?:het\s+|cuoi\s+)?nam\s+(?:19|20)\d\d"
                              r"\s*(?:[.;,)]|va(?![a-z])|$)")


# "tăng thêm 892.000 người tham gia BHXH, 314.000 người tham gia BHXH tự nguyện và ...": the
# change's own people and scheme, then the list glue; the next count is a change too.
_PARALLEL_COUNT = re.compile(r"\s*(?:nguoi|doi\s+tuong)\s+tham\s+gia\s+[^,;.()\d]{2,40}?"
                             r"\s*(?:,\s*(?:va\s+)?|\s+va\s+)")


def _year_of_the_figure_before(folded: str, begin: int, value: float) -> bool:
    """"giảm từ 90% (2018) xuống còn 86,5%": a year alone in brackets right after a figure is
    that figure's date, not a count of a list."""
    return value == int(value) and 1945 <= value <= 2050 \
        and re.search(r"[\d%]\s*(?:nguoi\s*)?\($", folded[max(0, begin - 12):begin]) is not None


def _compared_itself(folded: str, begin: int, end: int) -> bool:
    """Whether a count is compared with an earlier time ("so với cùng kỳ") before it in its
    part of the sentence, or after it before the next number: in "có thêm 5.800 người, tăng
    9% so với năm 2020" the comparison is the 9%'s, and the 5.800 stays a flow."""
    if words.COMPARISON.search(folded, folded.rfind(";", 0, begin) + 1, begin):
        return True
    stop = end_of_part(folded, end)
    digit = re.search(r"\d", folded[end:stop])
    return bool(words.COMPARISON.search(folded, end, end + digit.start() if digit else stop))


def not_members(folded: str, end: int, window: str) -> bool:
    """Whether the people a count ends at are outside the members: "1.200 người không tham
    gia BHYT", "3.200 người lao động bị nợ đóng", "Số người chưa tham gia ... còn 480.000
    người", "650.000 người trong độ tuổi lao động"; and people handed their books or cards
    ("56 người ... đã được trao sổ BHXH tự nguyện"), a ceremony, not a stock. Read to the
    clause's end or the next number, so that the next count's predicate is not this one's."""
    stop = words.PREDICATE_END.search(folded, end)
    predicate = folded[end:stop.start() if stop else len(folded)]
    if stop and _NEEDS_MONEY.search(predicate) and words.MONEY_AT.match(folded, stop.start()):
        return True  # "1.722 người tham gia BHXH tự nguyện cần 2,27 tỷ đồng kinh phí hỗ trợ"
    # "hơn 1.700 người tham gia BHXH tự nguyện và hơn 52.000 người tham gia BHYT ... bị mất
    # khoản hỗ trợ": counts joined by "và" share the predicate after the last one.
    while stop and stop.group(0).isdigit() and words.COUNTS_JOINED.search(predicate) \
            and (count := words.COUNT_AT.match(folded, stop.start())):
        stop = words.PREDICATE_END.search(folded, count.end())
        predicate += " " + folded[count.end():stop.start() if stop else len(folded)]
    return bool(words.NOT_MEMBERS_AFTER.search(predicate)
                or _AGE_GROUP.match(folded, end)
                or _FAMILY.match(folded) and _FAMILY_SIZE.search(folded, 0, end)
                and not words.JOINED.search(predicate)
                or words.HANDED_OVER_AFTER.search(predicate)
                or words.WORKING_AGE_AFTER.match(folded, end)
                or other_people(folded, end, window)
                or ("chua" in window or "khong" in window)
                and bool(words.NOT_MEMBERS_BEFORE.search(window)))


def _bracketed_indicator(folded: str, begin: int, earlier: list[Figure],
                         carried: str | None) -> str | None:
    """Indicator of a bare count in brackets: that of the list's figures before it, else the
    last enrolment verb of the sentence before it, else the previous sentence's."""
    for figure in reversed(earlier):
        if figure.indicator in PEOPLE_INDICATORS:
            return figure.indicator
    cues = [m for m in words.CUE_RE.finditer(folded, 0, begin) if m.lastgroup != "breakdown"]
    if cues:
        return cues[-1].lastgroup
    return carried


def _clause_after(folded: str, end: int) -> str:
    """The rest of a figure's clause; a comma before a scheme name ("người tham gia BHXH tự
    nguyện, BHYT hộ gia đình trong Tháng vận động") lists schemes and does not end it."""
    position = end
    while (m := words.CLAUSE_END.search(folded, position)) is not None:
        if not (m.group(0) == "," and words.SCHEME_NEXT.match(folded, m.end())):
            return folded[end:m.start()]
        position = m.end()
    return folded[end:]


def _past_aside(folded: str, end: int) -> str:
    """The words after a figure with a bracketed aside right after its noun left out: in
    "18% dân số (khoảng 17 triệu người) chưa tham gia BHYT" the rate's predicate is "chưa tham
    gia"; the text itself when no aside follows.

    >>> _past_aside("18% dan so (khoang 17 trieu nguoi) chua tham gia", 3)
    ' dan so  chua tham gia'
    >>> _past_aside("23% dan so, tuong duong 690.000 nguoi, chua tham gia", 3)
    ' dan so chua tham gia'
    """
    aside = _ASIDE.match(folded, end)
    return folded[end:] if aside is None else aside["head"] + folded[aside.end():]


# ... or between commas as an equivalence: "vẫn còn hơn 23% dân số, tương đương hơn 690.000
# người, chưa tham gia BHYT".
_ASIDE = re.compile(r"(?P<head>[^(),;.\d]{0,30})(?:\([^()]*\)"
                    r"|,\s*(?:tuong\s+duong|tuc\s+la|tuc\s+khoang)(?![a-z])[^(),;]*,)")


def after_contrast(window: str) -> str:
    """The words of a figure's clause after a contrast that opens it: in "761.000 người rút ra
    trong khi chỉ có 426.000 người tham gia mới" the withdrawals before "trong khi" are the
    other side of the contrast, not the subject of the 426.000.

    >>> after_contrast(" nguoi rut ra trong khi chi co ")
    ' chi co '
    """
    cuts = list(_CONTRAST.finditer(window))
    return window[cuts[-1].end():] if cuts else window


_CONTRAST = re.compile(r"(?<![a-z])(?:trong\s+khi|nhung|(?:va|con)(?=\s+chi(?![a-z])))")


def _verb_past_apposition(folded: str, end: int) -> tuple[str, str] | None:
    """The verb of a count of people told after an apposition that restates it as a rate:
    "khoảng 19 triệu người, tức 37% lực lượng lao động, đã tham gia BHYT" and "84,5 triệu
    người trên cả nước, tương đương 89% dân số, đã có thẻ BHYT" are members; None when no
    such apposition follows or the words after it say nothing of joining.

    >>> _verb_past_apposition("19 trieu nguoi, tuc 37% dan so, da tham gia bhyt", 8)
    ('participants', 'tham gia')
    >>> _verb_past_apposition("19 trieu nguoi, tuc 37% dan so, song o nong thon", 8) is None
    True
    """
    aside = _APPOSITION.match(folded, end)
    if aside is None:
        return None
    clause = re.split(r"[,;.(]", folded[aside.end():], maxsplit=1)[0]
    if words.NOT_MEMBERS_AFTER.search(clause):
        return None
    verb = words.AFTER_VERB.match(clause) or words.AFTER_VERB.search(clause)
    if verb:
        return verb.lastgroup or "", re.sub(r"\s+", " ", verb.group(0))
    if re.match(r"\s*(?:(?:da|dang|deu|cung)\s+)*tham\s+gia(?![a-z])", clause):
        return "participants", "tham gia"
    return None


# ", tức 37% lực lượng lao động, ", ", tương đương 89% dân số, ": a count restated as a rate.
_APPOSITION = re.compile(r"\s*(?:nguoi|lao\s+dong)(?:\s+[a-z]+){0,4}?\s*,\s*(?:tuc(?:\s+la)?"
                         r"|tuong\s+duong(?:\s+voi)?|tuong\s+ung(?:\s+voi)?|bang|chiem)\s+"
                         r"(?:khoang\s+|hon\s+|gan\s+)?[\d.,]+\s*%[^,;.()\d]{0,40},\s*")


def _clause_before(folded: str, begin: int) -> str:
    """The words of a figure's clause before it."""
    starts = [m.end() for m in words.CLAUSE_END.finditer(folded, 0, begin)]
    return folded[starts[-1] if starts else 0:begin]


def _people_indicator(
    folded: str, window: str, raw_window: str, after: str, earlier: list[Figure],
    carried: str | None,
) -> tuple[str | None, str]:
    """Indicator of a count of people, from verbs after it, then before it, then the figures
    before it; None when nothing says these people joined, left or were reached."""
    if words.DROPOUT_AFTER.match(after):
        return "dropouts", "giam"
    after_rate = bool(earlier) and earlier[-1].indicator == "coverage_pct"
    if words.EQUALS_PEOPLE.search(window) and (after_rate or words.THIS_FIGURE.search(window)):
        # "tỷ lệ ... đạt 39,25%, tương đương 18,25 triệu người"; "Con số này tương ứng với
        # 90,19 triệu người" (after a headline rate): the stock behind a rate.
        return "participants", "tuong duong"
    verb = words.AFTER_VERB.search(re.split(r"[,;.(]", after, maxsplit=1)[0])
    if verb:
        return verb.lastgroup or "", re.sub(r"\s+", " ", verb.group(0))
    if earlier and earlier[-1].indicator == "growth_pct" and words.WORTH_BEFORE.fullmatch(window):
        # "tăng 15% với 20.537 người": the people the rise is worth, a net change
        return "net_change", "giam voi" if earlier[-1].value < 0 else "tang voi"
    net = words.NET_BEFORE.search(window)
    if net:
        # "22.600 người tham gia BHXH tự nguyện, giảm gần 3.000 người": the stock just given
        # fell, a net change.
        of_stock = bool(earlier) and earlier[-1].indicator == "participants" \
            and bool(words.STOCK_THEN_CHANGE.fullmatch(window))
        # "tăng thuần" (net), and "giảm 2,1%, tương ứng giảm 4.350 người": a net change too.
        behind_rate = bool(earlier) and earlier[-1].indicator == "growth_pct" \
            and bool(words.EQUALS_CHANGE_BEFORE.search(window))
        if net["sign"] == "tang" or words.COMPARED.match(after) or words.COUNT_FELL.search(window) \
                or of_stock or net["net"] or behind_rate:
            return "net_change", net["sign"]
        return "dropouts", "giam"
    cues = sorted(words.CUE_RE.finditer(window), key=lambda m: (m.end(), -m.start()))
    breakdown = carried and words.BREAKDOWN_SENTENCE.match(folded)
    joined = words.JOINED.search(re.split(r"[,;.(]", after, maxsplit=1)[0])
    if cues and joined and words.CLAUSE_END.search(window, cues[-1].end()) \
            and cues[-1].lastgroup == "new_participants":
        # "hoàn thành các chỉ tiêu phát triển người tham gia ... giao, với 29.523 người tham
        # gia BHXH bắt buộc": the verb names the plan clauses before; the people take part.
        cues = []
    if cues and cues[-1].lastgroup != "breakdown" and not (breakdown and cues[-1].group(0) == "co"):
        last = cues[-1]
        return last.lastgroup or "", re.sub(r"\s+", " ", last.group(0))
    for figure in reversed(earlier):
        # "...giảm gần 4.000 người; gần 22.600 người tham gia BHXH tự nguyện": people who
        # take part are listed like the stock, not like the change after it.
        if figure.indicator in ("net_change", "dropouts") and joined \
                and not (figure is earlier[-1] and _PARALLEL_COUNT.fullmatch(window)):
            continue
        if figure.indicator in PEOPLE_INDICATORS:
            return figure.indicator, "list"
    names_place = any(m["first"].isupper() for m in words.PLACE_WORD.finditer(raw_window))
    clause = re.split(r"[,;.(]", after, maxsplit=1)[0]
    # "người tham gia BHYT" are not drop-outs: a list after a drop-out count names stocks.
    quits = carried == "dropouts" and words.JOINED.search(clause)
    if carried and names_place and not words.STOCK_WORDS.search(window) and not quits:
        # "Trong đó, xã A có 412 người" after a net change: what a place "có" is a stock.
        stock = carried == "net_change" and cues and cues[-1].group(0) == "co"
        return ("participants", "co") if stock else (carried, "carried")
    if breakdown and (cues and cues[-1].group(0) == "co" or words.COPULA_BEFORE.search(window)) \
            and not quits:
        # "Trong đó, BHXH bắt buộc có 232.895 người" (or "là 16,823 triệu người"): a part of
        # the figure before; what a stock "có" after a change is the stock's part.
        return ("participants", "co") if carried == "net_change" else (carried, "carried")
    if words.JOINED.search(clause):
        # "Hơn 900 người tham gia ... trong ngày ra quân": joined during a campaign.
        return ("new_participants", "campaign") if words.DURING_CAMPAIGN.search(clause) else (
            "participants", "")
    if (label := words.LABEL_BEFORE.search(window)) and (
            scheme_mentions(window, label.start("label"))
            or words.PLACE_WORD.search(raw_window, label.start("label"))):
        # "Chỉ tiêu BHXH tự nguyện: 9.000 người": a plan's label makes its own figure
        return "participants", "plan" if words.PLAN_ANYWHERE.search(label["label"]) else "label"
    if plan := words.PLAN_WORD_BEFORE.search(window):
        # "Để hoàn thành chỉ tiêu 26.800 người": the plan's own figure, a stock unless the
        # plan is one of new members ("chỉ tiêu phát triển mới 2.500 người").
        flow = words.CUE_RE.search(plan.group(0))
        return ("new_participants" if flow and flow.lastgroup == "new_participants"
                else "participants"), "plan"
    return None, ""
