"""An entity's card for the preview service: name, types, description, external
identifiers and a link to its page, sized for the iframe the manifest declares.

>>> from .index import Entity
>>> iri = "https://w3id.org/pactesur/resource/city/nice"
>>> nice = Entity(iri, "resource/city/nice", "Nice <script>", "A city.", frozenset(), (), ())
>>> html = card(nice, ["City"])
>>> "Nice &lt;script&gt;" in html, 'href="/resource/city/nice"' in html
(True, True)
"""

from __future__ import annotations

from html import escape

from .index import Entity
from .manifest import PREVIEW_HEIGHT, PREVIEW_WIDTH


def card(entity: Entity, type_names: list[str]) -> str:
    """The HTML page of one entity's preview."""
    description = entity.description or ""
    if len(description) > 280:
        description = description[:279].rsplit(" ", 1)[0] + "…"
    identifiers = ", ".join(key.split(":", 1)[1] for key in sorted(entity.identifiers) if not key.startswith("iri:"))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(entity.name)}</title>
<style>body {{ font-family: sans-serif; margin: 0; padding: .5rem .75rem; font-size: 14px; line-height: 1.35;
width: {PREVIEW_WIDTH - 24}px; height: {PREVIEW_HEIGHT - 16}px; overflow: hidden }}
h1 {{ font-size: 16px; margin: 0 0 .2rem }} p {{ margin: .3rem 0 }}
.type, .ids {{ color: #555; font-size: 12px }}</style>
</head><body>
<h1><a href="/{escape(entity.id)}" target="_blank" rel="noopener">{escape(entity.name)}</a></h1>
<div class="type">{escape(", ".join(type_names))}</div>
<p>{escape(description)}</p>
{f'<div class="ids">{escape(identifiers)}</div>' if identifiers else ""}
</body></html>
"""
