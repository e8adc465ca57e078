"""The build-status file of data/processed/: whether the last `bhxh process` succeeded.

A failed build changes nothing in the folder except this file, which records why; a batch of
reports refuses to run on a folder whose last build failed, so no report shows stale numbers
as if they were current. Also: which input files a build ignored or set aside, and the
clean-up of temp files a killed run left behind.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from helpers.errors import BhxhError

STATUS_FILE = "build_status.json"
#: Names of files that are not data: Excel lock files, macOS resource forks, editor and
#: download leftovers, hidden files.
_JUNK_PREFIXES = ("~$", "._", ".", "~")
_JUNK_SUFFIXES = (".tmp", ".temp", ".part", ".crdownload", "~", ".swp", ".bak")


class StaleBuildError(BhxhError):
    """The data folder's last build failed: its tables are older than data/raw/."""


def is_junk(path: Path) -> bool:
    """True for files a folder of exports may hold that are not data (``~$a.xlsx``, ``._a.csv``)."""
    name = path.name
    return name.startswith(_JUNK_PREFIXES) or name.lower().endswith(_JUNK_SUFFIXES)


def write_status(
    folder: str | Path,
    *,
    ok: bool,
    error: str = "",
    set_aside: list[dict[str, str]] | None = None,
    ignored: list[str] | None = None,
    written: list[str] | None = None,
) -> Path:
    """Record the outcome of a build in ``folder/build_status.json`` (atomically)."""
    from helpers.io import atomic_write_text

    record: dict[str, Any] = {
        "status": "ok" if ok else "failed",
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "error": error,
        "set_aside": set_aside or [],
        "ignored": ignored or [],
        "written": written or [],
    }
    text = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
    return atomic_write_text(Path(folder) / STATUS_FILE, text)


def read_status(folder: str | Path) -> dict[str, Any] | None:
    """The last build's record, or None when the folder has none (or it is unreadable)."""
    try:
        data = json.loads((Path(folder) / STATUS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def check_status(folder: str | Path) -> dict[str, Any] | None:
    """Refuse a folder whose last build failed; return its record (None if there is none).

    Raises
    ------
    StaleBuildError
        Naming the failure and how to fix it.
    """
    record = read_status(folder)
    if record is not None and record.get("status") == "failed":
        raise StaleBuildError(
            f"the last `bhxh process` failed, so {folder} still holds the previous build: "
            f"{record.get('error') or 'unknown error'} Fix the file and run `bhxh process` "
            "again, or set bad files aside with `bhxh process --skip-bad`."
        )
    return record


def clean_temp_files(folder: str | Path) -> list[Path]:
    """Delete the temp files (``.name.XXXX.tmp``) a killed atomic write left in ``folder``.

    Call it only while holding the folder's lock (`helpers.batch.lock`), when no write of
    ours can be in progress there.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    removed = []
    for path in folder.glob(".*.tmp"):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed
