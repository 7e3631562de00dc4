"""Shared by the shape tests: where the shapes and their fixtures are, how a report is compared.

Each shape file ``shapes/<folder>/<Name>.ttl`` has a folder of fixtures
``tests/fixtures/shapes/<Name>/``: ``valid.ttl`` (conforms, no result at all) and
``invalid-<what>.ttl`` with the expected report in ``invalid-<what>.expected.json``, a sorted
list of ``{"focus", "path", "shape", "component", "severity"}`` objects.
"""

from __future__ import annotations

import json
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, SH

from pactesur_kg.shacl import ShaclResult

from ..conftest import FIXTURES, REPO

SHAPES = REPO / "shapes"
SHAPE_FIXTURES = FIXTURES / "shapes"

#: one result in the form of the expected files
Row = dict[str, str | None]

_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def shape_files(folder: str) -> list[Path]:
    """The shape files of ``shapes/<folder>``."""
    return sorted((SHAPES / folder).glob("*.ttl"))


def fixtures_of(shape_file: Path) -> list[Path]:
    """The fixture files (valid and invalid) of one shape file."""
    return sorted((SHAPE_FIXTURES / shape_file.stem).glob("*.ttl"))


def fixture_files(folder: str) -> list[Path]:
    """The fixture files of all the shape files of ``shapes/<folder>``."""
    return [fixture for shape_file in shape_files(folder) for fixture in fixtures_of(shape_file)]


def fixture_id(fixture: Path) -> str:
    """``City/invalid-missing-label`` for ``tests/fixtures/shapes/City/invalid-missing-label.ttl``."""
    return f"{fixture.parent.name}/{fixture.stem}"


def is_invalid(fixture: Path) -> bool:
    return fixture.stem.startswith("invalid-")


def expected_file(fixture: Path) -> Path:
    return fixture.with_name(f"{fixture.stem}.expected.json")


def expected_rows(fixture: Path) -> list[Row]:
    """The expected report of a fixture: nothing for a valid one."""
    if not is_invalid(fixture):
        return []
    rows: list[Row] = json.loads(expected_file(fixture).read_text(encoding="utf-8"))
    return rows


def _local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def _sort_key(row: Row) -> tuple[str, ...]:
    return tuple(row[key] or "" for key in ("focus", "path", "shape", "component", "severity"))


def rows(results: list[ShaclResult]) -> list[Row]:
    """The results in the form of the expected files, sorted."""
    return sorted(
        (
            {
                "focus": result.focus,
                "path": result.path,
                "shape": result.source_shape,
                "component": result.component,
                "severity": _local_name(result.severity),
            }
            for result in results
        ),
        key=_sort_key,
    )


def _has_target(shapes: rdflib.Graph, shape: rdflib.term.Node) -> bool:
    return any((shape, predicate, None) in shapes for predicate in _TARGETS)


def checked_shapes(shapes: rdflib.Graph) -> set[rdflib.term.Node]:
    """The shapes whose results reach the report: the property shapes of a targeted node
    shape, the property shapes with a target of their own, and the targeted shapes that
    hold a SPARQL constraint. Value shapes (used through sh:or, sh:node or
    sh:qualifiedValueShape) are left out: their failures are reported by the shape that
    uses them."""
    found: set[rdflib.term.Node] = set()
    for node_shape, _, property_shape in shapes.triples((None, SH.property, None)):
        if _has_target(shapes, node_shape):
            found.add(property_shape)
    for shape in set(shapes.subjects(RDF.type, SH.PropertyShape)) | set(shapes.subjects(SH.sparql, None)):
        if _has_target(shapes, shape):
            found.add(shape)
    return found


def sparql_holders(shapes: rdflib.Graph) -> set[rdflib.term.Node]:
    """The checked shapes that hold a SPARQL constraint."""
    return {shape for shape in checked_shapes(shapes) if (shape, SH.sparql, None) in shapes}


def message_languages(shapes: rdflib.Graph, node: rdflib.term.Node) -> list[str]:
    """The language tags of the sh:message values of a shape or SPARQL constraint, sorted."""
    return sorted(
        literal.language or "" for literal in shapes.objects(node, SH.message) if isinstance(literal, rdflib.Literal)
    )
