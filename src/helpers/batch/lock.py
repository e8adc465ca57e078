"""A lock on an output folder, so two runs never write one folder's manifest or reports at once,
also when the folder is shared by several machines (NFS/SMB, Dask workers elsewhere).

The lock is a file, ``.bhxh.lock``, holding its owner's unique token, host, machine (boot id),
pid and start time. It is made whole in a private file and put in place with ``link``, which is
atomic and exclusive on local disks and on every NFS version (``O_EXCL`` is not on old NFS).
The owner refreshes the file's modification time every `HEARTBEAT` seconds; the lock is stale
when that heartbeat stops for ``stale_after`` seconds, or at once when its owner ran on this
machine and its pid is gone (a pid means nothing on another host, so there only the heartbeat
counts). A stale lock is taken over with a warning naming the run that left it::

    with folder_lock(out_dir, purpose="bhxh reports"):
        ...  # write manifest, index, reports

While a run holds the lock, it is also a lease for the work it hands out: a worker on any
machine checks `Lease.problem` before it starts a report and again before it puts the report
in place, and discards its work when the lock is gone, stale or another run's. Hosts sharing a
folder must keep their clocks in step (NTP) to well within ``stale_after``.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from helpers.errors import BhxhError, OutputFolderError

LOCK_NAME = ".bhxh.lock"
#: Seconds between refreshes of a held lock's modification time.
HEARTBEAT = 5.0
#: A lock whose heartbeat stopped this long ago is stale, wherever its owner runs.
STALE_AFTER = 60.0
#: An unreadable lock file this old is garbage (a complete one is linked in place at once).
_UNREADABLE_AFTER = 2.0
#: errno of a filesystem without hard links: the lock is then created with ``O_EXCL``.
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK}

_log = logging.getLogger(__name__)
_held: dict[Path, FolderLock] = {}
_held_guard = threading.Lock()

__all__ = [
    "FolderLock",
    "Lease",
    "LeaseLostError",
    "LockHolder",
    "folder_lock",
    "held_lease",
    "pid_alive",
    "read_holder",
]


class LeaseLostError(BhxhError):
    """A worker's batch no longer holds the output folder: its report is not put in place."""


@dataclass(frozen=True)
class LockHolder:
    """Who holds a folder's lock: ``host``, ``pid``, ``since`` (ISO time), ``purpose``,
    ``token`` (unique per run) and ``machine`` (boot id; ``""`` in locks of older versions)."""

    host: str
    pid: int
    since: str
    purpose: str
    token: str
    machine: str = ""

    def describe(self) -> str:
        """"bhxh reports (pid 1234 on host-a, since 2026-01-01T10:00:00)"."""
        return f"{self.purpose} (pid {self.pid} on {self.host}, since {self.since})"

    def gone_here(self) -> bool:
        """True when the holder ran on this machine and its process is gone."""
        same = self.host == socket.gethostname() and self.machine in ("", machine_id())
        return same and not pid_alive(self.pid)


@dataclass(frozen=True)
class Lease:
    """What a worker, on any machine, needs to tell whether its batch still holds the folder.

    Attributes
    ----------
    path
        The lock file (``OUT/.bhxh.lock``), as the worker sees it (a shared filesystem).
    token
        The batch's lock token.
    stale_after
        Seconds without a heartbeat after which the lock, and so the lease, is gone.
    """

    path: str
    token: str
    stale_after: float = STALE_AFTER

    def problem(self) -> str | None:
        """Why work done under this lease must not be written, or None while it holds.

        Example
        -------
        >>> Lease("/nonexistent/.bhxh.lock", "t").problem()
        '/nonexistent/.bhxh.lock is gone: the batch that sent this report ended or was stopped'
        """
        path = Path(self.path)
        try:
            holder, age = inspect_lock(path)
        except FileNotFoundError:
            return f"{path} is gone: the batch that sent this report ended or was stopped"
        except OSError as exc:
            return f"{path} cannot be read ({exc.strerror or exc})"
        if holder is None:
            return f"{path} is not a lock this toolkit wrote"
        if holder.token != self.token:
            return f"{path.parent} is now held by {holder.describe()}"
        if holder.gone_here():
            return f"the batch that sent this report (pid {holder.pid}) is gone"
        if age > self.stale_after:
            return f"the batch that sent this report stopped refreshing {path} {age:.0f} s ago"
        return None


def read_holder(folder: str | Path) -> LockHolder | None:
    """The current holder of ``folder``'s lock, or None when it is free or unreadable."""
    return read_holder_file(Path(folder) / LOCK_NAME)


def held_lease(path: str | Path) -> Lease | None:
    """The lease of the lock this process holds on ``path`` or a folder above it, if any."""
    where = Path(path).resolve()
    with _held_guard:
        for folder in (where, *where.parents):
            lock = _held.get(folder)
            if lock is not None:
                return lock.lease()
    return None


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
        Seconds without a heartbeat after which any holder is considered gone.
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
        #: Why the lock was lost while held (another run took it over), else None.
        self.lost: str | None = None
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None

    def acquire(self) -> None:
        """Take the lock, waiting up to ``wait`` seconds; raise `OutputFolderError` if busy."""
        self.folder.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.wait
        while not self._try_create():
            holder = read_holder(self.folder)
            stale = self._stale_reason(holder)
            if stale:
                self._break(holder, stale)
                continue
            if time.monotonic() >= deadline:
                who = holder.describe() if holder else "another run"
                raise OutputFolderError(
                    f"{self.folder} is being written by {who}. Wait for it to finish, or write "
                    f"elsewhere with --out; if no such run exists, delete {self.path}."
                )
            time.sleep(0.2)
        self.lost = None
        self._stop.clear()
        self._beat = threading.Thread(target=self._heartbeat, name="folder-lock", daemon=True)
        self._beat.start()
        with _held_guard:
            _held[self.folder.resolve()] = self

    def release(self) -> None:
        """Give the lock up (only if it is still ours)."""
        with _held_guard:
            if _held.get(self.folder.resolve()) is self:
                del _held[self.folder.resolve()]
        self._stop.set()
        if self._beat is not None:
            self._beat.join(timeout=HEARTBEAT + 1)
            self._beat = None
        holder = read_holder(self.folder)
        if holder is not None and holder.token == self.token:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()

    def lease(self) -> Lease:
        """The `Lease` workers check while this lock is held."""
        return Lease(str(self.path.resolve()), self.token, self.stale_after)

    def __enter__(self) -> FolderLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def _record(self) -> dict[str, object]:
        return {
            "host": socket.gethostname(),
            "machine": machine_id(),
            "pid": os.getpid(),
            "since": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "purpose": self.purpose,
            "token": self.token,
            "heartbeat": HEARTBEAT,
        }

    def _try_create(self) -> bool:
        """Put a complete lock file in place if none is there; True when it is ours."""
        claim = self.path.with_name(f"{LOCK_NAME}.{self.token}")
        try:
            with open(claim, "x", encoding="utf-8") as handle:
                json.dump(self._record(), handle)
            try:
                os.link(claim, self.path)
            except FileExistsError:
                # Over NFS a link whose reply was lost reports EEXIST although it was made.
                return os.stat(claim).st_nlink == 2
            except OSError as exc:
                if exc.errno not in _NO_LINKS:
                    raise
                return self._create_exclusive(claim)
            return True
        except OSError as exc:  # a full disk must not leave a lock behind
            raise OSError(exc.errno, exc.strerror, str(self.path)) from exc
        finally:
            claim.unlink(missing_ok=True)

    def _create_exclusive(self, claim: Path) -> bool:
        """The lock on a filesystem without hard links (some SMB mounts): ``O_EXCL``."""
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(claim.read_text(encoding="utf-8"))
        return True

    def _stale_reason(self, holder: LockHolder | None) -> str:
        """Why the current lock can be taken over ("" when it cannot)."""
        try:
            age = inspect_lock(self.path)[1]
        except OSError:
            return ""  # released meanwhile (or unreadable for now): try again
        if holder is None:
            return f"unreadable for {age:.0f} s" if age > _UNREADABLE_AFTER else ""
        if holder.gone_here():
            return f"its process {holder.pid} is gone"
        if age > self.stale_after:
            return f"no heartbeat for {age:.0f} s"
        return ""

    def _break(self, holder: LockHolder | None, reason: str) -> None:
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
        else:
            who = holder.describe() if holder else "an unreadable lock"
            _log.warning("took over %s from %s: %s", self.path, who, reason)
        aside.unlink(missing_ok=True)

    def _heartbeat(self) -> None:
        while not self._stop.wait(HEARTBEAT):
            try:
                holder = read_holder_file(self.path, strict=True)
            except FileNotFoundError:
                holder = None
            except OSError:
                continue  # a passing NFS hiccup: try again at the next beat
            if holder is None or holder.token != self.token:
                who = holder.describe() if holder else "nobody"
                self.lost = f"{self.path} was taken over; it is now held by {who}"
                _log.warning("%s (this run's heartbeat stalled too long?)", self.lost)
                return
            with contextlib.suppress(OSError):
                os.utime(self.path)


def inspect_lock(path: Path) -> tuple[LockHolder | None, float]:
    """The holder of the lock file ``path`` (None if unreadable) and its heartbeat's age (s).

    The file is opened before its times are read: opening revalidates an NFS client's cached
    attributes, which a plain ``stat`` may serve up to a minute old.

    Raises
    ------
    OSError
        ``FileNotFoundError`` when there is no lock.
    """
    with open(path, "rb") as handle:
        mtime = os.fstat(handle.fileno()).st_mtime
        data = handle.read()
    return _parse(data), max(0.0, time.time() - mtime)


def read_holder_file(path: Path, *, strict: bool = False) -> LockHolder | None:
    """`read_holder` for a lock file at an explicit path (``strict``: raise `OSError`)."""
    try:
        return inspect_lock(path)[0]
    except OSError:
        if strict:
            raise
        return None


def _parse(data: bytes) -> LockHolder | None:
    try:
        record = json.loads(data.decode("utf-8"))
        return LockHolder(
            str(record["host"]), int(record["pid"]), str(record["since"]),
            str(record["purpose"]), str(record["token"]), str(record.get("machine", "")),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
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


def machine_id() -> str:
    """This machine's boot id (``""`` where there is none): two containers or hosts with one
    hostname, or one host after a reboot, are not taken for the same machine."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return ""


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
