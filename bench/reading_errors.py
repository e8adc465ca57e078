"""Error analysis for the reading ranker: every real batch (corpus_a, corpus_b, real_r1..r13)
read by the rules at its first run and today; each wrong prediction is paired with the
unmatched gold facts of the same article and value and classified by the fields that differ
(year, scheme, indicator, is_target, place); each miss by whether any prediction has its value.

Run ``python bench/reading_errors.py``; prints a Markdown table. Deterministic.
"""

from __future__ import annotations

import sys

from helpers.extract.ranker_data import FIELDS, REAL_BATCHES, classify, load_batch


def main() -> int:
    head = " | ".join(f"one wrong field: {f}" for f in FIELDS)
    print(f"| reading | wrong predictions | {head} | two+ fields | no gold of that value "
          "| misses | miss, value predicted with other fields | miss, never a candidate "
          "| matched, gold gives a day, another period_end |")
    print("|---" * (8 + len(FIELDS)) + "|")
    rows = [("first", "r12 + r13", ("real_r12", "real_r13")),
            ("first", "r1–r15, corpus_a/b", REAL_BATCHES),
            ("today", "r1–r15, corpus_a/b", REAL_BATCHES)]
    for reading, title, batches in rows:
        items = [i for b in batches for i in load_batch(b, reading)]
        e = classify(items)
        assert e.one_field is not None
        cells = " | ".join(str(e.one_field[f]) for f in FIELDS)
        print(f"| {reading} ({title}) | {e.wrong} | {cells} | {e.two_fields} | "
              f"{e.no_gold_value} | {e.misses} | {e.miss_other_field} | {e.miss_no_candidate} | "
              f"{e.other_day} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
