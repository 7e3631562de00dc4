"""Writes need the explicit flag and the token; then SPARQL Update and Graph Store writes work."""

from __future__ import annotations

import httpx

from .conftest import UPDATE_TOKEN
from .server import RunningServer

GRAPH = "https://w3id.org/pactesur/graph/contributions/test"
TRIPLE = (
    '<https://w3id.org/pactesur/resource/city/testville> <http://www.w3.org/2000/01/rdf-schema#label> "Testville"@en .'
)
AUTH = {"authorization": f"Bearer {UPDATE_TOKEN}"}


def _ask(server: RunningServer, pattern: str) -> bool:
    response = httpx.get(f"{server.url}/sparql", params={"query": f"ASK {{ {pattern} }}"})
    return bool(response.json()["boolean"])


def test_update_without_token_is_401(writable_server: RunningServer) -> None:
    response = httpx.post(
        f"{writable_server.url}/sparql",
        content=f"INSERT DATA {{ {TRIPLE} }}",
        headers={"content-type": "application/sparql-update"},
    )
    assert response.status_code == 401
    wrong = httpx.post(
        f"{writable_server.url}/sparql",
        content=f"INSERT DATA {{ {TRIPLE} }}",
        headers={"content-type": "application/sparql-update", "authorization": "Bearer wrong"},
    )
    assert wrong.status_code == 401
    assert not _ask(writable_server, TRIPLE.rstrip(" ."))


def test_update_with_token_is_applied_and_visible(writable_server: RunningServer) -> None:
    response = httpx.post(
        f"{writable_server.url}/sparql",
        data={"update": f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {TRIPLE} }} }}"},
        headers=AUTH,
    )
    assert response.status_code == 204
    assert _ask(writable_server, TRIPLE.rstrip(" ."))
    cleared = httpx.post(
        f"{writable_server.url}/sparql",
        content=f"DROP GRAPH <{GRAPH}>",
        headers={"content-type": "application/sparql-update", **AUTH},
    )
    assert cleared.status_code == 204
    assert not _ask(writable_server, TRIPLE.rstrip(" ."))


def test_malformed_update_is_400(writable_server: RunningServer) -> None:
    response = httpx.post(
        f"{writable_server.url}/sparql",
        content="INSERT DATA {",
        headers={"content-type": "application/sparql-update", **AUTH},
    )
    assert response.status_code == 400


def test_load_of_a_remote_document_is_refused_even_with_token(writable_server: RunningServer) -> None:
    response = httpx.post(
        f"{writable_server.url}/sparql",
        content="LOAD <http://127.0.0.1:9/data.ttl>",
        headers={"content-type": "application/sparql-update", **AUTH},
    )
    assert response.status_code == 403


def test_graph_store_put_get_delete(writable_server: RunningServer) -> None:
    url = f"{writable_server.url}/store"
    put = httpx.put(
        url, params={"graph": GRAPH}, content=TRIPLE, headers={"content-type": "application/n-triples", **AUTH}
    )
    assert put.status_code == 204
    read = httpx.get(url, params={"graph": GRAPH}, headers={"accept": "application/n-triples"})
    assert read.status_code == 200
    assert "Testville" in read.text
    unauthorised = httpx.delete(url, params={"graph": GRAPH})
    assert unauthorised.status_code == 401
    deleted = httpx.delete(url, params={"graph": GRAPH}, headers=AUTH)
    assert deleted.status_code == 204
    assert httpx.get(url, params={"graph": GRAPH}).status_code == 404


def test_graph_store_put_rejects_bad_rdf(writable_server: RunningServer) -> None:
    response = httpx.put(
        f"{writable_server.url}/store",
        params={"graph": GRAPH},
        content=b"<http://a.example/s> <http://a.example/p> .",
        headers={"content-type": "application/n-triples", **AUTH},
    )
    assert response.status_code == 400
