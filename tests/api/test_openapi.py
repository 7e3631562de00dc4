"""The OpenAPI document and its /docs page: every route documents examples of its parameters,
requests and answers, and the example requests succeed against the running service."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

import httpx
import pytest

from .server import RunningServer

Operation = tuple[str, str, dict[str, Any]]


@pytest.fixture(scope="module")
def document(embedded_server: RunningServer) -> dict[str, Any]:
    response = httpx.get(f"{embedded_server.url}/openapi.json", timeout=30)
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def operations(document: dict[str, Any]) -> Iterator[Operation]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "delete", "patch", "head"}:
                yield path, method, operation


def public_operations(document: dict[str, Any]) -> Iterator[Operation]:
    """The operations anyone may call. Those of the contribution workflow (tag
    "Contributions") need an account's token and answer about a queue of submissions: no
    answer of the service can serve as their example (docs/contributions.md shows them), and
    an anonymous request gets 401 (404 while the workflow is off, when the document asks for
    no token)."""
    for path, method, operation in operations(document):
        if "Contributions" not in operation.get("tags", []):
            yield path, method, operation


def example_values(described: dict[str, Any]) -> list[Any]:
    """The example values of a parameter, a media type or a schema, in order."""
    values = [example["value"] for example in described.get("examples", {}).values() if "value" in example]
    if "example" in described:
        values.insert(0, described["example"])
    return values


def parameter_values(parameter: dict[str, Any]) -> list[Any]:
    return example_values(parameter) or list(parameter.get("schema", {}).get("examples", []))


def request_for(path: str, parameters: list[dict[str, Any]], **chosen: Any) -> tuple[str, dict[str, Any]]:
    """The URL path and query of a request: each required parameter with its first example,
    then the ``chosen`` values."""
    values = {p["name"]: parameter_values(p)[0] for p in parameters if p.get("required")} | chosen
    query = {}
    for parameter in parameters:
        name = parameter["name"]
        if name not in values:
            continue
        if parameter["in"] == "path":
            path = path.replace(f"{{{name}}}", quote(str(values[name]), safe=""))
        else:
            query[name] = values[name]
    assert "{" not in path, f"a path parameter of {path} has no example"
    return path, query


def test_openapi_every_operation_documents_examples(document: dict[str, Any]) -> None:
    missing = []
    found = list(public_operations(document))
    assert len(found) >= 20
    for path, method, operation in found:
        where = f"{method.upper()} {path}"
        for parameter in operation.get("parameters", []):
            if not parameter_values(parameter):
                missing.append(f"{where}: parameter {parameter['name']}")
        for media, described in operation.get("requestBody", {}).get("content", {}).items():
            if not example_values(described):
                missing.append(f"{where}: request body {media}")
        responses = operation["responses"]
        if "200" in responses:
            content = responses["200"].get("content", {})
            if not content:
                missing.append(f"{where}: 200 without content")
            for media, described in content.items():
                if not example_values(described):
                    missing.append(f"{where}: 200 {media}")
        elif "204" not in responses:
            missing.append(f"{where}: no 200 nor 204 answer")
    assert missing == []


def test_openapi_example_requests_succeed(embedded_server: RunningServer, document: dict[str, Any]) -> None:
    """Each GET route, with each example of each parameter in turn (and the first example of
    each required parameter), answers 2xx; the first answer, if JSON, has the keys of the
    documented example."""
    tried = 0
    for path, method, operation in public_operations(document):
        if method != "get":
            continue
        parameters = operation.get("parameters", [])
        requests = [
            request_for(path, parameters, **{p["name"]: value}) for p in parameters for value in parameter_values(p)
        ] or [request_for(path, parameters)]
        for number, (url, query) in enumerate(requests):
            response = httpx.get(f"{embedded_server.url}{url}", params=query, timeout=30)
            assert response.is_success, f"GET {url} {query}: {response.status_code} {response.text[:300]}"
            tried += 1
            documented = operation["responses"]["200"]["content"].get("application/json", {}).get("example")
            if number == 0 and isinstance(documented, dict):
                assert response.headers["content-type"].startswith("application/json"), url
                assert set(response.json()) == set(documented), f"GET {url}: the example's keys differ"
    assert tried >= 60


@pytest.mark.parametrize("path", ["/sparql", "/validate"])
def test_openapi_example_bodies_succeed(embedded_server: RunningServer, document: dict[str, Any], path: str) -> None:
    operation = document["paths"][path]["post"]
    url, query = request_for(path, operation.get("parameters", []))
    answer = operation["responses"]["200"]["content"]
    documented = answer.get("application/json", answer.get("application/sparql-results+json"))["example"]
    for media, described in operation["requestBody"]["content"].items():
        body = example_values(described)[0]
        response = httpx.post(
            f"{embedded_server.url}{url}",
            params=query,
            content=(urlencode(body) if isinstance(body, dict) else body).encode("utf-8"),
            headers={"content-type": media, "accept": "application/json, */*;q=0.1"},
            timeout=60,
        )
        assert response.status_code == 200, f"{media}: {response.text[:300]}"
        assert set(response.json()) == set(documented), media


def test_docs_page_loads_swagger_ui_from_this_server(embedded_server: RunningServer) -> None:
    response = httpx.get(f"{embedded_server.url}/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    sources = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert "/static/swagger-ui/swagger-ui-bundle.js" in sources
    assert all(source.startswith("/") for source in sources), sources
    assert "url: '/openapi.json'" in response.text
    for source in sources:
        assert httpx.get(f"{embedded_server.url}{source}").status_code == 200, source
    # FastAPI's own pages, which would load their scripts from elsewhere, stay off
    assert httpx.get(f"{embedded_server.url}/redoc").status_code == 404
