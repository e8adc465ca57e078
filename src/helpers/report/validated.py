"""The validated copy of a data folder's monthly panel: checked once by helpers.io.load_panel,
then read one province at a time, so a report in a fresh kernel reads only its own rows.

The copy (``.validated/panel.parquet`` in the data folder) carries in its Parquet metadata the
size and modification time of the panel it was validated from and the loader that checked it.
A copy whose stamp does not match the panel is never used: the panel is validated again.
"""

from __future__ import annotations

import io as _bytes
import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.report.params import PANEL_FILE

VALIDATED_DIR = ".validated"
#: Parquet metadata key of the stamp; its "validator" names the check the rows passed.
STAMP_KEY = b"bhxh_validated"
VALIDATOR = "helpers.io.load_panel"
#: What the loader adds to the file's columns; a copy made before (without district_kind) is
#: not the loader's output any more and is validated again.
DERIVED = ("province_2025", "district_kind")


def validated_path(folder: Path) -> Path:
    """Where the validated copy of ``folder``'s panel lives."""
    return folder / VALIDATED_DIR / PANEL_FILE


def _stamp(source: Path) -> dict[str, object]:
    info = source.stat()
    return {
        "source": source.name,
        "size": info.st_size,
        "mtime_ns": info.st_mtime_ns,
        "validator": VALIDATOR,
        "derived": list(DERIVED),
    }


def stamp_of(copy: Path) -> dict | None:
    """The stamp written into a validated copy, or None (no copy, unreadable, no stamp)."""
    import pyarrow.parquet as pq

    try:
        metadata = pq.read_schema(copy).metadata or {}
    except (OSError, ValueError):
        return None
    raw = metadata.get(STAMP_KEY)
    return json.loads(raw) if raw else None


def _write_copy(panel: pd.DataFrame, copy: Path, stamp: dict) -> None:
    """Write the validated rows with their stamp, atomically; never under data/raw/ (the raw
    folder stays untouched, its reports simply validate each time)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from helpers.io import atomic_write_bytes

    if copy.resolve().is_relative_to(paths.RAW.resolve()):
        return
    table = pa.Table.from_pandas(panel, preserve_index=False)
    metadata = dict(table.schema.metadata or {})
    metadata[STAMP_KEY] = json.dumps(stamp).encode()
    buffer = _bytes.BytesIO()
    pq.write_table(table.replace_schema_metadata(metadata), buffer)
    try:
        copy.parent.mkdir(exist_ok=True)
        atomic_write_bytes(copy, buffer.getvalue())
    except OSError:
        # A read-only data folder still gives correct reports, only slower ones.
        return


def validated_panel(
    folder: str | Path, provinces: Sequence[str] | None = None
) -> pd.DataFrame | None:
    """The folder's panel.parquet as helpers.io.load_panel returns it, optionally only the rows
    of some (canonical, pre-2025) provinces.

    Parameters
    ----------
    folder
        Data folder.
    provinces
        Canonical former-province names; None for every row.

    Returns
    -------
    DataFrame or None
        None when the folder has no panel.

    Raises
    ------
    DataError
        From helpers.io.load_panel when the panel is malformed.
    """
    folder = Path(folder)
    source = folder / PANEL_FILE
    if not source.is_file():
        return None
    copy = validated_path(folder)
    stamp = _stamp(source)
    if stamp_of(copy) != stamp:
        from helpers.io import load_panel

        panel = load_panel(source)
        _write_copy(panel, copy, stamp)
        if provinces is None:
            return panel
        return panel[panel["province"].isin(list(provinces))].reset_index(drop=True)
    import pyarrow.parquet as pq

    wanted = None if provinces is None else [("province", "in", list(provinces))]
    return pq.read_table(copy, filters=wanted).to_pandas()
