"""Domain model (tactical DDD): ARC201–ARC204, ARC211–ARC213."""

from __future__ import annotations

from archcheck.rule import Rule, registered
from archcheck.rules.domain_model import (
    arc201_mutable_value_object,
    arc202_value_object_mutation,
    arc203_mutable_value_object_field,
    arc204_mutable_domain_event,
    arc211_anemic_aggregate,
    arc212_aggregate_reference,
    arc213_entity_without_identity,
)

RULES: tuple[Rule, ...] = registered(
    arc201_mutable_value_object,
    arc202_value_object_mutation,
    arc203_mutable_value_object_field,
    arc204_mutable_domain_event,
    arc211_anemic_aggregate,
    arc212_aggregate_reference,
    arc213_entity_without_identity,
)
