"""The report warm-up the kernel server runs before forking: data loaded, nothing left open."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt

from helpers.batch import runner
from helpers.batch.warmup import warm_report
from helpers.report import data

FIXTURE = Path(__file__).parent / "fixtures" / "report"


def test_warm_up_loads_the_folder_and_leaves_no_figure_open(monkeypatch):
    monkeypatch.setattr(data, "_LOADED", {})
    plt.close("all")
    warm_report(str(FIXTURE))
    assert FIXTURE.resolve() in data._LOADED
    assert plt.get_fignums() == []


def test_the_report_backend_is_warmed_by_it():
    module, _, function = runner.KNOWN_BACKENDS["helpers.report"]["warmup"].partition(":")
    assert (module, function) == (warm_report.__module__, warm_report.__name__)
