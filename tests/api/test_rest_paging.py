"""The list routes over the resources choose their page in SPARQL (LIMIT and OFFSET in the query
they show) and describe only its resources; a city lists the first of its incidents, pilots,
events and lessons with their totals; the search index is read again after an update."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from .conftest import UPDATE_TOKEN
from .server import RunningServer


@pytest.fixture(scope="module")
def server(server_on_every_engine: RunningServer) -> RunningServer:
    """These answers are the same on every engine (conftest.EVERY_ENGINE)."""
    return server_on_every_engine


RESOURCE = "https://w3id.org/pactesur/resource/"
PAC = "https://w3id.org/pactesur/ontology#"

LISTS: list[tuple[str, dict[str, str]]] = [
    ("/api/cities", {}),
    ("/api/incidents", {}),
    ("/api/incidents", {"threat": "vehicle-as-weapon"}),
    ("/api/lessons", {}),
    ("/api/lessons", {"city": "nice"}),
    ("/api/events", {}),
    ("/api/publications", {}),
    ("/api/organisations", {}),
]


def get(server: RunningServer, path: str, **params: Any) -> dict[str, Any]:
    response = httpx.get(f"{server.url}{path}", params=params, timeout=30)
    assert response.status_code == 200, response.text[:300]
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize(("path", "params"), LISTS)
def test_list_query_chooses_the_page(server: RunningServer, path: str, params: dict[str, str]) -> None:
    body = get(server, path, limit=3, offset=2, **params)
    assert "LIMIT 3 OFFSET 2" in body["query"]["sparql"]
    assert "LIMIT 50 OFFSET 0" not in body["query"]["sparql"]
    assert len(body["items"]) == 3 < body["total"]


@pytest.mark.parametrize(("path", "params"), LISTS)
def test_list_pages_concatenate_to_the_whole_list(server: RunningServer, path: str, params: dict[str, str]) -> None:
    everything = get(server, path, limit=200, **params)
    assert len(everything["items"]) == everything["total"]
    walked: list[str] = []
    for offset in range(0, everything["total"] + 7, 7):
        window = get(server, path, limit=7, offset=offset, **params)
        assert window["total"] == everything["total"]
        walked += [item["slug"] for item in window["items"]]
    assert walked == [item["slug"] for item in everything["items"]]
    assert len(set(walked)) == len(walked)


def test_list_query_drops_the_filters_not_asked(server: RunningServer) -> None:
    plain = get(server, "/api/incidents")["query"]["sparql"]
    assert "VALUES ?threat" not in plain
    assert "VALUES ?city" not in plain
    assert "?item pac:inCity ?city" not in plain
    filtered = get(server, "/api/incidents", threat="vehicle-as-weapon", **{"from": "2017-01-01"})["query"]["sparql"]
    assert "VALUES ?threat { <https://w3id.org/pactesur/concept/threat/vehicle-as-weapon> }" in filtered
    assert 'VALUES ?from { "2017-01-01"^^<http://www.w3.org/2001/XMLSchema#date> }' in filtered
    assert "VALUES ?to" not in filtered
    assert "VALUES ?city" not in filtered


@pytest.mark.parametrize(
    "params",
    [
        {"threat": "vehicle-as-weapon", "from": "2016-01-01"},
        {"threat": "bladed-weapon-attack", "to": "2019-12-31"},
        {"city": "nice", "from": "2016-01-01", "to": "2016-12-31"},
        {"from": "2015-06-01"},
        {"city": "paris"},
    ],
)
def test_incident_total_counts_what_is_listed(server: RunningServer, params: dict[str, str]) -> None:
    body = get(server, "/api/incidents", limit=200, **params)
    assert body["total"] == len(body["items"])


def test_incidents_come_by_date_and_match_the_total(server: RunningServer) -> None:
    body = get(server, "/api/incidents", threat="vehicle-as-weapon", limit=200)
    dates = [incident["date"] for incident in body["items"]]
    assert dates == sorted(dates)
    assert body["total"] == len(body["items"]) >= 5
    assert all(incident["threatTypes"] for incident in body["items"])


def test_city_lists_have_totals_and_links(server: RunningServer) -> None:
    nice = get(server, "/api/cities/nice")
    assert nice["totals"]["incidents"] == len(nice["incidents"]) == 2
    assert nice["totals"]["pilots"] == len(nice["pilots"]) == 1
    assert nice["totals"]["lessons"] == len(nice["lessons"]) >= 1
    assert nice["totals"]["events"] == len(nice["events"]) >= 1
    listed = httpx.get(f"{server.url}{nice['more']['incidents']}", timeout=30).json()
    assert [i["slug"] for i in listed["items"]] == [i["slug"] for i in nice["incidents"]]


# -- after an update -------------------------------------------------------------------------

GRAPH = "https://w3id.org/pactesur/graph/contributions/test-paging"
AUTH = {"authorization": f"Bearer {UPDATE_TOKEN}"}


def _update(server: RunningServer, update: str) -> None:
    response = httpx.post(
        f"{server.url}/sparql",
        content=update,
        headers={"content-type": "application/sparql-update", **AUTH},
        timeout=30,
    )
    assert response.status_code == 204, response.text[:300]


@pytest.fixture
def busy_town(writable_server: RunningServer) -> Iterator[RunningServer]:
    """A city with 12 incidents, in a graph dropped afterwards."""
    city = f"<{RESOURCE}city/busytown>"
    triples = [f'{city} a <{PAC}City> ; <http://www.w3.org/2000/01/rdf-schema#label> "Busytown Zyx"@en .']
    for n in range(12):
        incident = f"<{RESOURCE}incident/busytown-{n:02d}>"
        triples.append(
            f"{incident} a <{PAC}Incident> ; <{PAC}inCity> {city} ; "
            f'<{PAC}date> "2020-01-{n + 1:02d}"^^<http://www.w3.org/2001/XMLSchema#date> ; '
            f'<http://www.w3.org/2000/01/rdf-schema#label> "Busytown incident {n}"@en .'
        )
    # the search index is built before the update, and must be built again after it
    assert get(writable_server, "/api/search", q="busytown zyx")["total"] == 0
    _update(writable_server, f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {' '.join(triples)} }} }}")
    yield writable_server
    _update(writable_server, f"DROP GRAPH <{GRAPH}>")


def test_city_lists_are_cut_at_ten(busy_town: RunningServer) -> None:
    town = get(busy_town, "/api/cities/busytown")
    assert town["totals"]["incidents"] == 12
    assert [i["slug"] for i in town["incidents"]] == [f"busytown-{n:02d}" for n in range(10)]
    assert town["more"]["incidents"] == "/api/incidents?city=busytown"
    rest = get(busy_town, "/api/incidents", city="busytown", offset=10)
    assert (rest["total"], [i["slug"] for i in rest["items"]]) == (12, ["busytown-10", "busytown-11"])


def test_search_index_is_read_again_after_an_update(busy_town: RunningServer) -> None:
    body = get(busy_town, "/api/search", q="busytown zyx")
    assert [(hit["slug"], hit["match"]) for hit in body["items"]] == [("busytown", "exact")]
