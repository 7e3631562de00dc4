"""A real Virtuoso 7 (``virtuoso-t`` from Debian's virtuoso-opensource) on 127.0.0.1 for the tests.

Each instance gets its own database folder and ``virtuoso.ini``, written from
``tests/fixtures/virtuoso/virtuoso.ini.in``, free SQL and HTTP ports, and is stopped by its
process id. It is loaded as an operator would: ``build --endpoint`` with the Graph Store at
``/sparql-graph-crud-auth`` and the ``dba`` account (Digest authentication, a fresh
database's default password), so the anonymous ``/sparql`` stays read-only.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from string import Template

import httpx
import pytest

from ..conftest import REPO
from .server import free_port, owns_port, stop

VIRTUOSO = shutil.which("virtuoso-t")
TEMPLATE = REPO / "tests" / "fixtures" / "virtuoso" / "virtuoso.ini.in"
#: a fresh database's administrator (the instance only listens on 127.0.0.1 and lives for one run)
ADMIN = "dba:dba"


@dataclass(frozen=True)
class Virtuoso:
    endpoint: str  # the anonymous, read-only SPARQL endpoint
    graph_store: str  # the Graph Store, with the administrator's credentials
    update_endpoint: str  # SPARQL Update, with the administrator's credentials


def require_virtuoso() -> str:
    """The path of ``virtuoso-t``. In CI (``CI`` set) a missing Virtuoso fails the tests;
    elsewhere they are skipped with the way to install it."""
    if VIRTUOSO is not None:
        return VIRTUOSO
    message = "virtuoso-t is not installed (Debian: apt-get install virtuoso-opensource; .ci/run does it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@contextlib.contextmanager
def virtuoso_server(folder: Path, *, max_rows: int = 1_000_000, timeout_s: int = 3) -> Iterator[Virtuoso]:
    """Run Virtuoso on a new database in ``folder`` until the block ends."""
    program = require_virtuoso()
    sql_port, http_port = free_port(), free_port()
    settings = {"folder": folder, "sql_port": sql_port, "http_port": http_port, "max_rows": max_rows}
    config = folder / "virtuoso.ini"
    config.write_text(Template(TEMPLATE.read_text()).substitute(settings, timeout_s=timeout_s))
    process = subprocess.Popen(
        [program, "+configfile", str(config), "+foreground"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                ready = owns_port(process.pid, http_port) and owns_port(process.pid, sql_port)
                if ready and httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log = folder / "virtuoso.log"
                raise RuntimeError(f"Virtuoso did not start: {log.read_text()[-2000:] if log.exists() else ''}")
            time.sleep(0.2)
        authority = f"{ADMIN}@127.0.0.1:{http_port}"
        yield Virtuoso(
            endpoint=f"{base}/sparql",
            graph_store=f"http://{authority}/sparql-graph-crud-auth",
            update_endpoint=f"http://{authority}/sparql-auth",
        )
    finally:
        stop(process)
