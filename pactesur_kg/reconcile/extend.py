"""Data extension: the values of chosen properties for chosen entities, and the properties
worth proposing for a type.

Links to other resources of the graph are entities of the service (``{"id", "name"}``);
numbers are ``int`` or ``float``; days are ``date`` (midnight of that day); every other
value, external IRIs included, is ``str``. ``wikidata`` and ``geonames`` give bare
identifiers (``Q33959``, ``3165524``); ``sameAs`` gives every linked IRI.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..namespaces import BASE
from .batch import ExtendQuery, MalformedInput
from .index import IDENTIFIER_PROPERTIES, ReconIndex, Value, entity_id, type_counts

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    f"{_XSD}{name}"
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
    )
}  # fmt: skip
_FLOATS = {f"{_XSD}decimal", f"{_XSD}double", f"{_XSD}float"}


def cell(index: ReconIndex, value: Value) -> dict[str, Any]:
    """One value as the protocol writes it.

    >>> cell(ReconIndex({}, {}, {}), Value("348085", "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"))
    {'int': 348085}
    >>> cell(ReconIndex({}, {}, {}), Value("2016-07-14", "http://www.w3.org/2001/XMLSchema#date"))
    {'date': '2016-07-14T00:00:00'}
    """
    if value.iri is not None:
        if value.iri.startswith(BASE):
            known = index.entities.get(entity_id(value.iri))
            name = known.name if known else value.label or value.iri.rstrip("/").rsplit("/", 1)[-1]
            return {"id": entity_id(value.iri), "name": name}
        return {"str": value.iri}
    try:
        if value.datatype in _INTEGERS:
            return {"int": int(value.text)}
        if value.datatype in _FLOATS:
            return {"float": float(value.text)}
    except ValueError:
        pass
    if value.datatype == f"{_XSD}date" and len(value.text) == 10:
        return {"date": f"{value.text}T00:00:00"}
    return {"str": value.text}


def _identifier_cells(keys: frozenset[str], pid: str) -> list[dict[str, Any]]:
    if pid == "sameAs":
        return [{"str": _key_iri(key)} for key in sorted(keys)]
    return [{"str": key.split(":", 1)[1]} for key in sorted(keys) if key.startswith(pid + ":")]


def _key_iri(key: str) -> str:
    scheme, _, value = key.partition(":")
    if scheme == "wikidata":
        return f"http://www.wikidata.org/entity/{value}"
    if scheme == "geonames":
        return f"http://sws.geonames.org/{value}/"
    return value


def extend(index: ReconIndex, query: ExtendQuery) -> dict[str, Any]:
    """The data extension response: ``meta`` (the properties) and ``rows`` (their values per
    entity; no values for an unknown entity)."""
    properties: list[tuple[str, str]] = []  # (as asked, the property's id)
    for position, pid in enumerate(query.properties):
        found = index.find_property(pid)
        if found is None:
            raise MalformedInput(
                f"extend.properties[{position}].id: unknown property {pid!r}; "
                "GET /reconcile/properties?type=… lists them"
            )
        properties.append((pid, found.id))
    meta = []
    for pid, known in properties:
        item: dict[str, Any] = {"id": pid, "name": index.properties[known].name}
        value_type = _value_type(index, known)
        if value_type is not None:
            item["type"] = index.type_ref(value_type)
        meta.append(item)
    rows: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for identifier in query.ids:
        entity = index.find_entity(identifier)
        row: dict[str, list[dict[str, Any]]] = {}
        for pid, known in properties:
            if entity is None:
                row[pid] = []
            elif known in IDENTIFIER_PROPERTIES:
                row[pid] = _identifier_cells(entity.identifiers, known)
            else:
                row[pid] = [cell(index, value) for value in entity.values.get(known, ())]
        rows[identifier] = row
    return {"meta": meta, "rows": rows}


def _value_type(index: ReconIndex, pid: str) -> str | None:
    """The one root type of every entity this property links to, if there is one."""
    roots: Counter[str] = Counter()
    for entity in index.entities.values():
        for value in entity.values.get(pid, ()):
            target = index.entities.get(entity_id(value.iri)) if value.iri else None
            if target is None:
                return None
            roots.update(t for t in target.classes if not index.types[t].ancestors)
    return next(iter(roots)) if len(roots) == 1 else None


def propose(index: ReconIndex, type_id: str | None, limit: int) -> list[dict[str, str]]:
    """The properties that entities of a type have (every entity if no type), the most
    common first; none for an unknown type."""
    wanted = index.find_type(type_id) if type_id else None
    if type_id and wanted is None:
        return []
    counts = type_counts(index, wanted.iri if wanted else None)
    ordered = sorted(counts, key=lambda pid: (-counts[pid], index.properties[pid].name.lower(), pid))
    return [{"id": pid, "name": index.properties[pid].name} for pid in ordered[:limit]]
