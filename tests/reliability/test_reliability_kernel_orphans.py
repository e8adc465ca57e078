"""Kernels forked by the warm kernel server never outlive it.

Seen in a loaded run: a batch interrupted while a kernel was being forked left that kernel
running for an hour, reparented to init. ipykernel's own parent poller starts only once the
kernel is initialised, and not at all when the parent it is told is already init; the forked
child now checks its server at once and watches it for its whole life.
"""

from __future__ import annotations

import os
import select

import pytest

from helpers.batch import warmkernel

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def test_a_kernel_forked_after_its_server_died_leaves_at_once():
    pid = os.fork()
    if pid == 0:  # pragma: no cover  (the child)
        try:
            not_the_parent = os.getppid() + 4_000_000
            warmkernel._become_kernel({"env": {}, "cwd": "/", "argv": []}, not_the_parent)
        finally:
            os._exit(99)  # reached only if the guard let the kernel start
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 1


def test_a_kernel_leaves_within_a_second_of_its_server():
    read, write = os.pipe()
    server = os.fork()
    if server == 0:  # pragma: no cover  (the stand-in server)
        try:
            me = os.getpid()  # taken before the fork, as the real server does
            if os.fork() == 0:  # the stand-in kernel holds the pipe open while it lives
                os.close(read)
                warmkernel._exit_without(me)
        finally:
            os._exit(0)  # the server goes; its kernel must follow (or a broken child ends)
    os.close(write)
    os.waitpid(server, 0)
    ready, _, _ = select.select([read], [], [], 10.0)
    try:
        assert ready, "the kernel was still running 10 s after its server died"
        assert os.read(read, 1) == b""
    finally:
        os.close(read)
