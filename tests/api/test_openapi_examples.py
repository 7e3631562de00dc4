"""The answer examples of the OpenAPI document are the service's own answers, taken again
after the graph changes (in-process, through ``create_app(store=…)``)."""

from __future__ import annotations

import asyncio
import dataclasses
import re
from collections.abc import Awaitable, Iterator
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from fastapi import FastAPI

from pactesur_kg.api.app import create_app
from pactesur_kg.api.examples import SOURCE
from pactesur_kg.settings import Settings
from pactesur_kg.store import Store

from .inprocess import in_process

TOKEN = "examples-token"


@pytest.fixture
def app(settings: Settings, graph: Store) -> FastAPI:
    """The service over a copy of the curated graph, writable with a token."""
    copy = Store.in_memory()
    copy.add_all(graph.quads())
    return create_app(dataclasses.replace(settings, allow_updates=True, update_token=TOKEN, workers=1), store=copy)


def _examples(document: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """The documented answers with examples: all but those of the routes that need an
    account's token (see test_openapi.public_operations)."""
    for path, item in document["paths"].items():
        for operation in item.values():
            if "Contributions" in operation.get("tags", []):
                continue
            for media, described in operation.get("responses", {}).get("200", {}).get("content", {}).items():
                yield path, media, described


def _void_triples(document: dict[str, Any]) -> int:
    void = document["paths"]["/.well-known/void"]["get"]["responses"]["200"]["content"]["text/turtle"]["example"]
    found = re.search(r"<http://rdfs.org/ns/void#triples> (\d+)", void)
    assert found is not None, void
    return int(found[1])


def _document(client: httpx.AsyncClient) -> Awaitable[httpx.Response]:
    return client.get("/openapi.json", timeout=60)


def test_openapi_examples_are_answers_of_the_service(app: FastAPI) -> None:
    async def scenario() -> dict[str, Any]:
        async with in_process(app) as client:
            response = await _document(client)
            body: dict[str, Any] = response.json()
            return body

    document = asyncio.run(scenario())
    found = list(_examples(document))
    assert len(found) >= 25
    for path, media, described in found:
        assert SOURCE not in described, path
        assert "example" in described, f"{path} {media}"
        assert not str(described["example"]).startswith("(the example request answered"), (path, described)
    city = document["paths"]["/api/cities/{slug}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert city["example"]["label"] == "Nice"
    assert len(city["example"]["sources"]) == 1  # lists cut to one item
    # the lessons behind a recommendation and an event's description, in both media types
    recommendations = document["paths"]["/api/recommendations"]["get"]["responses"]["200"]["content"]
    events = document["paths"]["/api/events"]["get"]["responses"]["200"]["content"]
    for media in ("application/json", "application/ld+json"):
        assert "basedOn" in recommendations[media]["example"]["items"][0]["why"][0], media
        assert "description" in events[media]["example"]["items"][0], media


def test_openapi_examples_follow_a_change_of_the_graph(app: FastAPI) -> None:
    update = f"INSERT DATA {{ GRAPH <urn:graph:extra> {{ {ox.NamedNode('urn:x')} rdfs:label 'x' , 'y' }} }}"

    async def scenario() -> tuple[int, int, int]:
        async with in_process(app) as client:
            before = _void_triples((await _document(client)).json())
            answer = await client.post(
                "/sparql",
                content=update,
                headers={"content-type": "application/sparql-update", "authorization": f"Bearer {TOKEN}"},
            )
            return before, answer.status_code, _void_triples((await _document(client)).json())

    before, status, after = asyncio.run(scenario())
    assert status == 204
    assert after == before + 2
