"""The fact model: a logistic regression that scores each candidate fact the rules read, from
what the pipeline knew when it read it, and declines the candidates unlikely to be right.

The rules (`helpers.extract.article`) read every candidate; this model only removes. Its
features are the reading's own evidence (`Evidence`): the indicator, scheme, qualifier and
flags, the cue that produced the figure, whether it sat in a table, a headline or a list,
how far the figure is from the last place named and from its cue, how many places and figures
its sentence holds, how the period was found and how far it lies from the publication date,
the value's magnitude, and article-level counts (facts, provinces named, other candidates with
the same value or the same key and another value). The weights are a small JSON file shipped
in the package (`fact_model.json`), loaded once, never fetched; `scripts/train_fact_model.py`
rebuilds them from the gold of the batches the file names, and
`bench/lobo_fact_model.py` measures the model leave-one-batch-out (README_extract.md).

A declined candidate is never silent: it stays in `ArticleRows.declined` with its probability
and the features that weighed most against it (`bhxh extract --explain` prints them) and the
article's extraction log counts the declined candidates.

Example
-------
>>> model = load_model()
>>> 0.0 < model.threshold < 1.0 and "real_r1" in model.trained_on
True
>>> x = {"bias": 1.0}
>>> 0.0 < model.probability(x) < 1.0
True
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["Declined", "Evidence", "FactModel", "MODEL_FILE", "applies", "decline", "features",
           "fit", "load_model"]

MODEL_FILE = Path(__file__).with_name("fact_model.json")
# Categorical features seen fewer times than this in training get no weight of their own.
MIN_COUNT = 5


@dataclass
class Evidence:
    """What the article walker knew about one candidate fact when it read it."""

    cue: str = ""  # the words that made the number a figure ("tham gia", "ty le bao phu", ...)
    table: bool = False  # a cell of a table row
    sentence: float = 0.0  # position of its sentence in the article, 0 (headline) to 1
    figures: int = 1  # figures read in the same sentence
    order: int = 0  # this figure's rank among them
    sentence_length: int = 0
    window: int = 0  # characters between the figure's own context start and the figure
    places: list[tuple[int, int]] = field(default_factory=list)  # places named in the sentence
    position: int = 0  # the figure's offset in the sentence
    dated_here: bool = False  # the sentence names a period of its own
    scheme_named: bool = False  # the figure's own words name its scheme
    default_scope: bool = True  # the place is the article's own (no other place found)
    national_article: bool = False
    provinces: int = 0  # provinces the article names anywhere
    anchor: date | None = None  # publication date (or the date the article is anchored on)


@dataclass
class Declined:
    """A candidate fact the model declined: the fact row, its probability, and the features
    that weighed most against it (name, contribution to the log-odds)."""

    fact: dict
    probability: float
    reasons: list[tuple[str, float]]

    def describe(self) -> str:
        """``declined by the fact model (p = 0.12): flag=headline, ...`` for --explain."""
        why = ", ".join(name for name, _ in self.reasons) or "no single feature"
        return f"declined by the fact model (p = {self.probability:.2f}): {why}"


@dataclass(frozen=True)
class FactModel:
    """Weights of the logistic regression over named features (absent features are 0)."""

    names: tuple[str, ...]
    weights: tuple[float, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float
    trained_on: tuple[str, ...]
    adopted: bool = False  # pooled leave-one-batch-out F1 beat the rules alone

    def logit_terms(self, x: dict[str, float]) -> dict[str, float]:
        """Each feature's contribution to the log-odds (standardised value times weight)."""
        return {name: (x.get(name, 0.0) - m) / s * w
                for name, w, m, s in zip(self.names, self.weights, self.mean, self.scale,
                                                      strict=True)}

    def probability(self, x: dict[str, float]) -> float:
        """Probability that the candidate with features `x` matches a gold fact."""
        z = sum(self.logit_terms(x).values())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=4)
def load_model(path: str | Path = MODEL_FILE) -> FactModel:
    """The shipped model (read once per process)."""
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    names = tuple(doc["features"])
    return FactModel(names=names, weights=tuple(doc["weights"][n] for n in names),
                     mean=tuple(doc["mean"][n] for n in names),
                     scale=tuple(doc["scale"][n] for n in names),
                     threshold=float(doc["threshold"]), trained_on=tuple(doc["trained_on"]),
                     adopted=bool(doc.get("adopted", False)))


def applies(rules_only: bool | None) -> bool:
    """Whether the model declines candidates: ``rules_only=True`` never, ``False`` always,
    ``None`` (the default) as the shipped weights decided (`FactModel.adopted`)."""
    return not rules_only if rules_only is not None else load_model().adopted


def features(facts: list[dict], evidence: list[Evidence]) -> list[dict[str, float]]:
    """The feature dict of each candidate of one article (same order as `facts`)."""
    values = Counter(round(abs(float(f["value"])), 6) for f in facts)
    keys = Counter(_key(f) for f in facts)
    key_values = Counter((_key(f), round(float(f["value"]), 6)) for f in facts)
    quotes = Counter(f["quote"] for f in facts)
    out = []
    for fact, ev in zip(facts, evidence, strict=True):
        value = abs(float(fact["value"]))
        x: dict[str, float] = {
            "bias": 1.0,
            f"indicator={fact['indicator']}": 1.0,
            f"scheme={fact['scheme'] or 'none'}": 1.0,
            f"qualifier={fact['qualifier']}": 1.0,
            f"cue={_cue_word(ev.cue)}": 1.0,
            f"level={_level(fact)}": 1.0,
            "target": float(bool(fact["is_target"])),
            "log_value": math.log10(1.0 + value),
            "negative": float(float(fact["value"]) < 0),
            "round_value": float(value >= 10 and value == int(value) and int(value) % 10 == 0),
            "table": float(ev.table),
            "sentence_position": ev.sentence,
            "figures_in_sentence": math.log1p(ev.figures),
            "figure_order": math.log1p(ev.order),
            "sentence_length": math.log1p(ev.sentence_length),
            "window": math.log1p(max(0, ev.window)),
            "places_in_sentence": math.log1p(len(ev.places)),
            "place_distance": _place_distance(ev),
            "place_after": float(any(b > ev.position for b, _ in ev.places)),
            "dated_here": float(ev.dated_here),
            "scheme_named": float(ev.scheme_named),
            "default_scope": float(ev.default_scope),
            "national_article": float(ev.national_article),
            "provinces_named": math.log1p(ev.provinces),
            "facts_in_article": math.log1p(len(facts)),
            "facts_in_sentence": math.log1p(quotes[fact["quote"]]),
            "same_value_elsewhere": math.log1p(values[round(value, 6)] - 1),
            "same_key_other_value": math.log1p(keys[_key(fact)]
                                               - key_values[(_key(fact),
                                                             round(float(fact["value"]), 6))]),
            "has_start": float(bool(fact["period_start"])),
            "has_end": float(bool(fact["period_end"])),
        }
        x.update(_period_features(fact, ev.anchor))
        for flag in filter(None, str(fact["flags"]).split(";")):
            x[f"flag={flag}"] = 1.0
        out.append(x)
    return out


def decline(facts: list[dict], evidence: list[Evidence], declined: list[Declined],
            log: list[tuple[str, str]], model: FactModel | None = None) -> None:
    """Remove from `facts` (in place, with `evidence`) the candidates the model scores under
    its threshold; add them to `declined`, count them in `log`, renumber the fact ids."""
    if not facts:
        return
    model = model or load_model()
    keep_facts, keep_evidence = [], []
    for fact, ev, x in zip(facts, evidence, features(facts, evidence), strict=True):
        p = model.probability(x)
        if p >= model.threshold:
            keep_facts.append(fact)
            keep_evidence.append(ev)
            continue
        terms = sorted(model.logit_terms(x).items(), key=lambda t: t[1])
        declined.append(Declined(fact, p, [(n, round(v, 2)) for n, v in terms[:3] if v < 0]))
    if len(keep_facts) == len(facts):
        return
    gone = len(facts) - len(keep_facts)
    log.append(("info", f"{gone} candidate fact(s) declined by the fact model (p < "
                f"{model.threshold:.2f}); `bhxh extract --explain` shows why"))
    prefix = facts[0]["fact_id"].rsplit("-", 1)[0]
    facts[:] = keep_facts
    evidence[:] = keep_evidence
    for n, fact in enumerate(facts, 1):
        fact["fact_id"] = f"{prefix}-{n:03d}"


def fit(rows: list[dict[str, float]], labels: list[int], *, penalty: float = 1.0,
        min_count: int = MIN_COUNT) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """L2-penalised logistic regression by Newton steps (deterministic, no sampling).

    Returns the feature names, weights, means and scales (weights apply to standardised
    features; the bias is not penalised and not standardised).
    """
    counts: Counter[str] = Counter(n for x in rows for n, v in x.items() if v)
    names = sorted(n for n, c in counts.items()
                   if "=" not in n or c >= min_count) if rows else ["bias"]
    names = ["bias", *(n for n in names if n != "bias")]
    matrix = np.array([[x.get(n, 0.0) for n in names] for x in rows], dtype=float)
    y = np.asarray(labels, dtype=float)
    mean = matrix.mean(axis=0)
    scale = matrix.std(axis=0)
    mean[0], scale[0] = 0.0, 1.0
    scale[scale < 1e-9] = 1.0
    z = (matrix - mean) / scale
    ridge = np.full(len(names), penalty)
    ridge[0] = 1e-6
    w = np.zeros(len(names))
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -30, 30)))
        gradient = z.T @ (p - y) + ridge * w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(ridge)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return names, w, mean, scale


def to_json(names: list[str], w: np.ndarray, mean: np.ndarray, scale: np.ndarray,
            threshold: float, trained_on: list[str], extra: dict | None = None) -> str:
    """The weights file's text (rounded so that retraining reproduces it byte for byte)."""
    doc = {
        "model": "logistic regression over the rules' candidate facts (helpers.extract."
                 "fact_model); weights apply to (x - mean) / scale",
        "trained_on": trained_on,
        "threshold": round(threshold, 4),
        **(extra or {}),
        "features": names,
        "weights": {n: round(float(v), 6) for n, v in zip(names, w, strict=True)},
        "mean": {n: round(float(v), 6) for n, v in zip(names, mean, strict=True)},
        "scale": {n: round(float(v), 6) for n, v in zip(names, scale, strict=True)},
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _key(fact: dict) -> tuple:
    return (fact["indicator"], fact["scheme"], fact["province"], fact["province_2025"],
            fact["district"], fact["commune"], bool(fact["is_target"]), str(fact["period_end"]))


def _cue_word(cue: str) -> str:
    words = cue.split()
    return " ".join(words[:2]) if words else "none"


def _level(fact: dict) -> str:
    if fact["commune"]:
        return "commune"
    if fact["district"]:
        return "district"
    return "province" if fact["province"] or fact["province_2025"] else "national"


def _place_distance(ev: Evidence) -> float:
    before = [e for _, e in ev.places if e <= ev.position]
    return math.log1p(ev.position - max(before)) if before else math.log1p(ev.sentence_length)


def _period_features(fact: dict, anchor: date | None) -> dict[str, float]:
    end, start = fact["period_end"], fact["period_start"]
    if not end or anchor is None:
        return {"period_known_anchor": 0.0}
    days = (anchor - end).days
    out = {"period_known_anchor": 1.0, "years_before_publication":
           math.copysign(math.log1p(abs(days) / 365.0), days),
           "period_is_publication": float(abs(days) <= 1),
           "period_after_publication": float(days < 0)}
    if start:
        out["period_length"] = math.log1p((end - start).days / 365.0)
    return out
