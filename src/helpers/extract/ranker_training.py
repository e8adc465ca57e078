"""Training and honest evaluation of the reading ranker (`helpers.extract.reading_ranker`):
the readings of every fact of every batch, labelled from the gold (the reading of the gold
fact of the same article and value that differs from the rules' fact in that field alone),
conditional-logit fits, margins chosen on training batches only, and leave-one-batch-out.

Used by scripts/train_reading_ranker.py (the shipped weights), bench/lobo_reading_ranker.py
(the table of README_extract.md) and tests/test_reading_ranker.py.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field

import numpy as np

from helpers.extract.evaluate import gold_matches, matched
from helpers.extract.fact_training import prf
from helpers.extract.ranker_data import (
    FIXTURES,
    REAL_BATCHES,
    SYNTHETIC_BATCHES,
    Item,
    differing,
    load_batch,
)
from helpers.extract.reading_ranker import (
    FIELDS,
    NEVER,
    Context,
    Reading,
    alternatives,
    as_matrix,
    fit_matrix,
    prepare,
    set_field,
)

PENALTY = 1.0
MARGINS = (*(round(float(m), 2) for m in np.arange(0.0, 4.01, 0.25)), 6.0, NEVER)
READINGS = ("first", "today")


@dataclass
class Read:
    """One batch reading: its items and, per fact, the readings of each field with the index
    of the right one (None: no gold says); `matrices` caches the labelled groups of each
    field as `as_matrix` gives them over `VOCABULARY[field]`."""

    batch: str
    reading: str
    items: list[Item]
    readings: list[list[dict[str, tuple[list[Reading], int | None]]]]  # item -> fact -> field
    matrices: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]] = field(
        default_factory=dict)


def gold_value(name: str, g: dict) -> str:
    """The gold fact's value of field `name` as the readings spell it."""
    if name == "year":
        return (g.get("period_end") or "")[:4]
    if name == "is_target":
        return str(bool(g.get("is_target", False)))
    return str(g.get(name) or "")


def label(name: str, fact: dict, readings: list[Reading], gold: list[dict]) -> int | None:
    """Index of the right reading: the rules' (0) when a gold fact agrees on every field, else
    the reading of a gold fact that differs in `name` alone; None when no gold says."""
    values = [value for value, _ in readings]
    partners = [(d, g) for g in gold if (d := differing(fact, g)) is not None]
    if any(not d and (name != "year" or gold_value(name, g)) for d, g in partners):
        return 0
    for d, g in partners:
        if d == [name] and gold_value(name, g) in values:
            return values.index(gold_value(name, g))
    return None


def read_batch(batch: str, reading: str) -> Read:
    """The batch's reading with every fact's readings and labels."""
    items = load_batch(batch, reading, FIXTURES)
    out = []
    for item in items:
        ctx = Context.of(item.article.text, item.article.publication_date)
        facts = []
        for fact in item.facts:
            per: dict[str, tuple[list[Reading], int | None]] = {}
            prepared = prepare(fact, ctx)
            for name in FIELDS:
                readings = alternatives(name, prepared, ctx)
                if readings:
                    per[name] = (readings, label(name, fact, readings, item.gold))
            facts.append(per)
        out.append(facts)
    return Read(batch, reading, items, out)


def load_all() -> dict[tuple[str, str], Read]:
    """Every training reading: b01–b31 today, the real batches first and today, with the
    labelled groups of each field as matrices over the features all readings name."""
    keys = [(b, "today") for b in SYNTHETIC_BATCHES] + \
        [(b, r) for b in REAL_BATCHES for r in READINGS]
    reads = {key: read_batch(*key) for key in keys}
    for name in FIELDS:
        vocabulary = sorted({n for r in reads.values() for readings, _ in groups([r], name)
                             for x in readings for n in x})
        for r in reads.values():
            r.matrices[name] = (*as_matrix(groups([r], name), vocabulary), vocabulary)
    return reads


def groups(reads: list[Read], name: str) -> list[tuple[list[dict[str, float]], int]]:
    """Labelled groups of field `name`."""
    return [([x for _, x in readings], y) for r in reads for facts in r.readings
            for per in facts if name in per for readings, y in [per[name]] if y is not None]


def fit_field(reads: list[Read], name: str) -> dict[str, float]:
    """Weights of field `name` fitted on `reads` (features seen in fewer than 5 of their
    groups get none)."""
    parts = [r.matrices[name] for r in reads]
    vocabulary = parts[0][3]
    names, w = fit_matrix(np.concatenate([p[0] for p in parts]),
                          np.concatenate([p[1] for p in parts]),
                          np.concatenate([p[2] for p in parts]), vocabulary, penalty=PENALTY)
    return {n: float(v) for n, v in zip(names, w, strict=True)}


def _leads(weights: dict[str, float], readings: list[Reading]) -> tuple[int, float]:
    scores = [sum(weights.get(n, 0.0) * v for n, v in x.items()) for _, x in readings]
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    return best, scores[best] - scores[0]


def net_fixes(weights: dict[str, float], reads: list[Read], name: str,
              margins: tuple[float, ...] = MARGINS) -> dict[float, int]:
    """Per margin: labelled facts the ranker makes right minus those it makes wrong."""
    out = dict.fromkeys(margins, 0)
    for readings, y in ((rd, y) for r in reads for facts in r.readings for per in facts
                        if name in per for rd, y in [per[name]] if y is not None):
        best, lead = _leads(weights, readings)
        if best:
            gain = int(best == y) - int(y == 0)
            for m in margins:
                if lead > m:
                    out[m] += gain
    return out


def train(all_reads: dict[tuple[str, str], Read], batches: list[str]) -> dict[str, dict]:
    """Fit each field on `batches` (every reading of them); its margin maximises the net
    fixes over the real batches among them, each scored by a fit without it (the largest
    margin among ties)."""
    reads = [r for (b, _), r in all_reads.items() if b in batches]
    real = [b for b in batches if b in REAL_BATCHES]
    out = {}
    for name in FIELDS:
        totals = dict.fromkeys(MARGINS, 0)
        for held in real:
            inner = fit_field([r for r in reads if r.batch != held], name)
            scored = [r for r in reads if r.batch == held]
            for m, gain in net_fixes(inner, scored, name).items():
                totals[m] += gain
        margin = max(MARGINS, key=lambda m: (totals[m], m))
        out[name] = {"margin": margin, "weights": fit_field(reads, name)}
    return out


def apply(model: dict[str, dict], read: Read) -> list[list[dict]]:
    """The facts of `read` after the ranker (copies; the readings computed on the rules'
    facts, as `reading_ranker.rerank` does)."""
    out = []
    for item, facts in zip(read.items, read.readings, strict=True):
        changed = copy.deepcopy(item.facts)
        for fact, per in zip(changed, facts, strict=True):
            picks = []
            for name, (readings, _) in per.items():
                best, lead = _leads(model[name]["weights"], readings)
                if best and lead > model[name]["margin"]:
                    picks.append((name, readings[best][0], readings[0][0]))
            for name, new, old in picks:
                set_field(fact, name, new, old)
        out.append(changed)
    return out


def counts(read: Read, facts: list[list[dict]] | None = None) -> tuple[int, int, int]:
    """(matched, predicted, gold) of `read` (or of `facts`, the same articles read otherwise)."""
    facts = facts if facts is not None else [i.facts for i in read.items]
    m = sum(sum(matched(f, i.gold)) for f, i in zip(facts, read.items, strict=True))
    return m, sum(len(f) for f in facts), sum(len(i.gold) for i in read.items)


@dataclass
class Held:
    """One leave-one-batch-out row: batch, reading, margins, rules and rules + ranker counts."""

    batch: str
    reading: str
    margins: dict[str, float]
    rules: tuple[int, int, int]
    ranker: tuple[int, int, int]


def lobo(all_reads: dict[tuple[str, str], Read]) -> list[Held]:
    """Leave each real batch out (both readings; b01–b31 always in), train on the rest, score
    the held batch's first run and today's reading."""
    everything = sorted({b for b, _ in all_reads})
    out = []
    for held in REAL_BATCHES:
        model = train(all_reads, [b for b in everything if b != held])
        margins = {n: model[n]["margin"] for n in FIELDS}
        for reading in READINGS:
            read = all_reads[(held, reading)]
            out.append(Held(held, reading, margins, counts(read), counts(read, apply(model, read))))
    return out


def pooled(rows: list[Held], reading: str | None = None) -> tuple[tuple, tuple]:
    """Summed counts of the rules alone and of rules + ranker."""
    chosen = [r for r in rows if reading is None or r.reading == reading]
    return (tuple(sum(r.rules[i] for r in chosen) for i in range(3)),
            tuple(sum(r.ranker[i] for r in chosen) for i in range(3)))


def adopted(rows: list[Held]) -> bool:
    """Adopt only if the pooled F1 (both readings) is higher and precision not lower."""
    rules, ranker = pooled(rows)
    return prf(*ranker)[2] > prf(*rules)[2] and prf(*ranker)[0] >= prf(*rules)[0]


def bar_measures(read: Read, facts: list[list[dict]] | None = None) -> tuple[float, ...]:
    """The measures the bars of tests/test_extract.py hold a batch to: precision, recall and
    the share of matched facts whose period_end agrees with the gold (as `evaluate`)."""
    facts = facts if facts is not None else [i.facts for i in read.items]
    right = hits = 0
    for f, item in zip(facts, read.items, strict=True):
        for g, hit in zip(item.gold, gold_matches(f, item.gold), strict=True):
            if hit is None:
                continue
            hits += 1
            end = f[hit]["period_end"]
            predicted = end.isoformat() if end else ""
            expected = g.get("period_end") or ""
            right += predicted[:len(expected)] == expected if expected else predicted == ""
    precision, recall, _ = prf(*counts(read, facts))
    return precision, recall, right / hits if hits else 1.0


def keeps_the_bars(model: dict[str, dict], all_reads: dict[tuple[str, str], Read]) -> bool:
    """Whether the fitted ranker lowers none of the bar measures (`bar_measures`) of any real
    batch as the rules read it today: a default reading must keep tests/test_extract.py's
    bars, which are not lowered for it."""
    for batch in REAL_BATCHES:
        read = all_reads[(batch, "today")]
        before, after = bar_measures(read), bar_measures(read, apply(model, read))
        if any(a < b - 1e-12 for a, b in zip(after, before, strict=True)):
            return False
    return True


def weights_text(all_reads: dict[tuple[str, str], Read]) -> str:
    """The shipped weights file: every batch in training, margins chosen leave-one-out, the
    pooled LOBO counts and the adoption computed from them."""
    names = sorted({b for b, _ in all_reads})
    model = train(all_reads, names)
    rows = lobo(all_reads)
    rules, ranker = pooled(rows)
    lobo_rule, bars = adopted(rows), keeps_the_bars(model, all_reads)
    doc = {
        "model": "conditional logit over the readings of each field (helpers.extract."
                 "reading_ranker); a reading replaces the rules' when its score leads by more "
                 "than the field's margin",
        "trained_on": [f"{b} ({', '.join(r for (bb, r) in all_reads if bb == b)})"
                       for b in names],
        # On by default only if both hold: the pooled LOBO F1 higher and precision not lower,
        # and no real batch's bar measure lower with the shipped weights.
        "adopted": lobo_rule and bars,
        "lobo_rule_met": lobo_rule,
        "keeps_the_bars": bars,
        "lobo_pooled": {"rules": list(rules), "rules_and_ranker": list(ranker)},
        "penalty": PENALTY,
        "fields": {n: {"margin": model[n]["margin"],
                       "groups": len(groups(list(all_reads.values()), n)),
                       "weights": {k: round(v, 6) for k, v in model[n]["weights"].items()}}
                   for n in FIELDS},
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
