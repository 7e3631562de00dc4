"""A writable server of its own for the W3C conformance tests."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from ..api.server import serve
from .runner import Endpoint

TOKEN = "w3c-conformance-token"


@pytest.fixture(scope="session")
def w3c_endpoint() -> Iterator[Endpoint]:
    """The SPARQL endpoint of a real server started with updates allowed."""
    with (
        serve("--allow-updates", "--workers", "2", env={"PACTESUR_UPDATE_TOKEN": TOKEN}) as running,
        httpx.Client(timeout=30) as client,
    ):
        yield Endpoint(f"{running.url}/sparql", TOKEN, client)
