"""The in-memory index the reconciliation service answers from: the entities (cities,
organisations, incidents, threats, measures) with their names in every language, types,
descriptions, external identifiers and property values, and the types and properties
themselves. It is read from the graph by the query files of ``queries/reconcile/`` (run by
the caller over whichever backend it serves) and built once; the service keeps it until
the graph changes.

>>> index = ReconIndex.from_rows(
...     classes=[{"class": PAC + "City", "label": "City", "labelLang": "en"}],
...     entities=[{"entity": RESOURCE + "city/nice", "class": PAC + "City", "description": "A city."}],
...     names=[
...         {"entity": RESOURCE + "city/nice", "name": "Nice", "lang": "en", "kind": "label"},
...         {"entity": RESOURCE + "city/nice", "name": "Nizza", "lang": "it", "kind": "label"},
...     ],
...     identifiers=[{"entity": RESOURCE + "city/nice", "property": SAME_AS, "identifier": "http://www.wikidata.org/entity/Q33959"}],
...     values=[],
... )
>>> nice = index.entities["resource/city/nice"]
>>> (nice.name, nice.types, sorted(nice.identifiers), [n.key for n in nice.names])
('Nice', ('https://w3id.org/pactesur/ontology#City',), ['wikidata:Q33959'], ['nice', 'nizza'])
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..namespaces import BASE, ONTOLOGY
from ..sparql.queryfiles import QueryFile
from .identifiers import iri_key
from .scoring import normalise

PAC = ONTOLOGY
RESOURCE = f"{BASE}resource/"
SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"

ROOT_TYPES = ("City", "Organisation", "Incident", "Threat", "Measure")
"""Local names of the classes whose instances (subclasses included) are reconciled."""

IDENTIFIER_PROPERTIES = {
    "wikidata": (
        "Wikidata identifier",
        "The Wikidata item the entity is linked to, e.g. Q33959 (owl:sameAs, skos:closeMatch).",
    ),
    "geonames": ("GeoNames identifier", "The GeoNames feature the entity is linked to, e.g. 3165524 (owl:sameAs)."),
    "sameAs": (
        "Same as / matches",
        "Any external IRI the entity is linked to (owl:sameAs, skos:exactMatch, skos:closeMatch).",
    ),
}
"""The identifier properties: not properties of the ontology, but of the links in ``data/links/``."""

QUERY_NAMES = ("classes", "entities", "names", "identifiers", "values")
"""The query files of ``queries/reconcile/`` that the index is built from."""

Row = Mapping[str, str]

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_SAME_AS_ALIASES = {
    SAME_AS,
    "owl:sameAs",
    f"{_SKOS}exactMatch",
    "skos:exactMatch",
    f"{_SKOS}closeMatch",
    "skos:closeMatch",
}
_KIND_RANK = {"preferred": 0, "label": 1, "acronym": 2, "alias": 3, "derived": 4}
_PARENTHESES = re.compile(r"\s*\([^()]*\)\s*")


def local_name(iri: str) -> str:
    """The last part of an IRI, after ``#`` or ``/``.

    >>> local_name("http://purl.org/dc/terms/source"), local_name("https://w3id.org/pactesur/ontology#inCity")
    ('source', 'inCity')
    """
    return re.split(r"[#/]", iri)[-1]


def entity_id(iri: str) -> str:
    """An entity's identifier in the service: its IRI without the project's base.

    >>> entity_id("https://w3id.org/pactesur/concept/threat/ied")
    'concept/threat/ied'
    """
    return iri[len(BASE) :] if iri.startswith(BASE) else iri


def entity_iri(identifier: str) -> str:
    """The IRI of an identifier given in the service's form or as the full IRI.

    >>> entity_iri("resource/city/nice"), entity_iri("https://w3id.org/pactesur/resource/city/nice")
    ('https://w3id.org/pactesur/resource/city/nice', 'https://w3id.org/pactesur/resource/city/nice')
    """
    identifier = identifier.strip()
    if identifier.startswith(BASE):
        return identifier
    return BASE + identifier.lstrip("/")


@dataclass(frozen=True)
class Name:
    """One name of an entity: its text, language tag, kind (preferred, label, acronym, alias,
    or derived: a label without its parenthesised part) and normalised key."""

    text: str
    lang: str
    kind: str
    key: str


@dataclass(frozen=True)
class Value:
    """One value of a property: a link (``iri`` and ``label``) or a literal (``text`` and its
    ``datatype``)."""

    text: str
    datatype: str = ""
    iri: str | None = None
    label: str | None = None


@dataclass
class Entity:
    iri: str
    id: str
    name: str
    description: str | None
    classes: frozenset[str]
    types: tuple[str, ...]
    names: tuple[Name, ...]
    identifiers: frozenset[str] = frozenset()
    values: dict[str, tuple[Value, ...]] = field(default_factory=dict)


@dataclass
class EntityType:
    iri: str
    name: str
    names: tuple[Name, ...]
    description: str | None
    broader: tuple[str, ...]
    ancestors: frozenset[str]


@dataclass
class Property:
    id: str
    name: str
    description: str | None = None


@dataclass
class ReconIndex:
    entities: dict[str, Entity]
    types: dict[str, EntityType]
    properties: dict[str, Property]

    @classmethod
    def from_rows(
        cls,
        *,
        classes: Iterable[Row],
        entities: Iterable[Row],
        names: Iterable[Row],
        identifiers: Iterable[Row],
        values: Iterable[Row],
    ) -> ReconIndex:
        """The index from the rows of the query files (plain values of the bound variables)."""
        types = _types(classes)
        classes_of: dict[str, set[str]] = defaultdict(set)
        descriptions: dict[str, str] = {}
        for row in entities:
            if row["class"] in types:
                classes_of[row["entity"]].add(row["class"])
            if row.get("description"):
                descriptions.setdefault(row["entity"], row["description"])
        names_of: dict[str, list[Name]] = defaultdict(list)
        for row in names:
            if row["entity"] in classes_of:
                names_of[row["entity"]].append(
                    Name(row["name"], row.get("lang", ""), row["kind"], normalise(row["name"]))
                )
        keys_of: dict[str, set[str]] = defaultdict(set)
        for row in identifiers:
            keys_of[row["entity"]].add(iri_key(row["identifier"]))
        values_of, properties = _values(values, set(classes_of))
        found: dict[str, Entity] = {}
        for iri, entity_classes in classes_of.items():
            entity_names = _merge_names(names_of.get(iri, []))
            found[entity_id(iri)] = Entity(
                iri=iri,
                id=entity_id(iri),
                name=_display_name(entity_names, iri),
                description=descriptions.get(iri),
                classes=frozenset(entity_classes | {a for c in entity_classes for a in types[c].ancestors}),
                types=_most_specific(entity_classes, types),
                names=entity_names,
                identifiers=frozenset(keys_of.get(iri, set())),
                values=values_of.get(iri, {}),
            )
        for pid, (label, description) in IDENTIFIER_PROPERTIES.items():
            properties[pid] = Property(pid, label, description)
        return cls(entities=found, types=types, properties=properties)

    def find_type(self, given: str) -> EntityType | None:
        """A type by its IRI, ``pac:`` name or local name (any case).

        >>> city = EntityType(PAC + "City", "City", (), None, (), frozenset())
        >>> index = ReconIndex(entities={}, types={city.iri: city}, properties={})
        >>> [index.find_type(t) is not None for t in (PAC + "City", "pac:City", "city", "Town")]
        [True, True, True, False]
        """
        given = given.strip()
        if given in self.types:
            return self.types[given]
        local = given.removeprefix("pac:").lower()
        return next((t for iri, t in self.types.items() if iri[len(PAC) :].lower() == local), None)

    def find_property(self, given: str) -> Property | None:
        """A property by its identifier (an IRI of the ontology, or wikidata, geonames, sameAs),
        its ``pac:`` name or its local name (any case)."""
        given = given.strip()
        if given in self.properties:
            return self.properties[given]
        if given in _SAME_AS_ALIASES:
            return self.properties["sameAs"]
        local = re.sub(r"^(pac|skos|rdfs|dcterms):", "", given).lower()
        return next((p for pid, p in self.properties.items() if local_name(pid).lower() == local), None)

    def find_entity(self, identifier: str) -> Entity | None:
        """An entity by its identifier in the service or its IRI."""
        return self.entities.get(entity_id(entity_iri(identifier)))

    def type_ref(self, iri: str) -> dict[str, str]:
        """A type as the protocol writes it: id and name."""
        known = self.types.get(iri)
        return {"id": iri, "name": known.name if known else iri.rsplit("#", 1)[-1]}


def _types(rows: Iterable[Row]) -> dict[str, EntityType]:
    labels: dict[str, list[Name]] = defaultdict(list)
    definitions: dict[str, str] = {}
    broader: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        iri = row["class"]
        labels.setdefault(iri, [])
        if row.get("label"):
            labels[iri].append(Name(row["label"], row.get("labelLang", ""), "label", normalise(row["label"])))
        if row.get("definition"):
            definitions.setdefault(iri, row["definition"])
        if row.get("broader"):
            broader[iri].add(row["broader"])

    def ancestors(iri: str, seen: frozenset[str]) -> set[str]:
        found: set[str] = set()
        for parent in broader.get(iri, set()):
            if parent not in seen:
                found |= {parent} | ancestors(parent, seen | {parent})
        return found

    types: dict[str, EntityType] = {}
    for iri, names in labels.items():
        merged = _merge_names(names)
        types[iri] = EntityType(
            iri=iri,
            name=_display_name(merged, iri),
            names=merged,
            description=definitions.get(iri),
            broader=tuple(sorted(b for b in broader.get(iri, set()) if b in labels)),
            ancestors=frozenset(a for a in ancestors(iri, frozenset({iri})) if a in labels),
        )
    return types


def _values(
    rows: Iterable[Row], entities: set[str]
) -> tuple[dict[str, dict[str, tuple[Value, ...]]], dict[str, Property]]:
    collected: dict[str, dict[str, dict[str, Value]]] = defaultdict(lambda: defaultdict(dict))
    properties: dict[str, Property] = {}
    for row in rows:
        iri, prop, value = row["entity"], row["property"], row["value"]
        if iri not in entities:
            continue
        name = row.get("propertyLabel") or local_name(prop)
        properties.setdefault(prop, Property(prop, name))
        datatype = row.get("datatype", "")
        is_link = not datatype  # every literal has a datatype (RDF 1.1); links have none
        known = collected[iri][prop].get(value)
        label = row.get("valueLabel")
        if known is None or (label is not None and (known.label is None or label < known.label)):
            collected[iri][prop][value] = (
                Value(text=label or value, iri=value, label=label) if is_link else Value(text=value, datatype=datatype)
            )
    return (
        {iri: {prop: tuple(found[prop].values()) for prop in sorted(found)} for iri, found in collected.items()},
        properties,
    )


def _merge_names(names: Iterable[Name]) -> tuple[Name, ...]:
    """One name per (text, language), of its best kind (the inferred graph makes other names
    labels too: a name that is also an other name counts as one), plus each label without its
    parenthesised part (``ANCI Piemonte``, ``Halle``) as a derived name."""
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    for name in names:
        kinds[(name.text, name.lang)].add(name.kind)
    merged: dict[tuple[str, str], Name] = {}
    for (text, lang), found in kinds.items():
        if "alias" in found and "preferred" not in found:
            kind = "alias"
        else:
            kind = min(found, key=lambda k: _KIND_RANK.get(k, len(_KIND_RANK)))
        merged[(text, lang)] = Name(text, lang, kind, normalise(text))
    for text, lang in list(merged):
        short = _PARENTHESES.sub(" ", text).strip()
        if short and short != text and (short, lang) not in merged:
            merged[(short, lang)] = Name(short, lang, "derived", normalise(short))
    return tuple(sorted(merged.values(), key=lambda n: (_KIND_RANK.get(n.kind, 9), n.lang != "en", n.lang, n.text)))


def _display_name(names: tuple[Name, ...], iri: str) -> str:
    """The English preferred label or label, else any label, else the slug."""
    for kinds in (("preferred",), ("label",), ("preferred", "label", "acronym", "alias")):
        for lang in ("en", None):
            for name in names:
                if name.kind in kinds and (lang is None or name.lang == lang):
                    return name.text
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _most_specific(classes: set[str], types: dict[str, EntityType]) -> tuple[str, ...]:
    broader = {a for c in classes for a in types[c].ancestors}
    return tuple(sorted(c for c in classes if c not in broader))


def type_counts(index: ReconIndex, type_iri: str | None) -> Counter[str]:
    """How many entities of a type (all entities if None) have each property."""
    counts: Counter[str] = Counter()
    for entity in index.entities.values():
        if type_iri is not None and type_iri not in entity.classes:
            continue
        counts.update(entity.values.keys())
        schemes = {key.split(":", 1)[0] for key in entity.identifiers}
        counts.update(scheme for scheme in ("wikidata", "geonames") if scheme in schemes)
        if entity.identifiers:
            counts["sameAs"] += 1
    return counts


Select = Callable[[str], Awaitable[list[dict[str, str]]]]


async def load_index(queries_dir: Path, select: Select) -> ReconIndex:
    """Run the query files of ``queries_dir`` (``queries/reconcile/``) with ``select`` and build
    the index."""
    rows: dict[str, list[dict[str, str]]] = {}
    for name in QUERY_NAMES:
        query = await asyncio.to_thread(QueryFile.read, queries_dir / f"{name}.rq")
        rows[name] = await select(query.text)
    return await asyncio.to_thread(
        lambda: ReconIndex.from_rows(
            classes=rows["classes"],
            entities=rows["entities"],
            names=rows["names"],
            identifiers=rows["identifiers"],
            values=rows["values"],
        )
    )
