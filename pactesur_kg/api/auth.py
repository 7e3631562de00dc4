"""The update token: writes need ``Authorization: Bearer <token>``."""

from __future__ import annotations

import hmac

from fastapi import Request

from ..errors import ReadOnly, Unauthorized
from ..settings import Settings

TOKEN_SCHEME = "updateToken"
"""The name of the operator's token in the OpenAPI document (an HTTP bearer scheme)."""

BEARER = {
    "type": "http",
    "scheme": "bearer",
    "description": "the operator's update token (PACTESUR_UPDATE_TOKEN), for the writes of a service "
    "started with --allow-updates",
}

TOKEN_NEEDED: dict[str, list[dict[str, list[str]]]] = {"security": [{TOKEN_SCHEME: []}]}
"""``openapi_extra`` of a route that only writes."""

TOKEN_FOR_UPDATES: dict[str, list[dict[str, list[str]]]] = {"security": [{}, {TOKEN_SCHEME: []}]}
"""``openapi_extra`` of a route that reads without the token and writes with it."""


def require_writes(settings: Settings, request: Request, what: str) -> None:
    """Refuse unless updates are enabled and the request carries the operator's token."""
    if not settings.allow_updates:
        raise ReadOnly(f"this endpoint is read-only: {what} are refused")
    expected = settings.update_token or ""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token or not hmac.compare_digest(token.strip(), expected):
        raise Unauthorized(f"{what} need the operator's token: send 'Authorization: Bearer <token>'")
