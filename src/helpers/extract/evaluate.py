"""Scoring extracted facts against hand-written gold annotations: precision, recall and F1,
overall and per indicator, plus how often matched facts also get qualifier and period right.

Matching rule (the same as the corpus scorer ``score_facts.py``): a predicted fact matches a
gold fact of the same article when indicator, is_target, scheme, province, district and commune
are equal (place names compared folded, type words and punctuation dropped, so tone-mark styles,
"Đắk"/"Đăk" and "TP. Hồ Chí Minh"/"Hồ Chí Minh" agree), the values agree within 0.5 % and,
where both give a period_end, its years agree. A gold file with ``"geography": "2025"`` (an
article in the post-July-2025 map) names the 2025 province in its ``province`` field, compared
with the prediction's ``province_2025``. Matching is one-to-one, in text order. Qualifier and
period_end are secondary accuracies over the matched pairs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.contract import INDICATORS
from helpers.errors import DataError
from helpers.text import fold

PLACE_KEYS = ("province", "district", "commune")
_TYPE_WORDS = ("tinh ", "thanh pho ", "tp. ", "tp ", "huyen ", "thi xa ", "quan ", "xa ", "phuong ",
               "thi tran ")
VALUE_TOLERANCE = 0.005


@dataclass
class Evaluation:
    """Counts behind the scores; `table()` and `text()` present them."""

    counts: dict[str, list[int]] = field(default_factory=dict)  # indicator -> [tp, fp, fn]
    qualifier_ok: int = 0
    period_ok: int = 0
    unmatched: list[str] = field(default_factory=list)

    @property
    def total(self) -> tuple[int, int, int]:
        """(true positives, false positives, false negatives) over all indicators."""
        tp, fp, fn = (sum(c[i] for c in self.counts.values()) for i in range(3))
        return tp, fp, fn

    def scores(self, indicator: str | None = None) -> tuple[float, float, float]:
        """(precision, recall, F1) overall or for one indicator; 1.0 where nothing was due."""
        tp, fp, fn = self.total if indicator is None else self.counts[indicator]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def table(self) -> pd.DataFrame:
        """One row per indicator present in gold or predictions, then "overall"."""
        rows = []
        for name in [*(i for i in INDICATORS if i in self.counts), "overall"]:
            tp, fp, fn = self.total if name == "overall" else self.counts[name]
            p, r, f = self.scores(None if name == "overall" else name)
            rows.append({"indicator": name, "gold": tp + fn, "predicted": tp + fp, "matched": tp,
                         "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)})
        return pd.DataFrame(rows)

    def text(self) -> str:
        """The table and the secondary accuracies, for the terminal."""
        tp = self.total[0]
        lines = [self.table().to_string(index=False)]
        if tp:
            lines.append(f"qualifier right on {self.qualifier_ok}/{tp} matched facts; "
                         f"period_end right on {self.period_ok}/{tp}")
        return "\n".join(lines + self.unmatched)


def load_gold(gold_dir: str | Path) -> dict[str, list[dict]]:
    """Gold facts by article id, from ``<article_id>.json`` files holding ``{"facts": [...]}``."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise DataError("is not a folder of gold JSON files.", file=folder)
    gold = {}
    for path in sorted(p for p in folder.glob("*.json") if not p.name.endswith(".meta.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            geography = doc.get("geography") or "legacy"
            gold[path.stem] = [{**fact, "geography": geography} for fact in doc["facts"]]
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise DataError(f"not a gold file ({exc}).", file=path.name,
                            hint='Write {"facts": [{"indicator": ..., ...}]}.') from None
    return gold


def evaluate(facts: pd.DataFrame, gold: dict[str, list[dict]]) -> Evaluation:
    """Score `facts` (the extractor's typed facts table) against `gold`, article by article.

    Articles without a gold file are not scored.
    """
    result = Evaluation()
    for article_id, expected in gold.items():
        predicted = facts[facts["article_id"] == article_id].to_dict("records")
        if not predicted and expected:
            result.unmatched.append(f"{article_id}: no facts extracted")
        free = list(range(len(predicted)))
        for g in expected:
            hit = next((i for i in free if _same(predicted[i], g)), None)
            counts = result.counts.setdefault(g["indicator"], [0, 0, 0])
            if hit is None:
                counts[2] += 1
                continue
            free.remove(hit)
            counts[0] += 1
            result.qualifier_ok += predicted[hit]["qualifier"] == g.get("qualifier", "exact")
            expected_end = g.get("period_end") or ""
            result.period_ok += _date_text(predicted[hit]["period_end"])[:len(expected_end)] \
                == expected_end if expected_end else _date_text(predicted[hit]["period_end"]) == ""
        for i in free:
            result.counts.setdefault(predicted[i]["indicator"], [0, 0, 0])[1] += 1
    return result


def matched(predicted: list[dict], expected: list[dict]) -> list[bool]:
    """For each predicted fact of one article, whether `evaluate` matches it to a gold fact
    (the same one-to-one matching in text order): the fact model's training label."""
    free = list(range(len(predicted)))
    hits = [False] * len(predicted)
    for g in expected:
        hit = next((i for i in free if _same(predicted[i], g)), None)
        if hit is not None:
            free.remove(hit)
            hits[hit] = True
    return hits


def gold_matches(predicted: list[dict], expected: list[dict]) -> list[int | None]:
    """For each gold fact of one article, the index of the predicted fact `evaluate` matches
    it to (the same one-to-one matching in text order), or None when it is missed."""
    free = list(range(len(predicted)))
    found: list[int | None] = []
    for g in expected:
        hit = next((i for i in free if _same(predicted[i], g)), None)
        if hit is not None:
            free.remove(hit)
        found.append(hit)
    return found


def same_but_place(p: dict, g: dict) -> bool:
    """True when a predicted and a gold fact agree on every field the scorer compares except
    the place (province, district, commune): the same figure given to another place."""
    placed = {**g, "geography": "legacy",
              **{key: p.get("province_2025" if key == "province" and g.get("geography") == "2025"
                            else key) for key in PLACE_KEYS}}
    return _same(p, placed)


def _same(p: dict, g: dict) -> bool:
    if any(str(p[k]) != str(g.get(k) or "") for k in ("indicator", "scheme")):
        return False
    for key in PLACE_KEYS:
        # Gold of a 2025-map article names the 2025 province.
        column = "province_2025" if key == "province" and g.get("geography") == "2025" else key
        if _place(p.get(column)) != _place(g.get(key)):
            return False
    if bool(p["is_target"]) != bool(g.get("is_target", False)):
        return False
    value = float(g["value"])
    if abs(float(p["value"]) - value) > VALUE_TOLERANCE * max(abs(value), 1e-9):
        return False
    predicted_year, gold_year = _date_text(p.get("period_end"))[:4], (g.get("period_end") or "")[:4]
    return not (predicted_year and gold_year and predicted_year != gold_year)


def _place(name: object) -> str:
    """A place name as the scorer compares it: folded, a leading type word dropped ("TP.
    Hồ Chí Minh" = "Hồ Chí Minh"), letters and digits only."""
    key = fold(str(name or "")).strip()
    for word in _TYPE_WORDS:
        if key.startswith(word):
            key = key[len(word):]
    return "".join(c for c in key if c.isalnum())


def _date_text(value: object) -> str:
    if value is None or value == "" or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return pd.Timestamp(value).date().isoformat()
