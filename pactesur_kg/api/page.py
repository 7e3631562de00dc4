"""The query page served to browsers on GET /sparql: YASGUI, served from /static."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from fastapi.responses import HTMLResponse

from ..errors import FederationRefused
from ..namespaces import PREFIXES
from ..sparql.formats import parse_accept
from ..sparql.guard import federated
from ..sparql.queryfiles import load_query_files

if TYPE_CHECKING:
    from .deps import ServiceState

#: what the editor shows when there is no competency question to start from
DEFAULT_QUERY = "SELECT * WHERE { ?s ?p ?o } LIMIT 10\n"


def wants_html(accept: str | None) -> bool:
    """Whether the client prefers HTML (a browser) over RDF."""
    for media, _ in parse_accept(accept):
        if media in ("text/html", "application/xhtml+xml"):
            return True
        if media != "*/*":
            return False
    return False


def example_queries(state: ServiceState) -> list[dict[str, str]]:
    """The competency questions as named examples for the page, then the federated queries
    of ``queries/federation/`` that this endpoint would run: those whose every SERVICE
    (after the service map) is on the allowlist; the others would only get 403."""
    settings = state.settings
    examples: list[dict[str, str]] = []
    for folder in ("cq", "federation"):
        path = settings.queries_dir / folder
        if not path.is_dir():
            continue
        for query in load_query_files(path):
            if folder == "federation":
                try:
                    federated(query.text, settings.federation_allowlist, settings.service_mirrors)
                except FederationRefused:
                    continue
            examples.append({"name": query.name, "summary": query.summary, "query": query.text})
    return examples


def prefix_header() -> str:
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def script_json(value: object) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&``
    survives, so no text in it can close the element (``</script>``) or open a comment.

    >>> script_json({"query": "</script><!--"})
    '{"query": "\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_INIT = """
(function () {
  "use strict";
  const examples = JSON.parse(document.getElementById("pactesur-examples").textContent);
  const newTabQuery = JSON.parse(document.getElementById("pactesur-new-tab").textContent);
  const endpoint = "/sparql";
  // Only the completers that work offline: the class and property ones ask a remote vocabulary service.
  const completers = ["variables", "prefixes"];
  Yasgui.Yasqe.defaults.autocompleters = completers.slice();
  Yasgui.defaults.yasqe.autocompleters = completers.slice();
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    autoAddOnInit: false,
    // a shared link (#query=...) opens its query in a tab of its own, always against this endpoint
    populateFromUrl: (tab) => {
      tab.requestConfig.endpoint = endpoint;
      return tab;
    },
    // a new tab starts from the project's prefixes, folded away like in the example tabs
    yasqe: { value: newTabQuery, collapsePrefixesOnLoad: true, editorHeight: "360px" },
    yasr: {
      pluginOrder: ["table", "response", "pactesurChart", "pactesurMap", "pactesurTimeline"],
      defaultPlugin: "table",
      persistenceId: null,
    },
  });
  const tabs = examples.map((example, index) =>
    yasgui.addTab(index === 0 && !yasgui.getTab(), {
      name: example.name,
      yasqe: { value: example.query },
      requestConfig: { endpoint: endpoint, method: "POST" },
    }),
  );
  tabs.forEach((tab, index) => {
    const link = document.getElementById("tab-" + tab.getId());
    if (link) link.title = examples[index].summary;
  });
  window.pactesurYasgui = yasgui;

  // The service description is RDF: GET /sparql answers a browser with this page, so fetch it as Turtle.
  const description = document.getElementById("service-description");
  description.addEventListener("toggle", () => {
    const target = description.querySelector("pre");
    if (!description.open || target.dataset.loaded) return;
    target.dataset.loaded = "yes";
    fetch(endpoint, { headers: { Accept: "text/turtle" } })
      .then((response) => response.text())
      .then((text) => { target.textContent = text; })
      .catch((error) => { target.textContent = "Could not load the service description: " + error; });
  });
  document.getElementById("service-description-link").addEventListener("click", () => {
    description.open = true;
  });
})();
"""

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1f2933; }
header { padding: 0.8rem 1.5rem 0.4rem; border-bottom: 1px solid #d9dee3; background: #f6f8fa; }
header h1 { font-size: 1.35rem; margin: 0 0 0.4rem; }
header p { margin: 0.3rem 0; max-width: 75rem; line-height: 1.45; }
details { margin: 0.3rem 0 0.5rem; }
details pre { max-height: 20rem; overflow: auto; background: #fff; border: 1px solid #d9dee3; padding: 0.5rem; }
main { padding: 0.5rem 1rem 2rem; }
.pactesur-chart-message { padding: 1rem; background: #fff8e1; border: 1px solid #f0d48a; }
.pactesur-results-map.map-plain { background: #d9e8f2; }
.pin-result { border-radius: 50%; background: #0b57a4; border: 2px solid #fff;
  box-shadow: 0 0 0 1px rgba(0, 0, 0, .55); }
.pactesur-results-timeline-wrapper { overflow-x: auto; }
.pactesur-results-timeline { font: 11px system-ui, sans-serif; }
.pactesur-results-timeline .axis line { stroke: #52606d; }
.pactesur-results-timeline .axis text, .pactesur-results-timeline .mark text { fill: #1f2933; }
.pactesur-results-timeline .mark line { stroke: #c4cdd5; }
.pactesur-results-timeline .mark circle { fill: #b3261e; }
.pactesur-results-timeline a:hover text, .pactesur-results-timeline a:focus text { text-decoration: underline; }
.yasr table.dataTable th.dt-type-numeric, .yasr table.dataTable td.dt-type-numeric { text-align: left; }
"""


def query_page(state: ServiceState) -> HTMLResponse:
    """The YASGUI query page, with one tab per competency question (prefixes prepended)."""
    prefixes = prefix_header()
    new_tab = f"{prefixes}\n{DEFAULT_QUERY}"
    examples = [
        {"name": example["name"], "summary": example["summary"], "query": f"{prefixes}\n{example['query']}"}
        for example in example_queries(state)
    ] or [{"name": "Query", "summary": "Any triples", "query": new_tab}]
    body = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PACTESUR knowledge graph: SPARQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/yasgui/yasgui.min.css">
<link rel="stylesheet" href="/static/leaflet/leaflet.css">
<link rel="stylesheet" href="/static/leaflet.markercluster/MarkerCluster.css">
<link rel="stylesheet" href="/static/leaflet.markercluster/MarkerCluster.Default.css">
<style>{_STYLE}</style>
</head>
<body>
<header>
<h1>PACTESUR knowledge graph: SPARQL</h1>
<p>The knowledge graph of public-space security in European cities, after the EU project PACTESUR:
cities and their public spaces, attacks and other incidents, threats, protective measures, pilots,
events, recommendations and lessons learnt. Query it with SPARQL 1.1 at <code>/sparql</code> below:
each tab holds one competency question the graph answers, with the project's prefixes declared
(and, where this endpoint may reach Wikidata or a mirror of it, questions joined with Wikidata).
Run it with the play button or Ctrl+Enter; view the results as a table, the raw response, a chart,
a map (of a column of WKT points) or a timeline (of a column of dates).</p>
<p>About the data: the <a href="/.well-known/void">VoID description</a> of the dataset (its graphs,
classes, properties and links) and the endpoint's
<a id="service-description-link" href="#service-description">SPARQL service description</a>
(RDF, as <code>GET /sparql</code> with <code>Accept: text/turtle</code>).</p>
<details id="service-description"><summary>Service description (Turtle)</summary><pre></pre></details>
</header>
<main><div id="yasgui"></div></main>
<script type="application/json" id="pactesur-examples">{script_json(examples)}</script>
<script type="application/json" id="pactesur-new-tab">{script_json(new_tab)}</script>
<script src="/static/yasgui/yasgui.min.js"></script>
<script src="/static/chartjs/chart.umd.min.js"></script>
<script src="/static/pactesur-chart.js"></script>
<script src="/static/leaflet/leaflet.js"></script>
<script src="/static/leaflet.markercluster/leaflet.markercluster.js"></script>
<script src="/static/topojson-client/topojson-client.min.js"></script>
<script src="/static/pactesur-map.js"></script>
<script src="/static/pactesur-yasr-map.js"></script>
<script src="/static/pactesur-yasr-timeline.js"></script>
<script>{_INIT}</script>
</body>
</html>
"""
    return HTMLResponse(body)
