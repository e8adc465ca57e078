"""The data the reading ranker (`helpers.extract.reading_ranker`) learns from and is judged
on: each real batch's articles, gold facts and two readings of them by the rules,

- ``first``: the facts of the batch's recorded first run (tests/fixtures/extract_first_runs/
  ``<batch>.facts.csv``, re-read by `scripts/first_run_facts.py` at the first-run commit), the
  rules before any rule was written for the batch;
- ``today``: the facts the rules read today (`extract_article`, rules only, no ranker).

and the pairing of a wrong prediction with the gold fact it should have been (same article,
same value, the fields that differ), used by bench/reading_errors.py and the training labels.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from helpers import paths
from helpers.errors import DataError
from helpers.extract.article import extract_article
from helpers.extract.evaluate import (
    PLACE_KEYS,
    VALUE_TOLERANCE,
    _place,
    gold_matches,
    load_gold,
    matched,
)
from helpers.extract.reading import Article, list_articles, read_article

FIXTURES = paths.ROOT / "tests" / "fixtures" / "extract"
FIRST_RUNS_DIR = paths.ROOT / "tests" / "fixtures" / "extract_first_runs"
# Real batches, each with a recorded first run (README_extract.md); a new blind batch joins
# only after its own first run is stored in tests/fixtures/extract_first_runs/.
REAL_BATCHES = ("corpus_a", "corpus_b", *(f"real_r{n}" for n in range(1, 19)))
SYNTHETIC_BATCHES = tuple(f"b{n:02d}" for n in range(1, 32))
FIELDS = ("year", "scheme", "indicator", "is_target", "place")
_SYNTHETIC = re.compile(r"b\d\d$")


@dataclass
class Item:
    """One article of a batch: the article, the rules' facts (one reading) and the gold."""

    article: Article
    facts: list[dict]
    gold: list[dict]


def is_real(name: str) -> bool:
    """Real reporting (corpus_a/b, real_rN), as opposed to the synthetic b01–b31."""
    return not _SYNTHETIC.match(name)


def articles(batch: str, fixtures: Path = FIXTURES) -> dict[str, Article]:
    """The batch's articles with a gold file, by article id (corpus_a/b from data/raw)."""
    root = fixtures / batch
    gold = {p.stem for p in (root / "gold").glob("*.json")}
    folder = root / "articles" if (root / "articles").is_dir() else paths.ARTICLES
    out = {}
    for path in list_articles(folder):
        if path.name.split(".")[0] not in gold and not folder == root / "articles":
            continue
        try:
            article = read_article(path)
        except DataError:
            continue
        if article.article_id in gold:
            out[article.article_id] = article
    return out


def load_batch(batch: str, reading: str, fixtures: Path = FIXTURES,
               first_runs: Path = FIRST_RUNS_DIR) -> list[Item]:
    """The batch's articles with one reading's facts (``today`` or ``first``) and gold."""
    gold = load_gold(fixtures / batch / "gold")
    found = articles(batch, fixtures)
    if reading == "today":
        read = {aid: extract_article(a, rules_only=True, ranker=False).facts
                for aid, a in found.items()}
    else:
        read = {aid: [] for aid in found}
        with (first_runs / f"{batch}.facts.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["article_id"] in read:
                    read[row["article_id"]].append(typed(row))
    return [Item(found[aid], read[aid], gold[aid]) for aid in sorted(found)]


def typed(row: dict) -> dict:
    """A facts.csv row with the types `extract_article` gives (value float, is_target bool,
    period dates as `date` or None)."""
    out = dict(row)
    out["value"] = float(row["value"])
    out["is_target"] = str(row["is_target"]).strip().lower() in ("true", "1")
    for key in ("period_start", "period_end"):
        text = (row.get(key) or "")[:10]
        out[key] = date.fromisoformat(text) if text else None
    return out


def differing(p: dict, g: dict) -> list[str] | None:
    """The fields (of `FIELDS`) on which predicted `p` and gold `g` differ, or None when
    their values differ (not the same figure)."""
    value = float(g["value"])
    if abs(float(p["value"]) - value) > VALUE_TOLERANCE * max(abs(value), 1e-9):
        return None
    out = []
    py, gy = year_of(p.get("period_end")), (g.get("period_end") or "")[:4]
    if py and gy and py != gy:
        out.append("year")
    if str(p.get("scheme") or "") != str(g.get("scheme") or ""):
        out.append("scheme")
    if str(p["indicator"]) != str(g["indicator"]):
        out.append("indicator")
    if bool(p["is_target"]) != bool(g.get("is_target", False)):
        out.append("is_target")
    for key in PLACE_KEYS:
        column = "province_2025" if key == "province" and g.get("geography") == "2025" else key
        if _place(p.get(column)) != _place(g.get(key)):
            out.append("place")
            break
    return out


def year_of(value: object) -> str:
    """The year of a period end (a `date`, an ISO text, or nothing) as text, or ""."""
    if value is None or value == "":
        return ""
    return str(value)[:4]


@dataclass
class Errors:
    """Wrong predictions and misses of one reading, classified."""

    wrong: int = 0
    misses: int = 0
    one_field: dict[str, int] | None = None  # wrong predictions with one wrong field
    two_fields: int = 0  # a gold of the same value, two or more fields wrong
    no_gold_value: int = 0  # no unmatched gold fact of that value
    miss_no_candidate: int = 0  # a gold figure no prediction has the value of
    miss_other_field: int = 0  # a prediction of that value exists (read with other fields)
    other_day: int = 0  # matched, but the gold's full period_end (a day) is not the predicted


def classify(items: list[Item]) -> Errors:
    """Pair each wrong prediction with the unmatched gold facts of its article and value."""
    out = Errors(one_field=dict.fromkeys(FIELDS, 0))
    assert out.one_field is not None
    for item in items:
        hits = matched(item.facts, item.gold)
        pairs = gold_matches(item.facts, item.gold)
        used = {i for i, hit in enumerate(pairs) if hit is not None}
        out.other_day += sum(1 for g, hit in zip(item.gold, pairs, strict=True)
                             if hit is not None and len(g.get("period_end") or "") == 10
                             and str(item.facts[hit]["period_end"] or "")[:10]
                             != g["period_end"])
        free_gold = [g for i, g in enumerate(item.gold) if i not in used]
        for fact, hit in zip(item.facts, hits, strict=True):
            if hit:
                continue
            out.wrong += 1
            diffs = [d for g in free_gold if (d := differing(fact, g)) is not None]
            if not diffs:
                out.no_gold_value += 1
                continue
            best = min(diffs, key=len)
            if len(best) == 1:
                out.one_field[best[0]] += 1
            else:
                out.two_fields += 1
        for g in free_gold:
            out.misses += 1
            if any(differing(f, g) is not None for f in item.facts):
                out.miss_other_field += 1
            else:
                out.miss_no_candidate += 1
    return out
