"""Serving with a faster memory allocator than glibc's.

pyoxigraph's query evaluation allocates heavily: with glibc's malloc, grouping and joining
over a million triples run about 13 % slower than with jemalloc or mimalloc (see
BENCHMARKS.md). An allocator can only be chosen when a process starts (``LD_PRELOAD``), so
``pactesur-kg serve`` executes itself once more with one preloaded, when the system has one
and the operator did not choose otherwise. The query workers are forked from that process
and inherit it.

``PACTESUR_ALLOCATOR``: ``auto`` (default: jemalloc, else mimalloc, else glibc's),
``system`` (glibc's), or the path of a malloc library.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from pathlib import Path

from .errors import UsageError

#: set in the re-executed process, so it does not execute itself again
ACTIVE = "PACTESUR_ALLOCATOR_ACTIVE"
_CANDIDATES = ("jemalloc", "mimalloc")


def choose(setting: str | None) -> str | None:
    """The library to preload for ``setting`` (None: keep the system allocator).

    >>> choose("system") is None
    True
    """
    value = (setting or "auto").strip()
    if value == "system":
        return None
    if value != "auto":
        if not Path(value).is_file():
            raise UsageError(
                f"PACTESUR_ALLOCATOR={value}: no such file; give the path of a malloc library "
                "(e.g. /usr/lib/x86_64-linux-gnu/libjemalloc.so.2), 'auto' or 'system'"
            )
        return value
    for name in _CANDIDATES:
        found = ctypes.util.find_library(name)
        if found:
            return found
    return None


def active() -> str:
    """The allocator this process runs with, for the startup message."""
    return os.environ.get(ACTIVE) or "system malloc"


def reexec_with_allocator(arguments: list[str]) -> None:
    """Execute ``python -m pactesur_kg ARGUMENTS`` again with the chosen allocator preloaded,
    unless it is already, none is available, or this is not Linux. Returns only when
    nothing was done (on success the process image is replaced, the process id stays).
    Called by ``cli.run``, the command's entry, never by an in-process invocation."""
    if not sys.platform.startswith("linux") or os.environ.get(ACTIVE):
        return
    library = choose(os.environ.get("PACTESUR_ALLOCATOR"))
    if library is None:
        return
    environment = dict(os.environ)
    preloaded = environment.get("LD_PRELOAD", "")
    environment["LD_PRELOAD"] = f"{library} {preloaded}".strip()
    environment[ACTIVE] = library
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, [sys.executable, "-m", "pactesur_kg", *arguments], environment)
