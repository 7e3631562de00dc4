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

from ..errors import ResultTooLarge
from ..sparql.binding import Term, bind
from .base import QueryEngine, QueryRequest, QueryResponse

Value = ox.NamedNode | ox.BlankNode | ox.Literal
Row = dict[str, Value]
"""One solution: the bound variables (unbound ones left out)."""

Media = tuple[str, float]

_RESULTS = [("application/sparql-results+json", 1.0)]
_TRIPLES = [("application/n-triples", 1.0)]


class Reader:
    """Reads through ``engine``. ``max_bytes`` (None: the engine's limit only) bounds the
    results that :meth:`select`, :meth:`ask` and :meth:`construct` read into objects, which
    take several times the room of the serialised result; :meth:`run` passes a protocol
    request's serialised result on as it is, under the engine's limit."""

    def __init__(self, engine: QueryEngine, max_bytes: int | None = None) -> None:
        self.engine = engine
        self.max_bytes = max_bytes

    def unbounded(self) -> Reader:
        """A reader over the same engine under the engine's limit only: for what is built once
        per graph and shared by every request (indexes, VoID, the ontology)."""
        return Reader(self.engine)

    async def run(self, request: QueryRequest) -> QueryResponse:
        """A protocol request, answered in the negotiated format."""
        return await self.engine.query(request)

    async def _read(self, query: str, bindings: dict[str, Term | Sequence[Term]], accept: list[Media]) -> bytes:
        request = QueryRequest(query=_bound(query, bindings), accept=accept, max_bytes=self.max_bytes)
        try:
            answer = await self.engine.query(request)
        except ResultTooLarge:
            if self.max_bytes is None:
                raise
            raise ResultTooLarge(
                f"the query behind this answer has a result larger than the limit of {self.max_bytes} bytes that the "
                "server builds one answer from (PACTESUR_MAX_SHAPED_BYTES); ask for less (a narrower filter, a "
                "smaller page), or run the query yourself at /sparql with LIMIT"
            ) from None
        return answer.body

    async def select(self, query: str, **bindings: Term | Sequence[Term]) -> list[Row]:
        """The solutions of a SELECT query."""
        body = await self._read(query, bindings, _RESULTS)
        solutions = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        assert isinstance(solutions, ox.QuerySolutions)
        names = [variable.value for variable in solutions.variables]
        return [{name: row[name] for name in names if row[name] is not None} for row in solutions]

    async def values(self, query: str, **bindings: Term | Sequence[Term]) -> list[dict[str, str]]:
        """The solutions of a SELECT query as the plain values of their terms."""
        return [{name: term.value for name, term in row.items()} for row in await self.select(query, **bindings)]

    async def any(self, query: str, **bindings: Term | Sequence[Term]) -> bool:
        """Whether a SELECT query has a solution. The service's existence checks are SELECTs
        with ``LIMIT 1`` read this way rather than ASKs: Virtuoso 7.2 answers an ASK over
        ``GRAPH <g>`` with true when ``<g>`` is not among the dataset's named graphs."""
        return bool(await self.select(query, **bindings))

    async def ask(self, query: str, **bindings: Term | Sequence[Term]) -> bool:
        body = await self._read(query, bindings, _RESULTS)
        result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        return bool(result)

    async def construct(self, query: str, **bindings: Term | Sequence[Term]) -> list[ox.Triple]:
        """The distinct triples of a CONSTRUCT or DESCRIBE query (over the union of the
        graphs, a statement made in two graphs comes back twice from the engine)."""
        body = await self._read(query, bindings, _TRIPLES)
        return list(dict.fromkeys(quad.triple for quad in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)))


def _bound(query: str, bindings: dict[str, Term | Sequence[Term]]) -> str:
    return bind(query, **bindings) if bindings else query
