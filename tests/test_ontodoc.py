"""The ontology documentation page is generated from the ontology and covers every term."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from typer.testing import CliRunner

from pactesur_kg.cli import app
from pactesur_kg.engine.inprocess import InProcessEngine
from pactesur_kg.engine.reader import Reader
from pactesur_kg.ontodoc import render as render_page
from pactesur_kg.sparql.queryfiles import QueryFiles
from pactesur_kg.store import Store

from .conftest import REPO


def render(graph: Store) -> str:
    return asyncio.run(render_page(Reader(InProcessEngine(graph)), QueryFiles(REPO / "queries")))


def test_ontodoc_documents_every_term(graph: Store) -> None:
    page = render(graph)
    terms = {
        str(row["term"].value).split("#", 1)[1]
        for row in graph.select("SELECT ?term WHERE { ?term rdfs:isDefinedBy <https://w3id.org/pactesur/ontology> }")
    }
    sections = set(re.findall(r'<section id="([^"]+)">', page))
    assert sections == terms
    assert page.index('id="Classes"') < page.index('id="Object-properties"')


def test_ontodoc_shows_labels_definitions_and_hierarchy(graph: Store) -> None:
    page = render(graph)
    city = page[page.index('<section id="City">') :]
    city = city[: city.index("</section>")]
    assert "Ville (fr)" in city
    assert "Città (it)" in city
    assert "A town or city" in city
    assert "schema:City" in city  # alignment, from ontology/alignments/schema.ttl
    square = page[page.index('<section id="Square">') :]
    assert '<a href="#PublicSpace">' in square[: square.index("</section>")]


def test_docs_command_writes_the_page(tmp_path: Path) -> None:
    target = tmp_path / "ontology" / "index.html"
    result = CliRunner().invoke(app, ["docs", "--output", str(target)])
    assert result.exit_code == 0, result.stderr
    assert "<h1>PACTESUR ontology</h1>" in target.read_text(encoding="utf-8")
