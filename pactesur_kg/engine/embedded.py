"""The embedded engine: a pyoxigraph store behind a pool of long-lived worker processes.

pyoxigraph cannot cancel a running query. Each query therefore runs in a worker process;
when it runs out of time, only that worker is killed (freeing its CPU at once) and a new
one takes its place. Workers are forked from the process holding the store, so an
in-memory store is shared copy-on-write; an on-disk store is opened read-only by each
worker. Updates go to the parent's store, after which the workers are renewed so that
they see them.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import anyio
import pyoxigraph as ox

from ..store import Store
from .base import EngineError, NotAcceptable, QueryRequest, QueryResponse, QueryTimeout, ResultTooLarge
from .worker import serve

_FORK = multiprocessing.get_context("fork")


@dataclass
class _Worker:
    process: Any
    connection: Connection


@dataclass(frozen=True)
class PoolSettings:
    workers: int = 4
    timeout: float = 30.0
    max_result_bytes: int = 64 * 1024 * 1024


class EmbeddedEngine:
    """SPARQL over the embedded store, each query in a worker process with a time limit."""

    def __init__(self, store: Store, settings: PoolSettings | None = None) -> None:
        self.store = store
        self.settings = settings or PoolSettings()
        self._open_store = self._store_opener(store)
        self._idle: asyncio.LifoQueue[_Worker] | None = None
        self._all: list[_Worker] = []
        self._update_lock = asyncio.Lock()

    @staticmethod
    def _store_opener(store: Store) -> Callable[[], ox.Store]:
        path: Path | None = store.path
        if path is None:
            inner = store.inner
            return lambda: inner  # inherited by the fork, copy-on-write
        return lambda: ox.Store.read_only(str(path))

    # -- pool management -------------------------------------------------------
    def _spawn(self) -> _Worker:
        parent_end, child_end = _FORK.Pipe()
        process = _FORK.Process(target=serve, args=(child_end, self._open_store), daemon=True)
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        self._all.append(worker)
        return worker

    def _kill(self, worker: _Worker) -> None:
        with contextlib.suppress(ProcessLookupError, OSError):
            os.kill(worker.process.pid, signal.SIGKILL)
        worker.process.join(timeout=5)
        worker.connection.close()
        if worker in self._all:
            self._all.remove(worker)

    async def start(self) -> None:
        self._idle = asyncio.LifoQueue()
        for _ in range(self.settings.workers):
            self._idle.put_nowait(self._spawn())

    async def close(self) -> None:
        for worker in list(self._all):
            self._kill(worker)
        self._idle = None

    @property
    def worker_pids(self) -> list[int]:
        return [w.process.pid for w in self._all]

    # -- queries ---------------------------------------------------------------
    async def query(self, request: QueryRequest) -> QueryResponse:
        if self._idle is None:
            await self.start()
        assert self._idle is not None
        worker = await self._idle.get()
        message = {
            "query": request.query,
            "accept": request.accept,
            "default_graphs": request.default_graphs,
            "named_graphs": request.named_graphs,
            "max_bytes": self.settings.max_result_bytes,
        }
        try:
            worker.connection.send(message)
            ready = await _readable(worker.connection, self.settings.timeout)
            if not ready:
                raise QueryTimeout(
                    f"the query ran longer than the limit of {self.settings.timeout:g} s and was stopped; "
                    "make it more selective (add LIMIT, bind variables) or ask the operator for a longer timeout"
                )
            reply = worker.connection.recv()
        except (QueryTimeout, EOFError, OSError, asyncio.CancelledError):
            # the worker is busy or dead: replace it, so its CPU is freed and the pool stays whole
            self._kill(worker)
            self._idle.put_nowait(self._spawn())
            raise
        self._idle.put_nowait(worker)
        return _response(reply)

    async def update(self, update: str) -> None:
        """Apply a SPARQL Update to the store; the workers are stopped while it is written
        and forked again afterwards, so they see it (and never read a store being written)."""
        if self._idle is None:
            await self.start()
        assert self._idle is not None
        async with self._update_lock:
            drained = [await self._idle.get() for _ in range(self.settings.workers)]
            for worker in drained:
                self._kill(worker)
            try:
                await anyio.to_thread.run_sync(self.store.inner.update, update)
            except SyntaxError as error:
                raise EngineError(f"invalid SPARQL update: {error}") from None
            except (OSError, RuntimeError, ValueError) as error:
                raise EngineError(f"update failed: {error}") from None
            finally:
                for _ in range(self.settings.workers):
                    self._idle.put_nowait(self._spawn())


async def _readable(connection: Connection, timeout: float) -> bool:
    """Wait until the worker's reply can be read, on the event loop (no thread hop)."""
    if connection.poll():
        return True
    loop = asyncio.get_running_loop()
    ready: asyncio.Future[None] = loop.create_future()
    descriptor = connection.fileno()

    def wake() -> None:
        if not ready.done():
            ready.set_result(None)

    loop.add_reader(descriptor, wake)
    try:
        await asyncio.wait_for(ready, timeout)
        return True
    except TimeoutError:
        return False
    finally:
        loop.remove_reader(descriptor)
        # the event loop may have made the pipe non-blocking; recv() needs it blocking
        os.set_blocking(descriptor, True)


def _response(reply: tuple[str, Any, Any, Any]) -> QueryResponse:
    status, first, second, third = reply
    if status == "ok":
        return QueryResponse(body=first, content_type=second, kind=third)
    if first == "not-acceptable":
        raise NotAcceptable(f"no acceptable media type for a {second} result")
    if first == "too-large":
        raise ResultTooLarge(f"{second}: add LIMIT or make the query more selective")
    raise EngineError(second)
