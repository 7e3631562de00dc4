"""The command line: help, exit codes, output formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from pactesur_kg.cli import app

from .api.server import canary_listener, serve
from .conftest import REPO
from .sandbox import copy_sources

runner = CliRunner()
COMMANDS = ["build", "query", "stats", "validate", "serve", "load", "export", "links", "links check", "docs"]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", [*COMMANDS, None])
def test_cli_help_on_every_command(command: str | None) -> None:
    code, stdout, _ = run(*(command.split() if command else []), "--help")
    assert code == 0
    assert "Usage" in stdout


def test_cli_build_prints_counts_per_graph() -> None:
    code, stdout, stderr = run("build", "--no-reason")
    assert code == 0, stderr
    assert "graph/data/cities/cities" in stdout
    assert "graph/inferred" in stdout
    assert "checks passed" in stderr


def test_cli_build_syntax_error_exits_1_with_position(tmp_path: Path) -> None:
    root = copy_sources(tmp_path / "repo")
    (root / "data" / "bad.ttl").write_text("@prefix x: <http://a.example/> .\nx:s x:p 'open .\n", encoding="utf-8")
    code, _, stderr = run("build", "--no-reason", env={"PACTESUR_ROOT": str(root)})
    assert code == 1
    assert "data/bad.ttl:2:9:" in stderr
    assert "Traceback" not in stderr


def test_cli_build_unknown_option_exits_2() -> None:
    code, _, _ = run("build", "--frobnicate")
    assert code == 2


def test_cli_build_outside_a_checkout_exits_2(tmp_path: Path) -> None:
    code, _, stderr = run("build", env={"PACTESUR_ROOT": str(tmp_path)})
    assert code == 2
    assert "not a pactesur-kg checkout" in stderr


def test_cli_query_json_is_sparql_results() -> None:
    code, stdout, _ = run("query", "SELECT ?c WHERE { ?c a pac:City } ORDER BY ?c LIMIT 2", "--format", "json")
    assert code == 0
    body = json.loads(stdout)
    assert body["head"]["vars"] == ["c"]
    assert len(body["results"]["bindings"]) == 2


@pytest.mark.parametrize(("output", "header"), [("csv", "c"), ("tsv", "?c")])
def test_cli_query_csv_and_tsv(output: str, header: str) -> None:
    code, stdout, _ = run("query", "SELECT ?c WHERE { ?c a pac:City } ORDER BY ?c LIMIT 1", "--format", output)
    assert code == 0
    lines = stdout.splitlines()
    assert lines[0] == header
    # the first city by IRI in data/cities/cities.ttl
    assert "https://w3id.org/pactesur/resource/city/ansbach" in lines[1]


def test_cli_query_table_uses_prefixed_names() -> None:
    code, stdout, stderr = run("query", "SELECT ?c WHERE { ?c a pac:City } ORDER BY ?c LIMIT 1")
    assert code == 0
    assert "city:ansbach" in stdout  # the first city by IRI in data/cities/cities.ttl
    assert "1 row(s)" in stderr


@pytest.mark.parametrize(("output", "marker"), [("turtle", "@prefix"), ("ntriples", "> <"), ("jsonld", '"@id"')])
def test_cli_query_graph_formats(output: str, marker: str) -> None:
    code, stdout, _ = run("query", "DESCRIBE city:nice", "--format", output)
    assert code == 0
    assert marker in stdout


def test_cli_query_from_file(tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text("ASK { city:nice a pac:City }", encoding="utf-8")
    code, stdout, _ = run("query", "-f", str(query), "--format", "json")
    assert code == 0
    assert json.loads(stdout)["boolean"] is True


def test_cli_query_syntax_error_exits_2_with_position() -> None:
    code, _, stderr = run("query", "SELECT * WHERE { ?s ?p }")
    assert code == 2
    assert "1:" in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize(
    "args",
    [
        ["query"],  # no query at all
        ["query", "ASK {}", "-f", "x.rq"],  # both a query and a file
        ["query", "-f", "does-not-exist.rq"],
        ["query", "DESCRIBE city:nice", "--format", "csv"],  # graph result in a table format
        ["query", "SELECT * {}", "--format", "turtle"],  # table result in a graph format
        ["query", "SELECT * {}", "--format", "yaml"],
    ],
)
def test_cli_query_usage_errors_exit_2(args: list[str]) -> None:
    code, _, _ = run(*args)
    assert code == 2


def test_cli_query_on_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run("build", "--no-reason", "--store", str(store))[0] == 0
    code, stdout, _ = run("query", "ASK { city:turin a pac:City }", "--store", str(store), "--format", "json")
    assert code == 0
    assert json.loads(stdout)["boolean"] is True


def test_cli_query_missing_store_exits_1(tmp_path: Path) -> None:
    code, _, stderr = run("query", "ASK {}", "--store", str(tmp_path / "none"))
    assert code == 1
    assert "build one with" in stderr


def test_cli_stats_lists_graphs_and_classes() -> None:
    code, stdout, _ = run("stats")
    assert code == 0
    assert "Instances per class" in stdout
    assert "pac:City" in stdout


def test_cli_console_script_exit_code_is_real(tmp_path: Path) -> None:
    # the installed entry point, in a real process, not the in-process runner
    completed = subprocess.run(
        [sys.executable, "-m", "pactesur_kg", "query", "SELECT * WHERE {"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert completed.returncode == 2
    assert "invalid SPARQL" in completed.stderr


def test_cli_serve_updates_without_token_exits_2() -> None:
    code, _, stderr = run("serve", "--allow-updates", env={"PACTESUR_UPDATE_TOKEN": ""})
    assert code == 2
    assert "PACTESUR_UPDATE_TOKEN" in stderr


def test_cli_serve_bad_environment_value_exits_2() -> None:
    code, _, stderr = run("serve", env={"PACTESUR_TIMEOUT": "soon"})
    assert code == 2
    assert "PACTESUR_TIMEOUT" in stderr


def test_cli_load_adds_a_graph_and_is_queryable(tmp_path: Path) -> None:
    data = tmp_path / "extra.nt"
    data.write_text(
        '<http://a.example/s> <http://www.w3.org/2000/01/rdf-schema#label> "loaded"@en .\n', encoding="utf-8"
    )
    store = tmp_path / "store"
    code, _, stderr = run("load", str(data), "--store", str(store), "--graph", "https://w3id.org/pactesur/graph/extra")
    assert code == 0, stderr
    assert "1 quads loaded" in stderr
    code, stdout, _ = run(
        "query",
        "ASK { GRAPH <https://w3id.org/pactesur/graph/extra> { ?s ?p 'loaded'@en } }",
        "--store",
        str(store),
        "--format",
        "json",
    )
    assert json.loads(stdout)["boolean"] is True


def test_cli_load_syntax_error_loads_nothing_of_that_file(tmp_path: Path) -> None:
    good = tmp_path / "good.nt"
    good.write_text("<http://a.example/s> <http://a.example/p> <http://a.example/o> .\n", encoding="utf-8")
    bad = tmp_path / "bad.nt"
    bad.write_text(
        "<http://a.example/s> <http://a.example/p> <http://a.example/o> .\n<http://a.example/t> <p> .\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    code, _, stderr = run("load", str(good), str(bad), "--store", str(store))
    assert code == 1
    assert "bad.nt:2:" in stderr
    code, stdout, _ = run(
        "query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", str(store), "--format", "csv"
    )
    assert stdout.splitlines()[1] == "1"


def test_cli_load_unknown_file_type_exits_2(tmp_path: Path) -> None:
    data = tmp_path / "x.csv"
    data.write_text("a,b\n", encoding="utf-8")
    code, _, _ = run("load", str(data), "--store", str(tmp_path / "store"))
    assert code == 2


def test_cli_serve_load_with_store_exits_2(tmp_path: Path) -> None:
    data = tmp_path / "extra.nt"
    data.write_text("<http://a.example/s> <http://a.example/p> <http://a.example/o> .\n", encoding="utf-8")
    code, _, stderr = run("serve", "--store", str(tmp_path / "store"), "--load", str(data))
    assert code == 2
    assert "--load" in stderr


def test_cli_serve_load_serves_the_file_beside_the_curated_graph(tmp_path: Path) -> None:
    data = tmp_path / "extra.nt"
    data.write_text(
        '<http://a.example/s> <http://www.w3.org/2000/01/rdf-schema#label> "loaded"@en .\n', encoding="utf-8"
    )
    with serve("--workers", "1", "--load", str(data)) as server:
        query = (
            "ASK { GRAPH <https://w3id.org/pactesur/graph/loaded/extra> { ?s ?p 'loaded'@en } "
            "GRAPH <https://w3id.org/pactesur/graph/data/cities/cities> { ?city ?q ?r } }"
        )
        answer = httpx.get(f"{server.url}/sparql", params={"query": query}, headers={"accept": "application/json"})
    assert answer.json()["boolean"] is True


def test_cli_query_service_outside_the_allowlist_exits_2_without_connecting() -> None:
    with canary_listener() as (url, hits):
        code, _, stderr = run("query", f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
    assert code == 2
    assert "not on this endpoint's allowlist" in stderr
    assert "--federate" in stderr
    assert hits == []


def test_cli_query_service_on_the_allowlist_is_called_and_its_failure_reported() -> None:
    with canary_listener() as (url, hits):
        code, _, stderr = run("query", f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", "--federate", url)
        allowed_by_environment = run(
            "query", f"ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", env={"PACTESUR_FEDERATION_ALLOWLIST": url}
        )
    assert len(hits) == 2  # the listener is no SPARQL endpoint: it closes the connection
    for exit_code, message in ((code, stderr), (allowed_by_environment[0], allowed_by_environment[2])):
        assert exit_code == 1
        assert "query evaluation failed" in message


def test_cli_query_from_names_the_default_graph() -> None:
    graph = "https://w3id.org/pactesur/graph/data/cities/cities"
    counts = {}
    for label, query in {
        "from": f"SELECT (COUNT(*) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}",
        "graph": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
        "union": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    }.items():
        code, stdout, stderr = run("query", query, "--format", "csv")
        assert code == 0, stderr
        counts[label] = int(stdout.split()[1])
    assert counts["from"] == counts["graph"] > 0
    assert counts["from"] < counts["union"]
