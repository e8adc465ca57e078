"""The per-batch shared computations: once per data folder and version, recomputed on change."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers.report.shared import clear, shared

FIXTURE = Path(__file__).parent / "fixtures" / "report"


def test_a_shared_value_is_computed_once_per_data_version(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE, folder)
    clear()
    calls = []

    def count_facts(tables):
        calls.append(1)
        return len(tables.facts)

    first = shared("facts", folder, count_facts)
    assert shared("facts", folder, count_facts) == first and len(calls) == 1
    assert shared("other", folder, lambda tables: 7) == 7  # another name, its own value
    facts = (folder / "facts.csv").read_text(encoding="utf-8").splitlines()
    (folder / "facts.csv").write_text("\n".join(facts[:-1]) + "\n", encoding="utf-8")
    assert shared("facts", folder, count_facts) == first - 1 and len(calls) == 2
