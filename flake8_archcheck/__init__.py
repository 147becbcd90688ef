"""flake8 frontend: codes ``ARCnnn``, registered under the ``ARC`` entry point.

Holds no rule logic: it hands the tree flake8 already parsed, and the lines
it read (the buffer for stdin), to the shared engine.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from archcheck import __version__
from archcheck.engine import check_module, decode, forget_shared
from archcheck.registry import RULES


class ArchcheckPlugin:
    """The flake8 AST plugin."""

    name = "archcheck"
    version = __version__
    config_path: str | None = None
    # The ARC codes flake8 will report (``None``: unknown, so all of them).
    selected_codes: frozenset[str] | None = None
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
        forget_shared()  # a new run: in-process servers (VS Code) lint again after edits
        cls.selected_codes = _reported_codes(options)
        cls.reads_stdin = "-" in (getattr(options, "filenames", None) or ())

    def run(self) -> Iterator[tuple[int, int, str, type[ArchcheckPlugin]]]:
        """Yield ``(line, column, "ARCnnn message", type)`` for each finding."""
        # ``flake8 -`` without --stdin-display-name: flake8 calls the buffer
        # ``stdin``; it is checked as a module of that name in the working
        # directory, as flake8 reports it (docs/promises.md).
        selected = self.selected_codes
        if selected is not None and not selected:
            return  # flake8 would drop every finding: do no work at all
        filename = "stdin" if self._filename in ("-", "") else self._filename
        source = "".join(self._lines)
        if not self.reads_stdin and not _plainly_decoded(source, self._lines) and not _decodes(filename):
            return
        chosen = selected.__contains__ if selected is not None else _every_code
        for finding in check_module(
            filename, source, self._tree, selected=chosen, config_path=self.config_path, shared=True
        ):
            yield finding.line, finding.col, f"{finding.code} {finding.message}", type(self)


def _every_code(_code: str) -> bool:
    return True


def _reported_codes(options: Any) -> frozenset[str] | None:
    """The ARC codes that ``--select``/``--ignore`` (and their ``extend-`` forms) let through.

    flake8 runs every plugin whatever is selected and filters afterwards, so
    archcheck asks flake8's own decision engine which of its codes survive.
    Per-file ignores and ``# noqa`` only remove more. When the engine cannot
    be asked (another flake8 version), ``None``: run every rule.
    """
    try:
        from flake8.style_guide import Decision, DecisionEngine

        decide = DecisionEngine(options)
        return frozenset(rule.code for rule in RULES if decide.decision_for(rule.code) is Decision.Selected)
    except Exception:  # noqa: BLE001 - never break flake8; fall back to doing all the work
        return None


def _plainly_decoded(source: str, lines: list[str]) -> bool:
    """Whether flake8 surely read these lines as Python does: ASCII text
    without a coding cookie means the same to every codec flake8 could have
    used (and spares reading the file again)."""
    return source.isascii() and "coding" not in "".join(lines[:2])


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
