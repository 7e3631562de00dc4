"""A small run of the benchmark harness: our endpoint and the Oxigraph server give the same
number of results for every benchmark query and REST route query (no times asserted)."""

from __future__ import annotations

import json
from pathlib import Path

from bench.run import main as run_main
from bench.run import queries


def test_bench_run_same_results_as_oxigraph_on_a_small_graph(tmp_path: Path) -> None:
    code = run_main(
        [
            "--triples=2000",
            "--systems=pactesur-memory,oxigraph-memory",
            "--repetitions=1",
            "--seconds=0.2",
            "--clients=2",
            "--workers=2",
            "--slow=0.5",
            f"--out={tmp_path}",
        ]
    )
    assert code == 0
    result = json.loads((tmp_path / "results-2000.json").read_text(encoding="utf-8"))
    assert [row["query"] for row in result["queries"]] == list(queries())
    for row in result["queries"]:
        assert set(row["status"].values()) <= {"ok", "ok (1 run)"}, row
        assert len(set(row["results"].values())) == 1, row
    assert set(result["systems"]) == {"pactesur-memory", "oxigraph-memory"}
    memory = result["systems"]["pactesur-memory"]["memory_kib"]
    assert memory["pss"] > 0
    assert memory["peak_rss"] >= memory["peak_rss_main"] > 0
    routes = result["routes"]["pactesur-memory"]
    assert all(row["status"].startswith("ok") for row in routes), routes
    assert "pactesur-memory/oxigraph-memory" in result["ratios"]
    # --connections both (the default): the same queries timed on a new connection per request too
    new = result["ratios_new_connection"]["pactesur-memory/oxigraph-memory"]
    assert new["queries"] == result["ratios"]["pactesur-memory/oxigraph-memory"]["queries"]
    for row in result["queries"]:
        assert set(row["new_connection_median_ms"]) == {"pactesur-memory", "oxigraph-memory"}, row
