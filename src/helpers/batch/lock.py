"""A lock on an output folder, so two runs never write one folder's manifest or tables at once.

The lock is a file created with ``O_CREAT | O_EXCL`` (atomic on local disks and on NFS v3+),
holding the owner's host, pid and start time. The owner refreshes its modification time every
few seconds, so a lock left by a killed run is recognised as stale: on the same host when its
pid is gone, on any host (a shared filesystem, Dask workers) when it has not been refreshed
for ``stale_after`` seconds. Use it as a context manager::

    with folder_lock(out_dir, purpose="bhxh reports"):
        ...  # write manifest, index, reports
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from helpers.errors import OutputFolderError

LOCK_NAME = ".bhxh.lock"
#: Seconds between refreshes of a held lock's modification time.
HEARTBEAT = 5.0
#: A lock not refreshed for this long is stale, wherever its owner runs.
STALE_AFTER = 60.0

__all__ = ["FolderLock", "LockHolder", "folder_lock", "pid_alive", "read_holder"]


@dataclass(frozen=True)
class LockHolder:
    """Who holds a folder's lock: ``host``, ``pid``, ``since`` (ISO time), ``purpose``."""

    host: str
    pid: int
    since: str
    purpose: str
    token: str

    def describe(self) -> str:
        """"bhxh reports (pid 1234 on host-a, since 2026-01-01T10:00:00)"."""
        return f"{self.purpose} (pid {self.pid} on {self.host}, since {self.since})"


def read_holder(folder: str | Path) -> LockHolder | None:
    """The current holder of ``folder``'s lock, or None when it is free or unreadable."""
    return read_holder_file(Path(folder) / LOCK_NAME)


class FolderLock:
    """An exclusive, stale-aware lock on one folder (see the module docstring).

    Parameters
    ----------
    folder
        The folder to lock (created if missing).
    purpose
        Shown to a run that finds the folder locked (``"bhxh reports"``).
    wait
        Seconds to wait for a busy lock before refusing; 0 refuses at once.
    stale_after
        Seconds without a refresh after which any holder is considered gone.
    """

    def __init__(
        self,
        folder: str | Path,
        *,
        purpose: str = "bhxh",
        wait: float = 0.0,
        stale_after: float = STALE_AFTER,
    ) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self.purpose = purpose
        self.wait = wait
        self.stale_after = stale_after
        self.token = uuid.uuid4().hex
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None

    def acquire(self) -> None:
        """Take the lock, waiting up to ``wait`` seconds; raise `OutputFolderError` if busy."""
        self.folder.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.wait
        while not self._try_create():
            holder = read_holder(self.folder)
            if self._is_stale(holder):
                self._break(holder)
                continue
            if time.monotonic() >= deadline:
                who = holder.describe() if holder else "another run"
                raise OutputFolderError(
                    f"{self.folder} is being written by {who}. Wait for it to finish, or write "
                    f"elsewhere with --out; if no such run exists, delete {self.path}."
                )
            time.sleep(0.2)
        self._stop.clear()
        self._beat = threading.Thread(target=self._heartbeat, name="folder-lock", daemon=True)
        self._beat.start()

    def release(self) -> None:
        """Give the lock up (only if it is still ours)."""
        self._stop.set()
        if self._beat is not None:
            self._beat.join(timeout=HEARTBEAT + 1)
            self._beat = None
        holder = read_holder(self.folder)
        if holder is not None and holder.token == self.token:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()

    def __enter__(self) -> FolderLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def _try_create(self) -> bool:
        record = {
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "purpose": self.purpose,
            "token": self.token,
        }
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(record, handle)
        except OSError as exc:
            self.path.unlink(missing_ok=True)  # a full disk must not leave a lock behind
            raise OSError(exc.errno, exc.strerror, str(self.path)) from exc
        return True

    def _is_stale(self, holder: LockHolder | None) -> bool:
        try:
            age = time.time() - self.path.stat().st_mtime
        except FileNotFoundError:
            return False  # released meanwhile: the next attempt will take it
        if holder is None:
            # Being written this instant, or garbage: give a writer a moment.
            return age > 2.0
        if holder.host == socket.gethostname() and not pid_alive(holder.pid):
            return True
        return age > self.stale_after

    def _break(self, holder: LockHolder | None) -> None:
        """Remove a stale lock, without removing one a faster run has just taken instead."""
        aside = self.path.with_name(f"{LOCK_NAME}.stale-{self.token}")
        try:
            os.rename(self.path, aside)
        except FileNotFoundError:
            return
        moved = read_holder_file(aside)
        if holder is not None and moved is not None and moved.token != holder.token:
            # Not the lock we judged stale: put it back if the place is still free.
            with contextlib.suppress(FileExistsError):
                os.link(aside, self.path)
        aside.unlink(missing_ok=True)

    def _heartbeat(self) -> None:
        while not self._stop.wait(HEARTBEAT):
            with contextlib.suppress(OSError):
                os.utime(self.path)


def read_holder_file(path: Path) -> LockHolder | None:
    """`read_holder` for a lock file at an explicit path."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockHolder(
            str(data["host"]), int(data["pid"]), str(data["since"]), str(data["purpose"]),
            str(data["token"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


@contextlib.contextmanager
def folder_lock(
    folder: str | Path, *, purpose: str = "bhxh", wait: float = 0.0,
    stale_after: float = STALE_AFTER,
) -> Iterator[FolderLock]:
    """Hold `FolderLock` on ``folder`` for the ``with`` block.

    Raises
    ------
    OutputFolderError
        When another live run holds the folder after ``wait`` seconds.
    """
    lock = FolderLock(folder, purpose=purpose, wait=wait, stale_after=stale_after)
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()


def pid_alive(pid: int) -> bool:
    """True when a process ``pid`` exists on this host and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[0] != "Z"
