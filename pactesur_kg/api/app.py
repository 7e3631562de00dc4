"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from .. import __version__
from ..build import build
from ..engine.base import QueryEngine
from ..engine.embedded import EmbeddedEngine, PoolSettings
from ..engine.remote import RemoteEngine
from ..settings import Settings
from ..sparql.queryfiles import QueryFiles
from ..store import Store
from . import problems
from .deps import ServiceState
from .fair_share import FairShare
from .inputs import InputChecks
from .protocol.fastpath import SparqlFastPath
from .routes import (
    context,
    contribution_pages,
    contributions,
    describe,
    docs,
    graph_store,
    linked_data,
    pages,
    reconcile,
    rest,
    rest_resources,
    sparql,
    validate,
)


def _open_store(settings: Settings) -> Store:
    if settings.store is not None:
        # accepted contributions are written into the store: it is opened for writing then
        return Store.open(settings.store, read_only=not (settings.allow_updates or settings.contributions))
    store, _ = build(Settings(**{**settings.__dict__, "reason": False}))
    return store


def _backend(settings: Settings, store: Store | None) -> QueryEngine:
    if settings.endpoint is not None and store is None:
        query_url, update_url, _ = settings.remote_urls()
        return RemoteEngine(
            query_url,
            update_url,
            timeout=settings.timeout,
            max_result_bytes=settings.max_result_bytes,
            queries=QueryFiles(settings.queries_dir),
        )
    served = store if store is not None else _open_store(settings)
    pool = PoolSettings(
        workers=settings.workers,
        timeout=settings.timeout,
        max_result_bytes=settings.max_result_bytes,
        spin_seconds=settings.spin_ms / 1000,
        query_memory=settings.query_memory_budget,
    )
    return EmbeddedEngine(served, pool)


class ServiceApp(FastAPI):
    """The FastAPI application with each client's fair share and the SPARQL fast path in
    front of everything else."""

    def __init__(self, settings: Settings, **options: Any) -> None:
        super().__init__(**options)
        at_once, seconds = settings.client_share
        self._front = FairShare(
            SparqlFastPath(self._whole_application, lambda: self.state.service),
            at_once=at_once,
            seconds_per_minute=seconds,
            loopback=settings.fair_share_loopback,
            cors_origins=settings.cors_origins,
        )

    async def _whole_application(self, scope: Scope, receive: Receive, send: Send) -> None:
        await super().__call__(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._front(scope, receive, send)


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The service over ``store`` (default: the settings' remote endpoint or on-disk store,
    or a fresh in-memory build of the sources)."""
    settings = settings or Settings.from_env()
    engine = _backend(settings, store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await engine.start()
        try:
            workflow = app.state.service.contributions
            if workflow is not None:  # finish what a crash interrupted before serving
                await workflow.recover()
            yield
        finally:
            await engine.close()

    app = ServiceApp(
        settings,
        title="PACTESUR knowledge graph",
        version=__version__,
        description="SPARQL 1.1 endpoint, Graph Store reads, VoID and contribution validation "
        "over the knowledge graph of public-space security in European cities.",
        lifespan=lifespan,
        # /docs is served by routes.docs from vendored Swagger UI files; FastAPI's own pages
        # would load their scripts from another host
        docs_url=None,
        redoc_url=None,
        # /openapi.json is served by routes.docs, with examples taken from the graph
        openapi_url=None,
        responses=problems.PROBLEMS,
    )
    app.state.service = ServiceState(settings=settings, engine=engine)
    problems.install(app)
    # inside CORS, so that its 400 carries the CORS headers too (the fast path checks its own)
    app.add_middleware(InputChecks)
    # CORS wraps everything the app answers, errors included (they are handled inside it)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_methods=["GET", "POST", "PUT", "DELETE", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["*"],
    )
    app.include_router(sparql.router)
    app.include_router(describe.router)
    app.include_router(graph_store.router)
    app.include_router(validate.router)
    app.include_router(contributions.router)
    app.include_router(contribution_pages.router)
    app.include_router(context.router)
    app.include_router(rest.router)
    app.include_router(rest_resources.router)
    app.include_router(linked_data.router)
    app.include_router(docs.router)
    app.include_router(reconcile.router)
    # the pages for people, the home page for browsers (GET /) among them
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")

    return app
