"""Reading a reconciliation query batch (``queries=``) or a data extension query
(``extend=``): JSON text to checked values, or an error saying what is wrong, where, and how
to write it instead.

>>> batch = read_batch('{"q0": {"query": "Nice", "type": "pac:City", "limit": 3}}')
>>> batch["q0"]
Query(query='Nice', types=('pac:City',), type_strict='any', limit=3, properties=())
>>> try:
...     read_batch('{"q0": {"query": "Nice",}}')
... except MalformedInput as error:
...     print(error.line, error.column, str(error).split(";")[0])
1 25 queries: not valid JSON at line 1, column 25: Expecting property name enclosed in double quotes
>>> try:
...     read_batch('{"q0": {"type": "pac:City"}}')
... except MalformedInput as error:
...     print(error)
queries: q0: give "query" (the name to look for) or "properties" (a non-empty list of {"pid": …, "v": …})
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..errors import BadRequest, PayloadTooLarge

DEFAULT_LIMIT = 10
MAX_LIMIT = 100
MAX_QUERY_LENGTH = 500
"""Characters of a query string: names are short, and comparing longer text costs time."""
MAX_EXTEND_IDS = 1000

QUERY_EXAMPLE = 'queries={"q0": {"query": "Nice", "type": "pac:City"}}'
EXTEND_EXAMPLE = 'extend={"ids": ["resource/city/nice"], "properties": [{"id": "wikidata"}]}'

_QUERY_FIELDS = ("query", "type", "limit", "properties", "type_strict")


class MalformedInput(BadRequest):
    """A query batch or data extension query that cannot be read; ``line`` and ``column``
    say where the JSON text breaks, when it does."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message, line=line, column=column)


class TooLarge(PayloadTooLarge):
    """More queries in a batch, or ids in a data extension query, than the service answers at once."""


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


@dataclass(frozen=True)
class PropertyValue:
    """A property of a query (``pid``) and the values it should have."""

    pid: str
    values: tuple[str | int | float | bool, ...]


@dataclass(frozen=True)
class Query:
    query: str | None
    types: tuple[str, ...]
    type_strict: str
    limit: int
    properties: tuple[PropertyValue, ...]


@dataclass(frozen=True)
class ExtendQuery:
    ids: tuple[str, ...]
    properties: tuple[str, ...]


def parse_json(text: str, parameter: str, example: str) -> Any:
    """The JSON value of a parameter, or an error with the line and column where it breaks."""
    how = f"send a JSON object {'of queries, ' if parameter == 'queries' else ''}e.g. {example}"
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise MalformedInput(
            f"{parameter}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}; {how}",
            error.lineno,
            error.colno,
        ) from None
    except ValueError as error:  # NaN, Infinity
        raise MalformedInput(f"{parameter}: not valid JSON: {error}; {how}") from None
    except RecursionError:
        raise MalformedInput(f"{parameter}: nested too deeply; {how}") from None


def read_batch(text: str, max_queries: int | None = None) -> dict[str, Query]:
    """The queries of a batch, by their keys."""
    batch = parse_json(text, "queries", QUERY_EXAMPLE)
    if not isinstance(batch, dict):
        raise MalformedInput(
            f"queries: expected a JSON object of queries by key, got {_kind(batch)}; e.g. {QUERY_EXAMPLE}"
        )
    if max_queries is not None and len(batch) > max_queries:
        raise TooLarge(f"queries: {len(batch)} queries in one batch; send at most {max_queries} at a time")
    return {str(key): _query(str(key), value) for key, value in batch.items()}


def _query(key: str, value: Any) -> Query:
    where = f"queries: {key}"
    if not isinstance(value, dict):
        raise MalformedInput(f'{where}: expected an object such as {{"query": "Nice"}}, got {_kind(value)}')
    unknown = sorted(set(value) - set(_QUERY_FIELDS))
    if unknown:
        raise MalformedInput(f"{where}: unknown field {unknown[0]!r}; the fields are {', '.join(_QUERY_FIELDS)}")
    query = value.get("query")
    if query is not None and not isinstance(query, str):
        raise MalformedInput(f"{where}.query: expected a string, got {_kind(query)}")
    if query is not None and len(query) > MAX_QUERY_LENGTH:
        raise MalformedInput(f"{where}.query: {len(query)} characters; a name has at most {MAX_QUERY_LENGTH}")
    types = value.get("type", [])
    if isinstance(types, str):
        types = [types]
    if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
        raise MalformedInput(f'{where}.type: expected a type id or a list of them, e.g. "pac:City"')
    strict = value.get("type_strict", "any")
    if strict not in ("any", "should", "all"):
        raise MalformedInput(f'{where}.type_strict: expected "any", "should" or "all", got {strict!r}')
    limit = value.get("limit", DEFAULT_LIMIT)
    if isinstance(limit, bool) or not isinstance(limit, (int, float)) or limit != int(limit) or limit < 1:
        raise MalformedInput(f"{where}.limit: expected a positive whole number, got {json.dumps(limit)}")
    properties = _properties(where, value.get("properties", []))
    if not (query or "").strip() and not properties:
        raise MalformedInput(
            f'{where}: give "query" (the name to look for) or "properties" (a non-empty list of {{"pid": …, "v": …}})'
        )
    return Query(
        query=query.strip() if query and query.strip() else None,
        types=tuple(types),
        type_strict=strict,
        limit=min(int(limit), MAX_LIMIT),
        properties=properties,
    )


def _properties(where: str, value: Any) -> tuple[PropertyValue, ...]:
    if not isinstance(value, list):
        raise MalformedInput(f'{where}.properties: expected a list of {{"pid": …, "v": …}}, got {_kind(value)}')
    found: list[PropertyValue] = []
    for position, item in enumerate(value):
        here = f"{where}.properties[{position}]"
        if not isinstance(item, dict) or not isinstance(item.get("pid"), str) or "v" not in item:
            raise MalformedInput(f'{here}: expected {{"pid": "<property id>", "v": <value or list of values>}}')
        values = item["v"] if isinstance(item["v"], list) else [item["v"]]
        found.append(PropertyValue(item["pid"], tuple(_value(f"{here}.v", v) for v in values)))
    return tuple(found)


def _value(where: str, value: Any) -> str | int | float | bool:
    if isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return str(value["id"])
    raise MalformedInput(f'{where}: expected a string, number, boolean or {{"id": …}}, got {_kind(value)}')


def read_extend(text: str, max_ids: int | None = MAX_EXTEND_IDS) -> ExtendQuery:
    """The entity ids and property ids of a data extension query.

    >>> read_extend('{"ids": ["resource/city/nice"], "properties": [{"id": "wikidata"}]}')
    ExtendQuery(ids=('resource/city/nice',), properties=('wikidata',))
    """
    query = parse_json(text, "extend", EXTEND_EXAMPLE)
    if not isinstance(query, dict):
        raise MalformedInput(f"extend: expected a JSON object, got {_kind(query)}; e.g. {EXTEND_EXAMPLE}")
    ids, properties = query.get("ids"), query.get("properties")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise MalformedInput(f"extend.ids: expected a list of entity ids, e.g. {EXTEND_EXAMPLE}")
    if max_ids is not None and len(ids) > max_ids:
        raise TooLarge(f"extend.ids: {len(ids)} ids in one query; send at most {max_ids} at a time")
    if not isinstance(properties, list) or not all(
        isinstance(p, dict) and isinstance(p.get("id"), str) for p in properties
    ):
        raise MalformedInput(f'extend.properties: expected a list of {{"id": <property id>}}, e.g. {EXTEND_EXAMPLE}')
    return ExtendQuery(ids=tuple(ids), properties=tuple(p["id"] for p in properties))


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
