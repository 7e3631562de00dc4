"""``pactesur-kg serve`` runs with jemalloc or mimalloc when the system has one (see
``pactesur_kg.allocator``); the query workers inherit it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pactesur_kg.allocator import choose

from ..conftest import REPO
from .server import RunningServer, serve

AVAILABLE = choose("auto")


def _maps(pid: int) -> str:
    return Path(f"/proc/{pid}/maps").read_text()


@pytest.mark.skipif(AVAILABLE is None, reason="neither jemalloc nor mimalloc is installed")
def test_server_and_workers_run_with_the_preloaded_allocator(embedded_server: RunningServer) -> None:
    assert AVAILABLE is not None
    library = AVAILABLE.split(".so")[0]
    assert library in _maps(embedded_server.pid)
    workers = embedded_server.children()
    assert workers
    assert all(library in _maps(worker) for worker in workers)


def test_system_keeps_glibc_malloc() -> None:
    with serve("--workers", "1", env={"PACTESUR_ALLOCATOR": "system"}) as running:
        maps = _maps(running.pid)
    assert "jemalloc" not in maps
    assert "mimalloc" not in maps


def test_a_missing_library_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "libnothing.so"
    result = subprocess.run(
        [sys.executable, "-m", "pactesur_kg", "serve", "--port", "1"],
        env={**os.environ, "PACTESUR_ALLOCATOR": str(missing), "PACTESUR_ROOT": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert f"PACTESUR_ALLOCATOR={missing}: no such file" in result.stderr
    assert "Traceback" not in result.stderr
