"""Press articles to the facts and campaigns tables: every figure with its indicator, scheme,
place, period and the sentence it was read from, plus a log of what could not be read.

Example
-------
>>> import tempfile
>>> from helpers import paths
>>> result = extract_articles(paths.ARTICLES, corrections=paths.CORRECTIONS)
>>> "Bắc Kạn" in set(result.facts["province"])
True
>>> with tempfile.TemporaryDirectory() as out:
...     [p.name for p in write_outputs(result, out)]
['facts.csv', 'campaigns.csv', 'extraction_log.csv']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.errors import DataError
from helpers.extract.article import extract_article
from helpers.extract.corrections import apply_corrections, read_corrections
from helpers.extract.reading import list_articles, read_article
from helpers.io import write_table
from helpers.schema import (
    CAMPAIGN_COLUMNS,
    CAMPAIGNS_SCHEMA,
    FACT_COLUMNS,
    FACTS_SCHEMA,
    validate,
)

__all__ = ["ExtractionResult", "LOG_COLUMNS", "extract_articles", "write_outputs"]

LOG_COLUMNS = ["article_id", "file", "level", "message"]


@dataclass
class ExtractionResult:
    """Output of `extract_articles`.

    Attributes
    ----------
    facts, campaigns
        Typed, validated frames with exactly the contract's columns, in article then text order.
    log
        One row per event worth reading (``LOG_COLUMNS``): unreadable files, encodings used,
        articles with no facts, corrections applied or matching nothing.
    """

    facts: pd.DataFrame
    campaigns: pd.DataFrame
    log: pd.DataFrame

    def summary(self) -> str:
        """A few lines for the terminal: counts, and every warning and error."""
        articles = self.log["file"].nunique()
        lines = [f"{articles} files, {len(self.facts)} facts, {len(self.campaigns)} campaigns"]
        for row in self.log[self.log["level"] != "info"].itertuples():
            lines.append(f"  {row.level}: {row.file or row.article_id}: {row.message}")
        return "\n".join(lines)


def extract_articles(
    input_dir: str | Path, *, corrections: str | Path | None = None,
    rules_only: bool | None = None, ranker: bool | None = None
) -> ExtractionResult:
    """Read every article of a folder into facts and campaigns.

    Parameters
    ----------
    input_dir
        Folder of ``.txt``, ``.md``, ``.html`` articles with optional ``<id>.meta.json``.
    corrections
        Optional corrections CSV (see `helpers.extract.corrections`), applied after reading.
    rules_only
        True: keep every candidate the rules read (the fact model, `helpers.extract.
        fact_model`, declines none); False: let the model decline candidates; None (default):
        as the shipped weights decided from their leave-one-batch-out scores.
    ranker
        True: let the reading ranker (`helpers.extract.reading_ranker`) change a fact's year,
        scheme, indicator or target/result where another reading wins by its margin; False:
        never; None (default): as its shipped weights decided (leave-one-batch-out).

    Returns
    -------
    ExtractionResult
        A file that cannot be read (empty, binary, undecodable, too large) is a log line,
        never an exception; the other files are still read.

    Raises
    ------
    DataError
        If `input_dir` is not a folder, or the corrections file is malformed.
    """
    folder = Path(input_dir)
    if not folder.is_dir():
        raise DataError("is not a folder of articles.", file=folder,
                        hint="Pass the folder holding the .txt/.md/.html articles.")
    facts: list[dict] = []
    campaigns: list[dict] = []
    log: list[dict] = []
    files = list_articles(folder)
    if not files:
        log.append(_log_row("", str(folder), "warning", "no .txt, .md or .html articles here"))
    seen: dict[str, str] = {}  # article_id -> file
    for path in files:
        try:
            article = read_article(path)
        except DataError as exc:
            log.append(_log_row(path.stem, path.name, "error", f"skipped: {exc}"))
            continue
        if article.article_id in seen:
            log.append(_log_row(
                article.article_id, path.name, "error",
                f"skipped: article_id {article.article_id!r} is also the id of "
                f"{seen[article.article_id]}; give each article its own article_id in its "
                "sidecar (or remove the duplicate file)"))
            continue
        seen[article.article_id] = path.name
        rows = extract_article(article, rules_only=rules_only, ranker=ranker)
        facts.extend(rows.facts)
        campaigns.extend(rows.campaigns)
        log.extend(_log_row(article.article_id, path.name, level, message)
                   for level, message in rows.log)
    if corrections is not None:
        table = read_corrections(corrections)
        facts, notes = apply_corrections(facts, table, file=Path(corrections).name)
        log.extend(_log_row(aid, Path(corrections).name, level, msg) for aid, level, msg in notes)
    return ExtractionResult(
        facts=_frame(facts, FACT_COLUMNS, FACTS_SCHEMA, ("period_start", "period_end")),
        campaigns=_frame(campaigns, CAMPAIGN_COLUMNS, CAMPAIGNS_SCHEMA, ("start", "end")),
        log=pd.DataFrame(log, columns=LOG_COLUMNS),
    )


def write_outputs(result: ExtractionResult, out_dir: str | Path) -> list[Path]:
    """Write ``facts.csv``, ``campaigns.csv`` and ``extraction_log.csv`` atomically.

    Values are written as plain numbers (7548, 133.4), dates as ISO, so reruns on the same
    input give byte-identical files. Returns the paths written.
    """
    out = Path(out_dir)
    facts = result.facts.copy()
    facts["value"] = [_plain_number(v) for v in facts["value"]]
    return [
        write_table(facts, out / "facts.csv"),
        write_table(result.campaigns, out / "campaigns.csv"),
        write_table(result.log, out / "extraction_log.csv"),
    ]


def _plain_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(round(float(value), 6))


def _log_row(article_id: str, file: str, level: str, message: str) -> dict:
    return {"article_id": article_id, "file": file, "level": level, "message": message}


def _frame(
    rows: list[dict], columns: list[str], schema: Any, date_columns: tuple[str, ...]
) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for column in date_columns:
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    if "is_target" in frame:
        frame["is_target"] = frame["is_target"].astype(bool)
        frame["value"] = frame["value"].astype(float)
    text_columns = [c for c in columns if c not in date_columns and c not in ("is_target", "value")]
    frame[text_columns] = frame[text_columns].fillna("").astype(str)
    return validate(frame, schema)
