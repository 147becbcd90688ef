"""Run archcheck on a project through the core and through real flake8 and pylint.

Every runner returns findings as ``(path, line, col, code)`` tuples, with
``path`` relative to the project and POSIX-style, so that results from all
frontends and modes compare directly.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from archcheck.engine import check_module
from archcheck.registry import BY_SYMBOL, RULES

Row = tuple[str, int, int, str]

_EXPECT = re.compile(r"#\s*expect:\s*([A-Z0-9, ]+)")
_SKIP_DIRS = {".archcheck_cache", "__pycache__", ".git"}
ALL_SYMBOLS = ",".join(rule.symbol for rule in RULES)


def python_files(project: Path) -> list[Path]:
    """The project's Python files, sorted, cache and VCS folders excluded."""
    found = []
    for path in sorted(project.rglob("*.py")):
        if not _SKIP_DIRS.intersection(path.relative_to(project).parts):
            found.append(path)
    return found


def _rel(project: Path, path: str) -> str:
    absolute = Path(path) if os.path.isabs(path) else project / path
    return Path(os.path.normpath(absolute)).relative_to(project).as_posix()


def expected(project: Path) -> Counter[tuple[str, int, str]]:
    """``# expect: ARC101, ARC104`` comments: (path, line, code), counted."""
    rows: Counter[tuple[str, int, str]] = Counter()
    for path in python_files(project):
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = _EXPECT.search(text)
            if match:
                for code in re.split(r"[,\s]+", match.group(1).strip()):
                    rows[(path.relative_to(project).as_posix(), number, code)] += 1
    return rows


def without_column(rows: list[Row]) -> Counter[tuple[str, int, str]]:
    """Findings as (path, line, code), counted."""
    return Counter((path, line, code) for path, line, _col, code in rows)


def run_core(project: Path, stdin: bool = False) -> list[Row]:
    """The core's findings; ``stdin`` hands it the text as a frontend would."""
    rows: list[Row] = []
    for path in python_files(project):
        source = path.read_text(encoding="utf-8") if stdin else None
        for finding in check_module(str(path), source):
            rows.append((path.relative_to(project).as_posix(), finding.line, finding.col, finding.code))
    return sorted(rows)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    return env


def _run(args: list[str], project: Path, stdin_text: str | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=project,
        input=stdin_text,
        capture_output=True,
        text=True,
        env=_env(),
        timeout=600,
        check=False,
    )
    if "Traceback" in done.stderr or "Traceback" in done.stdout:
        raise AssertionError(f"{args[0]} crashed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


_FLAKE8_FORMAT = "--format=%(path)s|%(row)d|%(col)d|%(code)s"


def _parse_flake8(project: Path, out: str) -> list[Row]:
    rows = []
    for line in out.splitlines():
        parts = line.split("|")
        if len(parts) == 4 and parts[3].startswith("ARC"):
            rows.append((_rel(project, parts[0]), int(parts[1]), int(parts[2]) - 1, parts[3]))
    return rows


def run_flake8(project: Path, stdin: bool = False, jobs: int = 1) -> list[Row]:
    """Findings of a real ``flake8`` subprocess run in ``project``."""
    base = ["flake8", "--isolated", "--select=ARC", _FLAKE8_FORMAT, f"--jobs={jobs}"]
    if not stdin:
        return sorted(_parse_flake8(project, _run([*base, "."], project)))
    rows: list[Row] = []
    for path in python_files(project):
        relative = path.relative_to(project).as_posix()
        out = _run([*base, f"--stdin-display-name={relative}", "-"], project, path.read_text(encoding="utf-8"))
        rows += _parse_flake8(project, out)
    return sorted(rows)


def _pylint_args(project: Path) -> list[str]:
    rcfile = (project / ".archcheck-test-pylintrc").resolve()
    if not rcfile.exists():
        rcfile.write_text("[MAIN]\n", encoding="utf-8")
    return [
        "pylint",
        f"--rcfile={rcfile}",
        "--load-plugins=pylint_archcheck",
        "--disable=all",
        f"--enable={ALL_SYMBOLS}",
        "--persistent=n",
        "--score=n",
        "--reports=n",
        "--msg-template={path}|{line}|{column}|{symbol}",
    ]


def _parse_pylint(project: Path, out: str) -> list[Row]:
    rows = []
    for line in out.splitlines():
        parts = line.split("|")
        if len(parts) == 4 and parts[3] in BY_SYMBOL:
            rows.append((_rel(project, parts[0]), int(parts[1]), int(parts[2]), BY_SYMBOL[parts[3]].code))
    return rows


def run_pylint(project: Path, stdin: bool = False, jobs: int = 1) -> list[Row]:
    """Findings of a real ``pylint`` subprocess run in ``project``."""
    base = _pylint_args(project)
    files = [path.relative_to(project).as_posix() for path in python_files(project)]
    if not stdin:
        return sorted(_parse_pylint(project, _run([*base, f"--jobs={jobs}", *files], project)))
    rows: list[Row] = []
    for relative in files:
        text = (project / relative).read_text(encoding="utf-8")
        rows += _parse_pylint(project, _run([*base, "--from-stdin", relative], project, text))
    return sorted(rows)


def write_project(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (relative path to text) under ``root``; add an empty
    ``[tool.archcheck]`` pyproject unless one is given. Returns ``root``."""
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    if "pyproject.toml" not in files:
        (root / "pyproject.toml").write_text("[tool.archcheck]\n", encoding="utf-8")
    return root


def codes_at(root: Path, name: str, source: str | None = None) -> list[tuple[int, int, str]]:
    """(line, col, code) of the core's findings for one file of a project."""
    return [(f.line, f.col, f.code) for f in check_module(str(root / name), source)]


def stored_document(path: Path) -> Any:
    """The JSON document of one of archcheck's cache files, below its checksum line."""
    return json.loads(path.read_text(encoding="utf-8").split("\n", 1)[1])
