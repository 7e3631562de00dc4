"""Each query has a memory budget that the operating system enforces in its worker: past it
the client gets 422 query-memory, the worker is replaced, the others go on."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from bench.fault_load import GREEDY
from pactesur_kg.errors import QueryMemoryExceeded
from pactesur_kg.isolation import run_isolated
from pactesur_kg.settings import Settings

from ..api.server import serve


def test_memory_budget_stops_a_greedy_query_and_the_service_goes_on() -> None:
    with serve("--workers", "2", "--timeout", "60", "--query-memory", "300M") as running:
        workers = len(running.children())
        response = httpx.get(f"{running.url}/sparql", params={"query": GREEDY}, timeout=90)
        assert response.status_code == 422, response.text[:300]
        body = response.json()
        assert body["error"] == "query-memory"
        assert "300 MiB" in body["message"]
        for path in ("/sparql?query=ASK%7B%7D", "/api/cities/nice", "/api/recommendations?threat=vehicle-as-weapon"):
            assert httpx.get(f"{running.url}{path}", timeout=30).status_code == 200, path
        assert len(running.children()) == workers


def test_memory_budget_of_in_process_work() -> None:
    def greedy() -> int:
        return len(bytearray(400 << 20))

    with pytest.raises(QueryMemoryExceeded, match="50 MiB"):
        asyncio.run(run_isolated(greedy, timeout=30, what="the work", memory=50 << 20))
    assert asyncio.run(run_isolated(lambda: len(bytearray(10 << 20)), timeout=30, what="the work", memory=50 << 20))


def test_memory_budget_default_shares_half_the_memory_among_the_workers() -> None:
    budget = Settings(workers=4).query_memory_budget
    physical = Settings(workers=1).query_memory_budget * 2
    assert abs(budget - physical // 8) <= 1
    assert Settings(query_memory=0).query_memory_budget == 0


def test_memory_budget_of_shaping_refuses_a_rest_answer_built_from_too_large_a_result() -> None:
    """What the server reads itself to build an answer is capped apart from the results it
    passes on: past the cap the route says so (422) and what to do; the same query through
    /sparql, and the other routes, are answered."""
    with serve("--workers", "1", env={"PACTESUR_MAX_SHAPED_BYTES": "12000"}) as running:
        response = httpx.get(f"{running.url}/api/threats", timeout=30)
        assert response.status_code == 422, response.text[:300]
        message = response.json()["message"]
        assert "12000 bytes" in message
        assert "PACTESUR_MAX_SHAPED_BYTES" in message
        assert "/sparql" in message
        small = httpx.get(f"{running.url}/api/threats/vehicle-as-weapon", timeout=30)
        assert small.status_code == 200
        sparql = small.json()["query"]["sparql"]
        assert httpx.get(f"{running.url}/sparql", params={"query": sparql}, timeout=30).status_code == 200
        scheme = "SELECT ?c ?label WHERE { ?c skos:inScheme ?s ; skos:prefLabel ?label }"
        assert httpx.get(f"{running.url}/sparql", params={"query": scheme}, timeout=30).status_code == 200
        assert httpx.get(f"{running.url}/api/search", params={"q": "nice"}, timeout=30).status_code == 200
