"""Running heavy in-process work (SHACL validation) in a forked child process.

A thread would not do: pySHACL holds the interpreter lock for seconds, and every request
the event loop serves meanwhile waits for it. A child forked for the work shares what the
server already parsed (the shapes, the prepared queries) copy-on-write, leaves the event
loop free, and can be stopped for good: past its time limit it is killed, its memory and
CPU freed at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import pickle
import signal
import time
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from .engine.accounting import charge
from .engine.worker import limit_memory
from .errors import PactesurError, QueryMemoryExceeded, QueryTimeout, WorkerLost

T = TypeVar("T")

_FORK = multiprocessing.get_context("fork")


def _child(writer: int, work: Callable[[], Any], memory: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server handles Ctrl-C and stops us
    limit_memory(memory)
    try:
        outcome: tuple[str, Any] = ("ok", work())
    except PactesurError as error:
        outcome = ("error", error)
    except MemoryError:
        outcome = ("error", _over_budget(memory))
    except BaseException:  # reported to the server's log, never to the client
        outcome = ("crash", traceback.format_exc())
    data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    with os.fdopen(writer, "wb") as pipe:
        pipe.write(data)
    os._exit(0)


def _over_budget(memory: int) -> QueryMemoryExceeded:
    return QueryMemoryExceeded(
        f"the work needed more than its memory budget of {memory // (1 << 20)} MiB and was stopped; send less"
    )


async def run_isolated(work: Callable[[], T], *, timeout: float, what: str, memory: int = 0) -> T:
    """The value of ``work()`` computed in a forked child that may allocate ``memory`` bytes
    more than it inherits (0: no limit); the child's :class:`PactesurError` is raised here as
    it was raised there.

    :raises QueryTimeout: the work took longer than ``timeout`` seconds (the child is killed).
    :raises QueryMemoryExceeded: the work passed its memory budget.
    :raises WorkerLost: the child died before it answered.
    """
    reader, writer = os.pipe()
    process = _FORK.Process(target=_child, args=(writer, work, memory), daemon=True)
    process.start()
    os.close(writer)
    assert process.pid is not None
    loop = asyncio.get_running_loop()
    started = time.perf_counter()
    try:
        data = await asyncio.wait_for(loop.run_in_executor(None, _read_all, reader), timeout)
    except TimeoutError:
        raise QueryTimeout(
            f"{what} took longer than the limit of {timeout:g} s and was stopped; send a smaller input"
        ) from None
    finally:
        with contextlib.suppress(ProcessLookupError, OSError):
            os.kill(process.pid, signal.SIGKILL)
        await loop.run_in_executor(None, process.join)
        with contextlib.suppress(OSError):
            os.close(reader)
        charge(time.perf_counter() - started)
    if not data:
        if memory and process.exitcode == -signal.SIGABRT:  # an allocation failed in native code
            raise _over_budget(memory)
        raise WorkerLost(f"the process doing {what} stopped before it answered (it may have run out of memory)")
    status, value = pickle.loads(data)
    if status == "error":
        raise value
    if status == "crash":
        raise RuntimeError(f"{what} failed in its process:\n{value}")
    result: T = value
    return result


def _read_all(descriptor: int) -> bytes:
    pieces = []
    while piece := os.read(descriptor, 1 << 20):
        pieces.append(piece)
    return b"".join(pieces)
