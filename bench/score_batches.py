"""Score every extractor batch at once: the seeds, b01-b31, corpus_a/b and real_r1-r18, per
batch and pooled (matched / predicted / gold, P, R, period right), with each batch's facts and
its wrong predictions written to a folder to compare two versions fact for fact.

Run ``python bench/score_batches.py OUT [BATCH ...]`` from the repository root. The counts are
`helpers.extract.evaluate`'s, which agree with ``tests/fixtures/score_facts.py``; corpus_a/b's
articles are taken from data/raw/articles as the tests take them.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from helpers import paths
from helpers.extract import extract_articles
from helpers.extract.evaluate import evaluate, load_gold, matched

FIXTURES = paths.ROOT / "tests" / "fixtures"
POOLS = {"r1-r17": lambda b: b.startswith("real_r") and b != "real_r18",
         "r18": lambda b: b == "real_r18", "r1-r18": lambda b: b.startswith("real_r"),
         "synthetic": lambda b: b == "seeds" or b.startswith("b"),
         "corpus": lambda b: b.startswith("corpus")}


def batches(tmp: Path) -> list[tuple[str, Path, Path]]:
    """(name, articles folder, gold folder) of every batch, in reading order."""
    found = [("seeds", paths.ARTICLES, FIXTURES / "gold")]
    for root in sorted(p for p in (FIXTURES / "extract").iterdir() if (p / "gold").is_dir()):
        articles = root / "articles"
        if not articles.is_dir():  # corpus_a/b ship their articles in data/raw/articles
            articles = tmp / root.name
            articles.mkdir()
            for gold in sorted((root / "gold").glob("*.json")):
                for file in paths.ARTICLES.glob(f"{gold.stem}.*"):
                    shutil.copy2(file, articles / file.name)
        found.append((root.name, articles, root / "gold"))

    def order(item: tuple[str, Path, Path]) -> tuple[int, int, str]:
        name = item[0]
        kind = 0 if name == "seeds" else 1 if name[0] == "b" else 2 if name[0] == "c" else 3
        return kind, int(name.split("_r")[1]) if name.startswith("real_r") else 0, name
    return sorted(found, key=order)


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    pooled = {name: [0, 0, 0] for name in POOLS}
    with tempfile.TemporaryDirectory() as tmp:
        for name, articles, gold_dir in batches(Path(tmp)):
            if argv[1:] and name not in argv[1:]:
                continue
            facts = extract_articles(articles).facts
            gold = load_gold(gold_dir)
            scores = evaluate(facts, gold)
            tp, fp, fn = scores.total
            counts = (tp, tp + fp, tp + fn)
            facts.to_csv(out / f"{name}.facts.csv", index=False)
            with (out / f"{name}.wrong.tsv").open("w", encoding="utf-8") as wrong:
                for article_id, expected in gold.items():
                    rows = facts[facts["article_id"] == article_id].to_dict("records")
                    for fact, hit in zip(rows, matched(rows, expected), strict=True):
                        if not hit:
                            wrong.write("\t".join(str(fact[k]) for k in (
                                "article_id", "indicator", "is_target", "scheme", "value",
                                "province", "district", "commune", "period_end", "quote")) + "\n")
            for pool, member in POOLS.items():
                if member(name):
                    pooled[pool] = [a + b for a, b in zip(pooled[pool], counts, strict=True)]
            print(f"{name:10s} {counts[0]:5d} / {counts[1]:5d} / {counts[2]:5d}  "
                  f"P {tp / counts[1] if counts[1] else 1:.3f} "
                  f"R {tp / counts[2] if counts[2] else 1:.3f}  period {scores.period_ok}")
    for pool, (m, p, g) in pooled.items():
        if p:
            print(f"pooled {pool:10s} {m} / {p} / {g}  P {m / p:.3f} R {m / g:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
