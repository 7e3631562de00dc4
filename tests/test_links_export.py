"""`pactesur-kg links check` and `pactesur-kg export`."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
from typer.testing import CliRunner

from pactesur_kg.cli import app
from pactesur_kg.links import canonical_form

runner = CliRunner()
PILOTS = "https://w3id.org/pactesur/graph/data/pilots/pilots"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_links_check_passes_on_curated_links_and_lists_missing() -> None:
    code, stdout, _ = run("links", "check", "--json")
    assert code == 0
    report = json.loads(stdout)
    assert report["ok"] is True
    # 25 Wikidata links (sources on each rdf:Statement of data/links/wikidata.ttl): 23 cities (the 8
    # first; Athens, Turku, Vienna, Edinburgh, London, Riga, Stockholm, Oslo, Lisbon; Magdeburg, Essen,
    # Duisburg, Halle, Mannheim, Solingen from two registers of German cities, a map game's city
    # catalogue and the countries-states-cities database) and 2 EU bodies (European Commission,
    # Committee of the Regions: a list of EU bodies and a sanctions project's registry of
    # international bodies); 1 GeoNames, 1 DBpedia, 5 concept matches
    assert report["links"] == 32
    missing = {item["entity"].rsplit("/", 1)[1] for item in report["missing"] if item["class"] == "City"}
    assert "liege" in missing
    assert "nice" not in missing


def test_links_check_reports_wrong_forms_and_duplicates(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run("build", "--no-reason", "--store", str(store))[0] == 0
    bad = tmp_path / "bad-links.nt"
    bad.write_text(
        "<https://w3id.org/pactesur/resource/city/liege> <http://www.w3.org/2002/07/owl#sameAs> "
        "<https://www.wikidata.org/wiki/Q12345> .\n"
        "<https://w3id.org/pactesur/resource/city/paris> <http://www.w3.org/2002/07/owl#sameAs> "
        "<http://www.wikidata.org/entity/Q33959> .\n",
        encoding="utf-8",
    )
    assert run("load", str(bad), "--store", str(store))[0] == 0
    code, stdout, _ = run("links", "check", "--store", str(store), "--json")
    assert code == 1
    report = json.loads(stdout)
    assert report["wrong_form"] == [
        {
            "entity": "https://w3id.org/pactesur/resource/city/liege",
            "property": "http://www.w3.org/2002/07/owl#sameAs",
            "target": "https://www.wikidata.org/wiki/Q12345",
            "canonical": "http://www.wikidata.org/entity/Q12345",
        }
    ]
    problems = {item["problem"] for item in report["duplicates"]}
    assert problems == {"several Wikidata items", "one Wikidata item for several entities"}


def test_canonical_form_of_variants() -> None:
    assert canonical_form("https://www.wikidata.org/entity/Q90") == "http://www.wikidata.org/entity/Q90"
    assert canonical_form("http://www.geonames.org/3165525") == "http://sws.geonames.org/3165525/"
    assert canonical_form("http://www.wikidata.org/entity/Q90") is None


def test_export_is_deterministic_and_complete() -> None:
    first = runner.invoke(app, ["export", "--format", "nq"]).stdout_bytes
    second = runner.invoke(app, ["export", "--format", "nq"]).stdout_bytes
    assert first == second
    quads = list(ox.parse(first, format=ox.RdfFormat.N_QUADS))
    code, stdout, _ = run("query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--format", "csv")
    assert code == 0
    assert len(quads) == int(stdout.splitlines()[1])


def test_export_one_graph_as_turtle() -> None:
    code, stdout, _ = run("export", "--format", "ttl", "--graph", PILOTS)
    assert code == 0
    triples = list(ox.parse(stdout.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    assert {str(t.subject) for t in triples if "pilot/" in str(t.subject)} >= {
        "<https://w3id.org/pactesur/resource/pilot/liege-mobile-barriers>"
    }


def test_export_turtle_needs_a_graph_and_unknown_graph_is_usage_error() -> None:
    assert run("export", "--format", "ttl")[0] == 2
    assert run("export", "--graph", "https://w3id.org/pactesur/graph/none")[0] == 2


def test_export_to_file_writes_void_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "pactesur.trig"
    code, _, stderr = run("export", "--format", "trig", "--output", str(target))
    assert code == 0, stderr
    assert list(ox.parse(path=target, format=ox.RdfFormat.TRIG))
    void = tmp_path / "pactesur.trig.void.ttl"
    assert "http://rdfs.org/ns/void#Dataset" in void.read_text(encoding="utf-8")
