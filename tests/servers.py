"""Waiting on a server the tests started (`serve`): a free port, the server answering,
a condition coming true. Bounded in time; loopback only."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable
from typing import Any


def free_port() -> int:
    """A TCP port of 127.0.0.1 nothing listens on (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_url(url: str, server: subprocess.Popen[Any], seconds: float = 180) -> bool:
    """Whether `url` answers before `seconds` pass; False as soon as the server exits."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.3)
    return False


def until(check: Callable[[], bool], seconds: float = 120) -> bool:
    """Whether `check()` comes true before `seconds` pass (polled every 0.2 s)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False
