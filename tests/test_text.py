"""Folding names: one way for the search, the reconciliation and the slug suggestions."""

from __future__ import annotations

import pytest

from pactesur_kg.api.rest.lookup import name_key
from pactesur_kg.text import fold


@pytest.mark.parametrize(
    ("name", "folded"),
    [("Łódź", "lodz"), ("Øresund", "oresund"), ("Straße", "strasse"), ("ŁÓDŹ", "lodz"), ("Þórshöfn", "thorshofn")],
)
def test_letters_without_a_decomposition_are_folded(name: str, folded: str) -> None:
    assert fold(name) == folded


@pytest.mark.parametrize("name", ["Łódź", "Øresund", "Straße", "Liège", "Véhicule bélier", "Gdańsk", "Ærø"])
def test_name_key_folds_as_the_search_does(name: str) -> None:
    assert name_key(name) == fold(name).replace(" ", "-")
