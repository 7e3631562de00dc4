"""rdflib's SPARQL processor, parsing and translating each query text once.

pySHACL hands rdflib the text of every SPARQL-based target and constraint each time it
validates, and rdflib's parser (pyparsing) takes 20 to 30 ms per query: a third of the time
of validating a contribution. A query prepared once can be evaluated again with other
initial bindings, as ``rdflib.plugins.sparql.prepareQuery`` documents, so the translated
query is kept, by text, base and namespaces.

>>> import rdflib
>>> install()
>>> graph = rdflib.Graph().parse(data="<http://a.example/s> <http://a.example/p> 1 .", format="turtle")
>>> [int(row.o) for row in graph.query("SELECT ?o WHERE { ?s ?p ?o }")]
[1]
>>> _prepared.cache_info().currsize > 0
True
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import rdflib.plugin
import rdflib.query
from rdflib.plugins.sparql.processor import SPARQLProcessor, prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier


class PreparedSPARQLProcessor(SPARQLProcessor):
    """:class:`SPARQLProcessor` with a cache of prepared queries."""

    def query(  # type: ignore[override]
        self,
        strOrQuery: str | Query,  # noqa: N803 (rdflib's parameter names)
        initBindings: Mapping[str, Identifier] | None = None,  # noqa: N803
        initNs: Mapping[str, Any] | None = None,  # noqa: N803
        base: str | None = None,
        DEBUG: bool = False,  # noqa: N803
    ) -> Mapping[str, Any]:
        prepared = (
            _prepared(strOrQuery, base, tuple(sorted((initNs or {}).items())))
            if isinstance(strOrQuery, str)
            else strOrQuery
        )
        return super().query(prepared, initBindings, initNs, base, DEBUG)


@functools.lru_cache(maxsize=1024)
def _prepared(text: str, base: str | None, namespaces: tuple[tuple[str, Any], ...]) -> Query:
    return prepareQuery(text, initNs=dict(namespaces), base=base)


def install() -> None:
    """Make it rdflib's ``sparql`` processor in this process (what ``Graph.query`` uses)."""
    rdflib.plugin.register("sparql", rdflib.query.Processor, __name__, PreparedSPARQLProcessor.__name__)
