"""The work done inside a query worker process: run one query, serialise its result.

Runs in a child process: a query that runs out of time is stopped by killing its
worker, the only way to stop pyoxigraph mid-query.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import sys
from typing import Any

import pyoxigraph as ox

from ..errors import PactesurError, QueryMemoryExceeded
from .base import QueryRequest
from .execute import answer
from .wire import read_message, write_message

_PR_SET_PDEATHSIG = 1


def run_query(store: ox.Store, request: dict[str, Any]) -> tuple[tuple[str, Any, Any], list[bytes]]:
    """Execute one request: ``(("ok", content type, kind), body pieces)`` or
    ``(("error", the error, None), [])``: the project's errors pickle with their details."""
    query = QueryRequest(
        query=request["query"],
        accept=request["accept"],
        default_graphs=request["default_graphs"],
        named_graphs=request["named_graphs"],
        base=request.get("base"),
    )
    try:
        content_type, kind, parts = answer(store, query, request["max_bytes"])
    except PactesurError as error:
        return ("error", error, None), []
    except MemoryError:
        message = "the query needed more than its memory budget and was stopped; make it more selective"
        return ("error", QueryMemoryExceeded(message), None), []
    return ("ok", content_type, kind), parts


def _die_with(parent: int) -> None:
    """Have the kernel kill this worker when its parent dies, even by SIGKILL (Linux); a
    worker must never outlive the server and keep its store open."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(0)


def limit_memory(budget: int) -> None:
    """Let this process allocate at most ``budget`` bytes more than it holds now (0: no limit).

    The data segment limit (``RLIMIT_DATA``) counts private writable memory, what queries
    allocate, and not the files a store maps; what the process holds now (a forked copy of
    an in-memory store, say) stays its own."""
    if budget <= 0:
        return
    held = 0
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmData:"):
                held = int(line.split()[1]) * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    limit = held + budget if hard == resource.RLIM_INFINITY else min(held + budget, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


def serve(requests: int, replies: int, open_store: Any, parent: int, inherited: list[int], memory: int = 0) -> None:
    """The worker loop: answer requests until the parent closes the pipe or dies.

    ``requests``, ``replies``: this worker's ends of its two pipes. ``inherited``: the
    parent's ends of the pipes (this worker's and the others'), which the fork copied;
    closed here, so that each pipe ends when its worker or the parent goes. ``memory``: the
    memory budget of a query (:func:`limit_memory`)."""
    _die_with(parent)
    for descriptor in inherited:
        with contextlib.suppress(OSError):
            os.close(descriptor)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    store = open_store()
    limit_memory(memory)
    while True:
        try:
            request, _ = read_message(requests)
        except (EOFError, OSError):
            break
        header, body = run_query(store, request)
        try:
            write_message(replies, header, body)
        except OSError:  # the parent is gone
            break
    os._exit(0)
