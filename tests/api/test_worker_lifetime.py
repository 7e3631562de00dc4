"""Query workers never outlive their server: killed with SIGKILL (no clean-up at all), the
server takes its workers with it."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from .server import serve


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_workers_die_with_a_killed_server() -> None:
    with serve("--workers", "3") as running:
        workers = running.children()
        assert len(workers) == 3
        os.kill(running.pid, signal.SIGKILL)
        running.process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(_alive(worker) for worker in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [worker for worker in workers if _alive(worker)] == []
