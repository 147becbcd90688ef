"""Layers and boundaries: ARC101–ARC105."""

from __future__ import annotations

from dataclasses import replace

from archcheck.rule import Rule
from archcheck.rules.boundaries import (
    arc101_layer_violation,
    arc102_context_boundary,
    arc103_domain_framework,
    arc104_forbidden_import,
    arc105_indirect_layer_violation,
)

RULES: tuple[Rule, ...] = tuple(
    replace(module.RULE, check=module.check)
    for module in (
        arc101_layer_violation,
        arc102_context_boundary,
        arc103_domain_framework,
        arc104_forbidden_import,
        arc105_indirect_layer_violation,
    )
)
