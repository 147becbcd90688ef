"""Type hints: ARC301–ARC303."""

from __future__ import annotations

from archcheck.findings import Severity
from archcheck.rule import Rule

# Entries only: each check is imported when a module is first checked (see archcheck.rule).
RULES: tuple[Rule, ...] = (
    Rule(
        code="ARC301",
        symbol="missing-parameter-type-hint",
        severity=Severity.CONVENTION,
        template="parameter {param} of {function} has no type hint",
        summary="A function parameter without a type annotation.",
        home=f"{__name__}.arc301_missing_parameter_type_hint",
    ),
    Rule(
        code="ARC302",
        symbol="missing-return-type-hint",
        severity=Severity.CONVENTION,
        template="{function} has no return type hint",
        summary="A function without a return type annotation.",
        home=f"{__name__}.arc302_missing_return_type_hint",
    ),
    Rule(
        code="ARC303",
        symbol="any-in-domain-signature",
        severity=Severity.CONVENTION,
        template="{where} of {function} (domain layer {layer}) is typed with Any: {annotation}; "
        "name the domain type instead",
        summary="Any in a parameter or return annotation of a domain-layer function.",
        home=f"{__name__}.arc303_any_in_domain_signature",
    ),
)
