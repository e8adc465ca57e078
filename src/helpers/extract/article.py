"""One article to rows: walks the sentences in order, carrying periods and schemes from one
sentence to the next, and turns figures and campaign mentions into facts and campaigns rows.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from helpers.errors import UnknownPlaceError
from helpers.extract import places
from helpers.extract.campaigns import (
    add_campaign,
    conference_name,
    number_campaigns,
    read_campaigns,
)
from helpers.extract.checks import check_text
from helpers.extract.fact_model import Declined, Evidence, applies, decline
from helpers.extract.figures import PEOPLE_INDICATORS, Figure, list_header, read_figures
from helpers.extract.mood import PAST, PRESENT
from helpers.extract.periods import (
    Mention,
    as_stock,
    find_mentions,
    mention_for,
    past_year,
    year_of,
)
from helpers.extract.reading import Article, fold_aligned, split_sentences
from helpers.extract.reading_ranker import Change, rerank
from helpers.extract.reading_ranker import applies as ranker_applies
from helpers.extract.references import References, change_start
from helpers.extract.schemes import combine, scheme_mentions
from helpers.extract.scope import national_markers, province_mentions
from helpers.extract.tables import SPECIFIC, column_period, read_row, row_year, table_rows
from helpers.text import Period

STOCK_INDICATORS = ("participants", "coverage_pct")
_NOT_YET = timedelta(days=45)  # a period ending this long after publication is a goal
# "đã tăng ... lên hơn 7 triệu người năm 2020" published in September 2020: a perfect verb says
# the current year's figure has been reached so far; it is no goal.
_DONE = re.compile(r"(?<![a-z])da\s+(?:tang|giam|dat|co|len|vuot|thu\s+hut|phat\s+trien)(?![a-z])")
OUTREACH = ("events", "people_reached")
_TOPIC_SCHEME = re.compile(r"(?<![a-z])(?:bao\s+phu|tham\s+gia)\s*$")
# "đến hết năm 2020": a year-end total ("đến nay đã phát triển được" stays a flow).
_YEAR_END = re.compile(r"(?:tinh\s+|cho\s+)?(?:den|toi)\s+(?:het|cuoi)\s+nam\s")
_CHANGES = ("growth_pct", "growth_ratio")
# "Báo Công an Nhân dân, 12/07/2025", "Ham A-reum, 17/06/2020": a line of an outlet's or an
# author's name and the day the piece was printed dates the page, not the figures after it.
_BYLINE = re.compile(r"\s*[A-ZĐ][^\d.;:,]{1,60},\s*(?:ngày\s+)?\d{1,2}/\d{1,2}/\d{4}\s*$")
_MAIN_PART_MENTIONS = 2  # how often a scheme's part is named for it to be the article's main one
_YEAR_NAMED = re.compile(r"(?<![a-z])nam\s+((?:19|20)\d\d)(?!\d)")
_BASE_BEFORE = re.compile(r"(?<![a-z])(?:so\s+voi|hon|cung\s+ky)(?:\s+cung\s+ky)?\s+$"
                          # "so với cuối năm 2019", "vượt xa mức cuối năm 2019": bases too
                          r"|(?<![a-z])(?:so\s+voi|muc)(?:\s+thoi\s+diem)?\s+(?:cuoi|het)\s+$")
# The base of a comparison an undated article's present is measured against: "so với cuối
# năm 2019", "vượt xa mức cuối năm 2019", "so với cùng kỳ năm 2024" (the present is the
# year after).
_PRESENT_BASE = re.compile(
    r"(?<![a-z])(?:so\s+voi|vuot(?:\s+xa)?|cao\s+hon|thap\s+hon|nhieu\s+hon|it\s+hon)"
    r"\s+(?:(?:muc|thoi\s+diem|con\s+so)\s+)?(?:cuoi|het|cung\s+ky)\s+nam\s+((?:19|20)\d\d)(?!\d)")
# The present without its year: "năm nay", "hiện nay", "đến nay", "tháng 5", "hai tháng đầu năm".
_PRESENT_UNNAMED = re.compile(
    r"(?<![a-z])(?:nam\s+nay|hien\s+(?:nay|co|dang)|den\s+nay"
    r"|thang\s+\d{1,2}(?![\d/-])(?!\s*(?:/|-|nam)\s*\d)|thang\s+dau\s+nam(?!\s+\d))(?![a-z])")
# "Đến cuối tháng 5", "tháng 5 tăng": a month without its year (nor "tháng 5/2019").
_MONTH_ONLY = re.compile(r"(?<![a-z\d])thang\s+\d{1,2}(?![\d/-])(?!\.\d)(?!\s*(?:nam|/|-)\s*\d)")
# "phấn đấu đến hết tháng 12/2025": a deadline of a goal names no present.
_GOAL_BEFORE = re.compile(r"(?<![a-z])(?:phan\s+dau|muc\s+tieu|chi\s+tieu|ke\s+hoach|du\s+kien"
                          r"|se)(?![a-z])[^.;]*$")
# A period that names the present with its year: "Đến hết tháng 8/2025", "Trong hai tháng
# đầu năm 2022".
_PRESENT_NAMED = re.compile(
    r"(?<![a-z])(?:(?:den|toi)\s+(?:het\s+|cuoi\s+)?thang\s+\d{1,2}\s*[/-]\s*"
    r"|(?:\d{1,2}|hai|ba|bon|sau|bay|tam|chin|muoi)\s+thang\s+dau\s+nam\s+)((?:19|20)\d\d)(?!\d)")
_THIS_FIGURE = re.compile(r"\W*(?:con\s+so|so\s+lieu|ty\s+le)\s+(?:nay|tren)(?![a-z])")
_THIS_FIGURE_INSIDE = re.compile(r"(?<![a-z])(?:con\s+so|so\s+lieu|ty\s+le)\s+nay(?![a-z])")
_ABOUT_INSURANCE = re.compile(r"bhxh|bhyt|bhtn|bao\s+hiem|an\s+sinh")
_BELOW_COMMUNE = re.compile(r"(?<!\w)(?:[Tt]hôn|[Bb]ản|[Ấấ]p|[Tt]ổ dân phố|[Kk]hu phố)\s+[A-ZĐ0-9]")
# Sentences that can name a district for a later "huyện" to refer to.
_NAMES_DISTRICT = re.compile(r"(?<![a-z])(?:toan\s+|cua\s+|^|[.:]\s*)(?:huyen|thi\s+xa)"
                             r"(?![a-z])(?!\s+[a-z]+\s+[A-Z])", re.M)
# "trên địa bàn phường", "toàn xã": a commune or ward named in an earlier sentence.
_COMMUNE_ANAPHOR = re.compile(
    r"(?<![a-z])(?:toan|dia\s+ban|cua)\s+(?:xa(?!\s+hoi)|phuong|thi\s+tran)(?![a-z])"
    # "bà ... - Chủ tịch UBND xã - cho biết": an official of the commune named before
    r"|(?:ubnd|hdnd)\s+(?:xa|phuong|thi\s+tran)(?=\s*[-–—,;:)\"”])"
    # "Năm 2023, xã có hơn 5.700 người": a bare "xã" as the subject of its clause
    r"|(?:^|[\n.,;:]\s*)(?:xa|phuong|thi\s+tran)(?=\s+(?:co|da|dat|hien|van)\s)")
# Words every match holds (with how far before the blanks in front of the word a match can
# start: "toàn huyện", ". Huyện", ", xã có"), so that the whole article is tried only near
# them, not at every character (`_found`). (A new first word of either needs its place here:
# tests/test_extract_speed.py compares with the full search.)
_NAMES_DISTRICT_NEAR = (("huyen", "thi"), 4)
_COMMUNE_ANAPHOR_NEAR = (("toan", "dia", "cua", "ubnd", "hdnd", "xa", "phuong", "thi"), 1)
# "so với năm 2018", or "từ 277.000 người năm 2018 lên 574.000 người năm 2019": a baseline.
_COMPARED_WITH = re.compile(r"(?<![a-z])(?:so\s+voi|tu\s[^;]{0,40}?nam\s+\d{4}\s+len)(?![a-z])")
# A region of several provinces: "khu vực Tây Nguyên", "vùng đồng bằng sông Cửu Long", "toàn
# khu vực" (not "BHXH khu vực I", a regional office, nor "khu vực phi chính thức", a sector).
_REGION = re.compile(
    r"(?<![a-z])(?:(?:khu\s+vuc|vung)\s+(?:tay\s+nguyen|tay\s+bac|dong\s+bac|mien\s+nui"
    r"|trung\s+du|dong\s+bang|dbscl|dong\s+nam\s+bo|tay\s+nam\s+bo|bac\s+trung\s+bo"
    r"|nam\s+trung\s+bo|duyen\s+hai|bac\s+bo|nam\s+bo|mien\s+(?:trung|bac|nam|tay|dong))"
    r"|(?:tren\s+dia\s+ban|toan|cua\s+ca)\s+(?:khu\s+vuc|vung)(?!\s+(?:[ivxl]+|\d+|phi|chinh)"
    r"(?![a-z])))(?![a-z])")
# Words that bring the figures back to the province or below it ("xã hội" is not a commune).
# Far more people than live in any province (TP. Hồ Chí Minh after July 2025: about 14
# million), more than in any of the six regions (the Red River Delta: about 23 million): a
# count above it is the country's, not a misprint of a province's.
_LARGEST_PROVINCE = 25_000_000
_LOCAL = re.compile(r"(?<![a-z])(?:tinh|huyen|dia\s+phuong|thi\s+xa|thanh\s+pho|quan"
                    r"|xa(?!\s+hoi)|phuong|thi\s+tran)(?![a-z])")


@dataclass
class ArticleRows:
    """Facts and campaigns of one article (dicts in contract order) and its log lines."""

    facts: list[dict] = field(default_factory=list)
    campaigns: list[dict] = field(default_factory=list)
    log: list[tuple[str, str]] = field(default_factory=list)  # (level, message)
    # What the pipeline knew about each fact as it read it (same order as `facts`), for the
    # fact model; and the candidates the model declined, with their probability and reasons.
    evidence: list[Evidence] = field(default_factory=list)
    declined: list[Declined] = field(default_factory=list)
    # The fields the reading ranker changed (`helpers.extract.reading_ranker`).
    reranked: list[Change] = field(default_factory=list)


@dataclass
class _State:
    """What one sentence hands to the next."""

    period: Mention | None = None
    year: int | None = None
    # (indicator, scheme) of the figures of the last sentence that had any.
    figures: list[tuple[str, str]] = field(default_factory=list)
    figures_paragraph: int = -1  # the paragraph `figures` were read in
    people: str | None = None  # indicator of the last count of people
    paragraph: int = 0  # the paragraph `period` was read in
    refs: References = field(default_factory=References)
    stocks: list[tuple[str, float, date]] = field(default_factory=list)  # (scheme, value, as-of)
    outreach: dict[str, str] = field(default_factory=dict)  # indicator -> last scheme named
    target: Mention | None = None  # the period of the last target dated in its own sentence
    campaign_scheme: str | None = None  # "mixed" when the headline campaigns for two schemes
    context: places.Scope | None = None  # the last district (province) named so far
    national: bool = False  # the last sentence's figures were the whole country's
    last_scope: places.Scope | None = None  # the place of the last figure read
    # The one scheme a sentence without figures names, for the figures of the next sentence
    # that name none ("qua 25 năm, diện bao phủ BHXH không ngừng được mở rộng. Năm 1995 mới
    # có 2,2 triệu người tham gia, ..."): the topic just set, before the article's main one.
    topic: str | None = None


def extract_article(article: Article, *, rules_only: bool | None = None,
                    ranker: bool | None = None) -> ArticleRows:
    """Facts and campaigns of one article, numbered in text order.

    The reading ranker (`helpers.extract.reading_ranker`) may then change a fact's year,
    scheme, indicator or target/result where another reading of the text beats the rules'
    by its margin: when `ranker` is True, or None (the default) and its weights adopted it.

    The rules read every candidate fact; the fact model (`helpers.extract.fact_model`) then
    declines the candidates it scores under its threshold (kept in `ArticleRows.declined`,
    counted in the log) when `rules_only` is False, or when it is None (the default) and the
    shipped weights adopted the model; ``rules_only=True`` keeps every candidate.
    """
    rows = ArticleRows(log=[("info", note) for note in article.notes]
                       + [("warning", note) for note in article.warnings])
    province, national = _province(article, rows)
    default = places.headline_scope(article.title, province, article.geography)
    folded_text = fold_aligned(article.text)
    if not _ABOUT_INSURANCE.search(folded_text):
        # A rice-price or football page: its percentages are not about enrolment.
        rows.log.append(("warning", "names no insurance scheme (BHXH, BHYT, bảo hiểm): not "
                         "about enrolment, no facts read"))
        return rows
    specific = (s for _, _, s in scheme_mentions(folded_text) if s in SPECIFIC)
    dominant = _main_part(Counter(specific))
    # A campaign headline naming two schemes ("... tham gia BHXH tự nguyện, BHYT hộ gia đình
    # trong Tháng vận động") makes its outreach about both.
    headline_scheme = combine([s for _, _, s in scheme_mentions(fold_aligned(article.title))
                              if s in SPECIFIC])
    anchor = _anchor(article)
    past = None if anchor else past_year(article.text, folded_text)
    present = None if anchor else _present_year(folded_text, only=False)
    state = _State(year=anchor.year if anchor else present or _only_year(folded_text),
                   campaign_scheme=headline_scheme if headline_scheme == "mixed" else None)
    # "BHYT bao phủ 91,1% dân số" / "Con số này tương ứng với ...": the headline's scheme is
    # the first context.
    named_first = scheme_mentions(fold_aligned(article.title))
    state.figures = [("", named_first[0][2])] if named_first else []
    seen_campaigns: dict[tuple, int] = {}
    # "toàn huyện", "Huyện đang ...": places named in sentences without figures are kept
    # for the later sentences that refer back to them.
    refers_back = _found(_NAMES_DISTRICT, *_NAMES_DISTRICT_NEAR, folded_text) \
        or _found(_COMMUNE_ANAPHOR, *_COMMUNE_ANAPHOR_NEAR, folded_text)
    # Provinces the article names anywhere: each sentence is scanned for these alone.
    named = frozenset(name for _, _, name in province_mentions(article.text, folded_text))
    lines = article.text.split("\n")
    tables = table_rows(lines)
    sentences = [(paragraph, sentence) for paragraph, line in enumerate(lines)
                 for sentence in ([line] if paragraph in tables else split_sentences(line))]
    for index, (paragraph, sentence) in enumerate(sentences):
        folded = fold_aligned(sentence)
        state.refs.learn_documents(folded)
        mentions = find_mentions(folded, sentence, publication=anchor,
                                 year_hint=_year_in_force(state, folded, anchor),
                                 past=past, present=present)
        mentions = _with_references(mentions, state.refs.mentions(folded, mentions))
        if paragraph in tables:
            table = tables[paragraph]
            figures = read_row(sentence, table.header, table.scheme, table.english, table.plan)
            year = row_year(sentence)
            mentions = [Mention(0, 0, year)] if year else mentions
            if table.years:
                # "| Hà Nội | 91,66% | 92,40% |" under "| | | 2022 | 2023 |": each cell is
                # dated by its column's year.
                mentions = [Mention(f.start, f.start, period) for f in figures
                            if (period := column_period(sentence, f.start, table.years))] \
                    or mentions
        else:
            figures = read_figures(sentence, folded, state.people, state.figures)
        scanner = None
        if figures or refers_back or not default.province:
            scanner = places.PlaceScanner(sentence, folded, default, state.context, named)
            scanner.pair_respectively([f.start for f in figures])
        below = _BELOW_COMMUNE.search(sentence) if figures else None
        if below:
            # "tại thôn Bắc Ngầm, xã Xuân Quang, tỷ lệ ... đạt trên 90%": a village's figure,
            # below the contract's lowest level.
            rows.log.append(("info", f"{len(figures)} figure(s) of a unit below the commune "
                             f"({below.group(0).strip()}...) not recorded: {sentence[:80]}"))
            figures = [f for f in figures if f.start < below.start()]
        regional = [f for f in figures if _of_a_region(sentence, folded, f.start, named)]
        if regional:
            rows.log.append(("info", f"{len(regional)} figure(s) of a region of several "
                             f"provinces not recorded: {sentence[:80]}"))
            figures = [f for f in figures if f not in regional]
        by_size = -1  # the end of a count too large for any province, in this sentence
        for n, figure in enumerate(figures):
            flags = ["headline"] if index == 0 else []
            if figure.cue == "carried":
                flags.append("indicator_from_context")
            scheme = _scheme(figure, state, dominant[0][0] if dominant else None, flags,
                             state.figures_paragraph == paragraph
                             or bool(_THIS_FIGURE.match(folded)),
                             (lines[paragraph], sentence))
            period = _period(figure, folded, mentions, state, flags, paragraph, anchor)
            if _future(period, anchor, flags) and figure.mood in (PRESENT, PAST) \
                    and figure.indicator in STOCK_INDICATORS:
                # "những kết quả đạt được ..., nâng tỷ lệ bao phủ BHYT lên 91%": a level
                # reached is as of the article's day at the latest, never after it.
                period = Period(None, anchor)
            elif _future(period, anchor, flags) and not figure.is_target \
                    and figure.mood not in (PRESENT, PAST) and not (
                    anchor is not None and period.end is not None
                    and period.end.year == anchor.year and _DONE.search(folded, 0, figure.start)):
                # "Đến hết năm 2025: thu hút hơn 2,9 triệu người" published in October 2025:
                # what is dated after the article cannot have happened yet, so it is a goal.
                figure.is_target = True
                flags.append("future_period")
            if figure.indicator == "net_change" and period.end is not None:
                following = figures[n + 1].start if n + 1 < len(figures) else len(folded)
                period = _change_period(figure, scheme, period, folded, following, state)
            elif figure.indicator == "participants" and period.end and not figure.is_target:
                state.stocks.append((scheme, figure.value, period.end))
            if article.publication_precision == "month" and period.end == anchor:
                flags.append("publication_month_only")
            # A table row's first cell names the place of all its cells.
            scope = scanner.scope_at(figures[0].start if paragraph in tables else figure.start,
                                     figure.window_start) if scanner else default
            if state.national and scope == default and not _LOCAL.search(folded) \
                    and scanner is not None and not scanner.places:
                # "Số người tham gia BHTN đạt hơn 13,3 triệu người" after a sentence on the
                # whole country names no place: it goes on about the country.
                scope = places.Scope("")
                flags.append("scope_from_context")
            elif scope == default and default.province and scanner is not None and (
                    figure.indicator in PEOPLE_INDICATORS and figure.value > _LARGEST_PROVINCE
                    or 0 <= by_size and not any(
                        by_size <= at < figure.start for at, _, _ in scanner.places)):
                # "Hiện khoảng 61 triệu người tham gia BHYT, chiếm 69% dân số" in an article on
                # Nghệ An: more people than any province or region has are the country's,
                # and so is the rate said of them.
                scope = places.Scope("")
                flags.append("scope_by_size")
                by_size = figure.end
            elif _THIS_FIGURE.match(folded) and scope == default and state.last_scope:
                # "Con số này ... tăng 17.562 người": the place of the figure it refers to.
                scope = state.last_scope
            elif n and scope == default and state.last_scope is not None \
                    and state.last_scope != default \
                    and _THIS_FIGURE_INSIDE.search(folded, figures[n - 1].end, figure.start):
                # "... của xã đạt 89%, nhưng sang tháng 9 con số này đã giảm xuống còn 75%":
                # the figure "con số này" points back to is the one before, of the same place.
                scope = replace(state.last_scope, flags=(*state.last_scope.flags,
                                                         "place_carried"))
            if not (scope.province or scope.province_2025) and not national:
                flags.append("province_unknown")
            if article.geography == "2025":
                scope = places.in_2025(scope)
            state.last_scope = scope
            listed = places.places_named_after(sentence, figure.end, scope) \
                if figure.indicator == "coverage_pct" and not figure.is_target \
                and paragraph not in tables else []
            if not listed and figure.indicator.endswith("_pct") and scanner is not None \
                    and paragraph not in tables:
                # "xã Bình Ninh và Phú Thịnh đạt tỷ lệ tương đương 76%": each place's rate.
                listed = scanner.shared_by_list(figure.start, goal=figure.is_target)
            for where in listed or [scope]:
                # "trên 97% như Đồng Tân, Đức Thắng ...": the band is each listed commune's.
                rows.facts.append(_fact_row(article, len(rows.facts) + 1, figure, scheme,
                                            period, where, sentence, flags + list(where.flags)))
                rows.evidence.append(Evidence(
                    cue=figure.cue, table=paragraph in tables, sentence=index / len(sentences),
                    figures=len(figures), order=n, sentence_length=len(sentence),
                    window=figure.start - figure.window_start,
                    places=[(b, e) for b, e, _ in scanner.places] if scanner else [],
                    position=figure.start, dated_here=bool(mentions),
                    scheme_named=figure.scheme is not None, default_scope=where == default,
                    national_article=national or not default.province, provinces=len(named),
                    anchor=anchor))
            if figure.indicator == "events" and not figure.is_target:
                add_campaign(rows.campaigns, seen_campaigns, article, scope, "conference",
                              conference_name(sentence, figure.start), period, sentence)
        if scanner is not None:
            state.context = scanner.last_place() or state.context
        if figures and default.province:
            # Only a sentence that names no place hands the whole country on: "Cả nước có
            # ..., trong khi Hải Dương chiếm 1,7%" comes back to the province.
            state.national = not rows.facts[-1]["province"] and scanner is not None \
                and not scanner.places
        for mention in read_campaigns(sentence, folded, mentions):
            state.refs.learn_campaign(mention.kind, mention.start, mention.end)
            # The same scope rules as figures: in a national article a launch "tại Phú Thọ"
            # is Phú Thọ's, the national campaign month nobody's; a provincial article's
            # campaigns stay its own.
            where = default
            if not default.province and mention.kind != "campaign_month":
                where = places.PlaceScanner(sentence, folded, default, None, named).scope_at(
                    mention.position, 0)
            add_campaign(rows.campaigns, seen_campaigns, article, where, mention.kind, mention.name,
                          Period(mention.start, mention.end), sentence, key=mention.key)
        topic = None
        if not figures and index and ("bao phu" in folded or "tham gia" in folded):
            # only a scheme named as what is covered or joined ("diện bao phủ BHXH", "tham
            # gia BHYT"), not a goal's or a programme's name ("Mục tiêu BHYT hộ gia đình")
            schemes = scheme_mentions(folded)
            if len({scheme for _, _, scheme in schemes}) == 1 \
                    and any(_TOPIC_SCHEME.search(folded, 0, start) for start, _, _ in schemes):
                topic = schemes[0][2]
        state.topic = topic
        if figures:
            state.figures = [(f.indicator, f.scheme or "") for f in figures]
            state.figures_paragraph = paragraph
            state.outreach |= {f.indicator: f.scheme for f in figures
                               if f.indicator in OUTREACH and f.scheme}
            people = [f.indicator for f in figures if f.indicator in PEOPLE_INDICATORS]
            state.people = people[-1] if people else state.people
        elif header := list_header(folded):
            state.people = header
            state.figures = [(header, s) for _, _, s in scheme_mentions(folded)[:1]]
        if mentions and not (figures and all(f.is_target for f in figures)) \
                and not _BYLINE.match(sentence):
            # A plan's year ("phấn đấu đến năm 2030 ...") is not the period in force for the
            # results that follow; targets keep their own through `state.target`.
            state.period, state.paragraph = mentions[-1], paragraph
            state.year = year_of(mentions) or state.year
    _headline_places(rows.facts)
    _date_headline_by_body(rows.facts)
    _headline_goal_by_body(rows.facts)
    check_text(article, named, lines, tables, rows)
    if ranker_applies(ranker):
        rows.reranked = rerank(rows.facts, article.text, article.publication_date)
        if rows.reranked:
            rows.log.append(("info", f"{len(rows.reranked)} field(s) changed by the reading "
                             "ranker; `bhxh extract --explain` shows which"))
    if applies(rules_only):
        decline(rows.facts, rows.evidence, rows.declined, rows.log)
    rows.campaigns = number_campaigns(rows.campaigns, article.article_id)
    if rows.facts and not province and not national:
        rows.log.append(("warning", "no province named; facts flagged province_unknown"))
    level = "info" if rows.facts else "warning"
    rows.log.append((level, f"{len(rows.facts)} facts, {len(rows.campaigns)} campaigns"
                     + ("" if rows.facts else ": no facts found")))
    return rows


def _found(pattern: re.Pattern[str], words: tuple[str, ...], back: int, text: str) -> bool:
    """``bool(pattern.search(text))`` for a pattern whose every match holds one of `words`
    and starts at most `back` characters before the blanks in front of it: the pattern is
    tried only there (a few places) instead of at every character of the text."""
    for word in words:
        at = text.find(word)
        while at >= 0:
            blank = at
            while blank and text[blank - 1].isspace():
                blank -= 1
            if any(pattern.match(text, p) for p in range(max(0, blank - back), at + 1)):
                return True
            at = text.find(word, at + 1)
    return False


_SAME_FIGURE = ("indicator", "is_target", "scheme", "value", "province", "district", "commune")


def _date_headline_by_body(facts: list[dict]) -> None:
    """"Di Linh phấn đấu đạt tỷ lệ bao phủ BHYT toàn dân từ 85% trở lên" over a body that
    gives the same goal "năm 2018": an undated headline goal takes the period of the first
    body goal it repeats (same place, scheme, indicator and value). A result keeps its own
    reading: a body's date of a result is often only the publication day."""
    for fact in facts:
        if fact["period_end"] is not None or not fact["is_target"] \
                or not fact["flags"].startswith("headline"):
            continue
        key = tuple(fact[k] for k in _SAME_FIGURE)
        body = next((f for f in facts if f["period_end"] is not None
                     and not f["flags"].startswith("headline")
                     and tuple(f[k] for k in _SAME_FIGURE) == key), None)
        if body is not None:
            fact["period_start"], fact["period_end"] = body["period_start"], body["period_end"]
            flags = [f for f in fact["flags"].split(";") if f != "no_period"]
            fact["flags"] = ";".join(dict.fromkeys([*flags, "period_carried"]))


def _headline_goal_by_body(facts: list[dict]) -> None:
    """"96% dân số Đồng Nai tham gia BHYT" over a body that sets the goal "nâng tỷ lệ bao phủ
    BHYT lên 96% dân số vào năm 2025": a headline that states the body's goal without a goal
    word is that goal (same place, scheme, indicator and value; its own year, if any, the
    goal's). A headline that repeats a body result as well stays a result."""
    body = [f for f in facts if not f["flags"].startswith("headline")]
    for fact in facts:
        if fact["is_target"] or not fact["flags"].startswith("headline"):
            continue
        key = tuple(fact[k] for k in _SAME_FIGURE if k != "is_target")
        same = [f for f in body if tuple(f[k] for k in _SAME_FIGURE if k != "is_target") == key]
        goal = next((f for f in same if f["is_target"]), None)
        if goal is None or any(not f["is_target"] for f in same) \
                or fact["period_end"] not in (None, goal["period_end"]):
            continue
        fact["is_target"] = True
        fact["period_start"], fact["period_end"] = goal["period_start"], goal["period_end"]
        flags = [f for f in fact["flags"].split(";") if f != "no_period"]
        fact["flags"] = ";".join(dict.fromkeys([*flags, "period_carried"]))


def _province(article: Article, rows: ArticleRows) -> tuple[str, bool]:
    """The article's province and whether the article is national."""
    if article.province:
        try:
            return places.canonical_province(article.province), False
        except UnknownPlaceError as exc:
            rows.log.append(("warning", f"sidecar province not recognised ({exc}); read from text"))
    province = places.article_province(article.title, article.text)
    if province:
        rows.log.append(("info", f"province {province} read from the text"))
        return province, False
    national = (places.is_national(fold_aligned(article.title))
                or national_markers(fold_aligned(article.text)) > 0)
    if national:
        rows.log.append(("info", "read as national: figures take the province named in "
                         "their clause, else none"))
    return "", national


def _of_a_region(sentence: str, folded: str, position: int, named: frozenset[str]) -> bool:
    """Whether a figure's clause is about a region of several provinces ("Khu vực Tây Nguyên
    hiện có khoảng 180.000 người", "trên địa bàn khu vực đạt 152.300 người") with no province
    or lower place named between the region and the figure: a level the contract has not."""
    clause = max(folded.rfind(";", 0, position), folded.rfind(". ", 0, position)) + 1
    regions = list(_REGION.finditer(folded, clause, position)) \
        if "khu vuc" in folded or "vung" in folded else []
    if not regions:
        return False
    region = regions[-1]
    between = folded[region.end():position]
    return not _LOCAL.search(between) and not province_mentions(
        sentence[region.end():position], between, named or None)


def _future(period: Period, anchor: date | None, flags: list[str]) -> bool:
    """Whether a period named in the figure's own sentence ends well after publication."""
    return anchor is not None and period.end is not None and "period_carried" not in flags \
        and period.end > anchor + _NOT_YET


def _main_part(parts: Counter[str]) -> list[tuple[str, int]]:
    """The part of a scheme (household HI, voluntary SI, ...) an article is mainly about, as
    ``Counter.most_common(1)``: a part named once, in passing ("Mục tiêu BHYT hộ gia đình cũng
    chưa đạt" in an article on pupils' and the city's health insurance), is not the main
    scheme of the figures that name none; a part named twice or more is."""
    return [(part, n) for part, n in parts.most_common(1) if n >= _MAIN_PART_MENTIONS]


def _only_year(folded: str) -> int | None:
    """The year of an undated article that names one year only ("Ban Chỉ đạo ... năm 2018"):
    the year its days and months without a year ("từ ngày 1-11 đến 5-12") fall in. A base
    of comparison ("tăng 26.000 người so với năm 2019") is not the article's year."""
    years = {int(m[1]) for m in _YEAR_NAMED.finditer(folded)
             if not _BASE_BEFORE.search(folded, max(0, m.start() - 20), m.start())}
    return years.pop() if len(years) == 1 else None


def _year_in_force(state: _State, folded: str, anchor: date | None) -> int | None:
    """The year a sentence's months without a year fall in: the year in force, or in an
    undated article the next one after a year-end stock ("Đến cuối năm 2018, có 953.284
    người. Đến cuối tháng 5, số người tham gia tăng lên 994.274 người": May 2019)."""
    last = state.period.period if state.period else None
    if anchor is None and state.year and last is not None and last.start is None \
            and last.end == date(state.year, 12, 31) and "thang" in folded \
            and (month := _MONTH_ONLY.search(folded)) \
            and not _YEAR_NAMED.search(folded, 0, month.start()):
        return state.year + 1
    return state.year


def _present_year(folded: str, *, only: bool = True) -> int | None:
    """The reporting year of an undated article: the one its present is named in ("Đến hết
    tháng 8/2025", "Trong hai tháng đầu năm 2022"), else the year after the base its figures
    are compared with ("so với cùng kỳ năm 2024", "vượt xa mức cuối năm 2019"), else its only
    year (`_only_year`, when `only`).

    >>> _present_year("den het thang 5 nam nay, tang 5% va vuot xa muc cuoi nam 2019")
    2020
    >>> _present_year("hien co 94%; nam 2002 moi co 13 trieu; den het thang 8/2025 co 94%")
    2025
    >>> _present_year("thang 5 nam nay tang 2% so voi cung ky nam 2023 va tang so voi nam 2015")
    2024
    >>> _present_year("hien co 90%, phan dau den het thang 12/2026 dat 95%", only=False) is None
    True
    """
    found = [m for m in (_PRESENT_NAMED.finditer(folded) if "thang" in folded else ())
             if not _GOAL_BEFORE.search(folded, max(0, m.start() - 40), m.start())]
    named = {int(m[1]) for m in found}
    # the named year is for the present the text spoke of before naming it ("trong tháng 1"
    # in the headline); a text that names it first dates its own days and months as it goes
    if len(named) == 1 and _PRESENT_UNNAMED.search(folded, 0, found[0].start()):
        return named.pop()
    bases = {int(m[1]) + 1 for m in _PRESENT_BASE.finditer(folded)} if "nam" in folded else set()
    if len(bases) == 1 and not named:
        return bases.pop()
    return _only_year(folded) if only else None


def _anchor(article: Article) -> date | None:
    """The date "đến nay" stands for: the publication date (month end when only the month
    is known)."""
    published = article.publication_date
    if published and article.publication_precision == "month":
        last = calendar.monthrange(published.year, published.month)[1]
        return published.replace(day=last)
    return published


def _paragraph_scheme(line: str, sentence: str) -> str | None:
    """The schemes a paragraph names before one of its sentences, combined ("chính sách BHXH,
    BHYT ... Tính đến tháng 11/2024, toàn tỉnh đã tổ chức 1.086 hội nghị": mixed)."""
    before = line[:max(0, line.find(sentence))]
    return combine([s for _, _, s in scheme_mentions(fold_aligned(before))])


def _scheme(figure: Figure, state: _State, dominant: str | None, flags: list[str],
            same_paragraph: bool = False, paragraph: tuple[str, str] = ("", "")) -> str:
    """The figure's own scheme, else that of the previous sentence's headline figure of the
    same indicator ("... 2.146 người tham gia BHXH tự nguyện ... và 5.310 người tham gia BHYT
    hộ gia đình. Trong đó, huyện A 320 người": voluntary SI), else, in the same paragraph, the
    scheme of the previous sentence's first figure ("Với BHYT, cả nước có 86,258 triệu người.
    Con số này tăng 404.400 người": health insurance), else the article's main scheme."""
    if figure.scheme:
        return figure.scheme
    dominant_outreach = state.campaign_scheme or dominant
    if figure.indicator in OUTREACH and not state.outreach.get(figure.indicator) \
            and _paragraph_scheme(*paragraph) == "mixed":
        # "Hội nghị tuyên truyền BHXH tự nguyện, BHYT ... thu hút hơn 100 đại biểu": a meeting
        # whose paragraph names two schemes is about both (corpus decision 7).
        flags.append("scheme_from_context")
        return "mixed"
    if figure.indicator in OUTREACH and (state.outreach.get(figure.indicator)
                                         or dominant_outreach):
        # Outreach with no scheme named ("lần lượt 24 và 21 hội nghị") is about the scheme of
        # the article's last conferences that named one, else about its main scheme.
        flags.append("scheme_from_context")
        return state.outreach.get(figure.indicator) or dominant_outreach or ""
    if figure.indicator in OUTREACH and (named := _paragraph_scheme(*paragraph)):
        # Conferences of an article with no main scheme are about the schemes their
        # paragraph (`paragraph`: its line and the figure's sentence) names.
        flags.append("scheme_from_context")
        return named
    carried = [s for i, s in state.figures if i == figure.indicator and s] or (
        [state.figures[0][1]] if state.figures and state.figures[0][1] and same_paragraph
        else [state.topic] if state.topic
        else [dominant] if dominant else [s for _, s in state.figures[-1:] if s])
    if carried:
        flags.append("scheme_from_context")
        figure.scheme = carried[0]
        return carried[0]
    flags.append("ambiguous_scheme")
    return dominant or "social_insurance"


def _with_references(mentions: list[Mention], refs: list[Mention]) -> list[Mention]:
    """A sentence's periods with references to earlier definitions replacing the readings
    they cover ("đợt cao điểm năm 2024" is the campaign's dates, not the year)."""
    kept = [m for m in mentions if not any(r.start <= m.start < r.end for r in refs)]
    return sorted(kept + refs, key=lambda m: m.start)


def _change_period(figure: Figure, scheme: str, period: Period, folded: str, following: int,
                   state: _State) -> Period:
    """A net change runs from its baseline: a dated document it is compared with, else the
    earlier stock it is the difference from."""
    assert period.end is not None  # the caller passes dated periods only
    start = state.refs.baseline(folded, figure.start, following) or change_start(
        figure.value, period.end, [(v, d) for s, v, d in state.stocks if s == scheme])
    return replace(period, start=start) if start and start < period.end else period


def _period(figure: Figure, folded: str, mentions: list[Mention], state: _State,
            flags: list[str], paragraph: int, anchor: date | None = None) -> Period:
    mention = mention_for(mentions, figure.start)
    if figure.base_year:
        return _base_period(figure.base_year, mention or state.period, flags)
    if "dated_after" in figure.flags:
        figure.flags.remove("dated_after")
        later = [m for m in mentions if m.start >= figure.end]
        before_rise = [m for m in mentions if figure.rise_start is not None
                       and m.end <= figure.rise_start]
        # "tăng từ A người năm 2018 lên B người": B is not as of A's year.
        mention = later[0] if later else before_rise[-1] if before_rise else \
            None if figure.rise_start is not None else mention
    if "dated_start" in figure.flags:
        figure.flags.remove("dated_start")
        return _window_start(mention if mention is not None and mention.end <= figure.start
                             else None, flags)
    if figure.indicator in _CHANGES and _COMPARED_WITH.search(folded) and mentions:
        # "năm 2023 là 22.415 người, năm 2022 là 19.870 người; so với năm 2018, ... tăng hơn
        # 3 lần": a change against a baseline is as of the latest date the sentence gives.
        mention = max((m for m in mentions if m.period.end),
                      key=lambda m: m.period.end, default=mention)
    if figure.is_target and mention is not None and mention.period.end in (None, anchor):
        # "Năm 2023, ngành ... ngay từ đầu năm, với một số chỉ tiêu: tăng thêm ...": a goal
        # is of the year named, not of a span that runs to the publication day.
        mention = max((m for m in mentions if m.period.end not in (None, anchor)
                       and m.end <= figure.start), key=lambda m: m.start, default=mention)
    if figure.is_target and mention is not None:
        state.target = mention
    elif figure.is_target and state.target is not None:
        # "Huyện A được giao chỉ tiêu 1.320 người" after a plan for 2025 and a sentence on
        # 2024's results: an undated target breaks down the last dated one.
        mention = state.target
        flags.append("period_carried")
    if mention is None and state.period is not None:
        mention = state.period
        flags.append("period_carried")
        day = mention.period.start
        if paragraph != state.paragraph and day is not None and day == mention.period.end \
                and day != anchor:
            # A launch day dates its own paragraph; the next paragraph is about its year. The
            # day of the report itself ("Theo VietnamPlus ngày 14/3, ..." published that day)
            # dates all it tells.
            mention = replace(mention, period=Period(date(day.year, 1, 1),
                                                     date(day.year, 12, 31)))
    if mention is None:
        flags.append("no_period")
        return Period(None, None)
    period = mention.period
    flags.extend(f for f in period.flags if f not in flags)
    as_of = "period_carried" not in flags and _YEAR_END.match(folded, mention.start)
    # "đến hết năm 2020, toàn tỉnh đã phát triển được 7.548 người": a running total, not a flow.
    if figure.indicator == "new_participants" and as_of and "moi" not in figure.cue \
            and "them" not in figure.cue \
            and figure.cue.startswith("phat trien") and period.start is None:
        figure.indicator = "participants"
    if figure.indicator in STOCK_INDICATORS:
        return as_stock(period)
    return period


def _base_period(year: str, mention: Mention | None, flags: list[str]) -> Period:
    """The date of a base's own figure ("so với năm 2015 (12,1 triệu người)"): the end of its
    year; "năm trước" is the year before the one the sentence (or the text before it) is of."""
    if year.isdigit():
        return Period(None, date(int(year), 12, 31))
    if mention is None or mention.period.end is None:
        flags.append("no_period")
        return Period(None, None)
    return Period(None, date(mention.period.end.year - 1, 12, 31))


def _window_start(mention: Mention | None, flags: list[str]) -> Period:
    """The first stock of "từ A lên B" with no year of its own: as of the end of the first year
    of a window of several years named before it ("Giai đoạn 2019 - 2023"), else undated."""
    window = mention.period if mention is not None else None
    if window is None or window.start is None or window.end is None \
            or window.start.year >= window.end.year:
        flags.append("no_period")
        return Period(None, None)
    return Period(None, date(window.start.year, 12, 31))


_PLACE_COLUMNS = ("province", "province_2025", "district", "commune")


def _headline_places(facts: list[dict]) -> None:
    """A headline repeats a figure of its article ("Hơn 90% người dân tham gia bảo hiểm y tế"
    over a district's year review): a headline figure that names no place below the province
    takes the place of the body figure it repeats (same indicator, scheme, target and value,
    in the same province) when that place is a district or commune and no body figure of the
    headline's own place repeats it."""
    body = [f for f in facts if "headline" not in f["flags"].split(";")]
    for fact in facts:
        if "headline" not in fact["flags"].split(";") or fact["district"] or fact["commune"]:
            continue
        same = [f for f in body if all(f[k] == fact[k] for k in
                                       ("indicator", "scheme", "is_target", "value", "province"))]
        places = {tuple(f[k] for k in _PLACE_COLUMNS) for f in same}
        if len(places) == 1 and (same[0]["district"] or same[0]["commune"]):
            fact.update({k: same[0][k] for k in _PLACE_COLUMNS})
            fact["flags"] = ";".join(dict.fromkeys([*fact["flags"].split(";"), "place_carried"]))


def _fact_row(article: Article, n: int, figure: Figure, scheme: str, period: Period,
              scope: places.Scope, sentence: str, flags: list[str]) -> dict:
    return {
        "fact_id": f"{article.article_id}-{n:03d}",
        "article_id": article.article_id,
        "province": scope.province,
        "province_2025": scope.province_2025 or places.province_2025(scope.province),
        "district": scope.district,
        "commune": scope.commune,
        "scheme": scheme,
        "indicator": figure.indicator,
        "is_target": figure.is_target,
        "value": float(figure.value),
        "qualifier": figure.qualifier,
        "period_start": period.start,
        "period_end": period.end,
        "quote": sentence,
        "flags": ";".join(dict.fromkeys(flags + figure.flags)),
        "geography": article.geography,
    }
