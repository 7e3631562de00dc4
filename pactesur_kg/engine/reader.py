"""The one way the library and the service read the graph.

Everything that reads (the protocol, the REST routes, linked-data pages, VoID, the
validation context, the search and reconciliation indexes, the command line) asks a
:class:`Reader`, which sends the query to the engine it was given: in the service, the pool
of query workers or the remote endpoint, so every read a request triggers runs under the
engine's time limit and result-size cap; on the command line, the store in-process. The
rules (prefixes, dataset) are the engine's, the same on every backend.

Query texts come from ``queries/`` (see :class:`~pactesur_kg.sparql.queryfiles.QueryFiles`);
parameters are bound as RDF terms with :func:`~pactesur_kg.sparql.binding.bind`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from ..sparql.binding import Term, bind
from .base import QueryEngine, QueryRequest, QueryResponse

Value = ox.NamedNode | ox.BlankNode | ox.Literal
Row = dict[str, Value]
"""One solution: the bound variables (unbound ones left out)."""

_RESULTS = [("application/sparql-results+json", 1.0)]
_TRIPLES = [("application/n-triples", 1.0)]


class Reader:
    def __init__(self, engine: QueryEngine) -> None:
        self.engine = engine

    async def run(self, request: QueryRequest) -> QueryResponse:
        """A protocol request, answered in the negotiated format."""
        return await self.engine.query(request)

    async def select(self, query: str, **bindings: Term | Sequence[Term]) -> list[Row]:
        """The solutions of a SELECT query."""
        answer = await self.engine.query(QueryRequest(query=_bound(query, bindings), accept=_RESULTS))
        solutions = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.JSON)
        assert isinstance(solutions, ox.QuerySolutions)
        names = [variable.value for variable in solutions.variables]
        return [{name: row[name] for name in names if row[name] is not None} for row in solutions]

    async def values(self, query: str, **bindings: Term | Sequence[Term]) -> list[dict[str, str]]:
        """The solutions of a SELECT query as the plain values of their terms."""
        return [{name: term.value for name, term in row.items()} for row in await self.select(query, **bindings)]

    async def ask(self, query: str, **bindings: Term | Sequence[Term]) -> bool:
        answer = await self.engine.query(QueryRequest(query=_bound(query, bindings), accept=_RESULTS))
        result = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.JSON)
        return bool(result)

    async def construct(self, query: str, **bindings: Term | Sequence[Term]) -> list[ox.Triple]:
        """The distinct triples of a CONSTRUCT or DESCRIBE query (over the union of the
        graphs, a statement made in two graphs comes back twice from the engine)."""
        answer = await self.engine.query(QueryRequest(query=_bound(query, bindings), accept=_TRIPLES))
        return list(dict.fromkeys(quad.triple for quad in ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES)))


def _bound(query: str, bindings: dict[str, Term | Sequence[Term]]) -> str:
    return bind(query, **bindings) if bindings else query
