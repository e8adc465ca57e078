"""Whole-article checks that a reading may be wrong: many provinces named, both number styles
in one text, table rows no header explains. Each is a log line, and a flag on the facts.
"""

from __future__ import annotations

import re

from helpers.extract.reading import Article
from helpers.extract.tables import header_cells

MANY_PROVINCES = 20  # a national list; more than this many names deserve a look
_VIETNAMESE_DECIMAL = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+,\d+(?![\d.,])")
_ENGLISH_DECIMAL = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+\.\d+(?![\d.,])")
# The end of every match of the two above ("….123,4", "…,123.4"), a scan with a literal
# start: the texts without one skip the slower scans.
_VIETNAMESE_END = re.compile(r"\.\d{3},\d")
_ENGLISH_END = re.compile(r",\d{3}\.\d")
_TABLE_DIGITS = re.compile(r"\|\s*[\d.,]+\s*(?:\||$)")


def check_text(article: Article, named: frozenset[str], lines: list[str], tables: dict,
               rows) -> None:
    """Add to `rows` (an `ArticleRows`) a warning for each check that fails and its flag to
    every fact: more than `MANY_PROVINCES` provinces named (`named`), both number styles in
    one text, a line that looks like a table row outside the tables read (`tables`)."""
    flags = []
    if len(named) > MANY_PROVINCES:
        flags.append("many_provinces")
        rows.log.append(("warning", f"names {len(named)} provinces: each figure takes the "
                         "province of its own clause (or none); check list readings"))
    english = _ENGLISH_DECIMAL.search(article.text) if _ENGLISH_END.search(article.text) \
        else None
    vietnamese = _VIETNAMESE_DECIMAL.search(article.text) \
        if english and _VIETNAMESE_END.search(article.text) else None
    if vietnamese and english:
        flags.append("mixed_number_separators")
        examples = (vietnamese.group(0), english.group(0))
        rows.log.append(("warning", f"both number styles in one text ({examples[0]!r} and "
                         f"{examples[1]!r}): each number is read by its own separators; check "
                         "the figures flagged mixed_number_separators"))
    for n, line in enumerate(lines):
        if n not in tables and line.count("|") >= 2 and _TABLE_DIGITS.search(line) \
                and header_cells(line) is None and not any(
                    header_cells(lines[k]) for k in range(max(0, n - 1), n)):
            rows.log.append(("warning", f"line {n + 1} looks like a table row but no header "
                             f"names its columns; not read: {line[:60]!r}"))
            break
    for fact in rows.facts if flags else ():
        fact["flags"] = ";".join(dict.fromkeys([f for f in fact["flags"].split(";") if f]
                                                + flags))
