"""What the routes depend on: the running service's state, one per application."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Annotated

import rdflib
from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from ..engine.base import QueryEngine
from ..engine.reader import Reader
from ..engine.writer import Changes, Derived, Writer
from ..settings import Settings
from ..shacl import load_shapes
from ..sparql.queryfiles import QueryFiles
from ..validate import prepare_shapes


@dataclass
class ServiceState:
    """The settings, the engine, the one read and the one write interface over it, the
    query files, and the values derived from the graph (dropped at each change)."""

    settings: Settings
    engine: QueryEngine
    reader: Reader = field(init=False)
    writer: Writer = field(init=False)
    changes: Changes = field(init=False)
    derived: Derived = field(init=False)
    queries: QueryFiles = field(init=False)

    _shapes: rdflib.Graph | None = field(init=False, default=None)
    _shapes_lock: asyncio.Lock = field(init=False, default_factory=asyncio.Lock)

    async def shapes(self) -> rdflib.Graph:
        """The data shapes, parsed once (in a thread) and kept, their SPARQL prepared: they
        change with the sources, which a running service does not reread."""
        async with self._shapes_lock:
            if self._shapes is None:
                shapes = await run_in_threadpool(load_shapes, self.settings.data_shapes_dir)
                await prepare_shapes(self.reader, self.queries, shapes, self.settings.inference_dir)
                self._shapes = shapes
            return self._shapes

    def __post_init__(self) -> None:
        self.reader = Reader(self.engine)
        self.changes = Changes()
        self.writer = Writer(self.engine, self.changes)
        self.derived = Derived(self.changes)
        self.queries = QueryFiles(self.settings.queries_dir)


async def get_state(request: Request) -> ServiceState:
    state: ServiceState = request.app.state.service
    return state


StateDep = Annotated[ServiceState, Depends(get_state)]
