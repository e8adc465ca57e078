"""The reading ranker (helpers.extract.reading_ranker): the conditional logit recovers known
weights on simulated choices, the readings of each field are those the text offers (the
rules' first), a field changes only past its margin and says so in --explain, the labels come
from the gold fact that differs in that field alone, and the shipped weights are a refit of
the batches they name."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from helpers.cli import main
from helpers.extract import extract_articles
from helpers.extract.ranker_data import FIRST_RUNS_DIR, REAL_BATCHES, differing, typed
from helpers.extract.ranker_training import NEVER, fit_field, label, load_all
from helpers.extract.reading_ranker import (
    FAST_ENOUGH,
    FIELDS,
    MODEL_FILE,
    Context,
    RankerModel,
    alternatives,
    applies,
    choose,
    fit,
    load_ranker,
    rerank,
    set_field,
)

ROOT = Path(__file__).resolve().parents[1]
EXTRACT = ROOT / "tests" / "fixtures" / "extract"
R7 = EXTRACT / "real_r7"
UNDATED = ("Tổng kết năm 2016, triển khai nhiệm vụ năm 2017\n"
           "Năm qua, BHXH tự nguyện có 203.000 người tham gia, tăng 5,9% so với năm 2015.\n"
           "Năm 2017 phấn đấu đạt 250.000 người.")


def _fact(**kw) -> dict:
    fact = {"fact_id": "x-001", "value": 203000.0, "indicator": "participants",
            "scheme": "voluntary_si", "is_target": False, "period_start": None,
            "period_end": date(2017, 12, 31),
            "quote": "Năm qua, BHXH tự nguyện có 203.000 người tham gia, tăng 5,9% so với "
                     "năm 2015."}
    return fact | kw


def test_fit_recovers_the_weights_of_simulated_choices():
    rng = np.random.default_rng(14)
    truth = {"a": 1.2, "b": -0.8, "c": 0.5}
    groups = []
    for _ in range(3000):
        readings = [{n: float(rng.normal()) for n in truth} for _ in range(3)]
        u = np.array([sum(truth[n] * x[n] for n in truth) for x in readings])
        p = np.exp(u - u.max()) / np.exp(u - u.max()).sum()
        groups.append((readings, int(rng.choice(3, p=p))))
    names, w = fit(groups, penalty=1e-3)
    for name, weight in zip(names, w, strict=True):
        assert weight == pytest.approx(truth[name], abs=0.12)
    # A feature seen in fewer groups than min_count gets no weight.
    names, _ = fit([*groups[:10], ([{"rare": 1.0}, {"a": 1.0}], 0)])
    assert "rare" not in names and "a" in names


def test_year_readings_of_an_undated_article_offer_the_year_before_the_plan():
    ctx = Context.of(UNDATED, None)
    readings = alternatives("year", _fact(), ctx)
    years = [y for y, _ in readings]
    assert years[0] == "2017"  # the rules' reading first
    assert set(years) == {"2015", "2016", "2017"}
    x = dict(readings)["2016"]
    assert x["undated"] == 1.0 and x["is=latest-1"] == 1.0 and x["cue=nam qua&latest-1"] == 1.0
    assert x["rules"] == 0.0 and dict(readings)["2017"]["rules"] == 1.0
    # "so với năm 2015" is named after the number, in the same sentence.
    assert dict(readings)["2015"]["sentence_after"] == 1.0
    # A dated article offers its publication year and the year before instead.
    dated = [y for y, _ in alternatives("year", _fact(), Context.of(UNDATED, date(2018, 1, 5)))]
    assert {"2017", "2018"} <= set(dated)
    assert alternatives("year", _fact(period_end=None), ctx) == []  # undated fact: no choice


def test_scheme_indicator_and_target_readings():
    ctx = Context.of("Hà Nội: bảo hiểm tự nguyện tăng\nSố người tham gia bảo hiểm tự nguyện "
                     "đạt 16,42 triệu người.", date(2025, 7, 2))
    fact = _fact(scheme="social_insurance", value=16420000.0,
                 quote="Số người tham gia bảo hiểm tự nguyện đạt 16,42 triệu người.")
    schemes = dict(alternatives("scheme", fact, ctx))
    assert list(schemes)[0] == "social_insurance"
    assert {"voluntary_si", "compulsory_si"} <= set(schemes)
    assert schemes["voluntary_si"]["word&voluntary_si"] == 1.0
    indicators = [i for i, _ in alternatives("indicator", fact, ctx)]
    assert indicators[0] == "participants" and set(indicators) == {
        "participants", "new_participants", "net_change"}
    rates = [i for i, _ in alternatives("indicator", _fact(indicator="coverage_pct"), ctx)]
    assert set(rates) == {"coverage_pct", "attainment_pct", "growth_pct"}
    assert alternatives("indicator", _fact(indicator="events"), ctx) == []
    assert [t for t, _ in alternatives("is_target", fact, ctx)] == ["False", "True"]


def test_a_field_changes_only_past_its_margin_and_says_why():
    readings = [("2017", {"rules": 1.0}), ("2016", {"cue": 1.0})]
    assert choose(readings, {"rules": 1.0, "cue": 2.5}, 1.0) == (1, 1.5)
    assert choose(readings, {"rules": 1.0, "cue": 2.5}, 2.0) == (0, 1.5)
    assert choose(readings, {"rules": 1.0, "cue": 0.5}, 0.0) == (0, 0.0)  # the rules lead
    model = RankerModel(names={"year": ("rules", "cue=nam qua&latest-1")},
                        weights={"year": (1.0, 3.0)}, margins={"year": 1.0},
                        trained_on=("b01",), adopted=False)
    facts = [_fact()]
    changes = rerank(facts, UNDATED, None, model)
    assert [(c.field, c.old, c.new) for c in changes] == [("year", "2017", "2016")]
    assert facts[0]["period_end"] == date(2016, 12, 31)
    assert changes[0].describe() == ("year 2017 → 2016 by the reading ranker, margin 2.0: "
                                     "cue=nam qua&latest-1")
    # Past a higher margin nothing changes.
    strict = RankerModel(model.names, model.weights, {"year": 2.5}, ("b01",))
    assert rerank([_fact()], UNDATED, None, strict) == []


def test_set_field_moves_the_period_and_keeps_29_february_valid():
    fact = _fact(period_start=date(2016, 1, 1), period_end=date(2016, 2, 29))
    set_field(fact, "year", "2017", "2016")
    assert (fact["period_start"], fact["period_end"]) == (date(2017, 1, 1), date(2017, 2, 28))
    set_field(fact, "is_target", "True")
    set_field(fact, "scheme", "household_hi")
    assert fact["is_target"] is True and fact["scheme"] == "household_hi"


def test_labels_come_from_the_gold_fact_that_differs_in_that_field_alone():
    ctx = Context.of(UNDATED, None)
    fact = _fact()
    readings = alternatives("year", fact, ctx)
    gold = {"indicator": "participants", "scheme": "voluntary_si", "value": 203000,
            "province": "", "period_end": "2016", "is_target": False}
    assert differing(fact, gold) == ["year"]
    assert readings[label("year", fact, readings, [gold])][0] == "2016"
    assert label("year", fact, readings, [gold | {"period_end": "2017-12-31"}]) == 0
    # Two fields wrong, or another value: no label.
    assert label("year", fact, readings, [gold | {"scheme": "health_insurance"}]) is None
    assert differing(fact, gold | {"value": 5}) is None
    row = typed({"value": "7", "is_target": "True", "period_start": "", "period_end":
                 "2020-12-31"})
    assert row["value"] == 7.0 and row["is_target"] is True and row["period_start"] is None


@pytest.fixture(scope="module")
def reads():
    return load_all()


def test_shipped_weights_are_a_refit_of_the_batches_they_name(reads):
    shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    names = [t.split(" ")[0] for t in shipped["trained_on"]]
    assert set(REAL_BATCHES) <= set(names) and "b31" in names
    # A real batch is trained on only once its first run is stored (r14 and r15 were the
    # judges of the ranker until theirs were: scripts/first_run_facts.py).
    assert all((FIRST_RUNS_DIR / f"{n}.facts.csv").is_file() for n in REAL_BATCHES)
    assert {"real_r14", "real_r15"} <= set(names)
    assert isinstance(shipped["adopted"], bool) and set(shipped["lobo_pooled"]) == {
        "rules", "rules_and_ranker"}
    assert shipped["adopted"] == (shipped["lobo_rule_met"] and shipped["keeps_the_bars"])
    stale = "the shipped weights are stale: run .venv/bin/python scripts/train_reading_ranker.py"
    for name in FIELDS:
        refit = fit_field(list(reads.values()), name)
        kept = shipped["fields"][name]["weights"]
        assert list(kept) == list(refit), stale
        for feature, weight in kept.items():
            assert weight == pytest.approx(refit[feature], abs=1e-4), f"{stale} ({feature})"
        assert 0.0 <= shipped["fields"][name]["margin"] <= NEVER


def test_ranker_switches_default_explain_and_command(tmp_path, capsys):
    model = load_ranker()
    assert applies(True) and not applies(False) and applies(None) == (model.adopted and FAST_ENOUGH)
    r13 = EXTRACT / "real_r13" / "articles"
    on = extract_articles(r13, ranker=True)
    off = extract_articles(r13, ranker=False)
    default = extract_articles(r13)
    assert len(on.facts) == len(off.facts)  # the ranker changes fields, never adds or drops
    assert default.facts.equals(on.facts if model.adopted and FAST_ENOUGH else off.facts)
    changed = on.log["message"].str.extract(r"^(\d+) field\(s\) changed by the reading")[0]
    fields = ["scheme", "indicator", "is_target", "period_end"]
    a, b = on.facts[fields], off.facts[fields]
    cells = int((~(a.eq(b) | (a.isna() & b.isna()))).to_numpy().sum())
    # Each change is one field of one fact, counted in its article's log line.
    assert changed.dropna().astype(int).sum() == cells
    assert "changed by the reading" not in " ".join(off.log["message"])
    for switch in ("--ranker", "--no-ranker"):
        assert main(["extract", str(R7 / "articles"), switch, "--out",
                     str(tmp_path / switch)]) == 0
    with pytest.raises(SystemExit):
        main(["extract", str(R7 / "articles"), "--ranker", "--no-ranker"])
    capsys.readouterr()


# The rules date this stock by its own sentence (2017); a ranker that prefers the year before
# the latest named one would read 2016. (UNDATED's "Năm qua" is left undated by the rules.)
STOCK_2017 = ("Tổng kết năm 2016, triển khai nhiệm vụ năm 2017\n"
              "Đến cuối năm 2017, BHXH tự nguyện có 203.000 người tham gia, "
              "tăng 5,9% so với năm 2015.\n"
              "Năm 2017 phấn đấu đạt 250.000 người.")


def test_explain_shows_a_field_the_ranker_changed(tmp_path, monkeypatch):
    from helpers.extract import reading_ranker
    from helpers.extract.explain import explain_article

    path = tmp_path / "undated.txt"
    path.write_text(STOCK_2017, encoding="utf-8")
    rules = explain_article(path, ranker=False)
    assert "203.000 -> " in rules and "by the reading ranker" not in rules
    year = rules.split("203.000 -> ")[1].split("\n")[0]
    old = next(y for y in ("2015", "2016", "2017") if y in year)
    # A model that always prefers the year before the latest named (2016): the rules' year
    # changes unless it is already 2016.
    model = RankerModel(names={"year": ("is=latest-1",)}, weights={"year": (5.0,)},
                        margins={"year": 1.0}, trained_on=("b01",))
    monkeypatch.setattr(reading_ranker, "load_ranker", lambda *a: model)
    text = explain_article(path, ranker=True)
    after = text.split("203.000 -> ")[1].split("\n")
    if old != "2016":
        assert "2016-12-31" in after[0]
        assert after[1].strip() == ("year 2017 → 2016 by the reading ranker, margin 5.0: "
                                    "is=latest-1").replace("2017", old)
    else:
        assert "by the reading ranker" not in after[1]
