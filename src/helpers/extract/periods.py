"""Periods of the figures in a sentence: which date range or as-of date each figure is for,
with comparisons, deadlines and document dates set aside and references carried over.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from helpers.text import Period, find_periods

# Dates that are not the period of a figure: baselines of a comparison ("so với cùng kỳ năm
# 2023"), deadlines ("trước ngày 30/11/2023"), the date a document was signed, a term of office.
_NOT_A_PERIOD = re.compile(
    r"so\s+voi[^,;.()]*"
    r"|(?<![a-z])gap\s+[\d,]+\s+lan[^,;.()]*"  # "gấp 3,2 lần năm 2018": a baseline too
    r"|truoc\s+(?:ngay|khi)[^,;.()]*"
    r"|(?:chi\s+thi|ke\s+hoach|quyet\s+dinh|nghi\s+quyet|nghi\s+dinh|thong\s+tu|cong\s+van"
    r"|van\s+ban|huong\s+dan)\s+(?:so\s+)?[\w./-]*\d[\w./-]*\s+(?:ngay\s+)?\d{1,2}/\d{1,2}/\d{4}"
    r"|nhiem\s+ky\s+\d{4}\s*[-–]\s*\d{4}"
)
# "đạt 62% kế hoạch năm", "bằng một nửa chỉ tiêu được giao năm": the plan an attainment is of.
_PLAN_OF_ATTAINMENT = re.compile(
    r"(?:%|nua|phan\s+[a-z]+)\s*(?:so\s+voi\s+)?(?:ke\s+hoach|chi\s+tieu|muc\s+tieu)"
    r"(?:\s+[a-z]+){0,4}?\s*$")
# "phấn đấu hoàn thành 100% kế hoạch năm 2024": a goal keeps its year.
_GOAL_BEFORE = re.compile(r"(?<![a-z])(?:phan\s+dau|du\s+kien|se|ky\s+vong|can|phai|nham|de"
                          r"|muc\s+tieu)(?![a-z])[^;.]*$")
# Every period `find_periods` reads has a digit or "nay"/"hiện tại"; most sentences have none.
# Two scans with a fast start (a digit; n, t, q, h): one of both tried every character.
_PERIOD_DIGITS = re.compile(r"\d(?:/\d|-\d|\d{3})")
_PERIOD_WORDS = re.compile(
    r"nam\s+(?:\d|[iv]+(?![a-z]))|thang\s+(?:\d|[iv]+(?![a-z]))|quy\s+(?:\d|[iv]+(?![a-z]))"
    r"|nay(?![a-z])|hien\s+tai"
)
# "trong hơn một tháng qua", "thời gian vừa qua": up to the publication date.
_RECENT = re.compile(r"(?:thang|tuan|thoi\s+gian|ngay|quy)\s+(?:vua\s+)?qua(?![a-z])")
# "Năm qua" is the year just ended early in a year, else the year so far; "năm ngoái" the year
# before publication; "4 tháng đầu năm nay" the publication year's first months.
_PAST_YEAR = re.compile(r"(?<![a-z])nam\s+(?:(?P<past>vua\s+qua|qua)|(?P<last>ngoai))(?![a-z])")
_MONTHS_THIS_YEAR = re.compile(r"(?<![\d/])(?P<n>\d{1,2})\s+thang\s+(?:dau\s+)?nam\s+nay")
# "6 tháng đầu năm", "trong 11 tháng," with no year: the year's first months up to the
# publication (of the year before when they are not over yet).
_MONTHS_NO_YEAR = re.compile(
    r"(?<![\d/])(?P<n>\d{1,2})\s+thang(?:\s+dau\s+nam(?!\s+(?:nay|\d))|(?=\s*(?:[,.;:]|$))"
    # "riêng trong 10 tháng có 6.420 người": not "trong 2 tháng cao điểm", "3 tháng qua"
    r"|(?=\s+(?:co|da|toan|ca|so|tinh)\s))")
_LAST_MONTH = re.compile(r"(?<![a-z])thang\s+truoc(?![a-z])")
_THAT_YEAR = re.compile(r"(?<![a-z])nam\s+(?:do|ay)(?![a-z])")  # "ngay trong năm đó"
_EARLY_MONTHS = 3  # "năm qua" in January–March is the year before
_SPAN_BEFORE = re.compile(r"(?P<more>hon\s+)?(?P<n>\d{1,2}|mot|hai|ba|bon|sau)\s+$")
_COUNT_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "sau": 6}
_WINDOWS_OF = re.compile(
    r"(?<![a-z])(?:\d+|mot|hai|ba)\s+(?:thang|dot)[a-z\s]{0,20}(?:cua|trong)\s+$")
# "hiện có", "hiện đang có": as of the publication date, like "hiện nay".
# "Hiện huyện A có ...": a sentence that opens on "Hiện" too ("hiện đại", "hiện thực" are words).
_NOW_HAS = re.compile(r"(?<![a-z])hien\s+(?:dang\s+)?(?:co|con)(?![a-z])"
                      r"|^\W*hien(?=\s)(?!\s+(?:dai|thuc|trang|vat|dien|tuong)(?![a-z]))")
# "Theo báo cáo, hiện tỉ lệ bao phủ ...": a clause that opens on "hiện" after a comma, where
# the present's date is known (undated, it would only undo the period carried from before).
_NOW_CLAUSE = re.compile(r"[,:;]\s+hien(?=\s)(?!\s+(?:dai|thuc|trang|vat|dien|tuong|nay|hanh"
                         r"|le|dang|co|con)(?![a-z]))")
_YEAR_WORD = re.compile(
    r"(?:(?:den|toi)\s+)?(?:het\s+|cuoi\s+)?nam\s+(?P<rel>nay|sau|toi)(?![a-z])"
    r"|(?:den|toi)\s+(?:het|cuoi)\s+nam(?!\s+\d)"
)
# (Each alternative opens on its own word, so the scan jumps to an n, h or c; and every one
# holds "nam", looked for first.)
_YEAR_WORD_GATE = re.compile(r"nam\s+(?:nay|sau|toi)|het\s+nam|cuoi\s+nam")
# "từ đầu năm (đến nay)" without a year: the publication year.
_YEAR_START = re.compile(r"tu\s+dau\s+nam(?!\s+\d)(?:\s+(?:den|toi)\s+nay)?")
_MONTHS_OF_YEAR = re.compile(r"(?<![\d/])(?P<n>\d{1,2})\s+thang\s+(?:dau\s+)?nam\s+(?P<y>\d{4})")
_CAMPAIGN_MONTH = re.compile(
    r"thang\s+van\s+dong\s+(?:trien\s+khai\s+)?bhxh\s*,?\s*(?:bhyt\s+)?toan\s+dan\s+nam\s+(?P<y>\d{4})"
)
# "Sáng 8/5", "ngày 11/7": a day whose year is the one in force.
_DAY_WITHOUT_YEAR = re.compile(
    r"(?<![a-z])(?:sang|chieu|toi|ngay)\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![/\d-])"
    r"(?P<this>\s+nam\s+nay(?![a-z]))?"
)
# "từ ngày 1-11 đến 5-12", "từ ngày 1/11 đến ngày 5/12": a window of days without a year.
_DAY_WINDOW = re.compile(
    r"(?<![a-z])tu\s+ngay\s+(?P<d1>\d{1,2})[/-](?P<m1>\d{1,2})\s+(?:den|toi)\s+(?:ngay\s+)?"
    r"(?P<d2>\d{1,2})[/-](?P<m2>\d{1,2})(?![/\d-])")
# "Trong quý IV" with no year: that quarter of the year in force.
_QUARTER_WITHOUT_YEAR = re.compile(
    r"(?<![a-z])quy\s+(?P<q>iv|iii|ii|i|[1-4])(?![a-z\d])(?!\s*(?:/|-|nam)\s*\d)"
    # "Quý I năm nay": that quarter of the present year, one reading
    r"(?P<this>\s+nam\s+nay(?![a-z]))?")
# "tăng 8,7% so với cùng kỳ năm 2024": the base of a comparison with the same period a year
# before; the sentence's periods without a year ("Quý I năm nay", "6 tháng đầu năm") are of
# the year after it, never of the base's year.
_SAME_PERIOD_BASE = re.compile(r"(?<![a-z])cung\s+ky\s+nam\s+((?:19|20)\d\d)(?!\d)")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# "Trong tháng 9", "tính đến hết tháng 10" with no year: the latest such month up to
# publication (the year in force when the publication date is unknown).
_MONTH_WITHOUT_YEAR = re.compile(
    r"(?<![a-z\d])(?P<upto>(?:(?:tinh\s+)?(?:den|toi)\s+(?:het\s+|cuoi\s+)?)|(?:het\s+|cuoi\s+))?"
    r"thang\s+(?P<m>\d{1,2})(?![\d/-])(?!\.\d)(?!\s*(?:nam|/|-)\s*\d)"
    # "Tính đến cuối tháng 6 năm nay": that month of the publication year, one reading
    r"(?P<this>\s+nam\s+nay(?![a-z]))?")
_OF_A_DAY_OR_MONTH = re.compile(
    r"(?:thang\s+\d{1,2}|\d{1,2}/\d{1,2}|(?<![a-z])quy\s+(?:iv|iii|ii|i|[1-4]))\s+$")
_PLAUSIBLE_YEARS = (1990, 2100)
_PAIR_OF_YEARS = re.compile(r"nam\s+(?P<y1>\d{4})\s+va\s+(?:nam\s+)?(?P<y2>\d{4})(?!\d)")


# A year named as the year of a plan ("triển khai nhiệm vụ năm 2017", "mục tiêu đến năm 2020",
# "Năm 2017, ngành đặt mục tiêu ...") or of a document ("Luật BHXH năm 2014"), or a base of
# comparison ("so với năm 2015"): not a year the text reports as past.
_PLAN_BEFORE_YEAR = re.compile(
    r"(?<![a-z])(?:nhiem\s+vu|ke\s+hoach|muc\s+tieu|chi\s+tieu|phan\s+dau|dinh\s+huong"
    r"|du\s+kien|lo\s+trinh|chien\s+luoc|se|den|vao|toi|truoc|luat|quyet\s+dinh|nghi\s+quyet"
    r"|nghi\s+dinh|chi\s+thi|thong\s+tu|so\s+voi|cung\s+ky|hon)(?![a-z])[^,;.()]{0,40}$")
_PLAN_AFTER_YEAR = re.compile(
    r"[^;.]{0,60}?(?<![a-z])(?:phan\s+dau|se|du\s+kien|ke\s+hoach|chi\s+tieu|nhiem\s+vu"
    r"|phai)(?![a-z])")
_SETS_GOAL_AFTER_YEAR = re.compile(r"[^;.]{0,60}?(?<!\w)đặt(?:\s+ra)?\s+mục\s+tiêu", re.I)
_YEAR_IN_TEXT = re.compile(r"(?<![a-z])nam\s+((?:19|20)\d\d)(?!\d)")
# "Năm qua", "năm vừa qua"; "31/12 vừa qua": the past year or a day of it.
_DAY_JUST_PAST = re.compile(r"\s*(?:nam\s+nay\s+)?vua\s+qua(?![a-z])")


def past_year(text: str, folded: str) -> int | None:
    """The latest year an undated article reports as past: a relative period ("Năm qua",
    "31/12 vừa qua") in an undated article is of this year, never of a plan's year.

    A year is past when it is not named as a plan's ("nhiệm vụ năm 2017", "Năm 2017, ngành
    đặt mục tiêu"), a document's ("Luật BHXH năm 2014") or a base of comparison ("so với năm
    2015"). None when the text names no such year.

    >>> t = "Năm 2016, quỹ đã chi 10 tỷ đồng. Năm 2017, ngành đặt mục tiêu cải cách."
    >>> from helpers.text import fold_keep_offsets
    >>> past_year(t, fold_keep_offsets(t))
    2016
    """
    years = [int(m[1]) for m in _YEAR_IN_TEXT.finditer(folded)
             if not _PLAN_BEFORE_YEAR.search(folded, max(0, m.start() - 60), m.start())
             and not _PLAN_AFTER_YEAR.match(folded, m.end())
             and not _SETS_GOAL_AFTER_YEAR.match(text, m.end())]
    return max(years) if years else None


@dataclass(frozen=True)
class Mention:
    """A period read from a sentence, at `start`..`end` of the folded sentence."""

    start: int
    end: int
    period: Period


def find_mentions(
    folded: str, sentence: str, *, publication: date | None, year_hint: int | None,
    past: int | None = None, present: int | None = None,
) -> list[Mention]:
    """All periods of a sentence that can be the period of a figure, in text order.

    Parameters
    ----------
    folded, sentence
        The sentence folded with offsets kept, and as written (NFC).
    publication
        The publication date: "đến nay", "tháng qua" end there.
    year_hint
        The year in force from earlier sentences, for "hết năm" and "năm sau".
    past
        In an undated article, the latest year it reports as past (`past_year`): the year of
        "Năm qua" and "31/12 vừa qua".
    present
        In an undated article, the reporting year its text gives (a later "Đến hết tháng
        8/2025", a base "so với cùng kỳ năm 2024"): the year of "hiện có", "hiện nay".
    """
    if "cung ky" in folded and (base := _SAME_PERIOD_BASE.search(folded)):
        # "Quý I năm nay, ... tăng 8,7% so với cùng kỳ năm 2024": the period is the year
        # after the base (in force or present), whatever the earlier sentences named
        year_hint = int(base[1]) + 1
        present = year_hint if publication is None else present
    found = find_periods(sentence, anchor=publication) \
        if _PERIOD_DIGITS.search(folded) or _PERIOD_WORDS.search(folded) else []
    wider = _wider_readings(folded)
    relative = _relative_readings(folded, sentence, publication, year_hint, present)
    if publication is None and "qua" in folded:
        undated = _undated_past(folded, past)
        starts = {m.start for m in undated}
        relative = [m for m in relative if m.start not in starts] + undated
    year = publication.year if publication else year_hint
    if not (found or wider or relative):
        # most sentences: nothing to set aside either
        return _window_of_days(folded, [], year) if "tu ngay" in folded else []
    blocked = [m.span() for m in _NOT_A_PERIOD.finditer(folded)]
    mentions = [Mention(s, e, p) for s, e, p in found if not any(a <= s < b for a, b in blocked)]
    # Readings that replace what `find_periods` made of the same words.
    wider = [x for x in wider if not any(a <= x.start < b for a, b in blocked)]
    mentions = [m for m in mentions if not any(x.start <= m.start < x.end for x in wider)]
    mentions += wider
    if present is not None and publication is None:
        # "Hiện nay" read undated where the text gives its present year: the year wins
        dated = [(x.start, x.end) for x in relative if x.period.end is not None]
        mentions = [m for m in mentions if m.period.end is not None
                    or not any(a <= m.start < b or m.start <= a < m.end for a, b in dated)]
    taken = blocked + [(m.start, m.end) for m in mentions]
    extra = [x for x in relative if not any(a <= x.start < b for a, b in taken)]
    return _window_of_days(
        folded, _plans_to_date(folded, sorted(mentions + extra, key=lambda m: m.start),
                               publication), year)


def _window_of_days(folded: str, mentions: list[Mention], year: int | None) -> list[Mention]:
    """"Tính từ ngày 1-11 đến 5-12 ...": a window of days without a year (dash or slash) is a
    window of the year in force; an undated "đến thời điểm này" after it in the sentence is
    the window's end."""
    m = _DAY_WINDOW.search(folded) if "tu ngay" in folded else None
    if m is None or year is None:
        return mentions
    try:
        start = date(year, int(m["m1"]), int(m["d1"]))
        end = date(year, int(m["m2"]), int(m["d2"]))
    except ValueError:
        return mentions
    if start > end:  # "từ ngày 15-12 đến 10-1": the window crosses the new year
        start = start.replace(year=year - 1) if (start.month, start.day) != (2, 29) else start
    kept = [x if x.start < m.end() or x.period.end is not None
            else replace(x, period=Period(None, end))
            for x in mentions if not m.start() <= x.start < m.end()]
    return sorted([*kept, Mention(m.start(), m.end(), Period(start, end))],
                  key=lambda x: x.start)


def _plans_to_date(folded: str, mentions: list[Mention], publication: date | None,
                   ) -> list[Mention]:
    """"đạt 62% kế hoạch năm 2024" in an article of June 2024: the year names the plan, and
    what was reached is counted up to the publication date, not at the end of a year that has
    not ended (which would make it a goal)."""
    if publication is None or "%" not in folded and "nua" not in folded \
            and "phan" not in folded:
        return mentions
    out = []
    for m in mentions:
        end, start = m.period.end, m.period.start
        if end is not None and end > publication and (start is None or start <= publication) \
                and _PLAN_OF_ATTAINMENT.search(folded, max(0, m.start - 60), m.start) \
                and not _GOAL_BEFORE.search(folded, 0, m.start):
            m = replace(m, period=replace(m.period, end=publication))
        out.append(m)
    return out


def _wider_readings(folded: str) -> list[Mention]:
    """"năm 2022 và 2023", "11 tháng năm 2023", "Tháng vận động ... toàn dân năm 2024"."""
    found = []
    for m in _PAIR_OF_YEARS.finditer(folded) if "va" in folded else ():
        first, last = int(m["y1"]), int(m["y2"])
        if first < last:
            # "2 tháng cao điểm của năm 2022 và 2023": a window in each year, not the years.
            windows = ("separate_windows",) if _WINDOWS_OF.search(folded, 0, m.start()) else ()
            found.append(Mention(m.start(), m.end(),
                                 Period(date(first, 1, 1), date(last, 12, 31), windows)))
    for m in _MONTHS_OF_YEAR.finditer(folded) if "thang" in folded else ():
        months, year = int(m["n"]), int(m["y"])
        if 1 <= months <= 12 and _PLAUSIBLE_YEARS[0] <= year <= _PLAUSIBLE_YEARS[1]:
            last = calendar.monthrange(year, months)[1]
            found.append(Mention(m.start(), m.end(),
                                 Period(date(year, 1, 1), date(year, months, last))))
    for m in _CAMPAIGN_MONTH.finditer(folded) if "toan" in folded else ():
        year = int(m["y"])
        if _PLAUSIBLE_YEARS[0] <= year <= _PLAUSIBLE_YEARS[1]:
            found.append(Mention(m.start(), m.end(), Period(date(year, 5, 1), date(year, 5, 31))))
    return found


def _relative_readings(folded: str, sentence: str, publication: date | None,
                       year_hint: int | None, present: int | None = None) -> list[Mention]:
    """Periods read against the publication date or the year in force."""
    found = []
    no_date = () if publication else ("no_publication_date",)
    # Cheap word checks first: most sentences have none of these words.
    for m in _RECENT.finditer(folded) if "qua" in folded else ():
        # "trong hơn một tháng qua": the span before publication, not the publication day.
        length = _SPAN_BEFORE.search(folded, max(0, m.start() - 20), m.start())
        start = _months_before(publication, length, m.group(0)) if length else None
        flags = no_date + (("approximate_start",) if length and length["more"] else ())
        found.append(Mention(length.start() if length else m.start(), m.end(),
                             Period(start, publication, flags)))
    now = publication or (date(present, 12, 31) if present else None)
    for m in _NOW_HAS.finditer(folded) if "hien" in folded else ():
        found.append(Mention(m.start(), m.end(), Period(None, now, no_date)))
    for m in _NOW_CLAUSE.finditer(folded) if now and "hien" in folded else ():
        found.append(Mention(m.end() - 4, m.end(), Period(None, now, no_date)))
    if publication is not None:
        found += _against_publication(folded, publication)
    elif year_hint is not None and "thang" in folded:
        # undated: "6 tháng đầu năm" is of the year in force (the article's present year)
        for m in _MONTHS_NO_YEAR.finditer(folded):
            months = int(m["n"])
            if 2 <= months <= 12:
                days = calendar.monthrange(year_hint, months)[1]
                found.append(Mention(m.start(), m.end(), Period(
                    date(year_hint, 1, 1), date(year_hint, months, days), no_date)))
    if year_hint is not None:
        that_year = Period(date(year_hint, 1, 1), date(year_hint, 12, 31))
        found += [Mention(m.start(), m.end(), that_year)
                  for m in (_THAT_YEAR.finditer(folded) if "nam" in folded else ())]
    this_year = publication.year if publication else year_hint
    for m in _YEAR_START.finditer(folded) if "dau nam" in folded else ():
        if this_year is not None:
            found.append(Mention(m.start(), m.end(),
                                 Period(date(this_year, 1, 1), publication, no_date)))
    for m in _YEAR_WORD.finditer(folded) \
            if "nam" in folded and _YEAR_WORD_GATE.search(folded) else ():
        # undated, "năm nay" is the present year the text gives, not the last one it named
        base = (publication.year if publication else present or year_hint) \
            if m["rel"] == "nay" else year_hint
        # "Bưu điện Việt Nam tới ..." folds like "năm tới": a capital N is a name; "tháng 6
        # năm nay", "ngày 31/5 năm nay": the year of a month or day, read with it below.
        at = m.start() + m.group(0).find("nam")
        if base is None and m["rel"] == "nay" and not (
                sentence[at].isupper() and folded[:at].strip(" -–,:\"'(")):
            # "phải đạt 92,6% trong năm nay" in an undated article: this year, which is not
            # known; the figure is undated rather than dated by the next year named.
            found.append(Mention(m.start(), m.end(), Period(None, None, no_date)))
            continue
        if base is None or sentence[at].isupper() and folded[:at].strip(" -–,:\"'(") \
                or _OF_A_DAY_OR_MONTH.search(folded, max(0, m.start() - 14), m.start()):
            continue
        year = base + 1 if m["rel"] in ("sau", "toi") else base
        start = None if m.group(0).startswith(("den", "toi")) else date(year, 1, 1)
        found.append(Mention(m.start(), m.end(), Period(start, date(year, 12, 31))))
    for m in _QUARTER_WITHOUT_YEAR.finditer(folded) if "quy" in folded else ():
        year = (publication.year if publication else present or year_hint or 0) if m["this"] \
            else year_hint or this_year or 0
        if year:
            quarter = _ROMAN.get(m["q"]) or int(m["q"])
            last = date(year, 3 * quarter, calendar.monthrange(year, 3 * quarter)[1])
            found.append(Mention(m.start(), m.end(),
                                 Period(date(year, 3 * quarter - 2, 1), last)))
    for m in _MONTH_WITHOUT_YEAR.finditer(folded) if "thang" in folded else ():
        period = _month_of(int(m["m"]), publication, year_hint, bool(m["upto"]),
                           this_year=bool(m["this"]))
        if period is not None:
            found.append(Mention(m.start(), m.end(), period))
    for m in _DAY_WITHOUT_YEAR.finditer(folded) if "/" in folded else ():
        year = year_hint or this_year or 0
        try:
            day = date(year, int(m["m"]), int(m["d"])) if year else None
        except ValueError:
            day = None
        if day and publication and day > publication and year == publication.year \
                and not m["this"]:
            # "hội nghị ngày 7/12" in an article of 4 January: last December.
            day = day.replace(year=year - 1) if (day.month, day.day) != (2, 29) else None
        if day:
            found.append(Mention(m.start(), m.end(), Period(day, day)))
    return found


def _undated_past(folded: str, past: int | None) -> list[Mention]:
    """"Năm qua" and "ngày 31/12 vừa qua" in an undated article: of the latest year the text
    reports as past; with none, undated (the plan year of the sentences around them is not
    theirs)."""
    found = []
    for m in _PAST_YEAR.finditer(folded) if "nam" in folded else ():
        period = Period(date(past, 1, 1), date(past, 12, 31)) if past and not m["last"] \
            else Period(None, None, ("no_publication_date",))
        found.append(Mention(m.start(), m.end(), period))
    for m in _DAY_WITHOUT_YEAR.finditer(folded) if "/" in folded else ():
        if past and _DAY_JUST_PAST.match(folded, m.end()):
            try:
                day = date(past, int(m["m"]), int(m["d"]))
            except ValueError:
                continue
            found.append(Mention(m.start(), m.end(), Period(day, day)))
    return found


def _month_of(month: int, publication: date | None, year_hint: int | None,
              up_to: bool, *, this_year: bool = False) -> Period | None:
    """Month `month` of the publication year (of the year before when that month is still to
    come), else of the year in force; up to its end ("đến hết tháng 10") or the whole month."""
    if not 1 <= month <= 12:
        return None
    if publication is not None:
        year = publication.year - (month > publication.month and not this_year)
    elif year_hint is not None:
        year = year_hint
    else:
        return None
    last = date(year, month, calendar.monthrange(year, month)[1])
    return Period(None if up_to else date(year, month, 1), last)


def _against_publication(folded: str, publication: date) -> list[Mention]:
    """"Năm qua", "năm ngoái", "4 tháng đầu năm nay": years and months read against the
    publication date."""
    found = []
    for m in _PAST_YEAR.finditer(folded) if "nam" in folded else ():
        past = publication.year - 1 if m["last"] or publication.month <= _EARLY_MONTHS \
            else publication.year
        found.append(Mention(m.start(), m.end(), Period(date(past, 1, 1), date(past, 12, 31))))
    for m in _LAST_MONTH.finditer(folded) if "truoc" in folded else ():
        # "Tháng trước, BHXH Việt Nam tổ chức chiến dịch ...": the month before publication
        # (as a base, "so với tháng trước", it is set aside with the other bases)
        end = publication.replace(day=1) - timedelta(days=1)
        found.append(Mention(m.start(), m.end(), Period(end.replace(day=1), end)))
    for m in _MONTHS_NO_YEAR.finditer(folded) if "thang" in folded else ():
        months = int(m["n"])
        if 2 <= months <= 12:
            year = publication.year - (months > publication.month)
            last = calendar.monthrange(year, months)[1]
            found.append(Mention(m.start(), m.end(),
                                 Period(date(year, 1, 1), date(year, months, last))))
    for m in _MONTHS_THIS_YEAR.finditer(folded) if "nam nay" in folded else ():
        months = int(m["n"])
        if 1 <= months <= 12:
            last = calendar.monthrange(publication.year, months)[1]
            found.append(Mention(m.start(), m.end(), Period(date(publication.year, 1, 1),
                                                            date(publication.year, months, last))))
    return found


def _months_before(publication: date | None, length: re.Match[str], unit: str) -> date | None:
    """The day a span of `length` months, weeks or days before publication starts."""
    if publication is None:
        return None
    n = int(length["n"]) if length["n"].isdigit() else _COUNT_WORDS[length["n"]]
    if unit.startswith("thang"):
        month = publication.month - n
        year = publication.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        day = min(publication.day, calendar.monthrange(year, month)[1])
        return date(year, month, day) + timedelta(days=1)
    days = {"tuan": 7, "ngay": 1, "quy": 91}.get(unit.split()[0], 0) * n
    return publication - timedelta(days=days - 1) if days else None


def mention_for(mentions: list[Mention], position: int) -> Mention | None:
    """The period of a figure at `position`: the nearest before it, else the first after it."""
    before = [m for m in mentions if m.end <= position]
    if before:
        return before[-1]
    after = [m for m in mentions if m.start >= position]
    return after[0] if after else None


def as_stock(period: Period) -> Period:
    """A stock is counted at a point: keep the end as the as-of date, drop the start."""
    return replace(period, start=None)


def year_of(mentions: list[Mention]) -> int | None:
    """The year a sentence is about, for the next sentences' "hết năm", "năm sau"."""
    for m in reversed(mentions):
        if m.period.end is not None:
            return m.period.end.year
    return None
