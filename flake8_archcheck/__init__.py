"""flake8 frontend: codes ``ARCnnn``, registered under the ``ARC`` entry point.

Holds no rule logic: it hands the tree flake8 already parsed, and the lines
it read (the buffer for stdin), to the shared engine.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from archcheck.engine import check_module, decode

try:
    _VERSION = version("archcheck")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    _VERSION = "0"


class ArchcheckPlugin:
    """The flake8 AST plugin."""

    name = "archcheck"
    version = _VERSION
    config_path: str | None = None
    reads_stdin = False

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
        cls.reads_stdin = "-" in (getattr(options, "filenames", None) or ())

    def run(self) -> Iterator[tuple[int, int, str, type[ArchcheckPlugin]]]:
        """Yield ``(line, column, "ARCnnn message", type)`` for each finding."""
        # ``flake8 -`` without --stdin-display-name: flake8 calls the buffer
        # ``stdin``; it is checked as a module of that name in the working
        # directory, as flake8 reports it (docs/promises.md).
        filename = "stdin" if self._filename in ("-", "") else self._filename
        if not self.reads_stdin and not _decodes(filename):
            return
        source = "".join(self._lines)
        for finding in check_module(filename, source, self._tree, config_path=self.config_path):
            yield finding.line, finding.col, f"{finding.code} {finding.message}", type(self)


def _decodes(filename: str) -> bool:
    """Whether the file on disk is text Python can read (its coding cookie
    known, its bytes valid in it). flake8 falls back to latin-1 where Python
    refuses the file; archcheck stays silent there, as the core and pylint do.
    A buffer from stdin is never compared with the file on disk."""
    try:
        data = Path(filename).read_bytes()
    except (OSError, ValueError):
        return True
    return decode(data) is not None
