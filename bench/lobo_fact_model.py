"""Leave-one-batch-out evaluation of the fact model. For each real batch k (corpus_a,
corpus_b, real_r1..real_r7): train without k and without k's stored first run (b01–b31
always in), choose the threshold on the training batches only (out-of-batch,
`fact_training.train`), and score k: rules alone vs rules + model, on two readings of k:

- k as the rules read it today (rules already written for k's misses: in-sample for the
  rules, out-of-sample for the model);
- k's first run (tests/fixtures/extract_first_runs/, r3–r7): the candidates the rules read
  before any rule was written for k, the closest thing to a first run on fresh text.

Run ``python bench/lobo_fact_model.py``; prints two Markdown tables and the pooled rows
(README_extract.md records them). Deterministic.
"""

from __future__ import annotations

import sys

import numpy as np

from helpers import paths
from helpers.extract.fact_training import (
    FIRST_RUNS,
    TRAINING_BATCHES,
    Batch,
    is_real,
    load_all,
    prf,
    probabilities,
    scores,
    train,
    without,
)

FIXTURES = paths.ROOT / "tests" / "fixtures" / "extract"


def main() -> int:
    batches = load_all(FIXTURES)
    real = [n for n in TRAINING_BATCHES if is_real(n)]
    header = ["| held-out batch | rules alone P / R / F1 (matched/predicted/gold) | rules + model "
              "P / R / F1 (matched/predicted/gold) | threshold |", "|---|---|---|---|"]
    today, first = list(header), list(header)
    totals = {"today": np.zeros((2, 3), dtype=int), "first": np.zeros((2, 3), dtype=int)}
    for held in real:
        model = train(batches, without(held))
        readings = [("today", today, batches[held])]
        if held in FIRST_RUNS:
            readings.append(("first", first, batches[f"first_{held}"]))
        for key, table, batch in readings:
            rules, learned = _score(model, batch)
            totals[key] += np.array([rules, learned])
            table.append(f"| {held} | {_cell(rules)} | {_cell(learned)} | "
                         f"{model['threshold']:.2f} |")
    for key, table in (("today", today), ("first", first)):
        table.append(f"| **pooled** | {_cell(tuple(totals[key][0]))} | "
                     f"{_cell(tuple(totals[key][1]))} | |")
    both = totals["today"] + totals["first"]
    print("Each real batch as the rules read it today:\n" + "\n".join(today))
    print("\nFirst runs (r3–r7, the rules before any rule was written for the batch):\n"
          + "\n".join(first))
    print(f"\nBoth readings pooled: rules alone {_cell(tuple(both[0]))}; rules + model "
          f"{_cell(tuple(both[1]))}")
    return 0


def _score(model: dict, batch: Batch) -> tuple[tuple, tuple]:
    y = np.asarray(batch.labels, dtype=int)
    p = probabilities(*model["fit"], batch.rows)
    return (scores(np.ones(len(y), dtype=bool), y, batch.gold),
            scores(p >= model["threshold"], y, batch.gold))


def _cell(counts: tuple) -> str:
    p, r, f = prf(*counts)
    return f"{p:.3f} / {r:.3f} / {f:.3f} ({counts[0]}/{counts[1]}/{counts[2]})"


if __name__ == "__main__":
    sys.exit(main())
