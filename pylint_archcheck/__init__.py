"""pylint frontend: ``pylint --load-plugins pylint_archcheck``.

One checker per rule family (ids 70–73), generated from the registry. The
findings come from the shared engine, which re-parses the module text with
the standard ``ast``; this module holds no rule logic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pylint_archcheck.checkers import build_checkers

if TYPE_CHECKING:
    from pylint.lint import PyLinter


def register(linter: PyLinter) -> None:
    """Called by pylint when the plugin is loaded."""
    for checker in build_checkers(linter):
        linter.register_checker(checker)
