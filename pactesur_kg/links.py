"""Checking the links to external graphs (Wikidata, GeoNames, DBpedia, EuroVoc).

Reports links written in a non-canonical form, duplicated identifiers (one entity with two
Wikidata items, or two entities with the same item), and, as a to-do list for data
stewards, entities of a linked kind that have no link yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .engine.reader import Reader
from .sparql.queryfiles import QueryFiles

CANONICAL = {
    "wikidata": re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9][0-9]*$"),
    "geonames": re.compile(r"^http://sws\.geonames\.org/[1-9][0-9]*/$"),
    "dbpedia": re.compile(r"^http://dbpedia\.org/resource/.+$"),
    "eurovoc": re.compile(r"^http://eurovoc\.europa\.eu/[0-9]+$"),
}
_VARIANTS = [
    (
        re.compile(
            r"^https?://(?:www\.)?wikidata\.org/(?:wiki|entity|wiki/Special:EntityData)/(Q[1-9][0-9]*)(?:\.\w+)?$"
        ),
        "http://www.wikidata.org/entity/{}",
    ),
    (re.compile(r"^https?://(?:sws\.|www\.)?geonames\.org/([1-9][0-9]*)(?:/.*)?$"), "http://sws.geonames.org/{}/"),
    (re.compile(r"^https://dbpedia\.org/(?:resource|page)/(.+)$"), "http://dbpedia.org/resource/{}"),
]


def canonical_form(target: str) -> str | None:
    """The canonical IRI of a link written in a known variant form, or None.

    >>> canonical_form("https://www.wikidata.org/wiki/Q90")
    'http://www.wikidata.org/entity/Q90'
    >>> canonical_form("https://sws.geonames.org/2988507/")
    'http://sws.geonames.org/2988507/'
    """
    for pattern, template in _VARIANTS:
        if match := pattern.match(target):
            candidate = template.format(match.group(1))
            return candidate if candidate != target else None
    return None


def target_kind(target: str) -> str | None:
    for kind, pattern in CANONICAL.items():
        if pattern.match(target):
            return kind
    return None


@dataclass
class LinkReport:
    wrong_form: list[dict[str, str]] = field(default_factory=list)
    duplicates: list[dict[str, str]] = field(default_factory=list)
    missing: list[dict[str, str]] = field(default_factory=list)
    links: int = 0

    @property
    def ok(self) -> bool:
        """No wrong form and no duplicate (missing links are a to-do list, not an error)."""
        return not self.wrong_form and not self.duplicates

    def to_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "links": self.links,
            "wrong_form": self.wrong_form,
            "duplicates": self.duplicates,
            "missing": self.missing,
        }


async def check_links(reader: Reader, queries: QueryFiles) -> LinkReport:
    report = LinkReport()
    wikidata_of: dict[str, list[str]] = {}
    entities_of: dict[str, list[str]] = {}
    for row in await reader.values(queries.text("service/links")):
        entity, prop, target = row["entity"], row["property"], row["target"]
        report.links += 1
        kind = target_kind(target)
        if kind is None:
            suggestion = canonical_form(target)
            report.wrong_form.append(
                {"entity": entity, "property": prop, "target": target, "canonical": suggestion or ""}
            )
            continue
        if kind == "wikidata" and prop.endswith("#sameAs"):
            wikidata_of.setdefault(entity, []).append(target)
            entities_of.setdefault(target, []).append(entity)
    for entity, targets in sorted(wikidata_of.items()):
        if len(targets) > 1:
            report.duplicates.append(
                {"entity": entity, "problem": "several Wikidata items", "targets": " ".join(targets)}
            )
    for target, entities in sorted(entities_of.items()):
        if len(entities) > 1:
            report.duplicates.append(
                {"target": target, "problem": "one Wikidata item for several entities", "entities": " ".join(entities)}
            )
    for row in await reader.values(queries.text("service/unlinked")):
        report.missing.append({"entity": row["entity"], "class": row["class"].rsplit("#", 1)[-1]})
    return report
