"""One path from result to words: codes in the statistics, sentences in helpers.narrative."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pandas as pd
import pytest

from helpers.narrative.vocabulary import SENTENCES, render
from helpers.notes import Note

SRC = Path(__file__).resolve().parents[1] / "src" / "helpers"
#: Where statistics live: they return numbers and codes, never sentences.
GUARDED = [SRC / "forecast.py", *sorted((SRC / "indicators").glob("*.py")),
           *sorted((SRC / "effects").glob("*.py"))]
VIETNAMESE = re.compile(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ«»]",
                        re.IGNORECASE)
#: Technical model names recorded in ``diagnostics["method"]``: identifiers a methods appendix
#: prints as they are, not sentences.
MODEL_NAMES = {
    "quasi-Poisson GLM (IRLS)",
    "quasi-Poisson GLM (negative binomial fit did not converge)",
    "negative binomial (NB2, maximum likelihood)",
    "Poisson GLM (no overdispersion: NB2 alpha at 0)",
    "GLM sandwich with AR(1) working correlation, t intervals",
    "GLM sandwich with ARMA(1,1) working correlation, Satterthwaite t intervals",
}
CODE = re.compile(r"^[A-Z][A-Z0-9_]+$")


def _exempt_nodes(tree: ast.AST) -> set[int]:
    """Docstrings, and everything inside a raise or an exception's constructor."""
    exempt: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and body
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)):
            exempt.add(id(body[0].value))
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name.endswith(("Error", "Refused", "Exception")):
                exempt.update(id(sub) for sub in ast.walk(node))
        if isinstance(node, ast.Raise):
            exempt.update(id(sub) for sub in ast.walk(node))
    return exempt


def _is_sentence(text: str) -> bool:
    if CODE.match(text) or text in MODEL_NAMES or "\\s" in text or "->" in text:
        return False
    return bool(VIETNAMESE.search(text)) or len(re.findall(r"[a-zA-Z]{2,}", text)) >= 4


def sentences_built_in(path: Path) -> list[str]:
    """String pieces in ``path`` that read as user-facing words."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exempt = _exempt_nodes(tree)
    return [f"{path.name}:{node.lineno}: {node.value[:60]!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in exempt and _is_sentence(node.value)]


def test_no_sentence_is_built_in_the_statistics():
    found = [hit for path in GUARDED for hit in sentences_built_in(path)]
    assert not found, "move these words to helpers.narrative:\n" + "\n".join(found)


def test_the_guard_catches_a_sentence(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text('"""Doc string is fine."""\n'
                      'def f(n):\n'
                      '    """So is this one."""\n'
                      '    if n < 0:\n'
                      '        raise ValueError("a message for a developer is fine")\n'
                      '    return f"Only {n} months before the campaign."\n'
                      'LABEL = "Thực tế"\n', encoding="utf-8")
    hits = sentences_built_in(module)
    assert len(hits) == 2
    assert any("months before the campaign" in h for h in hits)
    assert any("Thực tế" in h for h in hits)


def _codes_used() -> set[str]:
    codes = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "of"
                    and getattr(node.func.value, "id", "") == "Note" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                codes.add(node.args[0].value)
    return codes


def test_every_code_used_has_a_sentence_in_both_languages():
    used = _codes_used()
    assert len(used) >= 40
    assert used <= set(SENTENCES), sorted(used - set(SENTENCES))


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_both_languages_use_the_same_fields(code):
    fields = {lang: {f[1] for f in string.Formatter().parse(SENTENCES[code][lang]) if f[1]}
              for lang in ("en", "vi")}
    assert set(SENTENCES[code]) == {"en", "vi"}
    assert fields["en"] == fields["vi"], code
    assert CODE.match(code)


def test_numbers_are_written_the_way_each_language_writes_them():
    params = {"unit": "", "n_months": 7, "months": "2020-01", "n_more": 2, "gap_pct": 1234.56}
    assert render("STOCK_FLOW_MISMATCH", params, "vi").endswith(
        "(2020-01 và 2 tháng khác), lệch tới 1.234,6%; hãy kiểm tra tệp xuất hoặc việc chuyển "
        "giữa các loại hình bảo hiểm.")
    en = render("STOCK_FLOW_MISMATCH", params | {"n_more": 0}, "en")
    assert en.startswith("Stock-flow identity fails in 7 month(s) (2020-01): ")
    assert "1,234.6%" in en


def test_a_note_is_built_from_its_code_and_keeps_its_numbers():
    note = Note.of("COLLINEAR", names=["Tết", "May"])
    assert note.code == "COLLINEAR" and note.params == {"names": ["Tết", "May"]}
    assert str(note).startswith("The design is collinear: 'Tết', 'May' cannot")
    assert note.vi.startswith("Thiết kế bị đa cộng tuyến: «Tết», «May» không")
    nested = Note.of("PER_YEAR_NOT_ESTIMATED", reasons=[note])
    assert nested.vi.endswith(note.vi) and str(nested).endswith(str(note))
    with pytest.raises(KeyError):
        Note.of("NO_SUCH_CODE")


def test_refusals_and_warnings_of_the_statistics_carry_codes():
    from helpers.contract import FACT_COLUMNS
    from helpers.effects import Intervention, interrupted_time_series
    from helpers.forecast import target_probability
    from helpers.indicators import growth

    months = pd.period_range("2020-01", periods=30, freq="M")
    refused = interrupted_time_series(pd.Series(0.0, index=months),
                                      [Intervention("c", "2021-06", "2021-07")])
    assert [w.code for w in refused.warnings] == ["ALL_ZERO"]
    short = target_probability(pd.Series(range(5), index=months[:5], dtype=float), 10, "2021-01")
    assert short.reason_code == "SERIES_TOO_SHORT" and short.reason.params["n_months"] == 5
    facts = pd.DataFrame(columns=FACT_COLUMNS)
    assert growth(facts, province="Nghệ An").reason_code == "NEED_TWO_STOCKS"
