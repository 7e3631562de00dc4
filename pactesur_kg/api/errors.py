"""Errors as HTTP responses, mapped in one place: a JSON body saying what went wrong and
how to fix it, never a stack trace."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..engine.base import EngineError
from ..errors import PactesurError, QuerySyntaxError, UsageError
from ..validate import UnreadableContribution

logger = logging.getLogger("pactesur_kg.api")


class HTTPProblem(PactesurError):
    """An error with its own HTTP status (413, 415, 403, …)."""

    def __init__(self, status: int, message: str, *, error: str | None = None) -> None:
        self.status = status
        self.error = error or _ERROR_NAMES.get(status, "error")
        super().__init__(message)


_ERROR_NAMES = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    406: "not-acceptable",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "unprocessable",
    503: "timeout",
}


def status_of(error: PactesurError) -> int:
    if isinstance(error, HTTPProblem):
        return error.status
    if isinstance(error, EngineError):
        return error.status
    if isinstance(error, (QuerySyntaxError, UsageError, UnreadableContribution)):
        return 400
    return 500


def problem(status: int, message: str, error: str | None = None, **extra: object) -> JSONResponse:
    body: dict[str, object] = {"error": error or _ERROR_NAMES.get(status, "error"), "message": message}
    body.update(extra)
    return JSONResponse(body, status_code=status)


def error_response(error: PactesurError) -> JSONResponse:
    """The answer to one of the project's errors: its status and a JSON problem body."""
    extra: dict[str, object] = {}
    if isinstance(error, UnreadableContribution) and error.line is not None:
        extra = {"line": error.line, "column": error.column}
    name: str | None = getattr(error, "error", None)  # HTTPProblem, WorkerLost
    return problem(status_of(error), str(error), name, **extra)


def unexpected_error(method: str, path: str) -> JSONResponse:
    logger.exception("unexpected error on %s %s", method, path)
    return problem(500, "internal error; the operator's log has the details")


def install(app: FastAPI) -> None:
    @app.exception_handler(PactesurError)
    async def pactesur_error(request: Request, error: PactesurError) -> JSONResponse:
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
            details=details,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return problem(error.status_code, str(error.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        return unexpected_error(request.method, request.url.path)
