"""/api/recommendations stays bounded when a measure has many pilots and lessons learnt and a
threat many incidents: it shows 10 pilots and 10 lessons per measure and says there are
more, counts the piloting cities and the incidents, shows 20 incidents and links to the
full, paginated lists. The many resources are loaded into an on-disk store beside the
curated graph (``pactesur-kg load``, no validation), as a benchmark graph would be."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from ..conftest import REPO
from .server import RunningServer, serve

PILOTS = 12  # more than shown (10), each in a city of its own
LESSONS = 15
INCIDENTS = 25
MEASURE = "training"

PREFIXES = """@prefix pac: <https://w3id.org/pactesur/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix city: <https://w3id.org/pactesur/resource/city/> .
@prefix pilot: <https://w3id.org/pactesur/resource/pilot/> .
@prefix lesson: <https://w3id.org/pactesur/resource/lesson/> .
@prefix incident: <https://w3id.org/pactesur/resource/incident/> .
@prefix measure: <https://w3id.org/pactesur/concept/measure/> .
@prefix threat: <https://w3id.org/pactesur/concept/threat/> .
"""


def _many() -> str:
    lines = [PREFIXES]
    for n in range(PILOTS):
        lines.append(
            f'city:many-{n} a pac:City ; rdfs:label "Many {n}"@en .\n'
            f'pilot:many-{n} a pac:Pilot ; rdfs:label "Pilot {n}"@en ; pac:deploysMeasure measure:{MEASURE} ; '
            f"pac:inCity city:many-{n} .\n"
            # what the build's inference would add
            f"measure:{MEASURE} pac:pilotedIn city:many-{n} ."
        )
    for n in range(LESSONS):
        lines.append(
            f'lesson:many-{n} a pac:LessonLearnt ; rdfs:label "Lesson {n}"@en ; pac:concernsMeasure measure:{MEASURE} .'
        )
    for n in range(INCIDENTS):
        lines.append(
            f'incident:many-{n} a pac:Incident ; rdfs:label "Incident {n}"@en ; '
            "pac:threatType threat:vehicle-as-weapon ; pac:inCity city:many-0 ; "
            f'pac:date "2030-01-{n + 1:02d}"^^xsd:date .'
        )
    return "\n".join(lines) + "\n"


def _cli(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pactesur_kg", *args], cwd=REPO, check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    folder = tmp_path_factory.mktemp("crowded")
    store, many = folder / "store", folder / "many.ttl"
    many.write_text(_many(), encoding="utf-8")
    _cli("build", "--no-reason", "--store", str(store))
    _cli("load", str(many), "--store", str(store), "--graph", "https://w3id.org/pactesur/graph/test/many")
    with serve("--store", str(store), "--workers", "2") as running:
        yield running


def _get(server: RunningServer, path: str, **params: Any) -> dict[str, Any]:
    response = httpx.get(f"{server.url}{path}", params=params, timeout=60)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _curated_count(server: RunningServer, query: str) -> int:
    response = httpx.post(
        f"{server.url}/sparql",
        content=query,
        headers={"content-type": "application/sparql-query", "accept": "application/sparql-results+json"},
        timeout=60,
    )
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_pilots_and_lessons_are_capped_and_say_there_are_more(crowded: RunningServer) -> None:
    body = _get(crowded, "/api/recommendations", threat="vehicle-as-weapon")
    training = next(e for e in body["items"] if e["measure"]["slug"] == MEASURE)
    shown_pilots = {pilot for city in training["pilotedIn"] for pilot in city["pilots"]}
    assert len(shown_pilots) == 10
    assert training["morePilots"] is True
    cities = _curated_count(
        crowded,
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { "
        f"<https://w3id.org/pactesur/concept/measure/{MEASURE}> <https://w3id.org/pactesur/ontology#pilotedIn> ?c }}",
    )
    assert training["pilotedInTotal"] == cities >= PILOTS
    assert len(training["lessons"]) == 10
    assert training["moreLessons"] is True
    assert training["more"]["lessons"] == f"/api/lessons?measure={MEASURE}"
    # a measure with few lessons says there are no more
    barrier = next(e for e in body["items"] if e["measure"]["slug"] == "temporary-vehicle-security-barrier")
    assert barrier["moreLessons"] is False
    assert barrier["morePilots"] is False


def test_incidents_are_counted_and_twenty_are_shown(crowded: RunningServer) -> None:
    body = _get(crowded, "/api/recommendations", threat="vehicle-as-weapon")
    total = _curated_count(
        crowded,
        "PREFIX pac: <https://w3id.org/pactesur/ontology#> "
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "PREFIX threat: <https://w3id.org/pactesur/concept/threat/> "
        "SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { { ?i pac:threatType threat:vehicle-as-weapon } "
        "UNION { ?t skos:broaderTransitive threat:vehicle-as-weapon . ?i pac:threatType ?t } }",
    )
    assert body["incidentsTotal"] == total > INCIDENTS
    assert len(body["incidents"]) == 20
    dates = [incident["date"] or "" for incident in body["incidents"]]
    assert dates == sorted(dates)
    assert body["more"]["incidents"] == "/api/incidents?threat=vehicle-as-weapon"
    listed = _get(crowded, "/api/incidents", threat="vehicle-as-weapon", limit=1)
    assert listed["total"] == total
