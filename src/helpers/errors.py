"""Exceptions that name the data problem: which file, which row, which column, how to fix it.

Every error a user can cause derives from `BhxhError`; data errors are also `ValueError`s.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class BhxhError(Exception):
    """Base class of every error the toolkit raises on purpose."""


class DataError(BhxhError, ValueError):
    """A problem in an input file, located as precisely as we can.

    Parameters
    ----------
    problem
        What is wrong, in one sentence.
    file, row, column
        Where it is. ``row`` is the 1-based line number as a spreadsheet shows it
        (header = row 1), so a user can go straight to it.
    hint
        How to fix it.
    code
        Stable UPPER_SNAKE name of the problem (e.g. "NON_FINITE_VALUE"), for code that
        branches on it; None where none was given.
    """

    def __init__(
        self,
        problem: str,
        *,
        file: str | Path | None = None,
        row: int | Sequence[int] | None = None,
        column: str | None = None,
        hint: str | None = None,
        code: str | None = None,
    ) -> None:
        self.problem = problem
        self.code = code
        self.file = str(file) if file is not None else None
        self.row = row
        self.column = column
        self.hint = hint
        super().__init__(self._message())

    def _message(self) -> str:
        where = []
        if self.file:
            where.append(f"{self.file}")
        if self.row is not None:
            if isinstance(self.row, int):
                where.append(f"row {self.row}")
            else:
                rows = list(self.row)
                shown = ", ".join(str(r) for r in rows[:10])
                more = f" and {len(rows) - 10} more" if len(rows) > 10 else ""
                where.append(f"rows {shown}{more}")
        if self.column:
            where.append(f"column '{self.column}'")
        text = (", ".join(where) + ": " if where else "") + self.problem
        if self.hint:
            text += f" {self.hint}"
        return text


class EmptyFileError(DataError):
    """The file has no content, or a header and no rows."""


class NoRowsError(EmptyFileError):
    """The file has a header but no rows: an error in an export, "none" in a table we wrote."""


class EncodingError(DataError):
    """The file is not in an encoding we can read (UTF-8 expected)."""


class MissingColumnError(DataError):
    """A required column is missing or misspelled."""


class InvalidValueError(DataError):
    """A cell holds a value the contract does not allow (non-numeric, negative, bad month)."""


class DuplicateRowError(DataError):
    """Two rows share a key that must be unique (e.g. province and month)."""


class HeaderRowError(DataError):
    """The header of a spreadsheet is not where it should be."""


class UnknownPlaceError(BhxhError, ValueError):
    """A place name that resolves to no unit, or to more than one.

    Attributes
    ----------
    name
        The name as given.
    candidates
        The closest canonical names, best first.
    """

    def __init__(self, name: str, candidates: Sequence[str] = (), *, reason: str = "") -> None:
        self.name = name
        self.candidates = list(candidates)
        why = reason or "matches no known place"
        text = f"'{name}' {why}."
        if self.candidates:
            text += " Closest matches: " + ", ".join(self.candidates[:5]) + "."
        super().__init__(text)


class ParameterError(BhxhError, ValueError):
    """A report or command parameter that cannot be used (wrong type, unknown value)."""


class AnalysisRefused(BhxhError):
    """Raised by helpers asked to compute something the data cannot support.

    Result objects usually carry a ``status="refuse"`` instead; this exception is for
    functions whose return value would be meaningless (e.g. a projection from two points).
    """


class ReportExecutionError(BhxhError):
    """A province report's notebook failed while running.

    Attributes
    ----------
    province
        The report's province (canonical name).
    cell_index
        0-based index of the failing cell in the executed notebook (None if unknown).
    message
        The error as the notebook showed it, in one line.
    """

    def __init__(self, province: str, cell_index: int | None, message: str) -> None:
        self.province = province
        self.cell_index = cell_index
        self.message = message
        where = f"cell {cell_index}" if cell_index is not None else "the notebook"
        super().__init__(f"report for {province} failed in {where}: {message}")


class OutputFolderError(BhxhError):
    """A folder the toolkit must write to is unusable: read-only, full, or locked by another run."""


def describe_os_error(exc: OSError) -> str:
    """One sentence for a failed file operation: which file or folder, what to do.

    Example
    -------
    >>> describe_os_error(PermissionError(13, "Permission denied", "reports"))[:42]
    "cannot write to 'reports': permission deni"
    """
    import errno

    where = exc.filename if exc.filename is not None else "a file"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"the disk holding '{where}' is full. Free some space and run the command again; "
            "files already there were left as they were."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"cannot write to '{where}': permission denied (read-only folder?). Make it "
            "writable, or choose another folder with --out."
        )
    reason = (exc.strerror or type(exc).__name__).lower()
    return f"'{where}': {reason}. Check that the path exists and is usable, then run again."
