"""Helpers for the robustness, safety and determinism tests.

Small projects written from a dict, archcheck run through the core, through
flake8 and pylint in-process (so that a fault injected with ``monkeypatch``
reaches them), and the fault injection itself. Every runner returns findings
as ``(path, line, col, code)`` rows, ``path`` relative to the project, so that
the core and both frontends compare directly.
"""

from __future__ import annotations

import argparse
import importlib
import os
import tokenize
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pytest

from archcheck import engine, results
from archcheck.context import ModuleContext
from archcheck.findings import Finding
from archcheck.registry import BY_SYMBOL, RULES
from tests.support import _pylint_args  # pylint: disable=protected-access

Row = tuple[str, int, int, str]

# A layered project whose files each show at least one finding of a
# different rule, so that "the other rules go on" is visible.
LAYERED_PYPROJECT = """\
[tool.archcheck]
source_roots = ["src"]
layers = ["infrastructure", "application", "domain"]
containers = ["shop"]
contexts = ["shop"]
forbidden = { "shop.domain" = ["json"] }
"""

LAYERED_FILES: dict[str, str] = {
    "pyproject.toml": LAYERED_PYPROJECT,
    "src/shop/__init__.py": "",
    "src/shop/domain/__init__.py": "",
    "src/shop/domain/model.py": "import json\nimport shop.infrastructure.db\nimport requests\n",
    "src/shop/application/__init__.py": "",
    "src/shop/application/service.py": "from shop.infrastructure import db\nfrom ..domain import model\n",
    "src/shop/infrastructure/__init__.py": "",
    "src/shop/infrastructure/db.py": "from shop.domain import model\n",
    # An unlayered module between two layers: ARC105, and the project graph (and its cache) built.
    "src/shop/shared/__init__.py": "",
    "src/shop/shared/clock.py": "import shop.infrastructure.db\n",
    "src/shop/domain/schedule.py": "from shop.shared import clock\n",
}


def write_project(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``files`` (relative path to text or bytes) under ``root``."""
    for name, body in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            target.write_bytes(body)
        else:
            target.write_text(body, encoding="utf-8")
    return root


def python_files(root: Path) -> list[Path]:
    """The project's ``.py`` files, sorted, caches left out."""
    return sorted(p for p in root.rglob("*.py") if ".archcheck_cache" not in p.parts and "__pycache__" not in p.parts)


# Module-level in-memory caches of the core, by module: cleared so that a run
# starts as a fresh process would (names missing in this build are skipped).
_CACHES = {
    "archcheck.engine": ("_memo", "_projects"),
    "archcheck.config.discovery": ("_toml_cache", "_config_cache"),
    "archcheck.layers": ("_listing_cache",),
    "archcheck.index": ("_files",),
}


def clear_caches() -> None:
    """Forget what this process remembers (as a fresh editor server would)."""
    for module_name, names in _CACHES.items():
        module = importlib.import_module(module_name)
        for name in names:
            cache = getattr(module, name, None)
            if cache is not None:
                cache.clear()


def relative(root: Path, path: str | os.PathLike[str]) -> str:
    """``path`` relative to ``root``, POSIX style (absolute or cwd-relative input)."""
    absolute = Path(os.path.normpath(os.path.abspath(path)))
    return absolute.relative_to(root).as_posix()


def core_rows(root: Path, files: Iterable[Path] | None = None, stdin: bool = False) -> list[Row]:
    """Findings of the core; ``stdin`` hands it the decoded text as a frontend would."""
    rows: list[Row] = []
    for path in python_files(root) if files is None else files:
        source = engine.decode(path.read_bytes()) if stdin else None
        if stdin and source is None:
            continue
        for finding in engine.check_module(str(path), source):
            rows.append((relative(root, path), finding.line, finding.col, finding.code))
    return sorted(rows)


_FLAKE8: dict[str, tuple[object, argparse.Namespace]] = {}


def _flake8_setup() -> tuple[object, argparse.Namespace]:
    """flake8's own option parsing and plugin loading, only archcheck's checker kept."""
    if "setup" not in _FLAKE8:
        from flake8.options.parse_args import parse_args  # pylint: disable=import-outside-toplevel

        plugins, options = parse_args(["--isolated", "--select=ARC,E999,E902"])
        tree = [p for p in plugins.checkers.tree if p.entry_name == "ARC"]
        assert tree, "the ARC entry point is not installed"
        _FLAKE8["setup"] = (plugins.checkers._replace(tree=tree, logical_line=[], physical_line=[]), options)
    return _FLAKE8["setup"]


def flake8_rows(root: Path, files: Iterable[Path] | None = None, codes: str = "ARC") -> list[Row]:
    """Findings of flake8's own FileChecker (its reading, parsing, error
    handling) with only archcheck's plugin: pycodestyle and pyflakes left out
    so that a sweep stays fast. A plugin exception fails the call, as in flake8."""
    from flake8.checker import FileChecker  # pylint: disable=import-outside-toplevel

    checkers, options = _flake8_setup()
    rows: list[Row] = []
    for path in python_files(root) if files is None else files:
        checker = FileChecker(filename=str(path), plugins=checkers, options=options)
        if checker.processor is not None:
            try:
                # run_checks() minus the token pass that only pycodestyle needs.
                checker.run_ast_checks()
            except (SyntaxError, tokenize.TokenError) as error:
                code = "E902" if isinstance(error, tokenize.TokenError) else "E999"
                checker.report(code, 1, 0, f"{type(error).__name__}: {error.args[0]}")
        for code, line, col, _text, _physical in checker.results:
            if code.startswith(tuple(codes.split(","))):
                rows.append((relative(root, path), line, col, code))
    return sorted(rows)


def flake8_app(argv: list[str], output: Path, cwd: Path) -> list[str]:
    """Run the real flake8 application in-process; its report lines."""
    from flake8.main.application import Application  # pylint: disable=import-outside-toplevel

    app = Application()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        app.run(["--isolated", f"--output-file={output}", *argv])
    return output.read_text(encoding="utf-8").splitlines() if output.exists() else []


def parse_flake8(root: Path, lines: list[str], codes: tuple[str, ...] = ("ARC",)) -> list[Row]:
    """Rows from ``--format=%(path)s|%(row)d|%(col)d|%(code)s`` lines (columns made 0-based)."""
    rows = []
    for line in lines:
        parts = line.split("|")
        if len(parts) == 4 and parts[3].startswith(codes):
            rows.append((relative(root, root / parts[0]), int(parts[1]), int(parts[2]) - 1, parts[3]))
    return sorted(rows)


FLAKE8_FORMAT = "--format=%(path)s|%(row)d|%(col)d|%(code)s"


def pylint_messages(root: Path, targets: list[str], extra: Iterable[str] = ()) -> list[object]:
    """Run pylint in-process in ``root`` with archcheck's messages (and
    ``extra`` options); its collected messages."""
    from pylint.lint import Run  # pylint: disable=import-outside-toplevel
    from pylint.reporters import CollectingReporter  # pylint: disable=import-outside-toplevel

    reporter = CollectingReporter()
    # tests.support's subprocess arguments, less the program name and the text format.
    args = [*_pylint_args(root)[1:-2], *extra, *targets]
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        Run(args, reporter=reporter, exit=False)
    return list(reporter.messages)


def pylint_rows(root: Path, targets: list[str], extra: Iterable[str] = ()) -> list[Row]:
    """Rows of archcheck's messages from an in-process pylint run."""
    rows = []
    for message in pylint_messages(root, targets, extra):
        symbol = getattr(message, "symbol")
        if symbol in BY_SYMBOL:
            rows.append((message_path(root, message), getattr(message, "line"), getattr(message, "column"),
                         BY_SYMBOL[symbol].code))
    return sorted(rows)


def message_path(root: Path, message: object) -> str:
    """A pylint message's file relative to ``root`` (its ``path`` is relative to
    the directory pylint ran in; ``abspath`` is not reliable for syntax errors)."""
    return relative(root, root / getattr(message, "path"))


class InjectedFault(RuntimeError):
    """The exception a faulty rule raises."""


def inject_fault(
    monkeypatch: pytest.MonkeyPatch, code: str, when: Callable[[ModuleContext], bool] = lambda ctx: True
) -> None:
    """Make rule ``code`` raise :class:`InjectedFault` on the modules ``when`` picks
    (after yielding one finding, so that a half-run rule is covered too)."""
    original = next(rule for rule in RULES if rule.code == code)
    real_check = original.loaded_check()
    assert real_check is not None and original.home is not None

    def faulty(ctx: ModuleContext) -> Iterable[Finding]:
        if when(ctx):
            yield original.finding(1, 0, **_dummy_fields(original.template))
            raise InjectedFault(f"injected into {code}")
        yield from real_check(ctx)

    monkeypatch.setattr(importlib.import_module(original.home), "check", faulty)
    # Stored findings are keyed on the rules' files, and a rule patched in memory is not in them.
    monkeypatch.setattr(results, "entry_for", lambda *_args: None)
    clear_caches()


def _dummy_fields(template: str) -> dict[str, str]:
    import string  # pylint: disable=import-outside-toplevel

    return {name: "x" for _, name, _, _ in string.Formatter().parse(template) if name}
