"""Time and peak memory of building a store that holds a big synthetic graph.

    python bench/build.py --triples 10000000 --route sandbox [--limit 1500]
    python bench/build.py --triples 10000000 --route load

Two routes:

* ``sandbox``: a copy of the sources (ontology/, data/, shapes/, queries/) whose data/
  also holds the synthetic file (N-Triples is Turtle: data/bench/synthetic-<size>.ttl),
  built by the library's ``build`` (what ``pactesur-kg build --no-reason --store`` runs),
  with every step (parse, inference, checks, SHACL gate, write) timed as it ends;
* ``load``: ``pactesur-kg build --no-reason --store`` of the curated sources, then
  ``pactesur-kg load`` of the synthetic file into that store.

Each command runs under ``/usr/bin/time -v`` (wall-clock time, peak RSS) and is killed,
by its process group, after ``--limit`` seconds or above ``--max-rss-gib`` of resident
memory (the machine is shared). Results go to
bench/out/build-<size>-<route>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def label(triples: int) -> str:
    return f"{triples // 1000}k" if triples < 1_000_000 else f"{triples // 1_000_000}m"


def _tree_rss_gib(pid: int) -> float:
    """Resident memory of the process and its descendants."""
    total, pids = 0, [pid]
    for member in pids:
        try:
            for task in Path(f"/proc/{member}/task").iterdir():
                pids += [int(child) for child in (task / "children").read_text().split()]
            status = Path(f"/proc/{member}/status").read_text()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) if "VmRSS" in status else 0  # type: ignore[union-attr]
    return total / 2**20


def timed(
    command: list[str], log: Path, limit: float, max_rss_gib: float, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run the command under /usr/bin/time -v; its output goes to ``log``. It is killed (by
    its process group) after ``limit`` seconds or when it holds more than ``max_rss_gib``."""
    started = time.monotonic()
    with log.open("w") as output:
        process = subprocess.Popen(
            ["/usr/bin/time", "-v", *command],
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            start_new_session=True,
        )
        code, stopped, observed = None, "", 0.0
        while code is None:
            code = process.poll()
            rss = _tree_rss_gib(process.pid) if code is None else 0.0
            observed = max(observed, rss)
            if code is None and time.monotonic() - started > limit:
                stopped = f"killed after {limit:g} s"
            elif code is None and rss > max_rss_gib:
                stopped = f"killed at {rss:.1f} GiB resident (limit {max_rss_gib:g} GiB)"
            if stopped:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                break
            time.sleep(1)
    text = log.read_text(errors="replace")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return {
        "command": " ".join(command).replace(str(ROOT) + "/", ""),
        "completed": code == 0 and not stopped,
        "exit": stopped or code,
        "seconds": round(time.monotonic() - started, 1),
        # from /usr/bin/time; for a killed command, the most seen while polling every second
        "peak_rss_mib": round(int(peak.group(1)) / 1024) if peak else round(observed * 1024),
        "steps": [line for line in text.splitlines() if line.startswith("step ")],
    }


def sandbox_build(synthetic: Path, size: str, limit: float, max_rss_gib: float) -> dict[str, Any]:
    sandbox = OUT / f"sandbox-{size}"
    shutil.rmtree(sandbox, ignore_errors=True)
    for folder in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(ROOT / folder, sandbox / folder)
    (sandbox / "data" / "bench").mkdir()
    (sandbox / "data" / "bench" / f"synthetic-{size}.ttl").symlink_to(synthetic.resolve())
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(sandbox)]
    try:
        return timed(command, OUT / f"build-{size}-sandbox.log", limit, max_rss_gib)
    finally:
        shutil.rmtree(sandbox, ignore_errors=True)


def load_build(synthetic: Path, size: str, limit: float, max_rss_gib: float) -> dict[str, Any]:
    store = OUT / f"store-build-{size}"
    shutil.rmtree(store, ignore_errors=True)
    pactesur = [sys.executable, "-m", "pactesur_kg"]
    build = timed(
        [*pactesur, "build", "--no-reason", "--store", str(store)],
        OUT / f"build-{size}-curated.log",
        limit,
        max_rss_gib,
    )
    load = timed(
        [*pactesur, "load", str(synthetic), "--store", str(store)], OUT / f"build-{size}-load.log", limit, max_rss_gib
    )
    size_on_disk = sum(path.stat().st_size for path in store.rglob("*") if path.is_file())
    shutil.rmtree(store, ignore_errors=True)
    return {
        "command": f"{build['command']} && {load['command']}",
        "completed": build["completed"] and load["completed"],
        "seconds": round(build["seconds"] + load["seconds"], 1),
        "peak_rss_mib": max(build["peak_rss_mib"] or 0, load["peak_rss_mib"] or 0),
        "store_mib": round(size_on_disk / 2**20),
        "parts": {"build": build, "load": load},
    }


def child(root: Path) -> int:
    """The sandbox build, in this process, saying when each step ends."""
    sys.path.insert(0, str(ROOT))
    from pactesur_kg.build import build
    from pactesur_kg.settings import Settings

    started = time.monotonic()

    def progress(step: str) -> None:
        print(f"step {step} starts at {time.monotonic() - started:.1f} s", flush=True)

    _, report = build(Settings(root=root, reason=False), target=root / "store", progress=progress)
    print(
        f"step done at {time.monotonic() - started:.1f} s: {report.total_triples} triples, {report.seconds}", flush=True
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=10_000_000)
    parser.add_argument("--route", choices=["sandbox", "load"], default="sandbox")
    parser.add_argument("--limit", type=float, default=1500.0, help="seconds before a command is killed")
    parser.add_argument("--max-rss-gib", type=float, default=14.0, help="resident memory before a command is killed")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child)
    OUT.mkdir(parents=True, exist_ok=True)
    size = label(args.triples)
    synthetic = OUT / f"synthetic-{size}.nt"
    if not synthetic.exists():
        generate = [sys.executable, str(ROOT / "bench" / "generate.py"), "--triples", str(args.triples)]
        subprocess.run([*generate, "--out", str(synthetic)], check=True)
    with synthetic.open("rb") as lines:
        triples = sum(1 for _ in lines)
    result = (sandbox_build if args.route == "sandbox" else load_build)(synthetic, size, args.limit, args.max_rss_gib)
    result.update(triples=triples, route=args.route, date=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    (OUT / f"build-{size}-{args.route}.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
