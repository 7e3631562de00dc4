"""The OpenAPI document names the operator's token (an HTTP bearer scheme) on the writes, so
that tools send it; documents every RDF media type of the linked-data pages; and documents
error answers as JSON problems, even those of a route answering HTML."""

from __future__ import annotations

import json
from typing import Any

import httpx

from .conftest import UPDATE_TOKEN
from .server import RunningServer

WRITES = [("put", "/store"), ("post", "/store"), ("delete", "/store")]


def _document(server: RunningServer) -> dict[str, Any]:
    document: dict[str, Any] = httpx.get(f"{server.url}/openapi.json", timeout=60).json()
    return document


def test_openapi_writes_ask_for_the_bearer_token(writable_server: RunningServer) -> None:
    document = _document(writable_server)
    scheme = document["components"]["securitySchemes"]["updateToken"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    for method, path in WRITES:
        operation = document["paths"][path][method]
        assert operation["security"] == [{"updateToken": []}], (method, path)
        assert {"401", "403"} <= set(operation["responses"]), (method, path)
    # queries need no token, updates do
    assert document["paths"]["/sparql"]["post"]["security"] == [{}, {"updateToken": []}]
    assert "security" not in document["paths"]["/sparql"]["get"]
    # and the token so declared is the one that works
    written = httpx.put(
        f"{writable_server.url}/store",
        params={"graph": "https://w3id.org/pactesur/graph/test/openapi-security"},
        content=b"<https://example.org/a> <https://example.org/b> <https://example.org/c> .",
        headers={"content-type": "application/n-triples", "authorization": f"Bearer {UPDATE_TOKEN}"},
    )
    assert written.status_code == 204


def test_openapi_read_only_service_asks_no_token_for_writes(embedded_server: RunningServer) -> None:
    document = _document(embedded_server)
    assert "updateToken" in document["components"]["securitySchemes"]
    for method, path in WRITES:
        assert "security" not in document["paths"][path][method], (method, path)
        assert httpx.request(method.upper(), f"{embedded_server.url}{path}?graph=x").status_code == 403


def test_openapi_linked_data_pages_document_every_rdf_media_type(embedded_server: RunningServer) -> None:
    document = _document(embedded_server)
    for path in ("/resource/{kind}/{slug}", "/concept/{scheme}/{slug}", "/ontology"):
        content = document["paths"][path]["get"]["responses"]["200"]["content"]
        assert set(content) == {
            "text/html",
            "text/turtle",
            "application/ld+json",
            "application/n-triples",
            "application/rdf+xml",
        }, path
        assert all("example" in described for described in content.values()), path
        assert '"@id"' in json.dumps(content["application/ld+json"]["example"]), path
        assert content["application/n-triples"]["example"].startswith("<"), path
        assert "rdf:RDF" in content["application/rdf+xml"]["example"], path


def test_openapi_errors_are_json_problems_on_html_routes(embedded_server: RunningServer) -> None:
    responses = _document(embedded_server)["paths"]["/reconcile/preview"]["get"]["responses"]
    for status in ("400", "422", "503"):
        assert set(responses[status]["content"]) == {"application/json"}, status
    answer = httpx.get(f"{embedded_server.url}/reconcile/preview")
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/json"
