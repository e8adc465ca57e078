"""Periods of the figures in a sentence: which date range or as-of date each figure is for,
with comparisons, deadlines and document dates set aside and references carried over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from helpers.text import Period, find_periods

# Dates that are not the period of a figure: baselines of a comparison ("so với cùng kỳ năm
# 2023"), deadlines ("trước ngày 30/11/2023"), the date a document was signed, a term of office.
_NOT_A_PERIOD = re.compile(
    r"so\s+voi[^,;.()]*"
    r"|truoc\s+(?:ngay|khi)[^,;.()]*"
    r"|(?:chi\s+thi|ke\s+hoach|quyet\s+dinh|nghi\s+quyet|nghi\s+dinh|thong\s+tu|cong\s+van"
    r"|van\s+ban|huong\s+dan)\s+(?:so\s+)?[\w./-]*\d[\w./-]*\s+(?:ngay\s+)?\d{1,2}/\d{1,2}/\d{4}"
    r"|nhiem\s+ky\s+\d{4}\s*[-–]\s*\d{4}"
)
# Every period `find_periods` reads has a digit or "nay"/"hiện tại"; most sentences have none.
_MAY_HAVE_PERIOD = re.compile(
    r"\d/\d|\d-\d|\d{4}|(?:nam|thang|quy)\s+(?:\d|[iv]+(?![a-z]))|nay(?![a-z])|hien\s+tai"
)
# "trong hơn một tháng qua", "thời gian vừa qua": up to the publication date.
_RECENT = re.compile(r"(?:thang|tuan|nam|thoi\s+gian|ngay|quy)\s+(?:vua\s+)?qua(?![a-z])")
_YEAR_WORD = re.compile(
    r"(?:(?:den|toi)\s+)?(?:het\s+|cuoi\s+)?nam\s+(?P<rel>nay|sau|toi)(?![a-z])"
    r"|(?:den|toi)\s+het\s+nam(?!\s+\d)"
)
# "từ đầu năm (đến nay)" without a year: the publication year.
_YEAR_START = re.compile(r"tu\s+dau\s+nam(?!\s+\d)(?:\s+(?:den|toi)\s+nay)?")
_PAIR_OF_YEARS = re.compile(r"nam\s+(?P<y1>\d{4})\s+va\s+(?:nam\s+)?(?P<y2>\d{4})(?!\d)")


@dataclass(frozen=True)
class Mention:
    """A period read from a sentence, at `start`..`end` of the folded sentence."""

    start: int
    end: int
    period: Period


def find_mentions(
    folded: str, sentence: str, *, publication: date | None, year_hint: int | None
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
    """
    blocked = [m.span() for m in _NOT_A_PERIOD.finditer(folded)]
    found = find_periods(sentence, anchor=publication) if _MAY_HAVE_PERIOD.search(folded) else []
    mentions = [Mention(s, e, p) for s, e, p in found if not any(a <= s < b for a, b in blocked)]
    taken = [(m.start, m.end) for m in mentions]
    extra: list[Mention] = []
    for m in _PAIR_OF_YEARS.finditer(folded):
        first, last = int(m["y1"]), int(m["y2"])
        if first < last:
            extra.append(Mention(m.start(), m.end(), Period(date(first, 1, 1), date(last, 12, 31))))
    mentions = [m for m in mentions if not any(x.start <= m.start < x.end for x in extra)]
    for m in _RECENT.finditer(folded):
        flags = () if publication else ("no_publication_date",)
        extra.append(Mention(m.start(), m.end(), Period(None, publication, flags)))
    for m in _YEAR_START.finditer(folded):
        year = publication.year if publication else year_hint
        if year is not None:
            flags = () if publication else ("no_publication_date",)
            extra.append(Mention(m.start(), m.end(), Period(date(year, 1, 1), publication, flags)))
    for m in _YEAR_WORD.finditer(folded):
        base = publication.year if publication and m["rel"] == "nay" else year_hint
        if base is None:
            continue
        year = base + 1 if m["rel"] in ("sau", "toi") else base
        start = None if m.group(0).startswith(("den", "toi")) else date(year, 1, 1)
        extra.append(Mention(m.start(), m.end(), Period(start, date(year, 12, 31))))
    extra = [x for x in extra if not any(a <= x.start < b for a, b in blocked + taken)]
    return sorted(mentions + extra, key=lambda m: m.start)


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
