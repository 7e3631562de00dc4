"""The pages for people (in-process, through ``create_app(store=…)``): each route answers its
page in the asked language, 404 with suggestions for an unknown slug, and shows what the REST
answers say (the same measures in the same order, their sources, who recommends them)."""

from __future__ import annotations

import asyncio
import dataclasses
import html
import json
import re
from html.parser import HTMLParser

import httpx
import pytest

from pactesur_kg.api.app import create_app
from pactesur_kg.api.pages import messages
from pactesur_kg.settings import Settings
from pactesur_kg.store import Store

from .inprocess import in_process

HTML = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}

#: (path, extra headers) of every request the tests below look at, asked of one application
REQUESTS: list[tuple[str, dict[str, str]]] = [
    ("/", HTML),
    ("/", {"accept": "application/sparql-results+json"}),
    ("/", {**HTML, "accept-language": "it-IT, it;q=0.9, en;q=0.5"}),
    ("/threats", HTML),
    ("/threats?q=V%C3%89HICULE&lang=fr", HTML),
    ("/threats?q=ramming", HTML),
    ("/threats?q=zzzz", HTML),
    ("/threats/vehicle-as-weapon", HTML),
    ("/threats/vehicle-as-weapon?lang=fr", HTML),
    ("/threats/vehicle-as-weapon?lang=de", {**HTML, "accept-language": "fr"}),
    ("/api/recommendations?threat=vehicle-as-weapon&limit=200", {}),
    ("/api/recommendations?threat=vehicle-as-weapon&limit=200&lang=fr", {}),
    ("/threats/vehicle-as-weapon?lang=it", HTML),
    ("/api/recommendations?threat=vehicle-as-weapon&limit=200&lang=it", {}),
    ("/threats/vehicle-ramming", HTML),
    ("/threats/Vehicle%20as%20a%20weapon", HTML),
    ("/measures/permanent-vehicle-security-barrier?lang=it", HTML),
    ("/measures/permanent-vehicle-barrier", HTML),
    ("/cities/nice", HTML),
    ("/cities/nizza", HTML),
    ("/incidents/berlin-2016-12-19", HTML),
    ("/incidents/berlin-2016", HTML),
    ("/cities/" + "a" * 5000, HTML),
    ("/lessons/nice-landscape-integrated-permanent-protection", HTML),
    ("/lessons/nice-landscape-integrated-permanent-protection?lang=fr", HTML),
    ("/lessons/nice-police-academy-2019?lang=it", HTML),
    ("/lessons/nice-landscape", HTML),
    ("/api/lessons?limit=200", {}),
    ("/pilots/liege-mobile-barriers?lang=fr", HTML),
    ("/pilots/turin-crowd-movements", HTML),
    ("/pilots/liege-barriers", HTML),
    ("/api/lessons?limit=200&lang=it", {}),
    ("/search?q=li%C3%A8ge", HTML),
    ("/search?q=%3Cscript%3Ealert(1)%3C/script%3E", HTML),
]


@pytest.fixture(scope="module")
def answers(settings: Settings, graph: Store) -> dict[tuple[str, str], httpx.Response]:
    """The answers to :data:`REQUESTS`, by (path, Accept-Language and Accept), from one
    application over a copy of the curated graph."""
    store = Store.in_memory()
    store.add_all(graph.quads())
    app = create_app(dataclasses.replace(settings, workers=1), store=store)

    async def ask() -> dict[tuple[str, str], httpx.Response]:
        found = {}
        async with in_process(app) as client:
            for path, headers in REQUESTS:
                response = await client.get(path, headers=headers, timeout=60, follow_redirects=False)
                found[(path, headers.get("accept-language", "") + headers.get("accept", ""))] = response
        return found

    return asyncio.run(ask())


def answer(answers: dict[tuple[str, str], httpx.Response], path: str, **headers: str) -> httpx.Response:
    merged = {**HTML, **headers} if "accept" not in headers else headers
    return answers[(path, merged.get("accept-language", "") + merged.get("accept", ""))]


class Links(HTMLParser):
    """The links, ids and language of a page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: list[str] = []
        self.lang = ""
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.hrefs.append(str(found["href"]))
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if tag == "html":
            self.lang = str(found.get("lang"))


# -- the language --------------------------------------------------------------------------------


def test_pages_speak_the_language_of_lang(answers: dict[tuple[str, str], httpx.Response]) -> None:
    response = answer(answers, "/threats/vehicle-as-weapon?lang=fr")
    assert response.status_code == 200
    assert response.headers["content-language"] == "fr"
    assert "Accept-Language" in response.headers["vary"]
    assert Links(response.text).lang == "fr"
    assert "<h1>Attaque au véhicule bélier</h1>" in response.text
    assert "Ce qui protège contre cette menace" in response.text
    french = answer(answers, "/api/recommendations?threat=vehicle-as-weapon&limit=200&lang=fr", accept="")
    first = french.json()["items"][0]["measure"]["label"]
    assert f">{first}</a>" in response.text


def test_pages_speak_the_language_of_accept_language(answers: dict[tuple[str, str], httpx.Response]) -> None:
    response = answer(answers, "/", **{"accept-language": "it-IT, it;q=0.9, en;q=0.5"})
    assert response.status_code == 200
    assert Links(response.text).lang == "it"
    assert "Scegliete una minaccia" in response.text


def test_pages_ignore_a_language_they_do_not_have(answers: dict[tuple[str, str], httpx.Response]) -> None:
    response = answer(answers, "/threats/vehicle-as-weapon?lang=de", **{"accept-language": "fr"})
    assert response.status_code == 200
    assert Links(response.text).lang == "fr"


def test_pages_language_switch_keeps_the_page(answers: dict[tuple[str, str], httpx.Response]) -> None:
    links = Links(answer(answers, "/threats?q=ramming").text).hrefs
    assert "/threats?q=ramming&lang=fr" in links
    assert "/threats?q=ramming&lang=it" in links


def test_page_messages_have_every_language_and_the_same_fields() -> None:
    for key in messages.message_keys():
        texts = [messages.text(lang, key) for lang in messages.LANGUAGES]
        assert all(texts), key
        raw = [re.findall(r"\{(\w+)\}", text) for text in texts]
        assert all(sorted(found) == sorted(raw[0]) for found in raw), (key, raw)


# -- the home page -------------------------------------------------------------------------------


def test_home_page_starts_from_a_threat_a_kind_of_place_or_a_search(
    answers: dict[tuple[str, str], httpx.Response],
) -> None:
    response = answer(answers, "/")
    assert response.status_code == 200
    links = Links(response.text).hrefs
    assert "/threats/vehicle-as-weapon?lang=en" in links
    assert {"/sparql", "/docs", "/contribute"} <= set(links)
    assert '<form class="search" role="search" action="/search"' in response.text
    # the kinds of public space, with the threats of the incidents that happened there
    market = response.text.split("<h3>Market</h3>", 1)[1].split("</ul>", 1)[0]
    assert "/threats/vehicle-as-weapon?lang=en" in market


def test_home_sends_other_clients_to_the_endpoint(answers: dict[tuple[str, str], httpx.Response]) -> None:
    response = answer(answers, "/", accept="application/sparql-results+json")
    assert response.status_code == 303
    assert response.headers["location"] == "/sparql"


# -- the threat scheme ---------------------------------------------------------------------------


def test_threats_page_is_the_scheme_as_a_tree(answers: dict[tuple[str, str], httpx.Response]) -> None:
    text = answer(answers, "/threats").text
    terrorist = text.index('href="/threats/terrorist-threat?lang=en"')
    vehicle = text.index('href="/threats/vehicle-as-weapon?lang=en"')
    penetrative = text.index('href="/threats/penetrative-vehicle-attack?lang=en"')
    assert terrorist < vehicle < penetrative
    # nested: the narrower threat's list opens inside its broader threat's item
    between = text[vehicle:penetrative]
    assert "<ul>" in between
    assert "</ul>" not in between
    assert "The deliberate use of a road vehicle" in text  # short definitions


def test_threats_search_ignores_case_and_accents_and_reads_every_name(
    answers: dict[tuple[str, str], httpx.Response],
) -> None:
    accented = answer(answers, "/threats?q=V%C3%89HICULE&lang=fr").text
    assert "/threats/vehicle-as-weapon?lang=fr" in accented
    assert 'class="match"' in accented
    assert "/threats/pandemic?lang=fr" not in accented
    other_name = answer(answers, "/threats?q=ramming").text  # "vehicle ramming" is another name
    assert "/threats/vehicle-as-weapon?lang=en" in other_name
    assert "/threats/terrorist-threat?lang=en" in other_name  # kept as the threat above it
    nothing = answer(answers, "/threats?q=zzzz").text
    assert "Nothing found." in nothing


# -- what works against a threat -----------------------------------------------------------------


def test_threat_page_ranks_the_measures_as_the_rest_answer(answers: dict[tuple[str, str], httpx.Response]) -> None:
    page = Links(answer(answers, "/threats/vehicle-as-weapon").text)
    rest = answer(answers, "/api/recommendations?threat=vehicle-as-weapon&limit=200", accept="").json()
    expected = [f"measure-{item['measure']['slug']}-{item['relation']}" for item in rest["items"]]
    assert [found for found in page.ids if found.startswith("measure-")] == expected
    assert len(expected) == rest["total"] > 5


def test_threat_page_says_why_who_recommends_on_what_evidence_and_the_sources(
    answers: dict[tuple[str, str], httpx.Response],
) -> None:
    text = answer(answers, "/threats/vehicle-as-weapon").text
    links = set(Links(text).hrefs)
    rest = answer(answers, "/api/recommendations?threat=vehicle-as-weapon&limit=200", accept="").json()
    recommenders = set()
    kinds = set()
    for item in rest["items"]:
        assert f"/measures/{item['measure']['slug']}?lang=en" in links
        for why in item["why"]:
            assert set(why["sources"]) <= links, why["iri"]
            recommenders |= {by["iri"] for by in why["recommendedBy"]}
            kinds |= {kind["iri"] for kind in why["evidenceKind"]}
        for city in item["pilotedIn"]:
            assert f"/cities/{city['slug']}?lang=en" in links
        for lesson in item["lessons"]:
            assert f"/lessons/{lesson['slug']}?lang=en" in links
    assert recommenders, "some recommendation says who makes it"
    assert {iri.removeprefix("https://w3id.org/pactesur") for iri in recommenders} <= links
    assert kinds, "every recommendation says the kind of evidence it rests on"
    assert {iri.removeprefix("https://w3id.org/pactesur") for iri in kinds} <= links
    assert "Kind of evidence" in text
    assert rest["query"]["link"].replace("&", "&amp;") in text  # the SPARQL behind it
    assert "/concept/threat/vehicle-as-weapon" in links  # its linked-data page


@pytest.mark.parametrize(
    ("lang", "title"), [("en", "Lessons behind it"), ("fr", "Fondée sur les leçons"), ("it", "Basata sulle lezioni")]
)
def test_threat_page_lists_the_lessons_behind_each_recommendation(
    answers: dict[tuple[str, str], httpx.Response], lang: str, title: str
) -> None:
    suffix = "" if lang == "en" else f"?lang={lang}"
    text = answer(answers, f"/threats/vehicle-as-weapon{suffix}").text
    rest = answer(
        answers, f"/api/recommendations?threat=vehicle-as-weapon&limit=200{suffix.replace('?', '&')}", accept=""
    )
    why = [item for entry in rest.json()["items"] for item in entry["why"]]
    # the page's recommendations, in the order of the REST answer, each with its own lessons
    shown = text.split('<li class="recommendation">')[1:]
    assert len(shown) == len(why)
    for item, part in zip(why, shown, strict=True):
        found = re.search(r'<div class="based-on">(.*?)</div>', part, re.S)
        if not item["basedOn"]:
            assert found is None, item["slug"]
            continue
        assert found is not None, item["slug"]
        assert f'<span class="based-on-title">{title}:</span>' in found[1]
        assert Links(found[1]).hrefs == [f"/lessons/{lesson['slug']}?lang={lang}" for lesson in item["basedOn"]]
        for lesson in item["basedOn"]:
            assert html.escape(lesson["label"]) in found[1]
    # Liège's mobile barriers rest on three lessons (data/recommendations/recommendations.ttl)
    liege = next(item for item in why if item["slug"] == "temporary-barriers-for-events")
    assert len(liege["basedOn"]) == 3


def test_threat_page_shows_the_incidents_on_a_list_a_map_and_a_timeline(
    answers: dict[tuple[str, str], httpx.Response],
) -> None:
    text = answer(answers, "/threats/vehicle-as-weapon").text
    links = Links(text).hrefs
    rest = answer(answers, "/api/recommendations?threat=vehicle-as-weapon&limit=200", accept="").json()
    for incident in rest["incidents"]:
        assert f"/incidents/{incident['slug']}?lang=en" in links
    points = json.loads(
        text.split('<script type="application/json" id="map-threat-points">', 1)[1].split("</script>")[0]
    )
    kinds = {point["kind"] for point in points}
    assert kinds == {"pilot", "incident"}
    nice = next(point for point in points if point["href"] == "/incidents/nice-2016-07-14?lang=en")
    assert (nice["lat"], nice["lon"]) == (43.6936, 7.2557)
    timeline = text.split('<svg class="timeline"', 1)[1].split("</svg>", 1)[0]
    assert timeline.count("<circle") == len([incident for incident in rest["incidents"] if incident["date"]])
    assert ">2016</text>" in timeline


def test_threat_page_unknown_slug_is_404_with_suggestions(answers: dict[tuple[str, str], httpx.Response]) -> None:
    for path in ("/threats/vehicle-ramming", "/threats/Vehicle%20as%20a%20weapon"):
        response = answer(answers, path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html")
        assert "/threats/vehicle-as-weapon?lang=en" in Links(response.text).hrefs, path


# -- measures, cities, incidents -----------------------------------------------------------------


def test_measure_page_shows_threats_standards_and_where_used(answers: dict[tuple[str, str], httpx.Response]) -> None:
    response = answer(answers, "/measures/permanent-vehicle-security-barrier?lang=it")
    assert response.status_code == 200
    links = Links(response.text).hrefs
    assert "/threats/vehicle-as-weapon?lang=it" in links
    assert "/resource/publication/iso-22343-1-2023" in links
    assert "/pilots/nice-promenade-des-anglais?lang=it" in links
    assert "/cities/nice?lang=it" in links
    assert "/concept/measure/permanent-vehicle-security-barrier" in links
    assert "/lessons/nice-landscape-integrated-permanent-protection?lang=it" in links
    assert "Norme" in response.text
    unknown = answer(answers, "/measures/permanent-vehicle-barrier")
    assert unknown.status_code == 404
    assert "/measures/permanent-vehicle-security-barrier?lang=en" in Links(unknown.text).hrefs


def test_city_page_shows_its_role_pilots_incidents_events_and_lessons(
    answers: dict[tuple[str, str], httpx.Response],
) -> None:
    response = answer(answers, "/cities/nice")
    assert response.status_code == 200
    text = response.text
    assert "Lead partner" in text
    links = Links(text).hrefs
    assert "/incidents/nice-2016-07-14?lang=en" in links
    assert "/pilots/nice-promenade-des-anglais?lang=en" in links
    assert "/resource/event/kick-off-nice-2019" in links
    assert "/lessons/nice-landscape-integrated-permanent-protection?lang=en" in links
    assert "/resource/city/nice" in links
    assert '<svg class="timeline"' in text
    assert 'id="map-city"' in text
    unknown = answer(answers, "/cities/nizza")
    assert unknown.status_code == 404


def test_incident_page_shows_what_happened_and_what_works(answers: dict[tuple[str, str], httpx.Response]) -> None:
    response = answer(answers, "/incidents/berlin-2016-12-19")
    assert response.status_code == 200
    text = response.text
    assert "<dt>Killed</dt><dd>13</dd>" in text
    links = Links(text).hrefs
    assert "/threats/vehicle-as-weapon?lang=en" in links
    assert "https://en.wikipedia.org/wiki/2016_Berlin_truck_attack" in links
    assert "/resource/incident/berlin-2016-12-19" in links
    # no vehicle barrier at the market (feeds.bbci.co.uk, dailymail.co.uk, December 2016)
    assert "<dt>Protection absent</dt>" in text
    assert "/measures/temporary-vehicle-security-barrier?lang=en" in links
    assert answer(answers, "/cities/" + "a" * 5000).status_code == 404
    unknown = answer(answers, "/incidents/berlin-2016")
    assert unknown.status_code == 404
    assert "/incidents/berlin-2016-12-19?lang=en" in Links(unknown.text).hrefs


@pytest.mark.parametrize(
    ("slug", "lang"),
    [("nice-landscape-integrated-permanent-protection", "en"), ("nice-police-academy-2019", "it")],
)
def test_lesson_page_shows_what_was_learnt_about_what_and_from_what(
    answers: dict[tuple[str, str], httpx.Response], slug: str, lang: str
) -> None:
    path = f"/lessons/{slug}" + ("" if lang == "en" else f"?lang={lang}")
    response = answer(answers, path)
    assert response.status_code == 200
    text = response.text
    rest = answer(answers, "/api/lessons?limit=200" + ("" if lang == "en" else f"&lang={lang}"), accept="").json()
    lesson = next(item for item in rest["items"] if item["slug"] == slug)
    page = Links(text)
    assert page.lang == lang
    assert f"<h1>{html.escape(lesson['label'])}</h1>" in text
    assert html.escape(lesson["statement"]) in text
    links = set(page.hrefs)
    for concept in lesson["concerns"]:
        kind = "threats" if "/concept/threat/" in concept["iri"] else "measures"
        assert f"/{kind}/{concept['slug']}?lang={lang}" in links
        if kind == "threats":
            assert f"/threats/{concept['slug']}?lang={lang}" in links
    for origin in lesson["learntFrom"]:
        pages = {"city": "cities", "incident": "incidents", "pilot": "pilots"}
        kind = origin["iri"].split("/resource/", 1)[1].split("/", 1)[0]
        expected = (
            f"/{pages[kind]}/{origin['slug']}?lang={lang}"
            if kind in pages
            else origin["iri"].removeprefix("https://w3id.org/pactesur")
        )
        assert expected in links, origin
    assert set(lesson["sources"]) <= links
    for recommendation in lesson["recommendations"]:  # those based on it, on their linked-data page
        assert f"/resource/recommendation/{recommendation['slug']}" in links
        assert html.escape(recommendation["label"]) in text
    assert lesson["sources"]
    assert lesson["learntFrom"]
    assert lesson["concerns"]
    assert f"/resource/lesson/{slug}" in links  # its linked-data page


def test_lesson_page_is_in_french_and_has_a_map_of_where_it_was_learnt(
    answers: dict[tuple[str, str], httpx.Response],
) -> None:
    text = answer(answers, "/lessons/nice-landscape-integrated-permanent-protection?lang=fr").text
    assert "Tirée de" in text
    assert "Une protection anti-véhicule permanente peut se fondre dans le paysage (Nice)" in text
    # the two recommendations that rest on it (pac:basedOnLesson), in the order of their French labels
    heading = '<h2 id="recommended-from-it">Recommandations qui en découlent</h2>'
    based = text.split(heading, 1)[1].split("</section>")[0]
    assert Links(based).hrefs == [
        "/resource/recommendation/permanent-barriers-against-vehicle-ramming",
        "/resource/recommendation/landscaped-barriers-instead-of-bunkers",
    ]
    labels = [part.split(">", 1)[1].split("</a>", 1)[0] for part in based.split("<a ")[1:]]
    assert len(labels) == 2
    assert labels == sorted(labels)
    points = json.loads(
        text.split('<script type="application/json" id="map-lesson-points">', 1)[1].split("</script>")[0]
    )
    assert {point["href"] for point in points} >= {"/incidents/nice-2016-07-14?lang=fr", "/cities/nice?lang=fr"}


def test_lesson_page_unknown_slug_is_404_with_suggestions(answers: dict[tuple[str, str], httpx.Response]) -> None:
    unknown = answer(answers, "/lessons/nice-landscape")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"].startswith("text/html")
    assert "/lessons/nice-landscape-integrated-permanent-protection?lang=en" in Links(unknown.text).hrefs


def test_pilot_page_shows_what_where_by_whom_and_the_lessons(answers: dict[tuple[str, str], httpx.Response]) -> None:
    response = answer(answers, "/pilots/liege-mobile-barriers?lang=fr")
    assert response.status_code == 200
    text = response.text
    page = Links(text)
    assert page.lang == "fr"
    assert "<h1>Pilote PACTESUR : barrières anti-bélier mobiles, Liège</h1>" in text
    # the numbers of the graph, in the page's words
    assert "<dd>un véhicule de 7\u202f500 kg à 48 km/h</dd>" in text
    assert "<dd>150\u202f230\u00a0€</dd>" in text
    assert '<time datetime="2021-04-15">2021-04-15</time>' in text
    # the equipment is only in English in the graph: marked so
    assert '<p class="equipment" lang="en">About 20 m of modular anti-ram barriers' in text
    links = set(page.hrefs)
    assert "/cities/liege?lang=fr" in links
    assert "/measures/temporary-vehicle-security-barrier?lang=fr" in links
    assert "/resource/organisation/consel-group" in links
    assert "/resource/public-space/rue-du-mouton-blanc" in links
    # who ran it, the standards its barriers were certified to (lachronique.be) and what the test showed
    assert "<dt>Mené par</dt>" in text
    assert "/resource/organisation/ville-de-liege" in links
    assert "<dt>Testée selon</dt>" in text
    assert {"/resource/publication/iwa-14-1-2013", "/resource/publication/pas-68"} <= links
    assert '<p class="outcome" lang="en">The barriers were tested on Thursday 15 April 2021' in text
    # no certificate's code was found: no code is shown
    assert "<dt>Code de classement</dt>" not in text
    rest = answer(answers, "/api/lessons?limit=200", accept="").json()
    learnt_here = [
        item["slug"]
        for item in rest["items"]
        if any(origin["slug"] == "liege-mobile-barriers" for origin in item["learntFrom"])
    ]
    assert learnt_here
    assert {f"/lessons/{slug}?lang=fr" for slug in learnt_here} <= links
    assert "https://todayinliege.be/?p=49331" in links
    assert "/resource/pilot/liege-mobile-barriers" in links
    assert 'id="map-pilot"' in text
    assert '<li lang="en">Cost excluding VAT; the equipment was financed by the EU.' in text  # what the cost is


def test_pilot_page_without_numbers_leaves_them_out(answers: dict[tuple[str, str], httpx.Response]) -> None:
    text = answer(answers, "/pilots/turin-crowd-movements").text
    assert "<dt>Cost</dt>" not in text
    assert "<dt>Rated to stop</dt>" not in text
    assert "/measures/crowd-management?lang=en" in Links(text).hrefs
    unknown = answer(answers, "/pilots/liege-barriers")
    assert unknown.status_code == 404
    assert "/pilots/liege-mobile-barriers?lang=en" in Links(unknown.text).hrefs


def test_search_page_finds_every_kind_and_escapes_what_it_is_given(
    answers: dict[tuple[str, str], httpx.Response],
) -> None:
    found = answer(answers, "/search?q=li%C3%A8ge")
    assert found.status_code == 200
    assert "/cities/liege?lang=en" in Links(found.text).hrefs
    hostile = answer(answers, "/search?q=%3Cscript%3Ealert(1)%3C/script%3E").text
    assert "<script>alert(1)" not in hostile
    assert "&lt;script&gt;alert(1)" in hostile


def test_threat_page_follows_a_change_of_the_graph(settings: Settings, graph: Store) -> None:
    """The page is kept between requests (a value derived from the graph) and built again
    after an update."""
    store = Store.in_memory()
    store.add_all(graph.quads())
    token = "pages-token"
    app = create_app(dataclasses.replace(settings, workers=1, allow_updates=True, update_token=token), store=store)
    update = (
        "INSERT DATA { GRAPH <urn:graph:extra> { "
        '<https://w3id.org/pactesur/concept/threat/vehicle-as-weapon> skos:altLabel "camion fou"@fr } }'
    )

    async def scenario() -> tuple[str, str, int, str]:
        async with in_process(app) as client:
            path = "/threats/vehicle-as-weapon?lang=fr"
            first = (await client.get(path, headers=HTML)).text
            kept = (await client.get(path, headers=HTML)).text
            status = (
                await client.post(
                    "/sparql",
                    content=update,
                    headers={"content-type": "application/sparql-update", "authorization": f"Bearer {token}"},
                )
            ).status_code
            return first, kept, status, (await client.get(path, headers=HTML)).text

    first, kept, status, after = asyncio.run(scenario())
    assert kept == first
    assert "camion fou" not in first
    assert status == 204
    assert "camion fou" in after
