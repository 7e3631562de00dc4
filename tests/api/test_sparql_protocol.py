"""The SPARQL 1.1 Protocol over a real HTTP server: queries, formats, errors, descriptions."""

from __future__ import annotations

import json

import httpx
import pytest

from .server import RunningServer

CITIES = "SELECT ?c WHERE { ?c a <https://w3id.org/pactesur/ontology#City> } ORDER BY ?c LIMIT 3"
NICE = "<https://w3id.org/pactesur/resource/city/nice>"


def test_sparql_get_answers_json_by_default(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/sparql", params={"query": CITIES})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json"
    # the first three cities of data/cities/cities.ttl by IRI (Ansbach and Aschaffenburg came with
    # their incidents in data/incidents/incidents.ttl)
    assert [b["c"]["value"].rsplit("/", 1)[1] for b in response.json()["results"]["bindings"]] == [
        "ansbach",
        "aschaffenburg",
        "athens",
    ]


@pytest.mark.parametrize(
    ("accept", "content_type", "marker"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml; charset=utf-8", "<sparql"),
        ("text/csv", "text/csv; charset=utf-8", "c\r\nhttps://w3id.org/pactesur/resource/city/ansbach"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", "?c\n<https://"),
        ("application/json", "application/sparql-results+json", '"bindings"'),
    ],
)
def test_sparql_select_formats_by_accept(server: RunningServer, accept: str, content_type: str, marker: str) -> None:
    response = httpx.get(f"{server.url}/sparql", params={"query": CITIES}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    assert marker in response.text
    assert "Accept" in response.headers["vary"]


def test_sparql_format_parameter_overrides_accept(server: RunningServer) -> None:
    response = httpx.get(
        f"{server.url}/sparql", params={"query": CITIES, "format": "csv"}, headers={"accept": "application/json"}
    )
    assert response.headers["content-type"].startswith("text/csv")


def test_sparql_ask_json(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/sparql", params={"query": f"ASK {{ {NICE} ?p ?o }}"})
    assert response.json()["boolean"] is True


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("text/turtle", "text/turtle; charset=utf-8"),
        ("application/n-triples", "application/n-triples; charset=utf-8"),
        ("application/ld+json", "application/ld+json"),
        ("application/rdf+xml", "application/rdf+xml; charset=utf-8"),
        ("application/n-quads", "application/n-quads; charset=utf-8"),
        ("application/trig", "application/trig; charset=utf-8"),
    ],
)
def test_sparql_describe_returns_rdf(server: RunningServer, accept: str, content_type: str) -> None:
    response = httpx.get(f"{server.url}/sparql", params={"query": f"DESCRIBE {NICE}"}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    assert "resource/city/nice" in response.text


def test_sparql_construct_defaults_to_turtle(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/sparql", params={"query": f"CONSTRUCT WHERE {{ {NICE} ?p ?o }}"})
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"


def test_sparql_post_form_and_direct(server: RunningServer) -> None:
    form = httpx.post(f"{server.url}/sparql", data={"query": CITIES})
    direct = httpx.post(
        f"{server.url}/sparql", content=CITIES, headers={"content-type": "application/sparql-query; charset=utf-8"}
    )
    assert form.status_code == direct.status_code == 200
    assert form.json() == direct.json()


def test_sparql_default_graph_uri_restricts_the_dataset(server: RunningServer) -> None:
    graph = "https://w3id.org/pactesur/graph/data/pilots/pilots"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    restricted = httpx.get(f"{server.url}/sparql", params={"query": count, "default-graph-uri": graph}).json()
    in_graph = httpx.get(
        f"{server.url}/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"}
    ).json()
    whole = httpx.get(f"{server.url}/sparql", params={"query": count}).json()
    value = int(restricted["results"]["bindings"][0]["n"]["value"])
    assert value == int(in_graph["results"]["bindings"][0]["n"]["value"])
    assert value < int(whole["results"]["bindings"][0]["n"]["value"])


def test_sparql_named_graph_uri_limits_graph_patterns(server: RunningServer) -> None:
    graph = "https://w3id.org/pactesur/graph/data/pilots/pilots"
    response = httpx.get(
        f"{server.url}/sparql",
        params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": graph},
    )
    assert [b["g"]["value"] for b in response.json()["results"]["bindings"]] == [graph]


def test_sparql_syntax_error_is_400_with_position(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p\n}"})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "bad-request"
    assert "3:1" in body["message"] or "2:" in body["message"]


@pytest.mark.parametrize(
    ("content_type", "status"),
    [("text/plain", 415), ("application/json", 415), ("", 415)],
)
def test_sparql_post_unknown_content_type_is_415(server: RunningServer, content_type: str, status: int) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = httpx.post(f"{server.url}/sparql", content=CITIES, headers=headers)
    assert response.status_code == status


def test_sparql_unacceptable_accept_is_406(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/sparql", params={"query": CITIES}, headers={"accept": "image/png"})
    assert response.status_code == 406


def test_sparql_both_query_and_update_is_400(server: RunningServer) -> None:
    response = httpx.post(f"{server.url}/sparql", data={"query": CITIES, "update": "CLEAR ALL"})
    assert response.status_code == 400


def test_sparql_update_refused_when_read_only(server: RunningServer) -> None:
    response = httpx.post(
        f"{server.url}/sparql", content="CLEAR ALL", headers={"content-type": "application/sparql-update"}
    )
    assert response.status_code == 403
    assert response.json()["error"] == "read-only"
    still_there = httpx.get(f"{server.url}/sparql", params={"query": f"ASK {{ {NICE} ?p ?o }}"})
    assert still_there.json()["boolean"] is True


def test_sparql_cors_headers_on_success_and_error(server: RunningServer) -> None:
    origin = {"origin": "https://example.org"}
    ok = httpx.get(f"{server.url}/sparql", params={"query": CITIES}, headers=origin)
    bad = httpx.get(f"{server.url}/sparql", params={"query": "SELECT"}, headers=origin)
    assert ok.headers["access-control-allow-origin"] == "*"
    assert bad.status_code == 400
    assert bad.headers["access-control-allow-origin"] == "*"


def test_sparql_cors_preflight(server: RunningServer) -> None:
    response = httpx.options(
        f"{server.url}/sparql",
        headers={"origin": "https://example.org", "access-control-request-method": "POST"},
    )
    assert response.status_code == 200
    assert "POST" in response.headers["access-control-allow-methods"]


def test_service_description_when_rdf_is_asked(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/sparql", headers={"accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert "http://www.w3.org/ns/sparql-service-description#Service" in response.text
    assert "SPARQL11Query" in response.text
    assert "https://w3id.org/pactesur/graph/data/cities/cities" in response.text


def test_void_counts_match_queries(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/.well-known/void", headers={"accept": "application/n-triples"})
    assert response.status_code == 200
    lines = response.text.splitlines()
    dataset = "<https://w3id.org/pactesur/dataset> <http://rdfs.org/ns/void#triples> "
    (triples_line,) = [line for line in lines if line.startswith(dataset)]
    declared = int(triples_line[len(dataset) :].split('"')[1])
    counted = httpx.get(
        f"{server.url}/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"}
    ).json()
    assert declared == int(counted["results"]["bindings"][0]["n"]["value"])
    wikidata = "<https://w3id.org/pactesur/linkset/wikidata> <http://rdfs.org/ns/void#triples> "
    (links,) = [line for line in lines if line.startswith(wikidata)]
    # 25 links to Wikidata (23 cities, the European Commission, the Committee of the Regions),
    # each with its two sources in data/links/wikidata.ttl
    assert int(links[len(wikidata) :].split('"')[1]) == 25


def test_graph_store_reads_a_named_graph(server: RunningServer) -> None:
    graph = "https://w3id.org/pactesur/graph/data/pilots/pilots"
    response = httpx.get(f"{server.url}/store", params={"graph": graph}, headers={"accept": "application/n-triples"})
    assert response.status_code == 200
    assert "pilot/liege-mobile-barriers" in response.text
    assert "city/athens>" not in response.text.split(" ")[0]


def test_graph_store_reads_the_default_graph(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/store?default", headers={"accept": "application/n-triples"})
    assert response.status_code == 200
    assert len(response.text.splitlines()) > 5000


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ("graph=https://w3id.org/pactesur/graph/nothing", 404),
        ("", 400),
        ("default&graph=x", 400),
        ("graph=not%20an%20iri", 400),
    ],
)
def test_graph_store_errors(server: RunningServer, params: str, status: int) -> None:
    assert httpx.get(f"{server.url}/store?{params}").status_code == status


def test_graph_store_write_refused_when_read_only(server: RunningServer) -> None:
    response = httpx.put(
        f"{server.url}/store",
        params={"graph": "https://w3id.org/pactesur/graph/x"},
        content=b"<http://a.example/s> <http://a.example/p> 1 .",
        headers={"content-type": "application/n-triples"},
    )
    assert response.status_code == 403


def test_query_page_for_browsers(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/sparql", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "PREFIX pac:" in response.text


def test_json_error_bodies_are_json(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/sparql", params={"query": "SELECT", "format": "nope"})
    assert response.status_code == 400
    assert json.loads(response.text)["message"]


def _count(server: RunningServer, query: str, **params: str) -> int:
    answer = httpx.get(f"{server.url}/sparql", params={"query": query, **params}).json()
    return int(answer["results"]["bindings"][0]["n"]["value"])


def test_sparql_from_in_the_query_sets_the_dataset(server: RunningServer) -> None:
    graph = "https://w3id.org/pactesur/graph/data/pilots/pilots"
    count = "SELECT (COUNT(*) AS ?n)"
    in_graph = _count(server, f"{count} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert _count(server, f"{count} FROM <{graph}> WHERE {{ ?s ?p ?o }}") == in_graph
    assert in_graph < _count(server, f"{count} WHERE {{ ?s ?p ?o }}")
    prefixed = f"PREFIX g: <https://w3id.org/pactesur/graph/data/pilots/> {count} FROM g:pilots {{ ?s ?p ?o }}"
    assert _count(server, prefixed) == in_graph
    # FROM NAMED alone: an empty default graph, the named graph reachable with GRAPH
    assert _count(server, f"{count} FROM NAMED <{graph}> WHERE {{ ?s ?p ?o }}") == 0
    assert _count(server, f"{count} FROM NAMED <{graph}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}") == in_graph
    # the protocol's dataset wins over the query's
    other = "https://w3id.org/pactesur/graph/data/cities/cities"
    protocol = {"default-graph-uri": graph}
    assert _count(server, f"{count} FROM <{other}> WHERE {{ ?s ?p ?o }}", **protocol) == in_graph


def test_sparql_default_graph_uri_alone_means_no_named_graphs(server: RunningServer) -> None:
    graph = "https://w3id.org/pactesur/graph/data/pilots/pilots"
    response = httpx.get(
        f"{server.url}/sparql",
        params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "default-graph-uri": graph},
    )
    assert response.json()["results"]["bindings"] == []


def test_sparql_named_graph_uri_alone_means_an_empty_default_graph(server: RunningServer) -> None:
    graph = "https://w3id.org/pactesur/graph/data/pilots/pilots"
    response = httpx.get(f"{server.url}/sparql", params={"query": "ASK { ?s ?p ?o }", "named-graph-uri": graph})
    assert response.json()["boolean"] is False


def test_sparql_invalid_graph_iri_is_400(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/sparql", params={"query": "ASK {}", "default-graph-uri": "not an iri"})
    assert response.status_code == 400


def test_openapi_document_and_docs_page_are_served(server: RunningServer) -> None:
    # the first document runs every example of the answers: seconds over a remote engine
    document = httpx.get(f"{server.url}/openapi.json", timeout=60)
    assert document.status_code == 200
    assert "/api/recommendations" in document.json()["paths"]
    docs = httpx.get(f"{server.url}/docs")
    assert docs.status_code == 200
    assert "/static/swagger-ui/swagger-ui-bundle.js" in docs.text


def test_sparql_project_prefixes_are_predeclared(server: RunningServer) -> None:
    """As on the command line: pac:, city:, rdfs:, … need no PREFIX, on every backend."""
    response = httpx.get(
        f"{server.url}/sparql",
        params={
            "query": 'SELECT ?label WHERE { city:nice rdfs:label ?label ; a pac:City FILTER(LANG(?label) = "en") }'
        },
        headers={"accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200
    assert response.json()["results"]["bindings"][0]["label"]["value"] == "Nice"


def test_sparql_a_query_may_redeclare_a_prefix(server: RunningServer) -> None:
    query = "PREFIX city: <http://a.example/> SELECT (city:x AS ?iri) WHERE {}"
    response = httpx.get(f"{server.url}/sparql", params={"query": query}, headers={"accept": "text/csv"})
    assert response.status_code == 200
    assert response.text.splitlines()[1] == "http://a.example/x"


def test_sparql_syntax_error_body_has_line_and_column(embedded_server: RunningServer) -> None:
    response = httpx.get(f"{embedded_server.url}/sparql", params={"query": "SELECT ?x\nWHERE { ?x"})
    assert response.status_code == 400
    assert (response.json()["line"], response.json()["column"]) == (2, 11)


def test_void_names_the_endpoint_the_client_reached(embedded_server: RunningServer) -> None:
    sparql_endpoint = "<http://rdfs.org/ns/void#sparqlEndpoint>"
    for host in ("first.example", "second.example"):
        response = httpx.get(
            f"{embedded_server.url}/.well-known/void", headers={"accept": "application/n-triples", "host": host}
        )
        assert f"{sparql_endpoint} <http://{host}/sparql>" in response.text


def test_sparql_relative_iris_resolve_against_the_endpoint(server: RunningServer) -> None:
    """The W3C protocol test query_content_type_construct: ``CONSTRUCT { <s> <p> 1 } WHERE {}``
    is answered with RDF, its IRIs resolved against the endpoint's URL."""
    response = httpx.post(
        f"{server.url}/sparql",
        content="CONSTRUCT { <s> <p> 1 } WHERE {}",
        headers={"content-type": "application/sparql-query", "accept": "application/n-triples", "host": "www.example"},
    )
    assert response.status_code == 200, response.text
    assert (
        response.text.strip()
        == '<http://www.example/s> <http://www.example/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .'
    )
    own = "BASE <http://a.example/> SELECT (<x> AS ?iri) WHERE {}"
    answer = httpx.get(f"{server.url}/sparql", params={"query": own}, headers={"accept": "text/csv"})
    assert answer.text.splitlines()[1] == "http://a.example/x"  # a BASE of the query's own wins
