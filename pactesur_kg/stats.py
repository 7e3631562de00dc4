"""Statistics of a built graph."""

from __future__ import annotations

from .namespaces import ONTOLOGY
from .store import Store

_INSTANCES_PER_CLASS = """
SELECT ?class (COUNT(DISTINCT ?instance) AS ?instances) WHERE {
  ?instance a ?class .
  FILTER(STRSTARTS(STR(?class), STR(pac:)))
}
GROUP BY ?class
ORDER BY ?class
"""


def instances_per_class(store: Store) -> dict[str, int]:
    """Instances of each class of the ontology (with the inferred types: a pac:Square is a pac:PublicSpace too)."""
    return {
        "pac:" + str(row["class"].value)[len(ONTOLOGY) :]: int(row["instances"].value)
        for row in store.select(_INSTANCES_PER_CLASS)
    }
