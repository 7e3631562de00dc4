"""Hostile input gets its 4xx and changes nothing; no query text makes a worker die."""

from __future__ import annotations

import httpx
import pytest

from bench.fault_load import BILLION_LAUGHS, DEEP

from ..api.conftest import UPDATE_TOKEN
from ..api.server import RunningServer

NESTED = {
    "groups": "SELECT * WHERE " + "{" * DEEP + " ?s ?p ?o " + "}" * DEEP,
    "expression": "SELECT * WHERE { BIND(" + "(" * DEEP + "1" + ")" * DEEP + " AS ?x) }",
    "path": "SELECT * WHERE { ?s " + "(" * DEEP + "rdfs:label" + ")" * DEEP + " ?o }",
    "escaped": "SELECT * WHERE " + "\\u007B" * DEEP + " ?s ?p ?o " + "\\u007D" * DEEP,
}


@pytest.mark.parametrize("name", sorted(NESTED))
def test_hostile_deep_nesting_is_400_and_kills_no_worker(server: RunningServer, name: str) -> None:
    workers = server.children()
    response = httpx.post(
        f"{server.url}/sparql", content=NESTED[name], headers={"content-type": "application/sparql-query"}, timeout=30
    )
    assert response.status_code == 400, response.text[:300]
    body = response.json()
    assert body["error"] == "nested-too-deeply"
    assert body["line"] == 1
    assert body["column"] > 256
    assert httpx.get(f"{server.url}/sparql", params={"query": "ASK {}"}).status_code == 200
    assert server.children() == workers


def test_hostile_deep_nesting_in_an_update_is_400(writable_server: RunningServer) -> None:
    update = "INSERT { <urn:s> <urn:p> 1 } WHERE " + "{" * DEEP + "}" * DEEP
    response = httpx.post(
        f"{writable_server.url}/sparql",
        content=update,
        headers={"content-type": "application/sparql-update", "authorization": f"Bearer {UPDATE_TOKEN}"},
        timeout=30,
    )
    assert response.status_code == 400
    assert response.json()["error"] == "nested-too-deeply"


def test_hostile_entity_expansion_in_validation_is_400_at_once(server: RunningServer) -> None:
    response = httpx.post(
        f"{server.url}/validate",
        content=BILLION_LAUGHS,
        headers={"content-type": "application/rdf+xml"},
        timeout=30,
    )
    assert response.status_code == 400
    body = response.json()
    assert "<!ENTITY" in body["message"]
    assert (body["line"], body["column"]) == (3, 3)


def test_hostile_entity_expansion_in_a_graph_store_write_is_400(writable_server: RunningServer) -> None:
    graph = "urn:graph:laughs"
    response = httpx.put(
        f"{writable_server.url}/store",
        params={"graph": graph},
        content=BILLION_LAUGHS,
        headers={"content-type": "application/rdf+xml", "authorization": f"Bearer {UPDATE_TOKEN}"},
        timeout=30,
    )
    assert response.status_code == 400
    assert httpx.get(f"{writable_server.url}/store", params={"graph": graph}).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/sparql?query=ASK%7B%7D%FF",  # the fast path
        "/sparql?query=ASK%7B%7D&format=%C3",  # the route (repeated parameters go there)
        "/api/search?q=Li%E8ge",  # Latin-1, not UTF-8
        "/api/cities/%FF",
        "/resource/city/nice%FF",
    ],
)
def test_hostile_invalid_utf8_is_400_never_a_replacement_character(server: RunningServer, path: str) -> None:
    response = httpx.get(f"{server.url}{path}", headers={"origin": "http://elsewhere.example"})
    assert response.status_code == 400, response.text[:300]
    assert "not UTF-8" in response.json()["message"]
    assert response.headers["access-control-allow-origin"] == "*"  # CORS on errors too


def test_hostile_invalid_utf8_on_the_fast_path_is_400(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/sparql?query=ASK%7B%7D%FF")
    assert response.status_code == 400
    assert response.json()["error"] == "bad-request"


def test_hostile_invalid_utf8_in_a_body_is_400(server: RunningServer) -> None:
    response = httpx.post(
        f"{server.url}/sparql", content=b"ASK { \xff }", headers={"content-type": "application/sparql-query"}
    )
    assert response.status_code == 400
    assert "not UTF-8" in response.json()["message"]
