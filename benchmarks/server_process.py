"""A server under load, seen from outside: its port, processes, CPU time and peak memory.

Shared by the web and portal benchmarks, which both start ``sistercities serve``
(and Datasette) as users do and read what the server spent from ``/proc``.
"""

from __future__ import annotations

import os
import re
import socket
import time
from pathlib import Path


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_pids(pid: int) -> list[int]:
    """A server and its worker processes (children, for uvicorn's ``--workers``)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [pid, *(int(p) for p in children.read_text().split())] if children.exists() else [pid]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a server and its workers so far."""
    total = 0
    for one in server_pids(pid):
        fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> list[float]:
    """Peak resident memory (MB, ``VmHWM``) of a server and its worker processes."""
    found = []
    for one in server_pids(pid):
        match = re.search(r"VmHWM:\s+(\d+) kB", Path(f"/proc/{one}/status").read_text())
        if match:
            found.append(round(int(match.group(1)) / 1024, 1))
    return found


def settle(pid: int, quiet_ms: float = 20.0, limit_s: float = 30.0) -> None:
    """Wait until the server has finished what an earlier target left queued.

    wrk gives up on a request after its timeout, but the server still answers
    it: a slow target leaves a backlog that would otherwise land in the next
    target's latencies. Quiet: under ``quiet_ms`` of server CPU in half a second.
    """
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        before = cpu_seconds(pid)
        time.sleep(0.5)
        if (cpu_seconds(pid) - before) * 1000 < quiet_ms:
            return
