"""Query workers never outlive their server: killed with SIGKILL (no clean-up at all), the
server takes its workers with it. A worker that dies (killed, out of memory) is replaced:
idle, without a query failing; mid-query, by trying the query once more on another worker,
and with an error that says so when that one is killed too."""

from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from .server import cpu_ticks, serve
from .test_guard_rails import ENDLESS


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


def _busiest(workers: list[int]) -> int:
    """The worker that uses the most CPU over a quarter of a second."""
    before = {pid: cpu_ticks(pid) for pid in workers}
    time.sleep(0.25)
    return max(workers, key=lambda pid: cpu_ticks(pid) - before[pid])


def test_workers_killed_while_idle_are_replaced_without_failing_a_query() -> None:
    with serve("--workers", "2") as running:
        for worker in running.children():
            os.kill(worker, signal.SIGKILL)  # as the kernel's out-of-memory killer would
        with ThreadPoolExecutor(4) as pool:
            answers = list(
                pool.map(lambda _: httpx.get(f"{running.url}/sparql", params={"query": "ASK {}"}, timeout=30), range(8))
            )
        assert [answer.status_code for answer in answers] == [200] * 8
        assert all(answer.json()["boolean"] is True for answer in answers)
        assert len([worker for worker in running.children() if _alive(worker)]) == 2


#: a query that takes a few seconds over the curated graph, then answers
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"


def _killed_mid_query(query: str, kills: int) -> httpx.Response:
    """The answer to ``query`` when the worker running it is killed ``kills`` times."""
    with serve("--workers", "2", "--timeout", "60") as running:
        outcome: dict[str, httpx.Response] = {}

        def ask() -> None:
            outcome["answer"] = httpx.get(f"{running.url}/sparql", params={"query": query}, timeout=90)

        thread = threading.Thread(target=ask)
        thread.start()
        for _ in range(kills):
            time.sleep(0.5)  # the query is running
            os.kill(_busiest(running.children()), signal.SIGKILL)
        thread.join(timeout=90)
        again = httpx.get(f"{running.url}/sparql", params={"query": "ASK {}"}, timeout=30)
        assert again.json()["boolean"] is True
        assert len([worker for worker in running.children() if _alive(worker)]) == 2
        return outcome["answer"]


def test_a_worker_killed_mid_query_is_replaced_and_the_query_tried_again() -> None:
    answer = _killed_mid_query(SLOW, kills=1)
    assert answer.status_code == 200, answer.text[:300]
    assert int(answer.json()["results"]["bindings"][0]["n"]["value"]) > 1_000_000


def test_a_query_whose_workers_are_killed_twice_is_reported() -> None:
    answer = _killed_mid_query(ENDLESS, kills=2)
    assert answer.status_code == 500
    assert answer.json()["error"] == "worker-lost"
    assert "killed twice" in answer.json()["message"]
