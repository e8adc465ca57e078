"""Shared fixtures: fixed seeds, figures closed after each test, a raw-data guard."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


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
def _close_figures():
    yield
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        return
    plt.close("all")
