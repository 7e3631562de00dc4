"""The pages for people in headless Chromium, from a real server: the officer's path from the
home page to what works against a threat, in French, with its map; the printed brief; the
accessibility of every page (axe-core, injected by the tests, never served by the service).
No request may leave 127.0.0.1; each page is saved as a screenshot under
``tests/browser/artefacts/pages/``."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from ..api.server import RunningServer
from ..conftest import REPO
from .test_query_page import PageLog, needs_chromium
from .tools import AXE, needs_axe, needs_pdftotext

pytestmark = needs_chromium

ARTEFACTS = REPO / "tests" / "browser" / "artefacts" / "pages"
TIMEOUT_MS = 30_000


class Guarded:
    """A browser context whose requests may only go to 127.0.0.1: any other is refused and
    recorded, with what the pages asked for and complained about."""

    def __init__(self, browser: Browser) -> None:
        self.foreign: list[str] = []
        self.log = PageLog()
        self.context: BrowserContext = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        self.context.route("**/*", self._route)

    def _route(self, route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith("data:"):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def page(self) -> Page:
        page = self.context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        self.log.watch(page)
        return page


@pytest.fixture
def guarded(browser: Browser) -> Iterator[Guarded]:
    found = Guarded(browser)
    try:
        yield found
    finally:
        found.context.close()


def shot(page: Page, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)


def french_labels(server: RunningServer) -> list[tuple[str, str]]:
    """(English label, French label) of the measures against a vehicle used as a weapon."""
    labels = []
    for lang in ("en", "fr"):
        body = httpx.get(
            f"{server.url}/api/recommendations", params={"threat": "vehicle-as-weapon", "lang": lang, "limit": 200}
        ).json()
        labels.append([item["measure"]["label"] for item in body["items"]])
    return [(english, french) for english, french in zip(*labels, strict=True) if english != french]


def test_pages_take_an_officer_from_a_threat_to_its_measures_in_french(server: RunningServer, guarded: Guarded) -> None:
    page = guarded.page()
    page.goto(f"{server.url}/", wait_until="networkidle")
    expect(page.locator("h1")).to_have_text("What works against the threats to a public space?")
    shot(page, "home")

    page.locator("#pick-threat ~ ul").get_by_role("link", name="Vehicle as a weapon", exact=True).click()
    expect(page.locator("h1")).to_have_text("Vehicle as a weapon")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/threats/vehicle-as-weapon?lang=fr")
    expect(page.locator("h1")).to_have_text("Attaque au véhicule bélier")
    translated = french_labels(server)
    assert translated, "some measure has a French label"
    for english, french in translated[:3]:
        expect(page.locator(".measure h3").filter(has_text=french).first).to_be_visible()
        assert page.locator(".measure h3").filter(has_text=re.compile(f"^{re.escape(english)}$")).count() == 0

    # the map: the offline basemap, the pilot cities and the incidents
    figure = page.locator("#map-threat")
    figure.scroll_into_view_if_needed()
    expect(figure.locator(".leaflet-marker-icon").first).to_be_visible()
    expect(figure.locator(".leaflet-basemap-pane path").first).to_be_attached()
    kinds = page.evaluate(
        "window.pactesurMaps['map-threat'].markers.map((m) => m.options.icon.options.className).sort()"
    )
    assert "pin pin-pilot" in kinds
    assert "pin pin-incident" in kinds
    assert figure.locator(".leaflet-basemap-pane path").count() > 50  # the borders of the countries
    expect(page.locator("svg.timeline circle").first).to_be_visible()
    shot(page, "threat-fr")

    # a lesson learnt, in French, with what it was learnt from on a map, and back
    lesson = page.locator(".lessons a").first
    lesson_name = lesson.inner_text()
    lesson_page = lesson.get_attribute("href")
    assert lesson_page is not None
    assert re.fullmatch(r"/lessons/[a-z0-9-]+\?lang=fr", lesson_page), lesson_page
    lesson.click()
    page.wait_for_url(f"**{lesson_page}")
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_have_text(lesson_name)
    expect(page.locator("blockquote.statement")).not_to_be_empty()
    expect(page.get_by_role("heading", name="Tirée de")).to_be_visible()
    expect(page.locator(".what-works a").first).to_have_attribute("href", re.compile(r"^/threats/.+\?lang=fr$"))
    if page.locator("#map-lesson").count():
        expect(page.locator("#map-lesson .leaflet-marker-icon").first).to_be_visible()
    shot(page, "lesson-fr")
    page.go_back(wait_until="networkidle")
    expect(page.locator("h1")).to_have_text("Attaque au véhicule bélier")

    for path, name in (
        ("/threats?lang=fr", "threats-fr"),
        ("/measures/permanent-vehicle-security-barrier?lang=it", "measure-it"),
        ("/cities/nice", "city"),
        ("/incidents/berlin-2016-12-19", "incident"),
        ("/lessons/liege-modular-barriers-replace-sandbags?lang=it", "lesson-it"),
        ("/pilots/liege-mobile-barriers?lang=fr", "pilot-fr"),
    ):
        page.goto(f"{server.url}{path}", wait_until="networkidle")
        shot(page, name)
    assert guarded.foreign == []
    assert guarded.log.errors == []
    # a request still under way when the next page is opened is aborted by the browser: not a failure
    assert [failure for failure in guarded.log.failed if not failure.endswith("net::ERR_ABORTED")] == []
    # the page of an unknown threat (its 404 is what the browser's console reports)
    page.goto(f"{server.url}/threats/vehicle-ramming", wait_until="networkidle")
    expect(page.get_by_role("link", name="vehicle-as-weapon")).to_be_visible()
    shot(page, "not-found")


def test_threat_page_leads_from_a_recommendation_to_the_lessons_behind_it(
    server: RunningServer, guarded: Guarded
) -> None:
    # Liège's mobile barriers rest on three lessons (data/recommendations/recommendations.ttl)
    body = httpx.get(
        f"{server.url}/api/recommendations", params={"threat": "vehicle-as-weapon", "lang": "it", "limit": 200}
    ).json()
    why = next(
        item for entry in body["items"] for item in entry["why"] if item["slug"] == "temporary-barriers-for-events"
    )
    page = guarded.page()
    page.goto(f"{server.url}/threats/vehicle-as-weapon?lang=it", wait_until="networkidle")
    recommendation = page.locator(".recommendation").filter(
        has=page.get_by_role("heading", name=why["label"], exact=True)
    )
    expect(recommendation.locator(".based-on-title")).to_have_text("Basata sulle lezioni:")
    lessons = recommendation.locator(".based-on a")
    expect(lessons).to_have_text([lesson["label"] for lesson in why["basedOn"]])
    assert len(why["basedOn"]) == 3
    lessons.first.click()
    page.wait_for_url(f"**/lessons/{why['basedOn'][0]['slug']}?lang=it")
    expect(page.locator("h1")).to_have_text(why["basedOn"][0]["label"])
    expect(page.locator(".kind")).to_have_text("Lezione appresa")
    assert guarded.foreign == []
    assert guarded.log.errors == []


def test_pages_city_map_clusters_and_draws_the_city(server: RunningServer, guarded: Guarded) -> None:
    page = guarded.page()
    page.goto(f"{server.url}/cities/nice", wait_until="networkidle")
    drawn = page.locator("#map-city")
    expect(drawn.locator(".leaflet-marker-icon").first).to_be_visible()
    count = page.evaluate("window.pactesurMaps['map-city'].markers.length")
    assert count >= 2  # the city and its incidents
    assert guarded.foreign == []
    assert guarded.log.errors == []


def test_pages_lead_from_a_city_to_its_pilot_and_a_lesson_learnt_from_it(
    server: RunningServer, guarded: Guarded
) -> None:
    page = guarded.page()
    page.goto(f"{server.url}/cities/liege?lang=it", wait_until="networkidle")
    page.locator("#pilots").locator("xpath=..").locator("a").first.click()
    page.wait_for_load_state("networkidle")
    assert re.search(r"/pilots/[a-z0-9-]+\?lang=it$", page.url), page.url
    expect(page.locator(".kind")).to_have_text("Sperimentazione")
    expect(page.locator("#map-pilot .leaflet-marker-icon").first).to_be_visible()
    lessons = page.locator(".lessons a")
    assert lessons.count() > 0
    name = lessons.first.inner_text()
    lessons.first.click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_have_text(name)
    expect(page.locator(".kind")).to_have_text("Lezione appresa")
    assert guarded.foreign == []
    assert guarded.log.errors == []


def test_pages_work_without_javascript(server: RunningServer, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{server.url}/threats/vehicle-as-weapon?lang=it", wait_until="load")
        expect(page.locator("h1")).to_have_text("Attacco con veicolo ariete")
        assert page.locator(".measure").count() > 5
        assert page.locator(".sources a").count() > 5
        assert page.locator("svg.timeline circle").count() > 3  # drawn by the server
        page.get_by_role("link", name="English").click()
        expect(page.locator("h1")).to_have_text("Vehicle as a weapon")
    finally:
        context.close()


def test_pages_skip_link_is_the_first_stop_of_the_keyboard(server: RunningServer, guarded: Guarded) -> None:
    page = guarded.page()
    page.goto(f"{server.url}/threats/vehicle-as-weapon", wait_until="networkidle")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"


@needs_pdftotext
def test_threat_page_prints_as_a_brief(server: RunningServer, guarded: Guarded, tmp_path: Path) -> None:
    page = guarded.page()
    page.goto(f"{server.url}/threats/vehicle-as-weapon", wait_until="networkidle")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTEFACTS / "threat-brief.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    flat = "".join(text.split())  # lines broken anywhere, long addresses too
    body = httpx.get(f"{server.url}/api/recommendations", params={"threat": "vehicle-as-weapon", "limit": 200}).json()
    for item in body["items"]:
        assert "".join(item["measure"]["label"].split()) in flat, item["measure"]["label"]
        for why in item["why"]:
            for source in why["sources"]:
                assert source in flat, source
    for navigation in ("API documentation", "SPARQL queries", "Skip to the content", "Français", "Print as a brief"):
        assert navigation not in text, navigation
    assert guarded.foreign == []


PAGES = (
    "/",
    "/?lang=fr",
    "/threats",
    "/threats?q=vehicule&lang=it",
    "/threats/vehicle-as-weapon",
    "/threats/vehicle-as-weapon?lang=fr",
    "/measures/permanent-vehicle-security-barrier",
    "/cities/nice",
    "/incidents/berlin-2016-12-19",
    "/lessons/nice-landscape-integrated-permanent-protection",
    "/lessons/liege-modular-barriers-replace-sandbags?lang=fr",
    "/pilots/liege-mobile-barriers",
    "/pilots/turin-crowd-movements?lang=it",
    "/search?q=nice",
    "/threats/vehicle-ramming",
    "/resource/city/nice",
)


@needs_axe
def test_pages_have_no_serious_accessibility_violation(server: RunningServer, guarded: Guarded) -> None:
    page = guarded.page()
    found: dict[str, list[str]] = {}
    for path in PAGES:
        page.goto(f"{server.url}{path}", wait_until="networkidle")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async () => {
              const results = await axe.run(document, { resultTypes: ["violations"] });
              return results.violations
                .filter((v) => v.impact === "serious" || v.impact === "critical")
                .map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", "));
            }"""
        )
        if violations:
            found[path] = violations
    assert found == {}
    assert guarded.foreign == []
