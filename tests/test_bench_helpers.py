"""The pure helpers of the benchmarks of issue 13's targets: connection modes and ratios of
bench/run.py, the generated contribution and the busy/idle summary of
bench/validate_concurrency.py, the corrections of bench/contributions.py and a small run of
bench/inference_rules.py (no servers; no times asserted)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from bench import contributions as bench_contributions
from bench import inference_rules as bench_inference_rules
from bench.run import connection_modes, new_connection_client, pair_ratios
from bench.validate_concurrency import busy_flags, contribution, summary

from .conftest import REPO

PAC = "https://w3id.org/pactesur/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
CITIES = ["https://w3id.org/pactesur/resource/city/nice", "https://w3id.org/pactesur/resource/city/liege"]
INCIDENTS = ["https://w3id.org/pactesur/resource/incident/nice-2016-07-14"]
PILOTS = ["https://w3id.org/pactesur/resource/pilot/nice-promenade-des-anglais"]


def test_connection_modes() -> None:
    assert connection_modes("both") == ("keep", "new")
    assert connection_modes("keep") == ("keep",)
    assert connection_modes("new") == ("new",)
    with pytest.raises(ValueError, match="--connections"):
        connection_modes("sometimes")


def test_new_connection_client_asks_the_server_to_close() -> None:
    with new_connection_client(5) as client:
        assert client.headers["connection"] == "close"


def row(query: str, medians: dict[str, float], status: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "query": query,
        "median_ms": medians,
        "new_connection_median_ms": {name: 2 * value for name, value in medians.items()},
        "status": status or dict.fromkeys(medians, "ok"),
    }


def test_pair_ratios_geometric_mean_over_queries_both_answered() -> None:
    rows = [
        row("a", {"ours": 2.0, "theirs": 1.0}),
        row("b", {"ours": 1.0, "theirs": 2.0}),
        row("c", {"ours": 4.0, "theirs": 1.0}, {"ours": "ok (1 run)", "theirs": "ok (1 run)"}),
        row("timed-out", {"ours": 9.0, "theirs": 1.0}, {"ours": "timeout (> 60 s)", "theirs": "ok"}),
        row("missing", {"ours": 9.0}, {"ours": "ok", "theirs": "not run"}),
    ]
    ratios = pair_ratios(rows, [("ours", "theirs")])["ours/theirs"]
    assert ratios["queries"] == 3
    assert math.isclose(ratios["geometric_mean"], 4 ** (1 / 3))
    assert (ratios["min"], ratios["max"]) == (0.5, 4.0)
    assert list(ratios["worst"]) == ["c", "a", "b"]
    rows[1]["new_connection_median_ms"] = {"ours": 1.0}  # not measured on theirs
    new = pair_ratios(rows, [("ours", "theirs")], "new_connection_median_ms")["ours/theirs"]
    assert new["queries"] == 2
    assert math.isclose(new["geometric_mean"], math.sqrt(8))


def test_pair_ratios_without_queries() -> None:
    ratios = pair_ratios([], [("ours", "theirs")])["ours/theirs"]
    assert ratios["queries"] == 0
    assert math.isnan(ratios["geometric_mean"])


def test_busy_flags_and_summary() -> None:
    assert busy_flags([0.5, 1.0, 1.5, 2.0, 3.5], [(1.0, 2.0), (3.0, 4.0)]) == [False, True, True, True, True]
    result = summary([0.001] * 19 + [0.002], [0.010, 0.004])
    assert result["idle_requests"] == 20
    assert result["busy_requests"] == 2
    assert math.isclose(result["idle_median_ms"], 1.0)
    assert math.isclose(result["idle_p95_ms"], 1.0)
    assert math.isclose(result["busy_median_ms"], 7.0)
    assert math.isclose(result["busy_p95_ms"], 10.0)
    assert math.isclose(result["ratio_median"], 7.0)
    assert summary([0.001], []) == {"idle_requests": 1, "busy_requests": 0}


def lessons_of(data: bytes) -> dict[str, dict[str, list[ox.NamedNode | ox.Literal | ox.BlankNode]]]:
    found: dict[str, dict[str, list[ox.NamedNode | ox.Literal | ox.BlankNode]]] = {}
    for triple in ox.parse(data, ox.RdfFormat.TURTLE):
        assert isinstance(triple.subject, ox.NamedNode)
        found.setdefault(triple.subject.value, {}).setdefault(triple.predicate.value, []).append(triple.object)
    return found


def test_contribution_size_shape_and_determinism() -> None:
    data, count = contribution(20_000, CITIES, INCIDENTS, PILOTS, seed=3)
    assert 20_000 <= len(data) < 21_000
    assert contribution(20_000, CITIES, INCIDENTS, PILOTS, seed=3) == (data, count)
    assert contribution(20_000, CITIES, INCIDENTS, PILOTS, seed=4)[0] != data
    lessons = lessons_of(data)
    assert len(lessons) == count > 20
    referred = set(CITIES + INCIDENTS + PILOTS)
    for values in lessons.values():
        assert values[RDF_TYPE.value] == [ox.NamedNode(f"{PAC}LessonLearnt")]
        labels = values["http://www.w3.org/2000/01/rdf-schema#label"]
        assert {label.language for label in labels if isinstance(label, ox.Literal)} >= {"en"}
        assert [s.language for s in values[f"{PAC}statement"] if isinstance(s, ox.Literal)] == ["en"]
        assert len(values[f"{PAC}concernsThreat"]) == 1
        assert values[f"{PAC}concernsMeasure"]
        learnt_from = {node.value for node in values[f"{PAC}learntFrom"]}
        assert learnt_from <= referred
        assert learnt_from & set(CITIES)
        sources = values["http://purl.org/dc/terms/source"]
        assert all(isinstance(s, ox.NamedNode) and s.value.startswith("https://") for s in sources)


def test_contribution_needs_a_city() -> None:
    with pytest.raises(ValueError, match="city"):
        contribution(1000, [], INCIDENTS, PILOTS)


def test_contribution_conforms_to_the_shapes(tmp_path: Path) -> None:
    """A small one, against the curated graph (the benchmark's 1 MiB one is checked by the
    report it gets: ``conforms`` is in its results)."""
    data, _ = contribution(5_000, CITIES, INCIDENTS, PILOTS)
    path = tmp_path / "contribution.ttl"
    path.write_bytes(data)
    validated = subprocess.run(
        [sys.executable, "-m", "pactesur_kg", "validate", str(path)], cwd=REPO, capture_output=True, text=True
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr


def test_corrections_of_the_contributions_bench_undo_each_other() -> None:
    # the curated label is the first one, so the first correction applies to the sources, and
    # each correction removes what the one before inserted
    curated = (REPO / "data" / "lessons" / "lessons.ttl").read_text(encoding="utf-8")
    assert f'"{bench_contributions.LABELS[0]}"@en' in curated
    first, second = bench_contributions.correction(0).decode(), bench_contributions.correction(1).decode()
    assert first.startswith("DELETE DATA")
    assert "INSERT DATA" in first
    deleted = first.split(";")[0].removeprefix("DELETE DATA")
    inserted = second.split(";")[1].strip().removeprefix("INSERT DATA")
    assert deleted.strip() == inserted.strip()
    assert bench_contributions.correction(2) == bench_contributions.correction(0)


def test_inference_rules_bench_runs_every_rule_both_ways(tmp_path: Path) -> None:
    assert bench_inference_rules.main(["--triples", "2000", "--repetitions", "1", "--out", str(tmp_path)]) == 0
    (written,) = tmp_path.glob("inference-rules-*.json")
    rows = json.loads(written.read_text(encoding="utf-8"))["rows"]
    rules = {path.stem for path in (REPO / "queries" / "inference").glob("*.rq")}
    assert {(row["rule"], row["form"]) for row in rows} == {
        (rule, form) for rule in rules for form in ("raw", "remake")
    }
    counts = {(row["rule"], row["form"]): row["statements"] for row in rows}
    # the inferred graph is left out: the remaking finds statements again, never more than the rule gives
    assert counts[("subclass", "remake")] > 0
    assert all(counts[(rule, "remake")] <= counts[(rule, "raw")] for rule in rules)
