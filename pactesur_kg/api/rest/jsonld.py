"""The JSON-LD answers of the REST routes: the JSON answer with a published ``@context``
(``CONTEXT``, served at /api/context.jsonld) and each resource made a node, so that a JSON-LD
processor reads from it only statements the graph holds.

The context maps the keys of the answers to the predicates their query files read; the keys
the service computes (slugs, relations, totals, paging, links, the query) are left out of it,
so JSON-LD processors drop them. What the context cannot say, :func:`linked` writes into the
answer (see ``docs/decisions/2026-12-07-jsonld-rest.md``):

- each object with an ``iri`` gets the ``@type`` of its kind (the class every resource of that
  kind has, e.g. ``pac:City`` for ``resource/city/…``) and of its ``type`` or ``kind`` when
  that names a class of the ontology;
- texts become values in their language (``label`` with ``labelLang``, …); a text whose
  language the answer does not give becomes ``null`` (no statement rather than a wrong one);
- dates get their datatype (``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear`` by their form),
  a population its value and year;
- slugs standing for concepts (``broader`` of a scheme's list, ``against``, the threat types
  of an incident in ``/api/recommendations``) become their IRIs;
- a lesson's ``concerns`` is split by the kind of concept into ``concernsThreat`` and
  ``concernsMeasure``, the two properties it is read from;
- an entry of ``/api/recommendations`` is the node of its ``measure``;
- a list or an overview (an answer without ``iri``) keeps none of its own keys that the
  context maps to a property (the echo of a filter such as ``recommendedBy``): they would be
  statements about a blank node.
"""

from __future__ import annotations

import re
from typing import Any

from ...namespaces import BASE, CONCEPT, ONTOLOGY

XSD = "http://www.w3.org/2001/XMLSchema#"

CLASS_OF_KIND = {
    "resource/city": "City",
    "resource/event": "Event",
    "resource/incident": "Incident",
    "resource/lesson": "LessonLearnt",
    "resource/membership": "Membership",
    "resource/organisation": "Organisation",
    "resource/person": "Person",
    "resource/pilot": "Pilot",
    "resource/programme": "FundingProgramme",
    "resource/project": "Project",
    "resource/public-space": "PublicSpace",
    "resource/publication": "Publication",
    "resource/recommendation": "Recommendation",
    "resource/work-package": "WorkPackage",
    "concept/threat": "Threat",
    "concept/measure": "Measure",
    "concept/role": "Role",
    "concept/evidence": "EvidenceKind",
}
"""The class every resource of a kind (the first segments of its IRI) has in the graph."""


def _link(predicate: str) -> dict[str, str]:
    return {"@id": predicate, "@type": "@id"}


def _reverse(predicate: str) -> dict[str, str]:
    return {"@reverse": predicate, "@type": "@id"}


_CONCEPT_TERMS = {"label": {"@id": "skos:prefLabel"}, "narrower": _reverse("skos:broader")}
_SCOPED: dict[str, dict[str, Any]] = {
    # concepts are named by skos:prefLabel; "narrower" is read as "broader" the other way
    "Threat": _CONCEPT_TERMS,
    "Role": _CONCEPT_TERMS,
    "EvidenceKind": _CONCEPT_TERMS,
    "Measure": {
        **_CONCEPT_TERMS,
        "mitigates": _link("pac:mitigates"),
        "why": _reverse("pac:recommendsMeasure"),
        "lessons": _reverse("pac:concernsMeasure"),
        "pilotedIn": _link("pac:pilotedIn"),
    },
    # what a city's page lists: what happened, was piloted or held there, what was learnt from it
    "City": {
        "incidents": _reverse("pac:inCity"),
        "pilots": _reverse("pac:inCity"),
        "events": _reverse("pac:inCity"),
        "lessons": _reverse("pac:learntFrom"),
    },
    # an event's "date" on a city's page is its start date
    "Event": {"date": {"@id": "pac:startDate"}},
    # a publication's date is its pac:date or its dcterms:issued, whichever it has: the answer
    # does not say which, so it makes no statement
    "Publication": {"date": None},
    # an organisation's city is the one it is based in
    "Organisation": {"cities": _link("pac:basedIn")},
    # the recommendations based on a lesson: pac:basedOnLesson read the other way
    "LessonLearnt": {"recommendations": _reverse("pac:basedOnLesson")},
}

CONTEXT: dict[str, Any] = {
    "@context": {
        "@version": 1.1,
        "pac": ONTOLOGY,
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "dcterms": "http://purl.org/dc/terms/",
        "owl": "http://www.w3.org/2002/07/owl#",
        "xsd": XSD,
        "iri": "@id",
        # the resources of a page, a tree, an overview: nodes of their own, not properties
        "items": "@included",
        "tree": "@included",
        "threat": "@included",
        "incidents": "@included",
        "label": {"@id": "rdfs:label"},
        "definition": {"@id": "skos:definition"},
        "statement": {"@id": "pac:statement"},
        "rationale": {"@id": "pac:rationale"},
        "description": {"@id": "dcterms:description"},
        "date": {"@id": "pac:date"},
        "startDate": {"@id": "pac:startDate"},
        "endDate": {"@id": "pac:endDate"},
        "killed": {"@id": "pac:killed"},
        "injured": {"@id": "pac:injured"},
        "population": {"@id": "pac:population"},
        "populationYear": {"@id": "pac:populationYear"},
        "countryCode": {"@id": "pac:countryCode"},
        "country": {"@id": "pac:countryCode"},
        "identifier": {"@id": "dcterms:identifier"},
        "sources": _link("dcterms:source"),
        "sameAs": _link("owl:sameAs"),
        "cities": _link("pac:inCity"),
        "publicSpaces": _link("pac:atPublicSpace"),
        "threatTypes": _link("pac:threatType"),
        "protectionHeld": _link("pac:protectionHeld"),
        "protectionBreached": _link("pac:protectionBreached"),
        "protectionBypassed": _link("pac:protectionBypassed"),
        "protectionAbsent": _link("pac:protectionAbsent"),
        "against": _link("pac:againstThreat"),
        "recommendedBy": _link("pac:recommendedBy"),
        "evidenceKind": _link("pac:evidenceKind"),
        "basedOn": _link("pac:basedOnLesson"),
        "learntFrom": _link("pac:learntFrom"),
        "concernsThreat": _link("pac:concernsThreat"),
        "concernsMeasure": _link("pac:concernsMeasure"),
        "organisedBy": _link("pac:organisedBy"),
        "publishers": _link("pac:publisher"),
        "broader": _link("skos:broader"),
        **{
            name: {"@id": f"pac:{name}", **({"@context": _SCOPED[name]} if name in _SCOPED else {})}
            for name in sorted(set(CLASS_OF_KIND.values()))
        },
    }
}
"""The context of the JSON-LD answers, served at /api/context.jsonld."""

_TEXTS = ("label", "definition", "statement", "rationale", "description")
_DATES = ("date", "startDate", "endDate")
_THREAT_SLUGS = ("against", "threatTypes")
_CLASS_NAME = re.compile(r"[A-Z][A-Za-z]*")
_DATE_TYPES = (
    (re.compile(r"-?\d{4,}-\d{2}-\d{2}"), "date"),
    (re.compile(r"-?\d{4,}-\d{2}"), "gYearMonth"),
    (re.compile(r"-?\d{4,}"), "gYear"),
)


def class_of(iri: str) -> str | None:
    """The class term of a resource of the graph by its kind.

    >>> class_of("https://w3id.org/pactesur/resource/city/nice"), class_of("https://example.org/x")
    ('City', None)
    """
    if not iri.startswith(BASE):
        return None
    kind = "/".join(iri[len(BASE) :].split("/")[:2])
    return CLASS_OF_KIND.get(kind)


def dated(value: str) -> dict[str, str] | str:
    """A date of the graph with its datatype, by its form (a day, a month or a year).

    >>> dated("2016-07-14"), dated("2022-05"), dated("2021")
    ({'@value': '2016-07-14', '@type': 'xsd:date'}, {'@value': '2022-05', '@type': 'xsd:gYearMonth'}, \
{'@value': '2021', '@type': 'xsd:gYear'})
    """
    for pattern, datatype in _DATE_TYPES:
        if pattern.fullmatch(value):
            return {"@value": value, "@type": f"xsd:{datatype}"}
    return value


def linked(answer: dict[str, Any], context: str) -> dict[str, Any]:
    """The JSON-LD answer of a REST route from its JSON answer, with ``context`` (the URL of
    :data:`CONTEXT`) as its ``@context``.

    >>> city = {"slug": "nice", "iri": BASE + "resource/city/nice", "label": "Nice", "labelLang": "en"}
    >>> answer = linked({"total": 1, "items": [city]}, "/api/context.jsonld")
    >>> answer["items"][0]["@type"], answer["items"][0]["label"]
    (['City'], {'@value': 'Nice', '@language': 'en'})
    """
    shaped = _shape(answer)
    if "iri" not in shaped:
        # a list or an overview is no resource: its keys that would be statements (the echo of
        # a filter, such as recommendedBy=) would be about a blank node, so they are left out
        terms = CONTEXT["@context"]
        shaped = {key: value for key, value in shaped.items() if key not in terms or terms[key] == "@included"}
    return {"@context": context, **shaped}


def _shape(value: Any) -> Any:
    if isinstance(value, list):
        return [_shape(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "iri" not in value and isinstance(value.get("measure"), dict) and "iri" in value["measure"]:
        measure = value["measure"]
        value = {**value, "iri": measure["iri"], "label": measure.get("label"), "labelLang": measure.get("labelLang")}
    shaped = {key: _shape(item) for key, item in value.items()}
    if isinstance(value.get("iri"), str):
        _node(shaped)
    return shaped


def _node(node: dict[str, Any]) -> None:
    """Make a resource of an answer a JSON-LD node (in place)."""
    iri: str = node["iri"]
    types = [name for name in (class_of(iri),) if name]
    for key in ("type", "kind"):
        named = node.get(key)
        if isinstance(named, str) and _CLASS_NAME.fullmatch(named) and f"pac:{named}" not in types:
            types.append(named if named in CLASS_OF_KIND.values() else f"pac:{named}")
    if types:
        node["@type"] = list(dict.fromkeys(types))
    for key in _TEXTS:
        if isinstance(node.get(key), str):
            language = node.get(f"{key}Lang")
            node[key] = {"@value": node[key], "@language": language} if language else None
    for key in _DATES:
        if isinstance(node.get(key), str):
            node[key] = dated(node[key])
    population = node.get("population")
    if isinstance(population, dict):
        node["population"] = population.get("value")
        year = population.get("year")
        node["populationYear"] = {"@value": year, "@type": "xsd:gYear"} if year else None
    for key in _THREAT_SLUGS:
        if key in node:
            node[key] = [f"{CONCEPT}threat/{item}" if isinstance(item, str) else item for item in node[key]]
    if iri.startswith(CONCEPT):
        scheme = iri.rsplit("/", 1)[0]
        for key in ("broader", "narrower"):
            if key in node:
                node[key] = [f"{scheme}/{item}" if isinstance(item, str) else item for item in node[key]]
    if "concerns" in node:
        concerns = node.pop("concerns")
        node["concernsThreat"] = [item for item in concerns if class_of(item.get("iri", "")) == "Threat"]
        node["concernsMeasure"] = [item for item in concerns if class_of(item.get("iri", "")) == "Measure"]
