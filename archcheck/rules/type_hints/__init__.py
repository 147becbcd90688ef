"""Type hints: ARC301–ARC303."""

from __future__ import annotations

from archcheck.rule import Rule, registered
from archcheck.rules.type_hints import (
    arc301_missing_parameter_type_hint,
    arc302_missing_return_type_hint,
    arc303_any_in_domain_signature,
)

RULES: tuple[Rule, ...] = registered(
    arc301_missing_parameter_type_hint,
    arc302_missing_return_type_hint,
    arc303_any_in_domain_signature,
)
