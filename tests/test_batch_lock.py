"""The output-folder lock on a folder shared by several machines: made whole and atomically,
judged by its heartbeat (not by a pid) when another host holds it, taken over only when stale,
and a lease that workers anywhere check before they write."""

from __future__ import annotations

import errno
import json
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import helpers.batch.lock as lock_module
from helpers.batch.lock import (
    LOCK_NAME,
    FolderLock,
    Lease,
    LockHolder,
    held_lease,
    machine_id,
    read_holder,
)
from helpers.errors import OutputFolderError
from helpers.io import atomic_write_text, guard_writes


def other_host_lock(folder: Path, *, age: float, pid: int | None = None, host: str = "node-b",
                    machine: str = "boot-b") -> Path:
    """Write the lock another machine's run would hold, its heartbeat ``age`` seconds old."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    path.write_text(json.dumps({
        "host": host, "machine": machine, "pid": pid or os.getpid(), "since": "2026-01-01T10:00:00",
        "purpose": "bhxh reports", "token": "theirs"}), encoding="utf-8")
    beat = time.time() - age
    os.utime(path, (beat, beat))
    return path


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_another_hosts_fresh_lock_is_respected_even_when_its_pid_means_nothing_here(tmp_path):
    # The pid is dead on this machine, but it is another machine's pid: only the heartbeat counts.
    other_host_lock(tmp_path, age=5, pid=dead_pid())
    started = time.monotonic()
    with pytest.raises(OutputFolderError, match=r"bhxh reports \(pid \d+ on node-b") as refused:
        FolderLock(tmp_path, wait=0.6).acquire()
    assert time.monotonic() - started >= 0.6  # it waited before refusing
    assert str(tmp_path / LOCK_NAME) in str(refused.value)
    assert read_holder(tmp_path).token == "theirs"


def test_the_same_hostname_on_another_machine_is_not_this_machine(tmp_path):
    # Two containers (or a host after a reboot) share a hostname, not their processes.
    other_host_lock(tmp_path, age=5, pid=dead_pid(), host=socket.gethostname(),
                    machine="another-boot")
    with pytest.raises(OutputFolderError, match="is being written by"):
        FolderLock(tmp_path).acquire()


def test_another_hosts_stale_lock_is_taken_over_with_a_message(tmp_path, caplog):
    other_host_lock(tmp_path, age=120)  # its pid is alive here: that must not keep it
    caplog.set_level(logging.WARNING, logger="helpers.batch.lock")
    with FolderLock(tmp_path, purpose="next", stale_after=60) as lock:
        holder = read_holder(tmp_path)
        assert holder.token == lock.token and holder.purpose == "next"
    [message] = [r.getMessage() for r in caplog.records]
    assert "took over" in message and "node-b" in message and "no heartbeat for 1" in message
    assert not (tmp_path / LOCK_NAME).exists()


def test_a_lock_of_this_machine_whose_process_is_gone_is_taken_at_once(tmp_path, caplog):
    other_host_lock(tmp_path, age=0, pid=dead_pid(), host=socket.gethostname(),
                    machine=machine_id())
    caplog.set_level(logging.WARNING, logger="helpers.batch.lock")
    with FolderLock(tmp_path):
        pass
    assert "is gone" in caplog.text


def test_a_waiting_run_takes_the_lock_when_the_other_host_lets_go(tmp_path):
    path = other_host_lock(tmp_path, age=0)
    import threading

    threading.Timer(0.5, path.unlink).start()
    with FolderLock(tmp_path, wait=30) as lock:
        assert read_holder(tmp_path).token == lock.token


def test_the_lock_appears_whole_by_link_and_leaves_no_claim_behind(tmp_path, monkeypatch):
    linked = []
    real_link = os.link
    monkeypatch.setattr(lock_module.os, "link", lambda a, b: linked.append(b) or real_link(a, b))
    with FolderLock(tmp_path, purpose="first") as lock:
        assert linked == [lock.path]
        record = json.loads(lock.path.read_text(encoding="utf-8"))
        assert record["token"] == lock.token and record["host"] == socket.gethostname()
        assert record["machine"] == machine_id() and record["pid"] == os.getpid()
        assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK_NAME]


def test_a_link_whose_nfs_reply_was_lost_still_counts(tmp_path, monkeypatch):
    real_link = os.link

    def lost_reply(source, target):
        real_link(source, target)
        raise FileExistsError(errno.EEXIST, "File exists")

    monkeypatch.setattr(lock_module.os, "link", lost_reply)
    with FolderLock(tmp_path) as lock:
        assert read_holder(tmp_path).token == lock.token
    monkeypatch.setattr(lock_module.os, "link", real_link)
    with FolderLock(tmp_path, purpose="first"):  # a real EEXIST: somebody else's lock
        with pytest.raises(OutputFolderError, match="first"):
            FolderLock(tmp_path).acquire()


def test_without_hard_links_the_lock_falls_back_to_exclusive_create(tmp_path, monkeypatch):
    def no_links(source, target):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(lock_module.os, "link", no_links)
    with FolderLock(tmp_path, purpose="first") as lock:
        assert read_holder(tmp_path).token == lock.token
        with pytest.raises(OutputFolderError, match="first"):
            FolderLock(tmp_path).acquire()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_the_heartbeat_refreshes_the_lock_and_notices_a_takeover(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(lock_module, "HEARTBEAT", 0.05)
    caplog.set_level(logging.WARNING, logger="helpers.batch.lock")
    with FolderLock(tmp_path) as lock:
        old = time.time() - 50
        os.utime(lock.path, (old, old))
        deadline = time.monotonic() + 30
        while time.time() - lock.path.stat().st_mtime > 10 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert time.time() - lock.path.stat().st_mtime < 10  # refreshed
        other_host_lock(tmp_path, age=0)  # another run took it over (our heartbeat stalled)
        while lock.lost is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "now held by bhxh reports (pid" in lock.lost and "node-b" in lock.lost
    assert read_holder(tmp_path).token == "theirs"  # releasing does not remove their lock


def test_a_lease_holds_only_while_its_lock_is_fresh_and_its_own(tmp_path):
    with FolderLock(tmp_path, stale_after=60) as lock:
        lease = lock.lease()
        assert lease.problem() is None
        assert held_lease(tmp_path / "bac-giang" / "district-x.vi.html") == lease
        old = time.time() - 90
        os.utime(lock.path, (old, old))
        assert "stopped refreshing" in lease.problem() and "90 s ago" in lease.problem()
    assert held_lease(tmp_path) is None
    assert "is gone: the batch that sent this report ended" in lease.problem()
    other_host_lock(tmp_path, age=0)
    assert "is now held by bhxh reports (pid" in lease.problem()
    gone = LockHolder(socket.gethostname(), dead_pid(), "x", "bhxh reports", "mine", machine_id())
    (tmp_path / LOCK_NAME).write_text(json.dumps(gone.__dict__), encoding="utf-8")
    assert "is gone" in Lease(str(tmp_path / LOCK_NAME), "mine").problem()


def test_a_guard_that_refuses_discards_the_write_and_keeps_the_old_file(tmp_path):
    target = tmp_path / "an-giang.vi.html"
    atomic_write_text(target, "old")

    def refuse(path: Path) -> None:
        raise OutputFolderError(f"{path.name}: no")

    with guard_writes(refuse), pytest.raises(OutputFolderError, match="an-giang.vi.html: no"):
        atomic_write_text(target, "new")
    assert target.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == [
        "an-giang.vi.html"]
    atomic_write_text(target, "new")  # outside the block, writes go through again
    assert target.read_text() == "new"
