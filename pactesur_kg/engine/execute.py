"""Running one query on a pyoxigraph store: the rules every embedded path shares.

The query workers, the in-process engine of the command line and :class:`~pactesur_kg.store.Store`
all evaluate through :func:`evaluate`, so a query means the same everywhere: the project's
prefixes are predeclared (a query may redeclare them), and the dataset is the protocol's
``default-graph-uri`` / ``named-graph-uri`` when either is given (a missing one is empty),
else the query's own FROM / FROM NAMED, else the union of all graphs as default graph.
"""

from __future__ import annotations

import re
from typing import IO, Any, cast

import pyoxigraph as ox

from ..errors import BadRequest, NotAcceptable, QueryFailed, QuerySyntaxError, ResultTooLarge
from ..namespaces import PREFIXES
from ..sparql.formats import OX_GRAPH, OX_SOLUTIONS, negotiate
from ..sparql.guard import check_nesting, declares_dataset
from .base import QueryRequest, QueryResponse


def evaluate(
    store: ox.Store,
    query: str,
    *,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    union: bool = True,
    substitutions: dict[str, Any] | None = None,
    base: str | None = None,
) -> Any:
    """The pyoxigraph result of ``query`` (solutions, a boolean or triples).

    :raises QuerySyntaxError: with the parser's line and column.
    :raises QueryFailed: the query could not be evaluated.
    """
    check_nesting(query)
    options: dict[str, Any] = {"prefixes": PREFIXES}
    if base:
        options["base_iri"] = base
    if substitutions:
        options["substitutions"] = {ox.Variable(name): value for name, value in substitutions.items()}
    if default_graphs or named_graphs:
        options["default_graph"] = [_graph(g) for g in default_graphs or []]
        options["named_graphs"] = [_graph(g) for g in named_graphs or []]
    else:
        options["use_default_graph_as_union"] = union and not declares_dataset(query)
    try:
        return store.query(query, **options)
    except SyntaxError as error:
        raise _syntax_error("query", error) from None
    except (OSError, RuntimeError, ValueError) as error:
        raise QueryFailed(f"query evaluation failed: {error}") from None


_POSITION = re.compile(r"^error at (\d+):(\d+)")


def _syntax_error(what: str, error: SyntaxError) -> QuerySyntaxError:
    """The parser's error, with its line and column as details.

    >>> e = _syntax_error("query", SyntaxError("error at 3:7: expected one of ..."))
    >>> str(e), e.extra()
    ('invalid SPARQL query: error at 3:7: expected one of ...', {'line': 3, 'column': 7})
    """
    position = _POSITION.match(str(error))
    line, column = (int(position[1]), int(position[2])) if position else (None, None)
    return QuerySyntaxError(f"invalid SPARQL {what}: {error}", line=line, column=column)


def _graph(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as error:
        raise BadRequest(f"default-graph-uri / named-graph-uri: {iri!r} is not a valid IRI: {error}") from None


class _CappedBuffer:
    """A write target that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise OverflowError(self.limit)
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def answer(store: ox.Store, request: QueryRequest, max_bytes: int) -> tuple[str, str, list[bytes]]:
    """``(content type, kind, body pieces)``: the result of ``request`` in the negotiated
    format, refused past ``max_bytes`` (never cut)."""
    result = evaluate(
        store,
        request.query,
        default_graphs=request.default_graphs,
        named_graphs=request.named_graphs,
        base=request.base,
    )
    kind = "graph" if isinstance(result, ox.QueryTriples) else "solutions"
    chosen = negotiate(request.accept, kind)
    if chosen is None:
        raise NotAcceptable(f"no acceptable media type for a {kind} result")
    buffer = _CappedBuffer(max_bytes)
    target = cast(IO[bytes], buffer)  # pyoxigraph only calls write() and flush()
    try:
        if isinstance(result, ox.QueryTriples):
            result.serialize(target, format=OX_GRAPH[chosen.name])
        else:
            result.serialize(target, format=OX_SOLUTIONS[chosen.name])
    except OverflowError:
        raise ResultTooLarge(
            f"the result is larger than the limit of {max_bytes} bytes: add LIMIT or make the query more selective"
        ) from None
    except (OSError, RuntimeError, ValueError) as error:
        raise QueryFailed(f"query evaluation failed: {error}") from None
    return chosen.content_type, kind, buffer.parts


def response(store: ox.Store, request: QueryRequest, max_bytes: int) -> QueryResponse:
    content_type, kind, parts = answer(store, request, max_bytes)
    return QueryResponse(body=b"".join(parts), content_type=content_type, kind=kind)


def update(store: ox.Store, text: str) -> None:
    """Apply a SPARQL Update with the project's prefixes.

    :raises QuerySyntaxError: a malformed update. :raises QueryFailed: it could not be applied.
    """
    check_nesting(text)
    try:
        store.update(text, prefixes=PREFIXES)
    except SyntaxError as error:
        raise _syntax_error("update", error) from None
    except (OSError, RuntimeError, ValueError) as error:
        raise QueryFailed(f"update failed: {error}") from None
