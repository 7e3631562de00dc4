"""Every route of the OpenAPI document, each parameter given hostile values in turn:
nothing answers 5xx (a clear 4xx, or a 2xx where the value is acceptable)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx
import pytest

from ..api.server import RunningServer

HOSTILE_VALUES = [
    "x" * 10_000,
    "\x00\x01",
    "{" * 5000,
    "((((((((((" * 500,
    "-1",
    "99999999999999999999999",
    "1e309",
    "../../../etc/passwd",
    "<script>alert(1)</script>",
    "Łódź ünïcödé 東京",
    "\\u007B" * 300,
    "",
    " ",
    '"; DROP ALL; "',
    "SELECT * WHERE { ?s ?p ?o }",
    "https://w3id.org/pactesur/resource/city/nice",
    "nice nice",
    "%",
]


@pytest.fixture(scope="module")
def document(embedded_server: RunningServer) -> dict[str, Any]:
    body: dict[str, Any] = httpx.get(f"{embedded_server.url}/openapi.json", timeout=60).json()
    return body


def _requests(document: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    """(path, query) of each GET route with each of its parameters hostile in turn (the
    others at their first example, when they have one)."""
    found: list[tuple[str, dict[str, str]]] = []
    for path, item in document["paths"].items():
        operation = item.get("get")
        if operation is None:
            continue
        parameters = operation.get("parameters", [])
        defaults = {p["name"]: _example(p) for p in parameters}
        for parameter in parameters:
            for value in HOSTILE_VALUES:
                values = {**{k: v for k, v in defaults.items() if v is not None}, parameter["name"]: value}
                url = path
                query: dict[str, str] = {}
                for p in parameters:
                    if p["name"] not in values:
                        continue
                    if p["in"] == "path":
                        url = url.replace(f"{{{p['name']}}}", quote(str(values[p["name"]]), safe=""))
                    else:
                        query[p["name"]] = str(values[p["name"]])
                if "{" not in url:
                    found.append((url, query))
    return found


def _example(parameter: dict[str, Any]) -> str | None:
    examples = [e["value"] for e in parameter.get("examples", {}).values() if "value" in e]
    return str(examples[0]) if examples else None


def test_every_route_answers_hostile_parameters_without_5xx(
    embedded_server: RunningServer, document: dict[str, Any]
) -> None:
    requests = _requests(document)
    assert len(requests) > 500
    failures = []
    with httpx.Client(timeout=60) as client:
        for path, query in requests:
            response = client.get(f"{embedded_server.url}{path}", params=query)
            if response.status_code >= 500:
                failures.append(
                    (path, {k: v[:40] for k, v in query.items()}, response.status_code, response.text[:200])
                )
    assert failures == []
