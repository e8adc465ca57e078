"""Dump, or compare, every section of `run_analysis(draw=True)` for a set of demo provinces in
both languages: the proof that a speed change to the in-process floor moved no statistic.

    .venv/bin/python bench/floor_compare.py dump DEMO OUT.pkl [--provinces N | --every]
    .venv/bin/python bench/floor_compare.py compare A.pkl B.pkl

``dump`` records, per province, language and section: title, text, status, the table (values
as printed and to full precision), fact ids, the sources HTML and the figure's SVG bytes.
``compare`` prints every difference and a count; sections whose only difference is the SVG are
listed separately (presentation: check them by rendering). Run ``dump`` with the code to
compare on ``PYTHONPATH`` (e.g. a ``git archive`` of main's ``src``). ``--every``: every
province with data in the folder instead of the 12 demo names (e.g. the shipped
``data/processed``, whose provinces have press figures only).
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

#: The 12 demo provinces compared by default: north, centre, south, big and small panels.
PROVINCES = ("An Giang", "Bắc Giang", "Bến Tre", "Bình Định", "Cà Mau", "Hà Nội", "Kon Tum",
             "Lào Cai", "Thanh Hóa", "Hồ Chí Minh", "Đà Nẵng", "Sơn La")


def _table(table) -> object:
    if table is None:
        return None
    return (list(map(str, table.columns)), table.to_csv(index=True),
            table.to_json(orient="split", double_precision=15, default_handler=str))


def dump(data_dir: Path, out: Path, count: int, every: bool = False) -> None:
    import helpers
    from helpers.report import run_analysis, validate_parameters
    from helpers.report.data import provinces_with_data

    print(f"helpers from {Path(helpers.__file__).parent}", file=sys.stderr)
    record = {}
    names = provinces_with_data(data_dir) if every else PROVINCES[:count]
    for name in names:
        for lang in ("vi", "en"):
            params = validate_parameters(name, data_dir=data_dir, output_dir=data_dir / "x",
                                         lang=lang)
            for key, section in run_analysis(params, draw=True).items():
                figure = section.figure
                record[(name, lang, key)] = {
                    "title": section.title, "text": section.text, "status": section.status,
                    "table": _table(section.table), "fact_ids": list(section.fact_ids),
                    "html": section.html,
                    "svg": figure if isinstance(figure, bytes | str) else repr(type(figure)),
                }
    out.write_bytes(pickle.dumps(record))
    print(f"{len(record)} sections written to {out}")


def compare(left: Path, right: Path) -> int:
    a, b = pickle.loads(left.read_bytes()), pickle.loads(right.read_bytes())
    if a.keys() != b.keys():
        print("different sections:", sorted(set(a) ^ set(b)))
        return 1
    moved, svg_only = [], []
    for key in a:
        fields = [f for f in a[key] if a[key][f] != b[key][f]]
        if fields == ["svg"]:
            svg_only.append(key)
        elif fields:
            moved.append((key, fields))
    for key, fields in moved:
        print("DIFFERENT", key, fields)
    for key in svg_only:
        print("svg bytes only", key)
    print(f"{len(a)} sections: {len(a) - len(moved) - len(svg_only)} identical, "
          f"{len(svg_only)} differ in SVG bytes only, {len(moved)} differ otherwise")
    return 1 if moved else 0


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        count = int(sys.argv[sys.argv.index("--provinces") + 1]) if "--provinces" in sys.argv \
            else len(PROVINCES)
        dump(Path(sys.argv[2]), Path(sys.argv[3]), count, every="--every" in sys.argv)
    else:
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
