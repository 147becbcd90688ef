"""ARC000 and ARC001: reported by the engine itself, not by a check."""

from __future__ import annotations

from archcheck.findings import Severity
from archcheck.rule import Rule

INTERNAL_ERROR = Rule(
    code="ARC000",
    symbol="archcheck-internal-error",
    severity=Severity.FATAL,
    template="archcheck internal error: rule {code} ({symbol}) raised {error}: {detail}; "
    "the other rules still ran; please report this",
    summary="A bug inside archcheck: one rule raised on this file.",
)
CONFIG_ERROR = Rule(
    code="ARC001",
    symbol="archcheck-config-error",
    severity=Severity.ERROR,
    template="{problem}",
    summary="The archcheck configuration governing this file is invalid.",
)

RULES: tuple[Rule, ...] = (INTERNAL_ERROR, CONFIG_ERROR)
