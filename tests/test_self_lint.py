"""archcheck checks its own architecture: the core lowest, the two frontends
above it and independent of each other, the core free of pylint, flake8 and
astroid (``[tool.archcheck]`` in this repository's pyproject.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archcheck.engine import check_module

ROOT = Path(__file__).parent.parent
PACKAGES = ("archcheck", "pylint_archcheck", "flake8_archcheck")


def test_the_project_itself_is_clean() -> None:
    findings = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            findings += [(relative, f.line, f.code, f.message) for f in check_module(str(path))]
    assert findings == []


@pytest.mark.parametrize(
    ("path", "source", "code"),
    [
        ("archcheck/probe.py", "import pylint_archcheck\n", "ARC101"),
        ("archcheck/rules/probe.py", "from flake8_archcheck import ArchcheckPlugin\n", "ARC101"),
        ("flake8_archcheck/probe.py", "import pylint_archcheck.checkers\n", "ARC101"),
        ("pylint_archcheck/probe.py", "from flake8_archcheck import ArchcheckPlugin\n", "ARC101"),
        ("archcheck/probe.py", "import astroid\n", "ARC104"),
        ("archcheck/facts/probe.py", "from pylint.lint import Run\n", "ARC104"),
        ("archcheck/probe.py", "import flake8.main\n", "ARC104"),
    ],
)
def test_the_self_configuration_would_catch_a_violation(path: str, source: str, code: str) -> None:
    found = check_module(str(ROOT / path), source)
    assert [f.code for f in found] == [code]


def test_frontends_may_import_the_core() -> None:
    assert check_module(str(ROOT / "pylint_archcheck/probe.py"), "from archcheck.engine import check_module\n") == ()
