"""The rule registry: the one place that names every rule.

Both frontends are generated from :data:`RULES`; nobody types a code twice.
Each family of rules lists its entries in its own package under
``archcheck.rules``; each entry names the module holding its check, which
finds its entry here (:func:`rule_at`).
"""

from __future__ import annotations

from archcheck.rule import Rule
from archcheck.rules import boundaries, domain_model, internal, type_hints

RULES: tuple[Rule, ...] = (
    *internal.RULES,
    *boundaries.RULES,
    *domain_model.RULES,
    *type_hints.RULES,
)

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
BY_SYMBOL: dict[str, Rule] = {rule.symbol: rule for rule in RULES}


def rule(code: str) -> Rule:
    """The rule registered under ``code`` (``KeyError`` if there is none)."""
    return BY_CODE[code]


def rule_at(home: str) -> Rule:
    """The rule whose check lives in the module ``home`` (``KeyError`` if none does)."""
    return _BY_HOME[home]


_BY_HOME: dict[str, Rule] = {rule.home: rule for rule in RULES if rule.home is not None}
