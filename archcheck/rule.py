"""What a rule is: its public names, its message and where its check lives."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from archcheck.findings import Finding, Severity
from archcheck.records import Record

if TYPE_CHECKING:
    from archcheck.context import ModuleContext

    Check = Callable[[ModuleContext], Iterator[Finding]]


class Rule(Record):
    """One registry entry.

    ``code`` (``ARC101``) is flake8's spelling, ``symbol`` (``layer-violation``)
    pylint's; ``template`` is a :meth:`str.format` template filled by the check.
    ``home`` is the module holding the rule's ``check(ctx)``, imported the first
    time a module is checked: a run whose findings are all stored, a warm
    editor's above all, never imports the rules (with the facts they need,
    17 M instructions of the 45 M that importing archcheck cost). ``home`` is
    ``None`` only for the two configuration/internal codes, which the engine
    itself reports.
    """

    code: str
    symbol: str
    severity: Severity
    template: str
    summary: str
    home: str | None = None

    @property
    def family(self) -> int:
        """The pylint checker family: the code's hundreds digit (ARC1xx: 1)."""
        return int(self.code[3])

    @property
    def pylint_id(self) -> str:
        """pylint's message id: category letter, ``7``, family, last two digits."""
        return f"{self.severity.value}7{self.code[3]}{self.code[4:]}"

    @property
    def docs_page(self) -> str:
        """The rule's docs page, relative to ``docs/``."""
        return f"rules/{self.code}.md"

    def finding(self, line: int, col: int, **fields: Any) -> Finding:
        """A finding of this rule with its message filled from ``fields``."""
        return Finding(line, col, self.code, self.template.format(**fields))

    def loaded_check(self) -> Check | None:
        """The rule's check, its home imported on first use (looked up on each call,
        so that the check is the home's current ``check``)."""
        if self.home is None:
            return None
        home = sys.modules.get(self.home) or importlib.import_module(self.home)
        check: Check = home.check
        return check
