"""Plot the benchmark results against data size, and keep a compact copy of them.

    python bench/plot.py [--inputs 'bench/out/results-*.json'] [--builds 'bench/out/build-*.json']

Reads the results of bench/run.py (one file per size) and of bench/build.py, writes
bench/results/summary.json (the figures the plot is made from, and the tables of
BENCHMARKS.md) and bench/results/latency-memory.png: the geometric-mean latency ratios
and the memory of each system against the number of statements. Without inputs in
bench/out, it plots bench/results/summary.json again.
"""

from __future__ import annotations

import argparse
import glob
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
STYLE = {
    "pactesur-memory": ("tab:blue", "-"),
    "pactesur-disk": ("tab:blue", "--"),
    "oxigraph-memory": ("tab:orange", "-"),
    "oxigraph-disk": ("tab:orange", "--"),
    "rdflib-endpoint": ("tab:green", "-"),
}


def compact(result: dict[str, Any]) -> dict[str, Any]:
    """The figures of one run that the report needs."""
    return {
        "statements": result["total_statements"],
        "synthetic_triples": result["synthetic_triples"],
        "environment": result["environment"],
        "options": result["options"],
        "ratios": result["ratios"],
        "systems": {
            name: {
                "load_seconds": round(system["load_seconds"], 2),
                "load_rate": round(system["load_rate"]),
                "memory_mib": {key: round(value / 1024, 1) for key, value in system["memory_kib"].items()},
                "throughput_qps": round(system["throughput"].get("qps", float("nan")), 2),
                "throughput_queries": system["throughput"].get("queries"),
            }
            for name, system in result["systems"].items()
        },
        "queries": {
            row["query"]: {
                "results": next(iter(row["results"].values()), None),
                "median_ms": {name: round(value, 2) for name, value in row["median_ms"].items()},
                "p95_ms": {name: round(value, 2) for name, value in row["p95_ms"].items()},
                "status": {name: status for name, status in row["status"].items() if status != "ok"},
            }
            for row in result["queries"]
        },
        "routes": result["routes"],
    }


def summary(inputs: list[Path], builds: list[Path]) -> dict[str, Any]:
    runs = [compact(json.loads(path.read_text(encoding="utf-8"))) for path in inputs]
    return {
        "runs": sorted(runs, key=lambda run: int(run["statements"])),
        "builds": sorted(
            (json.loads(path.read_text(encoding="utf-8")) for path in builds), key=lambda b: int(b["triples"])
        ),
    }


def plot(data: dict[str, Any], output: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = data["runs"]
    sizes = [run["statements"] for run in runs]
    figure, (latency, memory) = plt.subplots(1, 2, figsize=(12, 4.8))

    pairs = sorted({pair for run in runs for pair in run["ratios"]})
    for pair in pairs:
        ours = pair.split("/")[0]
        colour, line = STYLE.get(ours, ("black", "-"))
        points = [(run["statements"], run["ratios"][pair]["geometric_mean"]) for run in runs if pair in run["ratios"]]
        latency.plot(*zip(*points, strict=True), marker="o", color=colour, linestyle=line, label=pair)
    latency.axhline(1.2, color="grey", linewidth=0.8, linestyle=":", label="target 1.2x (vs oxigraph)")
    latency.axhline(10, color="tab:green", linewidth=0.8, linestyle=":", label="target 10x (rdflib-endpoint)")
    latency.set_xscale("log")
    latency.set_yscale("log")
    latency.set_xticks(sizes, [f"{size / 1e6:.2g}M" for size in sizes])
    latency.set_xlabel("statements")
    latency.set_ylabel("geometric-mean latency ratio (median per query)")
    latency.set_title("Latency ratio")
    latency.legend(fontsize=7)

    systems = sorted({name for run in runs for name in run["systems"]})
    for name in systems:
        colour, line = STYLE.get(name, ("black", "-"))
        points = [
            (run["statements"], run["systems"][name]["memory_mib"]["pss"]) for run in runs if name in run["systems"]
        ]
        memory.plot(*zip(*points, strict=True), marker="o", color=colour, linestyle=line, label=f"{name} (PSS)")
    for build in data["builds"]:
        if build.get("peak_rss_mib"):
            memory.scatter(
                [build["triples"]],
                [build["peak_rss_mib"]],
                marker="x",
                color="tab:red" if build.get("completed") else "grey",
                label=f"{build['route']} {build['triples'] / 1e6:.2g}M, peak RSS",
            )
    memory.set_xscale("log")
    memory.set_yscale("log")
    memory.set_xlabel("statements")
    memory.set_ylabel("MiB")
    memory.set_title("Memory of the server and its workers (PSS); build peak RSS")
    memory.legend(fontsize=7)

    figure.suptitle("pactesur-kg benchmark (2 cores, shared machine; one run per size)", fontsize=10)
    figure.tight_layout()
    output.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(output, dpi=110)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", default=str(ROOT / "bench" / "out" / "results-*.json"))
    parser.add_argument("--builds", default=str(ROOT / "bench" / "out" / "build-*.json"))
    args = parser.parse_args(argv)
    inputs = [Path(path) for path in sorted(glob.glob(args.inputs))]
    builds = [Path(path) for path in sorted(glob.glob(args.builds))]
    kept = RESULTS / "summary.json"
    if inputs:
        data = summary(inputs, builds)
        RESULTS.mkdir(parents=True, exist_ok=True)
        kept.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    else:
        data = json.loads(kept.read_text(encoding="utf-8"))
    plot(data, RESULTS / "latency-memory.png")
    print(f"wrote {kept} and {RESULTS / 'latency-memory.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
