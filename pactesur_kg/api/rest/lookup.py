"""What a request names: the IRI of a slug, whether the graph knows it, and, when it does
not, the closest known slugs (a 404 that helps)."""

from __future__ import annotations

import difflib
import re
from typing import Any

import pyoxigraph as ox

from ...errors import InvalidParameter, NotFound
from ...namespaces import CONCEPT, RESOURCE
from ...sparql.binding import bind, is_slug, text_literal
from ...text import fold
from ..deps import ServiceState
from .facade import query_file, select, slug_of

# the IRI of each kind of resource or concept
IRI_PREFIXES = {
    "city": f"{RESOURCE}city/",
    "incident": f"{RESOURCE}incident/",
    "threat": f"{CONCEPT}threat/",
    "measure": f"{CONCEPT}measure/",
    "lesson": f"{RESOURCE}lesson/",
    "pilot": f"{RESOURCE}pilot/",
}
#: the REST routes listing each kind (pilots have none)
_PLURALS = {"city": "cities", "incident": "incidents", "threat": "threats", "measure": "measures", "lesson": "lessons"}


def resource_iri(kind: str, slug: str) -> ox.NamedNode:
    if not is_slug(slug):
        raise InvalidParameter(f"invalid parameters: {kind}: not a slug: {slug!r}")
    return ox.NamedNode(f"{IRI_PREFIXES[kind]}{slug}")


def name_key(name: str) -> str:
    """A label written like a slug, to compare it with one.

    Accents and case are folded as everywhere else (:func:`pactesur_kg.text.fold`); what is
    still not ASCII then is dropped.

    >>> name_key("Véhicule bélier"), name_key("vehicle-ramming attack"), name_key("VAW")
    ('vehicule-belier', 'vehicle-ramming-attack', 'vaw')
    >>> name_key("Łódź"), name_key("Øresund bridge"), name_key("Straße")
    ('lodz', 'oresund-bridge', 'strasse')
    """
    ascii_name = fold(name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def suggest(asked: str, names: dict[str, set[str]], n: int = 5) -> list[str]:
    """The known slugs closest to ``asked``: concepts one of whose names (labels, other labels)
    is ``asked``, then the slugs that begin with it (long slugs, such as those of lessons, are
    too far from their first words for a close match), then the closest slugs, then the
    concepts of the closest names.

    >>> names = {"vehicle-as-weapon": {"vehicle ramming", "VAW"}, "arson": {"Arson"}, "ied": {"IED"}}
    >>> suggest("vehicle-ramming", names)
    ['vehicle-as-weapon']
    >>> suggest("arsen", names), suggest("vaw", names), suggest("zzz", names), suggest("vehicle-as", names)
    (['arson'], ['vehicle-as-weapon'], [], ['vehicle-as-weapon'])
    """
    by_name: dict[str, set[str]] = {}
    for slug, labels in names.items():
        for label in labels:
            by_name.setdefault(name_key(label), set()).add(slug)
    found: list[str] = sorted(by_name.get(asked, set()))
    found += sorted(slug for slug in names if slug.startswith(f"{asked}-"))[:n]
    found += difflib.get_close_matches(asked, sorted(names), n=n, cutoff=0.6)
    for close in difflib.get_close_matches(asked, sorted(by_name), n=n, cutoff=0.6):
        found += sorted(by_name[close])
    unique: list[str] = []
    for slug in found:
        if slug not in unique and slug != asked:
            unique.append(slug)
    return unique[:n]


async def _names(state: ServiceState, query: str, **bindings: ox.NamedNode | ox.Literal) -> dict[str, set[str]]:
    """The names of each slug, from a query file of ``?concept ?name`` rows."""
    names: dict[str, set[str]] = {}
    for row in await select(state, bind(query_file(state, query).text, **bindings)):
        names.setdefault(slug_of(row["concept"]), set()).add(row["name"])
    return names


def _not_found(kind: str, slug: str, parameter: str, names: dict[str, set[str]]) -> NotFound:
    suggestions = suggest(slug, names)
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
    listing = f" (GET /api/{_PLURALS[kind]} lists them)" if kind in _PLURALS else ""
    return NotFound(f"{parameter}: no {kind} {slug!r}{hint}{listing}", suggestions=suggestions)


async def unknown_concept(state: ServiceState, scheme: str, slug: str, parameter: str) -> NotFound:
    """The error for a slug that names no concept of ``scheme``, with the closest known ones."""
    names = await _names(state, "concept-names", scheme=ox.NamedNode(f"{CONCEPT}{scheme}"))
    return _not_found(scheme, slug, parameter, names)


async def recommender_iris(state: ServiceState, slug: str, parameter: str) -> list[ox.NamedNode]:
    """The IRIs of the organisation or project named by ``slug`` that makes recommendations,
    or :class:`NotFound` with the closest slugs of those that do."""
    iris: dict[str, set[str]] = {}
    names: dict[str, set[str]] = {}
    for row in await select(state, query_file(state, "recommenders").text):
        iris.setdefault(slug_of(row["concept"]), set()).add(row["concept"])
        names.setdefault(slug_of(row["concept"]), set()).add(row["name"])
    if slug in iris:
        return [ox.NamedNode(iri) for iri in sorted(iris[slug])]
    suggestions = suggest(slug, names)
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
    listed = "the recommendedBy of each recommendation in GET /api/recommendations gives the slugs"
    raise NotFound(
        f"{parameter}: no organisation or project {slug!r} makes recommendations{hint} ({listed})",
        suggestions=suggestions,
    )


async def check_known(state: ServiceState, kind: str, slug: str, parameter: str) -> None:
    """Raise :class:`NotFound` with the closest slugs unless ``slug`` names a known resource of
    ``kind`` (the names of every resource of that kind are read only then)."""
    exists = bind((query_file(state, "resource-exists")).text, item=resource_iri(kind, slug))
    if await select(state, exists):
        return
    names = await _names(state, "resource-names", prefix=text_literal(IRI_PREFIXES[kind]))
    if slug not in names:
        raise _not_found(kind, slug, parameter, names)


async def item_rows(state: ServiceState, kind: str, slug: str, language: str) -> tuple[str, list[dict[str, Any]]]:
    """The query and rows of one resource's route (``queries/api/<kind>.rq``), or 404 with the
    closest known slugs when the graph has nothing about it."""
    iri = resource_iri(kind, slug)
    sparql = bind((query_file(state, kind)).text, item=iri, lang=text_literal(language))
    rows = [{**row, "item": iri.value} for row in await select(state, sparql)]
    # the row of the resource's own facts first (the other rows are its parts and totals)
    rows.sort(key=lambda row: "part" in row)
    if rows and "part" not in rows[0]:
        return sparql, rows
    await check_known(state, kind, slug, "slug")
    raise AssertionError(f"no rows for the known {kind} {slug!r}")  # the query and the check disagree


async def slug_filters(state: ServiceState, **filters: tuple[str, str | None]) -> dict[str, ox.NamedNode]:
    """The IRIs of the slugs given as filters (parameter: (kind, slug or None)), each checked
    to be known (:class:`NotFound` with the closest slugs otherwise)."""
    found: dict[str, ox.NamedNode] = {}
    for parameter, (kind, slug) in filters.items():
        if slug is not None:
            await check_known(state, kind, slug, parameter)
            found[parameter] = resource_iri(kind, slug)
    return found
