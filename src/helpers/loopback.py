"""Checks made before starting a Jupyter kernel: its sockets need the loopback interface.

Without ``lo`` (a network sandbox, a container started with no network) a kernel cannot bind
127.0.0.1 and the report would wait a minute for it, then fail with a traceback.
"""

from __future__ import annotations

import socket

from helpers.errors import BhxhError


class NoLoopbackError(BhxhError):
    """127.0.0.1 cannot be used, so no Jupyter kernel can start."""


def require_loopback(timeout: float = 5.0) -> None:
    """Raise `NoLoopbackError` (one sentence, what to do) unless a TCP connection to 127.0.0.1
    works: binding alone succeeds even when ``lo`` is down, so connect as a kernel's client
    would."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        client.settimeout(timeout)
        client.connect(server.getsockname())
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise NoLoopbackError(
            f"the loopback network interface (127.0.0.1) is not available ({reason}): "
            "Jupyter kernels need it to run a report. Bring it up (`ip link set lo up`) or run "
            "outside the network sandbox."
        ) from None
    finally:
        client.close()
        server.close()
