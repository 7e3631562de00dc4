"""Validating contributions from the command line and the library."""

from __future__ import annotations

import json
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, SH
from typer.testing import CliRunner

from pactesur_kg.cli import app
from pactesur_kg.shacl import _language_of

from .conftest import FIXTURES

runner = CliRunner()
CONTRIBUTIONS = FIXTURES / "contributions"


def validate(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["validate", *args])
    return result.exit_code, result.stdout, result.stderr


def test_validate_conforming_contribution_exits_0() -> None:
    code, stdout, _ = validate(str(CONTRIBUTIONS / "valid-lesson.ttl"))
    assert code == 0
    assert stdout.startswith("conforms: 7 triples")


def test_validate_violations_exit_1_grouped_by_node_with_line() -> None:
    path = CONTRIBUTIONS / "invalid-lesson.ttl"
    code, stdout, _ = validate(str(path))
    assert code == 1
    first = stdout.splitlines()[0]
    assert first == f"{path}:10: https://w3id.org/pactesur/resource/lesson/contributed-bad"
    assert "city/atlantis" in stdout  # the dangling reference
    assert "measure/moats" in stdout  # the concept outside the scheme
    assert "hint:" in stdout
    assert stdout.rstrip().endswith("warning(s)")


def test_validate_json_is_stable_and_complete() -> None:
    code, stdout, _ = validate(str(CONTRIBUTIONS / "invalid-lesson.ttl"), "--format", "json")
    assert code == 1
    report = json.loads(stdout)
    assert set(report) == {"conforms", "triples", "violations", "warnings", "results"}
    assert report["conforms"] is False
    assert report["violations"] == len([r for r in report["results"] if r["severity"] == "Violation"])
    fields = {"focus", "file", "line", "path", "value", "severity", "shape", "component", "message", "hint"}
    assert all(set(result) == fields for result in report["results"])
    assert {r["line"] for r in report["results"]} == {10}
    sources = [r for r in report["results"] if r["path"] == "http://purl.org/dc/terms/source"]
    assert sources
    assert all(r["value"] == "somewhere on the web" for r in sources)
    again = json.loads(validate(str(CONTRIBUTIONS / "invalid-lesson.ttl"), "--format", "json")[1])
    assert again == report


def test_validate_turtle_is_a_shacl_report() -> None:
    code, stdout, _ = validate(str(CONTRIBUTIONS / "invalid-lesson.ttl"), "--format", "turtle")
    assert code == 1
    graph = rdflib.Graph().parse(data=stdout, format="turtle")
    (report,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert (report, SH.conforms, rdflib.Literal(False)) in graph


def test_validate_messages_in_french() -> None:
    english = json.loads(validate(str(CONTRIBUTIONS / "invalid-lesson.ttl"), "--format", "json")[1])
    french = json.loads(validate(str(CONTRIBUTIONS / "invalid-lesson.ttl"), "--format", "json", "--lang", "fr")[1])

    def dangling(report: dict[str, list[dict[str, str]]]) -> list[str]:
        return [r["message"] for r in report["results"] if r["component"].endswith("SPARQLConstraintComponent")]

    assert dangling(french)
    assert all("renvoie" in message for message in dangling(french))
    assert all("refers" in message for message in dangling(english))
    assert {r["message"] for r in french["results"]} != {r["message"] for r in english["results"]}


def test_validate_suggests_canonical_wikidata_iri() -> None:
    code, stdout, _ = validate(str(CONTRIBUTIONS / "city-with-wiki-link.ttl"), "--format", "json")
    assert code == 1
    results = json.loads(stdout)["results"]
    warnings = [r for r in results if r["severity"] == "Warning"]
    assert any("<http://www.wikidata.org/entity/Q1891>" in r["message"] for r in warnings)


def test_validate_syntax_error_exits_2_with_position() -> None:
    path = CONTRIBUTIONS / "syntax-error.ttl"
    code, stdout, stderr = validate(str(path))
    assert code == 2
    assert f"{path}:4:" in stderr
    assert stdout == ""


def test_validate_remote_jsonld_context_is_not_fetched() -> None:
    code, _, stderr = validate(str(CONTRIBUTIONS / "remote-context.jsonld"))
    assert code == 2
    assert "remote context" in stderr


def test_validate_unknown_file_type_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "lesson.csv"
    path.write_text("a,b\n", encoding="utf-8")
    code, _, stderr = validate(str(path))
    assert code == 2
    assert "unknown file type" in stderr


def test_validate_never_writes_the_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert runner.invoke(app, ["build", "--no-reason", "--store", str(store)]).exit_code == 0
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = runner.invoke(app, ["query", count, "--store", str(store), "--format", "csv"]).stdout
    code, _, _ = validate(str(CONTRIBUTIONS / "valid-lesson.ttl"), "--store", str(store))
    assert code == 0
    after = runner.invoke(app, ["query", count, "--store", str(store), "--format", "csv"]).stdout
    assert before == after


def test_language_of_filled_in_sparql_message() -> None:
    templates = [
        rdflib.Literal("{$this} renvoie à {?value}.", lang="fr"),
        rdflib.Literal("{$this} refers to {?value}.", lang="en"),
    ]
    assert _language_of("<a> refers to <b>.", templates) == "en"
    assert _language_of("<a> renvoie à <b>.", templates) == "fr"
    assert _language_of("something else", templates) is None
