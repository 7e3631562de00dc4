"""The HTTP service: SPARQL 1.1 endpoint, Graph Store reads, validation, descriptions."""

from .app import create_app

__all__ = ["create_app"]
