"""The servers of the client compatibility tests: those of tests/api, and Virtuoso too."""

import pytest

from ..api.conftest import embedded_server, oxigraph_remote_server, remote_server, virtuoso_remote_server
from ..api.server import RunningServer

__all__ = ["embedded_server", "oxigraph_remote_server", "remote_server", "server", "virtuoso_remote_server"]


@pytest.fixture(scope="session", params=["embedded", "oxigraph", "virtuoso"])
def server(request: pytest.FixtureRequest) -> RunningServer:
    """Every backend: the embedded store and the remote one over each engine."""
    name = "embedded_server" if request.param == "embedded" else f"{request.param}_remote_server"
    running: RunningServer = request.getfixturevalue(name)
    return running
