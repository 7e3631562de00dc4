"""The embedded store queried in the calling process, through the same rules as the query
workers (:mod:`.execute`): for the command line and the library, where a query may take
as long as it needs and nothing else waits for it."""

from __future__ import annotations

from ..inference import remake_inferred
from ..store import Store
from .base import QueryRequest, QueryResponse
from .execute import response
from .execute import update as apply_update

#: the command line writes what it is asked for, whatever its size
UNLIMITED = 1 << 62


class InProcessEngine:
    def __init__(self, store: Store, *, max_result_bytes: int = UNLIMITED) -> None:
        self.store = store
        self.max_result_bytes = max_result_bytes

    async def start(self) -> None:
        pass

    async def close(self) -> None:
        pass

    async def query(self, request: QueryRequest) -> QueryResponse:
        return response(self.store.inner, request, request.result_limit(self.max_result_bytes))

    async def update(self, update: str, graphs: tuple[str, ...] | None = None) -> None:
        apply_update(self.store.inner, update)

    async def remake_inferred(self, rules: dict[str, str]) -> int:
        """Make the inferred graph again from nothing, over the union (as the build does)."""
        return remake_inferred(self.store, rules)
