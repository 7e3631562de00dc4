"""The reconciliation service (/reconcile, W3C Reconciliation Service API 0.2) over a real HTTP
server, on every engine; every answer is validated against the specification's JSON Schemas
(``tests/fixtures/reconciliation/schemas/0.2``)."""

from __future__ import annotations

import csv
import json
from functools import cache
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from jsonschema import Draft7Validator
from referencing import Registry
from referencing.jsonschema import DRAFT7

from ..conftest import FIXTURES
from .conftest import UPDATE_TOKEN
from .server import RunningServer


@pytest.fixture(scope="module")
def server(server_on_every_engine: RunningServer) -> RunningServer:
    """These answers are the same on every engine (conftest.EVERY_ENGINE)."""
    return server_on_every_engine


SCHEMAS = FIXTURES / "reconciliation" / "schemas" / "0.2"
VARIANTS = FIXTURES / "reconciliation" / "name-variants.csv"
PAC = "https://w3id.org/pactesur/ontology#"
FORM = {"content-type": "application/x-www-form-urlencoded"}


@cache
def _registry() -> Registry[Any]:
    """The vendored schemas by their ``$id``, so that ``$ref``s resolve without the network."""
    resources = []
    for path in sorted(SCHEMAS.glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["$id"], DRAFT7.create_resource(contents)))
    registry: Registry[Any] = Registry().with_resources(resources)
    return registry


def assert_valid(instance: Any, schema_name: str) -> None:
    """``instance`` conforms to the vendored schema ``schema_name`` (every error listed)."""
    schema = json.loads((SCHEMAS / schema_name).read_text(encoding="utf-8"))
    validator = Draft7Validator(schema, registry=_registry())
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(instance)]
    assert not errors, f"not valid against {schema_name}: {errors}"


def reconcile(server: RunningServer, queries: dict[str, Any]) -> dict[str, Any]:
    assert_valid(queries, "reconciliation-query-batch.json")
    response = httpx.post(f"{server.url}/reconcile", data={"queries": json.dumps(queries)}, timeout=60)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert_valid(body, "reconciliation-result-batch.json")
    assert set(body) == set(queries)
    return body


def results(server: RunningServer, query: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = reconcile(server, {"q0": query})["q0"]["result"]
    scores = [candidate["score"] for candidate in found]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= score <= 100 for score in scores)
    return found


def ids(found: list[dict[str, Any]]) -> list[str]:
    return [candidate["id"] for candidate in found]


def get(server: RunningServer, path: str, **params: Any) -> httpx.Response:
    return httpx.get(f"{server.url}{path}", params=params, timeout=60)


# -- manifest ---------------------------------------------------------------------------------


def test_reconcile_manifest_is_valid_and_points_to_the_service(server: RunningServer) -> None:
    response = get(server, "/reconcile")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    manifest = response.json()
    assert_valid(manifest, "manifest.json")
    assert manifest["versions"] == ["0.2"]
    assert manifest["identifierSpace"] == "https://w3id.org/pactesur/"
    assert manifest["schemaSpace"] == PAC
    assert [t["id"] for t in manifest["defaultTypes"]] == [
        f"{PAC}{name}" for name in ("City", "Organisation", "Incident", "Threat", "Measure")
    ]
    assert [t["name"] for t in manifest["defaultTypes"]] == ["City", "Organisation", "Incident", "Threat", "Measure"]
    assert manifest["view"]["url"] == f"{server.url}/{{{{id}}}}"
    assert manifest["preview"]["url"] == f"{server.url}/reconcile/preview?id={{{{id}}}}"
    assert manifest["preview"]["width"] > 0
    assert manifest["preview"]["height"] > 0
    for kind in ("entity", "type", "property"):
        assert manifest["suggest"][kind] == {"service_url": server.url, "service_path": f"/reconcile/suggest/{kind}"}
    assert manifest["extend"]["propose_properties"]["service_path"] == "/reconcile/properties"
    assert manifest["documentation"] == f"{server.url}/ontology"
    # the specification requires CORS on every endpoint
    cross = httpx.get(f"{server.url}/reconcile", headers={"origin": "http://openrefine.example"}, timeout=30)
    assert cross.headers.get("access-control-allow-origin") in ("*", "http://openrefine.example")


def test_reconcile_manifest_as_jsonp(server: RunningServer) -> None:
    response = get(server, "/reconcile", callback="jQuery3410_17")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/javascript")
    text = response.text
    assert text.startswith("/**/jQuery3410_17(")
    assert text.endswith(");")
    manifest = json.loads(text[len("/**/jQuery3410_17(") : -2])
    assert_valid(manifest, "manifest.json")


def test_reconcile_refuses_a_callback_that_is_not_a_function_name(server: RunningServer) -> None:
    response = get(server, "/reconcile", callback="alert(1)//")
    assert response.status_code == 400
    assert "callback" in response.json()["message"]


def test_reconcile_view_url_opens_the_entity_page(server: RunningServer) -> None:
    template = get(server, "/reconcile").json()["view"]["url"]
    for identifier in ("resource/city/nice", "concept/threat/vehicle-as-weapon"):
        for written in (identifier, quote(identifier, safe="")):
            response = httpx.get(template.replace("{{id}}", written), headers={"accept": "text/html"}, timeout=30)
            assert response.status_code == 200, written
            assert "text/html" in response.headers["content-type"]


# -- matching ---------------------------------------------------------------------------------


def test_reconcile_name_variants_top1_accuracy(server: RunningServer, record_property: Any) -> None:
    """Real-world name variants (other languages, accents, case, other names, exonyms) each
    reconcile to their entity, in one batch: at least 95 % right at the top."""
    with VARIANTS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 30
    queries: dict[str, Any] = {}
    for number, row in enumerate(rows):
        query: dict[str, Any] = {"query": row["query"], "limit": 5}
        if row["type"]:
            query["type"] = row["type"]
        queries[f"q{number}"] = query
    body = reconcile(server, queries)
    wrong = []
    for number, row in enumerate(rows):
        found = body[f"q{number}"]["result"]
        top = found[0]["id"] if found else None
        if top != row["expected"]:
            wrong.append(f"{row['query']!r}: {top} instead of {row['expected']}")
    accuracy = 1 - len(wrong) / len(rows)
    record_property("top1_accuracy", round(accuracy, 4))
    print(f"\nreconciliation top-1 accuracy: {accuracy:.1%} of {len(rows)} name variants; wrong: {wrong}")
    assert accuracy >= 0.95, wrong


def test_reconcile_exact_unique_name_is_a_match(server: RunningServer) -> None:
    found = results(server, {"query": "Lüttich"})
    assert found[0]["id"] == "resource/city/liege"
    assert found[0]["name"] == "Liège"
    assert found[0]["score"] == 100
    assert found[0]["match"] is True
    assert found[0]["type"] == [{"id": f"{PAC}City", "name": "City"}]
    assert "description" in found[0]
    assert not any(candidate["match"] for candidate in found[1:])


def test_reconcile_similar_name_is_a_candidate_but_not_a_match(server: RunningServer) -> None:
    found = results(server, {"query": "Halle an der Saale"})
    assert found[0]["id"] == "resource/city/halle-saale"
    assert found[0]["score"] < 100
    assert not any(candidate["match"] for candidate in found)
    assert results(server, {"query": "Zzyzx Qwrtp"}) == []


def test_reconcile_match_by_get(server: RunningServer) -> None:
    response = get(server, "/reconcile", queries=json.dumps({"a": {"query": "Nizza", "type": "pac:City"}}))
    assert response.status_code == 200
    body = response.json()
    assert_valid(body, "reconciliation-result-batch.json")
    assert ids(body["a"]["result"])[0] == "resource/city/nice"
    assert all(candidate["score"] < 60 for candidate in body["a"]["result"][1:])
    jsonp = get(server, "/reconcile", queries=json.dumps({"a": {"query": "Nizza"}}), callback="cb")
    assert jsonp.text.startswith("/**/cb(")


def test_reconcile_type_filter_includes_subclasses(server: RunningServer) -> None:
    organisations = results(server, {"query": "Nice", "type": f"{PAC}Organisation", "limit": 20})
    assert organisations
    assert "resource/city/nice" not in ids(organisations)
    assert all(candidate["id"].startswith("resource/organisation/") for candidate in organisations)
    # the police of Nice is a pac:PoliceForce, a subclass of pac:Organisation
    assert "resource/organisation/police-municipale-nice" in ids(organisations)
    police = next(c for c in organisations if c["id"] == "resource/organisation/police-municipale-nice")
    assert police["type"] == [{"id": f"{PAC}PoliceForce", "name": "Police force"}]
    incidents = results(server, {"query": "Manchester", "type": "Incident"})
    assert ids(incidents)[0] == "resource/incident/manchester-2017-05-22"
    assert incidents[0]["type"][0]["id"] == f"{PAC}Attack"
    cities = results(server, {"query": "Manchester", "type": ["pac:City", "pac:Incident"]})
    assert set(ids(cities)[:2]) == {"resource/city/manchester", "resource/incident/manchester-2017-05-22"}


def test_reconcile_unknown_type_has_no_candidates(server: RunningServer) -> None:
    assert results(server, {"query": "Nice", "type": "http://example.org/Unicorn"}) == []
    # one of several types is enough, unless all are required
    either = results(server, {"query": "Nice", "type": ["http://example.org/Unicorn", "pac:City"]})
    assert ids(either)[0] == "resource/city/nice"
    both = {"query": "Nice", "type": ["http://example.org/Unicorn", "pac:City"], "type_strict": "all"}
    assert results(server, both) == []


def test_reconcile_identifier_property_decides(server: RunningServer) -> None:
    by_iri = results(
        server, {"query": "Nizza", "properties": [{"pid": "wikidata", "v": "http://www.wikidata.org/entity/Q33959"}]}
    )
    assert by_iri[0]["id"] == "resource/city/nice"
    assert by_iri[0]["match"] is True
    only_identifier = results(server, {"properties": [{"pid": "wikidata", "v": "Q495"}]})
    assert ids(only_identifier) == ["resource/city/turin"]
    assert only_identifier[0]["match"] is True
    assert only_identifier[0]["score"] == 100
    # GeoNames 3165524 is the populated place Turin (3165525, linked before, is the comune; geonames.org)
    geonames = results(server, {"query": "Torino", "properties": [{"pid": "geonames", "v": 3165524}]})
    assert geonames[0]["id"] == "resource/city/turin"
    assert geonames[0]["match"] is True
    # the identifier wins over the name, and the named city linked to another item loses
    conflict = results(server, {"query": "Nice", "type": "pac:City", "properties": [{"pid": "wikidata", "v": "Q495"}]})
    assert conflict[0]["id"] == "resource/city/turin"
    assert conflict[0]["match"] is True
    nice = next(c for c in conflict if c["id"] == "resource/city/nice")
    assert nice["score"] <= 60
    assert nice["match"] is False
    feature = {f["id"]: f["value"] for f in conflict[0]["features"]}
    assert feature["identifier_match"] is True


def test_reconcile_query_can_be_an_identifier(server: RunningServer) -> None:
    assert ids(results(server, {"query": "http://www.wikidata.org/entity/Q33959"}))[:1] == ["resource/city/nice"]
    # GeoNames 3165524 is the populated place Turin (3165525, linked before, is the comune; geonames.org)
    assert ids(results(server, {"query": "http://sws.geonames.org/3165524/"}))[:1] == ["resource/city/turin"]
    itself = results(server, {"query": "resource/city/xabia"})
    assert itself[0]["id"] == "resource/city/xabia"
    assert itself[0]["match"] is True


def test_reconcile_other_properties_raise_or_lower_the_score(server: RunningServer) -> None:
    agrees = results(server, {"query": "Vienne", "properties": [{"pid": "pac:countryCode", "v": "AT"}]})
    assert agrees[0]["id"] == "resource/city/vienna"
    assert agrees[0]["match"] is True
    disagrees = results(server, {"query": "Vienne", "properties": [{"pid": f"{PAC}countryCode", "v": "FR"}]})
    vienna = next(c for c in disagrees if c["id"] == "resource/city/vienna")
    assert vienna["score"] == 70
    assert vienna["match"] is False
    linked = results(server, {"query": "2016", "type": "pac:Incident", "properties": [{"pid": "inCity", "v": "Nizza"}]})
    assert linked[0]["id"] == "resource/incident/nice-2016-07-14"


def test_reconcile_limit(server: RunningServer) -> None:
    assert len(results(server, {"query": "attack", "limit": 3})) == 3


# -- bad input --------------------------------------------------------------------------------


def _post(server: RunningServer, **form: str) -> httpx.Response:
    return httpx.post(f"{server.url}/reconcile", data=form, timeout=30)


def test_reconcile_malformed_json_says_where_and_how_to_fix(server: RunningServer) -> None:
    response = _post(server, queries='{"q0": {"query": "Nice",}}')
    assert response.status_code == 400
    body = response.json()
    assert (body["line"], body["column"]) == (1, 25)
    assert body["message"].startswith("queries: not valid JSON at line 1, column 25")
    assert 'e.g. queries={"q0": {"query": "Nice"' in body["message"]
    assert "Traceback" not in response.text
    multiline = httpx.get(f"{server.url}/reconcile", params={"queries": '{\n  "q0": {"query": "Nice"\n}'}, timeout=30)
    assert multiline.status_code == 400
    assert multiline.json()["line"] == 3


@pytest.mark.parametrize(
    ("queries", "says"),
    [
        ('["Nice"]', "queries: expected a JSON object of queries by key, got a list"),
        ('{"q0": "Nice"}', "queries: q0: expected an object"),
        ('{"q0": {"query": "Nice", "limit": -1}}', "queries: q0.limit: expected a positive whole number"),
        ('{"q0": {"query": "Nice", "lang": "fr"}}', "queries: q0: unknown field 'lang'"),
        ('{"q0": {"type": "pac:City"}}', 'queries: q0: give "query"'),
        ('{"q0": {"query": "Nice", "properties": [{"pid": "nope", "v": "x"}]}}', "unknown property 'nope'"),
        ('{"q0": {"query": "Nice", "type_strict": "maybe"}}', "queries: q0.type_strict"),
        ('{"q0": {"query": "Nice", "limit": NaN}}', "queries: not valid JSON: NaN is not a JSON number"),
        ('{"q0": {"query": "Nice", "limit": Infinity}}', "Infinity is not a JSON number"),
        ("[" * 100_000 + "]" * 100_000, "queries: nested too deeply"),
        ('{"q0": {"query": "' + "Nice " * 200 + '"}}', "queries: q0.query: 1000 characters; a name has at most 500"),
    ],
    ids=[
        "list",
        "query-not-object",
        "negative-limit",
        "unknown-field",
        "no-query",
        "unknown-property",
        "type-strict",
        "nan",
        "infinity",
        "deep-nesting",
        "long-query",
    ],
)
def test_reconcile_invalid_queries_are_400(server: RunningServer, queries: str, says: str) -> None:
    response = _post(server, queries=queries)
    assert response.status_code == 400, response.text
    assert says in response.json()["message"]


def test_reconcile_post_needs_a_form(server: RunningServer) -> None:
    assert _post(server).status_code == 400
    assert "queries=" in _post(server, other="x").json()["message"]
    wrong_type = httpx.post(
        f"{server.url}/reconcile",
        content=json.dumps({"q0": {"query": "Nice"}}),
        headers={"content-type": "application/json"},
    )
    assert wrong_type.status_code == 415
    both = _post(server, queries='{"q0": {"query": "Nice"}}', extend='{"ids": [], "properties": []}')
    assert both.status_code == 400


def test_reconcile_batch_over_the_announced_size_is_413(server: RunningServer) -> None:
    size = get(server, "/reconcile").json()["batchSize"]
    queries = {f"q{n}": {"query": "Nice"} for n in range(size + 1)}
    assert _post(server, queries=json.dumps(queries)).status_code == 413
    ids_ = [f"resource/city/c{n}" for n in range(1001)]
    assert _post(server, extend=json.dumps({"ids": ids_, "properties": []})).status_code == 413


def test_reconcile_answers_with_a_trailing_slash(server: RunningServer) -> None:
    assert_valid(get(server, "/reconcile/").json(), "manifest.json")
    response = httpx.post(f"{server.url}/reconcile/", data={"queries": '{"q0": {"query": "Luik"}}'}, timeout=30)
    assert response.status_code == 200
    assert response.json()["q0"]["result"][0]["id"] == "resource/city/liege"


def test_reconcile_body_over_the_limit_is_413(small_limits_server: RunningServer) -> None:
    queries = json.dumps({f"q{n}": {"query": "Nice " * 20} for n in range(50)})
    assert len(queries) > 4096
    response = httpx.post(f"{small_limits_server.url}/reconcile", data={"queries": queries}, timeout=30)
    assert response.status_code == 413


# -- preview ----------------------------------------------------------------------------------


def test_reconcile_preview_card(server: RunningServer) -> None:
    response = get(server, "/reconcile/preview", id="resource/city/turin")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert ">Turin</a>" in page
    assert 'href="/resource/city/turin"' in page
    assert "City" in page
    assert "Q495" in page
    # GeoNames 3165524 is the populated place Turin (3165525, linked before, is the comune; geonames.org)
    assert "3165524" in page
    concept = get(server, "/reconcile/preview", id="https://w3id.org/pactesur/concept/threat/vehicle-as-weapon")
    assert concept.status_code == 200
    assert "Vehicle as a weapon" in concept.text
    missing = get(server, "/reconcile/preview", id="resource/city/atlantis")
    assert missing.status_code == 404
    assert "text/html" in missing.headers["content-type"]


# -- suggest ----------------------------------------------------------------------------------


def test_reconcile_suggest_entity(server: RunningServer) -> None:
    body = get(server, "/reconcile/suggest/entity", prefix="lieg").json()
    assert_valid(body, "suggest-entities-response.json")
    assert ids(body["result"])[0] == "resource/city/liege"
    assert body["result"][0]["notable"] == [{"id": f"{PAC}City", "name": "City"}]
    by_id = get(server, "/reconcile/suggest/entity", prefix="resource/city/nice").json()
    assert ids(by_id["result"])[:1] == ["resource/city/nice"]
    accents = get(server, "/reconcile/suggest/entity", prefix="MÜNCH").json()
    assert ids(accents["result"])[0] == "resource/city/munich"
    typed = get(server, "/reconcile/suggest/entity", prefix="nice", type="pac:Incident").json()
    assert typed["result"]
    assert all(i.startswith("resource/incident/") for i in ids(typed["result"]))
    first = get(server, "/reconcile/suggest/entity", prefix="a", limit=3).json()["result"]
    second = get(server, "/reconcile/suggest/entity", prefix="a", limit=3, cursor=3).json()["result"]
    assert len(first) == len(second) == 3
    assert not set(ids(first)) & set(ids(second))
    assert get(server, "/reconcile/suggest/entity", prefix="zzzzqq").json() == {"result": []}
    assert get(server, "/reconcile/suggest/entity").status_code == 422


def test_reconcile_suggest_type(server: RunningServer) -> None:
    body = get(server, "/reconcile/suggest/type", prefix="police").json()
    assert_valid(body, "suggest-types-response.json")
    police = body["result"][0]
    assert police["id"] == f"{PAC}PoliceForce"
    assert police["broader"] == [{"id": f"{PAC}Organisation", "name": "Organisation"}]
    italian = get(server, "/reconcile/suggest/type", prefix="citt").json()["result"]
    assert italian[0]["id"] == f"{PAC}City"


def test_reconcile_suggest_property(server: RunningServer) -> None:
    body = get(server, "/reconcile/suggest/property", prefix="wiki").json()
    assert_valid(body, "suggest-properties-response.json")
    assert body["result"][0]["id"] == "wikidata"
    country = get(server, "/reconcile/suggest/property", prefix="country").json()["result"]
    assert f"{PAC}countryCode" in ids(country)
    jsonp = get(server, "/reconcile/suggest/property", prefix="geo", callback="cb")
    assert jsonp.text.startswith("/**/cb(")


# -- data extension ---------------------------------------------------------------------------


def test_reconcile_properties_proposed_for_a_type(server: RunningServer) -> None:
    body = get(server, "/reconcile/properties", type=f"{PAC}City").json()
    assert body["type"] == f"{PAC}City"
    proposed = ids(body["properties"])
    assert {f"{PAC}countryCode", f"{PAC}population", "wikidata", "geonames"} <= set(proposed)
    assert f"{PAC}mitigates" not in proposed
    assert all(isinstance(p["name"], str) and p["name"] for p in body["properties"])
    assert ids(get(server, "/reconcile/properties", type="Threat", limit=2).json()["properties"]).__len__() == 2
    assert get(server, "/reconcile/properties", type="Unicorn").json()["properties"] == []


def test_reconcile_extend(server: RunningServer) -> None:
    query: dict[str, Any] = {
        "ids": ["resource/city/nice", "resource/city/turin", "resource/city/atlantis"],
        "properties": [{"id": "wikidata"}, {"id": "geonames"}, {"id": f"{PAC}countryCode"}, {"id": f"{PAC}population"}],
    }
    assert_valid(query, "data-extension-query.json")
    response = _post(server, extend=json.dumps(query))
    assert response.status_code == 200
    body = response.json()
    assert_valid(body, "data-extension-response.json")
    assert [m["id"] for m in body["meta"]] == [p["id"] for p in query["properties"]]
    nice, turin, atlantis = (body["rows"][i] for i in query["ids"])
    assert nice["wikidata"] == [{"str": "Q33959"}]
    assert nice["geonames"] == []
    # GeoNames 3165524 is the populated place Turin (3165525, linked before, is the comune; geonames.org)
    assert turin["geonames"] == [{"str": "3165524"}]
    assert nice[f"{PAC}countryCode"] == [{"str": "FR"}]
    assert nice[f"{PAC}population"] == [{"int": 348085}]
    assert all(values == [] for values in atlantis.values())


def test_reconcile_extend_entities_and_dates(server: RunningServer) -> None:
    query = {"ids": ["resource/incident/nice-2016-07-14"], "properties": [{"id": "inCity"}, {"id": "pac:date"}]}
    response = get(server, "/reconcile", extend=json.dumps(query))
    assert response.status_code == 200
    body = response.json()
    assert_valid(body, "data-extension-response.json")
    row = body["rows"]["resource/incident/nice-2016-07-14"]
    assert row["inCity"] == [{"id": "resource/city/nice", "name": "Nice"}]
    assert row["pac:date"] == [{"date": "2016-07-14T00:00:00"}]
    assert body["meta"][0] == {"id": "inCity", "name": "in city", "type": {"id": f"{PAC}City", "name": "City"}}


def test_reconcile_extend_concepts(server: RunningServer) -> None:
    broader = "http://www.w3.org/2004/02/skos/core#broader"
    proposed = ids(get(server, "/reconcile/properties", type="pac:Threat").json()["properties"])
    assert broader in proposed
    assert f"{PAC}mitigates" not in proposed  # a property of measures
    query = {"ids": ["concept/threat/pbied"], "properties": [{"id": broader}, {"id": "dcterms:source"}]}
    body = _post(server, extend=json.dumps(query)).json()
    assert_valid(body, "data-extension-response.json")
    row = body["rows"]["concept/threat/pbied"]
    assert row[broader] == [{"id": "concept/threat/ied", "name": "Improvised explosive device attack"}]
    assert row["dcterms:source"]
    assert all(cell["str"].startswith("http") for cell in row["dcterms:source"])


def test_reconcile_extend_bad_input_is_400(server: RunningServer) -> None:
    assert _post(server, extend='{"ids": ["resource/city/nice"]').status_code == 400
    assert "extend.ids" in _post(server, extend='{"ids": "nice", "properties": []}').json()["message"]
    unknown = _post(server, extend='{"ids": ["resource/city/nice"], "properties": [{"id": "colour"}]}')
    assert unknown.status_code == 400
    assert "unknown property 'colour'" in unknown.json()["message"]


# -- the index follows updates ----------------------------------------------------------------


def test_reconcile_index_follows_updates(writable_server: RunningServer) -> None:
    graph = "https://w3id.org/pactesur/graph/contributions/reconcile-test"
    city = "https://w3id.org/pactesur/resource/city/testopolis"
    auth = {"authorization": f"Bearer {UPDATE_TOKEN}"}
    query = {"q0": {"query": "Testopolis", "type": "pac:City"}}
    before = reconcile(writable_server, query)["q0"]["result"]
    assert "resource/city/testopolis" not in ids(before)
    insert = (
        f"INSERT DATA {{ GRAPH <{graph}> {{ <{city}> a <{PAC}City> ; "
        '<http://www.w3.org/2000/01/rdf-schema#label> "Testopolis"@en . } }'
    )
    assert httpx.post(f"{writable_server.url}/sparql", data={"update": insert}, headers=auth).status_code == 204
    try:
        after = reconcile(writable_server, query)["q0"]["result"]
        assert ids(after)[0] == "resource/city/testopolis"
        assert after[0]["match"] is True
    finally:
        dropped = httpx.post(f"{writable_server.url}/sparql", data={"update": f"DROP GRAPH <{graph}>"}, headers=auth)
        assert dropped.status_code == 204
    assert "resource/city/testopolis" not in ids(reconcile(writable_server, query)["q0"]["result"])
