"""Linked-data pages in headless Chromium: from the page of Nice to a measure, by links."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from ..api.server import RunningServer
from .test_query_page import PageLog, needs_chromium, watched_page

pytestmark = needs_chromium


def test_page_of_nice_leads_to_a_measure(server: RunningServer, browser: Browser) -> None:
    log = PageLog()
    with watched_page(browser, log) as page:
        page.goto(f"{server.url}/resource/city/nice", wait_until="networkidle")
        expect(page.locator("h1")).to_have_text("Nice")
        # the pilot on the Promenade des Anglais refers to Nice
        page.locator('.incoming a[href="/resource/pilot/nice-promenade-des-anglais"]').click()
        expect(page).to_have_url(f"{server.url}/resource/pilot/nice-promenade-des-anglais")
        page.locator('a[href="/concept/measure/permanent-vehicle-security-barrier"]').first.click()
        expect(page.locator("h1")).to_have_text("Permanent vehicle security barrier")
        # and the measure leads to the threat it mitigates
        expect(page.locator('a[href="/concept/threat/vehicle-as-weapon"]').first).to_be_visible()
    assert log.failed == []
    assert log.errors == []
    assert all(url.startswith(server.url) for url in log.requests)
