"""Findings: what a rule reports, before a frontend spells it for its host."""

import enum
from typing import NamedTuple


class Severity(enum.Enum):
    """A finding's default severity, mapped onto pylint's message categories."""

    FATAL = "F"
    ERROR = "E"
    WARNING = "W"
    REFACTOR = "R"
    CONVENTION = "C"


class Finding(NamedTuple):
    """One finding: a rule's code at a 1-based line and 0-based column."""

    line: int
    col: int
    code: str
    message: str
