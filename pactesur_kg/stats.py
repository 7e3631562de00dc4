"""Statistics of a built graph."""

from __future__ import annotations

from .engine.reader import Reader
from .namespaces import ONTOLOGY
from .sparql.queryfiles import QueryFiles


async def instances_per_class(reader: Reader, queries: QueryFiles) -> dict[str, int]:
    """Instances of each class of the ontology (with the inferred types: a pac:Square is a pac:PublicSpace too)."""
    rows = await reader.values(queries.text("service/instances-per-class"))
    return {"pac:" + row["class"][len(ONTOLOGY) :]: int(row["instances"]) for row in rows}
