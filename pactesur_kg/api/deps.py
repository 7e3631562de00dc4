"""What the routes depend on: the running service's state, one per application."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Annotated

import pyoxigraph as ox
from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from ..contributions.accounts import Accounts
from ..contributions.workflow import Workflow
from ..describe import ontology_triples
from ..engine.base import QueryEngine
from ..engine.reader import Reader
from ..engine.writer import Changes, Derived, Writer
from ..errors import NotFound
from ..settings import Settings
from ..sparql.queryfiles import QueryFiles
from ..validate import Checks, prepare_checks


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
    contributions: Workflow | None = field(init=False, default=None)

    _checks: Checks | None = field(init=False, default=None)
    _checks_lock: asyncio.Lock = field(init=False, default_factory=asyncio.Lock)

    async def checks(self) -> Checks:
        """The shapes and inference rules, read once (in a thread) and kept, the shapes'
        SPARQL prepared: they change with the sources, which a running service does not
        reread."""
        async with self._checks_lock:
            if self._checks is None:
                settings = self.settings
                checks = await run_in_threadpool(
                    Checks.load, settings.data_shapes_dir, settings.inference_dir, settings.checks_dir
                )
                await prepare_checks(self.reader, self.queries, checks, await self.ontology())
                self._checks = checks
            return self._checks

    async def ontology(self) -> list[ox.Triple]:
        """The triples of the ontology's graphs, kept until the graph changes."""
        triples: list[ox.Triple] = await self.derived.get(
            "ontology", lambda: ontology_triples(self.reader.unbounded(), self.queries)
        )
        return triples

    def __post_init__(self) -> None:
        self.reader = Reader(self.engine, max_bytes=self.settings.max_shaped_bytes)
        self.changes = Changes()
        self.writer = Writer(self.engine, self.changes)
        self.derived = Derived(self.changes)
        self.queries = QueryFiles(self.settings.queries_dir)
        settings = self.settings
        accounts = settings.accounts_file
        if settings.contributions is not None and accounts is not None:
            self.contributions = Workflow(
                settings.contributions,
                Accounts(accounts),
                settings.root,
                self,
                isolate_for=settings.timeout,
                memory=settings.query_memory_budget,
                max_statements=settings.max_contribution_statements,
            )

    @property
    def workflow(self) -> Workflow:
        """The contribution workflow; its routes answer 404 while it is off."""
        if self.contributions is None:
            raise NotFound(
                "the contribution workflow is off on this server: start it with --contributions DIR "
                "(PACTESUR_CONTRIBUTIONS)"
            )
        return self.contributions


async def get_state(request: Request) -> ServiceState:
    state: ServiceState = request.app.state.service
    return state


StateDep = Annotated[ServiceState, Depends(get_state)]
