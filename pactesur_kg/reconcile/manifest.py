"""The service manifest: what the service is and where its parts are.

>>> from .index import ReconIndex
>>> m = manifest(ReconIndex({}, {}, {}), "http://127.0.0.1:8000/", "0.1.0")
>>> m["identifierSpace"], m["view"]["url"], m["suggest"]["entity"]["service_path"]
('https://w3id.org/pactesur/', 'http://127.0.0.1:8000/{{id}}', '/reconcile/suggest/entity')
"""

from __future__ import annotations

from typing import Any

from ..namespaces import BASE, ONTOLOGY
from .index import ROOT_TYPES, ReconIndex

PREVIEW_WIDTH = 420
PREVIEW_HEIGHT = 180
BATCH_SIZE = 100
"""Queries per batch the service answers (larger batches get 413)."""


def manifest(index: ReconIndex, base_url: str, version: str) -> dict[str, Any]:
    """The manifest, with the service's URLs under ``base_url`` (where it is served)."""
    base = base_url.rstrip("/")
    return {
        "versions": ["0.2"],
        "name": "PACTESUR knowledge graph (cities, organisations, incidents, threats, measures)",
        "identifierSpace": BASE,
        "schemaSpace": ONTOLOGY,
        "serviceVersion": version,
        "documentation": f"{base}/ontology",
        "defaultTypes": [index.type_ref(f"{ONTOLOGY}{name}") for name in ROOT_TYPES],
        # an id is the IRI without https://w3id.org/pactesur/: resource/city/nice is served at /resource/city/nice
        "view": {"url": f"{base}/{{{{id}}}}"},
        "preview": {"url": f"{base}/reconcile/preview?id={{{{id}}}}", "width": PREVIEW_WIDTH, "height": PREVIEW_HEIGHT},
        "suggest": {
            kind: {"service_url": base, "service_path": f"/reconcile/suggest/{kind}"}
            for kind in ("entity", "type", "property")
        },
        "extend": {
            "propose_properties": {"service_url": base, "service_path": "/reconcile/properties"},
            "property_settings": [],
        },
        "batchSize": BATCH_SIZE,
    }
