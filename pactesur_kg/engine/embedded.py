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
import fcntl
import multiprocessing
import os
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import anyio
import pyoxigraph as ox

from ..errors import PactesurError, QueryMemoryExceeded, QueryTimeout, WorkerLost
from ..inference import remake_inferred
from ..store import Store
from .accounting import charge
from .base import QueryRequest, QueryResponse
from .execute import update as apply_update
from .wire import read_message, write_message
from .worker import serve

T = TypeVar("T")

_FORK = multiprocessing.get_context("fork")


#: the capacity asked for the pipe of the replies (Linux allows up to 1 MiB unprivileged):
#: a result that fits is written at once, without the worker waiting for the server to
#: empty the pipe every 64 KiB
_REPLY_PIPE_BYTES = 1 << 20


@dataclass
class _Worker:
    process: Any
    #: the server's ends of the worker's two pipes: requests are written, replies read
    requests: int
    replies: int
    #: polls the pipe of the replies without going through the event loop
    poller: select.poll = field(init=False)

    def __post_init__(self) -> None:
        self.poller = select.poll()
        self.poller.register(self.replies, select.POLLIN)

    def replied(self) -> bool:
        return bool(self.poller.poll(0))

    def close(self) -> None:
        for descriptor in (self.requests, self.replies):
            with contextlib.suppress(OSError):
                os.close(descriptor)


@dataclass(frozen=True)
class PoolSettings:
    workers: int = 4
    timeout: float = 30.0
    max_result_bytes: int = 64 * 1024 * 1024
    #: how long to watch for the reply of the only running query before sleeping on the
    #: event loop (see _watch); 0 turns it off
    spin_seconds: float = 0.0005
    #: memory a query may take in its worker beyond what the worker holds at start (0: no limit)
    query_memory: int = 0


class EmbeddedEngine:
    """SPARQL over the embedded store, each query in a worker process with a time limit."""

    def __init__(self, store: Store, settings: PoolSettings | None = None) -> None:
        self.store = store
        self.settings = settings or PoolSettings()
        self._open_store = self._store_opener(store)
        self._idle: asyncio.LifoQueue[_Worker] | None = None
        self._all: list[_Worker] = []
        self._update_lock = asyncio.Lock()
        self._running = 0

    @staticmethod
    def _store_opener(store: Store) -> Callable[[], ox.Store]:
        path: Path | None = store.path
        if path is None:
            inner = store.inner
            return lambda: inner  # inherited by the fork, copy-on-write
        return lambda: ox.Store.read_only(str(path))

    # -- pool management -------------------------------------------------------
    def _spawn(self) -> _Worker:
        request_reader, request_writer = os.pipe()
        reply_reader, reply_writer = os.pipe()
        _widen(reply_writer)
        # the server's ends of every pipe, which the fork copies: the worker closes them
        inherited = [end for worker in self._all for end in (worker.requests, worker.replies)]
        inherited += [request_writer, reply_reader]
        process = _FORK.Process(
            target=serve,
            args=(request_reader, reply_writer, self._open_store, os.getpid(), inherited, self.settings.query_memory),
            daemon=True,
        )
        process.start()
        os.close(request_reader)
        os.close(reply_writer)
        worker = _Worker(process, request_writer, reply_reader)
        self._all.append(worker)
        return worker

    def _kill(self, worker: _Worker, *, dying: bool = False) -> int | None:
        """Stop the worker for good; its exit code (negative: the signal that ended it). One
        that is ``dying`` (its pipe closed) is given a moment to end, so that the code is
        that of its own death."""
        if dying:
            worker.process.join(timeout=1)
        with contextlib.suppress(ProcessLookupError, OSError):
            os.kill(worker.process.pid, signal.SIGKILL)
        worker.process.join(timeout=5)
        worker.close()
        if worker in self._all:
            self._all.remove(worker)
        code: int | None = worker.process.exitcode
        return code

    async def start(self) -> None:
        await anyio.to_thread.run_sync(self.store.settle)  # opening may have replayed its log
        self._idle = asyncio.LifoQueue()
        for _ in range(self.settings.workers):
            self._idle.put_nowait(self._spawn())

    async def close(self) -> None:
        for worker in list(self._all):
            self._kill(worker)
        self._idle = None

    # -- queries ---------------------------------------------------------------
    async def query(self, request: QueryRequest) -> QueryResponse:
        if self._idle is None:
            await self.start()
        assert self._idle is not None
        message = {
            "query": request.query,
            "accept": request.accept,
            "default_graphs": request.default_graphs,
            "named_graphs": request.named_graphs,
            "base": request.base,
            "max_bytes": request.result_limit(self.settings.max_result_bytes),
        }
        # a worker killed from outside (an operator, the kernel's out-of-memory killer) takes
        # the query with it through no fault of the query: it is tried once more elsewhere
        for attempt in (1, 2):
            worker = await self._hand_over(message)
            self._running += 1
            started = time.perf_counter()
            try:
                if not await self._replied_in_time(worker):
                    raise QueryTimeout(
                        f"the query ran longer than the limit of {self.settings.timeout:g} s and was stopped; "
                        "make it more selective (add LIMIT, bind variables) or ask the operator for a longer timeout"
                    )
                header, body = read_message(worker.replies)
            except (QueryTimeout, asyncio.CancelledError):
                # the worker is still busy: replace it, so its CPU is freed and the pool stays whole
                self._replace(worker)
                raise
            except (EOFError, OSError):
                death = self._replace(worker, dying=True)
                if death == -signal.SIGKILL and attempt == 1:
                    continue
                raise self._lost(death) from None
            finally:
                self._running -= 1
                charge(time.perf_counter() - started)
            self._idle.put_nowait(worker)
            return _response(header, body)
        raise AssertionError("unreachable: the second attempt returns or raises")

    def _lost(self, death: int | None) -> PactesurError:
        """What to tell the client whose query's worker died with ``death`` (its exit code)."""
        budget = self.settings.query_memory
        if death == -signal.SIGKILL:
            return WorkerLost(
                "the processes running the query were killed twice before it answered (by the operator or the "
                "system running out of memory); try again later, or make the query more selective"
            )
        if budget and death in (-signal.SIGABRT, 1):  # an allocation failed: Rust aborts, Python exits
            return QueryMemoryExceeded(
                f"the query needed more than its memory budget of {budget // (1 << 20)} MiB and was stopped; "
                "make it more selective (add LIMIT, bind variables, avoid ORDER BY or DISTINCT over everything)"
            )
        return WorkerLost(
            "the process running the query stopped before it answered; try again, or make the query more "
            "selective (add LIMIT, bind variables)"
        )

    async def _hand_over(self, message: dict[str, Any]) -> _Worker:
        """Give the request to an idle worker. One that died while idle (killed, out of
        memory) cannot take it: it is replaced and the next one tried, for the query has
        not started."""
        assert self._idle is not None
        for _ in range(self.settings.workers + 1):
            worker = await self._idle.get()
            try:
                write_message(worker.requests, message)
                return worker
            except OSError:
                self._replace(worker)
                self._replace_dead_idle()  # what killed one may have killed others
        raise WorkerLost("no query worker process could take the query; the operator's log may say why")

    def _replace_dead_idle(self) -> None:
        assert self._idle is not None
        idle = []
        while not self._idle.empty():
            idle.append(self._idle.get_nowait())
        for worker in reversed(idle):  # back in the same order: the warmest is taken first
            if worker.process.is_alive():
                self._idle.put_nowait(worker)
            else:
                self._replace(worker)

    def _replace(self, worker: _Worker, *, dying: bool = False) -> int | None:
        """Kill the worker and start another in its place; the worker's exit code."""
        assert self._idle is not None
        death = self._kill(worker, dying=dying)
        self._idle.put_nowait(self._spawn())
        return death

    async def _replied_in_time(self, worker: _Worker) -> bool:
        """Wait for the worker's reply up to the timeout: watching its pipe first if no other
        query is running (see _watch), then asleep on the event loop."""
        timeout = self.settings.timeout
        spin = min(self.settings.spin_seconds, timeout) if self._running == 1 else 0.0
        if spin > 0 and _watch(worker, spin):
            return True
        return await _readable(worker.replies, timeout - spin)

    async def update(self, update: str, graphs: tuple[str, ...] | None = None) -> None:
        """Apply a SPARQL Update to the store; the workers are stopped while it is written
        and forked again afterwards, so they see it (and never read a store being written)."""
        await self._write(lambda: apply_update(self.store.inner, update))

    async def remake_inferred(self, rules: dict[str, str]) -> int:
        """Make the inferred graph again from nothing, in this process over the union of the
        graphs, as the build does (an update can only name its graphs one by one, which
        pyoxigraph evaluates several times slower). :returns: its size."""
        return await self._write(lambda: remake_inferred(self.store, rules))

    async def _write(self, change: Callable[[], T]) -> T:
        """Run ``change`` of the store with the workers stopped (see :meth:`update`)."""
        if self._idle is None:
            await self.start()
        assert self._idle is not None
        async with self._update_lock:
            drained = [await self._idle.get() for _ in range(self.settings.workers)]
            for worker in drained:
                self._kill(worker)
            try:
                return await anyio.to_thread.run_sync(change)
            finally:
                await anyio.to_thread.run_sync(self.store.settle)
                for _ in range(self.settings.workers):
                    self._idle.put_nowait(self._spawn())


def _watch(worker: _Worker, seconds: float) -> bool:
    """Whether the worker replied within ``seconds`` of watching its pipe.

    Called only when no other query is running, so the event loop has nothing else to do
    meanwhile. Waking a process that sleeps on the event loop costs tens of microseconds
    (more on a virtual machine), as much as a small query; the watch catches the replies of
    small queries without that wake-up. Longer queries cost at most ``seconds`` of CPU."""
    deadline = time.perf_counter() + seconds
    while not worker.replied():
        if time.perf_counter() >= deadline:
            return False
        os.sched_yield()  # the worker may be waiting for this CPU
    return True


def _widen(descriptor: int) -> None:
    """Ask for a larger pipe; where the system refuses, the default 64 KiB only costs time."""
    with contextlib.suppress(AttributeError, OSError):  # F_SETPIPE_SZ: Linux only
        fcntl.fcntl(descriptor, fcntl.F_SETPIPE_SZ, _REPLY_PIPE_BYTES)


async def _readable(descriptor: int, timeout: float) -> bool:
    """Wait until the worker's reply can be read, on the event loop (no thread hop)."""
    loop = asyncio.get_running_loop()
    ready: asyncio.Future[None] = loop.create_future()

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
        # the event loop may have made the pipe non-blocking; the reply is read blocking
        os.set_blocking(descriptor, True)


def _response(header: tuple[str, Any, Any], body: bytes) -> QueryResponse:
    status, first, second = header
    if status == "ok":
        return QueryResponse(body=body, content_type=first, kind=second)
    assert isinstance(first, PactesurError)  # the worker's error, with its details
    raise first
