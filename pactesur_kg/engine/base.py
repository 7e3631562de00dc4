"""The engine interface the HTTP layer depends on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ..errors import PactesurError


class EngineError(PactesurError):
    """The engine could not answer (malformed query, unavailable backend)."""

    #: HTTP status the service answers with
    status = 400


class QueryTimeout(EngineError):
    status = 503


class WorkerLost(EngineError):
    """The process running the query stopped before it answered (killed, out of memory)."""

    status = 500
    error = "worker-lost"


class ResultTooLarge(EngineError):
    status = 422


class NotAcceptable(EngineError):
    status = 406


@dataclass(frozen=True)
class QueryRequest:
    query: str
    accept: list[tuple[str, float]]
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class QueryResponse:
    body: bytes
    content_type: str
    kind: str  # "solutions" or "graph"


class QueryEngine(Protocol):
    """A SPARQL 1.1 engine: the embedded store or a remote endpoint."""

    async def start(self) -> None: ...

    async def query(self, request: QueryRequest) -> QueryResponse: ...

    async def update(self, update: str) -> None: ...

    async def close(self) -> None: ...
