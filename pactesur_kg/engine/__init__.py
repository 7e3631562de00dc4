"""Query engines: the embedded pyoxigraph store behind a pool of worker processes, or a
remote SPARQL 1.1 endpoint. The HTTP layer talks to :class:`QueryEngine` only."""

from .base import EngineError, QueryEngine, QueryResponse, QueryTimeout, ResultTooLarge

__all__ = ["EngineError", "QueryEngine", "QueryResponse", "QueryTimeout", "ResultTooLarge"]
