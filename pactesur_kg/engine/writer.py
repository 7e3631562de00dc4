"""The one way the service writes to the graph, and the change events that follow.

SPARQL Update, Graph Store writes and accepted contributions all go through
:class:`Writer`, which applies the update with the engine and then tells every subscriber
of its :class:`Changes`. What is derived from the graph (indexes, descriptions, rendered
pages) is kept in :class:`Derived` values, which subscribe and drop themselves at the next
change: no route has to remember what to clear.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, runtime_checkable

from ..namespaces import INFERRED_GRAPH
from .base import QueryEngine

T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """What changed: ``what`` names the kind of write (``update``, ``graph-store``,
    ``contribution``); ``graphs`` the named graphs touched when known."""

    what: str
    graphs: tuple[str, ...] = ()


class Changes:
    """Publishes each change to its subscribers, in the order they subscribed."""

    def __init__(self) -> None:
        self._subscribers: list[Callable[[Change], None]] = []
        #: how many changes were published: a value built at one count is stale at another
        self.count = 0

    def subscribe(self, subscriber: Callable[[Change], None]) -> None:
        self._subscribers.append(subscriber)

    def publish(self, change: Change) -> None:
        self.count += 1
        for subscriber in self._subscribers:
            subscriber(change)


class Writer:
    def __init__(self, engine: QueryEngine, changes: Changes) -> None:
        self.engine = engine
        self.changes = changes

    async def update(self, update: str, *, what: str = "update", graphs: tuple[str, ...] = ()) -> None:
        """Apply a SPARQL Update, then publish the change (also when the engine failed
        midway: a remote endpoint may have applied part of it). ``graphs``: every named graph
        the update may write to, when known (empty: not known)."""
        try:
            await self.engine.update(update, graphs or None)
        finally:
            self.changes.publish(Change(what, graphs))

    async def remake_inferred(self, rules: dict[str, str], *, what: str = "update") -> int | None:
        """Make the inferred graph again where the engine does it itself (a store of this
        process), then publish the change. :returns: its size, or None where the engine does
        not (a remote endpoint: :func:`~pactesur_kg.contributions.entailment.rematerialise`
        does it by SPARQL Update)."""
        if not isinstance(self.engine, RemakesInferredEngine):
            return None
        try:
            return await self.engine.remake_inferred(rules)
        finally:
            self.changes.publish(Change(what, (INFERRED_GRAPH,)))


@runtime_checkable
class RemakesInferredEngine(Protocol):
    """An engine over a store of this process, which remakes the inferred graph itself."""

    async def remake_inferred(self, rules: dict[str, str]) -> int: ...


class Derived:
    """Values built from the graph on first use (one build at a time per name), kept until
    the next change. A remote endpoint changed by others than this service is not seen
    until a restart."""

    def __init__(self, changes: Changes) -> None:
        self._changes = changes
        self._values: dict[str, Any] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        changes.subscribe(self._drop)

    def _drop(self, change: Change) -> None:
        self._values.clear()

    async def get(self, name: str, build: Callable[[], Awaitable[T]]) -> T:
        """The value named ``name``, built by ``build`` unless it is kept (a name always
        stands for the same kind of value)."""
        if name in self._values:
            kept: T = self._values[name]
            return kept
        async with self._locks.setdefault(name, asyncio.Lock()):  # the others wait for the build
            if name not in self._values:
                built_at = self._changes.count
                value = await build()
                if built_at != self._changes.count:  # the graph changed while building: do not keep it
                    return value
                self._values[name] = value
            found: T = self._values[name]
            return found
