"""The candidates of one reconciliation query, best first.

Each entity of the asked types (subclasses included; every type if none is asked) gets a
score from 0 to 100:

- its best name (any language, other names and acronyms included) against the query
  (``scoring.name_score``; a name derived by dropping a parenthesised part counts 95 %);
- an identifier given as a property (``wikidata``, ``geonames``, ``sameAs``) or as the query
  itself decides: the entity linked to it scores 100, one linked to another identifier of
  that scheme loses 40;
- each other property adds 10 when one of the entity's values is one of those given, and
  takes 30 off when the entity has values but none of them.

Candidates under 50 are dropped. The best candidate is a ``match`` when it is the only one
with an identifier given in the query, or when one of its names equals the query (score 100),
no other candidate has a name equal to it, and the next candidate is at least 10 behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .batch import MalformedInput, PropertyValue, Query
from .identifiers import SCHEMES, keys_of, query_keys
from .index import Entity, Property, ReconIndex, Value, entity_id, entity_iri
from .scoring import EXACT, name_score, normalise

MIN_SCORE = 50.0
"""Candidates scoring less are not returned."""

MARGIN = 10.0
"""How far ahead of the next candidate an exact name must be to be a match."""

DERIVED_WEIGHT = 0.95
IDENTIFIER_CONFLICT = 40.0
PROPERTY_AGREES = 10.0
PROPERTY_DISAGREES = 30.0


@dataclass
class Candidate:
    entity: Entity
    score: float
    name_score: float
    identifier: bool
    agreeing: int
    disagreeing: int
    match: bool = False

    def as_json(self, index: ReconIndex) -> dict[str, Any]:
        """The candidate as the protocol writes it."""
        found: dict[str, Any] = {
            "id": self.entity.id,
            "name": self.entity.name,
            "score": self.score,
            "match": self.match,
            "type": [index.type_ref(t) for t in self.entity.types],
            "features": [
                {"id": "name_score", "value": self.name_score},
                {"id": "identifier_match", "value": self.identifier},
                {"id": "properties_agreeing", "value": self.agreeing},
                {"id": "properties_disagreeing", "value": self.disagreeing},
            ],
        }
        if self.entity.description:
            found["description"] = self.entity.description
        return found


def check_properties(index: ReconIndex, query: Query, key: str) -> list[tuple[Property, PropertyValue]]:
    """The properties of a query, each with the known property it names, or an error naming
    the first unknown one."""
    found = []
    for position, given in enumerate(query.properties):
        known = index.find_property(given.pid)
        if known is None:
            raise MalformedInput(
                f"queries: {key}.properties[{position}].pid: unknown property {given.pid!r}; "
                "GET /reconcile/suggest/property?prefix=… or /reconcile/properties?type=… lists them"
            )
        found.append((known, given))
    return found


def candidates(index: ReconIndex, query: Query, key: str = "q0") -> list[Candidate]:
    """The candidates of ``query``, best first, the first flagged as a match when it is one."""
    properties = check_properties(index, query, key)
    wanted = [index.find_type(t) for t in query.types]
    wanted_iris = [t.iri for t in wanted if t is not None]
    if wanted and (not wanted_iris or (query.type_strict == "all" and len(wanted_iris) < len(wanted))):
        return []  # an unknown type has no instances
    text = normalise(query.query) if query.query else ""
    asked_keys = query_keys(query.query) if query.query else set()
    itself = index.find_entity(query.query) if query.query and "/" in query.query else None
    found: list[Candidate] = []
    for entity in index.entities.values():
        if wanted_iris and not _of_types(entity, wanted_iris, query.type_strict):
            continue
        candidate = _score(index, entity, text, asked_keys, properties, itself)
        if candidate.score >= MIN_SCORE or candidate.identifier:
            found.append(candidate)
    found.sort(key=lambda c: (-c.score, -c.name_score, c.entity.name.lower(), c.entity.id))
    _decide(found)
    return found[: query.limit]


def _of_types(entity: Entity, types: list[str], strict: str) -> bool:
    if strict == "all":
        return all(t in entity.classes for t in types)
    return any(t in entity.classes for t in types)


def _score(
    index: ReconIndex,
    entity: Entity,
    text: str,
    asked_keys: set[str],
    properties: list[tuple[Property, PropertyValue]],
    itself: Entity | None,
) -> Candidate:
    names = 0.0
    if text:
        for name in entity.names:
            score = name_score(text, name.key)
            names = max(names, score * DERIVED_WEIGHT if name.kind == "derived" else score)
            if names == EXACT:
                break
    identifier = bool(asked_keys & entity.identifiers) or entity is itself
    conflict = False
    agreeing = disagreeing = 0
    for prop, given in properties:
        if prop.id in SCHEMES or prop.id == "sameAs":
            keys = {k for value in given.values for k in keys_of(prop.id, value)}
            scheme_keys = {k for k in entity.identifiers if prop.id == "sameAs" or k.startswith(prop.id + ":")}
            if keys & entity.identifiers:
                identifier = True
            elif keys and scheme_keys and prop.id != "sameAs":
                conflict = True
            continue
        values = entity.values.get(prop.id, ())
        if any(_agrees(index, value, given.values) for value in values):
            agreeing += 1
        elif values:
            disagreeing += 1
    # without a query, the share of the given properties the entity agrees with
    score = names if text else (90.0 * agreeing / len(properties) if properties else 0.0)
    score += PROPERTY_AGREES * agreeing - PROPERTY_DISAGREES * disagreeing
    if conflict:
        score -= IDENTIFIER_CONFLICT
    if identifier:
        score = EXACT
    score = round(max(0.0, min(EXACT, score)), 1)
    return Candidate(entity, score, round(names, 1), identifier, agreeing, disagreeing)


def _agrees(index: ReconIndex, value: Value, given: tuple[str | int | float | bool, ...]) -> bool:
    """Whether a value of an entity is one of the given values: the same number or boolean, the
    same text whatever its case and accents, or the same linked entity (by id, IRI, slug or any
    of its names)."""
    linked = index.entities.get(entity_id(value.iri)) if value.iri else None
    for wanted in given:
        if isinstance(wanted, bool):
            if value.text.lower() == str(wanted).lower():
                return True
            continue
        if isinstance(wanted, (int, float)):
            try:
                if float(value.text) == float(wanted):
                    return True
            except ValueError:
                pass
            continue
        if value.iri is not None and entity_iri(wanted) == value.iri:
            return True
        if normalise(wanted) in {normalise(value.text), normalise(value.label or "")} - {""}:
            return True
        if value.iri is not None and normalise(wanted) == normalise(entity_id(value.iri).rsplit("/", 1)[-1]):
            return True
        if linked is not None and normalise(wanted) in {name.key for name in linked.names}:
            return True
    return False


def _decide(found: list[Candidate]) -> None:
    if not found:
        return
    top = found[0]
    rest = found[1:]
    if top.identifier:
        top.match = not any(c.identifier for c in rest)
        return
    next_score = rest[0].score if rest else 0.0
    top.match = (
        top.name_score == EXACT
        and top.score == EXACT
        and not any(c.name_score == EXACT for c in rest)
        and top.score - next_score >= MARGIN
    )
