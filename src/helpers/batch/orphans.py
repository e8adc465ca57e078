"""What a killed batch leaves behind, and how the next run cleans it: warm-kernel folders of
servers that no longer run, and the batch pid its workers watch so they die with it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from helpers.batch.lock import pid_alive

#: Workers read the pid of the batch that owns them from here (inherited through the
#: forkserver), and exit when that process is gone.
BATCH_PID_ENV = "BHXH_BATCH_PID"
_PREFIX = "bhxh-warm-"
#: A folder younger than this may belong to a server still importing its libraries.
_GRACE = 600.0


def clean_orphaned_servers(tmp: str | Path | None = None) -> list[Path]:
    """Remove warm-kernel folders (``bhxh-warm-*`` in the temp folder) whose server is gone.

    A server's command line names its folder; a folder no running process names was left by a
    batch killed outright (where ``/proc`` is missing, folders older than `_GRACE` seconds go).
    Returns the folders removed.
    """
    base = Path(tmp or tempfile.gettempdir())
    folders = [f for f in base.glob(f"{_PREFIX}*") if f.is_dir()]
    if not folders:
        return []
    in_use = _command_lines()
    removed = []
    for folder in folders:
        if in_use is None:
            try:
                stale = time.time() - folder.stat().st_mtime > _GRACE
            except OSError:
                continue
        else:
            stale = not any(str(folder) in line for line in in_use)
        if stale:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _command_lines() -> list[str] | None:
    """Every running process's command line (None where ``/proc`` cannot be read)."""
    proc = Path("/proc")
    if not (proc / "self" / "cmdline").exists():
        return None
    lines = []
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                lines.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(
                    errors="replace"))
            except OSError:
                continue
    return lines


def mark_batch() -> None:
    """Name this process as the batch its worker processes must die with (see `watch_batch`)."""
    os.environ[BATCH_PID_ENV] = str(os.getpid())


def watch_batch(interval: float = 1.0) -> None:
    """In a worker: exit as soon as the batch process (or, failing that, the parent) is gone.

    A pool's workers are children of the forkserver, not of the batch, so watching the parent
    alone lets them outlive a batch killed with SIGKILL and keep writing reports.
    """
    parent = os.getppid()
    batch = int(os.environ.get(BATCH_PID_ENV) or 0)

    def watch() -> None:
        while os.getppid() == parent and (not batch or pid_alive(batch)):
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="batch-watch", daemon=True).start()
