"""The SPARQL Protocol suite (test_sparql_protocol.py) over Virtuoso 7, and the refusal of a
result Virtuoso cut at its row limit.

The protocol tests are those of test_sparql_protocol.py, run with ``server`` the service
over Virtuoso. Where Virtuoso itself answers otherwise, the test is a strict xfail naming
the engine's fault.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest

from pactesur_kg.sparql.binding import bind

from . import test_sparql_protocol as protocol
from .server import RunningServer, load_endpoint, serve
from .test_sparql_protocol import *  # noqa: F403  (the same tests, over Virtuoso)
from .virtuoso import virtuoso_server

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def server(virtuoso_remote_server: RunningServer) -> RunningServer:
    return virtuoso_remote_server


def _engine_fault(reason: str, test: Callable[..., None]) -> Callable[..., None]:
    """``test`` as a strict xfail on Virtuoso (a new function: the original runs unmarked)."""

    @functools.wraps(test)
    def over_virtuoso(*args: Any, **kwargs: Any) -> None:
        test(*args, **kwargs)

    marked: Callable[..., None] = pytest.mark.xfail(strict=True, reason=reason)(over_virtuoso)
    return marked


test_sparql_syntax_error_is_400_with_position = _engine_fault(
    "Virtuoso reports the line of a syntax error, not its column",
    protocol.test_sparql_syntax_error_is_400_with_position,
)
test_sparql_from_in_the_query_sets_the_dataset = _engine_fault(
    "Virtuoso 7.2 lets the query's FROM win over the protocol's default-graph-uri "
    "(the SPARQL Protocol says the reverse)",
    protocol.test_sparql_from_in_the_query_sets_the_dataset,
)


UNKNOWN_GRAPH = "https://w3id.org/pactesur/graph/contributions/9999"


def _sparql(server: RunningServer, query: str) -> dict[str, Any]:
    response = httpx.post(
        f"{server.url}/sparql", data={"query": query}, headers={"accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


@pytest.mark.xfail(
    strict=True,
    reason="Virtuoso 7.2 answers ASK (and COUNT) over GRAPH <g> with a solution when <g> is not among the "
    "named-graph-uri graphs; a SELECT of the same pattern finds none (the service's existence checks are SELECTs)",
)
def test_ask_over_a_graph_outside_the_dataset_is_false(server: RunningServer) -> None:
    pattern = f"GRAPH <{UNKNOWN_GRAPH}> {{ ?s ?p ?o }}"
    assert _sparql(server, f"SELECT ?s WHERE {{ {pattern} }}")["results"]["bindings"] == []
    assert _sparql(server, f"ASK {{ {pattern} }}")["boolean"] is False


@pytest.mark.parametrize(
    ("name", "graph", "found"),
    [
        ("graph-exists", "https://w3id.org/pactesur/graph/data/cities/cities", True),
        ("graph-exists", UNKNOWN_GRAPH, False),
        ("contribution-accepted", UNKNOWN_GRAPH, False),
    ],
)
def test_virtuoso_existence_checks_of_the_service_are_right(
    server: RunningServer, name: str, graph: str, found: bool
) -> None:
    # the query files the Graph Store (404) and the contributions' recovery (apply what the
    # store does not hold) ask, sent as the service sends them: over the project's graphs
    text = (REPO / "queries" / "service" / f"{name}.rq").read_text(encoding="utf-8")
    query = bind(text, graph=ox.NamedNode(graph))
    assert bool(_sparql(server, query)["results"]["bindings"]) is found


def test_virtuoso_blank_nodes_in_results_are_read(server: RunningServer) -> None:
    # Virtuoso names blank nodes nodeID://b…, which RDF does not allow: the answer gives them
    # labels of its own, the same node the same label (the ontology's property chains are lists)
    query = "SELECT ?p ?chain ?same WHERE { ?p owl:propertyChainAxiom ?chain BIND(?chain AS ?same) }"
    rows = _sparql(server, query)["results"]["bindings"]
    assert rows
    assert {row[name]["type"] for row in rows for name in ("chain", "same")} == {"bnode"}
    assert all(row["chain"]["value"] == row["same"]["value"] for row in rows)
    assert len({row["chain"]["value"] for row in rows}) == len({row["p"]["value"] for row in rows})
    for accept in ("text/csv", "application/sparql-results+xml", "text/tab-separated-values"):
        response = httpx.post(f"{server.url}/sparql", data={"query": query}, headers={"accept": accept})
        assert response.status_code == 200, response.text
        assert "nodeID://" not in response.text


@pytest.fixture(scope="module")
def capped_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """The service over a Virtuoso whose ResultSetMaxRows is 100: more than the graphs listed,
    fewer than the statements."""
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso-capped"), max_rows=100) as virtuoso:
        load_endpoint(virtuoso.endpoint, virtuoso.graph_store)
        with serve("--timeout", "3", "--endpoint", virtuoso.endpoint) as running:
            yield running


def test_virtuoso_result_cut_at_its_row_limit_is_an_error(capped_server: RunningServer) -> None:
    query = "SELECT * WHERE { ?s ?p ?o }"
    response = httpx.get(f"{capped_server.url}/sparql", params={"query": query}, timeout=30)
    assert response.status_code == 422
    assert "cut the result at its limit of 100 rows" in response.json()["message"]


def test_virtuoso_result_under_its_row_limit_is_whole(capped_server: RunningServer) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 50"
    response = httpx.get(f"{capped_server.url}/sparql", params={"query": query}, timeout=30)
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 50


def test_virtuoso_system_graphs_are_not_queried(server: RunningServer) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    answer = httpx.get(f"{server.url}/sparql", params={"query": query}).json()
    graphs = [binding["g"]["value"] for binding in answer["results"]["bindings"]]
    assert len(graphs) > 20
    assert [g for g in graphs if not g.startswith("https://w3id.org/pactesur/graph/")] == []
