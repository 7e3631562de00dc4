"""Helpers of the REST facade: the query files of ``queries/api/`` and running them (a page
and its total at once), languages, links to the query page, free-text checks."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import pyoxigraph as ox
from starlette.requests import Request

from ...errors import InvalidParameter
from ...sparql.binding import bind, keep_lines, page_clause, text_literal
from ...sparql.queryfiles import QueryFile
from ..deps import ServiceState

LANGUAGES = ("en", "fr", "it")
"""Languages of the labels; English is the fallback."""

Row = dict[str, str]


def query_file(state: ServiceState, name: str) -> QueryFile:
    """The query file ``queries/api/<name>.rq``."""
    return state.queries.get(f"api/{name}")


async def select(state: ServiceState, sparql: str) -> list[Row]:
    """The rows of a SELECT query, as the plain values of the bound variables; a text in a
    language also gives that language as ``<name>Lang`` (as the queries' own ``?labelLang``
    do), so that the answers can say it (the JSON-LD answers need it)."""
    rows = []
    for terms in await state.reader.select(sparql):
        row = {name: term.value for name, term in terms.items()}
        for name, term in terms.items():
            if isinstance(term, ox.Literal) and term.language:
                row.setdefault(f"{name}Lang", term.language)
        rows.append(row)
    return rows


def query_link(sparql: str) -> dict[str, str]:
    """The query text and a link opening it in the query page.

    >>> query_link("SELECT * {}")["link"]
    '/sparql#query=SELECT%20%2A%20%7B%7D'
    """
    return {"sparql": sparql, "link": "/sparql#query=" + quote(sparql, safe="")}


def slug_of(iri: str) -> str:
    """The last path segment of an IRI.

    >>> slug_of("https://w3id.org/pactesur/concept/threat/ied")
    'ied'
    """
    return iri.rstrip("/").rsplit("/", 1)[-1]


def choose_language(lang: str | None, accept_language: str | None) -> str:
    """``lang`` if given, else the preferred known language of an ``Accept-Language`` header,
    else English.

    >>> choose_language("it", "fr")
    'it'
    >>> choose_language(None, "de-CH, fr-BE;q=0.8, it;q=0.9")
    'it'
    >>> choose_language(None, "de, *;q=0.5"), choose_language(None, None), choose_language(None, "fr;q=x")
    ('en', 'en', 'en')
    """
    if lang:
        return lang
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        fields = part.strip().split(";")
        tag = fields[0].strip().lower().split("-")[0]
        weight = 1.0
        for parameter in fields[1:]:
            key, _, value = parameter.strip().partition("=")
            if key.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if tag in LANGUAGES and weight > 0:
            ranked.append((-weight, index, tag))
    return sorted(ranked)[0][2] if ranked else "en"


def request_language(request: Request, lang: str | None) -> str:
    """The language of the labels for a request: ``lang=``, else its Accept-Language."""
    return choose_language(lang, request.headers.get("accept-language"))


def check_text(name: str, value: str) -> None:
    """Refuse control characters in a free-text parameter (422)."""
    if any(ord(character) < 0x20 or ord(character) == 0x7F for character in value):
        raise InvalidParameter(f"invalid parameters: {name}: control characters (newlines, NUL, …) are not allowed")


async def paged(
    state: ServiceState,
    name: str,
    language: str,
    filters: dict[str, ox.NamedNode | ox.Literal],
    limit: int,
    offset: int,
) -> tuple[str, list[Row], int]:
    """The query, rows and total of one page of a list route: ``queries/api/<name>.rq`` chooses
    the page (``LIMIT`` and ``OFFSET``) and describes only its resources, while
    ``<name>-count.rq`` counts them all, the two at once. The lines of an optional filter not
    asked for are dropped from both."""
    page_file, count_file = query_file(state, name), query_file(state, f"{name}-count")
    paged = page_clause(keep_lines(page_file.text, filters), limit, offset)
    sparql = bind(paged, lang=text_literal(language), **filters)
    count = bind(keep_lines(count_file.text, filters), **filters)
    rows, totals = await asyncio.gather(select(state, sparql), select(state, count))
    total = int(totals[0]["total"]) if totals and totals[0].get("total", "").isdigit() else 0
    return sparql, rows, total
