"""Figures of one sentence: each number with what it counts (indicator), whether it is a plan
or an achievement, its scheme and qualifier, read from the enrolment verbs and words around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from helpers.extract.schemes import combine, scheme_mentions
from helpers.text import find_numbers

# What the number counts, from the word right after it ("người", "lượt", "hội nghị").
_NOUN = re.compile(
    r"\s*(?:(?P<people>nguoi|doi\s+tuong|hoi\s+vien|lao\s+dong|doan\s+vien|nong\s+dan)"
    r"|(?P<visits>luot)|(?P<events>hoi\s+nghi|buoi|cuoc|le\s+ra\s+quan|dot\s+ra\s+quan|hoi\s+thao))"
    r"(?![a-z])"
)
# Verbs before a count of people; the one nearest to the number decides.
_CUES = {
    "dropouts": r"dung\s+dong|ngung\s+dong|dung\s+tham\s+gia|bo\s+tham\s+gia"
    r"|giam(?!\s+doc|\s+sat|\s+dinh|\s+con)",
    "new_participants": r"phat\s+trien(?:\s+moi)?(?:\s+them)?(?:\s+duoc)?|van\s+dong(?:\s+duoc)?"
    r"|co\s+them|khai\s+thac(?:\s+duoc|\s+dat)?"
    r"|thu\s+hut|ket\s+nap|tang\s+moi|tham\s+gia\s+moi|moi\s+tham\s+gia",
    # "có" only right before the number: "toàn tỉnh có 7.548", not "có kết quả cao gồm: ...".
    "participants": r"co(?=\s*$)|con(?=\s*$)|tang\s+len|nang\s+len|dat|(?:giam|chi)\s+con"
    r"|o\s+muc|bao\s+phu"
    r"|tong\s+so|con\s+lai|so\s+nguoi\s+tham\s+gia(?!\s+moi)",
    "people_reached": r"su\s+tham\s+gia\s+cua|tham\s+du|doi\s+thoai(?:\s+truc\s+tiep)?\s+voi"
    r"|tuyen\s+truyen\s+(?:cho|toi|den)|tu\s+van\s+cho|tiep\s+can"
    r"|(?:nhan\s+tin|goi\s+dien|gui\s+tin\s+nhan)\s+(?:den|cho|toi)",
    "breakdown": r"trong\s+do(?:\s*,)?(?:\s+co)?|rieng",
}
_CUE_RE = re.compile(
    "(?<![a-z])(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _CUES.items()) + ")(?![a-z])"
)
_NET_BEFORE = re.compile(r"(?<![a-z])(?P<sign>tang|giam)(?:\s+them)?\s*$")
_COMPARED = re.compile(r"^\s*(?:nguoi|doi\s+tuong)?\s*(?:\S+\s+){0,2}?so\s+voi")
_DROPOUT_AFTER = re.compile(r"^\s*(?:nguoi|doi\s+tuong)\s+(?:da\s+)?giam(?![a-z])")
# The verb can follow the people and their scheme: "có 3.105 người tham gia BHXH tự nguyện
# dừng đóng", "612 người tham gia mới". Checked up to the end of the figure's clause.
_AFTER_VERB = re.compile(
    r"(?<![a-z])(?:(?P<dropouts>dung\s+dong|ngung\s+dong|dung\s+tham\s+gia|ngung\s+tham\s+gia"
    r"|khong\s+tiep\s+tuc\s+(?:tham\s+gia|dong)"
    r"|bo\s+tham\s+gia)|(?P<new_participants>tham\s+gia(?:\s+[a-z]+){0,4}?\s+moi|moi\s+tham\s+gia"
    r"|tang\s+moi"
    r"|duoc\s+van\s+dong|duoc\s+phat\s+trien|dang\s+ky\s+tham\s+gia)"
    r"|(?P<people_reached>tham\s+du|du\s+hoi\s+nghi|du(?=\s*$)))(?![a-z])"
)
_RESPECTIVELY = re.compile(r"(?<![a-z])lan\s+luot(?![a-z])")
# "người dân tham gia BHXH": the scheme of the count before; "số người tham gia BHYT" opens
# the next figure's subject.
_JOINS_BEFORE = re.compile(r"(?<!so nguoi )tham\s+gia\s*$")
_LIST_GLUE = re.compile(r"\s*(?:,|va)?\s*$")
# People receiving benefits or care, and visits that are not outreach, are outside the
# vocabulary: "12.000 người hưởng lương hưu", "1,2 triệu lượt khám", "77.000 người chưa ...".
_NOT_ENROLMENT = re.compile(
    r"\s*(?:dan\s+|lao\s+dong\s+)?(?:dang\s+|da\s+)?(?:huong|nhan|rut|duoc\s+cap|duoc\s+tang"
    r"|duoc\s+ho\s+tro|thu\s+huong|kham|dieu\s+tri|truy\s+cap|xem|nguoi\s+kham|chua"
    # the pool of potential members, broadcast turns, renewals
    r"|thuoc\s+(?:dien|nhom)|nam\s+trong\s+(?:nhom|dien)|phat\s+thanh|phat\s+song"
    r"|(?:con\s+lai\s+)?(?:la\s+)?tai\s+tuc)(?![a-z])"
)
_STOCK_WORDS = re.compile(r"tong\s+so|so\s+nguoi|hien\s+(?:co|nay)|tinh\s+den|den\s+(?:het|nay)")
# "Trong đó, xã Quỳnh Tân có 97 người": a breakdown of the previous sentence's figure.
_BREAKDOWN_SENTENCE = re.compile(r"\s*(?:trong\s+do|trong\s+so\s+(?:do|nay))(?![a-z])")
# A place with its type word: "huyện Kỳ Anh", "Thành phố Long Xuyên" (not "Văn hóa xã trên").
_PLACE_WORD = re.compile(
    r"(?<!\w)(?i:huyện|thị xã|thành phố|quận|xã|phường|thị trấn|huyen|thi xa|thanh pho|quan|xa"
    r"|phuong|thi tran|tp\.?|tx\.?)\s*(?<=\s|\.)(?P<first>\w)"
)
_DURING_CAMPAIGN = re.compile(
    r"(?:trong|sau|tai)\s+(?:(?:ngay|buoi|dot|le)\s+ra\s+quan|(?:thang|dot)\s+cao\s+diem"
    r"|thang\s+van\s+dong|(?:cac\s+)?hoi\s+nghi)"
)
_MONEY = re.compile(r"(?<![a-z])(?:(?:ty|trieu|nghin)\s+dong|(?:tong\s+)?so\s+thu|usd)(?![a-z])"
                    r"|^\s*dong(?![a-z])")  # "25,2 ngàn tỷ đồng": the number took "tỷ"
_CLAUSE_END = re.compile(r"[;(]|[,.](?!\d)")  # not the marks inside "4.760"
_ADJACENT = re.compile(r"\s*(?:co|dat|la|voi|:)?\s*")
# Visits that are not outreach ("7,7 triệu lượt người" served by hospitals) and enrolments
# counted in visits ("khai thác đạt 31.438 lượt", "8.896 lượt là người tham gia mới").
_SERVED_BEFORE = re.compile(r"(?:phuc\s+vu|giai\s+quyet)[^,;.]*$")
_ENROLLED_AFTER = re.compile(r"\s*(?:la\s+)?(?:nguoi\s+)?(?:tham\s+gia\s+moi|moi\s+tham\s+gia)")
_NOT_COVERED_AFTER = re.compile(r"[^,;.]*?(?<![a-z])chua\s+(?:tham\s+gia|co)(?![a-z])")
_STOCK_THEN_CHANGE = re.compile(r"\s*(?:nguoi|doi\s+tuong)[^,;.]*,\s*giam\s*")
_PLAN_MET = re.compile(
    r"(?:hoan\s+thanh|vuot|dat|cao\s+hon)\s+(?:cac\s+|toan\s+bo\s+)?(?:chi\s+tieu|ke\s+hoach)")
_COMPARATIVE = re.compile(r"(?<![a-z])(?P<word>nhieu|it|cao|thap)\s+hon(?![a-z])")
_RANGE_FROM = re.compile(r"(?<![a-z])tu\s*$")
_RANGE_TO = re.compile(r"\s*(?:den|toi|tro\s+len)(?![a-z])|(?<![a-z])(?:den|toi)\s*$")
_BRACKET_CLOSE = re.compile(r"\s*(?:nguoi|luot)?\s*\)")
# "tỷ lệ ... đạt 39,25% lực lượng lao động, tương đương 18,25 triệu người": the stock.
_EQUALS_PEOPLE = re.compile(r"(?:tuong\s+duong|tuong\s+ung|bang)\s*(?:voi\s+)?$")
_THIS_FIGURE = re.compile(r"(?<![a-z])(?:con\s+so|so\s+lieu|ty\s+le)\s+(?:nay|tren)(?![a-z])")
_RATE_SUBJECT = re.compile(r"(?<![a-z])ty\s+le(?![a-z])")
_RISE_TO = re.compile(r"(?<![a-z])len\s*$")
_SCHEME_NEXT = re.compile(r"\s*(?:bh|bao\s+hiem)")
_COMPARISON = re.compile(r"(?<![a-z])so\s+voi(?![a-z])")
_JOINED = re.compile(r"(?<!su\s)tham\s+gia(?!\s+cua)")
# Receivers of benefits named before the number: "Số người hưởng trợ cấp thất nghiệp là ...".
# Also a part of the participants singled out by a support: "Số người tham gia ... được ngân
# sách hỗ trợ mức đóng là 58.900 người".
_RECEIVERS_BEFORE = re.compile(
    r"nguoi\s+(?:dang\s+|da\s+)?(?:huong|nhan|rut)(?![a-z])|thu\s+ho(?:\s+cho)?\s*(?:hon|tren)?\s*$"
    r"|nguoi[^,;.]{0,40}?duoc\s+(?:[a-z]+\s+){0,4}?ho\s+tro[^,;.]*$"
)
# A figure is a number with "%", a unit word, a count noun or "lần" right after it; sentences
# without one (dates and document numbers only) skip the slower number reader.
_MAY_HAVE_FIGURE = re.compile(
    r"\d\s*(?:%|nghin|ngan|trieu|ty|nguoi|doi|hoi|lao|doan|nong|luot|buoi|cuoc|le|dot|lan)"
    r"|(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+lan(?![a-z])|gap\s+doi(?![a-z])"
    r"|\(\s*\d[\d.]*\s*\)"  # "Hiệp Hòa (291)"
)
# "thấp hơn chỉ tiêu 91,5%", "trong khi chỉ tiêu Chính phủ giao là 95%"
_PLAN_ANYWHERE = re.compile(r"(?<![a-z])(?:chi\s+tieu|ke\s+hoach|muc\s+tieu)(?![a-z])")
_PLAN_WORD_BEFORE = re.compile(r"(?:chi\s+tieu|ke\s+hoach|muc\s+tieu)(?:\s+[a-z]+){0,4}\s*$")
_EQUALS_BEFORE = re.compile(r"(?:tuong\s+duong|tuong\s+ung|bang)\s*(?:voi\s+)?$")
_AVERAGE_BEFORE = re.compile(r"(?:binh\s+quan|trung\s+binh)[^%,;]{0,30}?(?:la|dat|o\s+muc)\s*$")
# Words that name who a change is about: "số người tham gia chỉ tăng 239 người".
_SUBJECT = re.compile(r"so\s+nguoi\s+tham\s+gia|tong\s+so|nguoi\s+tham\s+gia")
# "huyện A đạt 99,4%, huyện B (thấp nhất) với 96,1%": the rate of the figure before.
_REACH_BEFORE = re.compile(r"(?<![a-z])(?:dat|len|(?<!so\s)voi)\s*$")
_BARE_AFTER = re.compile(r"\s*(?:[.;,)]|$)")
# "mỗi xã tổ chức ít nhất 2 hội nghị": a norm per unit, not a count.
_PER_UNIT = re.compile(
    r"(?<![a-z])(?:moi|binh\s+quan)\s+(?:xa|phuong|thi\s+tran|huyen|thon|ban|don\s+vi|dia\s+phuong"
    r"|to|can\s+bo|thang|nguoi)(?![a-z])"
)
_CONNECTOR = re.compile(r"^\s*(?:,|va|hoac)?\s*$")
_ATTAINMENT_AFTER = re.compile(r"^\s*(?:so\s+voi\s+)?(?:ke\s+hoach|chi\s+tieu|muc\s+tieu)")
_COVERAGE_AFTER = re.compile(
    r"^\s*(?:[a-z]+\s+){0,3}?(?:luc\s+luong\s+lao\s+dong|dan\s+so|nguoi\s+dan|so\s+dan)"
)
_COVERAGE_BEFORE = re.compile(r"bao\s+phu|ty\s+le(?:[\s,]+[a-z]+){0,8}?\s+tham\s+gia")
# "thấp hơn 1,9% so với chỉ tiêu": a gap from the plan, below or above it.
_GAP_BEFORE = re.compile(
    r"(?<![a-z])(?:(?P<below>thap\s+hon|kem|hut|it\s+hon)|cao\s+hon|vuot)\s*$")
# "số người tham gia BHYT giảm 8.410 người": the count of participants fell (a net change).
_COUNT_FELL = re.compile(r"so\s+nguoi\s+tham\s+gia[^,;]*giam\s*$")
# Not "giảm còn 2,93%", "tăng lên 5%": the level a rate reached.
_GROWTH_BEFORE = re.compile(
    r"(?P<sign>tang|giam)(?:\s+truong)?(?![a-z])(?!\s+(?:con|len|tu)(?![a-z]))[^,;%]{0,40}$")
# "ảnh hưởng tới khoảng 25% dân số": a share of the population that is not covered by anything.
_NOT_COVERAGE_BEFORE = re.compile(r"(?:anh\s+huong|thuoc\s+dien|chua)[^,;]*$")
_RATIO = (re.compile(r"(?<![a-z])(?:gap|tang)\s*$"), re.compile(r"^\s*lan(?![a-z])"))
_TARGET = re.compile(
    r"(?<![a-z])(?:phan\s+dau|muc\s+tieu|chi\s+tieu|du\s+kien|ke\s+hoach|giao|se|dat\s+ra"
    r"|yeu\s+cau)(?![a-z])"  # "với yêu cầu phát triển thêm 688 người"
)
# "đạt 133,4% kế hoạch", "so với kế hoạch", "Kế hoạch số 81": a plan named, not a plan figure.
_NOT_TARGET_BEFORE = re.compile(
    r"(?:(?:%|so\s+voi)(?:\s*[a-z]+){0,4}|(?:vuot|dat|hoan\s+thanh)(?:\s*[a-z]+)?)\s*$"
)
# "Kế hoạch số 81", "về đích"; and a plan word that closes its phrase ("đạt 102% kế hoạch
# BHXH Việt Nam giao, tăng 15,2%") names the plan of an earlier figure, not a new target.
_NOT_TARGET_AFTER = re.compile(r"\s+so\s+\d|\s+dich(?![a-z])|\s*[,;.)]")
_CLOSING_OK = ("phan dau", "du kien", "se")
# "đặt mục tiêu" (set a goal) folds like "đạt mục tiêu" (reached it); the accents tell.
_SET_GOAL = re.compile(r"(?i:đặt)(?:\s+ra)?\s*$")
# "Để đạt mục tiêu 15.500 người": the goal to reach, so a target.
_TO_REACH = re.compile(r"(?<![a-z])(?:de|nham|phan\s+dau)\s+dat(?:\s+duoc)?\s*$")
# "chỉ tiêu 91,5%", "chỉ tiêu bao phủ 94,7%": the plan's own value.
_RIGHT_BEFORE = re.compile(r"\s*(?:(?:bao\s+phu|giao|de\s+ra|dat\s+ra|nam)\s+)?(?:la\s+)?")
_ACHIEVED = re.compile(r"(?<![a-z])da(?![a-z])")

PEOPLE_INDICATORS = ("participants", "new_participants", "dropouts", "net_change")
_CHANGES = ("net_change", "growth_pct", "growth_ratio", "attainment_pct")


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


def read_figures(sentence: str, folded: str, carried: str | None = None) -> list[Figure]:
    """Read the figures of one sentence, in text order.

    Parameters
    ----------
    sentence, folded
        The sentence (NFC) and its offset-keeping fold.
    carried
        Indicator of the previous sentence's last count of people, for a sentence that goes
        on listing places without a verb ("Huyện Bình Sơn dẫn đầu với 186 người, ...") or
        breaks that figure down ("Trong đó, xã Quỳnh Tân có 97 người").

    Returns
    -------
    list of Figure
        Numbers that are not counts of people, visits or events, nor a percentage of plan,
        coverage or growth, nor a multiple ("gấp hai lần"), are left out: durations ("3 năm"),
        shares of something else ("46,8% so với tổng số"), places ("100% xã").
    """
    if not _MAY_HAVE_FIGURE.search(folded):
        return []
    numbers = find_numbers(sentence)
    afters = _shared_nouns(folded, numbers)
    figures: list[Figure] = []
    previous_end = 0
    skipped_subject = False
    in_range = False
    for i, (begin, end, number) in enumerate(numbers):
        window = folded[previous_end:begin]
        next_begin = numbers[i + 1][0] if i + 1 < len(numbers) else len(folded)
        after = afters[i]
        previous_end = end
        # "từ 1.000 đến hơn 2.000 người", "từ 500 người trở lên": a range or a threshold.
        if not number.is_percent and (_RANGE_FROM.search(window) or in_range
                                      and _RANGE_TO.search(window)):
            in_range = bool(_RANGE_TO.match(after)) or bool(_NOUN.match(after)) \
                and bool(_RANGE_TO.match(after, _NOUN.match(after).end()))
            continue
        in_range = False
        figure = _classify(sentence, folded, (begin, end), number, window, after, figures, carried)
        if figure is None and folded[begin - 1:begin] == "(" and _BRACKET_CLOSE.match(
                folded, end) and not number.is_percent and number.value >= 1:
            # "Hiệp Hòa (291), Tân Yên (161)": a count in brackets after a place, in a list
            # whose figures the sentence has already named.
            indicator = _bracketed_indicator(folded, begin, figures, carried)
            figure = indicator and Figure(begin, end, number.value, number.qualifier, indicator,
                                          False, None, begin, cue="list")
        if figure is None:
            skipped_subject = skipped_subject or bool(_NOUN.match(after))
            continue
        if figures and figures[-1].indicator == "dropouts" and figure.indicator in _CHANGES \
                and not _SUBJECT.search(window):
            continue  # "1.987 người dừng đóng, tăng 12,4%": the change of drop-outs
        if skipped_subject and not figures and figure.indicator in _CHANGES \
                and not _SUBJECT.search(window):
            continue  # "48.560 người hưởng trợ cấp, tăng 32%": the change of a skipped count
        figure.window_start = begin - len(window)
        figure.is_target = figure.cue == "plan" or figure.cue != "attained" and _is_target(
            sentence, folded, begin)
        figure.scheme = _scheme(folded, begin, end, next_begin, figure, figures)
        named = scheme_mentions(folded, end, next_begin)
        figure.scheme_named = bool(named) and _own_scheme(folded, end, next_begin, named)
        figures.append(figure)
    _schemes_respectively(folded, figures)
    return figures


def _schemes_respectively(folded: str, figures: list[Figure]) -> None:
    """"3.215 người tham gia BHXH tự nguyện và 45.780 người tham gia BHYT hộ gia đình, lần lượt
    đạt 42% và 51% kế hoạch": the n-th figure after "lần lượt" has the n-th scheme before it."""
    m = _RESPECTIVELY.search(folded)
    if not m:
        return
    before = [f for f in figures if f.end <= m.start()]
    after = [f for f in figures if m.end() <= f.start < _end_of_part(folded, m.end())]
    if len(before) == len(after) >= 2 and len({f.scheme for f in before}) == len(before):
        for source, figure in zip(before, after, strict=True):
            if not figure.scheme_named:
                figure.scheme = source.scheme


def list_header(folded: str) -> str | None:
    """Indicator announced by a list header without numbers ("Số người tham gia BHYT hộ gia đình
    tại một số địa phương:"), for the lines that follow; None if it is not one."""
    if not folded.rstrip().endswith(":"):
        return None
    cues = [m for m in _CUE_RE.finditer(folded) if m.lastgroup not in ("breakdown", None)]
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
        if same_kind and _CONNECTOR.match(afters[i]):
            afters[i] = afters[i + 1]
    return afters


def _classify(sentence, folded, span, number, window, after, earlier, carried) -> Figure | None:
    begin, end = span
    qualifier = number.qualifier
    value = number.value
    starts_with_vuot = folded.startswith("vuot", begin)
    if number.is_percent:
        if _RANGE_FROM.search(window) and _RANGE_TO.match(after):
            return None  # "tỷ lệ bao phủ BHYT từ 95% trở lên": a threshold
        indicator = None
        # "Tổng số thu đạt 472,3 nghìn tỷ đồng (19,24 tỷ USD), tăng 8,55%, đạt 101,41% kế
        # hoạch": rates of money, not of people.
        part = folded.rfind(";", 0, begin) + 1
        if _MONEY.search(folded, part, begin) and not any(
                f.indicator in PEOPLE_INDICATORS and f.start >= part for f in earlier):
            return None
        if folded[begin - 1:begin] == "(" and earlier and earlier[-1].cue == "%" \
                and _PLAN_ANYWHERE.search(window):
            # "... so với chỉ tiêu mà Nghị quyết số 03-NQ/TU đề ra (38%)": the plan's own rate.
            return Figure(begin, end, value, qualifier, earlier[-1].indicator, False, None,
                          begin, cue="plan")
        if _ATTAINMENT_AFTER.match(after):
            indicator = "attainment_pct"
            # "thấp hơn 1,9%": the number reader took "hơn" as its qualifier.
            said = begin + 3 if folded.startswith("hon", begin) else begin
            gap = _GAP_BEFORE.search(folded, max(0, begin - 30), said)
            if starts_with_vuot or gap:
                # After a coverage rate, "vượt 0,15% so với chỉ tiêu" is percentage points;
                # so is a gap whose subject is a rate ("Tỷ lệ này cao hơn 2% so với chỉ tiêu").
                if earlier and earlier[-1].indicator == "coverage_pct" or not earlier \
                        and _RATE_SUBJECT.search(folded, 0, begin):
                    return None
                below = gap is not None and gap["below"]
                value, qualifier = 100 + (-value if below else value), "exact"
        elif _REACH_BEFORE.search(window) and _BARE_AFTER.match(after) \
                and _PLAN_ANYWHERE.search(folded, 0, begin) and not earlier:
            # "so với chỉ tiêu, kế hoạch được giao ... (BHXH bắt buộc đạt 93,6%, ...)"
            return Figure(begin, end, value, qualifier, "attainment_pct", False, None, begin,
                          cue="attained")
        elif folded[begin - 1:begin] == "(" and _BARE_AFTER.match(after) \
                and any(f.indicator == "attainment_pct" for f in earlier) \
                and earlier[-1].indicator in PEOPLE_INDICATORS:
            # "... (bằng 100,3% chỉ tiêu) và gần 18.200 người tham gia ... (105,5%)"
            indicator = "attainment_pct"
        elif _COVERAGE_AFTER.match(after) or _COVERAGE_BEFORE.search(window):
            if _NOT_COVERED_AFTER.match(after) or _NOT_COVERAGE_BEFORE.search(window):
                return None  # "hơn 99% lực lượng lao động ... chưa tham gia": not covered
            indicator = "coverage_pct"
        elif (growth := _GROWTH_BEFORE.search(window)) and not _MONEY.search(window):
            indicator = "growth_pct"
            value = -value if growth["sign"] == "giam" else value
        elif earlier and earlier[-1].indicator == "net_change" and (
                _EQUALS_BEFORE.search(window) or folded[begin - 1:begin] == "("):
            indicator = "growth_pct"  # "tăng 2.870 người, tương đương 17,5%"
            value = -value if earlier[-1].value < 0 else value
        elif earlier and earlier[-1].cue == "%" and (
            _CONNECTOR.match(window) or _PLAN_WORD_BEFORE.search(window)
            or _REACH_BEFORE.search(window) and _BARE_AFTER.match(after)
            or _AVERAGE_BEFORE.search(window)  # "so với bình quân cả nước là 3,92%"
            or _RISE_TO.search(window)  # "tăng từ 42,71% ... năm 2024 lên 45,1%"
        ):
            # "lần lượt tăng 24% và 21%"; "đạt 88,6% dân số, thấp hơn chỉ tiêu 91,5%";
            # "đạt 2,6% lực lượng lao động; đến năm 2025 đạt 3,5%."
            indicator = earlier[-1].indicator
            if _RISE_TO.search(window):  # dated by what follows it: "lên 45,1% năm 2025"
                return Figure(begin, end, value, qualifier, indicator, False, None, begin,
                              cue="%", flags=["dated_after"])
        if indicator is None:
            return None
        return Figure(begin, end, value, qualifier, indicator, False, None, begin, cue="%")
    if _RATIO[0].search(folded, max(0, begin - 20), begin) and (
            _RATIO[1].match(after) or folded.startswith("doi", begin)):  # "gấp đôi"
        return Figure(begin, end, value, qualifier, "growth_ratio", False, None, begin)
    noun = _NOUN.match(after)
    comparative = _COMPARATIVE.search(folded, max(0, begin - 12), begin + 3)
    if noun and noun["people"] and comparative and folded.startswith("hon", begin) \
            and _COMPARISON.search(_clause_after(folded, end) + _clause_before(folded, begin)):
        # "nhiều hơn 2.806 người so với cùng kỳ": a change, "hơn" is not "more than 2.806"
        sign = -1 if comparative["word"] in ("it", "thap") else 1
        return Figure(begin, end, sign * value, "exact", "net_change", False, None, begin,
                      cue="comparative")
    if noun is None or value < 1 or value != int(value) and value < 1000 \
            or _NOT_ENROLMENT.match(after, noun.end()) or _RECEIVERS_BEFORE.search(window) \
            or _PER_UNIT.search(window):
        return None
    if noun["visits"]:
        if _SERVED_BEFORE.search(window):
            return None
        cues = [m for m in _CUE_RE.finditer(window) if m.lastgroup != "breakdown"]
        if _ENROLLED_AFTER.match(after, noun.end()) or cues and cues[-1].lastgroup == \
                "new_participants" and cues[-1].group(0).startswith("khai"):
            return Figure(begin, end, value, qualifier, "new_participants", False, None, begin,
                          cue="luot")
        return Figure(begin, end, value, qualifier, "people_reached", False, None, begin)
    if noun["events"]:
        return Figure(begin, end, value, qualifier, "events", False, None, begin)
    raw_window = sentence[begin - len(window):begin]
    indicator, cue = _people_indicator(folded, window, raw_window, after, earlier, carried)
    if indicator is None:
        return None
    if indicator == "participants" and (_DURING_CAMPAIGN.search(_clause_after(folded, end))
                                        or _DURING_CAMPAIGN.search(_clause_before(folded, begin))):
        # "có 1.930 người ... ngay sau hội nghị", "trong và sau đợt ra quân đã có 105.300 người"
        indicator, cue = "new_participants", "campaign"
    if indicator == "new_participants" and cue in ("co them", "tang them") \
            and _COMPARISON.search(folded, folded.rfind(";", 0, begin) + 1,
                                   _end_of_part(folded, end)):
        indicator = "net_change"  # "So với cùng kỳ năm 2024, cả nước có thêm 167.000 người"
    if indicator == "net_change" and cue == "giam":
        value = -value
    return Figure(begin, end, value, qualifier, indicator, False, None, begin, cue=cue)


def _bracketed_indicator(folded: str, begin: int, earlier: list[Figure],
                         carried: str | None) -> str | None:
    """Indicator of a bare count in brackets: that of the list's figures before it, else the
    last enrolment verb of the sentence before it, else the previous sentence's."""
    for figure in reversed(earlier):
        if figure.indicator in PEOPLE_INDICATORS:
            return figure.indicator
    cues = [m for m in _CUE_RE.finditer(folded, 0, begin) if m.lastgroup != "breakdown"]
    if cues:
        return cues[-1].lastgroup
    return carried


def _clause_after(folded: str, end: int) -> str:
    """The rest of a figure's clause; a comma before a scheme name ("người tham gia BHXH tự
    nguyện, BHYT hộ gia đình trong Tháng vận động") lists schemes and does not end it."""
    position = end
    while (m := _CLAUSE_END.search(folded, position)) is not None:
        if not (m.group(0) == "," and _SCHEME_NEXT.match(folded, m.end())):
            return folded[end:m.start()]
        position = m.end()
    return folded[end:]


def _end_of_part(folded: str, end: int) -> int:
    """End of the ";"-delimited part of the sentence a figure stands in."""
    cut = folded.find(";", end)
    return len(folded) if cut < 0 else cut


def _clause_before(folded: str, begin: int) -> str:
    """The words of a figure's clause before it."""
    starts = [m.end() for m in _CLAUSE_END.finditer(folded, 0, begin)]
    return folded[starts[-1] if starts else 0:begin]


def _people_indicator(
    folded: str, window: str, raw_window: str, after: str, earlier: list[Figure],
    carried: str | None,
) -> tuple[str | None, str]:
    """Indicator of a count of people, from verbs after it, then before it, then the figures
    before it; None when nothing says these people joined, left or were reached."""
    if _DROPOUT_AFTER.match(after):
        return "dropouts", "giam"
    if _EQUALS_PEOPLE.search(window) and (
            earlier and earlier[-1].indicator == "coverage_pct" or _THIS_FIGURE.search(window)):
        # "tỷ lệ ... đạt 39,25%, tương đương 18,25 triệu người"; "Con số này tương ứng với
        # 90,19 triệu người" (after a headline rate): the stock behind a rate.
        return "participants", "tuong duong"
    verb = _AFTER_VERB.search(re.split(r"[,;.(]", after, maxsplit=1)[0])
    if verb:
        return verb.lastgroup or "", re.sub(r"\s+", " ", verb.group(0))
    net = _NET_BEFORE.search(window)
    if net:
        # "22.600 người tham gia BHXH tự nguyện, giảm gần 3.000 người": the stock just given
        # fell, a net change.
        of_stock = bool(earlier) and earlier[-1].indicator == "participants" \
            and bool(_STOCK_THEN_CHANGE.fullmatch(window))
        if net["sign"] == "tang" or _COMPARED.match(after) or _COUNT_FELL.search(window) \
                or of_stock:
            return "net_change", net["sign"]
        return "dropouts", "giam"
    cues = sorted(_CUE_RE.finditer(window), key=lambda m: (m.end(), -m.start()))
    breakdown = carried and _BREAKDOWN_SENTENCE.match(folded)
    joined = _JOINED.search(re.split(r"[,;.(]", after, maxsplit=1)[0])
    if cues and joined and _CLAUSE_END.search(window, cues[-1].end()) \
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
        if figure.indicator in ("net_change", "dropouts") and joined:
            continue
        if figure.indicator in PEOPLE_INDICATORS:
            return figure.indicator, "list"
    names_place = any(m["first"].isupper() for m in _PLACE_WORD.finditer(raw_window))
    clause = re.split(r"[,;.(]", after, maxsplit=1)[0]
    # "người tham gia BHYT" are not drop-outs: a list after a drop-out count names stocks.
    quits = carried == "dropouts" and _JOINED.search(clause)
    if carried and names_place and not _STOCK_WORDS.search(window) and not quits:
        return carried, "carried"
    if breakdown and cues and cues[-1].group(0) == "co" and not quits:
        # "Trong đó, BHXH bắt buộc có 232.895 người": a part of the figure before; what a
        # stock "có" after a change is the stock's part.
        return ("participants", "co") if carried == "net_change" else (carried, "carried")
    if _JOINED.search(clause):
        # "Hơn 900 người tham gia ... trong ngày ra quân": joined during a campaign.
        return ("new_participants", "campaign") if _DURING_CAMPAIGN.search(clause) else (
            "participants", "")
    return None, ""


def _is_target(sentence: str, folded: str, begin: int) -> bool:
    """A plan figure: a target word before it in the sentence, with no "đã" (done) and no
    closed parenthesis between them ("(giao 5.800 người), tăng 2.355 người")."""
    cues = [
        m for m in _TARGET.finditer(folded, 0, begin)
        if _RIGHT_BEFORE.fullmatch(folded, m.end(), begin)  # "chỉ tiêu 91,5%": its value
        or not (_NOT_TARGET_BEFORE.search(folded, 0, m.start())
                and not _SET_GOAL.search(sentence, 0, m.start())
                and not _TO_REACH.search(folded, 0, m.start()))
        # "sẽ" (will), not a name such as "Chư Sê"
        and (m.group(0) != "se" or sentence[m.start():m.end()] in ("sẽ", "se"))
        # "hoàn thành các chỉ tiêu ... được BHXH Việt Nam giao, với 29.523 người": met
        and not (m.group(0) == "giao" and _PLAN_MET.search(folded, max(0, m.start() - 90),
                                                            m.start()))
        and not (_NOT_TARGET_AFTER.match(folded, m.end())
                 and re.sub(r"\s+", " ", m.group(0)) not in _CLOSING_OK)
    ]
    if not cues:
        return False
    cue = cues[-1]
    between = folded[cue.end():begin]
    if _ACHIEVED.search(between):
        return False
    opened = folded.rfind("(", 0, cue.start()) > folded.rfind(")", 0, cue.start())
    return not (opened and ")" in between)


def _scheme(folded, begin, end, next_begin, figure, earlier) -> str | None:
    """Scheme named right after the number, else in the words before it since the previous
    number, else that of the previous figure, else anywhere in the sentence; None if none."""
    clause_start = max(figure.window_start, folded.rfind(";", 0, begin) + 1)
    before = scheme_mentions(folded, clause_start, begin)
    # "BHXH tự nguyện hơn 37 ngàn người và BHYT gần 3,8 triệu người": a scheme right before
    # the number is its own, whatever follows it.
    if before and _ADJACENT.fullmatch(folded, before[-1][1], begin):
        return combine(_list_of(folded, before[::-1]))
    clause_end = folded.find(";", end, next_begin)
    own = scheme_mentions(folded, end, next_begin if clause_end < 0 else clause_end)
    if own and _own_scheme(folded, end, next_begin, own):
        return combine(_list_of(folded, own))
    if before:
        return combine(_list_of(folded, before[::-1]))
    if earlier and earlier[-1].scheme:
        return earlier[-1].scheme
    nearest = scheme_mentions(folded, 0, begin)
    if nearest:
        return nearest[-1][2]
    return combine([s for _, _, s in scheme_mentions(folded, end)])


def _own_scheme(folded: str, end: int, next_begin: int, mentions: list) -> bool:
    """Whether the first scheme named after a number is the number's own: before the clause
    ends, or right after "tham gia" ("144 hội viên, người dân tham gia BHXH tự nguyện"); in
    "44,6%, tỷ lệ bao phủ BHYT đạt" the BHYT belongs to the next figure."""
    comma = folded.find(",", end, next_begin)
    first = mentions[0][0]
    return comma < 0 or first < comma or bool(_JOINS_BEFORE.search(folded, end, first))


def _list_of(folded: str, mentions: list[tuple[int, int, str]]) -> list[str]:
    """The first mention and those listed with it ("BHXH tự nguyện, BHYT hộ gia đình", "... và
    ..."), stopping at the first one separated by other words ("... và phấn đấu ... BHYT")."""
    chosen = [mentions[0]]
    for mention in mentions[1:]:
        first, second = sorted((chosen[-1], mention))
        if not _LIST_GLUE.match(folded, first[1], second[0]):
            break
        chosen.append(mention)
    return [s for _, _, s in chosen]
