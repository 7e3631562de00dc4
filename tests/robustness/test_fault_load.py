"""The fault-load test: ordinary clients keep being answered while hostile ones send what
should be refused and a worker is killed; memory stays within the budget."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

from ..api.server import RunningServer, serve
from .test_hostile_input import BILLION_LAUGHS, NESTED
from .test_memory_budget import GREEDY

SECONDS = 15.0
ORDINARY_CLIENTS = 16
BUDGET = 300 << 20
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

ORDINARY: list[Request] = [
    ("GET", "/sparql", {"query": "SELECT ?c WHERE { ?c a pac:City } LIMIT 5"}, None, None),
    ("GET", "/api/recommendations", {"threat": "vehicle-as-weapon"}, None, None),
    ("GET", "/api/cities/nice", {}, None, None),
    ("GET", "/api/search", {"q": "liege"}, None, None),
    ("GET", "/resource/city/nice", {}, None, None),
]

_QUERY = "application/sparql-query"
Request = tuple[str, str, dict[str, str], bytes | None, str | None]

HOSTILE: list[Request] = [
    ("POST", "/sparql", {}, NESTED["groups"].encode(), "application/sparql-query"),
    ("GET", "/sparql", {"query": GREEDY}, None, None),
    ("GET", "/sparql", {"query": ENDLESS}, None, None),
    ("POST", "/validate", {}, BILLION_LAUGHS, "application/rdf+xml"),
    ("GET", "/sparql?query=ASK%7B%7D%FF", {}, None, None),
    ("POST", "/sparql", {}, b"ASK { \xff }", "application/sparql-query"),
    ("GET", "/api/cities/%FF", {}, None, None),
    (
        "POST",
        "/sparql",
        {},
        ("SELECT * { VALUES ?x { " + "1 " * 2_000_000 + "} }").encode(),
        "application/sparql-query",
    ),
]


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and its children, in bytes."""
    total = 0
    for process in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{process}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except FileNotFoundError:
            pass
    return total


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def _send(client: httpx.Client, running: RunningServer, request: Request) -> int:
    method, path, params, body, content_type = request
    headers = {"content-type": content_type} if content_type else {}
    # params=None, not {}: an empty mapping would drop the query string written in the path
    response = client.request(method, f"{running.url}{path}", params=params or None, content=body, headers=headers)
    return response.status_code


def test_fault_load_ordinary_requests_are_all_answered() -> None:
    with serve("--workers", "2", "--timeout", "3", "--query-memory", "300M") as running:
        baseline = _tree_rss(running.pid)
        deadline = time.monotonic() + SECONDS
        ordinary: Counter[int | str] = Counter()
        hostile: Counter[int | str] = Counter()
        peak = [baseline]
        lock = threading.Lock()

        def ordinary_client(number: int) -> None:
            with httpx.Client(timeout=60) as client:
                step = number
                while time.monotonic() < deadline:
                    try:
                        status: int | str = _send(client, running, ORDINARY[step % len(ORDINARY)])
                    except httpx.HTTPError as error:
                        status = type(error).__name__
                    with lock:
                        ordinary[status] += 1
                    step += 1

        def hostile_client(number: int) -> None:
            with httpx.Client(timeout=60) as client:
                step = number
                while time.monotonic() < deadline:
                    try:
                        status: int | str = _send(client, running, HOSTILE[step % len(HOSTILE)])
                    except httpx.HTTPError as error:
                        status = type(error).__name__
                    with lock:
                        hostile[status] += 1
                    step += 1

        def watch_memory() -> None:
            while time.monotonic() < deadline + 5:
                peak[0] = max(peak[0], _tree_rss(running.pid))
                time.sleep(0.1)

        threads = [threading.Thread(target=ordinary_client, args=(n,)) for n in range(ORDINARY_CLIENTS)]
        threads += [threading.Thread(target=hostile_client, args=(n,)) for n in range(2)]
        threads.append(threading.Thread(target=watch_memory))
        for thread in threads:
            thread.start()
        time.sleep(SECONDS / 2)
        os.kill(max(_children(running.pid)), signal.SIGKILL)  # as an operator or the kernel would
        for thread in threads:
            thread.join(timeout=SECONDS + 120)
        assert set(ordinary) == {200}, ordinary
        assert sum(ordinary.values()) >= ORDINARY_CLIENTS
        refused = {status for status in hostile if isinstance(status, int) and (400 <= status < 500 or status == 503)}
        assert set(hostile) == refused, hostile
        assert hostile.total() >= len(HOSTILE)
        assert peak[0] < baseline + 2 * BUDGET + (400 << 20), (peak[0] >> 20, baseline >> 20)
