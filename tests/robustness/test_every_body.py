"""Every route that takes a body (the SPARQL query and update, as a body and as a form, the
Graph Store writes, validation, reconciliation's matching and extension), each given hostile
bodies under every content type, and the hostile queries a public endpoint gets (huge VALUES,
cross products, GROUP_CONCAT of everything, long literals, escaped keywords): each answer is a
clear 4xx, a 503 or a correct 200, never a 5xx, and the workers are all there afterwards."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import quote, urlencode

import httpx
import pytest

from bench.fault_load import BILLION_LAUGHS

from ..api.conftest import UPDATE_TOKEN
from ..api.server import RunningServer, load_endpoint, oxigraph_server, serve

LONG = "x" * (1536 * 1024)
"""A 1.5 MiB literal, under the body limit of 2 MiB."""

BODIES: dict[str, bytes] = {
    "empty": b"",
    "control characters": b"\x00\x01\x02",
    "invalid UTF-8": b"\xff\xfe",
    "deep braces": b"{" * 5000,
    "deep parentheses": b"(" * 5000,
    "long literal": f'"{LONG}"'.encode(),
    "big JSON": json.dumps({"q0": {"query": "nice", "extra": [1] * 200_000}}).encode(),
    "deep JSON": b'{"a":' * 3000 + b"1" + b"}" * 3000,
    "escaped keyword": b"\\u0053ELECT * { ?s ?p ?o }",
    "billion laughs": BILLION_LAUGHS,
    "Turtle with a long literal": f'<urn:a> <urn:b> "{LONG}" .'.encode(),
    "deep JSON-LD": b'{"@id":"urn:a","urn:p":' + b'{"urn:p":' * 3000 + b"1" + b"}" * 3000 + b"}",
    "deep RDF/XML": b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="urn:e#">'
    + b'<rdf:Description rdf:about="urn:a">'
    + b"<e:p><rdf:Description>" * 20_000
    + b"</rdf:Description></e:p>" * 20_000
    + b"</rdf:Description></rdf:RDF>",
    "deep Turtle": b"<urn:a> <urn:b> " + b"[ <urn:p> " * 3000 + b"1" + b"]" * 3000 + b" .",
    "percent escapes": b"%00%FF%C0%80",
}
CONTENT_TYPES = [
    "application/sparql-query",
    "application/sparql-update",
    "application/x-www-form-urlencoded",
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
    "application/json",
    "text/plain",
    None,
]
FORM_FIELDS = {"/sparql": ("query", "update"), "/reconcile": ("queries", "extend")}


def _form(field: str, body: bytes) -> bytes:
    return urlencode({field: body.decode("utf-8", errors="replace")}).encode()


def _requests(body: bytes, content_type: str | None) -> list[tuple[str, str, bytes]]:
    """(method, path, body) of every route with a body, the body as it is and, for forms, in
    each form field."""
    found = [
        ("POST", "/sparql", body),
        ("POST", "/validate", body),
        ("PUT", "/store?graph=urn:graph:hostile", body),
        ("POST", "/store?graph=urn:graph:hostile", body),
        ("POST", "/reconcile", body),
    ]
    if content_type == "application/x-www-form-urlencoded":
        found += [("POST", path, _form(field, body)) for path, fields in FORM_FIELDS.items() for field in fields]
    return found


def _clean(response: httpx.Response) -> bool:
    """A 2xx, or a 4xx or 503 with a JSON problem that says what went wrong."""
    if response.status_code < 300:
        return True
    if response.status_code >= 500 and response.status_code != 503:
        return False
    try:
        return bool(response.json()["message"])
    except (ValueError, KeyError):
        return False


@pytest.fixture(scope="module")
def hostile_remote_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """The service over an Oxigraph server of its own: what this module sends must not reach
    an endpoint other modules' servers share (whatever state they left it in)."""
    with oxigraph_server(tmp_path_factory.mktemp("hostile-oxigraph")) as endpoint:
        load_endpoint(endpoint)
        with serve("--timeout", "3", "--endpoint", endpoint) as running:
            yield running


@pytest.fixture(scope="module", params=["embedded", "hostile_remote"])
def hostile_server(request: pytest.FixtureRequest) -> RunningServer:
    """The read-only service over either backend (the remote one over the Oxigraph server),
    and the writable one (the Graph Store's writes and updates get past the token there)."""
    running: RunningServer = request.getfixturevalue(f"{request.param}_server")
    return running


@pytest.mark.parametrize("name", sorted(BODIES))
def test_every_body_route_answers_hostile_bodies_cleanly(
    hostile_server: RunningServer, writable_server: RunningServer, name: str
) -> None:
    body = BODIES[name]
    failures = []
    for server in (hostile_server, writable_server):
        workers = server.children()
        with httpx.Client(timeout=60, headers={"authorization": f"Bearer {UPDATE_TOKEN}"}) as client:
            for content_type in CONTENT_TYPES:
                headers = {"content-type": content_type} if content_type else {}
                for method, path, content in _requests(body, content_type):
                    response = client.request(method, f"{server.url}{path}", content=content, headers=headers)
                    if not _clean(response):
                        failures.append((method, path, content_type, response.status_code, response.text[:200]))
            assert client.get(f"{server.url}/api/threats").status_code == 200
        if workers:  # the embedded pools: as many workers as before
            assert len(server.children()) == len(workers)
    assert failures == []


def _post_query(server: RunningServer, query: str) -> httpx.Response:
    return httpx.post(
        f"{server.url}/sparql",
        content=query.encode(),
        headers={"content-type": "application/sparql-query", "accept": "application/sparql-results+json"},
        timeout=60,
    )


def test_hostile_huge_values_under_the_body_limit_is_answered(server: RunningServer) -> None:
    """100,000 rows of VALUES in 1 MiB: a legitimate query, answered in full."""
    rows = " ".join(f"({number})" for number in range(100_000))
    response = _post_query(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES (?x) {{ {rows} }} }}")
    assert response.status_code == 200, response.text[:300]
    assert response.json()["results"]["bindings"][0]["n"]["value"] == "100000"


def test_hostile_huge_values_over_the_body_limit_is_413(server: RunningServer) -> None:
    rows = " ".join(str(number) for number in range(400_000))
    response = _post_query(server, f"SELECT * WHERE {{ VALUES ?x {{ {rows} }} }}")
    assert response.status_code == 413
    assert "limit" in response.json()["message"]


@pytest.mark.parametrize(
    "query",
    [
        "SELECT DISTINCT ?a ?c ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?c",
        "SELECT (GROUP_CONCAT(STR(?o)) AS ?all) WHERE { ?s ?p ?o . ?x ?y ?z }",
        "SELECT (GROUP_CONCAT(CONCAT(STR(?s), STR(?p), STR(?o))) AS ?all) WHERE { ?s ?p ?o }",
    ],
)
def test_hostile_cross_products_and_group_concat_are_refused_or_answered(server: RunningServer, query: str) -> None:
    """Over the whole graph: refused past the time, memory or result limit (503 or 422), or
    answered; the next query is answered either way."""
    workers = server.children()
    response = _post_query(server, query)
    assert response.status_code in (200, 422, 503), response.text[:300]
    if response.status_code != 200:
        assert response.json()["error"] in ("timeout", "query-memory", "unprocessable")
    assert _post_query(server, "ASK {}").status_code == 200
    assert len(server.children()) == len(workers)


def test_hostile_long_literal_in_a_query_is_answered(server: RunningServer) -> None:
    response = _post_query(server, f'SELECT ?x WHERE {{ BIND("{LONG}" AS ?x) }}')
    assert response.status_code == 200
    assert response.json()["results"]["bindings"][0]["x"]["value"] == LONG


def test_hostile_long_literal_in_a_graph_store_write_is_stored(writable_server: RunningServer) -> None:
    graph = "urn:graph:long-literal"
    response = httpx.put(
        f"{writable_server.url}/store",
        params={"graph": graph},
        content=f'<urn:a> <urn:b> "{LONG}" .'.encode(),
        headers={"content-type": "text/turtle", "authorization": f"Bearer {UPDATE_TOKEN}"},
        timeout=60,
    )
    assert response.status_code == 204
    stored = httpx.get(
        f"{writable_server.url}/store",
        params={"graph": graph},
        headers={"accept": "application/n-triples"},
        timeout=60,
    )
    assert LONG in stored.text


def test_hostile_escaped_keyword_is_a_syntax_error_with_its_place(server: RunningServer) -> None:
    """``\\u`` escapes outside strings: neither the embedded engine nor the Oxigraph server
    reads them there; the answer is 400 with the parser's message, never a 5xx."""
    response = _post_query(server, "\\u0053ELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert response.status_code == 400
    assert response.json()["message"]


def test_hostile_escaped_service_is_refused_before_any_connection(server: RunningServer) -> None:
    response = _post_query(server, "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert response.status_code in (400, 403)
    assert response.json()["message"]


@pytest.mark.parametrize(
    "path",
    [
        "/resource/city/" + quote("a<b> c", safe=""),
        "/resource/city/" + quote('{}"\\^`|', safe=""),
        "/resource/" + quote("a\nb", safe=""),
        "/resource/" + quote("%00", safe=""),
        "/concept/threat/" + quote("<>", safe=""),
        "/concept/" + quote(" ", safe="") * 50,
        "/api/cities/" + quote("a<b>", safe=""),
        "/api/threats/" + quote("a b", safe=""),
        "/store?graph=" + quote("a b<>", safe=""),
        "/store?graph=" + quote("urn:a\x00", safe=""),
    ],
)
def test_hostile_percent_encoded_characters_not_allowed_in_iris_are_4xx(server: RunningServer, path: str) -> None:
    response = httpx.get(f"{server.url}{path}", timeout=30)
    assert 400 <= response.status_code < 500, response.text[:300]
    assert response.json()["message"]


def test_hostile_deep_json_ld_is_400_before_any_parser(server: RunningServer) -> None:
    response = httpx.post(
        f"{server.url}/validate",
        content=BODIES["deep JSON-LD"],
        headers={"content-type": "application/ld+json"},
        timeout=60,
    )
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "nested-too-deeply"
    opening = len(b'{"@id":"urn:a","urn:p":') + len(b'{"urn:p":') * 255  # the 257th level
    assert (body["line"], body["column"]) == (1, opening + 1)


def test_hostile_contribution_with_too_many_statements_is_413(server: RunningServer) -> None:
    statements = "".join(f"<urn:a> <urn:b> <urn:c{number}> .\n" for number in range(20_001))
    response = httpx.post(
        f"{server.url}/validate",
        content=statements.encode(),
        headers={"content-type": "application/n-triples"},
        timeout=60,
    )
    assert response.status_code == 413
    assert "20000 statements" in response.json()["message"]
