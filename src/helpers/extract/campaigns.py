"""Dated interventions named in an article: directives and plans with their signing dates,
campaign months, peak campaigns, launch days, and series of conferences held.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from helpers.extract.periods import Mention, mention_for
from helpers.extract.places import Scope
from helpers.extract.reading import Article
from helpers.text import Period

_DOCUMENT = re.compile(
    r"(?P<kind>chi\s+thi|ke\s+hoach)\s+(?:so\s+)?"
    r"(?P<code>\d+[\w./-]*(?:ct|kh)(?![a-z])[\w./-]*)"
    r"(?:\s+ngay\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}))?"
)
_CAMPAIGN_MONTH = re.compile(
    r"thang\s+(?:van\s+dong\s+(?:trien\s+khai\s+)?)?(?:thuc\s+hien\s+)?bhxh\s*,?\s*(?:bhyt\s+)?"
    r"toan\s+dan(?:\s+nam\s+(?P<y>\d{4}))?"
)
_PEAK = re.compile(r"(?:thang|dot)\s+cao\s+diem")
_COMPARISON = re.compile(r"so\s+voi\s+$")
_LAUNCH = re.compile(r"le\s+ra\s+quan|ngay\s+ra\s+quan|le\s+phat\s+dong")
_NAME_END = re.compile(r"[(;]|[.,](?!\d)")  # not the "." of "1.200"
# Words every campaign pattern below starts with; most sentences have none.
_MAY_NAME_CAMPAIGN = re.compile(r"chi\s+thi|ke\s+hoach|thang|dot|ra\s+quan|phat\s+dong")
_DOCUMENT_KINDS = {"chi thi": ("directive", "Chỉ thị"), "ke hoach": ("plan", "Kế hoạch")}
# A peak campaign lasts weeks or months: not one day (a launch), not a whole year.
_PEAK_DAYS = (6, 200)


@dataclass(frozen=True)
class CampaignMention:
    """A campaign read from a sentence, at `position` in it."""

    position: int
    kind: str
    name: str
    start: date | None
    end: date | None

    @property
    def key(self) -> tuple:
        """What makes two mentions the same campaign within one article."""
        if self.kind in ("directive", "plan"):
            return (self.kind, self.name)
        return (self.kind, self.start, self.end)


def read_campaigns(sentence: str, folded: str, mentions: list[Mention]) -> list[CampaignMention]:
    """Campaign mentions of one sentence, using its period mentions for dates.

    Parameters
    ----------
    sentence, folded
        The sentence and its offset-keeping fold.
    mentions
        Its period mentions (`helpers.extract.periods.find_mentions`).
    """
    found: list[CampaignMention] = []
    if not _MAY_NAME_CAMPAIGN.search(folded):
        return found
    for m in _DOCUMENT.finditer(folded):
        kind, label = _DOCUMENT_KINDS[re.sub(r"\s+", " ", m["kind"])]
        signed = _date(m["y"], m["m"], m["d"])
        code = sentence[m.start("code"):m.end("code")]
        found.append(CampaignMention(m.start(), kind, f"{label} {code}", signed, signed))
    for m in _CAMPAIGN_MONTH.finditer(folded):
        year = int(m["y"]) if m["y"] else _year_near(mentions, m.start())
        name = sentence[m.start():m.end()]
        if year and not m["y"]:
            name = f"{name} {year}"
        start, end = (date(year, 5, 1), date(year, 5, 31)) if year else (None, None)
        found.append(CampaignMention(m.start(), "campaign_month", name, start, end))
    spans = [x for x in mentions if x.period.start and x.period.end
             and _PEAK_DAYS[0] <= (x.period.end - x.period.start).days < _PEAK_DAYS[1]]
    for m in _PEAK.finditer(folded):
        if _COMPARISON.search(folded, max(0, m.start() - 12), m.start()) or not spans:
            continue
        period = min(spans, key=lambda x: abs(x.start - m.start())).period
        name = f"{sentence[m.start():m.end()]} {period.start:%d/%m}–{period.end:%d/%m/%Y}"
        found.append(CampaignMention(m.start(), "peak_campaign", name, period.start, period.end))
    for m in _LAUNCH.finditer(folded):
        days = [x for x in mentions if x.period.start and x.period.start == x.period.end]
        if days:
            day = min(days, key=lambda x: abs(x.start - m.end())).period.start
            found.append(CampaignMention(m.start(), "launch_event", _name(sentence, m.start()),
                                         day, day))
    return sorted(found, key=lambda c: c.position)


def conference_name(sentence: str, start: int) -> str:
    """Name of a conference series from its figure: "140 hội nghị tuyên truyền trực tiếp"."""
    return _name(sentence, start)


def _name(sentence: str, start: int, limit: int = 90) -> str:
    cut = _NAME_END.search(sentence, start + 1)
    end = min(cut.start() if cut else len(sentence), start + limit)
    return sentence[start:end].strip(" -–")


def _date(y: str | None, m: str | None, d: str | None) -> date | None:
    try:
        return date(int(y), int(m), int(d)) if y and m and d else None
    except ValueError:
        return None


def _year_near(mentions: list[Mention], position: int) -> int | None:
    near = mention_for(mentions, position)
    if near and near.period.end:
        return near.period.end.year
    return None


def add_campaign(campaigns: list[dict], seen: dict, article: Article, scope: Scope,
                 kind: str, name: str, period: Period, sentence: str,
                 key: tuple | None = None) -> None:
    """Add a campaign row, or date the row already added under the same key."""
    key = key or (kind, name)
    if key in seen:
        row = campaigns[seen[key]]
        if row["start"] is None and period.start is not None:
            row["start"], row["end"] = period.start, period.end
        return
    seen[key] = len(campaigns)
    campaigns.append({
        "campaign_id": "",  # numbered once the article is read, see number_campaigns
        "article_id": article.article_id,
        "province": scope.province,
        "district": scope.district,
        "commune": scope.commune,
        "kind": kind,
        "name": name,
        "start": period.start,
        "end": period.end,
        "quote": sentence,
    })


def number_campaigns(campaigns: list[dict], article_id: str) -> list[dict]:
    """Drop an undated campaign month when the article also dates one ("Tháng vận động ..."
    in the headline, "... năm 2021" in the text), then number campaigns in text order."""
    dated = any(c["kind"] == "campaign_month" and c["start"] for c in campaigns)
    campaigns = [c for c in campaigns
                 if not (dated and c["kind"] == "campaign_month" and not c["start"])]
    for n, campaign in enumerate(campaigns, start=1):
        campaign["campaign_id"] = f"{article_id}-c{n:03d}"
    return campaigns
