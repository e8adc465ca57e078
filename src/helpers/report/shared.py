"""Work every report of a batch shares (a national comparison, donor pools), computed once per
data folder and process, and inherited by every report kernel of a batch.

A batch's warm kernel server runs one report before it forks the kernels
(`helpers.batch.warmup`), so what a section computes through `shared` there is already in
every kernel's memory; the in-process floor (`run_analysis`) computes it once for all
provinces. The key includes the data folder's file stamps, so a changed file recomputes.

Example
-------
>>> import tempfile
>>> folder = tempfile.mkdtemp()  # a data folder without files: empty tables
>>> shared("facts-count", folder, lambda tables: len(tables.facts))
0
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: (name, folder) -> (file stamps, value). One entry per shared computation and data folder.
_CACHE: dict[tuple[str, Path], tuple[tuple, object]] = {}


def shared(name: str, data_dir: str | Path, compute: Callable[..., T]) -> T:
    """``compute(tables)`` for the data folder's tables, once per process and data version.

    Parameters
    ----------
    name
        What is computed ("donor-pools"); one value is kept per name and folder.
    data_dir
        The report's data folder; its tables (`helpers.report.data.load_tables`) are passed to
        ``compute``.
    compute
        A function of the folder's `Tables`. It must depend on nothing else (not on the
        province being reported), so its result is the same for every report of the batch.

    Returns
    -------
    The value, computed on the first call and whenever a data file changed since.
    """
    from helpers.report.data import _signature, load_tables

    folder = Path(data_dir).resolve()
    stamps = _signature(folder)
    hit = _CACHE.get((name, folder))
    if hit is not None and hit[0] == stamps:
        return hit[1]  # type: ignore[return-value]
    value = compute(load_tables(folder))
    _CACHE[(name, folder)] = (stamps, value)
    return value


def clear() -> None:
    """Forget every shared value (tests; a process that moves to other data)."""
    _CACHE.clear()
