"""A value built once from the graph and kept until the graph changes."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Generic, TypeVar

T = TypeVar("T")


class UntilUpdate(Generic[T]):
    """A value (an index of names, …) built on first use and kept while ``tokens`` (the
    service's cache, cleared after every update of the graph through this service) holds
    this cache's token; built again after an update.

    A remote endpoint changed by others than this service is not seen until a restart.
    """

    def __init__(self, token: str) -> None:
        self.token = token
        self._value: T | None = None
        self._lock = asyncio.Lock()

    async def get(self, tokens: MutableMapping[str, bytes], build: Callable[[], Awaitable[T]]) -> T:
        if self._value is not None and self.token in tokens:
            return self._value
        async with self._lock:  # one build at a time; the others wait for it
            if self._value is None or self.token not in tokens:
                self._value = await build()
                tokens[self.token] = b"built"
            return self._value
