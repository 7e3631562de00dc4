"""The query page served to browsers on GET /sparql and GET /."""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

from fastapi.responses import HTMLResponse

from ..engine.formats import parse_accept
from ..namespaces import PREFIXES
from ..queryfiles import load_query_files

if TYPE_CHECKING:
    from .deps import ServiceState


def wants_html(accept: str | None) -> bool:
    """Whether the client prefers HTML (a browser) over RDF."""
    for media, _ in parse_accept(accept):
        if media in ("text/html", "application/xhtml+xml"):
            return True
        if media != "*/*":
            return False
    return False


def example_queries(state: ServiceState) -> list[dict[str, str]]:
    """The competency questions as named examples for the page."""
    folder = state.settings.queries_dir / "cq"
    if not folder.is_dir():
        return []
    return [{"name": q.name, "summary": q.summary, "query": q.text} for q in load_query_files(folder)]


def prefix_header() -> str:
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def query_page(state: ServiceState) -> HTMLResponse:
    examples = example_queries(state)
    first = prefix_header() + "\n" + (examples[0]["query"] if examples else "SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    options = "".join(
        f'<option value="{i}">{html.escape(e["name"])}: {html.escape(e["summary"])}</option>'
        for i, e in enumerate(examples)
    )
    body = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PACTESUR knowledge graph: SPARQL</title></head>
<body>
<h1>PACTESUR knowledge graph: SPARQL query</h1>
<form method="get" action="/sparql">
<p><label>Example: <select id="examples">{options}</select></label></p>
<p><textarea id="query" name="query" rows="20" cols="100">{html.escape(first)}</textarea></p>
<p><button type="submit">Run</button></p>
</form>
<script>
const examples = {json.dumps([e["query"] for e in examples])};
const prefixes = {json.dumps(prefix_header())};
document.getElementById("examples").addEventListener("change", (event) => {{
  document.getElementById("query").value = prefixes + "\\n" + examples[event.target.value];
}});
</script>
</body></html>
"""
    return HTMLResponse(body)
