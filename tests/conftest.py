"""Shared fixtures: fixed seeds, figures closed after each test, a raw-data guard, the
hypothesis profile and the articles of the extractor's held-out batches."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
EXTRACT_FIXTURES = ROOT / "tests" / "fixtures" / "extract"

# Property tests check values, not speed: on a shared CI machine under load a single example can
# exceed hypothesis's 200 ms deadline (test_counts_round_trip_plain_and_grouped did, at load 25),
# so the default "ci" profile has no deadline and does not fail on slow data generation. The
# examples drawn are the same. HYPOTHESIS_PROFILE=dev restores hypothesis's own timing checks.
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def _raw_digest() -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in RAW.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(RAW)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="session", autouse=True)
def raw_data_is_never_written():
    """Every test session checks that nothing under data/raw/ changed."""
    before = _raw_digest()
    yield
    assert _raw_digest() == before, "a test or helper modified data/raw/"


@pytest.fixture
def rng():
    import numpy as np

    return np.random.default_rng(20240401)


@pytest.fixture(autouse=True)
def _fresh_shared_statistics():
    """Each test starts without the statistics a place's reports share across languages
    (helpers.report.memo): a test that replaces a statistics function for one report of a
    place must not be handed what another test computed for the same data."""
    memo = sys.modules.get("helpers.report.memo")
    if memo is not None:
        memo.clear()


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        return
    plt.close("all")


@pytest.fixture(scope="session")
def batch_articles(tmp_path_factory) -> Callable[[str], Path]:
    """The articles folder of a held-out extractor batch (``tests/fixtures/extract/<batch>``).

    A batch with its own ``articles/`` uses it. The real-reporting corpus (corpus_a, corpus_b)
    ships its articles once, in data/raw/articles (so reports cover them), and keeps only its
    gold here: its folder is assembled from the shipped copies, every file of each article that
    has a gold file, and an article missing from data/raw fails the test that asks for it.
    """
    made: dict[str, Path] = {}

    def folder(batch: str) -> Path:
        root = EXTRACT_FIXTURES / batch
        if (root / "articles").is_dir():
            return root / "articles"
        if batch not in made:
            out = tmp_path_factory.mktemp(f"{batch}-articles")
            for gold in sorted((root / "gold").glob("*.json")):
                files = sorted(RAW.joinpath("articles").glob(f"{gold.stem}.*"))
                assert any(f.suffix != ".json" for f in files), (
                    f"{batch}: gold {gold.name} has no article in data/raw/articles")
                for file in files:
                    shutil.copy2(file, out / file.name)
            made[batch] = out
        return made[batch]

    return folder


def facts_of(folder: Path, text: str, published: str | None = None,
             province: str | None = None):
    """The facts `extract_articles` reads from one article ``text`` written to ``folder`` with
    its sidecar (``publication_date``, ``province``): the set-up of the rule tests."""
    import json

    from helpers.extract import extract_articles

    (folder / "a.txt").write_text(text, encoding="utf-8")
    meta = {"article_id": "a", "publication_date": published, "province": province}
    (folder / "a.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return extract_articles(folder).facts


def fact_row(facts, value: float):
    """The first fact read with ``value`` (to a relative 1e-6); fails the test if none was."""
    rows = facts[(facts["value"] - value).abs() <= 1e-6 * abs(value)]
    assert len(rows) >= 1, f"{value} not read"
    return rows.iloc[0]
