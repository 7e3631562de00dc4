"""The graph the command line's workflow works on: a store read and written in this process."""

from __future__ import annotations

import asyncio

import pyoxigraph as ox

from ..describe import ontology_triples
from ..engine.inprocess import InProcessEngine
from ..engine.reader import Reader
from ..engine.writer import Changes, Writer
from ..settings import Settings
from ..sparql.queryfiles import QueryFiles
from ..store import Store
from ..validate import Checks


class LocalGraph:
    """A :class:`~pactesur_kg.contributions.workflow.GraphAccess` over a store in this process."""

    def __init__(self, store: Store, settings: Settings) -> None:
        engine = InProcessEngine(store)
        self.settings = settings
        self.reader = Reader(engine)
        self.writer = Writer(engine, Changes())
        self.queries = QueryFiles(settings.queries_dir)
        self._checks: Checks | None = None

    async def checks(self) -> Checks:
        if self._checks is None:
            settings = self.settings
            self._checks = await asyncio.to_thread(
                Checks.load, settings.data_shapes_dir, settings.inference_dir, settings.checks_dir
            )
        return self._checks

    async def ontology(self) -> list[ox.Triple]:
        return await ontology_triples(self.reader, self.queries)
