"""Time spent inside archcheck during warm single-file editor runs, measured in the host process.

Usage (from the repository root, after ``python benchmarks/generate.py``)::

    python benchmarks/editor_time.py [--reps 31] [--project DIR] [--editor-file PATH]

A warm editor lint adds about 20 ms to a run of about a second, and on a
shared machine the wall time of two such runs moves by more than that
(``run.py``'s editor rows: the interquartile range of the paired differences
is over 100 ms). So each run here times archcheck from inside the host: the
import of the plugin (the host's own modules imported first, so that only
archcheck's count), the plugin's registration and options, and every call the
host makes into it (pylint's ``open`` and ``process_module``, flake8's
``run``), clock time with the kernel's share included. What this cannot see
is the host's own work for archcheck's messages (pylint: about 6 M
instructions, see ``instructions.py``). Prints the median and quartiles of
each part over ``--reps`` runs of each host; the archcheck cache is warmed
first.
"""

from __future__ import annotations

import argparse
import atexit
import functools
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from run import EDITOR_FILE, PROJECT, PYLINT_OPTIONS

_SPENT: dict[str, float] = {}
_REPORT = re.compile(r"ARCHCHECK_MS (.*)")


def _timed(function: Callable[..., Any], part: str, *, drain: bool = False) -> Callable[..., Any]:
    @functools.wraps(function)  # flake8 reads the plugin's parameters through the wrapper
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            result = function(*args, **kwargs)
            return list(result) if drain else result
        finally:
            _SPENT[part] = _SPENT.get(part, 0.0) + time.perf_counter() - start

    return timed


def _report() -> None:
    parts = " ".join(f"{part}={seconds * 1000:.3f}" for part, seconds in _SPENT.items())
    sys.stderr.write(f"ARCHCHECK_MS {parts} total={sum(_SPENT.values()) * 1000:.3f}\n")


def _child_pylint(args: list[str]) -> None:
    import astroid  # noqa: F401  pylint: disable=import-outside-toplevel,unused-import
    import pylint.checkers  # noqa: F401  pylint: disable=import-outside-toplevel,unused-import
    from pylint import run_pylint  # pylint: disable=import-outside-toplevel

    start = time.perf_counter()
    import pylint_archcheck  # pylint: disable=import-outside-toplevel
    from pylint_archcheck import checkers  # pylint: disable=import-outside-toplevel

    _SPENT["import"] = time.perf_counter() - start
    pylint_archcheck.register = _timed(pylint_archcheck.register, "register")  # type: ignore[method-assign]
    family = checkers._FamilyChecker  # pylint: disable=protected-access
    family.open = _timed(family.open, "open")  # type: ignore[method-assign]
    family.process_module = _timed(family.process_module, "check")  # type: ignore[method-assign]
    atexit.register(_report)
    sys.argv = ["pylint", "--load-plugins=pylint_archcheck", *args]
    run_pylint()


def _child_flake8(args: list[str]) -> None:
    import flake8.checker  # noqa: F401  pylint: disable=import-outside-toplevel,unused-import
    from flake8.main.cli import main  # pylint: disable=import-outside-toplevel

    start = time.perf_counter()
    from flake8_archcheck import ArchcheckPlugin  # pylint: disable=import-outside-toplevel

    _SPENT["import"] = time.perf_counter() - start
    plugin: Any = ArchcheckPlugin
    plugin.parse_options = classmethod(_timed(plugin.parse_options.__func__, "register"))
    plugin.__init__ = _timed(plugin.__init__, "open")
    plugin.run = _timed(plugin.run, "check", drain=True)
    atexit.register(_report)
    sys.exit(main(args))


def _runs(host: str, args: list[str], project: Path, text: bytes, reps: int) -> list[dict[str, float]]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", host, *args]
    found = []
    for rep in range(reps + 1):
        done = subprocess.run(command, cwd=project, input=text, capture_output=True, check=False)
        report = _REPORT.search(done.stderr.decode(errors="replace"))
        if report is None:
            raise SystemExit(f"{host}: no timing reported\n{done.stderr.decode(errors='replace')[-2000:]}")
        if rep:  # the first run warms archcheck's cache
            found.append({part: float(ms) for part, ms in (item.split("=") for item in report.group(1).split())})
    return found


def main() -> None:
    """Time both hosts' editor runs and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    parser.add_argument("--reps", type=int, default=31)
    parser.add_argument("--project", type=Path, default=PROJECT)
    parser.add_argument("--editor-file", default=EDITOR_FILE)
    options = parser.parse_args()
    if options.child:
        host, *args = options.child
        (_child_pylint if host == "pylint" else _child_flake8)(args)
        return
    project = options.project.resolve()
    path = project / options.editor_file
    text = path.read_bytes()
    hosts = {
        "pylint --from-stdin": ("pylint", [*PYLINT_OPTIONS, "--from-stdin", str(path)]),
        "flake8 stdin": ("flake8", ["--isolated", "--stdin-display-name", str(path), "-"]),
    }
    for name, (host, args) in hosts.items():
        runs = _runs(host, args, project, text, options.reps)
        print(f"{name}: archcheck's own time, ms over {len(runs)} warm runs (median [quartiles])")
        for part in runs[0]:
            values = sorted(run.get(part, 0.0) for run in runs)
            quarter = len(values) // 4
            low, high = values[quarter], values[-quarter - 1]
            print(f"  {part:<9} {statistics.median(values):7.2f}  [{low:.2f} .. {high:.2f}]")


if __name__ == "__main__":
    main()
