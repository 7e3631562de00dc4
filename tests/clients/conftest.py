"""The servers of the client compatibility tests: those of tests/api."""

from ..api.conftest import embedded_server, remote_server, server

__all__ = ["embedded_server", "remote_server", "server"]
