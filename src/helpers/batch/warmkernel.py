"""Warm kernels: each report still gets a fresh kernel process, forked in ~50 ms from a server
that already imported pandas, statsmodels, seaborn and the helpers, instead of ~4 s cold.

The server ("zygote") runs one per batch worker. A Jupyter kernelspec points at this file run
as a stdlib-only script (``launch``): it asks the server for a kernel, relays signals to it and
exits with it, so jupyter_client manages it like any kernel. Top-level imports stay stdlib-only.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KERNEL_NAME = "bhxh-warm"
SOCKET_ENV = "BHXH_WARM_KERNEL"
#: Imported once by the server; anything missing is skipped. The report backend is added.
PRELOAD = (
    # ipykernel imports its debugger (debugpy, ~0.35 s) only when a kernel starts.
    "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger",
    "matplotlib_inline.backend_inline", "numpy", "pandas", "scipy.stats", "matplotlib.pyplot",
    "seaborn", "statsmodels.api",
)


def start_server(preload: tuple[str, ...] = PRELOAD, *, timeout: float = 120) -> subprocess.Popen:
    """Start a kernel server for this process and point the ``bhxh-warm`` kernelspec at it.

    Sets ``BHXH_WARM_KERNEL`` and ``JUPYTER_PATH`` in this process's environment, so kernels
    that jupyter_client starts from here find the server. Returns once the server listens.
    """
    folder = Path(tempfile.mkdtemp(prefix="bhxh-warm-"))
    address = str(folder / "server.sock")
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
    server = subprocess.Popen(
        # -c, like a normal kernel's -m, leaves '' (the notebook's folder) first on sys.path.
        [sys.executable, "-c", "import sys; from helpers.batch.warmkernel import serve; "
         "serve(sys.argv[1], sys.argv[2].split(','))", address, ",".join(preload)],
        stdin=subprocess.DEVNULL,
        stdout=sys.stderr.fileno(),  # kernels' own chatter goes where the worker logs
    )
    deadline = time.monotonic() + timeout
    while not os.path.exists(address):
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the warm kernel server did not start (exit {server.poll()})")
        time.sleep(0.05)
    os.environ[SOCKET_ENV] = address
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(folder), *filter(None, [os.environ.get("JUPYTER_PATH")])]
    )
    return server


def serve(address: str, preload: list[str]) -> None:
    """The server loop: fork one kernel per request; kill it when its launcher goes away."""
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # debugpy's start-up notice
    for name in preload:
        try:
            __import__(name)
        except Exception:  # noqa: BLE001  (a missing optional library only costs speed)
            continue
    parent = os.getppid()
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
                    _become_kernel(request)
                kernels[pid] = conn
                conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
                selector.register(conn, selectors.EVENT_READ, pid)
            elif not key.fileobj.recv(1, socket.MSG_PEEK):
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


def _become_kernel(request: dict) -> None:
    """In the forked child: a fresh session, the launcher's environment, then ipykernel."""
    os.setsid()
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD):
        signal.signal(sig, signal.SIG_DFL)
    os.environ.clear()
    os.environ.update(request["env"])
    os.environ["JPY_PARENT_PID"] = str(os.getppid())  # the kernel dies with the server
    os.chdir(request["cwd"])
    sys.argv = [
        "ipykernel_launcher",
        *request["argv"],
        # ipykernel reads JPY_PARENT_PID when imported (in the server), so say it explicitly.
        f"--IPKernelApp.parent_handle={os.getppid()}",
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
