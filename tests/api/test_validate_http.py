"""POST /validate over a real server."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
import rdflib
from rdflib.namespace import RDF, SH

from ..conftest import FIXTURES
from .server import RunningServer

CONTRIBUTIONS = FIXTURES / "contributions"


def post(server: RunningServer, name: str, content_type: str = "text/turtle", **headers: str) -> httpx.Response:
    body = (CONTRIBUTIONS / name).read_bytes()
    return httpx.post(
        f"{server.url}/validate", content=body, headers={"content-type": content_type, **headers}, timeout=60
    )


def test_validate_http_conforming_is_200(server: RunningServer) -> None:
    response = post(server, "valid-lesson.ttl")
    assert response.status_code == 200
    assert response.json()["conforms"] is True


def test_validate_http_violations_are_200_with_report(server: RunningServer) -> None:
    response = post(server, "invalid-lesson.ttl")
    assert response.status_code == 200
    report = response.json()
    assert report["conforms"] is False
    assert {r["line"] for r in report["results"]} == {10}


def test_validate_http_french(server: RunningServer) -> None:
    response = httpx.post(
        f"{server.url}/validate?lang=fr",
        content=(CONTRIBUTIONS / "invalid-lesson.ttl").read_bytes(),
        headers={"content-type": "text/turtle"},
    )
    assert any("renvoie" in r["message"] for r in response.json()["results"])


@pytest.mark.parametrize(
    ("accept", "media"), [("text/turtle", "text/turtle"), ("application/ld+json", "application/ld+json")]
)
def test_validate_http_report_as_rdf(server: RunningServer, accept: str, media: str) -> None:
    response = post(server, "invalid-lesson.ttl", accept=accept)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    if media == "text/turtle":
        graph = rdflib.Graph().parse(data=response.text, format="turtle")
        assert list(graph.subjects(RDF.type, SH.ValidationReport))
    else:
        assert str(SH.ValidationReport) in response.text or "sh:ValidationReport" in response.text


def test_validate_http_ntriples_and_jsonld_inputs(server: RunningServer) -> None:
    turtle = rdflib.Graph().parse(CONTRIBUTIONS / "valid-lesson.ttl")
    for content_type, data in [
        ("application/n-triples", turtle.serialize(format="nt")),
        ("application/ld+json", turtle.serialize(format="json-ld")),
        ("application/rdf+xml", turtle.serialize(format="xml")),
    ]:
        response = httpx.post(
            f"{server.url}/validate", content=data, headers={"content-type": content_type}, timeout=60
        )
        assert response.status_code == 200, (content_type, response.text)
        assert response.json()["conforms"] is True


def test_validate_http_syntax_error_is_400_with_line_and_column(server: RunningServer) -> None:
    response = post(server, "syntax-error.ttl")
    assert response.status_code == 400
    body = response.json()
    assert body["line"] == 4
    assert isinstance(body["column"], int)


def test_validate_http_unknown_type_is_415(server: RunningServer) -> None:
    assert post(server, "valid-lesson.ttl", content_type="text/csv").status_code == 415


def test_validate_http_body_over_limit_is_413(small_limits_server: RunningServer) -> None:
    body = b"# " + b"x" * 10_000 + b"\n"
    response = httpx.post(f"{small_limits_server.url}/validate", content=body, headers={"content-type": "text/turtle"})
    assert response.status_code == 413


def test_validate_http_never_writes(server: RunningServer) -> None:
    assert post(server, "valid-lesson.ttl").status_code == 200
    ask = httpx.get(
        f"{server.url}/sparql",
        params={"query": "ASK { <https://w3id.org/pactesur/resource/lesson/contributed-example> ?p ?o }"},
    )
    assert ask.json()["boolean"] is False


def _many_lessons(count: int) -> bytes:
    """The valid lesson written ``count`` times under other IRIs: a contribution whose
    validation takes a while."""
    text = (CONTRIBUTIONS / "valid-lesson.ttl").read_text(encoding="utf-8")
    head, _, block = text.partition("lesson:contributed-example")
    # each its own label: the same label on two lessons is a duplicate the build refuses
    numbered = [block.replace("a market square", f"market square {n}") for n in range(count)]
    return (head + "".join(f"lesson:contributed-{n}{b}\n" for n, b in enumerate(numbered))).encode("utf-8")


def test_validate_http_other_requests_are_answered_meanwhile(embedded_server: RunningServer) -> None:
    """Queries sent while a validation runs are answered before it ends (the validation ran
    on the event loop before: every query waited for all of it)."""
    finished: list[float] = []

    def validate() -> None:
        response = httpx.post(
            f"{embedded_server.url}/validate",
            content=_many_lessons(200),
            headers={"content-type": "text/turtle"},
            timeout=60,
        )
        assert response.status_code == 200
        finished.append(time.monotonic())

    thread = threading.Thread(target=validate)
    thread.start()
    answered: list[float] = []
    with httpx.Client(timeout=60) as client:
        deadline = time.monotonic() + 60
        while thread.is_alive() and time.monotonic() < deadline and len(answered) < 50:
            response = client.get(f"{embedded_server.url}/sparql", params={"query": "ASK {}"})
            assert response.status_code == 200
            answered.append(time.monotonic())
            time.sleep(0.02)
    thread.join(timeout=60)
    assert finished, "the validation did not answer"
    assert len([moment for moment in answered if moment < finished[0]]) >= 5
