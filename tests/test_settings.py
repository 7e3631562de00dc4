"""Settings from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactesur_kg.errors import UsageError
from pactesur_kg.settings import Settings


def test_settings_map_tiles_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACTESUR_MAP_TILES", "https://tiles.example.org/{z}/{x}/{y}.png")
    monkeypatch.setenv("PACTESUR_MAP_ATTRIBUTION", "Tiles: example")
    settings = Settings.from_env()
    assert settings.map_tiles == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert settings.map_attribution == "Tiles: example"
    monkeypatch.delenv("PACTESUR_MAP_TILES")
    assert Settings.from_env().map_tiles is None  # no tiles by default


@pytest.mark.parametrize("template", ["https://tiles.example.org/tile.png", "javascript:alert(1)/{z}/{x}/{y}"])
def test_settings_refuse_a_map_tiles_value_that_is_no_xyz_template(
    monkeypatch: pytest.MonkeyPatch, template: str
) -> None:
    monkeypatch.setenv("PACTESUR_MAP_TILES", template)
    with pytest.raises(UsageError, match="PACTESUR_MAP_TILES"):
        Settings.from_env()


def test_settings_spin_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings.from_env().spin_ms == 0.5
    monkeypatch.setenv("PACTESUR_SPIN_MS", "0")
    assert Settings.from_env().spin_ms == 0.0


@pytest.mark.parametrize("value", ["-1", "11", "fast"])
def test_settings_refuse_a_spin_out_of_range(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("PACTESUR_SPIN_MS", value)
    with pytest.raises(UsageError, match="PACTESUR_SPIN_MS"):
        Settings.from_env()


def test_settings_unchecked_need_no_checkout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PACTESUR_ROOT", str(tmp_path))
    monkeypatch.setenv("PACTESUR_FEDERATION_ALLOWLIST", "https://a.example/sparql https://b.example/sparql")
    settings = Settings.from_env(checked=False, service_map=(("https://a.example/sparql", "http://m.example/q"),))
    assert settings.federation_allowlist == ("https://a.example/sparql", "https://b.example/sparql")
    assert settings.service_mirrors == {"https://a.example/sparql": "http://m.example/q"}
    with pytest.raises(UsageError, match="not a pactesur-kg checkout"):
        Settings.from_env()


@pytest.mark.parametrize(("value", "reason"), [(None, True), ("", True), ("0", False), ("off", False), ("1", True)])
def test_settings_reason_from_the_environment(monkeypatch: pytest.MonkeyPatch, value: str | None, reason: bool) -> None:
    monkeypatch.delenv("PACTESUR_REASON", raising=False)
    if value is not None:
        monkeypatch.setenv("PACTESUR_REASON", value)
    assert Settings.from_env().reason is reason
