"""ARC301 missing-parameter-type-hint: a parameter without an annotation."""

from __future__ import annotations

from collections.abc import Iterator

from archcheck.context import ModuleContext
from archcheck.findings import Finding
from archcheck.registry import rule_at
from archcheck.rules.type_hints.functions import all_parameters, judged_sites, parameter_label, receiver

RULE = rule_at(__name__)


def check(ctx: ModuleContext) -> Iterator[Finding]:
    """Each unannotated parameter of a judged function, ``self``/``cls`` excepted."""
    dummy_ok = ctx.config.suppress_dummy_args
    for site in judged_sites(ctx):
        skipped = receiver(site)
        for param in all_parameters(site.node):
            if param.annotation is not None or param is skipped or (dummy_ok and param.arg == "_"):
                continue
            label = parameter_label(site.node, param)
            yield RULE.finding(param.lineno, param.col_offset, param=label, function=site.qualname)
