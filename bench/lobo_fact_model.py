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

from helpers import paths
from helpers.extract.fact_training import load_all, lobo, pooled, prf
from helpers.extract.fact_training import scores_cell as _cell

FIXTURES = paths.ROOT / "tests" / "fixtures" / "extract"


def main() -> int:
    rows = lobo(load_all(FIXTURES))
    header = ["| held-out batch | rules alone P / R / F1 (matched/predicted/gold) | rules + model "
              "P / R / F1 (matched/predicted/gold) | threshold |", "|---|---|---|---|"]
    titles = {"today": "Each real batch as the rules read it today:",
              "first": "First runs (r3–r7, the rules before any rule was written for the batch):"}
    for reading, title in titles.items():
        lines = [f"| {r.batch} | {_cell(r.rules)} | {_cell(r.model)} | {r.threshold:.2f} |"
                 for r in rows if r.reading == reading]
        rules, model = pooled(rows, reading)
        lines.append(f"| **pooled** | {_cell(rules)} | {_cell(model)} | |")
        print("\n".join([title, *header, *lines, ""]))
    rules, model = pooled(rows)
    print(f"Both readings pooled: rules alone {_cell(rules)}; rules + model {_cell(model)}; "
          f"adopted: {prf(*model)[2] > prf(*rules)[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
