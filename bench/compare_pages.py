"""Are two batches' pages the same? Compares every ``.html`` (and ``.ipynb``) of two report
folders byte for byte, after blanking what differs between any two runs: the random id
papermill gives the injected parameters cell, the index's run times and durations, the cells'
execution timestamps in the notebooks, the folder the reports folder is in.

    .venv/bin/python bench/compare_pages.py REPORTS_A REPORTS_B [--ipynb]

Prints one line per page that differs (with the first differing line) and a count; exit 1 when
any page differs.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

#: What differs between two runs of the same code on the same data.
VOLATILE = [
    (re.compile(r'"id": "[0-9a-f-]{8,}"'), '"id": "-"'),
    (re.compile(r'id="cell-id=[0-9a-f-]+"'), 'id="cell-id=-"'),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?"), "TIME"),
    (re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?( UTC)?"), "TIME"),
    (re.compile(r"\b(in|trong) \d+(\.\d+)? s\b"), r"\1 N s"),
    (re.compile(r'"duration": [0-9.e+-]+'), '"duration": N'),
]


def normalized(path: Path, root: Path) -> list[str]:
    """The page's lines with what differs between runs blanked and ``root`` (the folder the
    reports folder is in, which the notebooks name) written ROOT."""
    text = path.read_text(encoding="utf-8").replace(str(root.resolve()), "ROOT")
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return text.splitlines()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--ipynb", action="store_true", help="compare the notebooks too")
    args = parser.parse_args()
    patterns = ["*.html", *(["*.ipynb"] if args.ipynb else [])]
    names = sorted({p.relative_to(args.a) for pattern in patterns for p in args.a.rglob(pattern)}
                   | {p.relative_to(args.b) for pattern in patterns for p in args.b.rglob(pattern)})
    differ = 0
    for name in names:
        a, b = args.a / name, args.b / name
        if not (a.is_file() and b.is_file()):
            print(f"{name}: only in {'A' if a.is_file() else 'B'}")
            differ += 1
            continue
        la, lb = normalized(a, args.a.parent), normalized(b, args.b.parent)
        if la != lb:
            differ += 1
            line = next((i for i, (x, y) in enumerate(zip(la, lb, strict=False)) if x != y),
                        min(len(la), len(lb)))
            show = (la[line][:160] if line < len(la) else "<end>",
                    lb[line][:160] if line < len(lb) else "<end>")
            print(f"{name}: differs at line {line + 1}:\n  A {show[0]}\n  B {show[1]}")
    print(f"{len(names)} pages compared, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
