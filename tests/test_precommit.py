"""The pre-commit hooks parse, name real console scripts of archcheck's
dependencies, and report the findings the core finds when run the way
pre-commit runs them (the entry, then the files, from the project root)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from importlib.metadata import entry_points, requires
from pathlib import Path

import pytest
import yaml

from pylint_archcheck.checkers import ArchcheckChecker, BoundariesChecker, DomainModelChecker, TypeHintsChecker
from tests.support import python_files, run_core

REPO = Path(__file__).parent.parent
EXAMPLES = REPO / "examples"
HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
BY_ID = {hook["id"]: hook for hook in HOOKS}
# pre-commit's own required and typed keys (its manifest schema).
REQUIRED = {"id": str, "name": str, "entry": str, "language": str}


def _dependencies() -> set[str]:
    names = set()
    for requirement in requires("archcheck") or []:
        if "extra ==" not in requirement:
            names.add(re.split(r"[<>=!~ ;\[]", requirement, maxsplit=1)[0].lower())
    return names


def test_hooks_parse_and_declare_what_pre_commit_requires() -> None:
    assert isinstance(HOOKS, list) and set(BY_ID) == {"archcheck-flake8", "archcheck-pylint"}
    for hook in HOOKS:
        for key, kind in REQUIRED.items():
            assert isinstance(hook.get(key), kind), (hook.get("id"), key)
        assert hook["language"] == "python"
        assert hook["types"] == ["python"]


@pytest.mark.parametrize("hook", HOOKS, ids=lambda hook: hook["id"])
def test_entry_is_a_console_script_of_an_archcheck_dependency(hook: dict[str, object]) -> None:
    executable = shlex.split(str(hook["entry"]))[0]
    scripts = entry_points(group="console_scripts", name=executable)
    assert scripts, f"{executable} is no installed console script"
    owners = {script.dist.name.lower() for script in scripts if script.dist is not None}
    assert owners & _dependencies(), f"{executable} comes from {owners}, not from archcheck's dependencies"


def test_pylint_hook_enables_every_family_checker_and_loads_the_plugin() -> None:
    words = shlex.split(str(BY_ID["archcheck-pylint"]["entry"]))
    assert "--load-plugins=pylint_archcheck" in words
    enabled = next(word for word in words if word.startswith("--enable="))
    checkers = (ArchcheckChecker, BoundariesChecker, DomainModelChecker, TypeHintsChecker)
    assert enabled.removeprefix("--enable=").split(",") == [checker.name for checker in checkers]


def _run_hook(hook_id: str, project: Path) -> subprocess.CompletedProcess[str]:
    words = shlex.split(str(BY_ID[hook_id]["entry"]))
    executable = Path(sys.executable).parent / words[0]
    files = [path.relative_to(project).as_posix() for path in python_files(project)]
    return subprocess.run(
        [str(executable), *words[1:], *files],
        cwd=project, capture_output=True, text=True, timeout=600, check=False,
    )


_LINE = re.compile(r"^(?P<path>[^:\s]+\.py):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+):? ")


def _rows(output: str, column_base: int) -> list[tuple[str, int, int, str]]:
    rows = []
    for line in output.splitlines():
        match = _LINE.match(line)
        if match:
            rows.append((match["path"], int(match["line"]), int(match["col"]) - column_base, match["code"]))
    return sorted(rows)


def test_flake8_hook_reports_the_core_findings() -> None:
    done = _run_hook("archcheck-flake8", EXAMPLES)
    assert done.returncode == 1, done.stderr
    assert _rows(done.stdout, column_base=1) == run_core(EXAMPLES)


def test_pylint_hook_reports_the_core_findings() -> None:
    from archcheck.registry import BY_CODE

    done = _run_hook("archcheck-pylint", EXAMPLES)
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    ids = {rule.pylint_id: code for code, rule in BY_CODE.items()}
    rows = [(path, line, col, ids[code]) for path, line, col, code in _rows(done.stdout, 0) if code in ids]
    assert sorted(rows) == run_core(EXAMPLES)
