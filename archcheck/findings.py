"""Findings: what a rule reports, before a frontend spells it for its host."""

from __future__ import annotations


from archcheck.records import Choice, Record


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
