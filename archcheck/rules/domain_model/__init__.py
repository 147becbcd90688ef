"""Domain model (tactical DDD): ARC201–ARC204, ARC211–ARC213."""

from __future__ import annotations

from archcheck.findings import Severity
from archcheck.rule import Rule

# Entries only: each check is imported when a module is first checked (see archcheck.rule).
RULES: tuple[Rule, ...] = (
    Rule(
        code="ARC201",
        symbol="mutable-value-object",
        severity=Severity.WARNING,
        template="value object {name} is mutable: {reason}; make it immutable (a frozen dataclass, "
        "a NamedTuple, or private state behind read-only properties)",
        summary="A value object whose class is not immutable.",
        home=f"{__name__}.arc201_mutable_value_object",
    ),
    Rule(
        code="ARC202",
        symbol="value-object-mutation",
        severity=Severity.WARNING,
        template="value object {name}: method {method} assigns {target}; a value object never changes, "
        "return a new instance instead",
        summary="A value object method assigns to an attribute of self.",
        home=f"{__name__}.arc202_value_object_mutation",
    ),
    Rule(
        code="ARC203",
        symbol="mutable-value-object-field",
        severity=Severity.WARNING,
        template="{kind} {name}: field {field} is a mutable {container}; use an immutable type "
        "(tuple, frozenset, a read-only mapping)",
        summary="A value object or domain event field annotated with, or defaulting to, a mutable container.",
        home=f"{__name__}.arc203_mutable_value_object_field",
    ),
    Rule(
        code="ARC204",
        symbol="mutable-domain-event",
        severity=Severity.WARNING,
        template="domain event {name} is mutable: {reason}; an event records a fact and must not change "
        "(make it a frozen dataclass or a NamedTuple)",
        summary="A domain event whose class is not immutable.",
        home=f"{__name__}.arc204_mutable_domain_event",
    ),
    Rule(
        code="ARC211",
        symbol="anemic-aggregate",
        severity=Severity.REFACTOR,
        template="{kind} {name} holds {count} fields ({fields}) but no behaviour: its methods are only "
        "accessors, dunders or factories; move the logic that changes it into it",
        summary="An entity or aggregate root that holds state but has no behaviour.",
        home=f"{__name__}.arc211_anemic_aggregate",
    ),
    Rule(
        code="ARC212",
        symbol="aggregate-reference-by-object",
        severity=Severity.REFACTOR,
        template="aggregate root {name}: field {field} holds aggregate root {other}; "
        "refer to another aggregate by its identity, not by the object",
        summary="An aggregate root holds another aggregate root instead of its identity.",
        home=f"{__name__}.arc212_aggregate_reference",
    ),
    Rule(
        code="ARC213",
        symbol="entity-without-identity",
        severity=Severity.REFACTOR,
        template="{kind} {name} declares no identity field (expected one of: {expected}); "
        "an entity is defined by its identity, not by its attributes",
        summary="An entity or aggregate root declares no identity field.",
        home=f"{__name__}.arc213_entity_without_identity",
    ),
)
