"""Completing what a user types (the suggest services): entities, types and properties whose
names begin with the text, whatever its case and accents; names equal to it first, then
names that begin with it, then names with a word that begins with it, then names that
contain it.

>>> rank("nice", "nice"), rank("nic", "nice municipal police"), rank("pol", "nice municipal police"), rank("ic", "nice")
(0, 1, 2, 3)
>>> rank("zz", "nice") is None
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .index import IDENTIFIER_PROPERTIES, Entity, ReconIndex, local_name
from .scoring import normalise

DEFAULT_LIMIT = 10
MAX_LIMIT = 50


def rank(prefix: str, key: str) -> int | None:
    """How a normalised name answers a normalised prefix: 0 equal, 1 begins with it, 2 has a
    word that begins with it, 3 contains it; None otherwise."""
    if not prefix:
        return None
    if key == prefix:
        return 0
    if key.startswith(prefix):
        return 1
    if f" {prefix}" in f" {key}":
        return 2
    return 3 if prefix in key else None


def _best(prefix: str, keys: Iterable[str]) -> int | None:
    ranks = [r for r in (rank(prefix, key) for key in keys) if r is not None]
    return min(ranks) if ranks else None


def entities(
    index: ReconIndex, prefix: str, type_id: str | None = None, cursor: int = 0, limit: int = DEFAULT_LIMIT
) -> list[dict[str, Any]]:
    """Suggested entities (of a type, subclasses included, if given): id, name, description,
    notable types. An id (``resource/city/nice``) or IRI finds its entity."""
    wanted = index.find_type(type_id) if type_id else None
    if type_id and wanted is None:
        return []
    text = normalise(prefix)
    ranked: list[tuple[int, int, str, Entity]] = []
    itself = index.find_entity(prefix) if "/" in prefix else None
    for entity in index.entities.values():
        if wanted is not None and wanted.iri not in entity.classes:
            continue
        found = -1 if entity is itself else _best(text, (name.key for name in entity.names))
        if found is not None:
            ranked.append((found, len(entity.name), entity.name.lower(), entity))
    ranked.sort(key=lambda r: (r[0], r[1], r[2], r[3].id))
    page = ranked[cursor : cursor + limit]
    return [
        {
            "id": entity.id,
            "name": entity.name,
            **({"description": _short(entity.description)} if entity.description else {}),
            "notable": [index.type_ref(t) for t in entity.types],
        }
        for _, _, _, entity in page
    ]


def types(index: ReconIndex, prefix: str, cursor: int = 0, limit: int = DEFAULT_LIMIT) -> list[dict[str, Any]]:
    """Suggested types: id (the class IRI), name, description and direct broader types."""
    text = normalise(prefix)
    ranked = []
    for iri, found in index.types.items():
        local = normalise(iri.rsplit("#", 1)[-1])
        best = _best(text, [local, *(name.key for name in found.names)])
        if best is not None:
            ranked.append((best, len(found.name), found.name.lower(), iri))
    ranked.sort()
    result = []
    for _, _, _, iri in ranked[cursor : cursor + limit]:
        found = index.types[iri]
        item: dict[str, Any] = {"id": iri, "name": found.name}
        if found.description:
            item["description"] = found.description
        if found.broader:
            item["broader"] = [index.type_ref(b) for b in found.broader]
        result.append(item)
    return result


def properties(index: ReconIndex, prefix: str, cursor: int = 0, limit: int = DEFAULT_LIMIT) -> list[dict[str, Any]]:
    """Suggested properties: id (a property IRI of the ontology, or wikidata, geonames, sameAs),
    name and description."""
    text = normalise(prefix)
    ranked = []
    for pid, found in index.properties.items():
        best = _best(text, [normalise(local_name(pid)), normalise(found.name)])
        if best is not None:
            ranked.append((best, pid not in IDENTIFIER_PROPERTIES, len(found.name), found.name.lower(), pid))
    ranked.sort()
    return [
        {
            "id": pid,
            "name": index.properties[pid].name,
            **({"description": index.properties[pid].description} if index.properties[pid].description else {}),
        }
        for *_, pid in ranked[cursor : cursor + limit]
    ]


def _short(text: str, length: int = 160) -> str:
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"
