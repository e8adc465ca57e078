"""Rebuild the fact model's weights (src/helpers/extract/fact_model.json) from the gold of the
fixture batches named in `helpers.extract.fact_training.TRAINING_BATCHES`.

Run ``python scripts/train_fact_model.py`` (``--check`` compares with the shipped file instead
of writing it). Deterministic: Newton steps from zero weights, no sampling, rounded output, so
retraining reproduces the shipped file (tests/test_fact_model.py checks it). A new blind batch
is added to TRAINING_BATCHES only after its first run is recorded in README_extract.md.
"""

from __future__ import annotations

import argparse
import sys

from helpers import paths
from helpers.extract.fact_model import MODEL_FILE
from helpers.extract.fact_training import load_all, weights_text

FIXTURES = paths.ROOT / "tests" / "fixtures" / "extract"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if retraining does not reproduce the shipped weights")
    args = parser.parse_args(argv)
    batches = load_all(FIXTURES)
    text = weights_text(batches)
    if args.check:
        same = text == MODEL_FILE.read_text(encoding="utf-8")
        print("shipped weights reproduced" if same else "shipped weights differ from a retrain")
        return 0 if same else 1
    MODEL_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL_FILE} ({sum(len(b.rows) for b in batches.values())} candidates, "
          f"{len(batches)} batches)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
