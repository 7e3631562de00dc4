"""The servers of the robustness tests: those of tests/api."""

from ..api.conftest import (
    embedded_server,
    oxigraph_remote_server,
    remote_server,
    server,
    virtuoso_remote_server,
    writable_server,
)

__all__ = [
    "embedded_server",
    "oxigraph_remote_server",
    "remote_server",
    "server",
    "virtuoso_remote_server",
    "writable_server",
]
