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


def test_a_server_whose_batch_died_during_its_warm_up_leaves(tmp_path):
    # A batch killed while its server still imported or warmed up (seconds at load) left the
    # server, reparented to init, serving for good: it took init for its batch.
    import subprocess
    import sys

    import psutil

    (tmp_path / "slow_probe.py").write_text(
        "import time\ndef warm(folder):\n    time.sleep(2)\n", encoding="utf-8")
    batch = subprocess.run(
        [sys.executable, "-c",
         "import os, sys; from pathlib import Path\n"
         "from helpers.batch import warmkernel\n"
         "s = warmkernel.start_server(('colorsys',), warmup='slow_probe:warm', "
         f"data_dir={str(tmp_path)!r}, log=Path({str(tmp_path / 'server.log')!r}))\n"
         "print(s.process.pid, s.address)\n"
         "os._exit(0)  # killed outright: no stop, no cleanup\n"],
        capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(tmp_path), *filter(None, [os.environ.get("PYTHONPATH")])])},
    )
    pid, address = batch.stdout.split()
    server = psutil.Process(int(pid))
    try:
        server.wait(timeout=30)  # its warm-up takes 2 s; then it must see its batch is gone
    except psutil.TimeoutExpired:
        server.kill()
        pytest.fail("the server outlived its batch by 30 s")
    finally:
        import shutil

        shutil.rmtree(os.path.dirname(address), ignore_errors=True)
