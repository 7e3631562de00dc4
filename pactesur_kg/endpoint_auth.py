"""Credentials written in an endpoint URL (``http://user:password@host/…``).

Engines guard writes differently: Virtuoso's ``/sparql-graph-crud-auth`` and ``/sparql-auth``
ask for HTTP Digest, Fuseki and GraphDB usually for Basic. The URL names the user; the
scheme is the one the endpoint asks for in its ``WWW-Authenticate`` challenge.
"""

from __future__ import annotations

from collections.abc import Generator
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx


class ChallengedAuth(httpx.Auth):
    """Sends a request without credentials first, then answers the endpoint's challenge:
    Digest if it asks for Digest, else Basic."""

    def __init__(self, user: str, password: str) -> None:
        self._digest = httpx.DigestAuth(user, password)
        self._basic = httpx.BasicAuth(user, password)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("www-authenticate", "")
        chosen = self._digest if challenge.lower().startswith("digest") else self._basic
        yield from chosen.auth_flow(request)


def split_credentials(url: str) -> tuple[str, httpx.Auth | None]:
    """The URL without its user and password, and what authenticates as them (None: none given).

    >>> split_credentials("http://dba:s%40cret@127.0.0.1:8890/sparql-auth")[0]
    'http://127.0.0.1:8890/sparql-auth'
    >>> split_credentials("http://127.0.0.1:7878/store")
    ('http://127.0.0.1:7878/store', None)
    """
    parts = urlsplit(url)
    if parts.username is None:
        return url, None
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    bare = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return bare, ChallengedAuth(unquote(parts.username), unquote(parts.password or ""))
