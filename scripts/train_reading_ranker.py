"""Rebuild the reading ranker's weights (src/helpers/extract/reading_ranker.json) from the
gold of b01–b31 (today's reading), corpus_a, corpus_b and real_r1..real_r15 (their first runs,
tests/fixtures/extract_first_runs/, and today's reading).

Run ``python scripts/train_reading_ranker.py`` (``--check`` compares with the shipped file
instead of writing it). Deterministic: Newton steps from zero weights, no sampling, rounded
output, so retraining reproduces the shipped file. The margins and the recorded
leave-one-batch-out counts ("adopted") need the whole leave-one-out (several minutes);
tests/test_reading_ranker.py checks the weights against a refit with the shipped margins.
A new blind batch joins `ranker_data.REAL_BATCHES` only after its first run is recorded.
"""

from __future__ import annotations

import argparse
import sys

from helpers.extract.ranker_training import load_all, weights_text
from helpers.extract.reading_ranker import MODEL_FILE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if retraining does not reproduce the shipped weights")
    args = parser.parse_args(argv)
    text = weights_text(load_all())
    if args.check:
        same = text == MODEL_FILE.read_text(encoding="utf-8")
        print("shipped weights reproduced" if same else "shipped weights differ from a retrain")
        return 0 if same else 1
    MODEL_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
