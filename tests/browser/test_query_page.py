"""The YASGUI query page, loaded from a real server into headless Chromium.

The page must work offline: every request it makes goes to the server that served it.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlencode

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, expect

from pactesur_kg.api import page as query_page_module

from ..api.server import RunningServer
from ..conftest import REPO

if TYPE_CHECKING:
    from pactesur_kg.api.deps import ServiceState

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
)
ARTEFACTS = REPO / "tests" / "browser" / "artefacts" / "pages"
#: what YASGUI waits for at most: a query over the real graph, then drawing its results
TIMEOUT_MS = 30_000


@dataclass
class PageLog:
    """What a page asked for and complained about."""

    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        page.on("request", self._request)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))

    def _request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _failed(self, request: Request) -> None:
        self.failed.append(f"{request.method} {request.url}: {request.failure}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.request.method} {response.url}: HTTP {response.status}")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)


@contextlib.contextmanager
def watched_page(browser: Browser, log: PageLog, **context_options: Any) -> Iterator[Page]:
    """A page in a browser context of its own, what it asks for and complains about recorded
    in ``log``; the context is closed afterwards."""
    context = browser.new_context(**context_options)
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        log.watch(page)
        yield page
    finally:
        context.close()


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def query_page(server: RunningServer, browser: Browser, page_log: PageLog) -> Iterator[Page]:
    """The query page, loaded and with YASGUI drawn."""
    with watched_page(browser, page_log, viewport={"width": 1400, "height": 1100}) as page:
        page.goto(f"{server.url}/sparql", wait_until="networkidle")
        page.wait_for_selector(".yasgui .tabPanel.active .CodeMirror")
        yield page


def open_example(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    expect(page.locator(".tabsList .tab.active")).to_contain_text(name)


def run_query(page: Page) -> None:
    """Run the active tab's query with YASGUI's run button and wait for its answer."""
    with page.expect_response(lambda response: response.request.method == "POST" and "/sparql" in response.url):
        page.locator(".tabPanel.active .yasqe_queryButton").click()
    expect(page.locator(".tabPanel.active .yasr_response_chip")).to_contain_text("result")


def editor_text(page: Page) -> str:
    text: str = page.evaluate("window.pactesurYasgui.getTab().getYasqe().getValue()")
    return text


def bindings_over_http(server: RunningServer, query: str) -> list[dict[str, Any]]:
    response = httpx.post(
        f"{server.url}/sparql",
        data={"query": query},
        headers={"accept": "application/sparql-results+json"},
        timeout=60,
    )
    response.raise_for_status()
    bindings: list[dict[str, Any]] = response.json()["results"]["bindings"]
    return bindings


@needs_chromium
def test_the_page_loads_everything_from_its_own_server(
    query_page: Page, page_log: PageLog, server: RunningServer
) -> None:
    expect(query_page).to_have_title("PACTESUR knowledge graph: SPARQL")
    expect(query_page.get_by_role("link", name="VoID description")).to_have_attribute("href", "/.well-known/void")
    assert page_log.requests, "the page made no request at all"
    foreign = [url for url in page_log.requests if not url.startswith(f"{server.url}/")]
    assert foreign == [], f"requests to other hosts: {foreign}"
    for asset in ("/static/yasgui/yasgui.min.js", "/static/chartjs/chart.umd.min.js", "/static/pactesur-chart.js"):
        assert f"{server.url}{asset}" in page_log.requests
    assert page_log.failed == []
    assert page_log.errors == []


@needs_chromium
def test_one_tab_per_competency_question_with_the_prefixes(query_page: Page) -> None:
    names = sorted(path.stem for path in (REPO / "queries" / "cq").glob("*.rq"))
    assert names
    expect(query_page.locator(".tabsList .tab")).to_have_text([re.compile(re.escape(name)) for name in names])
    expect(query_page.locator(".tabsList .tab.active")).to_contain_text(names[0])
    open_example(query_page, "consortium")
    text = editor_text(query_page)
    assert text.startswith(query_page_module.prefix_header())
    assert "pac:memberOf project:pactesur" in text


@needs_chromium
def test_an_example_runs_and_its_table_has_every_row(
    query_page: Page, page_log: PageLog, server: RunningServer
) -> None:
    open_example(query_page, "cities-without-wikidata")
    run_query(query_page)
    expected = bindings_over_http(server, editor_text(query_page))
    assert len(expected) > 10, "pick an example with more rows than one short page"
    # every row on one page, so the rendered table holds them all
    query_page.locator(".tabPanel.active select.tableSizer").select_option("-1")
    rows = query_page.locator(".tabPanel.active .yasr_results table.dataTable tbody tr")
    expect(rows).to_have_count(len(expected))
    expect(rows.first).to_contain_text("city:")
    expect(query_page.locator(".tabPanel.active .yasr_response_chip")).to_contain_text(f"{len(expected)} results")
    assert page_log.failed == []
    assert page_log.errors == []


@needs_chromium
def test_a_shared_link_opens_its_query_against_this_endpoint_only(
    server: RunningServer, browser: Browser, page_log: PageLog
) -> None:
    """YASGUI's share links carry the endpoint too: the page keeps its own."""
    shared = urlencode(
        {
            "query": "SELECT ?city WHERE { ?city a <https://w3id.org/pactesur/ontology#City> } LIMIT 3",
            "endpoint": "http://example.org/sparql",
            "tabTitle": "Shared",
        }
    )
    with watched_page(browser, page_log) as page:
        page.goto(f"{server.url}/sparql#{shared}", wait_until="networkidle")
        expect(page.locator(".tabsList .tab.active")).to_contain_text("Shared")
        expect(page.locator(".tabPanel.active .yasr_response_chip")).to_contain_text("3 results")
    assert [url for url in page_log.requests if not url.startswith(f"{server.url}/")] == []
    assert page_log.failed == []
    assert page_log.errors == []


@needs_chromium
def test_the_raw_response_is_shown(query_page: Page, page_log: PageLog) -> None:
    open_example(query_page, "consortium")
    run_query(query_page)
    query_page.locator(".tabPanel.active .select_response").click()
    expect(query_page.locator(".tabPanel.active .yasr_results .CodeMirror")).to_contain_text('"bindings"')
    assert page_log.errors == []


@needs_chromium
def test_a_numeric_column_is_drawn_as_a_bar_chart(query_page: Page, page_log: PageLog) -> None:
    open_example(query_page, "events-per-year")
    run_query(query_page)
    query_page.locator(".tabPanel.active .select_pactesurChart").click()
    canvas = query_page.locator(".tabPanel.active .yasr_results canvas")
    expect(canvas).to_have_count(1)
    expect(canvas).to_have_attribute("aria-label", "Bar chart of ?events by ?year")
    box = canvas.bounding_box()
    assert box is not None
    assert box["width"] > 100
    assert box["height"] > 100
    # Chart.js has drawn bars: one per year, with the counts as values
    chart: dict[str, Any] = query_page.evaluate(
        """() => {
            const chart = Chart.getChart(document.querySelector(".tabPanel.active .yasr_results canvas"));
            return { labels: chart.data.labels, values: chart.data.datasets[0].data };
        }"""
    )
    assert len(chart["labels"]) == len(chart["values"]) > 0
    assert all(isinstance(value, int | float) and value > 0 for value in chart["values"])
    assert page_log.errors == []


@needs_chromium
def test_a_column_of_wkt_points_is_drawn_on_a_map(query_page: Page, page_log: PageLog, server: RunningServer) -> None:
    query = "SELECT ?incident ?wkt WHERE { ?incident a pac:Incident ; geo:hasGeometry/geo:asWKT ?wkt }"
    query_page.evaluate("(query) => window.pactesurYasgui.getTab().getYasqe().setValue(query)", query)
    run_query(query_page)
    query_page.locator(".tabPanel.active .select_pactesurMap").click()
    drawn = query_page.locator(".tabPanel.active .pactesur-results-map")
    expect(drawn.locator(".leaflet-marker-icon").first).to_be_visible()
    expect(drawn.locator(".leaflet-basemap-pane path").first).to_be_attached()
    rows = bindings_over_http(server, query)
    markers = query_page.evaluate("window.pactesurYasgui.getTab().getYasr().plugins.pactesurMap.markers")
    assert markers == len(rows) > 5
    assert page_log.errors == []
    assert [url for url in page_log.requests if not url.startswith(f"{server.url}/")] == []


@needs_chromium
def test_a_column_of_dates_is_drawn_on_a_timeline(query_page: Page, page_log: PageLog, server: RunningServer) -> None:
    query = (
        "SELECT ?incident ?label ?date WHERE { ?incident a pac:Incident ; rdfs:label ?label ; pac:date ?date "
        'FILTER(lang(?label) = "en") } ORDER BY ?date'
    )
    query_page.evaluate("(query) => window.pactesurYasgui.getTab().getYasqe().setValue(query)", query)
    run_query(query_page)
    query_page.locator(".tabPanel.active .select_pactesurTimeline").click()
    drawn = query_page.locator(".tabPanel.active svg.pactesur-results-timeline")
    expect(drawn).to_have_attribute("aria-label", "Timeline of ?date by ?label")
    rows = bindings_over_http(server, query_page_module.prefix_header() + query)
    assert len(rows) > 10
    marks = drawn.locator("g.mark")
    expect(marks).to_have_count(len(rows))
    # each mark says its row's date and label, and links to the row's incident
    titles = sorted(marks.locator("title").all_text_contents())
    assert titles == sorted(f"{row['date']['value']}: {row['label']['value']}" for row in rows)
    links = sorted(drawn.locator("a").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))"))
    assert links == sorted(row["incident"]["value"].removeprefix("https://w3id.org/pactesur") for row in rows)
    # the marks are in date order from left to right, over an axis of years
    xs = marks.locator("circle").evaluate_all("(circles) => circles.map((c) => Number(c.getAttribute('cx')))")
    assert xs == sorted(xs)
    first_year = rows[0]["date"]["value"][:4]
    expect(drawn.locator(".axis text").first).to_have_text(first_year)
    box = drawn.bounding_box()
    assert box is not None
    assert box["width"] > 500
    assert query_page.evaluate("window.pactesurYasgui.getTab().getYasr().plugins.pactesurTimeline.marks") == len(rows)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    drawn.screenshot(path=str(ARTEFACTS / "query-timeline.png"))
    assert page_log.errors == []
    assert [url for url in page_log.requests if not url.startswith(f"{server.url}/")] == []


@needs_chromium
def test_a_result_without_dates_offers_no_timeline(query_page: Page, page_log: PageLog) -> None:
    open_example(query_page, "consortium")
    run_query(query_page)
    expect(query_page.locator(".tabPanel.active .select_pactesurTimeline")).to_have_class(re.compile(r"\bdisabled\b"))
    expect(query_page.locator(".tabPanel.active .select_table")).not_to_have_class(re.compile(r"\bdisabled\b"))
    assert page_log.errors == []


@needs_chromium
def test_no_numeric_column_says_so_instead_of_a_chart(query_page: Page, page_log: PageLog) -> None:
    open_example(query_page, "consortium")
    run_query(query_page)
    query_page.locator(".tabPanel.active .select_pactesurChart").click()
    expect(query_page.locator(".tabPanel.active .pactesur-chart-message")).to_contain_text("No numeric column")
    expect(query_page.locator(".tabPanel.active .yasr_results canvas")).to_have_count(0)
    assert page_log.errors == []


@needs_chromium
def test_the_service_description_opens_on_the_page(query_page: Page, page_log: PageLog) -> None:
    query_page.get_by_role("link", name="SPARQL service description").click()
    expect(query_page.locator("#service-description pre")).to_contain_text(
        "http://www.w3.org/ns/sparql-service-description#Service"
    )
    assert page_log.failed == []


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/static/yasgui/yasgui.min.js", "text/javascript"),
        ("/static/yasgui/yasgui.min.css", "text/css"),
        ("/static/chartjs/chart.umd.min.js", "text/javascript"),
        ("/static/pactesur-chart.js", "text/javascript"),
    ],
)
def test_static_files_have_their_content_types(server: RunningServer, path: str, content_type: str) -> None:
    response = httpx.get(f"{server.url}{path}")
    assert response.status_code == 200
    media = response.headers["content-type"].split(";")[0].strip()
    # older mime tables name JavaScript application/javascript: both are understood by browsers
    assert media == content_type or (content_type == "text/javascript" and media == "application/javascript")
    assert len(response.content) > 1000


def test_the_page_is_html_with_the_assets(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/sparql", headers={"accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    assert "<title>PACTESUR knowledge graph: SPARQL</title>" in response.text
    for asset in ("/static/yasgui/yasgui.min.css", "/static/yasgui/yasgui.min.js", "/static/pactesur-chart.js"):
        assert f'"{asset}"' in response.text
    assert "cdn" not in response.text.lower()


class _Scripts(HTMLParser):
    """The text of each ``<script>`` element, as a browser's parser splits them."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: dict[str, str] = {}
        self._current: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._current = dict(attrs).get("id") or f"script-{len(self.scripts)}"
            self.scripts[self._current] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self.scripts[self._current] += data


def test_example_queries_cannot_close_the_script_element(monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = 'SELECT * { ?s ?p "</script><script>alert(1)</script><!-- & -->" }'
    examples = [{"name": "hostile</script>", "summary": "</SCRIPT >", "query": hostile}]
    monkeypatch.setattr(query_page_module, "example_queries", lambda state: examples)
    state = cast("ServiceState", SimpleNamespace())
    body = bytes(query_page_module.query_page(state).body).decode()
    parser = _Scripts()
    parser.feed(body)
    embedded = json.loads(parser.scripts["pactesur-examples"])
    assert embedded == [
        {
            "name": "hostile</script>",
            "summary": "</SCRIPT >",
            "query": f"{query_page_module.prefix_header()}\n{hostile}",
        }
    ]
    assert "</" not in parser.scripts["pactesur-examples"]
    assert "alert(1)" not in "".join(text for key, text in parser.scripts.items() if key != "pactesur-examples")
