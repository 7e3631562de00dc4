"""Parsing sources: positions of syntax errors, stable blank nodes, one graph per file."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from pactesur_kg.errors import SourceSyntaxError
from pactesur_kg.sources import SourceFile, discover, parse_file

from .conftest import REPO


def _source(tmp_path: Path, text: str, name: str = "data/x.ttl") -> SourceFile:
    path = tmp_path / "x.ttl"
    path.write_text(text, encoding="utf-8")
    return SourceFile(path, PurePosixPath(name))


def test_parse_reports_file_line_and_column(tmp_path: Path) -> None:
    source = _source(tmp_path, '@prefix a: <http://a.example/> .\n\na:b a:c "unterminated .\n')
    with pytest.raises(SourceSyntaxError) as caught:
        parse_file(source)
    assert str(caught.value).startswith("data/x.ttl:3:9: ")
    assert caught.value.position.line == 3


def test_parse_rejects_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "x.ttl"
    path.write_bytes(b'<http://a.example/s> <http://a.example/p> "caf\xe9" .\n')
    with pytest.raises(SourceSyntaxError, match=r"data/x\.ttl:1:"):
        parse_file(SourceFile(path, PurePosixPath("data/x.ttl")))


def test_parse_names_blank_nodes_stably(tmp_path: Path) -> None:
    text = "@prefix a: <http://a.example/> .\na:s a:p [ a:q 1 ] , [ a:q 2 ] .\n"
    first = parse_file(_source(tmp_path, text)).quads
    second = parse_file(_source(tmp_path, text)).quads
    assert [str(q) for q in first] == [str(q) for q in second]


def test_parse_puts_each_file_in_its_graph(tmp_path: Path) -> None:
    quads = parse_file(_source(tmp_path, "<http://a.example/s> <http://a.example/p> 1 .\n")).quads
    assert {str(q.graph_name) for q in quads} == {"<https://w3id.org/pactesur/graph/data/x>"}


def test_discover_finds_ontology_and_data_in_order() -> None:
    found = [str(s.relative) for s in discover(REPO)]
    assert found[0].startswith("ontology/")
    assert "ontology/pactesur.ttl" in found
    assert found == sorted(found, key=lambda p: (not p.startswith("ontology/"), p))
