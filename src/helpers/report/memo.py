"""Work the reports of one place share across their languages, computed once per kernel.

The vi and en reports of a province compute the same statistics (the press summary, the
forecast, the interrupted time series) and differ only in their words, tables and figures. A
batch runs a province's languages one after the other on the same kept kernel
(`helpers.batch.runner`), so the second report takes these results from the first.

What is kept is keyed by the report's *scope*: the digests of the data files it reads and its
parameters except the language (`scope_of`), which `load_report_data` puts on the data it
loads (``ReportData.scope``). A computation asked for data of another scope than the last one
drops everything kept (`enter`), so nothing of one province ever reaches another's report; data
without a scope (built by hand) is computed, not kept; a report in a fresh kernel computes
everything itself. Each value is kept as a deep copy and
handed out as a deep copy, so a report that changes what it got changes nothing for the next.

Example
-------
>>> calls = []
>>> def fit():
...     calls.append(1)
...     return {"estimate": 1.5}
>>> scope = ("data digests", "parameters but the language")
>>> remembered(scope, ("fit", "window"), fit), remembered(scope, ("fit", "window"), fit)
({'estimate': 1.5}, {'estimate': 1.5})
>>> len(calls)
1
>>> remembered(("data digests", "another province"), ("fit", "window"), fit) and len(calls)
2
>>> remembered(None, ("fit", "window"), fit) and len(calls)  # no scope: computed, not kept
3
"""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from helpers.paths import file_digest

T = TypeVar("T")

#: The scope of the values kept (None: no report loaded yet) and the values, by key.
_SCOPE: list[Hashable] = [None]
_VALUES: dict[Hashable, Any] = {}
#: Hits and computations since the process started (tests, benchmarks).
COUNTS = {"hits": 0, "computed": 0}


def scope_of(params: Any) -> tuple[str, str]:
    """A report's scope: the digests of its data files and its parameters but the language."""
    from helpers.report.params import input_files

    files = sorted(input_files(params))
    data = [(path.name, file_digest(path)) for path in files]
    fields = dataclasses.asdict(params)
    fields.pop("lang", None)
    return (
        json.dumps(data),
        json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str),
    )


def enter(scope: Hashable) -> None:
    """Start a report of ``scope``: what was kept for another scope is dropped."""
    if _SCOPE[0] != scope:
        _VALUES.clear()
        _SCOPE[0] = scope


def remembered(scope: Hashable, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` once per ``scope`` and ``key``; later calls get a deep copy of the result.

    ``scope`` is the report data's (``ReportData.scope``; None: computed, nothing kept);
    ``key`` names the computation and any argument the scope does not fix; ``compute`` must
    depend on nothing but the scope and ``key`` (never on the language).
    """
    if scope is None:
        return compute()
    enter(scope)
    if key in _VALUES:
        COUNTS["hits"] += 1
        return copy.deepcopy(_VALUES[key])
    value = compute()
    COUNTS["computed"] += 1
    _VALUES[key] = copy.deepcopy(value)
    return value


def clear() -> None:
    """Drop every value and the scope (the warm kernel server after its warm-up; tests)."""
    _VALUES.clear()
    _SCOPE[0] = None


def kept() -> int:
    """How many values are kept now (tests)."""
    return len(_VALUES)
