"""Federation with Wikidata, offline: the queries of ``queries/federation/`` name the real
Wikidata endpoint; the service map sends their SERVICE to a local Oxigraph server holding
a small Wikidata-shaped stand-in (``tests/fixtures/wikidata/``), on both backends."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.sparql import prepareQuery
from typer.testing import CliRunner

from pactesur_kg.api.deps import ServiceState
from pactesur_kg.api.page import example_queries
from pactesur_kg.cli import app
from pactesur_kg.errors import FederationRefused, UsageError
from pactesur_kg.settings import Settings, service_pairs
from pactesur_kg.sparql.guard import federated, map_services
from pactesur_kg.sparql.queryfiles import QueryFile
from pactesur_kg.store import Store

from ..conftest import FIXTURES, REPO
from .server import RunningServer, canary_listener, load_endpoint, oxigraph_server, serve

WIKIDATA = "https://query.wikidata.org/sparql"
STAND_IN = sorted((FIXTURES / "wikidata").glob("*.ttl"))
QUERIES = sorted((REPO / "queries" / "federation").glob("*.rq"))
WD = "http://www.wikidata.org/entity/"
P = rdflib.Namespace("http://www.wikidata.org/prop/")
PS = rdflib.Namespace("http://www.wikidata.org/prop/statement/")
PQ = rdflib.Namespace("http://www.wikidata.org/prop/qualifier/")
WIKIBASE = rdflib.Namespace("http://wikiba.se/ontology#")
OWL_SAME_AS = rdflib.OWL.sameAs

Row = dict[str, ox.NamedNode | ox.BlankNode | ox.Literal]


def _query(name: str) -> str:
    return (REPO / "queries" / "federation" / f"{name}.rq").read_text(encoding="utf-8")


def _stand_in() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in STAND_IN:
        graph.parse(path, format="turtle")
    return graph


def _links() -> list[tuple[str, str]]:
    """(city IRI, Wikidata entity IRI) of each owl:sameAs link of ``data/links/``."""
    links = rdflib.Graph()
    for path in sorted((REPO / "data" / "links").glob("*.ttl")):
        links.parse(path, format="turtle")
    return sorted((str(s), str(o)) for s, o in links.subject_objects(OWL_SAME_AS) if str(o).startswith(WD))


def _term(value: dict[str, str]) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An RDF term from its SPARQL JSON form."""
    if value["type"] == "uri":
        return ox.NamedNode(value["value"])
    if value["type"] == "bnode":
        return ox.BlankNode(value["value"])
    if "xml:lang" in value:
        return ox.Literal(value["value"], language=value["xml:lang"])
    if "datatype" in value:
        return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
    return ox.Literal(value["value"])


def _rows(server: RunningServer, query: str) -> list[Row]:
    response = httpx.post(
        f"{server.url}/sparql",
        content=query,
        headers={"content-type": "application/sparql-query", "accept": "application/sparql-results+json"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return [{name: _term(value) for name, value in row.items()} for row in response.json()["results"]["bindings"]]


def _key(row: Row) -> list[tuple[str, str]]:
    return sorted((name, str(term)) for name, term in row.items())


# -- servers -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wikidata_mirror(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``oxigraph serve`` on 127.0.0.1 holding the Wikidata stand-in; its query URL."""
    with oxigraph_server(tmp_path_factory.mktemp("wikidata-mirror")) as url:
        store_url = url.removesuffix("/query") + "/store"
        for path in STAND_IN:
            response = httpx.post(
                store_url, params={"default": ""}, content=path.read_bytes(), headers={"content-type": "text/turtle"}
            )
            assert response.status_code in (200, 201, 204), response.text
        yield url


@pytest.fixture(scope="module")
def federating_embedded(wikidata_mirror: str) -> Iterator[RunningServer]:
    """The embedded backend, allowed to reach the mirror, with Wikidata mapped to it (flags)."""
    with serve(
        "--workers", "1", "--federate", wikidata_mirror, "--service-map", f"{WIKIDATA}={wikidata_mirror}"
    ) as running:
        yield running


@pytest.fixture(scope="module")
def federating_remote(wikidata_mirror: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """The remote backend over a second Oxigraph server (which makes the SERVICE call
    itself), configured from the environment."""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-main"), timeout_s=20) as endpoint:
        load_endpoint(endpoint)
        environment = {
            "PACTESUR_FEDERATION_ALLOWLIST": wikidata_mirror,
            "PACTESUR_SERVICE_MAP": f"{WIKIDATA}={wikidata_mirror}",
        }
        with serve("--endpoint", endpoint, env=environment) as running:
            yield running


@pytest.fixture(scope="module", params=["embedded", "remote"])
def federating(request: pytest.FixtureRequest) -> RunningServer:
    running: RunningServer = request.getfixturevalue(f"federating_{request.param}")
    return running


@pytest.fixture(scope="module")
def joined(graph: Store) -> ox.Store:
    """Our graph and the stand-in in one local store: what a federated query must answer
    is what the same query answers here with its SERVICE block made a plain group."""
    store = ox.Store()
    store.extend(graph.quads())
    stand_in = ox.NamedNode("urn:x-test:wikidata-stand-in")
    for path in STAND_IN:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=stand_in)
    return store


# -- the example queries -------------------------------------------------------------------


def test_federation_queries_exist_and_name_wikidata() -> None:
    assert QUERIES
    for path in QUERIES:
        query = QueryFile.read(path)
        assert query.metadata.get("summary", "").endswith("?"), path.name
        assert "answer" in query.metadata, path.name
        assert query.metadata.get("service", "").startswith(WIKIDATA), path.name
        assert query.text.count(f"SERVICE <{WIKIDATA}>") == 1, path.name


@pytest.mark.parametrize("path", QUERIES, ids=[path.stem for path in QUERIES])
def test_federation_query_parses(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    prepareQuery(text)  # rdflib parses without running anything
    with pytest.raises(FederationRefused):  # and the guard sees its SERVICE
        federated(text, [])


@pytest.mark.parametrize("path", QUERIES, ids=[path.stem for path in QUERIES])
def test_federation_query_answers_the_join_of_both_graphs(
    federating: RunningServer, joined: ox.Store, path: Path
) -> None:
    text = path.read_text(encoding="utf-8")
    answer = _rows(federating, text)
    local = text.replace(f"SERVICE <{WIKIDATA}>", "")
    solutions = joined.query(local, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [variable.value for variable in solutions.variables]
    expected = [{name: row[name] for name in names if row[name] is not None} for row in solutions]
    assert expected, "the stand-in must give every federation query an answer"
    assert sorted(map(_key, answer)) == sorted(map(_key, expected))


def test_population_query_gives_the_preferred_figures_of_the_stand_in(federating: RunningServer, graph: Store) -> None:
    stand_in = _stand_in()
    expected: dict[str, tuple[int, datetime]] = {}
    for city, item in _links():
        for statement in stand_in.objects(rdflib.URIRef(item), P.P1082):
            if (statement, WIKIBASE.rank, WIKIBASE.PreferredRank) in stand_in:
                value = stand_in.value(statement, PS.P1082)
                date = stand_in.value(statement, PQ.P585)
                assert isinstance(value, rdflib.Literal)
                assert isinstance(date, rdflib.Literal)
                expected[city] = (int(value.toPython()), date.toPython())
    assert expected
    rows = _rows(federating, _query("population-compared-with-wikidata"))
    found = {
        row["city"].value: (int(row["wikidataPopulation"].value), datetime.fromisoformat(row["wikidataDate"].value))
        for row in rows
    }
    assert found == expected
    # our own figure comes along where the graph has one
    ours = {row["city"].value: row["population"].value for row in rows if "population" in row}
    population = graph.select("SELECT ?city ?population WHERE { ?city pac:population ?population }")
    assert ours == {row["city"].value: row["population"].value for row in population if row["city"].value in expected}
    assert ours


def test_heads_query_leaves_out_former_heads_of_government(federating: RunningServer) -> None:
    stand_in = _stand_in()
    current: set[tuple[str, str]] = set()
    former: set[str] = set()
    items = {item: city for city, item in _links()}
    for item, city in items.items():
        for statement in stand_in.objects(rdflib.URIRef(item), P.P6):
            head = stand_in.value(stand_in.value(statement, PS.P6), rdflib.RDFS.label)
            assert head is not None
            if stand_in.value(statement, PQ.P582) is None:
                current.add((city, str(head)))
            else:
                former.add(str(head))
    assert former, "the stand-in must hold a former head of government for the test to mean anything"
    rows = _rows(federating, _query("heads-of-government-from-wikidata"))
    assert {(row["city"].value, row["headOfGovernment"].value) for row in rows} == current
    assert not former & {row["headOfGovernment"].value for row in rows}


def test_location_query_compares_the_country_codes(federating: RunningServer) -> None:
    rows = _rows(federating, _query("location-and-country-from-wikidata"))
    assert rows
    for row in rows:
        assert row["sameCountry"].value == str(row["countryCode"] == row["wikidataCountryCode"]).lower()
        assert re.fullmatch(r"Point\(-?[\d.]+ -?[\d.]+\)", row["coordinates"].value)


def test_stand_in_uses_only_the_linked_wikidata_entities() -> None:
    used = {str(term) for triple in _stand_in() for term in triple if str(term).startswith(WD)}
    assert used
    assert used <= {item for _, item in _links()}


# -- refusals ------------------------------------------------------------------------------


def test_federation_query_outside_the_allowlist_is_refused_before_connecting(federating: RunningServer) -> None:
    # the map opens no other endpoint: a SERVICE to the canary is refused, and it gets no connection
    with canary_listener() as (url, hits):
        text = _query("population-compared-with-wikidata").replace(WIKIDATA, url)
        response = httpx.post(
            f"{federating.url}/sparql", content=text, headers={"content-type": "application/sparql-query"}
        )
        assert response.status_code == 403
        assert url in response.json()["message"]
        time.sleep(0.3)
        assert hits == []


def test_allowlist_applies_to_the_mirror_not_to_the_iri_in_the_query() -> None:
    # Wikidata mapped to a mirror that is not allowed, Wikidata itself allowed: refused, no connection
    with canary_listener() as (url, hits):
        with serve("--workers", "1", "--federate", WIKIDATA, "--service-map", f"{WIKIDATA}={url}") as running:
            for path in QUERIES:
                response = httpx.get(f"{running.url}/sparql", params={"query": path.read_text(encoding="utf-8")})
                assert response.status_code == 403, path.name
                assert url in response.json()["message"]
            page = httpx.get(f"{running.url}/sparql", headers={"accept": "text/html"})
            assert page.status_code == 200
            assert not {path.stem for path in QUERIES} & set(re.findall(r'"name": "([^"]+)"', page.text))
        time.sleep(0.3)
        assert hits == []


# -- the query page --------------------------------------------------------------------------


def test_query_page_shows_federation_tabs_when_the_endpoint_may_federate(federating_embedded: RunningServer) -> None:
    page = httpx.get(f"{federating_embedded.url}/sparql", headers={"accept": "text/html"})
    assert page.status_code == 200
    found = re.search(r'<script type="application/json" id="pactesur-examples">(.*?)</script>', page.text, re.DOTALL)
    assert found is not None
    tabs = {example["name"]: example["query"] for example in json.loads(found.group(1))}
    assert "measures-against-threat" in tabs
    assert {path.stem for path in QUERIES} <= set(tabs)
    for path in QUERIES:  # each tab runs as the page sends it (the project's prefixes prepended)
        assert _rows(federating_embedded, tabs[path.stem]), path.stem


def _examples(settings: Settings) -> set[str]:
    state = cast(ServiceState, SimpleNamespace(settings=settings))
    return {example["name"] for example in example_queries(state)}


def test_query_page_leaves_out_federation_tabs_it_would_refuse() -> None:
    federation = {path.stem for path in QUERIES}
    plain = _examples(Settings(root=REPO, reason=False))
    assert "measures-against-threat" in plain
    assert not plain & federation
    allowed = _examples(Settings(root=REPO, reason=False, federation_allowlist=(WIKIDATA,)))
    assert federation <= allowed
    mirror = "http://127.0.0.1:7879/query"
    mapped_not_allowed = Settings(
        root=REPO, reason=False, federation_allowlist=(WIKIDATA,), service_map=((WIKIDATA, mirror),)
    )
    assert not _examples(mapped_not_allowed) & federation


# -- the service map ---------------------------------------------------------------------------

MIRROR = "http://127.0.0.1:7879/query"
MAP = {WIKIDATA: MIRROR}


@pytest.mark.parametrize(
    ("query", "mapped"),
    [
        (f"SELECT * {{ SERVICE <{WIKIDATA}> {{ ?s ?p ?o }} }}", f"SELECT * {{ SERVICE <{MIRROR}> {{ ?s ?p ?o }} }}"),
        (
            f"select * {{ service silent <{WIKIDATA}> {{ ?s ?p ?o }} }}",
            f"select * {{ service silent <{MIRROR}> {{ ?s ?p ?o }} }}",
        ),
        (
            "PREFIX q: <https://query.wikidata.org/> SELECT * { SERVICE q:sparql { ?s ?p ?o } }",
            f"PREFIX q: <https://query.wikidata.org/> SELECT * {{ SERVICE <{MIRROR}> {{ ?s ?p ?o }} }}",
        ),
    ],
)
def test_map_services_sends_service_to_the_mirror(query: str, mapped: str) -> None:
    assert map_services(query, MAP) == mapped
    assert federated(query, [MIRROR], MAP) == mapped


@pytest.mark.parametrize(
    "query",
    [
        f'SELECT * {{ ?s ?p "SERVICE <{WIKIDATA}>" }}',
        f"SELECT * {{ ?s ?p ?o }} # SERVICE <{WIKIDATA}>",
        f"SELECT * {{ ?s ?p <{WIKIDATA}> }}",
        f"LOAD <{WIKIDATA}>",
        "SELECT * { SERVICE <https://query.wikidata.org/sparql/other> { ?s ?p ?o } }",
        f"SELECT * {{ VALUES ?e {{ <{WIKIDATA}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    ],
)
def test_map_services_leaves_everything_else_alone(query: str) -> None:
    assert map_services(query, MAP) == query


@pytest.mark.parametrize(
    ("query", "allowlist"),
    [
        # mapped, and the mirror is not allowed (Wikidata itself is)
        (f"SELECT * {{ SERVICE <{WIKIDATA}> {{ ?s ?p ?o }} }}", [WIKIDATA]),
        # spelt with escapes: not recognised, so not mapped, and Wikidata itself is not allowed
        (f"SELECT * {{ \\u0053ERVICE <{WIKIDATA}> {{ ?s ?p ?o }} }}", [MIRROR]),
        ("SELECT * { SERVICE <https://query.wikidata.org/sp\\u0061rql> { ?s ?p ?o } }", [MIRROR]),
        (f"SELECT * {{ VALUES ?e {{ <{WIKIDATA}> }} SERVICE ?e {{ ?s ?p ?o }} }}", [MIRROR, WIKIDATA]),
        (f"LOAD <{WIKIDATA}>", [MIRROR]),  # LOAD is never mapped
    ],
)
def test_federated_checks_the_allowlist_after_mapping(query: str, allowlist: list[str]) -> None:
    with pytest.raises(FederationRefused):
        federated(query, allowlist, MAP)


def test_service_map_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACTESUR_ROOT", str(REPO))
    monkeypatch.setenv("PACTESUR_SERVICE_MAP", f"{WIKIDATA}={MIRROR} http://a.example/sparql=http://b.example/q?x=1")
    settings = Settings.from_env()
    assert settings.service_mirrors == {WIKIDATA: MIRROR, "http://a.example/sparql": "http://b.example/q?x=1"}


@pytest.mark.parametrize(
    "value",
    [
        WIKIDATA,  # no mirror
        f"{WIKIDATA}=",
        f"{WIKIDATA}=ftp://mirror.example/",
        f"{WIKIDATA}=http://mirror.example/<x>",
        f"{WIKIDATA}={MIRROR} {WIKIDATA}=http://other.example/",  # mapped twice
    ],
)
def test_service_map_rejects_malformed_pairs(value: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        service_pairs(value)


def test_settings_reject_a_malformed_service_map() -> None:
    with pytest.raises(UsageError, match="service map"):
        Settings(root=REPO, service_map=((WIKIDATA, "http://mirror.example/> { ?s ?p ?o }"),)).check()


def test_serve_rejects_a_malformed_service_map_with_exit_code_2() -> None:
    result = CliRunner().invoke(app, ["serve", "--service-map", "not-a-pair"], env={"PACTESUR_ROOT": str(REPO)})
    assert result.exit_code == 2
    assert "--service-map" in result.stderr
