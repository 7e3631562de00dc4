"""The fault-load test: ordinary clients keep being answered while hostile ones send what
should be refused and a worker is killed; memory stays within the budget
(``bench/fault_load.py`` measures the same load at length)."""

from __future__ import annotations

from bench.fault_load import HOSTILE, run_load, tree_rss

from ..api.server import serve

BUDGET = 300 << 20


def test_fault_load_ordinary_requests_are_all_answered() -> None:
    with serve("--workers", "2", "--timeout", "3", "--query-memory", "300M") as running:
        baseline = tree_rss(running.pid)
        phase = run_load(running.url, running.pid, seconds=15, clients=16, hostile=2, kill_worker=True)
    assert set(phase.ordinary) == {200}, phase.ordinary
    assert phase.ordinary.total() >= 16
    refused = {status for status in phase.hostile if isinstance(status, int) and (400 <= status < 500 or status == 503)}
    assert set(phase.hostile) == refused, phase.hostile
    assert phase.hostile.total() >= len(HOSTILE)
    assert phase.peak_rss < baseline + 2 * BUDGET + (400 << 20), (phase.peak_rss >> 20, baseline >> 20)
