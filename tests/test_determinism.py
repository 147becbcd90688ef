"""Determinism: the findings do not depend on how the linter was run.

``-j 1`` and ``-j 2`` (fork, and spawn as on macOS and Windows) give the same
findings as the core, for flake8 and for pylint; repeated runs in one process
(an editor server keeps the linter alive) give the same findings each time.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from archcheck.registry import RULES
from tests.robust_kit import (
    FLAKE8_FORMAT,
    LAYERED_FILES,
    clear_caches,
    core_rows,
    flake8_app,
    parse_flake8,
    pylint_rows,
    python_files,
    write_project,
)
from tests.support import ALL_SYMBOLS, run_flake8, run_pylint

EXAMPLES = Path(__file__).parent.parent / "examples"
_SPAWN = "import multiprocessing, sys; multiprocessing.set_start_method('spawn', force=True); "


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The layered project with enough files for two workers to share."""
    files = dict(LAYERED_FILES)
    for i in range(12):
        files[f"src/shop/domain/part_{i}.py"] = f"import json\nfrom shop.application import service\nX = {i}\n"
        files[f"src/shop/infrastructure/adapter_{i}.py"] = "from shop.domain import model\n"
    return write_project(tmp_path_factory.mktemp("determinism"), files)


@pytest.fixture(scope="module")
def core(project: Path) -> list[tuple[str, int, int, str]]:
    """The core's findings, the reference."""
    clear_caches()
    rows = core_rows(project)
    assert len({row[0] for row in rows}) > 10 and {row[3] for row in rows} >= {"ARC101", "ARC104"}
    return rows


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    return env


def _spawned(code: str, project: Path) -> str:
    done = subprocess.run([sys.executable, "-c", _SPAWN + code], cwd=project, capture_output=True, text=True,
                          env=_env(), timeout=600, check=False)
    assert "Traceback" not in done.stderr + done.stdout, done.stderr[-2000:]
    return done.stdout


@pytest.mark.parametrize("target", ["project", "examples"])
@pytest.mark.parametrize("linter", [run_flake8, run_pylint], ids=["flake8", "pylint"])
def test_j2_equals_j1_equals_the_core(
    linter: Callable[..., list[tuple[str, int, int, str]]], target: str, project: Path,
    core: list[tuple[str, int, int, str]]
) -> None:
    root = project if target == "project" else EXAMPLES
    reference = core if target == "project" else (clear_caches(), core_rows(EXAMPLES))[1]
    assert linter(root, jobs=1) == reference
    assert linter(root, jobs=2) == reference


def test_flake8_j2_with_the_spawn_start_method(project: Path, core: list[tuple[str, int, int, str]]) -> None:
    argv = ["flake8", "--isolated", "--select=ARC", FLAKE8_FORMAT, "--jobs=2", "."]
    out = _spawned(f"from flake8.main.cli import main; sys.exit(main({argv[1:]!r}))", project)
    assert parse_flake8(project, out.splitlines()) == core


def test_pylint_j2_with_the_spawn_start_method(project: Path, core: list[tuple[str, int, int, str]]) -> None:
    files = [p.relative_to(project).as_posix() for p in python_files(project)]
    rcfile = project / ".archcheck-test-pylintrc"
    rcfile.write_text("[MAIN]\n", encoding="utf-8")
    argv = [f"--rcfile={rcfile}", "--load-plugins=pylint_archcheck", "--disable=all", f"--enable={ALL_SYMBOLS}",
            "--persistent=n", "--score=n", "--msg-template={path}|{line}|{column}|{msg_id}", "--jobs=2", *files]
    code = f"from pylint.lint import Run; Run({argv!r}, exit=False)"
    out = _spawned(code, project)
    rows = sorted(
        (parts[0], int(parts[1]), int(parts[2]), parts[3])
        for parts in (line.split("|") for line in out.splitlines())
        if len(parts) == 4
    )
    by_id = {rule.pylint_id: rule.code for rule in RULES}
    assert [(path, line, col, by_id[msg]) for path, line, col, msg in rows] == core


def test_repeated_core_runs_in_one_process_give_the_same_findings(
    project: Path, core: list[tuple[str, int, int, str]]
) -> None:
    for _ in range(3):
        assert core_rows(project) == core
        assert core_rows(project, stdin=True) == core
    for _ in range(2):
        clear_caches()
        assert core_rows(project, list(reversed(python_files(project)))) == core


def test_repeated_flake8_application_runs_in_one_process(
    project: Path, core: list[tuple[str, int, int, str]], tmp_path: Path
) -> None:
    for run in range(3):
        lines = flake8_app(["--select=ARC", FLAKE8_FORMAT, "--jobs=1", "."], tmp_path / f"out{run}.txt", project)
        assert parse_flake8(project, lines) == core


def test_repeated_pylint_runs_in_one_process(project: Path, core: list[tuple[str, int, int, str]]) -> None:
    files = [p.relative_to(project).as_posix() for p in python_files(project)]
    for _ in range(3):
        assert pylint_rows(project, files) == core
