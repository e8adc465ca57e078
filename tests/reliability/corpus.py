"""The bad-input corpus of the reliability audit, made small and on the fly.

Ported from the audit's ``make_bad_inputs.py`` (articles b01-b10, panels p01-p12) and extended
with the cases the audit found unclear or wrong (months 1850/2999, counts too large for int64,
``inf`` in Parquet, junk files beside real exports, broken workbooks). Seeds are the project's
own articles in ``data/raw/articles``; nothing here reads outside the repository.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "raw" / "articles"
HEADER = ("province", "district", "month", "scheme", "participants", "new_participants",
          "dropouts")
BASE = [("Bắc Giang", "", f"2023-{m:02d}", "voluntary_si", 50000 + 300 * m, 600, 300)
        for m in range(1, 13)]


def seed(number: str) -> str:
    """Text of seed article ``001``/``002`` (found by its number prefix)."""
    return next(SEEDS.glob(f"{number}_*.txt")).read_text(encoding="utf-8")


def write_articles(folder: Path) -> dict[str, Path]:
    """The audit's ten bad articles (b01-b10), one file each; returns name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    s001, s002 = seed("001"), seed("002")
    files: dict[str, str | bytes] = {
        "b01_nfd.txt": unicodedata.normalize("NFD", s001),
        "b02_utf16.txt": s001.encode("utf-16"),
        "b03_mojibake.txt": s001.encode("utf-8").decode("latin-1"),
        "b04_empty.txt": "",
        "b05_binary.txt": bytes(range(256)) * 64,
        "b06_html_injection.html": (
            "<html><body><h1>Bắc Kạn &lt;test&gt;</h1><script>alert('x')</script><p>Toàn tỉnh "
            "có 7.548 người tham gia BHXH tự nguyện <img src=x onerror=alert(1)> năm 2020.</p>"
            "</body></html>"
        ),
        # The audit's was ~20 MB; 300 copies keep the case (a long article) and the test fast.
        "b07_huge.txt": (s002 + "\n") * 300,
        "b08_no_numbers.txt": "Bảo hiểm xã hội tự nguyện là chính sách an sinh quan trọng.\n",
        "b09_other_topic.txt": "Giá lúa tại An Giang tăng 5,2% trong tháng 10/2024, đạt 8.500 "
        "đồng/kg.\n",
        "b10_cp1252_bytes.txt": s001.encode("utf-8", "ignore")[:500] + b"\x81\x8d\x8f\x90\x9d",
    }
    out = {}
    for name, data in files.items():
        path = folder / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
        out[name] = path
    return out


def _rows(name: str) -> tuple[list, str]:
    rows, base, delim = [HEADER], list(BASE), ","
    if name == "p01_ok":
        rows += base
    elif name == "p02_missing_column":
        rows = [r[:5] + r[6:] for r in rows + base]
    elif name == "p03_negative":
        rows += base[:5] + [base[5][:5] + (-40, 300)] + base[6:]
    elif name == "p04_duplicate_month":
        rows += base + [base[3]]
    elif name == "p05_bad_month":
        rows += base[:11] + [("Bắc Giang", "", "2023-13", "voluntary_si", 1, 1, 1)]
    elif name == "p06_unknown_province":
        rows += [("Atlantis",) + r[1:] for r in base]
    elif name == "p07_traversal_name":
        rows += [("../../etc/passwd",) + r[1:] for r in base]
    elif name == "p08_nfd_names":
        rows += [(unicodedata.normalize("NFD", r[0]),) + r[1:] for r in base]
    elif name == "p09_vi_locale_semicolon":
        rows = [HEADER] + [r[:4] + (f"{r[4]:,}".replace(",", "."),) + r[5:] for r in base]
        delim = ";"
    elif name == "p10_non_numeric":
        rows += base[:6] + [base[6][:4] + ("n/a",) + base[6][5:]] + base[7:]
    elif name == "p11_empty":
        rows = []
    elif name == "p12_html_in_name":
        rows += [("<script>alert(1)</script>",) + r[1:] for r in base]
    elif name == "p13_month_1850":
        rows += base[:3] + [("Bắc Giang", "", "1850-01", "voluntary_si", 1, 1, 1)]
    elif name == "p14_month_2999":
        rows += base[:3] + [("Bắc Giang", "", "2999-01", "voluntary_si", 1, 1, 1)]
    elif name == "p15_int64_overflow":
        rows += base[:4] + [base[4][:4] + ("9999999999999999999",) + base[4][5:]]
    elif name == "p16_billion":
        rows += base[:8] + [base[8][:5] + (10**9, 300)] + base[9:]
    elif name == "p17_fraction":
        rows += base[:2] + [base[2][:5] + ("600.5", 300)]
    elif name == "p18_unknown_scheme":
        rows += base[:2] + [base[2][:3] + ("bhxh tu nguyen?",) + base[2][4:]]
    elif name == "p19_ragged":
        rows += base[:2] + [base[2] + ("extra",)]
    elif name == "p20_header_row_3":
        rows = [("Báo cáo tháng",), ()] + rows + base
    elif name == "p21_all_new_empty":
        rows += [r[:5] + ("", r[6]) for r in base]
    elif name == "p22_inf_text":
        rows += base[:1] + [base[1][:4] + ("inf",) + base[1][5:]]
    else:
        raise KeyError(name)
    return rows, delim


PANELS = (
    "p01_ok", "p02_missing_column", "p03_negative", "p04_duplicate_month", "p05_bad_month",
    "p06_unknown_province", "p07_traversal_name", "p08_nfd_names", "p09_vi_locale_semicolon",
    "p10_non_numeric", "p11_empty", "p12_html_in_name", "p13_month_1850", "p14_month_2999",
    "p15_int64_overflow", "p16_billion", "p17_fraction", "p18_unknown_scheme", "p19_ragged",
    "p20_header_row_3", "p21_all_new_empty", "p22_inf_text",
)


def write_panel(folder: Path, name: str) -> Path:
    """Write panel case ``name`` as CSV into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    rows, delim = _rows(name)
    path = folder / f"{name}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delim).writerows(rows)
    return path


def write_inf_parquet(folder: Path) -> Path:
    """A Parquet panel whose float ``participants`` column holds ``inf``."""
    import pandas as pd

    frame = pd.DataFrame(BASE, columns=list(HEADER))
    frame["participants"] = frame["participants"].astype("float64")
    frame.loc[3, "participants"] = float("inf")
    path = folder / "p23_inf.parquet"
    frame.to_parquet(path, index=False)
    return path


def write_xlsx(folder: Path, name: str, rows: list[tuple]) -> Path:
    """Rows written as the first sheet of ``folder/name`` with openpyxl."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    path = folder / name
    book.save(path)
    return path


def write_long_panel(folder: Path) -> Path:
    """Bắc Giang, 2022-01..2024-12, with the fixture's 2024 peak campaign inside its months."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [HEADER] + [
        ("Bắc Giang", "", f"{year}-{month:02d}", "voluntary_si", 50000 + 40 * i,
         600 + 7 * (i % 5) + (900 if (year, month) in ((2024, 4), (2024, 5)) else 0), 300)
        for i, (year, month) in enumerate((y, m) for y in (2022, 2023, 2024) for m in range(1, 13))
    ]
    path = folder / "long_panel.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path
