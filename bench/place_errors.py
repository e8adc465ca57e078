"""Place errors of the extractor on the real batches: every unmatched prediction paired with an
unmatched gold fact of the same article that agrees on every field but the place.

    .venv/bin/python bench/place_errors.py                      # this tree, every real batch
    .venv/bin/python bench/place_errors.py --commit ceda211 real_r8 real_r9 real_r10
                                                                # an old extractor (first runs)

For each batch the extractor reads ``tests/fixtures/extract/<batch>/articles`` (corpus_a and
corpus_b: their shipped copies in data/raw/articles) and is scored with `helpers.extract.
evaluate` (the rules of ``bhxh extract --evaluate``). ``--commit`` runs the extractor of an old
commit (``git archive`` of its ``src`` on ``PYTHONPATH``, as its first run did) and scores it
with this tree's rules. Prints the pairs, counts by kind of place error, and the scores per
batch and pooled; ``--json PATH`` also writes them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from helpers.extract.evaluate import (  # noqa: E402
    PLACE_KEYS,
    _place,
    gold_matches,
    load_gold,
    matched,
    same_but_place,
)

FIXTURES = ROOT / "tests" / "fixtures" / "extract"
SHIPPED = ROOT / "data" / "raw" / "articles"
REAL = [f"real_r{i}" for i in range(1, 12)] + ["corpus_a", "corpus_b"]
DUMP = """
import sys
from helpers.extract import extract_articles
extract_articles(sys.argv[1]).facts.to_csv(sys.argv[2], index=False)
"""


def articles_of(batch: str, scratch: Path) -> Path:
    """The articles folder of a batch; corpus_a/b are assembled from their shipped copies."""
    own = FIXTURES / batch / "articles"
    if own.is_dir():
        return own
    folder = scratch / f"{batch}-articles"
    folder.mkdir(exist_ok=True)
    for gold in (FIXTURES / batch / "gold").glob("*.json"):
        for path in SHIPPED.glob(f"{gold.stem}.*"):
            (folder / path.name).write_bytes(path.read_bytes())
    return folder


def facts_of(folder: Path, src: Path | None, scratch: Path) -> pd.DataFrame:
    """The extractor's facts for a folder: this tree's, or an old `src` run in a subprocess."""
    if src is None:
        from helpers.extract import extract_articles
        return extract_articles(folder).facts
    out = scratch / f"{folder.parent.name}-{folder.name}.csv"
    env = {**os.environ, "PYTHONPATH": str(src), "BHXH_ROOT": str(src.parent)}
    subprocess.run([sys.executable, "-c", DUMP, str(folder), str(out)], check=True, env=env,
                   cwd=scratch)
    facts = pd.read_csv(out, dtype=str, keep_default_na=False)
    facts["is_target"] = facts["is_target"].str.lower().isin(["true", "1"])
    return facts


def kind(p: dict, g: dict) -> str:
    """What the place error is, by the fields that differ."""
    province = "province_2025" if g.get("geography") == "2025" else "province"
    got = [_place(p.get(province if k == "province" else k)) for k in PLACE_KEYS]
    want = [_place(g.get(k)) for k in PLACE_KEYS]
    if not got[0] and want[0]:
        return "national, gold a place"
    if got[0] and not want[0]:
        return "a place, gold national"
    if got[0] != want[0]:
        return "another province"
    if got[1] != want[1]:
        if not got[1]:
            return "the province, gold a commune" if want[2] else "the province, gold a district"
        if not want[1]:
            return "a district or commune, gold the province" if not want[2] \
                else "a district, gold a commune"
        return "another district"
    if not got[2]:
        return "province or district, gold a commune"
    if not want[2]:
        return "a commune, gold its district or province"
    return "another commune"


def _where(fact: dict, province: str) -> str:
    parts = [str(fact.get(province) or ""), str(fact.get("district") or ""),
             str(fact.get("commune") or "")]
    return " / ".join(parts).strip(" /") or "(national)"


def analyse(batch: str, facts: pd.DataFrame) -> dict:
    """Scores and place pairs of one batch."""
    gold = load_gold(FIXTURES / batch / "gold")
    tp = fp = fn = 0
    pairs = []
    for article_id, expected in gold.items():
        predicted = facts[facts["article_id"] == article_id].to_dict("records")
        hits = gold_matches(predicted, expected)
        used = matched(predicted, expected)
        tp += sum(h is not None for h in hits)
        fn += sum(h is None for h in hits)
        fp += used.count(False)
        spare = [i for i, u in enumerate(used) if not u]
        for g, hit in zip(expected, hits, strict=True):
            if hit is not None:
                continue
            i = next((i for i in spare if same_but_place(predicted[i], g)), None)
            if i is None:
                continue
            spare.remove(i)
            p = predicted[i]
            province = "province_2025" if g.get("geography") == "2025" else "province"
            pairs.append({"batch": batch, "article": article_id, "kind": kind(p, g),
                          "indicator": g["indicator"], "value": g["value"],
                          "predicted": _where(p, province), "gold": _where(g, "province"),
                          "sentence": str(p.get("quote") or "")})
    return {"batch": batch, "tp": tp, "fp": fp, "fn": fn, "pairs": pairs}


def _score(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return f"P {p:.3f} R {r:.3f} ({tp} / {tp + fp} / {tp + fn})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batches", nargs="*", default=REAL)
    parser.add_argument("--commit", help="run the extractor of this commit (git archive of src)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--quiet", action="store_true", help="counts and scores only")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        src = None
        if args.commit:
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.commit, "src",
                                      "data/raw/reference"],
                                     check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
            src = scratch / "src"
        for batch in args.batches:
            results.append(analyse(batch, facts_of(articles_of(batch, scratch), src, scratch)))
    pairs = [p for r in results for p in r["pairs"]]
    if not args.quiet:
        for p in pairs:
            print(f"{p['article']}: {p['indicator']} {p['value']}: predicted {p['predicted']}, "
                  f"gold {p['gold']} [{p['kind']}]\n    {p['sentence'][:220]}")
    print(f"\nplace errors (same figure, wrong place): {len(pairs)}")
    for name, n in Counter(p["kind"] for p in pairs).most_common():
        print(f"  {n:3d}  {name}")
    print("\nscores (this tree's scorer):")
    for r in results:
        print(f"  {r['batch']:<9} {_score(r['tp'], r['fp'], r['fn'])}  "
              f"place errors {len(r['pairs'])}")
    real = [r for r in results if r["batch"].startswith("real_")]
    if real:
        pooled = (sum(r[k] for r in real) for k in ("tp", "fp", "fn"))
        print(f"  pooled real batches: {_score(*pooled)}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
