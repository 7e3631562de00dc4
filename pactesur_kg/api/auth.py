"""The update token: writes need ``Authorization: Bearer <token>``."""

from __future__ import annotations

import hmac

from fastapi import Request

from ..errors import ReadOnly, Unauthorized
from ..settings import Settings


def require_writes(settings: Settings, request: Request, what: str) -> None:
    """Refuse unless updates are enabled and the request carries the operator's token."""
    if not settings.allow_updates:
        raise ReadOnly(f"this endpoint is read-only: {what} are refused")
    expected = settings.update_token or ""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token or not hmac.compare_digest(token.strip(), expected):
        raise Unauthorized(f"{what} need the operator's token: send 'Authorization: Bearer <token>'")
