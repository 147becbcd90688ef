"""Measure ARC105's costs on a generated layered project.

    python benchmarks/arc105_overhead.py [contexts] [modules_per_layer]

Generates ``benchmarks/generated/arc105/`` (git-ignored): ``contexts``
containers of four layers with ``modules_per_layer`` modules each, plus
unlayered ``shared`` helpers, every module importing a few others. Then
reports, each the median of several runs:

- cold graph build: archcheck's ``build_graph`` (grimp plus archcheck's own
  corrections and its scan) against grimp's own ``build_graph`` (no cache);
- warm single-file overhead: in a fresh process, as pylsp runs a linter, one
  domain module checked with ``indirect = true`` (the graph loaded from the
  disk cache and re-validated) minus the same check with ``indirect = false``.
"""

from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent / "generated" / "arc105"
LAYERS = ("presentation", "infrastructure", "application", "domain")


def generate(contexts: int, per_layer: int) -> Path:
    """Write the project; return the domain module to check."""
    shutil.rmtree(ROOT, ignore_errors=True)
    rng = random.Random(7)
    package = ROOT / "big"
    (package / "shared").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "shared" / "__init__.py").write_text("", encoding="utf-8")
    helpers = [f"big.shared.helper{i}" for i in range(per_layer * 2)]
    modules: dict[str, list[str]] = {}
    for c in range(contexts):
        for layer in LAYERS:
            directory = package / f"ctx{c}" / layer
            directory.mkdir(parents=True)
            (directory / "__init__.py").write_text("", encoding="utf-8")
            modules[f"ctx{c}.{layer}"] = [f"big.ctx{c}.{layer}.m{i}" for i in range(per_layer)]
        (package / f"ctx{c}" / "__init__.py").write_text("", encoding="utf-8")
    layered = [name for names in modules.values() for name in names]
    for name in layered:
        layer = name.split(".")[2]
        below = [m for m in layered if m.split(".")[1] == name.split(".")[1]
                 and LAYERS.index(m.split(".")[2]) >= LAYERS.index(layer) and m != name]
        targets = rng.sample(below, min(3, len(below))) + rng.sample(helpers, 1)
        _write(name, targets)
    for index, name in enumerate(helpers):
        targets = rng.sample(helpers, 2) + ([rng.choice(layered)] if index % 4 == 0 else [])
        _write(name, [t for t in targets if t != name])
    (ROOT / "pyproject.toml").write_text(
        '[tool.archcheck]\nlayers = ["presentation", "infrastructure", "application", "domain"]\n'
        f"containers = {[f'big.ctx{c}' for c in range(contexts)]!r}\n".replace("'", '"'),
        encoding="utf-8",
    )
    return ROOT / "big" / "ctx0" / "domain" / "m0.py"


def _write(name: str, targets: list[str]) -> None:
    path = ROOT / Path(*name.split(".")).with_suffix(".py")
    body = "".join(f"import {target}\n" for target in targets)
    path.write_text(f'"""Generated."""\n\n{body}\n\ndef run() -> int:\n    """Nothing."""\n    return 1\n', "utf-8")


def _median(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def cold_builds(runs: int = 5) -> tuple[float, float]:
    """(archcheck build, grimp build) in ms, each in a fresh process, grimp already imported."""
    ours = (
        "import time,sys,grimp;from pathlib import Path;from archcheck.graph import build_graph;"
        f"t=time.perf_counter();build_graph((Path({str(ROOT)!r}),));print(time.perf_counter()-t)"
    )
    theirs = (
        f"import sys,time;sys.path.insert(0,{str(ROOT)!r});import grimp;"
        "t=time.perf_counter();grimp.build_graph('big',include_external_packages=True,cache_dir=None);"
        "print(time.perf_counter()-t)"
    )
    return (
        _median([_timed(ours) for _ in range(runs)]),
        _median([_timed(theirs) for _ in range(runs)]),
    )


def _timed(script: str) -> float:
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def warm_overhead(target: Path, runs: int = 15) -> tuple[tuple[float, float], tuple[float, float]]:
    """((median, min) with ARC105, (median, min) without) in ms, fresh process, warm disk cache."""
    script = (
        "import time,sys;from archcheck.engine import check_module;"
        f"t=time.perf_counter();r=check_module({str(target)!r});print(time.perf_counter()-t)"
    )
    config = ROOT / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    _timed(script)  # warms the disk cache
    samples = [_timed(script) for _ in range(runs)]
    with_rule = (_median(samples), min(samples) * 1000)
    config.write_text(text + "indirect = false\n", encoding="utf-8")
    try:
        samples = [_timed(script) for _ in range(runs)]
        without = (_median(samples), min(samples) * 1000)
    finally:
        config.write_text(text, encoding="utf-8")
    return with_rule, without


def main() -> None:
    """Generate, measure, print."""
    contexts = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    per_layer = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    target = generate(contexts, per_layer)
    count = len(list(ROOT.rglob("*.py")))
    ours, grimps = cold_builds()
    with_rule, without = warm_overhead(target)
    sys.stderr.write(
        f"{count} modules\n"
        f"cold build: archcheck {ours:.0f} ms, grimp alone {grimps:.0f} ms\n"
        f"single file, fresh process, warm cache (median / min): {with_rule[0]:.1f} / {with_rule[1]:.1f} ms "
        f"with ARC105, {without[0]:.1f} / {without[1]:.1f} ms without "
        f"(overhead {with_rule[0] - without[0]:.1f} / {with_rule[1] - without[1]:.1f} ms)\n"
    )


if __name__ == "__main__":
    main()
