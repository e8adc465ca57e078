"""Reading and writing the project's tables: monthly panels, facts and campaigns in; atomic
CSV/Parquet/text writes out, never under data/raw/.

Loaders return typed, validated frames (see `helpers.schema`) or raise a `helpers.errors.DataError`
that names the file, the spreadsheet row (header = row 1) and the column, with a fix.
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
import errno
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pandas as pd

from helpers import cleaning, paths
from helpers.contract import FACTS_CHECKED
from helpers.errors import BhxhError, NoRowsError
from helpers.reading import read_table
from helpers.schema import (
    CAMPAIGN_COLUMNS,
    CAMPAIGNS_SCHEMA,
    FACT_COLUMNS,
    FACTS_SCHEMA,
    PANEL_COLUMNS,
    PANEL_COUNT_COLUMNS,
    PANEL_OPTIONAL_COLUMNS,
    PANEL_SCHEMA,
    validate,
)

# check_unique has already refused repeated keys (with row numbers, and much faster than
# pandera on a million rows), so the loader validates everything else.
_PANEL_ROWS = copy.deepcopy(PANEL_SCHEMA)
_PANEL_ROWS.unique = None

__all__ = [
    "atomic_write_bytes",
    "atomic_write_text",
    "check_writable",
    "guard_writes",
    "load_campaigns",
    "load_facts",
    "load_panel",
    "refuse_raw",
    "write_table",
]


def load_panel(path: str | Path, *, header_row: int | None = None) -> pd.DataFrame:
    """Load a monthly panel (official export) from CSV, XLSX or Parquet.

    Parameters
    ----------
    path
        The file. CSV must be UTF-8 (a BOM or UTF-16 with BOM is fine); the first sheet of an
        XLSX is read.
    header_row
        The spreadsheet row holding the column names when it is not row 1 (e.g. below a title).

    Returns
    -------
    DataFrame
        Columns ``province, province_2025, district, month, scheme, participants,
        new_participants, dropouts`` (+ ``labour_force`` and any extra columns as given, then
        ``district_kind``), with canonical place names (a district by its label,
        `helpers.geo.district_label`; its kind from the reference tables, "" for totals),
        ``month`` as the month's first day, nullable ``Int64`` counts; sorted by province,
        district, scheme, month.

    Raises
    ------
    DataError
        EmptyFileError, EncodingError, HeaderRowError, MissingColumnError, InvalidValueError
        (bad month, count, scheme or unknown place names, all listed at once) or
        DuplicateRowError, each naming file, rows and column.

    Example
    -------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "panel.csv"
    ...     _ = path.write_text(
    ...         "province,district,month,scheme,participants,new_participants,dropouts\\n"
    ...         "Bac Giang,,2024-01,voluntary_si,50000,900,300\\n"
    ...         "Bac Giang,,2024-02,voluntary_si,50600,850,250\\n", encoding="utf-8")
    ...     panel = load_panel(path)
    >>> panel["province"].iloc[0], int(panel["new_participants"].sum())
    ('Bắc Giang', 1750)
    """
    raw, _ = read_table(
        path,
        required=PANEL_COLUMNS,
        optional=PANEL_OPTIONAL_COLUMNS + ["province_2025"],
        header_row=header_row,
    )
    # province_2025 is always derived from the province, never trusted from the file.
    raw = raw.drop(columns=["province_2025"], errors="ignore")
    df = raw.copy()
    df["province"] = cleaning.clean_text(raw["province"])
    df["district"] = cleaning.clean_text(raw["district"])
    df["province"], province_2025 = cleaning.resolve_provinces(df["province"], file=path)
    df.insert(1, "province_2025", province_2025)
    df["district"] = cleaning.resolve_districts(df["province"], df["district"], file=path)
    # Like province_2025, the kind is derived from the reference, never trusted from the file:
    # a panel written before the column existed loads the same way. Added last, so the
    # contract's columns keep their places.
    df = df.drop(columns=["district_kind"], errors="ignore")
    df["district_kind"] = cleaning.district_kinds(df["province"], df["district"])
    df["month"] = cleaning.parse_months(raw["month"], file=path)
    df["scheme"] = cleaning.parse_schemes(raw["scheme"], file=path)
    for column in PANEL_COUNT_COLUMNS:
        if column in df:
            df[column] = cleaning.parse_counts(raw[column], column=column, file=path)
    cleaning.check_unique(df, ["province", "district", "month", "scheme"], file=path)
    # The index holds spreadsheet row numbers, so pandera's failure rows need no offset.
    df = validate(df, _PANEL_ROWS, file=path, first_row=0)
    df = df.sort_values(["province", "district", "scheme", "month"], kind="stable")
    return df.reset_index(drop=True)


def load_facts(path: str | Path) -> pd.DataFrame:
    """Load and validate a facts table (``data/processed/facts.csv`` or a copy in XLSX/Parquet).

    Returns the `helpers.schema.FACT_COLUMNS` in contract order: ``is_target`` bool, ``value``
    float, ``period_start``/``period_end`` datetime64 (NaT where absent), other columns strings
    with ``""`` for absent. Raises a `DataError` naming file, row and column on bad input.

    Example
    -------
    >>> from helpers.paths import ROOT
    >>> facts = load_facts(ROOT / "tests/fixtures/report/facts.csv")
    >>> facts["value"].dtype, facts["is_target"].dtype
    (dtype('float64'), dtype('bool'))
    """
    # Tables written before the column existed are all in the legacy map.
    raw = _own_table(path, FACT_COLUMNS[:-1], optional=["geography"])
    if "geography" not in raw:
        raw["geography"] = "legacy"
    df = _typed(
        raw, FACT_COLUMNS, dates=["period_start", "period_end"], floats=["value"], file=path
    )
    df["is_target"] = cleaning.parse_bools(raw["is_target"], column="is_target", file=path)
    facts = validate(df, FACTS_SCHEMA, file=path, first_row=0).reset_index(drop=True)
    facts.attrs[FACTS_CHECKED] = True  # the indicators need not check it again
    return facts


def load_campaigns(path: str | Path) -> pd.DataFrame:
    """Load and validate a campaigns table (``data/processed/campaigns.csv``).

    Returns the `helpers.schema.CAMPAIGN_COLUMNS` in contract order: ``start``/``end``
    datetime64 (NaT where absent), other columns strings with ``""`` for absent. Raises a
    `DataError` naming file, row and column on bad input.

    Example
    -------
    >>> from helpers.paths import ROOT
    >>> campaigns = load_campaigns(ROOT / "tests/fixtures/report/campaigns.csv")
    >>> campaigns["start"].dtype
    dtype('<M8[ns]')
    """
    raw = _own_table(path, CAMPAIGN_COLUMNS)
    df = _typed(raw, CAMPAIGN_COLUMNS, dates=["start", "end"], floats=[], file=path)
    return validate(df, CAMPAIGNS_SCHEMA, file=path, first_row=0).reset_index(drop=True)


def _own_table(
    path: str | Path, required: list[str], optional: Sequence[str] = ()
) -> pd.DataFrame:
    """`read_table` for a table the toolkit writes (facts, campaigns), where a header and no
    rows says "none" (a build from official exports alone has no press facts)."""
    try:
        return read_table(path, required=required, optional=optional)[0]
    except NoRowsError:
        return pd.DataFrame({column: pd.Series(dtype=str) for column in required})


def _typed(
    raw: pd.DataFrame,
    columns: list[str],
    *,
    dates: list[str],
    floats: list[str],
    file: str | Path,
) -> pd.DataFrame:
    """Text columns cleaned, dates and floats parsed; the rest is left for the schema."""
    df = pd.DataFrame(index=raw.index)
    for column in columns:
        if column in dates:
            df[column] = cleaning.parse_dates(raw[column], column=column, file=file)
        elif column in floats:
            df[column] = cleaning.parse_floats(raw[column], column=column, file=file)
        else:
            df[column] = cleaning.clean_text(raw[column])
    return df


def write_table(df: pd.DataFrame, path: str | Path) -> Path:
    """Write a frame atomically: CSV (UTF-8, no index) or Parquet, chosen by the suffix.

    Dates in datetime columns are written as ISO ``YYYY-MM-DD`` in CSV. Refuses to write
    under ``data/raw/``. Returns the path written.

    Example
    -------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from helpers.paths import ROOT
    >>> facts = load_facts(ROOT / "tests/fixtures/report/facts.csv")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_table(facts, Path(folder) / "facts.csv")
    ...     load_facts(written).equals(facts)
    True
    """
    target = Path(path)
    suffix = target.suffix.lower()
    writers: dict[str, Callable[[Path], None]] = {
        ".csv": lambda tmp: df.to_csv(tmp, index=False, encoding="utf-8", date_format="%Y-%m-%d"),
        ".parquet": lambda tmp: df.to_parquet(tmp, index=False),
    }
    if suffix not in writers:
        raise BhxhError(f"{target}: cannot write '{suffix}' files; use .csv or .parquet.")
    return _atomic(target, writers[suffix])


def atomic_write_text(path: str | Path, text: str, *, encoding: str = "utf-8") -> Path:
    """Write text atomically (temp file in the same folder, then rename); refuses data/raw/."""
    return _atomic(Path(path), lambda tmp: tmp.write_text(text, encoding=encoding))


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write bytes atomically (temp file in the same folder, then rename); refuses data/raw/."""
    return _atomic(Path(path), lambda tmp: tmp.write_bytes(data))


#: Called with the target just before an atomic write puts it in place (`guard_writes`).
_WRITE_GUARD: contextvars.ContextVar[Callable[[Path], None] | None] = contextvars.ContextVar(
    "write_guard", default=None
)


@contextlib.contextmanager
def guard_writes(check: Callable[[Path], None]) -> Iterator[None]:
    """Within the block (this thread or task), call ``check(target)`` just before each atomic
    write replaces ``target``; whatever it raises discards that write, leaving the old file.

    A Dask worker uses it to put a report in place only while its batch still holds the output
    folder (`helpers.batch.lock.Lease`).
    """
    token = _WRITE_GUARD.set(check)
    try:
        yield
    finally:
        _WRITE_GUARD.reset(token)


def _atomic(target: Path, write: Callable[[Path], object]) -> Path:
    """Run ``write`` on a temp file beside ``target`` and rename it over ``target``.

    A reader never sees a half-written file, and a failure leaves the old file untouched.
    """
    _refuse_raw(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _located(exc, target) from exc
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        # mkstemp creates 0600 files; give the result the permissions a plain open() would.
        os.chmod(tmp, 0o666 & ~_UMASK)
        guard = _WRITE_GUARD.get()
        if guard is not None:
            guard(target)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _located(exc, target) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


_ERRNO_TEXT = {errno.ENOSPC: "No space left", errno.EROFS: "Read-only file system"}


def _located(exc: OSError, target: Path) -> OSError:
    """The error of a failed write, naming the file the user asked for (not our temp file);
    libraries that drop ``errno`` (pyarrow) get it back from their message."""
    code = exc.errno
    if code is None:
        code = next((c for c, text in _ERRNO_TEXT.items() if text in str(exc)), None)
    return OSError(code, exc.strerror or str(exc), str(target))


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def check_writable(folder: str | Path) -> Path:
    """Create ``folder`` if needed and prove a file can be written there, before long work.

    Raises the `OSError` of the failed write (read-only folder, full disk), which the command
    line turns into one sentence naming the folder. Refuses ``data/raw/``.
    """
    target = Path(folder)
    _refuse_raw(target)
    target.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".write-check.", suffix=".tmp", dir=target)
    os.close(fd)
    os.unlink(name)
    return target


def refuse_raw(target: str | Path) -> None:
    """Raise `BhxhError` when ``target`` is ``data/raw/`` or under it: call it before creating
    anything there (an output folder, a log folder), so a refusal leaves no trace."""
    _refuse_raw(Path(target))


def _refuse_raw(target: Path) -> None:
    raw = paths.RAW.resolve()
    resolved = target.resolve()
    if resolved == raw or raw in resolved.parents:
        raise BhxhError(
            f"{target}: refusing to write under {raw}; raw data is never modified. "
            "Write to data/processed/ or reports/ instead."
        )
