"""Leave-one-batch-out evaluation of the reading ranker. For each real batch k (corpus_a,
corpus_b, real_r1..real_r15): train without k (both its readings; b01–b31 always in), choose
each field's margin on the training batches only (`ranker_training.train`), and score k:
rules alone vs rules + ranker, on two readings of k:

- k's first run (tests/fixtures/extract_first_runs/, re-read at the recorded first-run
  commits): the rules before any rule was written for k, the closest thing to a fresh batch;
- k as the rules read it today (rules already written for k's misses).

Run ``python bench/lobo_reading_ranker.py``; prints two Markdown tables, the pooled rows and
whether the ranker is adopted (pooled F1 higher and precision not lower, both readings
pooled). Deterministic; several minutes.
"""

from __future__ import annotations

import sys

from helpers.extract.fact_training import scores_cell as _cell
from helpers.extract.ranker_training import adopted, load_all, lobo, pooled
from helpers.extract.reading_ranker import FIELDS


def main() -> int:
    rows = lobo(load_all())
    header = ["| held-out batch | rules alone P / R / F1 (matched/predicted/gold) | rules + "
              "ranker P / R / F1 (matched/predicted/gold) | margins " + " / ".join(FIELDS)
              + " |", "|---|---|---|---|"]
    titles = {"first": "First runs (the rules before any rule was written for the batch):",
              "today": "Each real batch as the rules read it today:"}
    for reading, title in titles.items():
        lines = [f"| {r.batch} | {_cell(r.rules)} | {_cell(r.ranker)} | "
                 + " / ".join(f"{r.margins[n]:.2f}" for n in FIELDS) + " |"
                 for r in rows if r.reading == reading]
        rules, ranker = pooled(rows, reading)
        lines.append(f"| **pooled** | {_cell(rules)} | {_cell(ranker)} | |")
        print("\n".join([title, *header, *lines, ""]))
    rules, ranker = pooled(rows)
    print(f"Both readings pooled: rules alone {_cell(rules)}; rules + ranker {_cell(ranker)}; "
          f"adopted: {adopted(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
