"""The answer of ``/api/recommendations``, assembled from the rows of two query files.

``queries/api/recommendations.rq`` gives the asked threat, the measures with why (the
recommendations, who makes them, the kinds of evidence and the lessons learnt they rest on,
and their sources), how
many cities piloted each measure, and the incidents of the threat (their number and up to
20). ``queries/api/recommendation-details.rq`` gives,
for one measure of the page, up to 11 pilots and 11 lessons learnt: 10 are shown, an
eleventh says there are more. So the answer's cost follows the page, not the size of the
graph (apart from two counts by index scans; counting lessons learnt would mean looking up
the type of everything about a measure, so they are not counted); the full lists are
paginated by ``/api/lessons`` and ``/api/incidents``, which the answer links to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from .facade import Row, slug_of
from .shaping import ref

RELATIONS = {"exact": 0, "narrower": 1, "broader": 2}
"""How the threat a measure mitigates relates to the asked one, in ranking order."""

SHOWN = 10
"""Pilots and lessons learnt shown per measure (the details query asks for one more)."""


def _list_link(path: str, **filters: str) -> str:
    return f"{path}?{urlencode(filters)}"


@dataclass
class Overview:
    """What ``recommendations.rq`` says: the asked threat, the ranked measures, incidents."""

    threat_label: str | None
    threat_label_lang: str | None
    entries: list[dict[str, Any]]
    incidents: list[dict[str, Any]]
    incidents_total: int


def _entry(row: Row) -> dict[str, Any]:
    return {
        "measure": ref(row["measure"], row.get("measureLabel"), row.get("measureLabelLang")),
        "relation": row["relation"],
        "mitigates": [],
        "why": [],
        "pilotedIn": [],
        "pilotedInTotal": 0,
        "morePilots": False,
        "lessons": [],
        "moreLessons": False,
        "more": {"lessons": _list_link("/api/lessons", measure=slug_of(row["measure"]))},
    }


def _add_why(entry: dict[str, Any], row: Row) -> None:
    found = next((item for item in entry["why"] if item["iri"] == row["item"]), None)
    if found is None:
        found = {
            **ref(row["item"], row.get("itemLabel"), row.get("itemLabelLang")),
            "statement": row.get("statement"),
            "statementLang": row.get("statementLang"),
            "rationale": row.get("rationale"),
            "recommendedBy": [],
            "evidenceKind": [],
            "basedOn": [],
            "rationaleLang": row.get("rationaleLang"),
            "against": [],
            "sources": [],
        }
        entry["why"].append(found)
    if "source" in row and row["source"] not in found["sources"]:
        found["sources"].append(row["source"])
    if slug_of(row["mitigated"]) not in found["against"]:
        found["against"].append(slug_of(row["mitigated"]))


def _add_incident(incidents: dict[str, dict[str, Any]], row: Row) -> None:
    incident = incidents.setdefault(
        row["item"],
        {
            **ref(row["item"], row.get("itemLabel"), row.get("itemLabelLang")),
            "date": row.get("date"),
            "cities": [],
            "threatTypes": [],
        },
    )
    if "city" in row and all(city["iri"] != row["city"] for city in incident["cities"]):
        incident["cities"].append(ref(row["city"], row.get("cityLabel"), row.get("cityLabelLang")))
    if slug_of(row["mitigated"]) not in incident["threatTypes"]:
        incident["threatTypes"].append(slug_of(row["mitigated"]))


def overview(rows: list[Row], recommended_only: bool = False) -> Overview | None:
    """The overview in the rows of ``recommendations.rq``; None for an unknown threat.

    ``recommended_only``: the query kept only the recommendations of one recommender, so a
    measure without any of them is left out (its measure rows come whoever recommends it)."""
    asked = next((row for row in rows if row.get("part") == "threat"), None)
    if asked is None:
        return None
    entries: dict[tuple[str, str], dict[str, Any]] = {}
    pilot_counts: dict[str, int] = {}
    incidents: dict[str, dict[str, Any]] = {}
    incidents_total = 0
    recommenders: dict[str, dict[str, dict[str, Any]]] = {}
    evidence: dict[str, dict[str, dict[str, Any]]] = {}
    lessons: dict[str, dict[str, dict[str, Any]]] = {}
    # what a recommendation names beyond itself, by the part that gives it
    named = {"recommended-by": recommenders, "evidence-kind": evidence, "based-on": lessons}
    for row in rows:
        part = row.get("part")
        if part in ("measure", "recommendation", *named):
            entry = entries.setdefault((row["measure"], row["relation"]), _entry(row))
            if part == "recommendation":
                _add_why(entry, row)
                continue
            if part in named:
                named[part].setdefault(row["item"], {}).setdefault(
                    row["by"], ref(row["by"], row.get("byLabel"), row.get("byLabelLang"))
                )
                continue
            # the labels come with the measure rows
            entry["measure"]["label"] = row.get("measureLabel")
            entry["measure"]["labelLang"] = row.get("measureLabelLang")
            if all(threat["iri"] != row["mitigated"] for threat in entry["mitigates"]):
                mitigated = ref(row["mitigated"], row.get("mitigatedLabel"), row.get("mitigatedLabelLang"))
                entry["mitigates"].append(mitigated)
        elif part == "pilot-count":
            pilot_counts[row["measure"]] = int(row["count"])
        elif part == "incident-count":
            incidents_total = int(row["count"])
        elif part == "incident":
            _add_incident(incidents, row)
    for entry in entries.values():
        entry["pilotedInTotal"] = pilot_counts.get(entry["measure"]["iri"], 0)
        entry["mitigates"].sort(key=lambda threat: (threat["label"] or "", threat["slug"]))
        entry["why"].sort(key=lambda why: why["iri"])
        for why in entry["why"]:
            why["sources"].sort()
            why["against"].sort()
            by = recommenders.get(why["iri"], {})
            why["recommendedBy"] = sorted(by.values(), key=lambda who: (who["label"] or "", who["slug"]))
            kinds = evidence.get(why["iri"], {})
            why["evidenceKind"] = sorted(kinds.values(), key=lambda kind: kind["slug"])
            behind = lessons.get(why["iri"], {})
            why["basedOn"] = sorted(behind.values(), key=lambda lesson: lesson["slug"])
    kept = [entry for entry in entries.values() if entry["why"] or not recommended_only]
    ranked = sorted(
        kept,
        key=lambda entry: (
            RELATIONS.get(entry["relation"], len(RELATIONS)),
            -len(entry["why"]),
            entry["measure"]["label"] or "",
            entry["measure"]["slug"],
        ),
    )
    for incident in incidents.values():
        incident["cities"].sort(key=lambda city: (city["label"] or "", city["slug"]))
        incident["threatTypes"].sort()
    ordered = sorted(incidents.values(), key=lambda incident: (incident["date"] or "", incident["slug"]))
    return Overview(asked.get("mitigatedLabel"), asked.get("mitigatedLabelLang"), ranked, ordered, incidents_total)


def add_details(entry: dict[str, Any], rows: list[Row]) -> None:
    """Fill the pilots (grouped by city) and lessons learnt of ``entry`` from the rows of
    ``recommendation-details.rq`` for its measure: the first ``SHOWN`` of each, and whether
    there are more."""
    pilots: dict[str, list[Row]] = {}
    lessons: dict[str, list[Row]] = {}
    for row in rows:
        found = pilots if row.get("part") == "pilot" else lessons if row.get("part") == "lesson" else None
        if found is not None:
            found.setdefault(row["item"], []).append(row)
    cities: dict[str, dict[str, Any]] = {}
    for pilot, pilot_rows in list(pilots.items())[:SHOWN]:
        for row in pilot_rows:
            city = cities.setdefault(
                row["city"], {**ref(row["city"], row.get("cityLabel"), row.get("cityLabelLang")), "pilots": []}
            )
            if pilot not in city["pilots"]:
                city["pilots"].append(pilot)
    shown_lessons = []
    for lesson, lesson_rows in list(lessons.items())[:SHOWN]:
        first = lesson_rows[0]
        sources = sorted({row["source"] for row in lesson_rows if "source" in row})
        shown_lessons.append(
            {
                **ref(lesson, first.get("itemLabel"), first.get("itemLabelLang")),
                "statement": first.get("statement"),
                "statementLang": first.get("statementLang"),
                "sources": sources,
            }
        )
    entry["pilotedIn"] = sorted(cities.values(), key=lambda city: (city["label"] or "", city["slug"]))
    entry["morePilots"] = len(pilots) > SHOWN
    entry["lessons"] = sorted(shown_lessons, key=lambda lesson: lesson["iri"])
    entry["moreLessons"] = len(lessons) > SHOWN


def incidents_link(threat: str) -> str:
    """The paginated list of every incident of the threat.

    >>> incidents_link("vehicle-as-weapon")
    '/api/incidents?threat=vehicle-as-weapon'
    """
    return _list_link("/api/incidents", threat=threat)
