"""What the pages read from the graph beside the REST answers: the points of their maps, the
facts of the pages of a measure, a lesson and a pilot, the kinds of public space of the home
page. Each read runs a query file of ``queries/service/`` through ``state.reader``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from ...sparql.binding import text_literal
from ..deps import ServiceState
from ..rest.shaping import ref
from ..routes.linked_data import wkt_point


async def points(state: ServiceState, iris: Iterable[str]) -> dict[str, tuple[float, float]]:
    """(latitude, longitude) of each IRI with a point of its own or of its city."""
    nodes = [ox.NamedNode(iri) for iri in sorted(set(iris))]
    if not nodes:
        return {}
    rows = await state.reader.values(state.queries.text("service/points"), node=nodes)
    found: dict[str, tuple[float, float]] = {}
    for row in rows:
        point = wkt_point(row["wkt"]) if "wkt" in row else None
        if point is not None:
            found[row["node"]] = point
    return found


async def measure_facts(state: ServiceState, measure: ox.NamedNode, language: str) -> dict[str, list[dict[str, Any]]]:
    """The threats a measure mitigates, the standards about it, the pilots that deployed it
    (each with its city) and the lessons learnt about it (``service/measure-page``)."""
    rows = await state.reader.values(
        state.queries.text("service/measure-page"), measure=measure, lang=text_literal(language)
    )
    facts: dict[str, dict[str, dict[str, Any]]] = {"mitigates": {}, "standard": {}, "pilot": {}, "lesson": {}}
    for row in rows:
        part = facts.get(row.get("part", ""))
        if part is None:
            continue
        item = part.setdefault(row["item"], {**ref(row["item"], row.get("itemLabel")), "replacedBy": []})
        if "identifier" in row:
            item["identifier"] = row["identifier"]
        if "statement" in row:
            item["statement"] = row["statement"]
        if "city" in row:
            item["city"] = ref(row["city"], row.get("cityLabel"))
        if "replacedBy" in row and row["replacedBy"] not in item["replacedBy"]:
            item["replacedBy"].append(row["replacedBy"])
    return {part: list(items.values()) for part, items in facts.items()}


_PLAIN = {"source", "note"}
"""The parts whose values are no resources: addresses of sources, editorial notes."""


async def _facts(
    state: ServiceState, name: str, item: ox.NamedNode, language: str, parts: tuple[str, ...]
) -> dict[str, Any] | None:
    """One resource from a query file of ``service/`` giving a first row of its own facts (no
    ``?part``) and one row per linked fact (``?part``, ``?value``, ``?valueLabel``): its own
    facts, and under each part a list of references (of plain values for :data:`_PLAIN`); None when the
    query gives no row of its own."""
    rows = await state.reader.values(state.queries.text(name), item=item, lang=text_literal(language))
    own = next((row for row in rows if "part" not in row), None)
    if own is None:
        return None
    facts: dict[str, Any] = {**own, "iri": item.value}
    found: dict[str, list[Any]] = {part: [] for part in parts}
    for row in rows:
        part = found.get(row.get("part", ""))
        if part is not None:
            plain = row["part"] in _PLAIN
            part.append(row["value"] if plain else ref(row["value"], row.get("valueLabel")))
    return {**facts, **found}


async def lesson_facts(state: ServiceState, lesson: ox.NamedNode, language: str) -> dict[str, Any] | None:
    """A lesson learnt (label, statement, each with its language), the threats and measures it
    concerns, what it was learnt from, its sources and the recommendations based on it
    (``basedOnLesson``, ``service/lesson-page``); None when the graph has no such lesson."""
    parts = ("concernsThreat", "concernsMeasure", "learntFrom", "source", "basedOnLesson")
    return await _facts(state, "service/lesson-page", lesson, language, parts)


async def pilot_facts(state: ServiceState, pilot: ox.NamedNode, language: str) -> dict[str, Any] | None:
    """A pilot (label, description, equipment, outcome, cost, rating and its code, dates), its
    cities, public spaces, measures, suppliers, the organisations that ran it, the standards its
    barriers were tested to, work package, the lessons learnt from it, its sources and the
    curators' notes (``service/pilot-page``); None when the graph has no such pilot."""
    parts = ("city", "publicSpace", "measure", "supplier", "ranBy", "standard", "partOf", "lesson", "source", "note")
    return await _facts(state, "service/pilot-page", pilot, language, parts)


async def space_kinds(state: ServiceState, language: str) -> list[dict[str, Any]]:
    """The kinds of public space where incidents happened, each with the threat types of those
    incidents (most incidents first) and their number."""
    rows = await state.reader.values(state.queries.text("service/space-kinds"), lang=text_literal(language))
    kinds: dict[str, dict[str, Any]] = {}
    for row in rows:
        kind = kinds.setdefault(
            row["kind"],
            {"iri": row["kind"], "label": row.get("kindLabel") or row["kind"].rsplit("#", 1)[-1], "threats": []},
        )
        kind["threats"].append({**ref(row["threat"], row.get("threatLabel")), "incidents": int(row["incidents"])})
    for kind in kinds.values():
        kind["threats"].sort(key=lambda threat: (-threat["incidents"], threat["label"] or threat["slug"]))
    return sorted(kinds.values(), key=lambda kind: str(kind["label"]))
