"""While a single query runs, the engine watches the worker's pipe for the reply for a short
while before it sleeps on the event loop; with other queries running it never watches
(the event loop has their work to do)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from pactesur_kg.engine import embedded
from pactesur_kg.engine.base import QueryRequest, QueryResponse
from pactesur_kg.engine.embedded import EmbeddedEngine, PoolSettings
from pactesur_kg.errors import QueryTimeout
from pactesur_kg.store import Store

from .test_guard_rails import ENDLESS

SPARQL_JSON = [("application/sparql-results+json", 1.0)]


def _request(query: str) -> QueryRequest:
    return QueryRequest(query=query, accept=SPARQL_JSON, default_graphs=[], named_graphs=[])


class _Calls:
    """Records each watch (its budget and whether the reply came within it) and each sleep."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.watches: list[tuple[float, bool]] = []
        self.sleeps = 0
        watch, readable = embedded._watch, embedded._readable

        def recorded_watch(worker: Any, seconds: float) -> bool:
            replied = watch(worker, seconds)
            self.watches.append((seconds, replied))
            return replied

        async def recorded_readable(connection: Any, timeout: float) -> bool:
            self.sleeps += 1
            return await readable(connection, timeout)

        monkeypatch.setattr(embedded, "_watch", recorded_watch)
        monkeypatch.setattr(embedded, "_readable", recorded_readable)


def _with_engine(graph: Store, pool: PoolSettings, work: Callable[[EmbeddedEngine], Awaitable[Any]]) -> Any:
    async def run() -> Any:
        engine = EmbeddedEngine(graph, pool)
        await engine.start()
        try:
            return await work(engine)
        finally:
            await engine.close()

    return asyncio.run(run())


def test_a_small_query_is_caught_by_the_watch(graph: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _Calls(monkeypatch)
    pool = PoolSettings(workers=1, timeout=10, spin_seconds=5.0)  # ample: the reply comes within it
    answer: QueryResponse = _with_engine(graph, pool, lambda engine: engine.query(_request("ASK { ?s ?p ?o }")))
    assert answer.body == b'{"head":{},"boolean":true}'
    assert calls.watches == [(5.0, True)]
    assert calls.sleeps == 0


def test_without_a_watch_the_engine_sleeps_until_the_reply(graph: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _Calls(monkeypatch)
    pool = PoolSettings(workers=1, timeout=10, spin_seconds=0.0)
    answer: QueryResponse = _with_engine(graph, pool, lambda engine: engine.query(_request("ASK { ?s ?p ?o }")))
    assert answer.body == b'{"head":{},"boolean":true}'
    assert calls.watches == []
    assert calls.sleeps == 1


def test_no_watch_while_another_query_runs(graph: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _Calls(monkeypatch)
    pool = PoolSettings(workers=2, timeout=1.5, spin_seconds=0.05)

    async def two_queries(engine: EmbeddedEngine) -> QueryResponse:
        endless = asyncio.create_task(engine.query(_request(ENDLESS)))
        await asyncio.sleep(0.3)  # the endless query has been watched for 50 ms, then sleeps
        quick = await engine.query(_request("ASK { ?s ?p ?o }"))
        with pytest.raises(QueryTimeout):
            await endless
        return quick

    quick = _with_engine(graph, pool, two_queries)
    assert quick.body == b'{"head":{},"boolean":true}'
    assert calls.watches == [(0.05, False)]  # the endless query, alone at first; the quick one is not watched
    assert calls.sleeps == 2


def test_the_watch_counts_towards_the_timeout(graph: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _Calls(monkeypatch)
    pool = PoolSettings(workers=1, timeout=0.5, spin_seconds=2.0)  # a watch longer than the timeout

    async def endless(engine: EmbeddedEngine) -> float:
        loop = asyncio.get_running_loop()
        started = loop.time()
        with pytest.raises(QueryTimeout):
            await engine.query(_request(ENDLESS))
        return loop.time() - started

    elapsed = _with_engine(graph, pool, endless)
    assert calls.watches == [(0.5, False)]
    assert elapsed < 2.0  # stopped at the timeout, not after the longer watch
