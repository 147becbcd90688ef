"""The facts of one module: every fact family, gathered once per check."""

from __future__ import annotations

import ast

from archcheck.facts.classes import ModuleClasses, collect_classes
from archcheck.facts.imports import ImportFact, collect_imports
from archcheck.records import Record


class ModuleFacts(Record):
    """Everything the rules need to know about one module."""

    imports: tuple[ImportFact, ...]
    classes: ModuleClasses


def collect_facts(tree: ast.Module, source: str | bytes | None = None) -> ModuleFacts:
    """Walk ``tree`` once per fact family and gather its facts (``source``, when
    given, lets the walks skip expressions; see :func:`collect_imports`)."""
    return ModuleFacts(imports=collect_imports(tree, source), classes=collect_classes(tree, source))
