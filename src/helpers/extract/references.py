"""Periods an article defines once and refers back to later: the dates of the documents it
names ("trước khi ban hành chỉ thị") and of the campaigns it describes ("đợt cao điểm năm 2024").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from helpers.extract.periods import Mention
from helpers.text import Period

_DOCUMENT_KIND = (r"chi\s+thi|ke\s+hoach|quyet\s+dinh|nghi\s+quyet|nghi\s+dinh|de\s+an"
                  r"|chuong\s+trinh|cong\s+van")
# "Chỉ thị số 08-CT/TU ngày 02/7/2021": the document's kind and the day it was issued.
_DOCUMENT = re.compile(
    rf"(?P<kind>{_DOCUMENT_KIND})\s+(?:so\s+)?[\w./-]*\d[\w./-]*\s+(?:cua\s+[^,;.()]{{0,40}}?)?"
    r"(?:ngay\s+)?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
)
# "trước khi (ban) hành / triển khai / thực hiện chỉ thị": as of the document's date.
_BEFORE_DOCUMENT = re.compile(
    r"truoc\s+khi\s+(?:co\s+|ban\s+hanh\s+|hanh\s+|trien\s+khai\s+|thuc\s+hien\s+)"
    rf"(?:cac\s+|thuc\s+hien\s+)?(?P<kind>{_DOCUMENT_KIND})"
)
_COMPARISON = re.compile(r"so\s+voi[^,;.()]*")
# A campaign the article described earlier, named again: "(hai tháng) đợt cao điểm năm 2024",
# "trong ngày ra quân", "Tháng vận động ... năm 2023".
_CAMPAIGN_REFERENCE = re.compile(
    r"(?P<peak_campaign>(?:dot|thang)\s+cao\s+diem)"
    r"|(?P<launch_event>(?:ngay|le|buoi)\s+(?:sang\s+|chieu\s+)?ra\s+quan|le\s+phat\s+dong)"
    r"|(?P<campaign_month>thang\s+van\s+dong|thang\s+(?:thuc\s+hien\s+)?bhxh\s*,?\s*(?:bhyt\s+)?"
    r"toan\s+dan)"
)
_OF_YEAR = re.compile(r"(?:\s+(?:cua\s+)?nam\s+(?P<y>\d{4})(?!\d|\s*(?:va|-|,)\s*\d))?")
# A sentence with a period this short gives its own dates; a reference does not override them.
_OWN_DATES_DAYS = 200


@dataclass
class References:
    """What the sentences read so far have defined: documents by kind, campaigns by kind."""

    documents: dict[str, date] = field(default_factory=dict)
    campaigns: list[tuple[str, date, date]] = field(default_factory=list)  # (kind, start, end)

    def learn_documents(self, folded: str) -> None:
        """Remember the issue dates of the documents a sentence names (the first of each
        kind: later ones of the same kind are usually cited, not the subject)."""
        for m in _DOCUMENT.finditer(folded) if "/" in folded else ():
            issued = _day(m["y"], m["m"], m["d"])
            if issued:
                self.documents.setdefault(_kind(m["kind"]), issued)

    def learn_campaign(self, kind: str, start: date | None, end: date | None) -> None:
        """Remember a dated campaign (peak campaign, launch day, campaign month)."""
        if start and end:
            self.campaigns.append((kind, start, end))

    def mentions(self, folded: str, own: list[Mention]) -> list[Mention]:
        """Periods a sentence takes from earlier definitions, to replace what the sentence's
        own words (`own`) would give over the same span."""
        found = []
        for m in _BEFORE_DOCUMENT.finditer(folded) if "truoc khi" in folded else ():
            issued = self.documents.get(_kind(m["kind"]))
            if issued and not _in_comparison(folded, m.start()):
                found.append(Mention(m.start(), m.end(), Period(None, issued)))
        if any(x.period.start and x.period.end
               and (x.period.end - x.period.start).days < _OWN_DATES_DAYS for x in own):
            return found
        if not self.campaigns:
            return found
        for m in _CAMPAIGN_REFERENCE.finditer(folded):
            if _in_comparison(folded, m.start()):
                continue
            year = _OF_YEAR.match(folded, m.end())
            assert year is not None  # the pattern also matches the empty string
            kind = m.lastgroup or ""
            known = [(s, e) for k, s, e in self.campaigns
                     if k == kind and (not year["y"] or e.year == int(year["y"]))]
            if known:
                start, end = known[-1]
                found.append(Mention(m.start(), year.end(), Period(start, end)))
        return found

    def baseline(self, folded: str, begin: int, end: int) -> date | None:
        """The date a change is measured from when its comparison names a dated document:
        "tăng 30.008 người so với trước khi ban hành chỉ thị" (searched in begin..end)."""
        for m in _COMPARISON.finditer(folded, begin, end):
            ref = _BEFORE_DOCUMENT.search(m.group(0))
            if ref:
                return self.documents.get(_kind(ref["kind"]))
        return None


def change_start(value: float, end: date, stocks: list[tuple[float, date]]) -> date | None:
    """The start of a net change that is the difference of two stocks the article gave:
    "trước khi ban hành chỉ thị có 21.233 người; năm 2022 đã tăng lên 41.098 người (tăng
    19.865 người)" runs from the first stock's date. `stocks` are (value, as-of date)."""
    for later, later_end in stocks:
        if later_end != end:
            continue
        for earlier, earlier_end in stocks:
            if earlier_end < end and abs(later - earlier - value) <= 0.005 * abs(value):
                return _day_after_month_end(earlier_end)
    return None


def _day_after_month_end(day: date) -> date:
    """A stock at a month's end starts the next count the day after; one on a document's
    date starts it that day."""
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return day + timedelta(days=1)
    return day


def _in_comparison(folded: str, position: int) -> bool:
    return any(m.start() <= position < m.end() for m in _COMPARISON.finditer(folded))


def _kind(words: str) -> str:
    return re.sub(r"\s+", " ", words)


def _day(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None
