"""The fact model (helpers.extract.fact_model): the fit recovers known weights on simulated
data, retraining reproduces the shipped weights, a declined candidate is never silent, and the
switches (`rules_only`, `--rules-only`, `--fact-model`) do what they say."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from helpers.cli import main
from helpers.extract import extract_articles
from helpers.extract.article import extract_article
from helpers.extract.explain import explain_article
from helpers.extract.fact_model import MODEL_FILE, applies, decline, fit, load_model
from helpers.extract.fact_training import (
    FIRST_RUNS,
    FIRST_RUNS_DIR,
    TRAINING_BATCHES,
    load_all,
    load_first_run,
    training_names,
    weights_text,
)
from helpers.extract.reading import read_article

ROOT = Path(__file__).resolve().parents[1]
EXTRACT = ROOT / "tests" / "fixtures" / "extract"
R7 = EXTRACT / "real_r7"
# A batch where the fact model still declines a candidate the rules read (r7's health staff,
# "5.294 người làm công tác y tế", is declined by the rules since i9r18fix).
R4 = EXTRACT / "real_r4"


def test_fit_recovers_the_weights_of_simulated_data():
    rng = np.random.default_rng(9)
    n = 4000
    a, b = rng.normal(size=n), rng.binomial(1, 0.3, size=n).astype(float)
    logit = -0.5 + 1.5 * a - 2.0 * b
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    rows = [{"bias": 1.0, "a": float(x1), "flag=b": float(x2)} for x1, x2 in zip(a, b,
                                                                               strict=True)]
    names, w, mean, scale = fit(rows, list(y), penalty=1e-3)
    raw = dict(zip(names, w / scale, strict=True))  # back to the unstandardised scale
    assert raw["a"] == pytest.approx(1.5, abs=0.15)
    assert raw["flag=b"] == pytest.approx(-2.0, abs=0.2)
    # A categorical feature seen fewer than min_count times gets no weight.
    names, *_ = fit([*rows[:10], {"bias": 1.0, "flag=rare": 1.0}], [1] * 5 + [0] * 6)
    assert "flag=rare" not in names and "a" in names


def test_retraining_reproduces_the_shipped_weights_and_names_its_batches():
    shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    retrained = json.loads(weights_text(load_all(EXTRACT)))
    assert shipped["trained_on"] == retrained["trained_on"] == list(training_names())
    assert set(TRAINING_BATCHES) <= set(shipped["trained_on"])
    assert not any(name.endswith(("r8", "r9")) for name in shipped["trained_on"])
    # A rule or gold change that moves a training candidate makes the shipped weights stale.
    stale = "the shipped weights are stale: run .venv/bin/python scripts/train_fact_model.py"
    assert shipped["features"] == retrained["features"], stale
    for key in ("weights", "mean", "scale"):
        for name in shipped["features"]:
            assert shipped[key][name] == pytest.approx(retrained[key][name], abs=1e-4), \
                f"{stale} ({key} of {name})"
    assert shipped["threshold"] == pytest.approx(retrained["threshold"], abs=1e-3), stale
    assert shipped["adopted"] == retrained["adopted"], stale
    assert shipped["lobo_pooled"] == retrained["lobo_pooled"], stale


def test_stored_first_runs_are_the_recorded_first_runs():
    # README_extract.md: r5 69 of 95 predicted matched 91 gold, r6 56/73/103, r7 27/43/36.
    recorded = {"real_r5": (69, 95, 91), "real_r6": (56, 73, 103), "real_r7": (27, 43, 36)}
    for name in FIRST_RUNS:
        batch = load_first_run(name, FIRST_RUNS_DIR)
        assert len(batch.rows) == len(batch.labels)
        if name in recorded:
            assert (sum(batch.labels), len(batch.labels), batch.gold) == recorded[name]


def test_declined_candidates_are_kept_logged_and_renumbered():
    article = read_article(R7 / "articles" / "r7_03_sonla_nam2023.txt")
    rows = extract_article(article, rules_only=True)
    assert len(rows.facts) == len(rows.evidence) >= 3
    strict = replace(load_model(), threshold=0.999999)  # declines (nearly) everything
    facts, evidence, declined, log = list(rows.facts), list(rows.evidence), [], []
    decline(facts, evidence, declined, log, strict)
    assert len(facts) + len(declined) == len(rows.facts) and declined
    assert [f["fact_id"] for f in facts] == [f"{article.article_id}-{n:03d}"
                                             for n in range(1, len(facts) + 1)]
    assert any(f"{len(declined)} candidate fact(s) declined" in m for _, m in log)
    assert all(0.0 <= d.probability < 0.999999 for d in declined)
    assert declined[0].describe().startswith("declined by the fact model (p = ")


def test_rules_only_switch_and_default():
    rules = extract_articles(R4 / "articles", rules_only=True)
    learned = extract_articles(R4 / "articles", rules_only=False)
    default = extract_articles(R4 / "articles")
    assert len(learned.facts) < len(rules.facts)
    declined = learned.log["message"].str.extract(r"^(\d+) candidate fact\(s\) declined")[0]
    assert declined.dropna().astype(int).sum() == len(rules.facts) - len(learned.facts)
    assert len(default.facts) == len(learned.facts if applies(None) else rules.facts)


def test_explain_and_command_show_the_model(tmp_path, capsys):
    text = explain_article(R4 / "articles" / "r4_06_toanquoc_bhyt_anh_2023.txt", rules_only=False)
    assert "x declined by the fact model (p = 0." in text
    assert "declined by the fact model" not in explain_article(
        R4 / "articles" / "r4_06_toanquoc_bhyt_anh_2023.txt", rules_only=True)
    for switch in ("--rules-only", "--fact-model"):
        assert main(["extract", str(R4 / "articles"), switch, "--out", str(tmp_path / switch),
                     "--evaluate", str(R4 / "gold")]) == 0
    log = (tmp_path / "--fact-model" / "extraction_log.csv").read_text(encoding="utf-8")
    assert "declined by the fact model" in log
    assert "declined" not in (tmp_path / "--rules-only" / "extraction_log.csv").read_text(
        encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["extract", str(R4 / "articles"), "--rules-only", "--fact-model"])
    capsys.readouterr()
