"""The servers of the robustness tests: those of tests/api."""

from ..api.conftest import embedded_server, remote_server, server, writable_server

__all__ = ["embedded_server", "remote_server", "server", "writable_server"]
