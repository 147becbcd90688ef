"""What a rule is: its public names, its message and its check."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

from archcheck.context import ModuleContext
from archcheck.findings import Finding, Severity
from archcheck.records import Record

Check = Callable[[ModuleContext], Iterator[Finding]]


class Rule(Record):
    """One registry entry.

    ``code`` (``ARC101``) is flake8's spelling, ``symbol`` (``layer-violation``)
    pylint's; ``template`` is a :meth:`str.format` template filled by the check.
    ``check`` is ``None`` only for the two configuration/internal codes, which
    the engine itself reports.
    """

    code: str
    symbol: str
    severity: Severity
    template: str
    summary: str
    check: Check | None = None

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


def registered(*modules: ModuleType) -> tuple[Rule, ...]:
    """A family's registry entries: each rule module's ``RULE`` bound to its ``check``."""
    return tuple(module.RULE._replace(check=module.check) for module in modules)
