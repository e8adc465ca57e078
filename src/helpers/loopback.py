"""Checks made before starting a Jupyter kernel: its sockets need the loopback interface.

Without ``lo`` (a network sandbox, a container started with no network) a kernel cannot bind
127.0.0.1 and the report would wait a minute for it, then fail with a traceback.
"""

from __future__ import annotations

import socket

from helpers.errors import BhxhError


class NoLoopbackError(BhxhError):
    """127.0.0.1 cannot be used, so no Jupyter kernel can start."""


def require_loopback() -> None:
    """Raise `NoLoopbackError` (one sentence, what to do) when 127.0.0.1 cannot be bound."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        probe.bind(("127.0.0.1", 0))
    except OSError as exc:
        raise NoLoopbackError(
            f"the loopback network interface (127.0.0.1) is not available ({exc.strerror or exc}): "
            "Jupyter kernels need it to run a report. Bring it up (`ip link set lo up`) or run "
            "outside the network sandbox."
        ) from None
    finally:
        probe.close()
