"""The REST facade (/api/...) over a real HTTP server, on every engine (embedded, Oxigraph server, Virtuoso)."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import httpx
import pytest
import rdflib

from ..conftest import REPO
from .hostile import HOSTILE, Routes, assert_hostile_value_is_refused
from .server import RunningServer


@pytest.fixture(scope="module")
def server(server_on_every_engine: RunningServer) -> RunningServer:
    """These answers are the same on every engine (conftest.EVERY_ENGINE)."""
    return server_on_every_engine


CONCEPT = "https://w3id.org/pactesur/concept/"


def get(server: RunningServer, path: str, **params: Any) -> httpx.Response:
    return httpx.get(f"{server.url}{path}", params=params, timeout=30)


def find(nodes: list[dict[str, Any]], slug: str) -> dict[str, Any] | None:
    """A concept of a tree, at any depth."""
    for node in nodes:
        if node["slug"] == slug:
            return node
        found = find(node["narrower"], slug)
        if found is not None:
            return found
    return None


def entries(body: dict[str, Any], slug: str) -> dict[str, dict[str, Any]]:
    """The recommendation entries of a measure, by relation."""
    return {entry["relation"]: entry for entry in body["items"] if entry["measure"]["slug"] == slug}


# -- the schemes ----------------------------------------------------------------------------


def test_threats_come_as_a_tree(server: RunningServer) -> None:
    response = get(server, "/api/threats")
    assert response.status_code == 200
    body = response.json()
    assert [top["slug"] for top in body["tree"]] == ["other-risk", "terrorist-threat"]
    vehicle = find(body["tree"], "vehicle-as-weapon")
    assert vehicle is not None
    assert {child["slug"] for child in vehicle["narrower"]} == {
        "penetrative-vehicle-attack",
        "encroachment-vehicle-attack",
    }
    assert vehicle["iri"] == f"{CONCEPT}threat/vehicle-as-weapon"
    assert vehicle["label"] == "Vehicle as a weapon"
    assert vehicle["definition"].startswith("The deliberate use of a road vehicle")
    assert vehicle["broader"] == ["terrorist-threat"]
    flat = {item["slug"]: item for item in body["items"]}
    assert flat["vehicle-as-weapon"]["narrower"] == ["encroachment-vehicle-attack", "penetrative-vehicle-attack"]
    assert flat["vehicle-as-weapon"]["depth"] == 1
    assert flat["penetrative-vehicle-attack"]["depth"] == 2
    assert body["total"] == len(body["items"]) >= 30


def test_measures_come_as_a_tree(server: RunningServer) -> None:
    body = get(server, "/api/measures").json()
    hvm = find(body["tree"], "hostile-vehicle-mitigation")
    assert hvm is not None
    assert "permanent-vehicle-security-barrier" in {child["slug"] for child in hvm["narrower"]}
    assert {top["slug"] for top in body["tree"]} >= {"physical-protection", "urban-design"}


@pytest.mark.parametrize(
    ("lang", "label"),
    [("en", "Vehicle as a weapon"), ("fr", "Attaque au véhicule bélier"), ("it", "Attacco con veicolo ariete")],
)
def test_labels_in_the_asked_language(server: RunningServer, lang: str, label: str) -> None:
    tree = get(server, "/api/threats", lang=lang).json()
    vehicle = find(tree["tree"], "vehicle-as-weapon")
    assert vehicle is not None
    assert (vehicle["label"], vehicle["labelLang"]) == (label, lang)
    one = get(server, "/api/threats/vehicle-as-weapon", lang=lang).json()
    assert (one["label"], one["lang"]) == (label, lang)


def test_language_from_accept_language_and_fallback_to_english(server: RunningServer) -> None:
    italian = httpx.get(f"{server.url}/api/threats/vehicle-as-weapon", headers={"accept-language": "de, it;q=0.8"})
    assert italian.json()["label"] == "Attacco con veicolo ariete"
    # the query parameter wins over the header
    french = httpx.get(
        f"{server.url}/api/threats/vehicle-as-weapon", params={"lang": "fr"}, headers={"accept-language": "it"}
    )
    assert french.json()["label"] == "Attaque au véhicule bélier"
    # a language the graph does not have: English
    german = httpx.get(f"{server.url}/api/threats/vehicle-as-weapon", headers={"accept-language": "de"}).json()
    assert (german["lang"], german["label"]) == ("en", "Vehicle as a weapon")
    # definitions exist in English only: they fall back to English
    assert french.json()["definition"].startswith("The deliberate use of a road vehicle")
    assert french.json()["labelLang"] == "fr"
    assert get(server, "/api/threats", lang="de").status_code == 422


def test_one_threat_and_one_measure(server: RunningServer) -> None:
    threat = get(server, "/api/threats/vehicle-as-weapon").json()
    assert [b["slug"] for b in threat["broader"]] == ["terrorist-threat"]
    assert [n["slug"] for n in threat["narrower"]] == ["encroachment-vehicle-attack", "penetrative-vehicle-attack"]
    assert "vehicle ramming" in threat["altLabels"]
    assert threat["sources"]
    measure = get(server, "/api/measures/permanent-vehicle-security-barrier", lang="fr").json()
    assert measure["label"] == "Barrière anti-véhicule permanente"
    assert [b["slug"] for b in measure["broader"]] == ["hostile-vehicle-mitigation"]


def test_search_in_a_scheme(server: RunningServer) -> None:
    body = get(server, "/api/measures", q="barrier").json()
    slugs = {item["slug"] for item in body["items"]}
    assert {"permanent-vehicle-security-barrier", "temporary-vehicle-security-barrier"} <= slugs
    assert "training" not in slugs
    assert body["total"] == len(body["items"])


# -- recommendations ----------------------------------------------------------------------


def test_recommendations_against_vehicle_as_weapon(server: RunningServer) -> None:
    response = get(server, "/api/recommendations", threat="vehicle-as-weapon")
    assert response.status_code == 200
    body = response.json()
    assert body["threat"]["slug"] == "vehicle-as-weapon"

    permanent = entries(body, "permanent-vehicle-security-barrier")["exact"]
    assert "nice" in [city["slug"] for city in permanent["pilotedIn"]]
    assert permanent["why"]
    assert all(why["sources"] for why in permanent["why"])
    assert permanent["lessons"]

    temporary = entries(body, "temporary-vehicle-security-barrier")["exact"]
    assert "liege" in [city["slug"] for city in temporary["pilotedIn"]]

    narrower = [entry for entry in body["items"] if entry["relation"] == "narrower"]
    assert narrower
    assert {threat["slug"] for entry in narrower for threat in entry["mitigates"]} <= {
        "penetrative-vehicle-attack",
        "encroachment-vehicle-attack",
    }
    training = entries(body, "training")["broader"]
    assert [threat["slug"] for threat in training["mitigates"]] == ["terrorist-threat"]

    incidents = {incident["slug"] for incident in body["incidents"]}
    assert {"nice-2016-07-14", "berlin-2016-12-19"} <= incidents


def curated_texts(*paths: str) -> dict[tuple[str, str, str], str]:
    """The texts of the curated files, by (subject, property local name, language)."""
    graph = rdflib.Graph()
    for path in paths:
        graph.parse(REPO / path)
    return {
        (str(s), str(p).rsplit("#", 1)[-1], o.language): str(o)
        for s, p, o in graph
        if isinstance(o, rdflib.Literal) and o.language
    }


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_recommendations_in_the_asked_language(server: RunningServer, lang: str) -> None:
    texts = curated_texts("data/recommendations/recommendations.ttl", "data/lessons/lessons.ttl")
    body = get(server, "/api/recommendations", threat="vehicle-as-weapon", lang=lang).json()
    assert body["lang"] == lang
    why = [item for entry in body["items"] for item in entry["why"]]
    lessons = [lesson for entry in body["items"] for lesson in entry["lessons"]]
    assert why
    assert lessons
    for item in why:
        for key, prop in [("label", "label"), ("statement", "statement"), ("rationale", "rationale")]:
            assert item[key] == texts[(item["iri"], prop, lang)] != texts[(item["iri"], prop, "en")]
    for lesson in lessons:
        for key, prop in [("label", "label"), ("statement", "statement")]:
            assert lesson[key] == texts[(lesson["iri"], prop, lang)] != texts[(lesson["iri"], prop, "en")]
    # the same in the language of Accept-Language
    asked = httpx.get(
        f"{server.url}/api/recommendations",
        params={"threat": "vehicle-as-weapon"},
        headers={"accept-language": f"de, {lang};q=0.9"},
        timeout=30,
    ).json()
    assert asked["items"] == body["items"]


def test_recommendations_are_ranked(server: RunningServer) -> None:
    items = get(server, "/api/recommendations", threat="vehicle-as-weapon").json()["items"]
    order = {"exact": 0, "narrower": 1, "broader": 2}
    keys = [(order[entry["relation"]], -len(entry["why"])) for entry in items]
    assert keys == sorted(keys)
    assert (items[0]["relation"], items[-1]["relation"]) == ("exact", "broader")


def test_recommendations_give_the_query_and_a_link_to_run_it(server: RunningServer) -> None:
    query = get(server, "/api/recommendations", threat="vehicle-as-weapon").json()["query"]
    assert query["link"].startswith("/sparql#query=")
    assert unquote(query["link"].removeprefix("/sparql#query=")) == query["sparql"]
    assert f"VALUES ?threat {{ <{CONCEPT}threat/vehicle-as-weapon> }}" in query["sparql"]
    # the query as given runs on the endpoint
    response = httpx.post(f"{server.url}/sparql", data={"query": query["sparql"]}, timeout=30)
    assert response.status_code == 200
    assert response.json()["results"]["bindings"]


def test_recommendations_against_a_narrower_threat_include_broader_measures(server: RunningServer) -> None:
    body = get(server, "/api/recommendations", threat="penetrative-vehicle-attack").json()
    assert "permanent-vehicle-security-barrier" in {
        e["measure"]["slug"] for e in body["items"] if e["relation"] == "exact"
    }
    assert "hostile-vehicle-mitigation" in {e["measure"]["slug"] for e in body["items"] if e["relation"] == "broader"}


def curated_objects(path: str, local_name: str) -> dict[str, set[str]]:
    """The IRIs that each subject of a curated file has for one pac: property."""
    graph = rdflib.Graph()
    graph.parse(REPO / path)
    found: dict[str, set[str]] = {}
    for s, o in graph.subject_objects(rdflib.URIRef(f"https://w3id.org/pactesur/ontology#{local_name}")):
        found.setdefault(str(s), set()).add(str(o))
    return found


def test_recommendations_give_the_kind_of_evidence_and_who_recommends(server: RunningServer) -> None:
    kinds = curated_objects("data/recommendations/recommendations.ttl", "evidenceKind")
    recommenders = curated_objects("data/recommendations/recommendations.ttl", "recommendedBy")
    labels = curated_texts("data/concepts/evidence.ttl")
    body = get(server, "/api/recommendations", threat="vehicle-as-weapon", lang="fr").json()
    why = {item["iri"]: item for entry in body["items"] for item in entry["why"]}
    assert len(why) > 10
    for iri, item in why.items():
        assert {kind["iri"] for kind in item["evidenceKind"]} == kinds[iri]
        assert {who["iri"] for who in item["recommendedBy"]} == recommenders.get(iri, set())
        for kind in item["evidenceKind"]:
            assert kind["label"] == labels[(kind["iri"], "prefLabel", "fr")]
    liege = why["https://w3id.org/pactesur/resource/recommendation/temporary-barriers-for-events"]
    assert [kind["slug"] for kind in liege["evidenceKind"]] == ["project-experience"]
    assert [who["slug"] for who in liege["recommendedBy"]] == ["ville-de-liege"]


@pytest.mark.parametrize("lang", ["en", "fr", "it"])
def test_recommendations_give_the_lessons_behind_them(server: RunningServer, lang: str) -> None:
    # pac:basedOnLesson of data/recommendations/recommendations.ttl, the lessons' labels in
    # data/lessons/lessons.ttl (each in en, fr and it)
    behind = curated_objects("data/recommendations/recommendations.ttl", "basedOnLesson")
    labels = curated_texts("data/lessons/lessons.ttl")
    body = get(server, "/api/recommendations", threat="vehicle-as-weapon", lang=lang, limit=200).json()
    why = {item["iri"]: item for entry in body["items"] for item in entry["why"]}
    for iri, item in why.items():
        assert {lesson["iri"] for lesson in item["basedOn"]} == behind.get(iri, set()), iri
        assert [lesson["slug"] for lesson in item["basedOn"]] == sorted(lesson["slug"] for lesson in item["basedOn"])
        for lesson in item["basedOn"]:
            assert (lesson["label"], lesson["labelLang"]) == (labels[(lesson["iri"], "label", lang)], lang)
    # Liège's mobile barriers: its two lessons and the one shared by the three pilots
    liege = why["https://w3id.org/pactesur/resource/recommendation/temporary-barriers-for-events"]
    assert [lesson["slug"] for lesson in liege["basedOn"]] == [
        "liege-mobile-barriers-reusable-and-accessible",
        "liege-modular-barriers-replace-sandbags",
        "three-pilots-without-bunkerisation",
    ]
    # the recommendations of the answer that name lessons in data/recommendations/recommendations.ttl:
    # those against vehicles and the broader ones against terrorism
    assert {item["slug"] for item in why.values() if item["basedOn"]} == {
        "hostile-vehicle-mitigation-for-publicly-accessible-locations",
        "permanent-barriers-against-vehicle-ramming",
        "temporary-barriers-for-events",
        "landscaped-barriers-instead-of-bunkers",
        "vehicle-access-control-for-protected-zones",
        "joint-training-of-local-police",
        "vulnerability-assessment-for-places-of-worship",
        "citizen-reporting-and-alert-apps",
        "legal-duty-for-venues-and-events",
        "lockdown-and-invacuation-procedures",
    }
    # the same lessons when only one recommender's recommendations are asked for
    by_liege = get(
        server, "/api/recommendations", threat="vehicle-as-weapon", lang=lang, recommendedBy="ville-de-liege"
    )
    filtered = {item["iri"]: item for entry in by_liege.json()["items"] for item in entry["why"]}
    assert filtered[liege["iri"]]["basedOn"] == liege["basedOn"]


def test_recommendations_of_one_recommender_only(server: RunningServer) -> None:
    recommenders = curated_objects("data/recommendations/recommendations.ttl", "recommendedBy")
    pactesur = "https://w3id.org/pactesur/resource/project/pactesur"
    everything = get(server, "/api/recommendations", threat="vehicle-as-weapon", limit=200).json()
    body = get(server, "/api/recommendations", threat="vehicle-as-weapon", recommendedBy="pactesur", limit=200).json()
    assert body["recommendedBy"] == "pactesur"
    every_why = {item["iri"] for entry in everything["items"] for item in entry["why"]}
    why = [item for entry in body["items"] for item in entry["why"]]
    assert why
    assert {item["iri"] for item in why} == {iri for iri in every_why if pactesur in recommenders.get(iri, set())}
    assert all("pactesur" in [who["slug"] for who in item["recommendedBy"]] for item in why)
    # only the measures PACTESUR recommends, each with its pilots as in the full answer
    assert all(entry["why"] for entry in body["items"])
    assert body["total"] < everything["total"]
    full = {(entry["measure"]["slug"], entry["relation"]): entry for entry in everything["items"]}
    for entry in body["items"]:
        assert entry["pilotedIn"] == full[(entry["measure"]["slug"], entry["relation"])]["pilotedIn"]
    # an organisation: the City of Liège, its pilot and the Brussels Declaration it signed, with
    # the declaration's call on governments and EU institutions (Efus press release of 23 November 2022)
    liege = get(server, "/api/recommendations", threat="vehicle-as-weapon", recommendedBy="ville-de-liege").json()
    assert [(entry["relation"], item["slug"]) for entry in liege["items"] for item in entry["why"]] == [
        ("exact", "temporary-barriers-for-events"),
        ("broader", "cooperation-of-all-actors-brussels-declaration"),
        ("broader", "harmonised-standards-and-funding-for-local-authorities"),
    ]


def test_recommendations_of_pactesur_list_its_own_conclusions(server: RunningServer) -> None:
    # PACTESUR's own recommendations: the conclusion of its Final Publication (issuu, efus,
    # publication_pactesur_en_v5/s/17550968), its section 2.1 on community involvement
    # (publication_pactesur_en_web/s/22084025) and the Brussels Declaration's call
    # (efus.eu/press-room/brussels-declaration-on-the-security-of-public-spaces)
    own = {
        "update-strategies-as-threats-evolve": "terrorist-threat",
        "harmonised-standards-and-funding-for-local-authorities": "terrorist-threat",
        "night-time-safety-with-less-public-lighting": "petty-crime-and-incivilities",
        "involve-citizens-in-safe-public-spaces": "petty-crime-and-incivilities",
    }
    for slug, threat in own.items():
        body = get(server, "/api/recommendations", threat=threat, recommendedBy="pactesur", limit=200).json()
        why = {item["slug"]: item for entry in body["items"] for item in entry["why"]}
        assert slug in why, (slug, sorted(why))
        assert "pactesur" in [who["slug"] for who in why[slug]["recommendedBy"]]
        assert [kind["slug"] for kind in why[slug]["evidenceKind"]] == ["project-experience"]
    # Efus' position that the declaration encapsulates is Efus' own, not the project's
    efus = get(server, "/api/recommendations", threat="terrorist-threat", recommendedBy="efus", limit=200).json()
    pactesur = get(
        server, "/api/recommendations", threat="terrorist-threat", recommendedBy="pactesur", limit=200
    ).json()
    efus_slugs = {item["slug"] for entry in efus["items"] for item in entry["why"]}
    pactesur_slugs = {item["slug"] for entry in pactesur["items"] for item in entry["why"]}
    assert "balance-security-technology-and-fundamental-rights" in efus_slugs - pactesur_slugs
    # merged into the all-risks recommendation, the co-production one is no longer listed
    assert "physical-measures-for-all-risks" in pactesur_slugs
    assert "co-production-of-physical-security-measures" not in pactesur_slugs


def test_unknown_recommender_suggests_the_closest(server: RunningServer) -> None:
    response = get(server, "/api/recommendations", threat="vehicle-as-weapon", recommendedBy="pactesr")
    assert response.status_code == 404
    body = response.json()
    assert body["error"] == "not-found"
    assert body["message"].startswith("recommendedBy: ")
    assert body["suggestions"][0] == "pactesur"


# -- unknown slugs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("/api/recommendations", {"threat": "vehicle-ramming"}, "threat"),
        ("/api/threats/vehicle-ramming", {}, "slug"),
    ],
)
def test_unknown_threat_suggests_the_closest(
    server: RunningServer, path: str, params: dict[str, str], parameter: str
) -> None:
    response = get(server, path, **params)
    assert response.status_code == 404
    body = response.json()
    assert body["error"] == "not-found"
    assert body["suggestions"][0] == "vehicle-as-weapon"
    assert body["message"].startswith(f"{parameter}: ")
    assert "vehicle-as-weapon" in body["message"]


def test_unknown_measure_suggests_the_closest(server: RunningServer) -> None:
    response = get(server, "/api/measures/permanent-vehicle-barrier")
    assert response.status_code == 404
    assert "permanent-vehicle-security-barrier" in response.json()["suggestions"]


def test_a_slug_with_nothing_close_gets_no_suggestion(server: RunningServer) -> None:
    response = get(server, "/api/recommendations", threat="zzzz-qqqq")
    assert response.status_code == 404
    assert response.json()["suggestions"] == []


# -- parameters -----------------------------------------------------------------------------

ROUTES: Routes = [
    ("/api/threats", ["lang", "q", "limit", "offset"], {}),
    ("/api/measures", ["lang", "q", "limit", "offset"], {}),
    ("/api/threats/{slug}", ["slug", "lang"], {"slug": "vehicle-as-weapon"}),
    ("/api/measures/{slug}", ["slug", "lang"], {"slug": "training"}),
    ("/api/recommendations", ["threat", "recommendedBy", "lang", "limit", "offset"], {"threat": "vehicle-as-weapon"}),
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_parameters_never_get_a_server_error(server: RunningServer, payload: str) -> None:
    assert_hostile_value_is_refused(server, ROUTES, payload)


def test_free_text_is_bound_as_an_escaped_literal(server: RunningServer) -> None:
    body = get(server, "/api/threats", q='"} ; DROP ALL').json()
    assert body["total"] == 0
    assert 'VALUES ?q { "\\"} ; DROP ALL" }' in body["query"]["sparql"]


def test_a_bad_parameter_is_named(server: RunningServer) -> None:
    response = get(server, "/api/recommendations", threat="Vehicle As Weapon")
    assert response.status_code == 422
    assert response.json()["details"][0]["parameter"] == "threat"
    missing = get(server, "/api/recommendations")
    assert missing.status_code == 422
    assert "threat" in missing.json()["message"]
    control = get(server, "/api/measures", q="a\nb")
    assert control.status_code == 422
    assert control.json()["message"].startswith("invalid parameters: q:")


# -- pagination ---------------------------------------------------------------------------


def test_pagination_of_a_scheme(server: RunningServer) -> None:
    everything = get(server, "/api/measures", limit=200).json()
    first = get(server, "/api/measures", limit=5).json()
    second = get(server, "/api/measures", limit=5, offset=5).json()
    assert (first["limit"], first["offset"], second["offset"]) == (5, 0, 5)
    assert first["total"] == second["total"] == everything["total"] > 10
    assert [i["slug"] for i in first["items"] + second["items"]] == [i["slug"] for i in everything["items"][:10]]
    beyond = get(server, "/api/measures", offset=everything["total"]).json()
    assert (beyond["items"], beyond["total"]) == ([], everything["total"])
    assert get(server, "/api/measures").json()["limit"] == 50


def test_pagination_of_recommendations(server: RunningServer) -> None:
    everything = get(server, "/api/recommendations", threat="vehicle-as-weapon").json()
    window = get(server, "/api/recommendations", threat="vehicle-as-weapon", limit=2, offset=1).json()
    assert window["total"] == everything["total"] == len(everything["items"])
    assert window["items"] == everything["items"][1:3]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [({"limit": "1000"}, "limit"), ({"limit": "0"}, "limit"), ({"offset": "-1"}, "offset"), ({"limit": "x"}, "limit")],
)
def test_out_of_range_pagination_is_refused(server: RunningServer, params: dict[str, str], parameter: str) -> None:
    for path, extra in [("/api/threats", {}), ("/api/recommendations", {"threat": "vehicle-as-weapon"})]:
        response = get(server, path, **extra, **params)
        assert response.status_code == 422
        assert response.json()["details"][0]["parameter"] == parameter
