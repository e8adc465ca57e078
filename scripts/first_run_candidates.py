"""Store the first-run candidates of the real batches (tests/fixtures/extract_first_runs/): the
facts the extractor read on each batch at the commit of its recorded first run
(README_extract.md), before any rule was written for it, as fact-model features and labels.

Run ``python scripts/first_run_candidates.py`` from a clone with the project's history. For
each batch: ``git archive`` of its first-run commit into a temporary folder, the fact-model
hook (`scripts/fact_model_hook.diff`: the walker records its evidence; rejected hunks other
than that are harmless) and this tree's fact_model.py, fact_training.py and evaluate.py laid
over it, then the candidates read with the rules alone and labelled by the scorer's
matching. Rerun after changing the features (`helpers.extract.fact_model.features`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "extract_first_runs"
# batch -> commit of its recorded first run (README_extract.md). r1 (94f02ac) and r2
# (f329414) predate the walker's structure the hook patches.
FIRST_RUN_COMMITS = {"real_r3": "90c99df", "real_r4": "4524d6d", "real_r5": "9bb531a",
                     "real_r6": "9bb531a", "real_r7": "986cc59"}
DUMP = """
import json, sys
from pathlib import Path
from helpers.extract.fact_training import collect
b = collect(Path(sys.argv[1]))
doc = {"batch": b.name, "extractor_commit": sys.argv[3], "gold": b.gold, "labels": b.labels,
       "rows": [{k: round(v, 6) for k, v in r.items()} for r in b.rows]}
Path(sys.argv[2]).write_text(json.dumps(doc, ensure_ascii=False, sort_keys=True) + "\\n")
print(b.name, len(b.rows), sum(b.labels), b.gold)
"""


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for batch, commit in FIRST_RUN_COMMITS.items():
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp)
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit],
                                     check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
            subprocess.run(["patch", "-p1", "-s", "-i", str(ROOT / "scripts" /
                                                            "fact_model_hook.diff")],
                           cwd=tree, capture_output=True)
            for name in ("fact_model.py", "fact_model.json", "fact_training.py", "evaluate.py"):
                shutil.copy(ROOT / "src" / "helpers" / "extract" / name,
                            tree / "src" / "helpers" / "extract" / name)
            env = {**os.environ, "PYTHONPATH": str(tree / "src")}
            subprocess.run([sys.executable, "-c", DUMP,
                            str(ROOT / "tests" / "fixtures" / "extract" / batch),
                            str(OUT / f"{batch}.json"), commit], check=True, env=env, cwd=tree)
    return 0


if __name__ == "__main__":
    sys.exit(main())
