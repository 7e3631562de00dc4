"""fetch-sparql-endpoint (npm; the SPARQL client of Comunica), run by Node.js against the
running server, by POST and by GET: the bindings of a SELECT, the answers of two ASK, the
triples of a CONSTRUCT and of a DESCRIBE are the same as the protocol's own JSON and
N-Triples answers.

The client is installed by ``npm ci --prefix tests/clients/js`` (``.ci/run`` does it, from
the committed ``package-lock.json``); ``tests/clients/js/drive.mjs`` drives it and prints what
it read as JSON. The client parses each query itself (sparqljs) before sending it, so the
queries declare their prefixes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest
import rdflib
from rdflib.compare import to_canonical_graph

from ..api.server import RunningServer

CLIENT = Path(__file__).parent / "js"
PREFIXES = (
    "PREFIX pac: <https://w3id.org/pactesur/ontology#> PREFIX city: <https://w3id.org/pactesur/resource/city/> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
)
QUERIES = {
    "select": PREFIXES + "SELECT ?city ?label ?population WHERE { VALUES ?city { city:nice city:turin } "
    "?city rdfs:label ?label . OPTIONAL { ?city pac:population ?population } } ORDER BY ?city ?label",
    "ask": PREFIXES + "ASK { city:nice a pac:City }",
    "askFalse": PREFIXES + "ASK { city:nowhere ?p ?o }",
    "construct": PREFIXES + "CONSTRUCT { ?city rdfs:label ?label ; pac:population ?population } "
    "WHERE { VALUES ?city { city:nice city:turin } ?city rdfs:label ?label ; pac:population ?population }",
    "describe": PREFIXES + "DESCRIBE city:nice",
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Term = tuple[str, str, str | None, str | None]


def _drive(server: RunningServer, method: str) -> dict[str, Any]:
    node = shutil.which("node")
    assert node is not None, "Node.js is needed for this test (Debian: apt-get install nodejs npm)"
    assert (CLIENT / "node_modules" / "fetch-sparql-endpoint").is_dir(), (
        "fetch-sparql-endpoint is not installed: run `npm ci --prefix tests/clients/js` (as .ci/run does)"
    )
    done = subprocess.run(
        [node, "drive.mjs", f"{server.url}/sparql", method, json.dumps(QUERIES)],
        cwd=CLIENT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer


def _client_term(term: dict[str, Any]) -> Term:
    if term["termType"] != "Literal":
        return (term["termType"], term["value"], None, None)
    return ("Literal", term["value"], term.get("language") or None, term["datatype"])


def _results_term(term: dict[str, str]) -> Term:
    """A term of SPARQL JSON results, as the client names it."""
    if term["type"] == "uri":
        return ("NamedNode", term["value"], None, None)
    if term["type"] == "bnode":
        return ("BlankNode", term["value"], None, None)
    language = term.get("xml:lang")
    return ("Literal", term["value"], language, LANG_STRING if language else term.get("datatype", XSD_STRING))


def _rdflib_term(term: Any) -> Term:
    if isinstance(term, rdflib.Literal):
        datatype = LANG_STRING if term.language else str(term.datatype or XSD_STRING)
        return ("Literal", str(term), term.language, datatype)
    return ("NamedNode" if isinstance(term, rdflib.URIRef) else "BlankNode", str(term), None, None)


def _protocol(server: RunningServer, kind: str, accept: str) -> httpx.Response:
    answer = httpx.post(f"{server.url}/sparql", data={"query": QUERIES[kind]}, headers={"accept": accept})
    assert answer.status_code == 200, answer.text
    return answer


def _triples(server: RunningServer, kind: str) -> set[tuple[Term, ...]]:
    graph = rdflib.Graph().parse(data=_protocol(server, kind, "application/n-triples").text, format="nt")
    return _canonical(graph)


def _canonical(graph: rdflib.Graph) -> set[tuple[Term, ...]]:
    """The statements of ``graph`` with blank nodes named by the graph's shape, not by the
    answer (an engine behind the remote backend names them anew at each answer)."""
    return {tuple(_rdflib_term(term) for term in triple) for triple in to_canonical_graph(graph)}


def _as_rdflib(term: Term) -> Any:
    kind, value, language, datatype = term
    if kind == "NamedNode":
        return rdflib.URIRef(value)
    if kind == "BlankNode":
        return rdflib.BNode(value)
    # a plain string as rdflib reads it from N-Triples (no datatype), so that both sides match
    return rdflib.Literal(value, lang=language, datatype=None if language or datatype == XSD_STRING else datatype)


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_fetch_sparql_endpoint_reads_what_the_protocol_answers(server: RunningServer, method: str) -> None:
    read = _drive(server, method)

    results = _protocol(server, "select", "application/sparql-results+json").json()
    expected = [{name: _results_term(term) for name, term in row.items()} for row in results["results"]["bindings"]]
    got = [{name: _client_term(term) for name, term in row.items()} for row in read["select"]]
    assert got == expected
    assert len(got) >= 4
    assert any(row.get("population", ("", "", None, ""))[3] == str(rdflib.XSD.integer) for row in got)

    assert read["ask"] is _protocol(server, "ask", "application/sparql-results+json").json()["boolean"] is True
    assert read["askFalse"] is _protocol(server, "askFalse", "application/sparql-results+json").json()["boolean"]
    assert read["askFalse"] is False

    for kind in ("construct", "describe"):
        read_graph = rdflib.Graph()
        for triple in read[kind]:
            read_graph.add(tuple(_as_rdflib(_client_term(term)) for term in triple))
        got_triples = _canonical(read_graph)
        assert got_triples == _triples(server, kind), kind
        assert len(got_triples) >= 4, kind
