"""Warm kernels: each report still gets a fresh kernel process, forked in ~50 ms from a server
that already imported pandas, statsmodels, matplotlib and the helpers, instead of ~4 s cold.

One server ("zygote") serves every worker of a batch. A Jupyter kernelspec points at this file run
as a stdlib-only script (``launch``): it asks the server for a kernel, relays signals to it and
exits with it, so jupyter_client manages it like any kernel. Top-level imports stay stdlib-only.
"""

from __future__ import annotations

import gc
import json
import os
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

KERNEL_NAME = "bhxh-warm"
SOCKET_ENV = "BHXH_WARM_KERNEL"
#: The data folder of a server whose warm-up waits for it (`start_server(warm_later=True)`).
LATER = "<later>"
#: Imported once by the server; anything missing is skipped. The report backend is added.
PRELOAD = (
    # ipykernel imports its debugger (debugpy, ~0.35 s) only when a kernel starts.
    "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger",
    # Not scipy.stats nor statsmodels.api (~1.3 s before the server is ready): a press-only batch
    # never uses them, and on panel data the warm-up report imports them before any fork.
    "matplotlib_inline.backend_inline", "numpy", "pandas", "matplotlib.pyplot",
)

#: One BLAS/OpenMP thread in the server, and so in every kernel it forks (set unless the caller
#: set them): a batch already runs a kernel per core, and the libraries read these once, when the
#: server imports them. Started by the batch process itself, the server did not get the workers'
#: settings (threaded OpenBLAS made the floor's analysis ~35% dearer in CPU on 2 cores).
THREADS_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@dataclass
class KernelServer:
    """A running warm kernel server and the kernelspec folder that points at it."""

    process: subprocess.Popen
    folder: Path

    @property
    def address(self) -> str:
        """The server's Unix socket (it appears once the server is ready)."""
        return str(self.folder / "server.sock")

    def environ(self) -> dict[str, str]:
        """Environment a process needs so that its ``bhxh-warm`` kernels use this server."""
        jupyter_path = [str(self.folder), *filter(None, [os.environ.get("JUPYTER_PATH")])]
        return {SOCKET_ENV: self.address, "JUPYTER_PATH": os.pathsep.join(jupyter_path)}

    def alive(self) -> bool:
        """True while the server process runs."""
        return self.process.poll() is None

    def wait_ready(self, timeout: float = 300) -> None:
        """Block until the server listens (it imports libraries first); raise if it died."""
        deadline = time.monotonic() + timeout
        while not os.path.exists(self.address):
            if not self.alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the warm kernel server did not start ({self.process.poll()})")
            time.sleep(0.05)

    def warm_up(self, data_dir: str | Path = "") -> None:
        """Give a server started with ``warm_later`` its data folder: it warms up with it once
        its imports are done (at once if they are), then listens. Empty: no warm-up."""
        pipe = self.process.stdin
        if pipe is None or pipe.closed:
            return
        try:
            pipe.write(f"{data_dir}\n".encode())
            pipe.close()
        except OSError:  # it died: `wait_ready` says so
            pass

    def stop(self) -> None:
        """Stop the server (its kernels die with it) and remove its folder."""
        if self.process.stdin is not None and not self.process.stdin.closed:
            try:
                self.process.stdin.close()
            except OSError:
                pass
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_server(
    preload: Sequence[str] = PRELOAD,
    *,
    warmup: str = "",
    data_dir: str = "",
    log: Path | None = None,
    warm_later: bool = False,
) -> KernelServer:
    """Start a warm kernel server (without waiting for it) and write its kernelspec.

    Parameters
    ----------
    preload
        Modules the server imports before forking kernels.
    warmup, data_dir
        ``"module:function"`` the server calls with ``data_dir`` after the imports, so every
        kernel starts with the tables loaded (e.g. a cached loader); errors are ignored there
        and surface in the notebook that loads the data itself.
    log
        File for the server's and its kernels' own output (default: this process's stderr).
    warm_later
        The data folder is not known yet (``bhxh reports --process`` builds it meanwhile):
        the server imports, then waits for `KernelServer.warm_up` before warming up.

    Use `KernelServer.environ` in the processes that run notebooks with ``bhxh-warm``.
    """
    folder = Path(tempfile.mkdtemp(prefix="bhxh-warm-"))
    spec_dir = folder / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-I", "-S", str(Path(__file__).resolve()), "launch",
                 "-f", "{connection_file}"],
        "display_name": "Python (bhxh, warm)",
        "language": "python",
        "interrupt_mode": "signal",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    output = 2  # this process's stderr, even when sys.stderr is replaced
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        output = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    process = subprocess.Popen(
        # -c, like a normal kernel's -m, leaves '' (the notebook's folder) first on sys.path.
        [sys.executable, "-c", "import sys; from helpers.batch.warmkernel import serve; "
         "serve(*sys.argv[1:])", str(folder / "server.sock"), ",".join(preload), warmup,
         LATER if warm_later else data_dir, str(os.getpid())],
        stdin=subprocess.PIPE if warm_later else subprocess.DEVNULL,
        stdout=output,
        stderr=output,
        env={**THREADS_ENV, **os.environ},
    )
    if log is not None:
        os.close(output)
    return KernelServer(process, folder)


def serve(
    address: str, preload: str, warmup: str = "", data_dir: str = "", batch: str = ""
) -> None:
    """The server loop: fork one kernel per request; kill it when its launcher goes away.

    ``preload`` is a comma-separated module list; ``data_dir`` `LATER`: read from stdin once
    the imports are done (empty, or stdin closed: no warm-up); ``batch``: the pid of the
    process that started it (default: the parent now); see `start_server`.
    """
    import importlib

    # The batch that started it, named by the batch itself: one killed during the server's
    # imports or warm-up (seconds), even before this line, must not leave the server, then a
    # child of init, serving for good.
    parent = int(batch) if batch else os.getppid()
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # debugpy's start-up notice
    for name in filter(None, preload.split(",")):
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001  (a missing optional library only costs speed)
            continue
    if data_dir == LATER:
        data_dir = sys.stdin.readline().strip()
    if warmup and data_dir:
        module, _, function = warmup.partition(":")
        try:
            getattr(importlib.import_module(module), function)(data_dir)
        except Exception:  # noqa: BLE001  (the notebook meets the same error and reports it)
            pass
    # Kernels share these objects copy-on-write; frozen, their garbage collections skip them
    # instead of walking (and copying) the whole inherited heap.
    gc.collect()
    gc.freeze()
    server = os.getpid()
    if os.getppid() != parent:
        return
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address + ".tmp")
    listener.listen(16)
    os.replace(address + ".tmp", address)  # the socket appears only when ready
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ)
    kernels: dict[int, socket.socket] = {}
    while os.getppid() == parent:
        for key, _ in selector.select(timeout=0.05):
            if key.fileobj is listener:
                conn, _ = listener.accept()
                request = json.loads(_read_line(conn))
                sys.stdout.flush()
                sys.stderr.flush()
                pid = os.fork()
                if pid == 0:
                    for inherited in (listener, conn, *kernels.values()):
                        inherited.close()
                    selector.close()
                    _become_kernel(request, server)
                kernels[pid] = conn
                conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
                selector.register(conn, selectors.EVENT_READ, pid)
            elif not cast(socket.socket, key.fileobj).recv(1, socket.MSG_PEEK):
                # The launcher died (killed by jupyter_client): take its kernel down too.
                _kill(key.data)
        for pid in list(kernels):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                conn = kernels.pop(pid)
                selector.unregister(conn)
                code = os.waitstatus_to_exitcode(status)
                try:
                    conn.sendall(json.dumps({"exit": code}).encode() + b"\n")
                except OSError:
                    pass
                conn.close()
    for pid in kernels:
        _kill(pid)


def _become_kernel(request: dict, server: int) -> None:
    """In the forked child: a fresh session, the launcher's environment, then ipykernel.

    The kernel watches ``server`` itself from the first instant: ipykernel's own parent poller
    starts only once the kernel is initialised, and is not started at all when the parent it is
    told is already init, so a server killed between the fork and that point (a batch
    interrupted while kernels start) used to leave an orphaned kernel running for good.
    """
    if os.getppid() != server:
        os._exit(1)
    threading.Thread(target=_exit_without, args=(server,), daemon=True).start()
    os.setsid()
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD):
        signal.signal(sig, signal.SIG_DFL)
    os.environ.clear()
    os.environ.update(request["env"])
    os.environ["JPY_PARENT_PID"] = str(server)  # the kernel dies with the server
    os.chdir(request["cwd"])
    sys.argv = [
        "ipykernel_launcher",
        *request["argv"],
        # ipykernel reads JPY_PARENT_PID when imported (in the server), so say it explicitly.
        f"--IPKernelApp.parent_handle={server}",
        # Notebook runs need no input history, and concurrent kernels would contend for
        # IPython's one history database.
        "--HistoryManager.enabled=False",
    ]
    code = 0
    try:
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001  (report it on stderr, then leave like a kernel)
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        os._exit(code)


def _exit_without(server: int) -> None:
    """Leave (exit code 1) as soon as the kernel server is no longer this process's parent."""
    while os.getppid() == server:
        time.sleep(0.2)
    os._exit(1)


def launch(argv: list[str]) -> int:
    """The kernelspec's command: get a kernel from the server, relay signals, exit with it."""
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.connect(os.environ[SOCKET_ENV])
    request = {"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ)}
    conn.sendall(json.dumps(request).encode() + b"\n")
    pid = json.loads(_read_line(conn))["pid"]

    def relay(signum: int, frame: object) -> None:
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT, signal.SIGHUP):
        signal.signal(sig, relay)
    reply = _read_line(conn)
    return int(json.loads(reply)["exit"]) if reply else 1


def _read_line(conn: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\n"):
        try:
            chunk = conn.recv(65536)
        except InterruptedError:
            continue
        if not chunk:
            break
        data += chunk
    return data.decode()


def _kill(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


if __name__ == "__main__":
    sys.exit(launch(sys.argv[2:]))
