"""Every data-quality flag the extractor can write is in the contract and has words in both
report languages: a report never shows a flag as a bare identifier."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from helpers import contract
from helpers.extract import extract_articles
from helpers.report.tables import FLAG_WORDS, flag_words

ROOT = Path(__file__).resolve().parents[1]
# The fact model's and the reading ranker's modules are left out: their snake_case strings are
# feature and batch names, and they write no flag (the model only declines facts the rules
# read; the ranker only changes a field of one).
SOURCES = [*sorted(p for p in (ROOT / "src" / "helpers" / "extract").glob("*.py")
                   if p.stem not in ("fact_model", "fact_training", "reading_ranker",
                                     "ranker_training", "ranker_data")),
           ROOT / "src" / "helpers" / "text_dates.py"]
SNAKE = re.compile(r"^[a-z]+(?:_[a-z0-9]+)+$")
#: snake_case strings of the extractor's code that are not flags, and why.
NOT_FLAGS = {
    "dated_after": "internal mark of a figure whose date follows it; removed before output",
    "dated_start": "internal mark of the first stock of 'từ A lên B' with no year of its own "
                   "(dated by the start of the window before it); removed before output",
    "from_now": "a period reading's key in text_dates",
    "publication_date": "a sidecar key",
    "source_url": "a sidecar key",
}
VOCABULARY = {*contract.SCHEMES, *contract.INDICATORS, *contract.QUALIFIERS,
              *contract.CAMPAIGN_KINDS, *contract.FACT_COLUMNS, *contract.CAMPAIGN_COLUMNS,
              *contract.PANEL_COLUMNS}


def _exported(tree: ast.Module) -> set[int]:
    """ids of the string constants listed in ``__all__`` (names of functions, not flags)."""
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            ids.update(id(c) for c in ast.walk(node.value) if isinstance(c, ast.Constant))
    return ids


def _snake_literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _exported(tree)
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and SNAKE.match(node.value) and id(node) not in skip}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_contract_flag_has_words_and_no_word_lacks_a_flag(lang):
    assert set(FLAG_WORDS[lang]) == set(contract.FLAGS)
    assert len(contract.FLAGS) == len(set(contract.FLAGS))


def test_every_flag_like_string_of_the_extractor_is_a_contract_flag_or_declared_otherwise():
    unknown = {}
    for path in SOURCES:
        for word in _snake_literals(path) - VOCABULARY - set(contract.FLAGS) - set(NOT_FLAGS):
            unknown.setdefault(word, []).append(path.name)
    assert not unknown, (
        f"new snake_case strings in the extractor: {unknown}. A new flag goes into "
        "helpers.contract.FLAGS and helpers.report.tables.FLAG_WORDS (vi and en); anything "
        "else into NOT_FLAGS here, with the reason")


def test_the_flags_written_on_every_shipped_article_are_contract_flags():
    facts = extract_articles(ROOT / "data" / "raw" / "articles").facts
    written = {f for cell in facts["flags"] for f in str(cell).split(";") if f}
    assert written, "the shipped articles should exercise some flags"
    assert written <= set(contract.FLAGS), written - set(contract.FLAGS)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_report_words_every_flag_and_never_shows_the_identifier(lang):
    shown = flag_words(";".join(contract.FLAGS), lang).split("; ")
    assert len(shown) == len(contract.FLAGS)
    assert not set(shown) & set(contract.FLAGS)
    assert not any("_" in words for words in shown)
    assert flag_words("not_a_known_flag", lang) == "not_a_known_flag"
