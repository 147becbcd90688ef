"""Layers and boundaries: ARC101–ARC105."""

from __future__ import annotations

from archcheck.rule import Rule, registered
from archcheck.rules.boundaries import (
    arc101_layer_violation,
    arc102_context_boundary,
    arc103_domain_framework,
    arc104_forbidden_import,
    arc105_indirect_layer_violation,
)

RULES: tuple[Rule, ...] = registered(
    arc101_layer_violation,
    arc102_context_boundary,
    arc103_domain_framework,
    arc104_forbidden_import,
    arc105_indirect_layer_violation,
)
