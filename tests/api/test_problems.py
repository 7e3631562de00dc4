"""The one mapping of errors to HTTP: statuses by kind, problem bodies with their details,
a request id on every 5xx that the log line names."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from pactesur_kg import errors
from pactesur_kg.api.problems import error_response, status_of, unexpected_error

from .server import RunningServer


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (errors.QuerySyntaxError("x", line=2, column=3), 400, "bad-request"),
        (errors.NestedTooDeeply("x"), 400, "nested-too-deeply"),
        (errors.Unauthorized("x"), 401, "unauthorized"),
        (errors.ReadOnly("x"), 403, "read-only"),
        (errors.FederationRefused("x"), 403, "forbidden"),
        (errors.NotFound("x", suggestions=["a"]), 404, "not-found"),
        (errors.NotAcceptable("x"), 406, "not-acceptable"),
        (errors.PayloadTooLarge("x"), 413, "payload-too-large"),
        (errors.UnsupportedMediaType("x"), 415, "unsupported-media-type"),
        (errors.InvalidParameter("x"), 422, "unprocessable"),
        (errors.ResultTooLarge("x"), 422, "unprocessable"),
        (errors.QueryMemoryExceeded("x"), 422, "query-memory"),
        (errors.WorkerLost("x"), 500, "worker-lost"),
        (errors.EngineUnavailable("x"), 502, "bad-gateway"),
        (errors.QueryTimeout("x"), 503, "timeout"),
        (errors.StoreError("x"), 500, "error"),
    ],
)
def test_problems_status_and_code_of_each_kind(error: errors.PactesurError, status: int, code: str) -> None:
    assert status_of(error) == status
    response = error_response(error)
    assert response.status_code == status
    body = json.loads(bytes(response.body))
    assert body == {"error": code, "message": "x", **error.extra()}
    assert ("x-request-id" in response.headers) == (status >= 500)


def test_problems_details_travel_in_the_body() -> None:
    body = json.loads(bytes(error_response(errors.QuerySyntaxError("bad", line=2, column=3)).body))
    assert (body["line"], body["column"]) == (2, 3)
    assert json.loads(bytes(error_response(errors.NotFound("no", suggestions=["nice"])).body))["suggestions"] == [
        "nice"
    ]


def test_problems_5xx_request_id_is_in_the_log(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="pactesur_kg.api"):
        lost = error_response(errors.WorkerLost("the worker died"))
        unexpected = unexpected_error("GET", "/api/cities")
    for response in (lost, unexpected):
        request_id = response.headers["x-request-id"]
        assert any(request_id in record.getMessage() for record in caplog.records), request_id
    assert "the worker died" in caplog.text
    assert "unexpected error on GET /api/cities" in caplog.text


def test_problems_405_says_which_methods_are_allowed(embedded_server: RunningServer) -> None:
    response = httpx.delete(f"{embedded_server.url}/api/cities")
    assert response.status_code == 405
    assert response.json()["error"] == "method-not-allowed"
    assert response.headers["allow"] == "GET, HEAD"
    both = httpx.request("PATCH", f"{embedded_server.url}/sparql")  # GET and POST are two routes
    assert both.status_code == 405
    assert both.headers["allow"] == "GET, HEAD, POST"
    store = httpx.request("PATCH", f"{embedded_server.url}/store")
    assert store.headers["allow"] == "DELETE, GET, HEAD, POST, PUT"
