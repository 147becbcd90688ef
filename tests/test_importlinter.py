"""import-linter contracts enforced per line agree with real ``lint-imports`` runs.

For each fixture project with an import-linter configuration, the lines
archcheck reports (ARC101/ARC102/ARC104/ARC105) are exactly the direct
imports and the first hops of the chains that ``lint-imports`` prints, except
the lines marked ``# lint-imports only``: SPEC's one deliberate difference
(archcheck reads every ``TYPE_CHECKING`` spelling correctly).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archcheck.engine import check_module
from archcheck.importlinter_config import find_importlinter_config
from tests.support import python_files, run_core

FIXTURES = Path(__file__).parent / "fixtures"
PROJECTS = sorted(p for p in FIXTURES.iterdir() if p.name.startswith("importlinter_"))
CONTRACT_CODES = {"ARC101", "ARC102", "ARC104", "ARC105"}
_HOP = re.compile(r"^(\S+)(?: -> \S+)? \(([^)]*)\)$")

Hops = set[tuple[str, int]]


def _module(relative: str) -> str:
    name = relative.removesuffix(".py").replace("/", ".")
    return name.removesuffix(".__init__")


def _lint_imports(project: Path) -> str:
    executable = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(executable), "--no-cache"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=300,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout


def first_hops(output: str) -> Hops:
    """(importer, line) of the first hop of every chain in lint-imports' report."""
    lines = [line.strip() for line in output.splitlines()]
    found: Hops = set()
    for index, line in enumerate(lines):
        if not line.startswith("- "):
            continue
        entries = [line[2:].strip()]
        cursor = index + 1
        while "->" not in entries[-1] and cursor < len(lines) and lines[cursor].startswith("&"):
            entries.append(lines[cursor].lstrip("&").strip())
            cursor += 1
        for entry in entries:
            match = _HOP.match(entry)
            if match:
                found |= {(match.group(1), int(n)) for n in re.findall(r"l\.(\d+)", match.group(2))}
    return found


def _archcheck_hops(project: Path) -> Hops:
    return {(_module(path), line) for path, line, _col, code in run_core(project) if code in CONTRACT_CODES}


def _lint_imports_only(project: Path) -> Hops:
    marked: Hops = set()
    for path in python_files(project):
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "# lint-imports only" in text:
                marked.add((_module(path.relative_to(project).as_posix()), number))
    return marked


def test_first_hops_parser_reads_extra_firsts_and_several_lines() -> None:
    report = """
- a.x (l.3)
  & a.y (l.4, l.9)
  & a.z -> m.mid (l.5)
  m.mid -> b.top (l.1)

-   a.w -> b.top (l.7)
"""
    assert first_hops(report) == {("a.x", 3), ("a.y", 4), ("a.y", 9), ("a.z", 5), ("a.w", 7)}


@pytest.mark.parametrize("project", PROJECTS, ids=[p.name for p in PROJECTS])
def test_lines_equal_direct_imports_and_first_hops_of_lint_imports(project: Path) -> None:
    reported = first_hops(_lint_imports(project))
    assert reported, "lint-imports reported nothing: the fixture shows no broken contract"
    only = _lint_imports_only(project)
    assert only <= reported
    assert _archcheck_hops(project) == reported - only


def _copy(project: Path, tmp_path: Path) -> Path:
    target = tmp_path / project.name
    shutil.copytree(project, target, ignore=shutil.ignore_patterns(".archcheck_cache", "__pycache__"))
    return target


def test_unsaved_buffer_counts_and_agrees_with_lint_imports_after_saving(tmp_path: Path) -> None:
    project = _copy(FIXTURES / "importlinter_ini", tmp_path)
    season = project / "orchard" / "rules" / "season.py"
    buffer = "from orchard import helpers\n\n\ndef current() -> str:\n    return helpers.banner()\n"
    codes = {(f.line, f.code) for f in check_module(str(season), buffer)}
    assert codes == {(1, "ARC105")}
    assert not [f for f in check_module(str(season)) if f.code in CONTRACT_CODES]
    season.write_text(buffer, encoding="utf-8")
    assert ("orchard.rules.season", 1) in first_hops(_lint_imports(project))
    assert ("orchard.rules.season", 1) in _archcheck_hops(project)


def test_an_import_linter_configuration_turns_the_zero_config_layout_off(tmp_path: Path) -> None:
    for name in ("domain", "infrastructure"):
        (tmp_path / "shop" / name).mkdir(parents=True)
        (tmp_path / "shop" / name / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "shop" / "__init__.py").write_text("", encoding="utf-8")
    model = tmp_path / "shop" / "domain" / "model.py"
    model.write_text("import shop.infrastructure\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.archcheck]\n", encoding="utf-8")
    assert [f.code for f in check_module(str(model))] == ["ARC101"]
    (tmp_path / ".importlinter").write_text("[importlinter]\nroot_package = shop\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.archcheck]\n\n", encoding="utf-8")
    assert find_importlinter_config(tmp_path) is not None
    assert [f.code for f in check_module(str(model))] == []


def test_importlinter_false_turns_contracts_off(tmp_path: Path) -> None:
    project = _copy(FIXTURES / "importlinter_ini", tmp_path)
    (project / "pyproject.toml").write_text("[tool.archcheck]\nimportlinter = false\n", encoding="utf-8")
    assert _archcheck_hops(project) == set()


def test_domain_layer_names_a_layer_of_the_contracts(tmp_path: Path) -> None:
    for name in ("shop", "shop/domain", "shop/infra"):
        (tmp_path / name).mkdir(parents=True, exist_ok=True)
        (tmp_path / name / "__init__.py").write_text("", encoding="utf-8")
    model = tmp_path / "shop" / "domain" / "model.py"
    model.write_text("import requests\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.archcheck]\n", encoding="utf-8")
    (tmp_path / ".importlinter").write_text(
        "[importlinter]\nroot_package = shop\n\n[importlinter:contract:one]\nname = Shop layers\n"
        "type = layers\ncontainers = shop\nlayers =\n    infra\n    domain\n",
        encoding="utf-8",
    )
    assert [f.code for f in check_module(str(model))] == ["ARC103"]


def test_a_module_not_saved_yet_is_judged_from_its_buffer(tmp_path: Path) -> None:
    project = _copy(FIXTURES / "importlinter_ini", tmp_path)
    new = project / "orchard" / "data" / "brand_new.py"
    found = check_module(str(new), "from orchard.ui import screen\n")
    assert [(f.line, f.code) for f in found] == [(1, "ARC101"), (1, "ARC104")]


def test_saved_edits_keep_one_file_of_contract_results_and_the_results_current(tmp_path: Path) -> None:
    project = _copy(FIXTURES / "importlinter_ini", tmp_path)
    season = project / "orchard" / "rules" / "season.py"
    original = season.read_text(encoding="utf-8")
    edited = "from orchard import helpers\n\n\ndef current() -> str:\n    return helpers.banner()\n"
    for text, hop in [(edited, True), (original, False), (edited, True)]:
        season.write_text(text, encoding="utf-8")
        assert (("orchard.rules.season", 1) in _archcheck_hops(project)) is hop
    assert len(list((project / ".archcheck_cache").glob("contracts-*.json"))) == 1
