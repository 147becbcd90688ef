"""No work for codes the host will not report (functional; no timings)."""

from __future__ import annotations

import argparse
import ast
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from flake8.main.application import Application

import flake8_archcheck
from archcheck import engine
from archcheck.findings import Finding
from tests.support import write_project

FILES = {
    "pyproject.toml": '[tool.archcheck]\nlayers = ["outer", "inner"]\n',
    "outer/__init__.py": "",
    "inner/__init__.py": "",
    "inner/core.py": "import outer\nimport requests\n",
}


def _spy(monkeypatch: pytest.MonkeyPatch, frontend: object) -> list[str]:
    """Record the paths ``frontend`` asks the engine to check."""
    seen: list[str] = []
    real = engine.check_module

    def spy(path: str, *args: object, **kwargs: object) -> tuple[Finding, ...]:
        seen.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(frontend, "check_module", spy)
    return seen


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The paths the flake8 frontend asked the engine to check."""
    yield _spy(monkeypatch, flake8_archcheck)


def _flake8(root: Path, *args: str) -> None:
    app = Application()
    old = os.getcwd()
    os.chdir(root)
    try:
        app.run(["--isolated", *args, "inner/core.py"])
    finally:
        os.chdir(old)


def test_nothing_is_checked_when_flake8_reports_no_arc_code(tmp_path: Path, calls: list[str]) -> None:
    root = write_project(tmp_path, FILES)
    for args in (["--extend-ignore=ARC"], ["--select=E,F,W"], ["--ignore=ARC0,ARC1,ARC2,ARC3"]):
        _flake8(root, "-j1", *args)
    assert calls == []


def _codes(out: str) -> list[str]:
    return sorted(line.split()[1] for line in out.splitlines())


def test_only_the_selected_codes_are_computed(
    tmp_path: Path, calls: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_project(tmp_path, FILES)
    _flake8(root, "-j1", "--select=ARC101")
    assert calls == ["inner/core.py"]
    assert _codes(capsys.readouterr().out) == ["ARC101"]
    assert flake8_archcheck.ArchcheckPlugin.selected_codes == frozenset({"ARC101"})


def test_by_default_every_code_is_computed(
    tmp_path: Path, calls: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_project(tmp_path, FILES)
    _flake8(root, "-j1")
    assert "ARC101" in _codes(capsys.readouterr().out)
    assert calls == ["inner/core.py"]
    selected = flake8_archcheck.ArchcheckPlugin.selected_codes
    assert selected is not None and {"ARC000", "ARC001", "ARC101", "ARC104"} <= selected


def test_unknown_option_shapes_fall_back_to_every_code() -> None:
    assert flake8_archcheck._reported_codes(argparse.Namespace()) is None


def test_a_plugin_run_with_no_selected_code_yields_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(flake8_archcheck.ArchcheckPlugin, "selected_codes", frozenset())
    plugin = flake8_archcheck.ArchcheckPlugin(ast.parse("import os\n"), "pkg/mod.py", ["import os\n"])
    assert list(plugin.run()) == []


def test_pylint_with_every_archcheck_message_disabled_never_calls_the_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pylint.lint import Run
    from pylint.reporters import CollectingReporter

    import pylint_archcheck.checkers as checkers

    root = write_project(tmp_path, FILES)
    seen = _spy(monkeypatch, checkers)
    target = str(root / "inner" / "core.py")
    base = ["--rcfile", os.devnull, "--load-plugins=pylint_archcheck", "--disable=all", "-j1"]
    Run([*base, "--enable=unused-import", target], reporter=CollectingReporter(), exit=False)
    assert seen == []
    reporter = CollectingReporter()
    Run([*base, "--enable=layer-violation", target], reporter=reporter, exit=False)
    assert seen == [target]
    assert [message.symbol for message in reporter.messages] == ["layer-violation"]


def test_a_pylint_worker_starts_its_run_once_though_it_opens_the_checkers_per_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pylint.lint.parallel as parallel
    from pylint.lint import PyLinter

    import pylint_archcheck.checkers as checkers

    forgotten: list[PyLinter] = []
    opening: list[PyLinter] = []
    monkeypatch.setattr(checkers, "forget_shared", lambda: forgotten.append(opening[-1]))

    def open_for_files(linter: PyLinter, files: int) -> None:
        opening.append(linter)
        for _ in range(files):
            checkers.ArchcheckChecker(linter).open()
            checkers.BoundariesChecker(linter).open()

    single = PyLinter()
    open_for_files(single, 2)  # -j1 and editor servers: every opening may start a run
    assert forgotten == [single] * 4
    forgotten.clear()
    workers = [PyLinter(), PyLinter()]
    for worker in workers:
        monkeypatch.setattr(parallel, "_worker_linter", worker)
        open_for_files(worker, 3)
    assert forgotten == workers


_IMPORTED_AFTER_A_CHECK = """
import sys
from archcheck import engine

found = engine.check_module(sys.argv[1], shared=True)
print(sorted(found))
print(sorted(name for name in sys.modules if name.startswith("archcheck")))
"""


def test_a_module_answered_from_the_store_imports_no_rule(tmp_path: Path) -> None:
    """The facts, the rules' context and the rules are imported only where findings are found."""
    # A module reaching a layer through an unlayered one: ARC105 builds the graph, so the findings are stored.
    files = {**FILES, "helpers/__init__.py": "import outer\n", "inner/core.py": "import helpers\nimport outer\n"}
    root = write_project(tmp_path, files)
    module = str(root / "inner" / "core.py")

    def run() -> tuple[str, list[str]]:
        done = subprocess.run([sys.executable, "-c", _IMPORTED_AFTER_A_CHECK, module], cwd=root,
                              capture_output=True, text=True, timeout=120, check=True)
        found, imported = done.stdout.splitlines()
        return found, ast.literal_eval(imported)

    found, first = run()
    assert "ARC101" in found and "ARC105" in found
    lazy = {"archcheck.checking", "archcheck.context", "archcheck.facts.classes", "archcheck.index"}
    assert lazy <= set(first) and any(".arc101_" in name for name in first), "a check that finds imports them"
    again, second = run()
    assert again == found
    assert not lazy & set(second)
    assert not [name for name in second if re.search(r"\.arc\d{3}_", name)]
