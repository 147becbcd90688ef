"""flake8 frontend: codes ``ARCnnn``, registered under the ``ARC`` entry point.

Holds no rule logic: it hands the tree flake8 already parsed, and the lines
it read (the buffer for stdin), to the shared engine.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from archcheck.engine import check_module

try:
    _VERSION = version("archcheck")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    _VERSION = "0"


class ArchcheckPlugin:
    """The flake8 AST plugin."""

    name = "archcheck"
    version = _VERSION
    config_path: str | None = None

    def __init__(self, tree: ast.Module, filename: str, lines: list[str]) -> None:
        self._tree = tree
        self._filename = filename
        self._lines = lines

    @classmethod
    def add_options(cls, parser: Any) -> None:
        """``--archcheck-config``, also ``archcheck-config`` in setup.cfg/tox.ini/.flake8."""
        parser.add_option(
            "--archcheck-config",
            default="",
            parse_from_config=True,
            help="TOML file holding [tool.archcheck] (default: the nearest pyproject.toml above each file).",
        )

    @classmethod
    def parse_options(cls, options: Any) -> None:
        """Store the options; flake8 calls this once per process (per worker under spawn)."""
        cls.config_path = str(getattr(options, "archcheck_config", "") or "") or None

    def run(self) -> Iterator[tuple[int, int, str, type[ArchcheckPlugin]]]:
        """Yield ``(line, column, "ARCnnn message", type)`` for each finding."""
        if self._filename in ("stdin", "-", ""):
            return
        source = "".join(self._lines)
        for finding in check_module(self._filename, source, self._tree, config_path=self.config_path):
            yield finding.line, finding.col, f"{finding.code} {finding.message}", type(self)
