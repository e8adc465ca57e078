"""Training and honest evaluation of the fact model (`helpers.extract.fact_model`) on the
gold of the fixture batches: candidates read by the rules alone, labelled by the scorer's
matching, a logistic regression, and a threshold chosen on training batches only.

Used by `scripts/train_fact_model.py` (the shipped weights), `bench/lobo_fact_model.py` (the
leave-one-batch-out table of README_extract.md) and tests/test_fact_model.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from helpers import paths
from helpers.errors import DataError
from helpers.extract.article import extract_article
from helpers.extract.evaluate import load_gold, matched
from helpers.extract.fact_model import features, fit, to_json
from helpers.extract.reading import list_articles, read_article

# The batches the shipped weights are trained on: every batch whose first run is recorded in
# tests/fixtures/README_extract.md. A new blind batch joins only after its first run.
TRAINING_BATCHES = (*(f"b{n:02d}" for n in range(1, 32)), "corpus_a", "corpus_b",
                    *(f"real_r{n}" for n in range(1, 8)))
# First runs of the real batches whose extractor commit is known (README_extract.md): the
# candidates the rules read *before* any rule was written for the batch, stored as features
# and labels in tests/fixtures/extract_first_runs/ by scripts/first_run_candidates.py. They
# are the only examples of how the rules go wrong on unseen text, so they are trained on as
# batches of their own ("first_real_r5"), and left out with their batch in leave-one-out.
FIRST_RUNS = ("real_r3", "real_r4", "real_r5", "real_r6", "real_r7")
FIRST_RUNS_DIR = paths.ROOT / "tests" / "fixtures" / "extract_first_runs"
PENALTY = 3.0  # L2 on standardised features
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.05, 0.81, 0.01))
_SYNTHETIC = re.compile(r"b\d\d$")


@dataclass
class Batch:
    """One batch's candidates: features, labels (matches a gold fact) and the gold count."""

    name: str
    rows: list[dict[str, float]]
    labels: list[int]
    gold: int


def is_real(name: str) -> bool:
    """Real reporting (corpus_a/b, real_rN), as opposed to the synthetic b01–b31."""
    return not _SYNTHETIC.match(name)


def collect(folder: str | Path) -> Batch:
    """Candidates of one batch folder (``articles/`` and ``gold/``), read by the rules alone.
    A batch without ``articles/`` (corpus_a, corpus_b) reads its articles from the shipped
    data/raw/articles, those with a gold file."""
    root = Path(folder)
    gold = load_gold(root / "gold")
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    articles = root / "articles" if (root / "articles").is_dir() else paths.ARTICLES
    for path in list_articles(articles):
        try:
            article = read_article(path)
        except DataError:
            continue
        if article.article_id not in gold:
            continue
        result = extract_article(article, rules_only=True)
        rows += features(result.facts, result.evidence)
        labels += [int(hit) for hit in matched(result.facts, gold[article.article_id])]
    return Batch(root.name, rows, labels, sum(len(g) for g in gold.values()))


def load_first_run(name: str, folder: Path = FIRST_RUNS_DIR) -> Batch:
    """The stored first-run candidates of batch `name`, as the batch ``first_<name>``."""
    doc = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    return Batch(f"first_{name}", doc["rows"], doc["labels"], doc["gold"])


def load_all(fixtures: Path) -> dict[str, Batch]:
    """Every training batch read by the current rules, and the stored first runs."""
    batches = {name: collect(fixtures / name) for name in TRAINING_BATCHES}
    batches |= {f"first_{name}": load_first_run(name) for name in FIRST_RUNS}
    return batches


def training_names() -> tuple[str, ...]:
    """The names `weights_text` trains on by default."""
    return (*TRAINING_BATCHES, *(f"first_{name}" for name in FIRST_RUNS))


def without(held: str) -> list[str]:
    """Training names with batch `held` and its first run left out."""
    return [n for n in training_names() if n not in (held, f"first_{held}")]


def probabilities(names: list[str], w: np.ndarray, mean: np.ndarray, scale: np.ndarray,
                  rows: list[dict[str, float]]) -> np.ndarray:
    """Model probabilities of `rows` (feature dicts)."""
    if not rows:
        return np.zeros(0)
    matrix = np.array([[x.get(n, 0.0) for n in names] for x in rows], dtype=float)
    return 1.0 / (1.0 + np.exp(-np.clip(((matrix - mean) / scale) @ w, -30, 30)))


def scores(kept: np.ndarray, labels: np.ndarray, gold: int) -> tuple[int, int, int]:
    """(matched, predicted, gold) of the candidates kept."""
    return int(labels[kept].sum()), int(kept.sum()), gold


def prf(matched_: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1 (1.0 where nothing was due, as `Evaluation.scores`)."""
    p = matched_ / predicted if predicted else 1.0
    r = matched_ / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def scores_cell(counts: tuple) -> str:
    """'P / R / F1 (matched/predicted/gold)', as the leave-one-batch-out tables print them.

    >>> scores_cell((3, 4, 6))
    '0.750 / 0.500 / 0.600 (3/4/6)'
    """
    p, r, f = prf(*counts)
    return f"{p:.3f} / {r:.3f} / {f:.3f} ({counts[0]}/{counts[1]}/{counts[2]})"


def train(batches: dict[str, Batch], names: list[str] | tuple[str, ...]) -> dict:
    """Fit on the batches `names`; the threshold maximises the pooled F1 of out-of-batch
    probabilities over the real batches among `names` (each scored by a fit without it,
    synthetic batches always in), so no threshold is chosen on the data it is judged on.
    Returns the fitted parts and the threshold."""
    real = [n for n in names if is_real(n)]
    pooled_p, pooled_y, gold = [], [], 0
    for held in real:
        inner = [n for n in names if n != held]
        part = fit(_rows(batches, inner), _labels(batches, inner), penalty=PENALTY)
        pooled_p.append(probabilities(*part, batches[held].rows))
        pooled_y.append(np.asarray(batches[held].labels, dtype=int))
        gold += batches[held].gold
    p = np.concatenate(pooled_p) if pooled_p else np.zeros(0)
    y = np.concatenate(pooled_y) if pooled_y else np.zeros(0, dtype=int)
    best = max(THRESHOLDS, key=lambda t: (round(prf(*scores(p >= t, y, gold))[2], 9), -t))
    fitted = fit(_rows(batches, names), _labels(batches, names), penalty=PENALTY)
    return {"fit": fitted, "threshold": best}


@dataclass
class Held:
    """One leave-one-batch-out score: batch, reading ("today" or "first"), threshold, and
    (matched, predicted, gold) for the rules alone and for rules + model."""

    batch: str
    reading: str
    threshold: float
    rules: tuple[int, int, int]
    model: tuple[int, int, int]


def lobo(batches: dict[str, Batch]) -> list[Held]:
    """Leave-one-batch-out over the real batches: train without batch k and its first run
    (threshold chosen on the training batches only), score k as the rules read it today and,
    where stored, k's first run."""
    out = []
    for held in (n for n in TRAINING_BATCHES if is_real(n)):
        model = train(batches, without(held))
        readings = [("today", batches[held])]
        if f"first_{held}" in batches:
            readings.append(("first", batches[f"first_{held}"]))
        for reading, batch in readings:
            y = np.asarray(batch.labels, dtype=int)
            names, w, mean, scale = model["fit"]
            p = probabilities(names, w, mean, scale, batch.rows)
            out.append(Held(held, reading, model["threshold"],
                            scores(np.ones(len(y), dtype=bool), y, batch.gold),
                            scores(p >= model["threshold"], y, batch.gold)))
    return out


def pooled(rows: list[Held], reading: str | None = None) -> tuple[tuple, tuple]:
    """Summed (matched, predicted, gold) of rules alone and of rules + model."""
    chosen = [r for r in rows if reading is None or r.reading == reading]
    rules = tuple(int(sum(r.rules[i] for r in chosen)) for i in range(3))
    model = tuple(int(sum(r.model[i] for r in chosen)) for i in range(3))
    return rules, model


def weights_text(batches: dict[str, Batch]) -> str:
    """The text of the shipped weights file, trained on `training_names()`. It records the
    pooled leave-one-batch-out scores and whether the model is adopted: only when its pooled
    F1 (both readings) beats the rules alone; otherwise the extractor does not apply it unless
    asked (`rules_only=False`)."""
    names = training_names()
    model = train(batches, names)
    feature_names, w, mean, scale = model["fit"]
    rules, learned = pooled(lobo(batches))
    adopted = prf(*learned)[2] > prf(*rules)[2]
    return to_json(feature_names, w, mean, scale, model["threshold"], list(names),
                   {"adopted": adopted, "lobo_pooled": {"rules": list(rules),
                                                        "rules_and_model": list(learned)},
                    "penalty": PENALTY, "candidates": sum(len(batches[n].rows) for n in names)})


def _rows(batches: dict[str, Batch], names: list[str] | tuple[str, ...]) -> list[dict]:
    return [x for n in names for x in batches[n].rows]


def _labels(batches: dict[str, Batch], names: list[str] | tuple[str, ...]) -> list[int]:
    return [y for n in names for y in batches[n].labels]
