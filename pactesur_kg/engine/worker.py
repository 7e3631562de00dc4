"""The work done inside a query worker process: run one query, serialise its result.

Runs in a child process: a query that runs out of time is stopped by killing its
worker, the only way to stop pyoxigraph mid-query.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
from typing import IO, Any, cast

import pyoxigraph as ox

from .formats import OX_GRAPH, OX_SOLUTIONS, negotiate
from .guard import declares_dataset
from .wire import read_message, write_message

_PR_SET_PDEATHSIG = 1


class _CappedBuffer:
    """A write target that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise OverflowError(self.limit)
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def run_query(store: ox.Store, request: dict[str, Any]) -> tuple[tuple[str, Any, Any], list[bytes]]:
    """Execute one request: ``(("ok", content type, kind), body pieces)`` or
    ``(("error", kind, message), [])``."""
    # SPARQL 1.1 Protocol: default-graph-uri and named-graph-uri, when either is given,
    # make up the whole dataset (a missing one is empty); otherwise the query's own FROM /
    # FROM NAMED, otherwise the store with the union of all graphs as default graph.
    protocol_dataset = bool(request["default_graphs"] or request["named_graphs"])
    try:
        if protocol_dataset:
            result = store.query(
                request["query"],
                default_graph=[ox.NamedNode(g) for g in request["default_graphs"]],
                named_graphs=[ox.NamedNode(g) for g in request["named_graphs"]],
            )
        else:
            result = store.query(request["query"], use_default_graph_as_union=not declares_dataset(request["query"]))
    except SyntaxError as error:
        return ("error", "syntax", f"invalid SPARQL query: {error}"), []
    except (OSError, RuntimeError, ValueError) as error:
        return ("error", "evaluation", f"query evaluation failed: {error}"), []
    kind = "graph" if isinstance(result, ox.QueryTriples) else "solutions"
    chosen = negotiate(request["accept"], kind)
    if chosen is None:
        return ("error", "not-acceptable", kind), []
    buffer = _CappedBuffer(request["max_bytes"])
    target = cast(IO[bytes], buffer)  # pyoxigraph only calls write() and flush()
    try:
        if isinstance(result, ox.QueryTriples):
            result.serialize(target, format=OX_GRAPH[chosen.name])
        else:
            result.serialize(target, format=OX_SOLUTIONS[chosen.name])
    except OverflowError:
        return ("error", "too-large", f"the result is larger than the limit of {request['max_bytes']} bytes"), []
    except (OSError, RuntimeError, ValueError) as error:
        return ("error", "evaluation", f"query evaluation failed: {error}"), []
    return ("ok", chosen.content_type, kind), buffer.parts


def _die_with(parent: int) -> None:
    """Have the kernel kill this worker when its parent dies, even by SIGKILL (Linux); a
    worker must never outlive the server and keep its store open."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(0)


def serve(requests: int, replies: int, open_store: Any, parent: int, inherited: list[int]) -> None:
    """The worker loop: answer requests until the parent closes the pipe or dies.

    ``requests``, ``replies``: this worker's ends of its two pipes. ``inherited``: the
    parent's ends of the pipes (this worker's and the others'), which the fork copied;
    closed here, so that each pipe ends when its worker or the parent goes."""
    _die_with(parent)
    for descriptor in inherited:
        with contextlib.suppress(OSError):
            os.close(descriptor)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    store = open_store()
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
