"""Ranking and match decisions of the reconciliation service, on a small index built from
rows as the query files of ``queries/reconcile/`` return them."""

from __future__ import annotations

import json

import pytest

from pactesur_kg.reconcile.batch import Query, read_batch
from pactesur_kg.reconcile.index import ReconIndex
from pactesur_kg.reconcile.matching import candidates

PAC = "https://w3id.org/pactesur/ontology#"
CITY = "https://w3id.org/pactesur/resource/city/"
ORG = "https://w3id.org/pactesur/resource/organisation/"


def _index(names: dict[str, list[tuple[str, str, str]]], classes: dict[str, str]) -> ReconIndex:
    return ReconIndex.from_rows(
        classes=[
            {"class": f"{PAC}City", "label": "City", "labelLang": "en"},
            {"class": f"{PAC}Organisation", "label": "Organisation", "labelLang": "en"},
            {"class": f"{PAC}PoliceForce", "label": "Police force", "labelLang": "en", "broader": f"{PAC}Organisation"},
        ],
        entities=[{"entity": iri, "class": cls} for iri, cls in classes.items()],
        names=[
            {"entity": iri, "name": text, "lang": lang, "kind": kind}
            for iri, entries in names.items()
            for text, lang, kind in entries
        ],
        identifiers=[
            {
                "entity": f"{CITY}turin",
                "property": "http://www.w3.org/2002/07/owl#sameAs",
                "identifier": "http://www.wikidata.org/entity/Q495",
            },
            {
                "entity": f"{CITY}nice",
                "property": "http://www.w3.org/2002/07/owl#sameAs",
                "identifier": "http://www.wikidata.org/entity/Q33959",
            },
        ],
        values=[],
    )


@pytest.fixture(scope="module")
def index() -> ReconIndex:
    return _index(
        {
            f"{CITY}turin": [("Turin", "en", "label"), ("Torino", "it", "label")],
            f"{CITY}nice": [("Nice", "en", "label"), ("Nizza", "it", "label")],
            f"{CITY}halle-saale": [("Halle (Saale)", "de", "label")],
            f"{ORG}police-nice": [("Nice Municipal Police", "en", "label")],
            f"{ORG}tur-in": [("Tur-In", "en", "label")],
            f"{ORG}nice-twin": [("NICE", "en", "acronym")],
        },
        {
            f"{CITY}turin": f"{PAC}City",
            f"{CITY}nice": f"{PAC}City",
            f"{CITY}halle-saale": f"{PAC}City",
            f"{ORG}police-nice": f"{PAC}PoliceForce",
            f"{ORG}tur-in": f"{PAC}Organisation",
            f"{ORG}nice-twin": f"{PAC}Organisation",
        },
    )


def _query(**fields: object) -> Query:
    return read_batch(json.dumps({"q0": fields}))["q0"]


def test_matching_exact_unique_name_is_a_match(index: ReconIndex) -> None:
    found = candidates(index, _query(query="torino"))
    assert [c.entity.id for c in found][:1] == ["resource/city/turin"]
    assert found[0].score == 100
    assert found[0].match


def test_matching_near_namesake_within_the_margin_is_not_a_match(index: ReconIndex) -> None:
    found = candidates(index, _query(query="Turin"))
    assert [c.entity.id for c in found][:2] == ["resource/city/turin", "resource/organisation/tur-in"]
    assert found[1].score == 98
    assert not found[0].match


def test_matching_namesakes_are_not_a_match(index: ReconIndex) -> None:
    found = candidates(index, _query(query="Nice"))
    assert {c.entity.id for c in found[:2]} == {"resource/city/nice", "resource/organisation/nice-twin"}
    assert not any(c.match for c in found)
    typed = candidates(index, _query(query="Nice", type="pac:City"))
    assert typed[0].entity.id == "resource/city/nice"
    assert typed[0].match


def test_matching_type_includes_subclasses(index: ReconIndex) -> None:
    found = candidates(index, _query(query="Nice", type="Organisation"))
    assert {c.entity.id for c in found} == {"resource/organisation/nice-twin", "resource/organisation/police-nice"}
    assert candidates(index, _query(query="Nice", type="pac:Unicorn")) == []


def test_matching_name_without_its_parentheses_counts_less(index: ReconIndex) -> None:
    found = candidates(index, _query(query="Halle"))
    assert found[0].entity.id == "resource/city/halle-saale"
    assert found[0].score == 95
    assert not found[0].match


def test_matching_identifier_decides_and_conflicting_identifier_lowers(index: ReconIndex) -> None:
    found = candidates(index, _query(query="Nice", type="pac:City", properties=[{"pid": "wikidata", "v": "wd:Q495"}]))
    assert found[0].entity.id == "resource/city/turin"
    assert found[0].match
    nice = next(c for c in found if c.entity.id == "resource/city/nice")
    assert nice.score == 60
    assert not nice.match
