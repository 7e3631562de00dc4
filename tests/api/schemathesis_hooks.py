"""Schemathesis hooks for ``test_schemathesis.py`` (loaded through ``SCHEMATHESIS_HOOKS``):
a SPARQL query body is text, sent as it is (schemathesis knows no serializer for
``application/sparql-query`` otherwise, and stops at the documented example)."""

from __future__ import annotations

import schemathesis

schemathesis.serializer.alias("application/sparql-query", "text/plain")
