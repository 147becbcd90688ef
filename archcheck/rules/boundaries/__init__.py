"""Layers and boundaries: ARC101–ARC105."""

from __future__ import annotations

from archcheck.findings import Severity
from archcheck.rule import Rule

# Entries only: each check is imported when a module is first checked (see archcheck.rule).
RULES: tuple[Rule, ...] = (
    Rule(
        code="ARC101",
        symbol="layer-violation",
        severity=Severity.WARNING,
        template="{importer} (layer {importer_layer}) imports {imported} (layer {imported_layer}), {relation}",
        summary="A module imports a module of a higher layer.",
        home=f"{__name__}.arc101_layer_violation",
    ),
    Rule(
        code="ARC102",
        symbol="context-boundary-violation",
        severity=Severity.WARNING,
        template="{importer} (context {importer_context}) imports {imported}, {reason}",
        summary="A bounded context imports the internals of another context.",
        home=f"{__name__}.arc102_context_boundary",
    ),
    Rule(
        code="ARC103",
        symbol="domain-framework-import",
        severity=Severity.WARNING,
        template="{importer} (domain layer {layer}) imports third-party {imported}; keep frameworks "
        "out of the domain or add {top!r} to domain_allowed_imports",
        summary="The domain layer imports a third-party package that is not allowed.",
        home=f"{__name__}.arc103_domain_framework",
    ),
    Rule(
        code="ARC104",
        symbol="forbidden-import",
        severity=Severity.WARNING,
        template="{importer} imports {imported}, forbidden for {source} by {contract}",
        summary="An import that a declared forbidden contract rules out.",
        home=f"{__name__}.arc104_forbidden_import",
    ),
    Rule(
        code="ARC105",
        symbol="indirect-layer-violation",
        severity=Severity.WARNING,
        template="{importer} (layer {importer_layer}) reaches {target} (layer {target_layer}) through {first}, "
        "{why}: {chain}",
        summary="A layered module reaches a higher layer through modules that belong to no layer.",
        home=f"{__name__}.arc105_indirect_layer_violation",
    ),
)
