"""Functional fixtures: small projects whose expected findings are written
next to the lines (``# expect: ARC101``), checked through the core and through
real flake8 and pylint subprocesses, in file and stdin modes, with identical
findings (path, line, column, code) everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import expected, run_core, run_flake8, run_pylint, without_column

FIXTURES = sorted(p for p in (Path(__file__).parent / "fixtures").iterdir() if (p / "pyproject.toml").exists())
EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.mark.parametrize("project", FIXTURES, ids=[p.name for p in FIXTURES])
def test_fixture_findings_match_expectations_in_every_frontend_and_mode(project: Path) -> None:
    want = expected(project)
    assert want, f"{project.name} declares no '# expect:' finding"
    core = run_core(project)
    assert without_column(core) == want
    assert run_core(project, stdin=True) == core
    assert run_flake8(project) == core
    assert run_flake8(project, stdin=True) == core
    assert run_pylint(project) == core
    assert run_pylint(project, stdin=True) == core


def test_examples_fire_what_they_say_and_both_linters_agree() -> None:
    core = run_core(EXAMPLES)
    assert without_column(core) == expected(EXAMPLES)
    assert run_flake8(EXAMPLES) == core
    assert run_flake8(EXAMPLES, stdin=True) == core
    assert run_pylint(EXAMPLES) == core
    assert run_pylint(EXAMPLES, stdin=True) == core
