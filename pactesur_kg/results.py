"""Writing query results in the formats the CLI offers.

SELECT and ASK results: table, json (SPARQL 1.1 JSON results), csv, tsv.
CONSTRUCT and DESCRIBE results: turtle, ntriples, jsonld.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import pyoxigraph as ox

from .errors import UsageError
from .namespaces import PREFIXES


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"
    turtle = "turtle"
    ntriples = "ntriples"
    jsonld = "jsonld"


_SOLUTION_FORMATS = {
    OutputFormat.json: ox.QueryResultsFormat.JSON,
    OutputFormat.csv: ox.QueryResultsFormat.CSV,
    OutputFormat.tsv: ox.QueryResultsFormat.TSV,
}
_GRAPH_FORMATS = {
    OutputFormat.turtle: ox.RdfFormat.TURTLE,
    OutputFormat.ntriples: ox.RdfFormat.N_TRIPLES,
    OutputFormat.jsonld: ox.RdfFormat.JSON_LD,
}


def is_graph_result(result: Any) -> bool:
    return isinstance(result, ox.QueryTriples)


def default_format(result: Any) -> OutputFormat:
    return OutputFormat.turtle if is_graph_result(result) else OutputFormat.table


def short(term: Any) -> str:
    """A term as a person reads it: prefixed name, quoted literal with language or datatype."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for name, iri in PREFIXES.items():
            if term.value.startswith(iri) and len(term.value) > len(iri):
                return f"{name}:{term.value[len(iri) :]}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"{term.value}@{term.language}"
        return term.value
    return str(term)


def rows_for_table(result: Any) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a SELECT or ASK result, for a table."""
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], [[str(bool(result)).lower()]]
    names = [v.value for v in result.variables]
    return names, [[short(row[name]) for name in names] for row in result]


def serialize(result: Any, output: OutputFormat) -> bytes:
    """The result in a machine format (not ``table``)."""
    if is_graph_result(result):
        if output not in _GRAPH_FORMATS:
            raise UsageError(
                f"--format {output.value} is for SELECT/ASK results; a CONSTRUCT or DESCRIBE result "
                f"is written as one of: {', '.join(f.value for f in _GRAPH_FORMATS)}"
            )
        prefixes = {name: iri for name, iri in PREFIXES.items()}
        if output is OutputFormat.turtle:
            return _bytes(ox.serialize(result, format=_GRAPH_FORMATS[output], prefixes=prefixes))
        return _bytes(ox.serialize(result, format=_GRAPH_FORMATS[output]))
    if output not in _SOLUTION_FORMATS:
        raise UsageError(
            f"--format {output.value} is for CONSTRUCT/DESCRIBE results; a SELECT or ASK result "
            f"is written as one of: table, {', '.join(f.value for f in _SOLUTION_FORMATS)}"
        )
    serialized: bytes = result.serialize(format=_SOLUTION_FORMATS[output])
    return serialized


def _bytes(serialized: bytes | None) -> bytes:
    # pyoxigraph returns None only when given an output stream, which we never do
    assert serialized is not None
    return serialized
