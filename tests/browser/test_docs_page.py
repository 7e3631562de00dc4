"""The API documentation page (Swagger UI) in headless Chromium: it lists the routes and runs
one, with every request going to the server that served it."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from ..api.server import RunningServer
from .test_query_page import TIMEOUT_MS, PageLog, needs_chromium, watched_page

pytestmark = needs_chromium


def test_docs_page_tries_out_the_threats_route(server: RunningServer, browser: Browser) -> None:
    log = PageLog()
    with watched_page(browser, log) as page:
        page.goto(f"{server.url}/docs", wait_until="networkidle")
        expect(page.locator(".swagger-ui .info .title")).to_contain_text("PACTESUR knowledge graph")
        # the operations list: the REST routes among the others
        expect(page.locator(".opblock").first).to_be_visible()
        assert page.locator(".opblock").count() >= 20
        operation = page.locator('.opblock-get:has(.opblock-summary-path[data-path="/api/threats"])')
        operation.locator(".opblock-summary").click()
        operation.locator(".try-out__btn").click()
        operation.locator(".execute").click()
        live = operation.locator(".live-responses-table")
        expect(live.locator("td.response-col_status:not(.col_header)")).to_have_text("200", timeout=TIMEOUT_MS)
        expect(live.locator("td.response-col_description:not(.col_header)")).to_contain_text("vehicle-as-weapon")
        # the request Swagger UI shows is the one it sent, to this server
        expect(operation.locator(".request-url")).to_contain_text(f"{server.url}/api/threats")
    assert log.failed == []
    assert log.errors == []
    assert any(url.startswith(f"{server.url}/api/threats") for url in log.requests)
    assert all(url.startswith(server.url) for url in log.requests), log.requests
