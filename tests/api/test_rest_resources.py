"""The REST routes over the resources (/api/cities, /api/incidents, /api/lessons, /api/events,
/api/publications, /api/organisations, /api/search) over a real HTTP server, on every
engine."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import rdflib
from rdflib.namespace import RDF

from ..conftest import REPO
from .conftest import engine_fault
from .hostile import HOSTILE, Routes, assert_hostile_value_is_refused
from .server import RunningServer


@pytest.fixture(scope="module")
def server(server_on_every_engine: RunningServer) -> RunningServer:
    """These answers are the same on every engine (conftest.EVERY_ENGINE)."""
    return server_on_every_engine


RESOURCE = "https://w3id.org/pactesur/resource/"


def get(server: RunningServer, path: str, **params: Any) -> httpx.Response:
    return httpx.get(f"{server.url}{path}", params=params, timeout=30)


def slugs(items: list[dict[str, Any]]) -> list[str]:
    return [item["slug"] for item in items]


# -- cities -----------------------------------------------------------------------------------


def test_cities_list(server: RunningServer) -> None:
    body = get(server, "/api/cities", limit=200).json()
    assert body["total"] == len(body["items"]) >= 30
    cities = {city["slug"]: city for city in body["items"]}
    nice = cities["nice"]
    assert (nice["iri"], nice["label"], nice["countryCode"]) == (f"{RESOURCE}city/nice", "Nice", "FR")
    assert nice["population"] == {"value": 348085, "year": "2021"}
    assert nice["role"] == "lead-partner"
    assert cities["liege"]["role"] == "partner"
    assert cities["gdansk"]["role"] == "associated-city"
    assert cities["berlin"]["role"] is None
    italian = {city["slug"]: city for city in get(server, "/api/cities", lang="it", limit=200).json()["items"]}
    assert italian["nice"]["label"] == "Nizza"


def test_one_city(server: RunningServer) -> None:
    response = get(server, "/api/cities/nice")
    assert response.status_code == 200
    nice = response.json()
    assert (nice["label"], nice["country"], nice["role"]) == ("Nice", "FR", "lead-partner")
    assert nice["coordinates"].startswith("POINT(")
    assert "nice-2016-07-14" in slugs(nice["incidents"])
    assert next(i for i in nice["incidents"] if i["slug"] == "nice-2016-07-14")["date"] == "2016-07-14"
    assert slugs(nice["pilots"]) == ["nice-promenade-des-anglais"]
    assert "kick-off-nice-2019" in slugs(nice["events"])
    assert "nice-landscape-integrated-permanent-protection" in slugs(nice["lessons"])
    assert any("wikidata.org" in same for same in nice["sameAs"])
    assert nice["sources"]
    gdansk = get(server, "/api/cities/gdansk").json()
    assert gdansk["role"] == "associated-city"
    assert gdansk["label"] == "Gdańsk"


def test_one_city_has_the_coordinates_of_the_data(server: RunningServer, request: pytest.FixtureRequest) -> None:
    engine_fault(
        request,
        "virtuoso",
        "Virtuoso 7 stores a geo:wktLiteral as its own geometry type with single-precision coordinates "
        "and gives back POINT(7.266300201416 43.703399658203) for POINT(7.2663 43.7034)",
    )
    # data/cities/cities.ttl: Nice is at POINT(7.2663 43.7034)
    assert get(server, "/api/cities/nice").json()["coordinates"] == "POINT(7.2663 43.7034)"


def test_unknown_city_suggests_the_closest(server: RunningServer) -> None:
    response = get(server, "/api/cities/nizza")
    assert response.status_code == 404
    body = response.json()
    assert body["suggestions"][0] == "nice"
    assert body["message"].startswith("slug: ")


# -- incidents --------------------------------------------------------------------------------


def test_vehicle_incidents_of_2017(server: RunningServer) -> None:
    body = get(
        server, "/api/incidents", threat="vehicle-as-weapon", **{"from": "2017-01-01", "to": "2017-12-31"}
    ).json()
    assert slugs(body["items"]) == [
        "london-westminster-2017-03-22",
        "stockholm-2017-04-07",
        "london-bridge-2017-06-03",
        "barcelona-2017-08-17",
        "cambrils-2017-08-18",
    ]
    assert body["total"] == 5


def test_incident_filters(server: RunningServer) -> None:
    everything = get(server, "/api/incidents", limit=200).json()
    assert everything["total"] == len(everything["items"]) >= 20
    dates = [incident["date"] for incident in everything["items"]]
    assert dates == sorted(dates)
    # a narrower threat type counts for its broader one
    narrower = get(server, "/api/incidents", threat="penetrative-vehicle-attack", limit=200).json()
    broader = get(server, "/api/incidents", threat="vehicle-as-weapon", limit=200).json()
    assert set(slugs(narrower["items"])) <= set(slugs(broader["items"]))
    in_nice = get(server, "/api/incidents", city="nice").json()
    assert set(slugs(in_nice["items"])) == {"nice-2016-07-14", "nice-basilica-2020-10-29"}
    assert get(server, "/api/incidents", **{"from": "2030-01-01"}).json()["total"] == 0


def test_one_incident(server: RunningServer) -> None:
    nice = get(server, "/api/incidents/nice-2016-07-14").json()
    assert nice["date"] == "2016-07-14"
    assert slugs(nice["cities"]) == ["nice"]
    assert nice["publicSpaces"] == [
        {
            "slug": "promenade-des-anglais",
            "iri": f"{RESOURCE}public-space/promenade-des-anglais",
            "label": "Promenade des Anglais",
            "labelLang": "en",
            "kind": "Promenade",
        }
    ]
    assert slugs(nice["threatTypes"]) == ["vehicle-as-weapon"]
    assert isinstance(nice["killed"], int)
    assert isinstance(nice["injured"], int)
    assert nice["meansUsed"]
    assert nice["sources"]


def test_one_incident_tells_how_each_protection_fared(server: RunningServer) -> None:
    # Magdeburg 2024: the line of concrete blocks was breached through an emergency route left
    # unblocked (tag24.de, dasding.de); Nice 2016: the police vehicles closing the Promenade
    # were bypassed over the pavement (the prefecture, in radiofrance.fr and nicepremium.fr)
    magdeburg = get(server, "/api/incidents/magdeburg-2024-12-20", lang="fr").json()
    assert slugs(magdeburg["protectionBreached"]) == ["temporary-vehicle-security-barrier"]
    assert magdeburg["protectionBreached"][0]["labelLang"] == "fr"
    assert magdeburg["protectionHeld"] == magdeburg["protectionBypassed"] == magdeburg["protectionAbsent"] == []
    nice = get(server, "/api/incidents/nice-2016-07-14").json()
    assert slugs(nice["protectionBypassed"]) == ["vehicle-access-control"]
    # Halle 2019: the synagogue door held (theguardian.com); Barcelona 2017: no barrier on La
    # Rambla (liberoquotidiano.it, e-noticies.es)
    assert slugs(get(server, "/api/incidents/halle-2019-10-09").json()["protectionHeld"]) == ["physical-protection"]
    barcelona = get(server, "/api/incidents/barcelona-2017-08-17").json()
    assert sorted(slugs(barcelona["protectionAbsent"])) == [
        "permanent-vehicle-security-barrier",
        "temporary-vehicle-security-barrier",
    ]
    # no cited page says anything of the protection in Turku: every list is empty
    turku = get(server, "/api/incidents/turku-2017-08-18").json()
    assert [
        turku[key] for key in ("protectionHeld", "protectionBreached", "protectionBypassed", "protectionAbsent")
    ] == [
        [],
        [],
        [],
        [],
    ]


@pytest.mark.parametrize(
    ("path", "params", "parameter", "expected"),
    [
        ("/api/incidents/nice-2016-07-15", {}, "slug", "nice-2016-07-14"),
        ("/api/incidents", {"threat": "vehicle-ramming"}, "threat", "vehicle-as-weapon"),
        ("/api/incidents", {"city": "nizza"}, "city", "nice"),
        ("/api/lessons", {"measure": "permanent-vehicle-barrier"}, "measure", "permanent-vehicle-security-barrier"),
    ],
)
def test_unknown_slugs_get_suggestions(
    server: RunningServer, path: str, params: dict[str, str], parameter: str, expected: str
) -> None:
    response = get(server, path, **params)
    assert response.status_code == 404
    body = response.json()
    assert expected in body["suggestions"]
    assert body["message"].startswith(f"{parameter}: ")


@pytest.mark.parametrize("value", ["2017-13-01", "yesterday", "2017-02-30"])
def test_dates_are_validated(server: RunningServer, value: str) -> None:
    for parameter in ("from", "to"):
        response = get(server, "/api/incidents", **{parameter: value})
        assert response.status_code == 422
        assert response.json()["details"][0]["parameter"] == parameter


# -- lessons ----------------------------------------------------------------------------------


def test_lessons(server: RunningServer) -> None:
    everything = get(server, "/api/lessons", limit=200).json()
    # every lesson of the curated file, and only those: the retired ones (merged into a
    # recommendation or become an event's description) have no type and are left out
    curated = rdflib.Graph().parse(REPO / "data" / "lessons" / "lessons.ttl")
    typed = {
        str(s) for s in curated.subjects(RDF.type, rdflib.URIRef("https://w3id.org/pactesur/ontology#LessonLearnt"))
    }
    assert everything["total"] == len(everything["items"]) == len(typed) >= 25
    assert {lesson["iri"] for lesson in everything["items"]} == typed
    lessons = {lesson["slug"]: lesson for lesson in everything["items"]}
    nice = lessons["nice-landscape-integrated-permanent-protection"]
    assert nice["statement"].startswith("Permanent protection against vehicle attacks")
    assert {"vehicle-as-weapon", "permanent-vehicle-security-barrier"} <= set(slugs(nice["concerns"]))
    assert {"nice-promenade-des-anglais", "nice-2016-07-14", "nice"} <= set(slugs(nice["learntFrom"]))
    assert nice["sources"]
    for params in (
        {"threat": "vehicle-as-weapon"},
        {"measure": "permanent-vehicle-security-barrier"},
        {"city": "nice"},
    ):
        found = slugs(get(server, "/api/lessons", **params).json()["items"])
        assert "nice-landscape-integrated-permanent-protection" in found, params
    turin = slugs(get(server, "/api/lessons", city="turin", threat="vehicle-as-weapon").json()["items"])
    assert "nice-landscape-integrated-permanent-protection" not in turin


@pytest.mark.parametrize("lang", ["en", "fr", "it"])
def test_lessons_give_the_recommendations_based_on_them(server: RunningServer, lang: str) -> None:
    # expected: pac:basedOnLesson of data/recommendations/recommendations.ttl, read the other
    # way, with each recommendation's rdfs:label in the asked language
    curated = rdflib.Graph().parse(REPO / "data" / "recommendations" / "recommendations.ttl")
    based_on = rdflib.URIRef("https://w3id.org/pactesur/ontology#basedOnLesson")
    expected: dict[str, list[dict[str, Any]]] = {}
    for recommendation, lesson in curated.subject_objects(based_on):
        labels = curated.objects(recommendation, rdflib.RDFS.label)
        (label,) = [label for label in labels if isinstance(label, rdflib.Literal) and label.language == lang]
        expected.setdefault(str(lesson), []).append(
            {
                "slug": str(recommendation).rsplit("/", 1)[-1],
                "iri": str(recommendation),
                "label": str(label),
                "labelLang": lang,
            }
        )
    answer = get(server, "/api/lessons", lang=lang, limit=200).json()
    assert answer["total"] == len(answer["items"])
    given = {lesson["iri"]: lesson["recommendations"] for lesson in answer["items"]}
    assert set(expected) <= set(given)
    for lesson, recommendations in given.items():
        assert recommendations == sorted(expected.get(lesson, []), key=lambda item: item["slug"]), lesson
    # the landscaped protection of Nice is behind two recommendations, and a lesson without
    # any gives an empty list (data/recommendations/recommendations.ttl)
    nice = given[f"{RESOURCE}lesson/nice-landscape-integrated-permanent-protection"]
    assert slugs(nice) == ["landscaped-barriers-instead-of-bunkers", "permanent-barriers-against-vehicle-ramming"]
    assert [] in given.values()
    # the same with a filter: the lessons about a threat keep their recommendations
    about = get(server, "/api/lessons", lang=lang, threat="vehicle-as-weapon", limit=200).json()["items"]
    assert about
    assert all(lesson["recommendations"] == given[lesson["iri"]] for lesson in about)


# -- events, publications, organisations ------------------------------------------------------


def test_events_publications_organisations(server: RunningServer) -> None:
    events = {e["slug"]: e for e in get(server, "/api/events", limit=200).json()["items"]}
    kick_off = events["kick-off-nice-2019"]
    assert (kick_off["type"], kick_off["startDate"], slugs(kick_off["cities"])) == (
        "Conference",
        "2019-03-28",
        ["nice"],
    )
    assert slugs(kick_off["organisedBy"]) == ["ville-de-nice"]
    assert kick_off["sources"]
    publications = {p["slug"]: p for p in get(server, "/api/publications", limit=200).json()["items"]}
    final = publications["final-publication"]
    assert (final["type"], final["date"], slugs(final["publishers"])) == ("FinalPublication", "2022-11", ["efus"])
    organisations = {o["slug"]: o for o in get(server, "/api/organisations", limit=200).json()["items"]}
    nice = organisations["ville-de-nice"]
    assert (nice["label"], nice["kind"], nice["countryCode"], slugs(nice["cities"])) == (
        "City of Nice",
        "Municipality",
        "FR",
        ["nice"],
    )
    assert get(server, "/api/organisations", lang="fr", limit=200).json()["items"]


@pytest.mark.parametrize("lang", ["en", "fr", "it"])
def test_events_give_their_description_in_the_asked_language(server: RunningServer, lang: str) -> None:
    # dcterms:description of data/events/events.ttl: the themes or conclusions of four meetings,
    # each in en, fr and it; the other events have none
    graph = rdflib.Graph().parse(REPO / "data/events/events.ttl")
    described = {
        str(event): str(text)
        for event, text in graph.subject_objects(rdflib.DCTERMS.description)
        if isinstance(text, rdflib.Literal) and text.language == lang
    }
    assert {iri.removeprefix(f"{RESOURCE}event/") for iri in described} == {
        "annual-meeting-gdansk-2019",
        "recommendations-workshop-2021",
        "local-governance-workshop-liege-2021",
        "local-governance-workshop-turin",
    }
    events = get(server, "/api/events", lang=lang, limit=200).json()["items"]
    assert set(described) <= {event["iri"] for event in events}
    for event in events:
        if event["iri"] in described:
            assert (event["description"], event["descriptionLang"]) == (described[event["iri"]], lang)
        else:
            assert (event["description"], event["descriptionLang"]) == (None, None), event["slug"]


# -- search -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "slug", "kind"),
    [
        ("liege", "liege", "city"),
        ("LIÈGE", "liege", "city"),
        ("gdansk", "gdansk", "city"),
        ("munchen", "munich", "city"),
    ],
)
def test_search_ignores_case_and_accents(server: RunningServer, q: str, slug: str, kind: str) -> None:
    body = get(server, "/api/search", q=q).json()
    first = body["items"][0]
    assert (first["slug"], first["type"], first["match"]) == (slug, kind, "exact")


def test_search_ranks_and_filters(server: RunningServer) -> None:
    body = get(server, "/api/search", q="liege", limit=200).json()
    ranks = [("exact", "prefix", "contains").index(hit["match"]) for hit in body["items"]]
    assert ranks == sorted(ranks)
    assert {"city", "pilot", "lesson"} <= {hit["type"] for hit in body["items"]}
    assert body["total"] == len(body["items"])
    pilots = get(server, "/api/search", q="liege", type="pilot").json()
    assert slugs(pilots["items"]) == ["liege-mobile-barriers"]
    threats = get(server, "/api/search", q="véhicule bélier", type="threat").json()
    assert "vehicle-as-weapon" in slugs(threats["items"])
    assert get(server, "/api/search", q="liege", type="person").status_code == 422
    assert get(server, "/api/search").status_code == 422


# -- pagination -------------------------------------------------------------------------------

LISTS: list[tuple[str, dict[str, str]]] = [
    ("/api/cities", {}),
    ("/api/incidents", {}),
    ("/api/lessons", {}),
    ("/api/events", {}),
    ("/api/publications", {}),
    ("/api/organisations", {}),
    ("/api/search", {"q": "nice"}),
]


@pytest.mark.parametrize(("path", "params"), LISTS)
def test_pagination(server: RunningServer, path: str, params: dict[str, str]) -> None:
    everything = get(server, path, limit=200, **params).json()
    assert everything["total"] == len(everything["items"]) > 4
    window = get(server, path, limit=2, offset=1, **params).json()
    assert (window["total"], window["limit"], window["offset"]) == (everything["total"], 2, 1)
    assert window["items"] == everything["items"][1:3]
    assert get(server, path, **params).json()["limit"] == 50
    for bad, parameter in (({"limit": "201"}, "limit"), ({"limit": "0"}, "limit"), ({"offset": "-1"}, "offset")):
        response = get(server, path, **params, **bad)
        assert response.status_code == 422
        assert response.json()["details"][0]["parameter"] == parameter


# -- parameters -------------------------------------------------------------------------------

ROUTES: Routes = [
    ("/api/cities", ["lang", "limit", "offset"], {}),
    ("/api/cities/{slug}", ["slug", "lang"], {"slug": "nice"}),
    ("/api/incidents", ["threat", "city", "from", "to", "lang", "limit", "offset"], {}),
    ("/api/incidents/{slug}", ["slug", "lang"], {"slug": "nice-2016-07-14"}),
    ("/api/lessons", ["threat", "measure", "city", "lang", "limit", "offset"], {}),
    ("/api/events", ["lang", "limit", "offset"], {}),
    ("/api/publications", ["lang", "limit", "offset"], {}),
    ("/api/organisations", ["lang", "limit", "offset"], {}),
    ("/api/search", ["q", "type", "lang", "limit", "offset"], {"q": "nice"}),
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_parameters_never_get_a_server_error(server: RunningServer, payload: str) -> None:
    assert_hostile_value_is_refused(server, ROUTES, payload)


def test_free_text_is_bound_as_an_escaped_literal(server: RunningServer) -> None:
    body = get(server, "/api/search", q='"} ; DROP ALL').json()
    assert body["total"] == 0
    assert 'VALUES ?q { "\\"} ; drop all" }' in body["query"]["sparql"]


def test_bad_slugs_are_named(server: RunningServer) -> None:
    for path, parameter in (("/api/incidents", "threat"), ("/api/incidents", "city"), ("/api/lessons", "measure")):
        response = get(server, path, **{parameter: "Not A Slug"})
        assert response.status_code == 422
        assert response.json()["details"][0]["parameter"] == parameter
