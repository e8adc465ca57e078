"""The methods and limitations appendix of every report, and the extractor's measured accuracy.

The accuracy is read from the extractor's evaluation notes (tests/fixtures/README_extract.md),
the one place it is measured, so the report never carries a number typed by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers import paths
from helpers.narrative.methods import INTRO
from helpers.narrative.methods import methods as methods_paragraphs
from helpers.report.data import ReportData
from helpers.report.tables import Section

EVALUATION = paths.ROOT / "tests" / "fixtures" / "README_extract.md"
TITLE = {"vi": "11. Phương pháp và giới hạn", "en": "11. Methods and limitations"}
_HELD_OUT = re.compile(
    r"All\s+(\d+)\s+held-out\s+articles,\s+first\s+runs:\s+(\d+)\s+of\s+(\d+)\s+predicted\s+"
    r"matched\s+(\d+)\s+gold\s+\(P\s*=\s*([\d.]+),\s*R\s*=\s*([\d.]+)\)"
)


def extraction_accuracy(path: str | Path = EVALUATION) -> dict[str, float] | None:
    """Precision and recall of the extractor on all held-out real articles, first runs.

    The latest "All N held-out articles, first runs: ..." line of the evaluation notes;
    None when the notes are missing (an installed package without its tests).
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return None
    found = _HELD_OUT.findall(text)
    if not found:
        return None
    n, matched, predicted, gold, precision, recall = found[-1]
    return {"n_articles": int(n), "matched": int(matched), "predicted": int(predicted),
            "gold": int(gold), "precision": float(precision), "recall": float(recall)}


def methods(data: ReportData, its: Section | None = None, lang: str = "vi") -> Section:
    """Section 10: evidence tiers, limits of press figures, the ITS design and its assumptions,
    how to read the numbers, the model checks of section 8, and the extractor's accuracy."""
    result = (its.data.get("result") if its is not None else None)
    diagnostics = getattr(result, "diagnostics", None) if result is not None else None
    if getattr(result, "status", "refuse") == "refuse":
        diagnostics = None
    paragraphs = methods_paragraphs(
        has_press=data.has_press,
        has_panel=data.has_panel,
        simulated=data.simulated is not None,
        diagnostics=diagnostics,
        accuracy=extraction_accuracy(),
        lang=lang,
    )
    key = "vi" if lang == "vi" else "en"
    # A province without any data gets a one-sentence report: no appendix to its nothing.
    status = "empty" if data.is_empty else "ok"
    return Section("methods", TITLE[key], INTRO[key], status=status,
                   data={"paragraphs": paragraphs})
