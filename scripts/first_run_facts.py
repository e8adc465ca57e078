"""Re-read each real batch with the extractor of its recorded first-run commit and store the
facts it predicted (tests/fixtures/extract_first_runs/<batch>.facts.csv).

The first runs are the only examples of how the rules read text they were not written for;
the reading ranker (`helpers.extract.reading_ranker`) learns from them and is judged on them
leave-one-batch-out (bench/lobo_reading_ranker.py). Commits from README_extract.md. Each
commit is checked out in a temporary git worktree and run with this checkout's virtualenv
(``PYTHONPATH=<worktree>/src python -m helpers.cli extract``). Run
``python scripts/first_run_facts.py [BATCH ...]`` from the repository root; needs git history.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "extract"
OUT = ROOT / "tests" / "fixtures" / "extract_first_runs"
# batch -> commit of its first run (tests/fixtures/README_extract.md)
COMMITS = {
    "corpus_a": "de1cb38", "corpus_b": "de1cb38",
    "real_r1": "94f02ac", "real_r2": "f329414", "real_r3": "90c99df", "real_r4": "4524d6d",
    "real_r5": "9bb531a", "real_r6": "9bb531a", "real_r7": "986cc59",
    "real_r8": "ceda211", "real_r9": "ceda211", "real_r10": "ceda211",
    "real_r11": "1460062", "real_r12": "781013c", "real_r13": "cf49b88",
    "real_r14": "76e976c", "real_r15": "76e976c", "real_r16": "ba73992", "real_r17": "ba73992",
    "real_r18": "d7c543d",
}


def articles_of(batch: str, folder: Path) -> Path:
    """The batch's articles (with sidecars); corpus_a/b are copied from data/raw/articles."""
    own = FIXTURES / batch / "articles"
    if own.is_dir():
        return own
    stems = {p.stem for p in (FIXTURES / batch / "gold").glob("*.json")}
    folder.mkdir(parents=True, exist_ok=True)
    for path in (ROOT / "data" / "raw" / "articles").iterdir():
        if path.name.split(".")[0] in stems:
            shutil.copy(path, folder / path.name)
    return folder


def main(argv: list[str]) -> int:
    batches = argv or list(COMMITS)
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        trees: dict[str, Path] = {}
        for batch in batches:
            commit = COMMITS[batch]
            if commit not in trees:
                trees[commit] = Path(tmp) / commit
                subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach",
                                str(trees[commit]), commit], check=True, capture_output=True)
            out = Path(tmp) / f"out_{batch}"
            source = articles_of(batch, Path(tmp) / f"in_{batch}")
            env = {"PYTHONPATH": str(trees[commit] / "src"), "PATH": "/usr/bin:/bin",
                   "OPENBLAS_NUM_THREADS": "1"}
            subprocess.run([sys.executable, "-m", "helpers.cli", "extract", str(source),
                            "--out", str(out)], check=True, env=env, cwd=trees[commit],
                           capture_output=True)
            shutil.copy(out / "facts.csv", OUT / f"{batch}.facts.csv")
            print(f"{batch}: first run at {commit} stored")
        for tree in trees.values():
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
