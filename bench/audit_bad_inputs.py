"""Feed the reliability audit's bad inputs through the ``bhxh`` commands, as a hostile new user
would, and classify what each one shows.

Usage::

    python3 ../shared/bad-inputs/make_bad_inputs.py ../shared/seeds /tmp/bad
    .venv/bin/python bench/audit_bad_inputs.py /tmp/bad [--no-reports] [--json audit.json]

Every article of ``CORPUS/articles`` goes through ``extract`` and ``process`` (beside a good
article, which must survive it) and ``extract --explain``; every panel of ``CORPUS/panels``, as
written and converted to ``.xlsx`` and ``.parquet``, through ``validate`` and ``process`` (into a
folder holding a previous good build, which a failure must leave as it was), and, when it
builds, ``report``. Beyond the corpus come the cases the issue lists: variants of the good
panel (months 1850/2999, counts beyond int64, inf, ...), junk files beside an export, two
sidecars sharing an ``article_id`` and misused options. Each run is classified:

- ``handled``: exit 0 with the right result (checked), or the problem flagged in the log;
- ``clear``: refused (exit != 0) in one or two stderr lines naming the file (and the row and
  column when one cell is at fault), no traceback;
- ``unclear``: refused, but more than two lines, not naming what it should, or a valid input;
- ``traceback``: a Python traceback reached the user;
- ``silent``: exit 0 with a wrong result and nothing flagged.

Commands run in this process (``helpers.cli.main``), each in its own scratch folders.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw" / "articles"
NEIGHBOUR = "000_33a5dcccc3fd5974"  # a good article every bad one is processed beside
REFERENCE = "001_4e6756726f80992d"  # the article b01-b03 and b10 are made from
PROVINCE = "Bắc Giang"


Check = Callable[[Path, int, str], bool]


@dataclass
class Case:
    """One input through one command.

    ``expect`` is "valid" (must be read right: a refusal is unclear), "defect" (must be refused
    or flagged) or "either"; ``names`` must all appear in a refusal; ``check(scratch, exit code,
    output)`` says whether the result is right (exit 0) or the refusal left things as they were;
    ``output`` is what the user saw (stdout and stderr) and the extraction log, if any.
    """

    name: str
    argv: Callable[[Path], list]
    expect: str
    check: Check
    names: tuple[str, ...] = ()
    outcome: str = ""
    code: int = 0
    stderr: str = ""


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    from helpers.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        except BaseException:  # noqa: BLE001  (what the user would see: a traceback)
            traceback.print_exc()
            code = 1
    return code, out.getvalue(), err.getvalue()


def classify(case: Case, scratch: Path) -> None:
    """Run ``case`` in ``scratch`` and set its outcome (see the module docstring)."""
    case.code, out, case.stderr = run_cli([str(a) for a in case.argv(scratch)])
    err = case.stderr
    log = scratch / "out" / "extraction_log.csv"
    seen = out + err + (log.read_text(encoding="utf-8") if log.is_file() else "")
    if "Traceback (most recent call last)" in err:
        case.outcome = "traceback"
    elif case.code != 0:
        lines = [line for line in err.strip().splitlines() if line.strip()]
        named = all(n.lower() in err.lower() for n in case.names)
        ok = case.expect != "valid" and 1 <= len(lines) <= 2 and named
        case.outcome = "clear" if ok and case.check(scratch, case.code, seen) else "unclear"
    else:
        case.outcome = "handled" if case.check(scratch, case.code, seen) else "silent"


# -- articles ----------------------------------------------------------------------------------

def facts_of(folder: Path, article: str) -> list[tuple]:
    path = folder / "facts.csv"
    if not path.is_file():
        return []
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    mine = frame[frame["article_id"] == article]
    return sorted(mine[["province", "scheme", "indicator", "value"]].itertuples(index=False))


def article_folder(scratch: Path, source: Path) -> Path:
    folder = scratch / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, folder / source.name)
    shutil.copy(SEEDS / f"{NEIGHBOUR}.txt", folder)
    return folder


def article_cases(corpus: Path, reference: list[tuple], neighbour: list[tuple]) -> list[Case]:
    # name -> ("valid": facts equal to the reference's | "none": no facts | "flag": named)
    expect = {"b01": "valid", "b02": "valid", "b03": "valid", "b04": "flag", "b05": "flag",
              "b06": "markup", "b07": "flag", "b08": "none", "b09": "none", "b10": "flag"}
    cases = []
    for path in sorted((corpus / "articles").iterdir()):
        rule, article = expect[path.name[:3]], path.stem

        def check(scratch: Path, code: int, err: str, rule=rule, article=article,
                  file=path.name) -> bool:
            out = scratch / "out"
            if code != 0:
                return True  # refused outright: judged on its message
            if facts_of(out, NEIGHBOUR) != neighbour:
                return False  # the good article next to it was lost or changed
            mine = facts_of(out, article)
            flagged = file in err
            if rule == "valid":
                return mine == reference or flagged
            if rule == "none":
                return not mine
            if rule == "markup":
                text = (out / "facts.csv").read_text(encoding="utf-8")
                return "<script" not in text and "onerror" not in text and bool(mine)
            return flagged

        for command in ("extract", "process"):
            if command == "extract":
                def argv(s: Path, p=path) -> list:
                    return ["extract", article_folder(s, p), "--out", s / "out"]
            else:
                def argv(s: Path, p=path) -> list:
                    (s / "official").mkdir(parents=True, exist_ok=True)
                    return ["process", "--articles", article_folder(s, p), "--official",
                            s / "official", "--out", s / "out"]
            cases.append(Case(f"{path.name} | {command}", argv, "either", check, (path.name,)))
        cases.append(Case(f"{path.name} | extract --explain",
                          lambda s, p=path: ["extract", "--explain", p], "either",
                          lambda s, c, e: True, (path.name,)))
    return cases


# -- panels ------------------------------------------------------------------------------------

def read_rows(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def typed(value: str) -> object:
    try:
        return int(value)
    except ValueError:
        return value


def convert(rows: list[list[str]], target: Path) -> Path | None:
    """``rows`` written as ``target`` (.xlsx: one sheet; .parquet: a column is int64 when every
    cell is a whole number, else text)."""
    if target.suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        for row in rows:
            book.active.append([typed(v) for v in row])
        book.save(target)
        return target
    if not rows or any(len(r) != len(rows[0]) for r in rows):
        return None  # no table to type: a Parquet exporter could not have written it
    frame = pd.DataFrame(rows[1:], columns=rows[0])
    for column in frame:
        ints = pd.to_numeric(frame[column], errors="coerce")
        if ints.notna().all() and (ints % 1 == 0).all():
            frame[column] = ints.astype("int64")
    frame.to_parquet(target, index=False)
    return target


#: Panel case -> (expect, what a refusal must name besides the file).
PANEL_EXPECT: dict[str, tuple[str, tuple[str, ...]]] = {
    "p01_ok": ("valid", ()), "p02_missing_column": ("defect", ("new_participants",)),
    "p03_negative": ("defect", ("row 7", "new_participants")),
    "p04_duplicate_month": ("defect", ("rows",)), "p05_bad_month": ("defect", ("row 13", "month")),
    "p06_unknown_province": ("defect", ("province", "Atlantis")),
    "p07_traversal_name": ("defect", ("province",)), "p08_nfd_names": ("valid", ()),
    "p09_vi_locale_semicolon": ("either", ("participants",)),
    "p10_non_numeric": ("defect", ("row 8", "participants")), "p11_empty": ("defect", ()),
    "p12_html_in_name": ("defect", ("province",)),
    "x13_month_1850": ("defect", ("row 5", "month")),
    "x14_month_2999": ("defect", ("row 5", "month")),
    "x15_int64_overflow": ("defect", ("row 6", "participants")),
    "x16_billion": ("defect", ("row 10", "new_participants")),
    "x17_fraction": ("defect", ("row 4", "new_participants")),
    "x18_unknown_scheme": ("defect", ("row 4", "scheme")), "x19_ragged": ("defect", ("row 4",)),
    "x20_header_row_3": ("defect", ("row 3",)), "x21_all_new_empty": ("valid", ()),
    "x22_inf_text": ("defect", ("row 3", "participants")),
}


def variants(good: list[list[str]]) -> dict[str, list[list[str]]]:
    """The issue's panel cases beyond the corpus, made from its good panel."""
    head, base = good[0], good[1:]
    col = {name: i for i, name in enumerate(head)}

    def put(row: list[str], column: str, value: str) -> list[str]:
        row = list(row)
        row[col[column]] = value
        return row

    return {
        "x13_month_1850": [head, *base[:3], put(base[3], "month", "1850-01")],
        "x14_month_2999": [head, *base[:3], put(base[3], "month", "2999-01")],
        "x15_int64_overflow": [head, *base[:4], put(base[4], "participants", "9" * 19)],
        "x16_billion": [head, *base[:8], put(base[8], "new_participants", str(10**9)), *base[9:]],
        "x17_fraction": [head, *base[:2], put(base[2], "new_participants", "600.5")],
        "x18_unknown_scheme": [head, *base[:2], put(base[2], "scheme", "bhxh tu nguyen?")],
        "x19_ragged": [head, *base[:2], [*base[2], "extra"]],
        "x20_header_row_3": [["Báo cáo tháng"], [], head, *base],
        "x21_all_new_empty": [head, *(put(r, "new_participants", "") for r in base)],
        "x22_inf_text": [head, base[0], put(base[1], "participants", "inf")],
    }


def panel_check(expect: str, reference: pd.DataFrame, stem: str) -> Check:
    """For ``validate``: a defect must not pass; for ``process``: a refusal leaves the previous
    build as it was (but build_status.json), a build holds the reference's numbers."""

    def check(scratch: Path, code: int, err: str) -> bool:
        if (scratch / "command").read_text() == "validate":
            return code != 0 or expect != "defect"
        out = scratch / "out"
        before = json.loads((scratch / "before.json").read_text())
        if code != 0:
            after = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
            changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
            return changed <= {"build_status.json"}
        if expect == "defect":
            return stem in err  # built anyway: right only if the problem is flagged
        panel = pd.read_parquet(out / "panel.parquet")
        if stem.startswith("x21"):
            return bool(panel["new_participants"].isna().all())
        return same_numbers(panel, reference)

    return check


def same_numbers(panel: pd.DataFrame, reference: pd.DataFrame) -> bool:
    columns = ["province", "month", "participants", "new_participants", "dropouts"]
    got = panel[columns].reset_index(drop=True).astype(str)
    return got.equals(reference[columns].reset_index(drop=True).astype(str))


def panel_cases(corpus: Path, files: Path, baseline: Path, reference: pd.DataFrame) -> list[Case]:
    sources = {p.stem: read_rows(p) for p in sorted((corpus / "panels").glob("*.csv"))}
    sources |= variants(sources["p01_ok"])
    cases = []
    for stem, rows in sources.items():
        expect, names = PANEL_EXPECT[stem]
        csv_path = files / f"{stem}.csv"
        if stem.startswith("p"):
            shutil.copy(corpus / "panels" / f"{stem}.csv", csv_path)
        else:
            with csv_path.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle).writerows(rows)
        paths = [csv_path]
        if stem.startswith("p"):
            paths += [p for p in (convert(rows, files / f"{stem}.xlsx"),
                                  convert(rows, files / f"{stem}.parquet")) if p]
        for path in paths:
            wanted = (path.name, *names)
            check = panel_check(expect, reference, stem)
            for command in ("validate", "process"):
                cases.append(Case(f"{path.name} | {command}", panel_argv(command, path, baseline),
                                  expect, check, wanted))
    return cases


def panel_argv(command: str, path: Path, baseline: Path) -> Callable[[Path], list]:
    def argv(scratch: Path) -> list:
        scratch.mkdir(parents=True, exist_ok=True)
        (scratch / "command").write_text(command)
        if command == "validate":
            return ["validate", path]
        shutil.copytree(baseline, scratch / "out")
        before = {p.name: p.stat().st_mtime_ns for p in (scratch / "out").iterdir()}
        (scratch / "before.json").write_text(json.dumps(before))
        (scratch / "official").mkdir()
        shutil.copy(path, scratch / "official" / path.name)
        (scratch / "articles").mkdir()
        return ["process", "--articles", scratch / "articles", "--official",
                scratch / "official", "--out", scratch / "out"]
    return argv


# -- beyond the corpus: junk beside exports, shared sidecar ids, misused options, reports ------

JUNK = {
    "~$p01_ok.xlsx": b"\x0bExcel lock\x00\x00",
    "._p01_ok.csv": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ",
    ".hidden.csv": b"not,a,panel\n",
    "~p01_ok.csv": b"province\n",
    "p01_ok.csv.tmp": b"half written",
}


def extra_cases(corpus: Path, baseline: Path, reference: pd.DataFrame, reports: bool) -> list:
    cases = []
    good = corpus / "panels" / "p01_ok.csv"
    for junk, data in JUNK.items():
        def argv(s: Path, junk=junk, data=data) -> list:
            (s / "official").mkdir(parents=True)
            shutil.copy(good, s / "official")
            (s / "official" / junk).write_bytes(data)
            (s / "articles").mkdir()
            return ["process", "--articles", s / "articles", "--official", s / "official",
                    "--out", s / "out"]

        def built(s: Path, code: int, err: str) -> bool:
            return code == 0 and same_numbers(pd.read_parquet(s / "out" / "panel.parquet"),
                                              reference)
        cases.append(Case(f"{junk} beside an export | process", argv, "valid", built, (junk,)))

    def twins(s: Path) -> list:
        folder = s / "articles"
        folder.mkdir(parents=True)
        for suffix in (".txt", ".meta.json"):
            shutil.copy(SEEDS / f"{REFERENCE}{suffix}", folder)
            shutil.copy(SEEDS / f"{NEIGHBOUR}{suffix}", folder / f"twin{suffix}")
        meta = json.loads((folder / "twin.meta.json").read_text(encoding="utf-8"))
        (folder / "twin.meta.json").write_text(json.dumps({**meta, "article_id": REFERENCE}))
        return ["extract", folder, "--out", s / "out"]

    cases.append(Case("two sidecars sharing an article_id | extract", twins, "defect",
                      lambda s, c, e: "twin" in e and REFERENCE in e, ("twin",)))
    empty = corpus / "no-such-data"
    misuse = {
        'reports --provinces ""': (["reports", "--provinces", "", "--data-dir", baseline],
                                   ("--provinces",)),
        'reports --lang ""': (["reports", "--lang", "", "--data-dir", baseline], ("--lang",)),
        "report --data-dir (empty folder)": (["report", "--province", PROVINCE, "--data-dir",
                                              "{empty}"], ("facts.csv",)),
        "reports --data-dir (empty folder)": (["reports", "--data-dir", "{empty}"],
                                              ("facts.csv",)),
        "report --province Atlantis": (["report", "--province", "Atlantis", "--data-dir",
                                        baseline], ("Atlantis",)),
        "report --lang xx": (["report", "--province", PROVINCE, "--lang", "xx", "--data-dir",
                              baseline], ("xx",)),
        "report --as-of 2023-13-45": (["report", "--province", PROVINCE, "--as-of",
                                       "2023-13-45", "--data-dir", baseline], ("2023-13-45",)),
        "reports --workers 0": (["reports", "--workers", "0", "--data-dir", baseline],
                                ("--workers",)),
        "validate (missing file)": (["validate", empty / "panel.csv"], ("panel.csv",)),
        "validate (a folder)": (["validate", corpus], (corpus.name,)),
        "process --official (missing folder)": (["process", "--official", empty, "--articles",
                                                 corpus / "articles", "--out", "{out}"],
                                                (empty.name,)),
        "extract (missing folder)": (["extract", empty, "--out", "{out}"], (empty.name,)),
    }
    for name, (argv, names) in misuse.items():
        def made(s: Path, argv=argv) -> list:
            (s / "empty").mkdir(parents=True, exist_ok=True)
            fill = {"{empty}": s / "empty", "{out}": s / "out"}
            args = [fill.get(str(a), a) for a in argv]
            writes = args[0] != "validate" and "--out" not in map(str, args)
            return [*args, "--out", s / "out"] if writes else args
        cases.append(Case(name, made, "defect", lambda s, c, e: c != 0, names))
    if reports:
        for stem in ("p01_ok", "p08_nfd_names", "p09_vi_locale_semicolon", "x21_all_new_empty"):
            cases.append(report_case(stem))
    return cases


def report_case(stem: str) -> Case:
    """`bhxh report` on what `process` built from panel ``stem`` (CSV)."""
    def argv(s: Path) -> list:
        files = s.parent.parent / "files"
        (s / "official").mkdir(parents=True)
        shutil.copy(files / f"{stem}.csv", s / "official")
        (s / "articles").mkdir()
        code, _, err = run_cli(["process", "--articles", str(s / "articles"), "--official",
                                str(s / "official"), "--out", str(s / "data")])
        if code:
            raise SystemExit(f"process of {stem} failed: {err}")
        return ["report", "--province", PROVINCE, "--data-dir", s / "data", "--out", s / "out"]

    def check(s: Path, code: int, err: str) -> bool:
        pages = list((s / "out").glob("*.html"))
        return code == 0 and bool(pages) and all(
            "<script>alert" not in p.read_text(encoding="utf-8") for p in pages)

    return Case(f"{stem}.csv | process, report", argv, "valid", check, ())


# -- the run -----------------------------------------------------------------------------------

def prepare(corpus: Path, work: Path) -> tuple[list[tuple], list[tuple], Path, pd.DataFrame]:
    """Reference facts (seed 001 alone, the neighbour), a previous good build, its panel."""
    refs = work / "reference"
    (refs / "articles").mkdir(parents=True)
    for stem in (REFERENCE, NEIGHBOUR):
        shutil.copy(SEEDS / f"{stem}.txt", refs / "articles")
    code, _, err = run_cli(["extract", str(refs / "articles"), "--out", str(refs / "facts")])
    baseline = work / "baseline"
    (refs / "official").mkdir()
    shutil.copy(corpus / "panels" / "p01_ok.csv", refs / "official")
    code2, _, err2 = run_cli(["process", "--articles", str(refs / "articles"), "--official",
                              str(refs / "official"), "--out", str(baseline)])
    if code or code2:
        raise SystemExit(f"the reference build failed: {err}{err2}")
    reference = pd.read_parquet(baseline / "panel.parquet")
    return (facts_of(refs / "facts", REFERENCE), facts_of(refs / "facts", NEIGHBOUR), baseline,
            reference)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="the folder make_bad_inputs.py wrote")
    parser.add_argument("--no-reports", action="store_true", help="skip the report runs")
    parser.add_argument("--json", type=Path, help="write every case and its outcome here")
    parser.add_argument("--only", default="", help="run only cases whose name contains this")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bhxh-audit-") as tmp:
        work = Path(tmp)
        reference, neighbour, baseline, panel = prepare(args.corpus, work)
        files = work / "files"
        files.mkdir()
        cases = [
            *article_cases(args.corpus, reference, neighbour),
            *panel_cases(args.corpus, files, baseline, panel),
            *extra_cases(args.corpus, baseline, panel, not args.no_reports),
        ]
        cases = [c for c in cases if args.only in c.name]
        for number, case in enumerate(cases):
            classify(case, work / "runs" / f"{number:03d}")
            if case.outcome not in ("handled", "clear"):
                first = case.stderr.strip().splitlines()[-1:] or [""]
                print(f"{case.outcome.upper():9} {case.name} (exit {case.code}): {first[0][:160]}")
    totals = Counter(c.outcome for c in cases)
    print(f"\n{len(cases)} tried: " + ", ".join(
        f"{totals[k]} {k}" for k in ("handled", "clear", "unclear", "traceback", "silent")
    ) + f" ({time.perf_counter() - started:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(
            [{"case": c.name, "outcome": c.outcome, "exit": c.code, "stderr": c.stderr}
             for c in cases], ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if totals["traceback"] == totals["silent"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
