"""The accepted contributions as an Atom feed (RFC 4287), newest first."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

_ATOM = "http://www.w3.org/2005/Atom"


def atom_feed(changes: list[dict[str, Any]], base: str) -> bytes:
    """A feed of ``changes`` (as :func:`~pactesur_kg.contributions.workflow.changes_in` gives
    them) with links under ``base`` (the server's URL).

    >>> feed = atom_feed([{"id": "0001", "graph": "https://w3id.org/pactesur/graph/contributions/0001",
    ...     "submitter": "City of Liège", "curator": "Efus", "submitted": "2026-12-01T10:00:00Z",
    ...     "accepted": "2026-12-02T09:00:00Z", "message": "a lesson", "added": 7, "removed": 0}],
    ...     "http://127.0.0.1:8000")
    >>> b"<title>Contribution 0001 by City of Li\\xc3\\xa8ge</title>" in feed
    True
    """
    ET.register_namespace("", _ATOM)
    feed = ET.Element(f"{{{_ATOM}}}feed")
    ET.SubElement(feed, f"{{{_ATOM}}}id").text = f"{base}/changes"
    ET.SubElement(feed, f"{{{_ATOM}}}title").text = "PACTESUR knowledge graph: accepted contributions"
    ET.SubElement(feed, f"{{{_ATOM}}}link", href=f"{base}/changes?format=atom", rel="self")
    newest = max((c["accepted"] for c in changes), default="1970-01-01T00:00:00Z")
    ET.SubElement(feed, f"{{{_ATOM}}}updated").text = newest
    author = ET.SubElement(feed, f"{{{_ATOM}}}author")
    ET.SubElement(author, f"{{{_ATOM}}}name").text = "PACTESUR knowledge graph"
    for change in sorted(changes, key=lambda c: (c["accepted"], c["id"]), reverse=True):
        entry = ET.SubElement(feed, f"{{{_ATOM}}}entry")
        ET.SubElement(entry, f"{{{_ATOM}}}id").text = change["graph"]
        ET.SubElement(entry, f"{{{_ATOM}}}title").text = f"Contribution {change['id']} by {change['submitter']}"
        ET.SubElement(entry, f"{{{_ATOM}}}updated").text = change["accepted"]
        ET.SubElement(entry, f"{{{_ATOM}}}published").text = change["submitted"]
        writer = ET.SubElement(entry, f"{{{_ATOM}}}author")
        ET.SubElement(writer, f"{{{_ATOM}}}name").text = change["submitter"]
        ET.SubElement(entry, f"{{{_ATOM}}}link", href=f"{base}/contributions/{change['id']}")
        summary = f"{change['added']} statement(s) added, {change['removed']} removed; accepted by {change['curator']}."
        if change.get("message"):
            summary = f"{change['message']} ({summary})"
        ET.SubElement(entry, f"{{{_ATOM}}}summary").text = summary
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body
