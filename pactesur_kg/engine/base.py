"""The engine interface: what every backend (embedded pool, in-process, remote endpoint) does.

Errors are those of :mod:`pactesur_kg.errors` (``QuerySyntaxError``, ``QueryFailed``,
``QueryTimeout``, ``ResultTooLarge``, ``WorkerLost``, ``NotAcceptable``,
``EngineUnavailable``); what they become in HTTP is decided in ``api.problems`` only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class QueryRequest:
    """One query as the protocol gives it: its text, the client's accepted media types and
    the dataset (``default-graph-uri``, ``named-graph-uri``; both empty: the query's own
    FROM / FROM NAMED, else the union of all graphs as default graph)."""

    query: str
    accept: list[tuple[str, float]]
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    #: what relative IRIs of the query resolve against when it declares no BASE: the URL
    #: of the endpoint it was sent to
    base: str | None = None
    #: a lower limit than the engine's on the size of the serialised result (None: the
    #: engine's): what the server reads itself to build an answer is kept smaller
    max_bytes: int | None = None

    def result_limit(self, engine_limit: int) -> int:
        """The limit on this request's result under an engine whose limit is ``engine_limit``."""
        return engine_limit if self.max_bytes is None else min(engine_limit, self.max_bytes)


@dataclass(frozen=True)
class QueryResponse:
    body: bytes
    content_type: str
    kind: str  # "solutions" or "graph"


class QueryEngine(Protocol):
    """A SPARQL 1.1 engine. Every backend predeclares the project's prefixes
    (``namespaces.PREFIXES``) and applies the same dataset rules (see ``QueryRequest``)."""

    async def start(self) -> None: ...

    async def query(self, request: QueryRequest) -> QueryResponse: ...

    async def update(self, update: str, graphs: tuple[str, ...] | None = None) -> None:
        """Apply ``update``; ``graphs``, when known, are every named graph it may write to."""
        ...

    async def close(self) -> None: ...
