"""The one place where errors become HTTP: each kind of :class:`~pactesur_kg.errors.PactesurError`
has its status here, and every answer to an error is a JSON problem body
``{"error": code, "message": …, **details}`` saying what went wrong and how to fix it, never
a stack trace. Routes raise; they never build error responses.
"""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import errors

logger = logging.getLogger("pactesur_kg.api")

STATUS: dict[type[errors.PactesurError], int] = {
    errors.BadRequest: 400,
    errors.QueryFailed: 400,
    errors.Unauthorized: 401,
    errors.Forbidden: 403,
    errors.NotFound: 404,
    errors.NotAcceptable: 406,
    errors.Conflict: 409,
    errors.PayloadTooLarge: 413,
    errors.UnsupportedMediaType: 415,
    errors.InvalidParameter: 422,
    errors.ResultTooLarge: 422,
    errors.QueryMemoryExceeded: 422,
    errors.TooManyRequests: 429,
    errors.WorkerLost: 500,
    errors.EngineUnavailable: 502,
    errors.QueryTimeout: 503,
}
"""The status of each kind of error (the nearest listed class of an error decides); any
other error is the service's fault: 500."""


class Problem(BaseModel):
    """The body of every error answer: a stable ``error`` name and a ``message`` saying what
    went wrong and how to fix it, with details where they help (``line`` and ``column`` of a
    syntax error, ``suggestions`` for an unknown slug, ``retryAfter`` past a fair share)."""

    model_config = ConfigDict(extra="allow")

    error: str
    message: str


_MEANINGS = {
    400: "malformed input (with line and column where there is one)",
    404: "not in the graph (with the closest known names where there are some)",
    405: "a method the path does not answer (Allow lists those it does)",
    406: "no acceptable media type",
    413: "a body over the size limit",
    415: "a body in a format this service does not read",
    422: "invalid parameters, or a result or query over its limits",
    429: "past the client's fair share (Retry-After says when to try again)",
    500: "the service failed (X-Request-Id names the log line)",
    503: "past the time limit",
}
PROBLEMS: dict[int | str, dict[str, Any]] = {
    status: {"description": meaning, "model": Problem} for status, meaning in _MEANINGS.items()
}
"""The error answers every route may give, for the OpenAPI document."""

WRITE_PROBLEMS: dict[int | str, dict[str, Any]] = {
    401: {"description": "a write without the operator's token (Authorization: Bearer …)", "model": Problem},
    403: {"description": "a write to a service that only reads (started without --allow-updates)", "model": Problem},
}
"""The error answers of the routes that write."""

#: the ``error`` of a problem body for statuses that no error class names (FastAPI's own)
_CODES = {404: "not-found", 405: "method-not-allowed", 422: "unprocessable"}


def status_of(error: errors.PactesurError) -> int:
    for kind in type(error).__mro__:
        if kind in STATUS:
            return STATUS[kind]
    return 500


def problem(status: int, message: str, error: str, **extra: object) -> JSONResponse:
    return JSONResponse({"error": error, "message": message, **extra}, status_code=status)


def _logged(response: JSONResponse, line: str, *args: object, exc_info: bool = False) -> JSONResponse:
    """A 5xx answer with the request id its log line names (``X-Request-Id``), so that a
    client's report can be matched with the operator's log."""
    request_id = uuid.uuid4().hex[:16]
    logger.error("[%s] " + line, request_id, *args, exc_info=exc_info)
    response.headers["x-request-id"] = request_id
    return response


def error_response(error: errors.PactesurError) -> JSONResponse:
    """The answer to one of the project's errors: its status and a JSON problem body."""
    status = status_of(error)
    response = problem(status, str(error), error.code, **error.extra())
    if isinstance(error, errors.TooManyRequests):
        response.headers["retry-after"] = str(error.retry_after)
    if status >= 500:
        return _logged(response, "%s %s: %s", status, type(error).__name__, error)
    return response


def unexpected_error(method: str, path: str) -> JSONResponse:
    response = problem(500, "internal error; the operator's log has the details", "error")
    return _logged(response, "unexpected error on %s %s", method, path, exc_info=True)


_OPERATIONS = ("get", "put", "post", "delete", "patch")


def allowed_methods(request: Request, told: str | None) -> str | None:
    """The methods the path of the request answers, for the ``Allow`` header of a 405: those
    the OpenAPI document lists for it (a path may have one route per method, and the router
    names only those of the first), else what the router ``told``."""
    for template, item in request.app.openapi()["paths"].items():
        pattern = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, request.url.path):
            methods = {method.upper() for method in item if method in _OPERATIONS}
            return ", ".join(sorted(methods | ({"HEAD"} if "GET" in methods else set())))
    return told


def install(app: FastAPI) -> None:
    @app.exception_handler(errors.PactesurError)
    async def pactesur_error(request: Request, error: errors.PactesurError) -> JSONResponse:
        return error_response(error)

    @app.exception_handler(RequestValidationError)
    async def invalid_parameters(request: Request, error: RequestValidationError) -> JSONResponse:
        details = [
            {"parameter": ".".join(str(part) for part in item.get("loc", ())[1:]) or "body", "problem": item.get("msg")}
            for item in error.errors()
        ]
        return problem(
            422,
            "invalid parameters: " + "; ".join(f"{d['parameter']}: {d['problem']}" for d in details),
            "unprocessable",
            details=details,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        response = problem(error.status_code, str(error.detail), _CODES.get(error.status_code, "error"))
        response.headers.update(error.headers or {})
        if error.status_code == 405 and (allow := allowed_methods(request, (error.headers or {}).get("Allow"))):
            response.headers["allow"] = allow
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        return unexpected_error(request.method, request.url.path)
