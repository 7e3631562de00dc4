"""Plain queries are answered by the bare ASGI layer in front of FastAPI; everything else
reaches the ``/sparql`` route. The protocol tests (test_sparql_protocol, test_guard_rails)
cover the answers over HTTP; these prove which layer gives them."""

from __future__ import annotations

import asyncio
import dataclasses
import json

import httpx
import pytest
from starlette.responses import PlainTextResponse
from starlette.types import Receive, Scope, Send

from pactesur_kg.api.deps import ServiceState
from pactesur_kg.api.protocol.fastpath import SparqlFastPath
from pactesur_kg.engine.embedded import EmbeddedEngine, PoolSettings
from pactesur_kg.settings import Settings
from pactesur_kg.store import Store

SPARQL_JSON = "application/sparql-results+json"


class _Route:
    """Stands for the FastAPI application behind the fast path: records what reaches it."""

    def __init__(self) -> None:
        self.reached: list[str] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.reached.append(f"{scope['method']} {scope['path']}")
        await PlainTextResponse("answered by the route")(scope, receive, send)


def _exchange(graph: Store, settings: Settings, request: httpx.Request) -> tuple[httpx.Response, list[str]]:
    async def run() -> tuple[httpx.Response, list[str]]:
        engine = EmbeddedEngine(graph, PoolSettings(workers=1, timeout=10))
        await engine.start()
        inner = _Route()
        state = ServiceState(settings=settings, engine=engine)
        layer = SparqlFastPath(inner, lambda: state)
        try:
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=layer), base_url="http://test") as client:
                response = await client.send(request)
                await response.aread()
                return response, inner.reached
        finally:
            await engine.close()

    return asyncio.run(run())


@pytest.fixture(scope="module")
def limited(settings: Settings) -> Settings:
    return dataclasses.replace(settings, max_body_bytes=64)


def test_get_query_is_answered_without_the_route(graph: Store, settings: Settings) -> None:
    request = httpx.Request(
        "GET", "http://test/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"accept": SPARQL_JSON}
    )
    response, reached = _exchange(graph, settings, request)
    assert response.status_code == 200
    assert response.headers["content-type"] == SPARQL_JSON
    assert json.loads(response.content)["boolean"] is True
    assert reached == []


def test_direct_post_is_answered_without_the_route(graph: Store, settings: Settings) -> None:
    request = httpx.Request(
        "POST",
        "http://test/sparql",
        content="SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/pactesur/ontology#City> }",
        headers={"content-type": "application/sparql-query", "accept": "text/csv"},
    )
    response, reached = _exchange(graph, settings, request)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    count = graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/pactesur/ontology#City> }")
    assert response.text.split() == ["n", str(next(iter(count))["n"].value)]
    assert reached == []


def test_errors_are_mapped_like_the_route(graph: Store, settings: Settings) -> None:
    request = httpx.Request("GET", "http://test/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    response, reached = _exchange(graph, settings, request)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "bad-request"
    assert "invalid SPARQL query" in body["message"]
    assert reached == []


def test_a_body_over_the_limit_is_refused(graph: Store, limited: Settings) -> None:
    request = httpx.Request(
        "POST", "http://test/sparql", content="ASK {}" + " " * 100, headers={"content-type": "application/sparql-query"}
    )
    response, reached = _exchange(graph, limited, request)
    assert response.status_code == 413
    assert response.json()["error"] == "payload-too-large"
    assert reached == []


@pytest.mark.parametrize(
    "request_",
    [
        httpx.Request("GET", "http://test/sparql"),  # service description or query page
        httpx.Request("GET", "http://test/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")]),
        httpx.Request("GET", "http://test/sparql", params={"query": "ASK {}", "update": "CLEAR ALL"}),
        httpx.Request("POST", "http://test/sparql", data={"query": "ASK {}"}),
        httpx.Request(
            "POST", "http://test/sparql", content="CLEAR ALL", headers={"content-type": "application/sparql-update"}
        ),
        httpx.Request("GET", "http://test/api/threats", params={"query": "ASK {}"}),
        httpx.Request("GET", "http://test/sparql", params={"query": "ASK {}"}, headers={"origin": "http://a.example"}),
    ],
    ids=["no-query", "query-twice", "update-by-get", "form", "update", "other-path", "cross-origin"],
)
def test_everything_else_reaches_the_route(graph: Store, settings: Settings, request_: httpx.Request) -> None:
    response, reached = _exchange(graph, settings, request_)
    assert response.text == "answered by the route"
    assert reached == [f"{request_.method} {request_.url.path}"]
