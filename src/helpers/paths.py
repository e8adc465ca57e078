"""Where things live: every path the toolkit uses, built from the package's own location.

Set ``BHXH_ROOT`` to point the toolkit at another checkout's data (useful for tests).
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The repository root: ``$BHXH_ROOT`` if set, else two levels above ``src/helpers``."""
    env = os.environ.get("BHXH_ROOT")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[2]


ROOT = project_root()
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
ARTICLES = RAW / "articles"
REFERENCE = RAW / "reference"
TEMPLATES = RAW / "templates"
OFFICIAL = RAW / "official"
CORRECTIONS = RAW / "corrections.csv"
DEMO = PROCESSED / "demo"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
CROSSWALK = REFERENCE / "province_crosswalk_2025.csv"
