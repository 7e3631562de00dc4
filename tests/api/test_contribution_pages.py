"""The contribution pages over HTTP (in-process, through ``create_app(store=…)``): the forms
made from the shapes, their pickers filled from the graph, the language, and a page that says
the workflow is off (404) rather than failing."""

from __future__ import annotations

import asyncio
import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from fastapi import FastAPI

from pactesur_kg.api.app import create_app
from pactesur_kg.api.contribute.forms import KINDS, kind_of, read_form
from pactesur_kg.api.contribute.messages import MESSAGES
from pactesur_kg.settings import Settings
from pactesur_kg.store import Store

from ..conftest import REPO
from .inprocess import in_process

LESSON = "https://w3id.org/pactesur/ontology#LessonLearnt"


def _app(settings: Settings, graph: Store, contributions: Path | None) -> FastAPI:
    copy = Store.in_memory()
    copy.add_all(graph.quads())
    return create_app(dataclasses.replace(settings, contributions=contributions, workers=1), store=copy)


@pytest.fixture(scope="module")
def on(settings: Settings, graph: Store, tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    return _app(settings, graph, tmp_path_factory.mktemp("contributions"))


def _get(app: FastAPI, *paths: str, headers: dict[str, str] | None = None) -> list[httpx.Response]:
    async def scenario() -> list[httpx.Response]:
        async with in_process(app) as client:
            return [await client.get(path, headers=headers or {}, timeout=60) for path in paths]

    return asyncio.run(scenario())


class Controls(HTMLParser):
    """The page's controls, the ids their labels name, its headings and its options."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.labelled: set[str] = set()
        self.headings: list[int] = []
        self.options: list[str] = []
        self.fieldsets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("input", "select", "textarea"):
            self.controls.append(found)
        if tag == "label" and found.get("for"):
            self.labelled.add(str(found["for"]))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "option" and found.get("value"):
            self.options.append(str(found["value"]))
        if tag == "fieldset" and found.get("data-path"):
            self.fieldsets.append(str(found["data-path"]))


def _parsed(html: str) -> Controls:
    parser = Controls()
    parser.feed(html)
    return parser


def test_contribute_page_has_one_field_per_path_of_the_lesson_shape(on: FastAPI) -> None:
    (page,) = _get(on, "/contribute?kind=lesson&lang=en")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    parsed = _parsed(page.text)
    assert parsed.fieldsets == [
        "http://www.w3.org/2000/01/rdf-schema#label",
        "http://purl.org/dc/terms/source",
        "https://w3id.org/pactesur/ontology#statement",
        "https://w3id.org/pactesur/ontology#concernsThreat",
        "https://w3id.org/pactesur/ontology#concernsMeasure",
        "https://w3id.org/pactesur/ontology#learntFrom",
    ]
    # pac:concerns is given by its two subproperties: said once, not asked for
    assert "At least one of these is needed: concerns threat, concerns measure." in page.text
    # the pickers hold the graph's threats, measures and cities (learnt from: several classes)
    for iri in (
        "https://w3id.org/pactesur/concept/threat/vehicle-as-weapon",
        "https://w3id.org/pactesur/concept/measure/temporary-vehicle-security-barrier",
        "https://w3id.org/pactesur/resource/city/liege",
        "https://w3id.org/pactesur/resource/pilot/nice-promenade-des-anglais",
    ):
        assert iri in parsed.options
    assert '<optgroup label="City">' in page.text
    assert '<optgroup label="Pilot">' in page.text


@pytest.mark.parametrize("kind", [k.slug for k in KINDS])
def test_contribute_page_labels_every_control_and_orders_headings(on: FastAPI, kind: str) -> None:
    (page,) = _get(on, f"/contribute?kind={kind}")
    assert page.status_code == 200
    parsed = _parsed(page.text)
    unlabelled = [c for c in parsed.controls if c.get("id") not in parsed.labelled and c.get("type") != "hidden"]
    assert unlabelled == []
    assert parsed.headings[0] == 1
    assert all(later - earlier <= 1 for earlier, later in zip(parsed.headings, parsed.headings[1:], strict=False))


def test_contribute_page_speaks_the_language_asked(on: FastAPI) -> None:
    french, italian, by_header = _get(on, "/contribute?lang=fr", "/contribute?lang=it", "/contribute")
    assert '<html lang="fr">' in french.text
    assert "Contribuer au graphe" in french.text
    # the names of the fields and of the picked resources come from the graph, in French
    assert "concerne la menace" in french.text
    assert "Attaque au véhicule bélier" in french.text
    assert '<html lang="it">' in italian.text
    assert "riguarda la minaccia" in italian.text
    assert '<html lang="en">' in by_header.text
    (asked,) = _get(on, "/contribute", headers={"accept-language": "it-CH, fr;q=0.5"})
    assert '<html lang="it">' in asked.text
    assert "Accept-Language" in asked.headers["vary"]


def test_contribute_page_of_each_kind_mints_iris_in_its_folder(on: FastAPI) -> None:
    pages = _get(on, *(f"/contribute?kind={kind.slug}" for kind in KINDS))
    curated = "".join(p.read_text(encoding="utf-8") for p in (REPO / "data").rglob("*.ttl"))
    for kind, page in zip(KINDS, pages, strict=True):
        assert f'data-namespace="https://w3id.org/pactesur/resource/{kind.folder}/"' in page.text
        # the folder is the one the curated data of that kind uses
        assert f"<https://w3id.org/pactesur/resource/{kind.folder}/" in curated


def test_contribute_page_answers_404_for_a_kind_without_a_form(on: FastAPI) -> None:
    (page,) = _get(on, "/contribute?kind=threat")
    assert page.status_code == 404
    assert "lesson, incident, pilot, recommendation, event, public-space" in page.json()["message"]


def test_review_page_is_the_queue_frame(on: FastAPI) -> None:
    (page,) = _get(on, "/review?lang=fr")
    assert page.status_code == 200
    assert "Relire les contributions" in page.text
    assert 'src="/static/contribute/review.js"' in page.text
    assert page.headers["cache-control"] == "no-store"


def test_contribution_pages_say_the_workflow_is_off(settings: Settings, graph: Store) -> None:
    off = _app(settings, graph, None)
    contribute, review, french = _get(off, "/contribute", "/review", "/review?lang=fr")
    for page in (contribute, review):
        assert page.status_code == 404
        assert page.headers["content-type"].startswith("text/html")
        assert "The contribution workflow is off on this server" in page.text
    assert french.status_code == 404
    assert "Le circuit des contributions est désactivé" in french.text


def test_contribution_pages_load_nothing_from_another_host(on: FastAPI) -> None:
    for page in _get(on, "/contribute", "/review"):
        sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert sources
        assert [s for s in sources if not s.startswith(("/", "?", "data:"))] == []


def test_message_catalogues_have_the_same_words() -> None:
    english = set(MESSAGES["en"])
    assert {language: set(words) ^ english for language, words in MESSAGES.items()} == {
        "en": set(),
        "fr": set(),
        "it": set(),
    }


def test_read_form_merges_the_property_shapes_of_one_path() -> None:
    kind = kind_of("incident")
    assert kind is not None
    ontology = [q.triple for q in ox.parse(path=str(REPO / "ontology" / "pactesur.ttl"))]
    form = read_form(kind, REPO / "shapes" / "data", ontology)
    by_path = {f.path.rsplit("#", 1)[-1].rsplit("/", 1)[-1]: f for f in form.fields}
    label = by_path["label"]
    assert label.required
    assert label.english_required
    assert "fr" in label.languages
    assert (by_path["date"].control, by_path["date"].min_count, by_path["date"].max_count) == ("date", 1, 1)
    assert (by_path["killed"].control, by_path["killed"].minimum) == ("integer", "0")
    assert by_path["inCity"].classes == ["https://w3id.org/pactesur/ontology#City"]


def test_read_form_counts_a_warning_as_advice_not_a_requirement() -> None:
    kind = kind_of("event")
    assert kind is not None
    form = read_form(kind, REPO / "shapes" / "data", [])
    start = next(f for f in form.fields if f.path.endswith("#startDate"))
    assert (start.required, start.advised, start.control) == (False, True, "date-or-month")
