"""The contribution pages in headless Chromium, against a real server with the workflow on
over a temporary copy of the checkout: a contributor fills in the lesson-learnt form made from
the shapes, checks it and submits it; a curator accepts it on /review; the lesson is then in
the REST API, on its page and in /changes. No request leaves 127.0.0.1, no console error, and
axe-core finds no serious or critical accessibility violation on either page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Page, Route, expect

from ..api.server import RunningServer, serve
from ..conftest import REPO
from .test_query_page import BROWSER_ACCEPT, PageLog, needs_chromium, watched_page
from .tools import AXE, needs_axe

THREAT = "https://w3id.org/pactesur/concept/threat/vehicle-as-weapon"
MEASURE = "https://w3id.org/pactesur/concept/measure/temporary-vehicle-security-barrier"
CITY = "https://w3id.org/pactesur/resource/city/liege"
LABEL = "Modular barriers for a Christmas market"
SLUG = "modular-barriers-for-a-christmas-market"
SOURCE = "https://todayinliege.be/?p=49331"
#: quotes, a backslash and a new line, which the page must escape in the Turtle it writes
STATEMENT = 'Certified "modular" barriers protect a market\\square\nwithout permanent works.'


@dataclass
class Workflow:
    server: RunningServer
    root: Path
    contributor: str
    curator: str


def _account(root: Path, folder: Path, name: str, role: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "pactesur_kg", "accounts", "add", name, "--role", role, "--contributions", str(folder)],
        env={**os.environ, "PACTESUR_ROOT": str(root)},
        check=True,
        capture_output=True,
        text=True,
    )
    token: str = done.stdout.strip().splitlines()[-1]
    return token


@pytest.fixture(scope="module")
def workflow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workflow]:
    """A server with the workflow on over a copy of the checkout (accepting writes into its
    data/contributions/), with a contributor's and a curator's account."""
    root = tmp_path_factory.mktemp("checkout")
    for folder in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(REPO / folder, root / folder)
    contributions = tmp_path_factory.mktemp("contributions")
    contributor = _account(root, contributions, "City of Liège", "contributor")
    curator = _account(root, contributions, "Efus curators", "curator")
    with serve("--workers", "2", "--contributions", str(contributions), env={"PACTESUR_ROOT": str(root)}) as running:
        yield Workflow(running, root, contributor, curator)


@dataclass
class Outside:
    """Requests to any host but 127.0.0.1, stopped before they leave."""

    hosts: list[str]

    def handle(self, route: Route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.hosts.append(route.request.url)
            route.abort()


@pytest.fixture
def outside() -> Outside:
    return Outside([])


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


def _open(page: Page, outside: Outside, url: str) -> None:
    page.route("**/*", outside.handle)
    page.goto(url, wait_until="networkidle")


def _use_token(page: Page, token: str) -> None:
    page.get_by_label("Account token").fill(token)
    page.get_by_role("button", name="Use this token").click()
    expect(page.locator("#token-state")).to_have_text("A token is set for this tab.")


def _serious_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def _fill_lesson(page: Page) -> None:
    page.get_by_label("label 1", exact=True).fill(LABEL)
    page.get_by_label("Language of label 1").select_option("en")
    page.get_by_label("source 1", exact=True).fill(SOURCE)
    page.get_by_label("statement 1", exact=True).fill(STATEMENT)
    page.get_by_label("concerns threat 1", exact=True).select_option(THREAT)
    page.get_by_label("concerns measure 1", exact=True).select_option(MEASURE)
    page.get_by_label("learnt from 1", exact=True).select_option(CITY)
    page.get_by_label("Message to the curators").fill("From the city's own report")


@needs_chromium
def test_contribution_pages_submit_review_accept_a_lesson(
    workflow: Workflow, browser: Browser, page_log: PageLog, outside: Outside
) -> None:
    base = workflow.server.url
    with watched_page(browser, page_log, locale="en-GB") as page:
        _open(page, outside, f"{base}/contribute?kind=lesson")
        expect(page.get_by_role("heading", level=1)).to_have_text("Contribute to the graph")
        _use_token(page, workflow.contributor)
        _fill_lesson(page)
        expect(page.locator("#minted")).to_have_text(f"https://w3id.org/pactesur/resource/lesson/{SLUG}")
        page.get_by_role("button", name="Check").click()
        expect(page.locator("#outcome")).to_contain_text("Conforms: no violation.")
        page.get_by_role("button", name="Submit").click()
        expect(page.locator("#outcome")).to_contain_text("Submitted as contribution 0001.")

    with watched_page(browser, page_log, locale="en-GB") as page:
        _open(page, outside, f"{base}/review")
        _use_token(page, workflow.curator)
        article = page.get_by_role("article", name="Contribution 0001")
        expect(article).to_contain_text("Submitted by City of Liège")
        expect(article).to_contain_text("From the city's own report")
        # the diff names what the lesson points to by its labels
        expect(article).to_contain_text("Vehicle as a weapon")
        expect(article).to_contain_text("Temporary vehicle security barrier")
        expect(article).to_contain_text("Liège")
        article.get_by_label("Comment (optional)").fill("Checked against the source")
        article.get_by_role("button", name="Accept").click()
        expect(page.locator("#queue-status")).to_have_text(
            "Contribution 0001 accepted. No contribution is waiting for review."
        )
        expect(page.get_by_role("article")).to_have_count(0)

    iri = f"https://w3id.org/pactesur/resource/lesson/{SLUG}"
    lessons = httpx.get(f"{base}/api/lessons", params={"measure": "temporary-vehicle-security-barrier"}, timeout=30)
    found = [item for item in lessons.json()["items"] if item["iri"] == iri]
    assert [item["statement"] for item in found] == [STATEMENT]
    resource = httpx.get(f"{base}/resource/lesson/{SLUG}", headers={"accept": BROWSER_ACCEPT}, timeout=30)
    assert resource.status_code == 200
    assert LABEL in resource.text
    changes = httpx.get(f"{base}/changes", timeout=30).json()
    assert [(c["id"], c["submitter"], c["curator"]) for c in changes["changes"]] == [
        ("0001", "City of Liège", "Efus curators")
    ]
    accepted = list((workflow.root / "data" / "contributions").glob("*.trig"))
    assert len(accepted) == 1
    assert SLUG in accepted[0].read_text(encoding="utf-8")
    assert outside.hosts == []
    assert page_log.errors == []


@needs_chromium
def test_review_page_rejects_only_with_a_reason(
    workflow: Workflow, browser: Browser, page_log: PageLog, outside: Outside
) -> None:
    base = workflow.server.url
    turtle = (REPO / "tests" / "fixtures" / "contributions" / "valid-lesson.ttl").read_bytes()
    submitted = httpx.post(
        f"{base}/contributions",
        content=turtle,
        headers={"content-type": "text/turtle", "authorization": f"Bearer {workflow.contributor}"},
        timeout=60,
    )
    assert submitted.status_code == 201, submitted.text
    identifier = submitted.json()["id"]
    with watched_page(browser, page_log, locale="en-GB") as page:
        _open(page, outside, f"{base}/review")
        _use_token(page, workflow.curator)
        article = page.get_by_role("article", name=f"Contribution {identifier}")
        article.get_by_role("button", name="Reject").click()
        expect(page.locator("#queue-status")).to_have_text("Give a reason to reject the contribution.")
        expect(article.get_by_label("Reason for rejecting (required)")).to_be_focused()
        article.get_by_label("Reason for rejecting (required)").fill("No source for the weekly market")
        article.get_by_role("button", name="Reject").click()
        expect(page.locator("#queue-status")).to_contain_text(f"Contribution {identifier} rejected.")
    record = httpx.get(
        f"{base}/contributions/{identifier}", headers={"authorization": f"Bearer {workflow.curator}"}, timeout=30
    ).json()
    assert record["status"] == "rejected"
    assert record["review"]["reason"] == "No source for the weekly market"
    assert outside.hosts == []
    assert page_log.errors == []


@needs_chromium
def test_contribute_page_shows_violations_before_submitting(
    workflow: Workflow, browser: Browser, page_log: PageLog, outside: Outside
) -> None:
    with watched_page(browser, page_log, locale="fr-FR") as page:
        _open(page, outside, f"{workflow.server.url}/contribute?kind=lesson")
        expect(page.get_by_role("heading", level=1)).to_have_text("Contribuer au graphe")
        page.get_by_label("libellé 1", exact=True).fill("Une leçon sans source")
        page.get_by_label("Langue de libellé 1").select_option("en")
        page.get_by_role("button", name="Vérifier").click()
        outcome = page.locator("#outcome")
        expect(outcome).to_contain_text("Non conforme")
        # the shapes' own French message, for the missing source
        expect(outcome).to_contain_text("Un enseignement tiré doit citer au moins une source")
    assert outside.hosts == []
    assert page_log.errors == []


@needs_chromium
@needs_axe
@pytest.mark.parametrize("path", ["/contribute?kind=lesson", "/contribute?kind=incident&lang=it", "/review"])
def test_contribution_pages_have_no_serious_accessibility_violation(
    workflow: Workflow, browser: Browser, page_log: PageLog, outside: Outside, path: str
) -> None:
    base = workflow.server.url
    if path == "/review":  # a contribution in the queue, so that its diff, report and buttons are checked too
        turtle = (REPO / "tests" / "fixtures" / "contributions" / "valid-lesson.ttl").read_bytes()
        headers = {"content-type": "text/turtle", "authorization": f"Bearer {workflow.contributor}"}
        assert httpx.post(f"{base}/contributions", content=turtle, headers=headers, timeout=60).status_code == 201
    with watched_page(browser, page_log) as page:
        _open(page, outside, f"{base}{path}")
        if path == "/review":
            page.locator("#token").fill(workflow.curator)
            page.locator("#token-form button[type=submit]").click()
            expect(page.get_by_role("article").first).to_be_visible()
        else:  # with a report drawn
            page.locator("#field-1-1").fill("An incomplete resource")
            page.locator("#check").click()
            expect(page.locator("#outcome .report")).to_be_visible()
        assert _serious_violations(page) == []
    assert outside.hosts == []


@needs_chromium
def test_contribute_page_paste_tab_by_keyboard_reports_the_line_of_a_syntax_error(
    workflow: Workflow, browser: Browser, page_log: PageLog, outside: Outside
) -> None:
    with watched_page(browser, page_log, locale="en-GB") as page:
        _open(page, outside, f"{workflow.server.url}/contribute")
        page.get_by_role("tab", name="Fill in a form").focus()
        page.keyboard.press("ArrowRight")
        expect(page.get_by_role("tab", name="Paste or upload RDF")).to_be_focused()
        expect(page.get_by_role("tab", name="Paste or upload RDF")).to_have_attribute("aria-selected", "true")
        expect(page.locator("#panel-form")).to_be_hidden()
        page.get_by_label("Contribution", exact=True).fill("@prefix ex: <http://example.org/> .\nex:a ex:b .\n")
        page.get_by_role("button", name="Check").click()
        expect(page.locator("#outcome")).to_contain_text("The server could not read the contribution")
        expect(page.locator("#outcome")).to_contain_text("(line 2, column 11)")
    assert outside.hosts == []
