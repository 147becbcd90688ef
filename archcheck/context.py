"""What a rule sees of one module: its name, tree, facts and project."""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from archcheck.config import Config
from archcheck.facts.imports import ImportFact, iter_runtime
from archcheck.facts.module import ModuleFacts
from archcheck.graph import ProjectGraph, project_graph
from archcheck.layers import Layer
from archcheck.modules import ModuleName
from archcheck.project import Project
from archcheck.records import Record


class ImportRef(Record):
    """One counted import: the fact as written and the module it reaches (a
    record: built for every import of every module)."""

    fact: ImportFact
    target: str


class ModuleContext(Record):
    """The module under check. Rules are pure functions of this."""

    path: Path
    module: ModuleName
    tree: ast.Module
    facts: ModuleFacts
    project: Project

    @property
    def config(self) -> Config:
        """The configuration governing this module."""
        return self.project.config

    @property
    def layer(self) -> Layer | None:
        """This module's layer, if it belongs to one: in archcheck's own layers, else in
        the import-linter layers contracts."""
        return self.project.layer_of(self.module.name) or self.project.contract_layer_of(self.module.name)

    def imports(self) -> tuple[ImportRef, ...]:
        """Counted imports with their targets: ``exclude_type_checking_imports``
        and ``ignore_imports`` applied, imports of the module itself dropped."""
        return _counted_imports(self)


def _find_counted_imports(ctx: ModuleContext) -> tuple[ImportRef, ...]:
    seen: set[tuple[int, int, str]] = set()
    found = []
    project, importer = ctx.project, ctx.module
    for fact in iter_runtime(ctx.facts.imports, ctx.config.exclude_type_checking_imports):
        for target in project.targets(fact, importer):
            key = (fact.line, fact.col, target)
            if key in seen or target == importer.name:
                continue
            seen.add(key)
            if not project.is_ignored(importer.name, target):
                found.append(ImportRef(fact, target))
    return tuple(found)


_Answer = TypeVar("_Answer")


def per_module(compute: Callable[[ModuleContext], _Answer]) -> Callable[[ModuleContext], _Answer]:
    """``compute`` once per module check: several rules ask the same question of
    one context in a row. Keyed on the context itself, so a context with other
    facts (the diagram judges one import at a time) is answered afresh."""
    last: list[tuple[ModuleContext, _Answer]] = []

    @functools.wraps(compute)
    def answer(ctx: ModuleContext) -> _Answer:
        if last and last[0][0] is ctx:
            return last[0][1]
        found = compute(ctx)
        last[:] = [(ctx, found)]
        return found

    return answer


# Three boundary rules walk the same counted imports of a module in a row.
_counted_imports = per_module(_find_counted_imports)


@per_module
def graph_for(ctx: ModuleContext) -> ProjectGraph:
    """The project graph for one module check: looked up (and re-validated) once per check."""
    return project_graph(ctx.config.source_roots, ctx.config.cache_dir)
