"""Findings: what a rule reports, before a frontend spells it for its host."""

from __future__ import annotations

from collections.abc import Callable

from archcheck.records import Choice, Record

# Whether the host reports a code: rules whose codes it does not report are not run.
Selector = Callable[[str], bool]


class Severity(Choice):
    """A finding's default severity, mapped onto pylint's message categories."""

    FATAL = "F"
    ERROR = "E"
    WARNING = "W"
    REFACTOR = "R"
    CONVENTION = "C"


class Finding(Record):
    """One finding: a rule's code at a 1-based line and 0-based column."""

    line: int
    col: int
    code: str
    message: str
