"""Measure what archcheck costs inside its hosts, side by side in one run.

Usage (from the repository root, in the venv that has archcheck installed)::

    python benchmarks/generate.py            # once: benchmarks/generated/{large,small}
    python benchmarks/run.py                 # the large generated project
    python benchmarks/run.py --project benchmarks/generated/small --reps 3
    python benchmarks/run.py --project /any/project --source src/pkg --editor-file src/pkg/x.py

Every comparison runs its two commands (the host alone, the host with
archcheck) alternately, ``--reps`` times each, in fresh processes, and
reports medians and their ratio. Alternating the order cancels slow drifts
of a shared machine; the medians keep one noisy repetition from deciding.

The honest baseline for flake8 is flake8 with archcheck *not installed*:
flake8 runs every registered plugin whatever ``--select`` says, so a
``--select`` that leaves ARC out only shows that archcheck skips work it will
not report (measured too, as "installed, not selected"). ``host.py`` hides
archcheck's distribution from entry-point discovery for the baseline; other
third-party flake8 plugins (flake8-annotations in the test venv) are hidden
on both sides, so both run flake8 as it ships (pycodestyle, pyflakes, mccabe).
pylint loads plugins only by ``--load-plugins``, so its baseline is the same
command without it. Peak memory is ``/usr/bin/time -v``'s maximum resident set
size (of the largest single process: with ``-j N`` the largest worker or the
parent), or ``resource.getrusage`` of the children when GNU time is missing.

Each row also shows the median CPU time (user + system, from
``resource.getrusage`` of the children) of both sides: on a shared machine,
wall time moves with other people's load by tens of milliseconds, while CPU
time counts only what the run itself consumed.

Only the standard library is used; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
HOST = str(HERE / "host.py")
PROJECT = HERE / "generated" / "large"  # the default project of every benchmark script
EDITOR_FILE = "src/bench/ctx00/domain/m05.py"  # the default file of the single-file editor runs
# duplicate-code is off on both sides: generated modules are near copies of
# each other, and pylint's similarity search on them costs minutes that
# no real project pays, which would flatter archcheck's ratio.
PYLINT_OPTIONS = ("--rcfile", os.devnull, "--reports=n", "--score=n", "--disable=duplicate-code")
GNU_TIME = "/usr/bin/time"
# flake8 as it ships: pycodestyle, pyflakes and mccabe are kept, every other
# plugin distribution is hidden on both sides of a flake8 comparison.
FLAKE8_OWN = frozenset({"flake8", "pycodestyle", "pyflakes", "mccabe"})


@dataclass
class Sample:
    """One process run: wall time and CPU time (user + system) in seconds, peak RSS in KiB, exit code."""

    seconds: float
    peak_kib: int
    code: int
    cpu: float = 0.0


@dataclass
class Command:
    """A command line and what it reads on stdin."""

    argv: list[str]
    stdin: bytes | None = None
    before: list[Path] = field(default_factory=list)  # directories removed before each run (cold cache)


@dataclass
class Comparison:
    """The host alone against the host with archcheck, and the budget."""

    name: str
    base: Command
    other: Command
    budget: str  # "ratio:1.05", "delta_ms:30" or "" (informative)
    warmup: bool = True  # one unmeasured run of each side first (page cache, .pyc, archcheck's cache)
    samples: dict[str, list[Sample]] = field(default_factory=lambda: {"base": [], "other": []})

    def median(self, side: str) -> float:
        """Median seconds of one side."""
        return statistics.median(s.seconds for s in self.samples[side])

    def cpu(self, side: str) -> float:
        """Median CPU seconds of one side: what the run itself consumed, less moved by other load than wall time."""
        return statistics.median(s.cpu for s in self.samples[side])

    def peak(self, side: str) -> int:
        """Median peak RSS (KiB) of one side."""
        return int(statistics.median(s.peak_kib for s in self.samples[side]))


def _other_flake8_plugins() -> list[str]:
    import importlib.metadata

    names = set()
    for dist in importlib.metadata.distributions():
        name = (dist.metadata["Name"] or "").lower()
        if any(ep.group == "flake8.extension" for ep in dist.entry_points) and name not in FLAKE8_OWN:
            names.add(name)
    return sorted(names - {"archcheck"})


def _run(command: Command, cwd: Path) -> Sample:
    for directory in command.before:
        shutil.rmtree(directory, ignore_errors=True)
    argv = command.argv
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        if os.path.exists(GNU_TIME):
            argv = [GNU_TIME, "-f", "%M", "-o", report.name, *argv]
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(argv, cwd=cwd, input=command.stdin, capture_output=True, check=False)
        seconds = time.perf_counter() - start
        now = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (now.ru_utime - used.ru_utime) + (now.ru_stime - used.ru_stime)
        if os.path.exists(GNU_TIME):
            text = report.read().strip().splitlines()
            peak = int(text[-1]) if text and text[-1].isdigit() else 0
        else:
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # flake8 exits 1 on findings, pylint with a bit mask below 64; anything else is a failure.
    if not 0 <= done.returncode < 64 or b"Traceback" in done.stderr:
        sys.stderr.write(f"warning: exit {done.returncode}: {' '.join(command.argv)}\n{done.stderr.decode()[-2000:]}\n")
    return Sample(seconds, peak, done.returncode, cpu)


def _measure(comparisons: list[Comparison], reps: int, cwd: Path, warmup: bool) -> None:
    for comparison in comparisons:
        sys.stderr.write(f"{comparison.name} ...\n")
        if warmup and comparison.warmup:  # fill the OS page cache and .pyc files, and archcheck's warm cache
            _run(comparison.base, cwd)
            _run(comparison.other, cwd)
        for rep in range(reps):
            order = ("base", "other") if rep % 2 == 0 else ("other", "base")
            for side in order:
                command = comparison.base if side == "base" else comparison.other
                comparison.samples[side].append(_run(command, cwd))


def _python() -> list[str]:
    return [sys.executable, HOST]


def _flake8(hidden: list[str], *args: str) -> list[str]:
    return [*_python(), "--hide", ",".join(hidden) or ",", "flake8", "--isolated", *args]


def _pylint(*args: str) -> list[str]:
    return [*_python(), "pylint", *PYLINT_OPTIONS, *args]


def _archcheck_symbols() -> list[str]:
    from archcheck.registry import RULES

    return [rule.symbol for rule in RULES]


def _has_code(code: str) -> bool:
    from archcheck.registry import BY_CODE

    return code in BY_CODE


@dataclass(frozen=True)
class Plan:
    """What to measure, from the command line."""

    project: Path
    source: str
    editor_file: str
    jobs: int
    subset: list[str]
    cache_dir: Path
    only: frozenset[str]


def _flake8_comparisons(plan: Plan) -> list[Comparison]:
    others = _other_flake8_plugins()
    without = [*others, "archcheck"]
    found: list[Comparison] = []
    for jobs in sorted({1, plan.jobs}):
        found.append(
            Comparison(
                f"flake8 -j{jobs}: default checks, + archcheck",
                Command(_flake8(without, f"-j{jobs}", plan.source)),
                Command(_flake8(others, f"-j{jobs}", plan.source)),
                "ratio:1.05",
            )
        )
    found.append(
        Comparison(
            "flake8 -j1: + archcheck, no stored findings (removed before each run: every module checked)",
            Command(_flake8(without, "-j1", plan.source)),
            Command(_flake8(others, "-j1", plan.source), None, [plan.cache_dir / "findings"]),
            "",
        )
    )
    found.append(
        Comparison(
            f"flake8 -j{plan.jobs}: + archcheck, cold cache (removed before each run)",
            Command(_flake8(without, f"-j{plan.jobs}", plan.source)),
            Command(_flake8(others, f"-j{plan.jobs}", plan.source), None, [plan.cache_dir]),
            "",
            warmup=False,
        )
    )
    found.append(
        Comparison(
            f"flake8 -j1: archcheck installed, ARC not selected ({' '.join(plan.subset)})",
            Command(_flake8(without, "-j1", *plan.subset)),
            Command(_flake8(others, "-j1", "--extend-ignore=ARC", *plan.subset)),
            "",
        )
    )
    return found


def _pylint_comparisons(plan: Plan) -> list[Comparison]:
    archcheck = ",".join(_archcheck_symbols())
    target = plan.subset
    shown = " ".join(target)
    found = [
        Comparison(
            f"pylint -j1: default messages, + archcheck ({shown})",
            Command(_pylint("-j1", *target)),
            Command(_pylint("-j1", "--load-plugins=pylint_archcheck", *target)),
            "ratio:1.02",
        ),
        Comparison(
            f"pylint -j1: default messages, + archcheck, no stored findings ({shown})",
            Command(_pylint("-j1", *target)),
            Command(_pylint("-j1", "--load-plugins=pylint_archcheck", *target), None, [plan.cache_dir / "findings"]),
            "",
        ),
        Comparison(
            f"pylint -j1: only unused-import, + archcheck's messages ({shown})",
            Command(_pylint("-j1", "--disable=all", "--enable=unused-import", *target)),
            Command(
                _pylint(
                    "-j1", "--load-plugins=pylint_archcheck", "--disable=all", f"--enable=unused-import,{archcheck}",
                    *target,
                )
            ),
            "",
        ),
        Comparison(
            f"pylint -j1: plugin loaded, all archcheck messages disabled ({shown})",
            Command(_pylint("-j1", "--disable=all", "--enable=unused-import", *target)),
            Command(
                _pylint("-j1", "--load-plugins=pylint_archcheck", "--disable=all", "--enable=unused-import", *target)
            ),
            "",
        ),
    ]
    if plan.jobs > 1:
        found.insert(
            1,
            Comparison(
                f"pylint -j{plan.jobs}: default messages, + archcheck ({shown})",
                Command(_pylint(f"-j{plan.jobs}", *target)),
                Command(_pylint(f"-j{plan.jobs}", "--load-plugins=pylint_archcheck", *target)),
                "ratio:1.02",
            ),
        )
    return found


def _editor_comparisons(plan: Plan) -> list[Comparison]:
    path = (plan.project / plan.editor_file).resolve()
    text = path.read_bytes()
    others = _other_flake8_plugins()
    flake8_base = Command(_flake8([*others, "archcheck"], "--stdin-display-name", str(path), "-"), text)
    flake8_with = _flake8(others, "--stdin-display-name", str(path), "-")
    pylint_base = Command(_pylint("--from-stdin", str(path)), text)
    pylint_with = _pylint("--load-plugins=pylint_archcheck", "--from-stdin", str(path))
    cold = [plan.cache_dir]
    return [
        Comparison("editor: flake8 stdin, one file, warm archcheck cache", flake8_base, Command(flake8_with, text),
                   "delta_ms:30"),
        Comparison("editor: flake8 stdin, one file, cold archcheck cache", flake8_base,
                   Command(flake8_with, text, cold), "", warmup=False),
        Comparison("editor: pylint --from-stdin, one file, warm archcheck cache", pylint_base,
                   Command(pylint_with, text), "delta_ms:30"),
        Comparison("editor: pylint --from-stdin, one file, cold archcheck cache", pylint_base,
                   Command(pylint_with, text, cold), "", warmup=False),
    ]


def _indirect_comparisons(plan: Plan) -> list[Comparison]:
    """lint-imports and grimp against archcheck's ARC105 (only once ARC105 exists)."""
    if not _has_code("ARC105"):
        sys.stderr.write("skipped: ARC105 is not in this archcheck yet\n")
        return []
    others = _other_flake8_plugins()
    top = Path(plan.source).parts[-1]
    source_root = str((plan.project / plan.source).resolve().parent)
    grimp_build = (
        "import sys, grimp; sys.path.insert(0, sys.argv[1]); grimp.build_graph(sys.argv[2], cache_dir=None)"
    )
    # The same graph grimp is asked for inside archcheck (external packages
    # squashed, TYPE_CHECKING imports kept), against archcheck building its
    # graph from nothing and writing its cache, as a cold run does.
    grimp_same = (
        "import sys, grimp; sys.path.insert(0, sys.argv[1]); grimp.build_graph(sys.argv[2], cache_dir=None, "
        "include_external_packages=True, exclude_type_checking_imports=False)"
    )
    graph_cache = plan.cache_dir / "benchmark-cold-graph"  # inside the always-deletable cache directory
    archcheck_build = (
        "import sys; from pathlib import Path; from archcheck.graph import project_graph; "
        "project_graph((Path(sys.argv[1]),), Path(sys.argv[2]))"
    )
    editor = str((plan.project / plan.editor_file).resolve())
    cold = [plan.cache_dir]
    lint_imports = [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv.pop(1)); "
                    "from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
                    source_root, "--no-cache"]
    return [
        Comparison(
            "ARC105 cold graph: grimp's build vs archcheck's (fresh processes, no cache; archcheck writes its own)",
            Command([sys.executable, "-c", grimp_same, source_root, top]),
            Command([sys.executable, "-c", archcheck_build, source_root, str(graph_cache)], None, [graph_cache]),
            "ratio:1.5",
            warmup=True,
        ),
        Comparison(
            "ARC105 cold, as a user meets it: grimp's build vs one-file flake8 --select=ARC105, cold cache",
            Command([sys.executable, "-c", grimp_build, source_root, top]),
            Command(_flake8(others, "--select=ARC105", editor), None, cold),
            "",
        ),
        Comparison(
            "whole project: lint-imports (no cache) vs flake8 --select=ARC101,ARC105 (cold cache)",
            Command(lint_imports),
            Command(_flake8(others, "-j1", "--select=ARC101,ARC105", plan.source), None, cold),
            "",
        ),
    ]


def _verdict(comparison: Comparison) -> tuple[str, str]:
    base, other = comparison.median("base"), comparison.median("other")
    kind, _, limit = comparison.budget.partition(":")
    ratio = f"{other / base:.3f}x" if base else "-"
    delta = f"{(other - base) * 1000:+.0f} ms"
    if kind == "ratio":
        return f"{ratio} ({delta})", ("meets" if other / base <= float(limit) else "MISSES") + f" <= {limit}x"
    if kind == "delta_ms":
        ok = (other - base) * 1000 <= float(limit)
        return f"{delta} ({ratio})", ("meets" if ok else "MISSES") + f" <= +{limit} ms"
    return f"{ratio} ({delta})", "-"


def _report(comparisons: list[Comparison], plan: Plan, reps: int) -> dict[str, object]:
    rows = []
    print(f"project: {plan.project}  source: {plan.source}  reps: {reps} (interleaved), medians")
    print(f"{'comparison':<92} {'alone s':>8} {'with s':>8}  {'cost':<22} {'budget':<18} {'peak ratio':>10}"
          f"  {'CPU cost':<24}")
    for c in comparisons:
        cost, verdict = _verdict(c)
        peak_ratio = c.peak("other") / c.peak("base") if c.peak("base") else 0.0
        mem = f"{peak_ratio:.3f}x" + ("" if peak_ratio <= 1.1 else " MISSES <=1.1x")
        base_cpu, other_cpu = c.cpu("base"), c.cpu("other")
        cpu = f"{(other_cpu - base_cpu) * 1000:+.0f} ms ({other_cpu / base_cpu:.3f}x)" if base_cpu else "-"
        print(f"{c.name:<92} {c.median('base'):8.3f} {c.median('other'):8.3f}  {cost:<22} {verdict:<18} {mem:>10}"
              f"  {cpu:<24}")
        rows.append(
            {
                "name": c.name,
                "base_argv": c.base.argv,
                "other_argv": c.other.argv,
                "base_seconds": [s.seconds for s in c.samples["base"]],
                "other_seconds": [s.seconds for s in c.samples["other"]],
                "base_cpu_seconds": [s.cpu for s in c.samples["base"]],
                "other_cpu_seconds": [s.cpu for s in c.samples["other"]],
                "cpu_cost": cpu,
                "base_peak_kib": [s.peak_kib for s in c.samples["base"]],
                "other_peak_kib": [s.peak_kib for s in c.samples["other"]],
                "cost": cost,
                "budget": verdict,
                "peak_ratio": round(peak_ratio, 3),
            }
        )
    return {"machine": _machine(), "project": str(plan.project), "reps": reps, "rows": rows}


def _machine() -> dict[str, str]:
    def version(*argv: str) -> str:
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        return done.stdout.strip().replace("\n", "; ")

    return {
        "nproc": str(os.cpu_count()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "flake8": version(sys.executable, "-m", "flake8", "--version"),
        "pylint": version(sys.executable, "-m", "pylint", "--version"),
    }


def _lines(project: Path, source: str) -> int:
    return sum(path.read_bytes().count(b"\n") for path in (project / source).rglob("*.py"))


def _byte_compile() -> None:
    """Compile archcheck's packages to bytecode first, as ``pip install`` does.

    An editable install (and any environment with PYTHONDONTWRITEBYTECODE set)
    leaves archcheck without ``.pyc`` files while the hosts in site-packages
    have theirs: every measured process would compile archcheck from source,
    a cost that no installed archcheck pays.
    """
    import archcheck  # noqa: PLC0415 - only to find where it is installed

    root = Path(archcheck.__file__).resolve().parent.parent
    for package in ("archcheck", "pylint_archcheck", "flake8_archcheck"):
        compileall.compile_dir(root / package, quiet=1)


def main() -> None:
    """Command line; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=PROJECT)
    parser.add_argument("--source", default="src/bench", help="what the hosts lint, relative to --project")
    parser.add_argument("--subset", default=None,
                        help="comma-separated paths for the pylint runs and the not-selected flake8 run "
                        "(default: --source); pylint is about 20 times slower than flake8")
    parser.add_argument("--editor-file", default=EDITOR_FILE,
                        help="the file of the single-file editor runs, relative to --project")
    parser.add_argument("--cache-dir", default=".archcheck_cache", help="archcheck's cache_dir, relative to --project")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="N of the -jN runs")
    parser.add_argument("--only", default="flake8,pylint,editor,indirect",
                        help="comma-separated subset of flake8,pylint,editor,indirect")
    parser.add_argument("--no-warmup", action="store_true", help="skip the unmeasured first run of each command")
    parser.add_argument("--json", type=Path, help="also write every sample here")
    args = parser.parse_args()
    project = args.project.resolve()
    if not project.is_dir():
        raise SystemExit(f"{project} does not exist: run benchmarks/generate.py first")
    plan = Plan(
        project=project,
        source=args.source,
        editor_file=args.editor_file,
        jobs=args.jobs,
        subset=(args.subset or args.source).split(","),
        cache_dir=project / args.cache_dir,
        only=frozenset(args.only.split(",")),
    )
    builders = {
        "flake8": _flake8_comparisons,
        "pylint": _pylint_comparisons,
        "editor": _editor_comparisons,
        "indirect": _indirect_comparisons,
    }
    _byte_compile()
    comparisons = [c for name, build in builders.items() if name in plan.only for c in build(plan)]
    sys.stderr.write(f"{_lines(project, plan.source)} lines under {project / plan.source}\n")
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    started = time.perf_counter()
    _measure(comparisons, args.reps, project, not args.no_warmup)
    result = _report(comparisons, plan, args.reps)
    result["load_before"] = load_before
    result["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    result["minutes"] = round((time.perf_counter() - started) / 60, 1)
    print(f"load average before: {load_before}, after: {result['load_after']}; {result['minutes']} minutes")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
