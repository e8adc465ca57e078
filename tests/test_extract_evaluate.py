"""`bhxh extract --evaluate` (helpers.extract.evaluate) and the corpus scorer
(tests/fixtures/score_facts.py, a copy of ../shared/corpus/score_facts.py) agree, article by
article, on the real-reporting corpus and on rule cases the scorer adds."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from helpers.extract import extract_articles, write_outputs
from helpers.extract.evaluate import evaluate, load_gold

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_facts", FIXTURES / "score_facts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _scorer_counts(facts_csv, gold_dir) -> dict[str, tuple[int, int, int]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        _scorer().main(str(facts_csv), str(gold_dir))
    return {m[1]: (int(m[2]), int(m[3]), int(m[4])) for m in re.finditer(
        r"^(\S+): matched (\d+) / predicted (\d+) / gold (\d+)$", out.getvalue(), re.M)}


@pytest.mark.parametrize("corpus", ["corpus_a", "corpus_b"])
def test_evaluate_agrees_with_the_corpus_scorer(tmp_path, batch_articles, corpus):
    folder = FIXTURES / "extract" / corpus
    result = extract_articles(batch_articles(corpus))
    write_outputs(result, tmp_path)
    gold = load_gold(folder / "gold")
    expected = _scorer_counts(tmp_path / "facts.csv", folder / "gold")
    assert len(expected) == 12
    for article_id, facts in gold.items():
        one = evaluate(result.facts, {article_id: facts})
        tp, fp, fn = one.total
        assert (tp, tp + fp, tp + fn) == expected[article_id], article_id


def _fact(**fields) -> dict:
    base = {"fact_id": "x-001", "article_id": "x", "province": "Nghệ An",
            "province_2025": "Nghệ An", "district": "", "commune": "", "scheme": "voluntary_si",
            "indicator": "participants", "is_target": False, "value": 100.0,
            "qualifier": "exact", "period_start": pd.NaT, "period_end": pd.Timestamp("2021-12-31"),
            "quote": "", "flags": "", "geography": "legacy"}
    return {**base, **fields}


@pytest.mark.parametrize(
    ("predicted", "gold", "matched"),
    [
        ({}, {"period_end": "2021"}, 1),
        ({}, {"period_end": "2020-12-31"}, 0),  # years disagree
        ({"period_end": pd.NaT}, {"period_end": "2020-12-31"}, 1),  # one side undated
        ({"province": "", "province_2025": "Đồng Nai"}, {"province": "Đồng Nai",
                                                          "geography": "2025"}, 1),
        ({"province": "Đồng Nai", "province_2025": "Đồng Nai"}, {"province": "Bình Phước",
                                                                  "geography": "2025"}, 0),
        ({"province": "TP. Hồ Chí Minh"}, {"province": "Hồ Chí Minh"}, 1),
    ],
)
def test_rule_cases_score_alike(tmp_path, predicted, gold, matched):
    fact = _fact(**predicted)
    gold_fact = {"indicator": "participants", "is_target": False, "scheme": "voluntary_si",
                 "value": 100, "province": "Nghệ An", "district": "", "commune": "", **gold}
    geography = gold_fact.pop("geography", "legacy")
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "x.json").write_text(
        json.dumps({"geography": geography, "facts": [gold_fact]}), encoding="utf-8")
    pd.DataFrame([fact]).to_csv(tmp_path / "facts.csv", index=False)
    assert _scorer_counts(tmp_path / "facts.csv", tmp_path / "gold")["x"][0] == matched
    assert evaluate(pd.DataFrame([fact]), load_gold(tmp_path / "gold")).total[0] == matched
