"""The work a request caused, counted where it is done: the seconds a query held a worker
(or the remote endpoint), not the time it waited for one. A client's fair share is counted
in these seconds, so that waiting behind others does not use up one's own share."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

_WORK: ContextVar[list[float] | None] = ContextVar("pactesur_work", default=None)


def charge(seconds: float) -> None:
    """Count ``seconds`` of work to the request being answered, if one is being counted."""
    work = _WORK.get()
    if work is not None:
        work[0] += seconds


@contextlib.contextmanager
def counting() -> Iterator[list[float]]:
    """Count the work done within the block (in tasks it starts too): ``[seconds]``.

    >>> with counting() as work:
    ...     charge(0.5)
    ...     charge(0.25)
    >>> work
    [0.75]
    """
    work = [0.0]
    token = _WORK.set(work)
    try:
        yield work
    finally:
        _WORK.reset(token)
