"""Where a report's figures come from: the articles' sidecars as a table, the articles numbered
once per report ([1], [2]), each quote shown once with its figures highlighted, and the ledger
that accounts for every fact of the place (used in a section, or not used and why).
"""

from __future__ import annotations

import functools
import json
import re
import weakref
from datetime import date
from html import escape
from pathlib import Path

import pandas as pd

from helpers.narrative import sources as words
from helpers.report.params import ARTICLES_FILE
from helpers.report.tables import (
    COLUMNS,
    INDICATOR_NAMES,
    TARGET_WORD,
    Section,
    _title,
    display_value,
    flag_words,
    quantity,
)

ARTICLE_COLUMNS = ["article_id", "source", "title", "publication_date", "source_url", "province"]
#: Columns that make two facts the same figure (one said twice: headline and body).
SAME_FIGURE = [
    "article_id", "district", "commune", "scheme", "indicator", "is_target", "value",
    "period_start", "period_end",
]


def article_table(folder: str | Path) -> pd.DataFrame:
    """One row per article of ``folder``: its sidecar's outlet, title, publication date, link
    and province ("" where the sidecar has none or there is no sidecar)."""
    from helpers.extract.reading import list_articles

    rows = []
    for path in list_articles(Path(folder)):
        meta_path = path.with_name(path.stem + ".meta.json")
        meta = {}
        if meta_path.is_file():
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8-sig"))
            except (json.JSONDecodeError, UnicodeDecodeError):
                meta = {}  # the extraction log already names a broken sidecar
        meta = meta if isinstance(meta, dict) else {}
        row = {c: str(meta.get(c) or "") for c in ARTICLE_COLUMNS}
        row["article_id"] = row["article_id"] or path.stem
        rows.append(row)
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


def load_articles(data_dir: str | Path) -> pd.DataFrame:
    """``articles.csv`` of a data folder (written by `bhxh process`), or an empty table."""
    path = Path(data_dir) / ARTICLES_FILE
    if not path.is_file():
        return pd.DataFrame(columns=ARTICLE_COLUMNS)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return table.reindex(columns=ARTICLE_COLUMNS, fill_value="")


def publication_day(text: str) -> date | None:
    """A sidecar's publication date ("2021-01-05", "2022-05": the first of the month)."""
    try:
        parts = [int(p) for p in str(text).split("-")]
        return date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


#: id(report data) -> (the tables numbered, their numbers); an entry goes with its data.
_NUMBERS: dict[int, tuple[tuple, dict[str, int]]] = {}


def citation_numbers(data) -> dict[str, int]:
    """Article id -> its number in this report: every article a fact or campaign of the
    report comes from, and the articles about the place that gave neither, in id order.

    A report asks for them in every section (18 times): they are numbered once per report
    data and its tables (the same objects), and kept while the data lives. The caller must
    not change the returned dict."""
    tables = (data.facts, data.campaigns, data.articles)
    kept = _NUMBERS.get(id(data))
    if kept is not None and all(a is b for a, b in zip(kept[0], tables, strict=True)):
        return kept[1]
    numbers = _citation_numbers(data)
    if id(data) not in _NUMBERS:
        try:
            weakref.finalize(data, _NUMBERS.pop, id(data), None)
        except TypeError:  # a stand-in without weak references (a namespace): not kept
            return numbers
    _NUMBERS[id(data)] = (tables, numbers)
    return numbers


def _citation_numbers(data) -> dict[str, int]:
    ids = set(data.facts["article_id"]) | set(data.campaigns["article_id"])
    articles = data.articles if data.articles is not None else load_articles(data.params.data_dir)
    ids |= set(articles.loc[articles["province"].isin(data.members), "article_id"])
    return {a: n for n, a in enumerate(sorted(i for i in ids if i), start=1)}


def numbers_of(data, fact_ids: list[str]) -> list[int]:
    """The article numbers of some facts (sorted, each once)."""
    if len(fact_ids) == 0:
        return []
    numbers = citation_numbers(data)
    rows = data.facts[data.facts["fact_id"].isin(fact_ids)]
    return sorted({numbers[a] for a in rows["article_id"] if a in numbers})


def cited(build):
    """Decorator for a section builder: its paragraph ends with the numbers of the articles its
    figures come from, and its table shows "[n]" for an article and no quote (each quote is
    shown once, in the sources section)."""

    @functools.wraps(build)
    def with_sources(data, lang: str = "vi") -> Section:
        section = build(data, lang)
        numbers = citation_numbers(data)
        section.text = words.sourced(section.text, numbers_of(data, section.fact_ids), lang)
        table = section.table
        column = COLUMNS[lang]["article_id"]
        if table is not None and column in table.columns:
            table[column] = [f"[{numbers[a]}]" if a in numbers else a for a in table[column]]
            table[COLUMNS[lang]["quote"]] = ""
        return section

    return with_sources


def duplicates(facts: pd.DataFrame, used: list[str]) -> dict[str, str]:
    """fact_id -> the used fact it repeats (same article, place, scheme, indicator, value and
    period), for facts not used themselves; the first of an unused group stands for it."""
    out: dict[str, str] = {}
    if facts.empty:  # a place without press figures (most of a batch): nothing repeats
        return out
    keep: dict[tuple, str] = {}
    # The rows' values as iterating the columns gives them (what `itertuples` yields), the
    # used rows first: no frame concatenated and no row objects made (~8 ms a report).
    ids = list(facts["fact_id"])
    keys = list(zip(*([str(v) for v in facts[c]] for c in SAME_FIGURE), strict=True))
    chosen = set(used)
    order = [i for i, f in enumerate(ids) if f in chosen]
    order += [i for i, f in enumerate(ids) if f not in chosen]
    for i in order:
        key, fact_id = keys[i], ids[i]
        if key in keep and fact_id not in chosen:
            out[fact_id] = keep[key]
        else:
            keep.setdefault(key, fact_id)
    return out


def superseded(facts: pd.DataFrame, used: list[str]) -> set[str]:
    """Stocks not used whose province and date carry another, used stock of another value."""
    if facts.empty:
        return set()
    # The same comparisons as pandas' on the rows' values, without a filtered frame per
    # unused stock (~10 ms a report): a missing date or place equals nothing, a missing value
    # differs from every value.
    columns = ("fact_id", "province", "district", "period_end", "value")
    rows = [row for row in zip(*(list(facts[c]) for c in columns),
                               facts["indicator"], facts["is_target"], strict=True)
            if row[5] == "participants" and not row[6]]
    taken = set(used)
    chosen = [row for row in rows if row[0] in taken]
    out = set()
    for fact_id, province, district, end, value, *_ in rows:
        if fact_id in taken or pd.isna(end):
            continue
        if any(_equal(c[1], province) and _equal(c[2], district) and _equal(c[3], end)
               and not _equal(c[4], value) for c in chosen):
            out.add(fact_id)
    return out


def _equal(a, b) -> bool:
    """``a == b`` as pandas compares two cells: a missing one (None, NaN, NaT) equals nothing."""
    return not (pd.isna(a) or pd.isna(b)) and bool(a == b)


def place_of(row) -> str:
    """The most precise place of a facts row ("Đông Hòa", "Bắc Kạn", "toàn quốc")."""
    return row["commune"] or row["district"] or row["province"] or row.get("province_2025", "")


def fact_words(data, row: pd.Series, lang: str, numbers: dict[str, int]) -> str:
    """One facts row as a sentence, its period worded as the article words it."""
    q = quantity(row)
    published = publication_day(row.get("published", ""))
    when = words.fact_period(str(row["indicator"]), q.start, q.end, published, lang, q.said)
    place = place_of(row) or ("toàn quốc" if lang == "vi" else "nationwide")
    if getattr(data.params, "unit", "province") != "province" and row["province"] \
            and not row["district"] and not row["commune"]:
        place = data.place  # a district's or commune's own rows are relabelled one level up
    return words.fact_sentence(
        place=place,
        scheme=str(row["scheme"]),
        indicator=str(row["indicator"]),
        is_target=bool(row["is_target"]),
        quantity=quantity(row),
        when=when,
        article=numbers.get(row["article_id"]),
        lang=lang,
    )


def undated_sentence(data, rows: pd.DataFrame, lang: str) -> str:
    """The figures an article gives without a date, each with its period as the article words
    it (as of publication) and its article's number."""
    numbers = citation_numbers(data)
    return " ".join(fact_words(data, r, lang, numbers) for _, r in rows.iterrows())


SCHEME_ORDER = ("voluntary_si", "household_hi", "mixed", "social_insurance", "health_insurance")


def other_figures(data, used: list[str], lang: str = "vi", *, key: str = "other") -> Section:
    """Every figure of the place the sections above did not show (a plan, a figure of household
    health insurance or of two schemes together, a multiple, a figure without a date), one
    sentence each, grouped by scheme; a figure said twice is shown once."""
    facts = data.facts
    twice = duplicates(facts, used)
    older = superseded(facts, used)
    rest = facts[~facts["fact_id"].isin(used) & ~facts["fact_id"].isin(twice) & ~facts[
        "fact_id"].isin(older)]
    numbers = citation_numbers(data)
    groups = []
    order = {s: k for k, s in enumerate(SCHEME_ORDER)}
    for scheme in sorted(set(rest["scheme"]), key=lambda s: (order.get(s, 99), s)):
        rows = rest[rest["scheme"] == scheme]
        groups.append((scheme, [fact_words(data, r, lang, numbers) for _, r in rows.iterrows()]))
    text = words.other_figures(groups, lang)
    return Section(
        key,
        _title(key, lang),
        text,
        status="ok" if groups else "empty",
        fact_ids=list(rest["fact_id"]),
    )


def ledger(data, used: list[str]) -> pd.DataFrame:
    """Every fact of the report's place not used in a section, with its reason code
    (`helpers.narrative.sources.REASONS`); used and not used together cover all facts."""
    facts = data.facts
    twice = duplicates(facts, used)
    older = superseded(facts, used)
    out = []
    for row in facts[~facts["fact_id"].isin(used)].itertuples(index=False):
        if row.fact_id in twice:
            code = "duplicate"
        elif row.fact_id in older:
            code = "superseded"
        elif row.scheme not in SCHEME_ORDER:
            code = "another_scheme"
        else:
            code = "outside_sections"
        out.append({"fact_id": row.fact_id, "reason": code})
    return pd.DataFrame(out, columns=["fact_id", "reason"])


def not_used(data, used: list[str], lang: str = "vi") -> Section:
    """Appendix: each fact of the place not used above, with why (the report's ledger)."""
    table = ledger(data, used)
    used_here = int(data.facts["fact_id"].isin(used).sum())
    head = words.ledger_head(used_here, len(table), lang)
    if table.empty:  # every figure used, or none at all: no table to show
        return Section("not_used", _title("not_used", lang), head, status="empty",
                       table=None, data={"ledger": table})
    facts = data.facts.set_index("fact_id", drop=False)
    numbers = citation_numbers(data)
    cols = COLUMNS[lang]
    rows = [facts.loc[f] for f in table["fact_id"]]
    shown = pd.DataFrame(
        {
            cols["value"]: [display_value(r, lang) for r in rows],
            cols["indicator"]: [
                INDICATOR_NAMES[r["indicator"]][0 if lang == "vi" else 1]
                + (TARGET_WORD[0 if lang == "vi" else 1] if r["is_target"] else "")
                for r in rows
            ],
            cols["period"]: [
                words.fact_period(
                    str(r["indicator"]), quantity(r).start, quantity(r).end,
                    publication_day(r.get("published", "")), lang,
                )
                for r in rows
            ],
            cols["article_id"]: [f"[{numbers.get(r['article_id'], '?')}]" for r in rows],
            ("Lý do" if lang == "vi" else "Reason"): [
                words.reason(c, lang) for c in table["reason"]
            ],
        }
    )
    return Section("not_used", _title("not_used", lang), head, table=shown,
                   data={"ledger": table})


def _needles(row: pd.Series) -> list[str]:
    """How a figure may be written in its quote ("7.548", "133,4", "54 nghìn")."""
    value = float(row["value"])
    text = f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", "_").replace(".", ",")
    text = text.replace("_", ".")
    out = [text]
    if value >= 1000 and value % 1000 == 0:
        out.append(f"{int(value // 1000)} nghìn")
        out.append(f"{int(value // 1000)} ngàn")
    if row["indicator"] == "growth_ratio" and value == 2:
        out.append("hai lần")
    return out


def highlight(quote: str, rows: pd.DataFrame) -> str:
    """The quote, escaped, with each figure of ``rows`` found in it marked (<mark>)."""
    spans = []
    for _, row in rows.iterrows():
        for needle in _needles(row):
            m = re.search(rf"(?<![\d.,]){re.escape(needle)}(?![\d]|[.,]\d)", quote)
            if m:
                spans.append((m.start(), m.end()))
                break
    html, last = [], 0
    for start, end in sorted(set(spans)):
        if start < last:
            continue
        html += [escape(quote[last:start]), f"<mark>{escape(quote[start:end])}</mark>"]
        last = end
    return "".join(html) + escape(quote[last:])


def sources_html(data, used: list[str], lang: str) -> str:
    """The sources list: each article once ([n], outlet, title, date, link), then each of its
    quotes once with the figures the report uses highlighted; an article without figures says
    what it gave (its campaigns' dates) or "no figures"."""
    from helpers.narrative import period

    numbers = citation_numbers(data)
    articles = data.articles if data.articles is not None else load_articles(data.params.data_dir)
    meta = articles.set_index("article_id") if not articles.empty else None
    items = []
    for article, n in numbers.items():
        m = meta.loc[article] if meta is not None and article in meta.index else {}
        entry = words.article_entry(
            n,
            source=m.get("source") or None,
            title=m.get("title") or None,
            publication=m.get("publication_date") or None,
            url=m.get("source_url") or None,
            lang=lang,
        )
        rows = data.facts[data.facts["article_id"] == article]
        camps = data.campaigns[data.campaigns["article_id"] == article]
        dated = [f"{c['name']} ({period(c['start'], c['end'], lang)})" for _, c in camps.iterrows()]
        gave = words.article_gave(len(rows), [] if len(rows) else dated, lang)
        quotes = []
        for quote, group in rows.groupby("quote", sort=False):
            shown = group[group["fact_id"].isin(used)]
            flags = "; ".join(dict.fromkeys(flag_words(f, lang) for f in shown["flags"] if f))
            warn = f' <small class="flags">⚠ {escape(flags)}</small>' if flags else ""
            quotes.append(f"<blockquote>{highlight(str(quote), shown)}{warn}</blockquote>")
        # A campaign's own sentence, when no figure already brought it here.
        for quote in dict.fromkeys(q for q in camps["quote"] if q and q not in set(rows["quote"])):
            quotes.append(f"<blockquote>{escape(str(quote))}</blockquote>")
        items.append(f"<li><p>{escape(entry)} {escape(gave)}</p>{''.join(quotes)}</li>")
    return f'<ol class="sources">{"".join(items)}</ol>' if items else ""
