"""The standard library of the running interpreter through archcheck.

A copy of the whole standard library (about 1,800 files; syntax-error test
data, odd encodings and huge modules included) is checked with a
configuration that makes the boundary rules fire (``http`` below ``email``,
contexts, a forbidden contract), through the core and through flake8's own
file checker with archcheck's plugin; pylint, ten times slower, checks a
deterministic sample. Nothing may escape archcheck, no ARC000 may appear, and
the frontends must agree with the core. Then a fault is injected into ARC101
on every seventh module: exactly those files gain one ARC000, and every other
finding stays the same. Measured times are in docs/promises.md.
"""

from __future__ import annotations

import ast
import multiprocessing
import shutil
import sysconfig
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from archcheck.context import ModuleContext
from archcheck.engine import decode
from archcheck.registry import BY_SYMBOL
from tests.robust_kit import (
    clear_caches,
    core_rows,
    flake8_rows,
    inject_fault,
    message_path,
    pylint_messages,
    pylint_rows,
    python_files,
    relative,
)
from tests.robust_kit import Row

pytestmark = pytest.mark.slow

SWEEP_PYPROJECT = """\
[tool.archcheck]
source_roots = ["."]
layers = ["email", "http"]
contexts = ["email", "http", "json"]
forbidden = { "http" = ["socket"], "json" = ["re"] }
"""
PYLINT_SAMPLE_EVERY = 20
FAULTY_EVERY = 7


@pytest.fixture(scope="module")
def stdlib(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the running interpreter's standard library, configured."""
    source = Path(sysconfig.get_paths()["stdlib"])
    root = tmp_path_factory.mktemp("stdlib") / "lib"
    shutil.copytree(
        source,
        root,
        symlinks=True,
        ignore=shutil.ignore_patterns("site-packages", "dist-packages", "__pycache__", "*.pyc", "*.so"),
    )
    (root / "pyproject.toml").write_text(SWEEP_PYPROJECT, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def core(stdlib: Path) -> list[tuple[str, int, int, str]]:
    """The core's findings on the whole copy."""
    clear_caches()
    return _on_two_cores(core_rows, stdlib)


def _run_chunk(job: tuple[Callable[..., list[Row]], Path, list[Path], dict[str, str]]) -> list[Row]:
    runner, root, files, options = job
    clear_caches()
    return runner(root, files, **options)


def _on_two_cores(runner: Callable[..., list[Row]], root: Path, **options: str) -> list[Row]:
    """``runner`` over every file, split between two forked workers (CI has two
    cores); a fault injected with monkeypatch is inherited by the fork."""
    files = python_files(root)
    jobs = [(runner, root, files[start::2], options) for start in (0, 1)]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        halves = pool.map(_run_chunk, jobs)
    return sorted(halves[0] + halves[1])


def _faulty(index: dict[str, int]) -> object:
    def when(ctx: ModuleContext) -> bool:
        return index.get(ctx.path.as_posix(), 1) % FAULTY_EVERY == 0

    return when


def test_the_core_checks_the_whole_stdlib_without_internal_errors(
    stdlib: Path, core: list[tuple[str, int, int, str]]
) -> None:
    files = python_files(stdlib)
    assert len(files) > 1000
    codes = Counter(row[3] for row in core)
    assert codes["ARC000"] == 0, [row for row in core if row[3] == "ARC000"][:5]
    assert codes["ARC001"] == 0
    # The configuration makes each boundary rule fire somewhere: the rules ran.
    assert {"ARC101", "ARC102", "ARC104"} <= set(codes), codes
    assert ("http/client.py", "ARC101") in {(row[0], row[3]) for row in core}


def test_flake8_file_checker_agrees_with_the_core_on_the_whole_stdlib(
    stdlib: Path, core: list[tuple[str, int, int, str]]
) -> None:
    clear_caches()
    rows = _on_two_cores(flake8_rows, stdlib, codes="ARC,E999,E902")
    archcheck = [row for row in rows if row[3].startswith("ARC")]
    assert archcheck == core
    # The syntax-error test data is reported by flake8 (E999), not by archcheck.
    broken = {row[0] for row in rows if row[3] in ("E999", "E902")}
    assert broken, "the stdlib copy holds files that do not parse"
    assert not broken & {row[0] for row in archcheck}


def _pylint_sample(stdlib: Path) -> list[Path]:
    files = python_files(stdlib)
    with_findings = {"http/client.py", "email/utils.py", "json/decoder.py"}
    return [p for i, p in enumerate(files) if i % PYLINT_SAMPLE_EVERY == 0 or relative(stdlib, p) in with_findings]


def test_pylint_agrees_with_the_core_on_a_sample_of_the_stdlib(
    stdlib: Path, core: list[tuple[str, int, int, str]]
) -> None:
    sample = _pylint_sample(stdlib)
    names = {relative(stdlib, p) for p in sample}
    clear_caches()
    messages = pylint_messages(stdlib, sorted(names), extra=["--enable=astroid-error,fatal"])
    crashes = [m for m in messages if getattr(m, "symbol") in ("astroid-error", "fatal")]
    assert not [m for m in crashes if "archcheck" in getattr(m, "msg")], crashes
    crashed = {message_path(stdlib, m) for m in crashes}
    expected = [row for row in core if row[0] in names - crashed]
    got = sorted(
        (message_path(stdlib, m), getattr(m, "line"), getattr(m, "column"),
         BY_SYMBOL[getattr(m, "symbol")].code)
        for m in messages
        if getattr(m, "symbol") in BY_SYMBOL
    )
    assert got == expected


def _parses(path: Path) -> bool:
    """Whether Python can read and parse the file (only then do rules run)."""
    source = decode(path.read_bytes())
    if source is None:
        return False
    try:
        ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _fault_index(stdlib: Path) -> dict[str, int]:
    return {path.as_posix(): i for i, path in enumerate(python_files(stdlib))}


def _expected_with_fault(
    core: list[tuple[str, int, int, str]], faulty_files: set[str]
) -> list[tuple[str, int, int, str]]:
    """The clean findings with ARC101 gone from the faulty files and one ARC000 there."""
    kept = [row for row in core if not (row[0] in faulty_files and row[3] == "ARC101")]
    return sorted(kept + [(name, 1, 0, "ARC000") for name in faulty_files])


def test_a_rule_failing_on_some_stdlib_files_reports_arc000_there_and_nothing_else_changes(
    stdlib: Path, core: list[tuple[str, int, int, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    index = _fault_index(stdlib)
    faulty_files = {
        relative(stdlib, name) for name, i in index.items() if i % FAULTY_EVERY == 0 and _parses(Path(name))
    }
    inject_fault(monkeypatch, "ARC101", _faulty(index))  # type: ignore[arg-type]
    expected = _expected_with_fault(core, faulty_files)
    assert _on_two_cores(core_rows, stdlib) == expected
    clear_caches()
    faulty_paths = [stdlib / name for name in sorted(faulty_files)]
    assert flake8_rows(stdlib, faulty_paths) == [row for row in expected if row[0] in faulty_files]
    sample = [p for p in _pylint_sample(stdlib) if relative(stdlib, p) in faulty_files][:15]
    names = sorted(relative(stdlib, p) for p in sample)
    clear_caches()
    assert pylint_rows(stdlib, names) == [row for row in expected if row[0] in names]
