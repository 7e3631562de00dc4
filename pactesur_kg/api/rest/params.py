"""The parameters of the REST routes: their types, limits, descriptions and examples."""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any

from fastapi import Path, Query
from pydantic import BeforeValidator

from ...sparql.binding import SLUG_PATTERN
from ..examples import example

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_day(value: object) -> object:
    """Only a day written YYYY-MM-DD (pydantic would also read a number as a Unix time).

    >>> iso_day("2016-07-14")
    '2016-07-14'
    >>> iso_day("0")
    Traceback (most recent call last):
    ValueError: a day is written YYYY-MM-DD, e.g. 2016-07-14
    """
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return value
    raise ValueError("a day is written YYYY-MM-DD, e.g. 2016-07-14")


Day = Annotated[datetime.date, BeforeValidator(iso_day)]
"""A day of a query string: an ISO 8601 calendar date, nothing else."""


def slug_path(value: str, summary: str, listed_by: str | None = None) -> Any:
    """A slug in the path, e.g. ``value``; ``listed_by`` names the route listing them."""
    listing = f" (GET {listed_by} lists them)" if listed_by else ""
    return Path(
        pattern=SLUG_PATTERN,
        max_length=100,
        description=f"lower-case ASCII words joined by hyphens, e.g. {value}{listing}",
        openapi_examples=example(value, summary),
    )


def slug_filter(description: str, value: str, summary: str, alias: str | None = None) -> Any:
    """An optional slug in the query string that narrows a list (named ``alias`` in the query
    string when the parameter's Python name differs)."""
    return Query(
        alias=alias,
        pattern=SLUG_PATTERN,
        max_length=100,
        description=f"{description} (slug, e.g. {value})",
        openapi_examples=example(value, summary),
    )


ThreatSlug = Annotated[str, slug_path("vehicle-as-weapon", "Vehicle as a weapon", "/api/threats")]
MeasureSlug = Annotated[
    str, slug_path("permanent-vehicle-security-barrier", "Permanent vehicle security barrier", "/api/measures")
]
CitySlug = Annotated[str, slug_path("nice", "Nice")]
IncidentSlug = Annotated[str, slug_path("nice-2016-07-14", "2016 Nice truck attack")]

ThreatFilter = Annotated[
    str | None,
    slug_filter("only those about this threat or a narrower one", "vehicle-as-weapon", "Vehicle as a weapon"),
]
MeasureFilter = Annotated[
    str | None,
    slug_filter(
        "only those about this measure or a narrower one",
        "permanent-vehicle-security-barrier",
        "Permanent vehicle security barrier",
    ),
]
CityFilter = Annotated[str | None, slug_filter("only those of this city", "nice", "Nice")]
RecommenderFilter = Annotated[
    str | None,
    slug_filter(
        "only the recommendations made by this organisation or project, and the measures they recommend; "
        "the recommendedBy of each recommendation gives the slugs",
        "pactesur",
        "PACTESUR's own recommendations",
        alias="recommendedBy",
    ),
]

Lang = Annotated[
    str | None,
    Query(
        pattern="^(en|fr|it)$",
        description="language of the labels: en, fr or it (default: from Accept-Language, else en; "
        "a label missing in that language falls back to English)",
        openapi_examples={
            **example("en", "English"),
            **example("fr", "French"),
            **example("it", "Italian"),
        },
    ),
]
Limit = Annotated[
    int, Query(ge=1, le=200, description="items per page (1 to 200)", openapi_examples=example(10, "ten items"))
]
Offset = Annotated[
    int,
    Query(
        ge=0,
        le=1_000_000,
        description="items to skip",
        openapi_examples={**example(0, "the first page"), **example(10, "the second page of ten")},
    ),
]
Search = Annotated[
    str,
    Query(
        max_length=200,
        description="only the concepts whose labels or definition contain this text",
        openapi_examples=example("vehicle", "concepts about vehicles"),
    ),
]
