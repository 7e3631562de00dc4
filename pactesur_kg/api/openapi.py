"""The OpenAPI document at /openapi.json, its answer examples taken from the graph.

Each route documents, for each media type of its answer, the request whose answer is the
example (``examples.answer_of``). When the document is first asked for, those requests are
sent to the application itself, in-process, and their answers, cut short, become the
examples: they cannot drift from the data or the code, and they are taken again after the
graph changes (the document is a derived value of the service's state).
"""

from __future__ import annotations

import copy
import json
import logging
from typing import Any

import httpx
from fastapi import FastAPI

from .auth import BEARER, TOKEN_SCHEME
from .examples import SOURCE

logger = logging.getLogger("pactesur_kg.api")

#: the service as the examples show it
EXAMPLE_BASE = "http://127.0.0.1:8000"

#: items kept of each list of a JSON example, characters of each of its strings, and lines
#: of a text example
_ITEMS = 1
_CHARACTERS = 160
_LINES = 12
_JSON = ("application/json", "application/sparql-results+json", "application/ld+json")


def abridged(value: Any) -> Any:
    """A JSON value with each list cut to its first item and each long string (a query's
    text, say) to its beginning: what an example needs to show the shape of the answer.

    >>> abridged({"items": [{"slug": "a", "tags": [1, 2]}, {"slug": "b"}], "total": 2})
    {'items': [{'slug': 'a', 'tags': [1]}], 'total': 2}
    >>> len(abridged("x" * 500))
    161
    """
    if isinstance(value, str) and len(value) > _CHARACTERS:
        return value[:_CHARACTERS] + "…"
    if isinstance(value, list):
        return [abridged(item) for item in value[:_ITEMS]]
    if isinstance(value, dict):
        return {key: abridged(item) for key, item in value.items()}
    return value


def first_lines(text: str) -> str:
    """The first lines of a text answer, with an ellipsis where it was cut.

    >>> first_lines("a\\nb\\n")
    'a\\nb\\n'
    >>> first_lines("".join(f"{n}\\n" for n in range(20))).splitlines()[-2:]
    ['11', '…']
    """
    lines = text.splitlines(keepends=True)
    return text if len(lines) <= _LINES else "".join(lines[:_LINES]) + "…\n"


def _problems_as_json(operation: dict[str, Any]) -> None:
    """Error answers are JSON problems whatever the route answers when it succeeds (FastAPI
    gives them the media type of the route's answer, HTML for an HTML route)."""
    for status, response in operation.get("responses", {}).items():
        content = response.get("content", {})
        if status[0] in "45" and content:
            schema = next((described["schema"] for described in content.values() if "schema" in described), None)
            if schema is not None and "Problem" in json.dumps(schema):
                response["content"] = {"application/json": {"schema": schema}}


def _security(operation: dict[str, Any], off: set[str]) -> None:
    """A token is asked for only where it can help: on a read-only service no token makes a
    write succeed (403 whatever is sent), without ``--contributions`` the workflow's routes
    answer 404; so the requirements naming a scheme of ``off`` are left out."""
    required = operation.get("security")
    if required and all(set(option) & off for option in required):
        del operation["security"]


async def document(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document of ``app`` with the example of every documented answer taken from
    the answer of its example request, the errors as JSON problems and the operator's token
    as an HTTP bearer scheme."""
    schema = copy.deepcopy(app.openapi())
    schemes = schema.setdefault("components", {}).setdefault("securitySchemes", {})
    schemes["contributorToken"] = {
        "type": "http",
        "scheme": "bearer",
        "description": "an account's token of the contribution workflow ('pactesur-kg accounts add')",
    }
    schemes[TOKEN_SCHEME] = BEARER
    settings = app.state.service.settings
    off = {TOKEN_SCHEME} if not settings.allow_updates else set()
    off |= {"contributorToken"} if settings.contributions is None else set()
    for item in schema["paths"].values():
        for operation in item.values():
            _problems_as_json(operation)
            _security(operation, off)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=EXAMPLE_BASE) as client:
        for item in schema["paths"].values():
            for operation in item.values():
                for response in operation.get("responses", {}).values():
                    for media, described in response.get("content", {}).items():
                        source = described.pop(SOURCE, None)
                        if source is not None:
                            described["example"] = await _example(client, source, media)
    return schema


async def _example(client: httpx.AsyncClient, source: dict[str, Any], media: str) -> Any:
    headers = {"accept": media}
    if source.get("content_type"):
        headers["content-type"] = source["content_type"]
    body = source.get("body")
    response = await client.request(
        source.get("method", "GET"),
        source["request"],
        content=body.encode("utf-8") if body is not None else None,
        headers=headers,
    )
    if not response.is_success:  # the document says so rather than show an error as an answer
        logger.warning("example request %s answered %s", source["request"], response.status_code)
        return f"(the example request answered {response.status_code}: {response.text[:200]})"
    if media in _JSON:
        return abridged(json.loads(response.content))
    return first_lines(response.text)
