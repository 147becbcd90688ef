"""Checking one module: parse it, collect its facts, run the selected rules.

The engine imports this module only when a module's findings must be found
rather than read back from the store: a run answered from stored findings,
a warm editor's above all, never imports the facts, the rules' context or
the rules (docs/performance.md, "What a warm editor run imports").
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from archcheck import runs
from archcheck.context import ModuleContext
from archcheck.facts.module import collect_facts
from archcheck.findings import Finding, Selector
from archcheck.index import Consulted, consulting
from archcheck.modules import ModuleName
from archcheck.project import Project
from archcheck.registry import RULES
from archcheck.rules.internal import INTERNAL_ERROR
from archcheck.runs import Observed

T = TypeVar("T")

# The parser accepts trees a few thousand levels deep, deeper than the default
# recursion limit lets a recursive ``ast`` visitor walk: a file that fails for
# lack of stack is checked again with this limit (raised for that call only).
_DEEP_RECURSION_LIMIT = 50_000


def findings(
    absolute: Path, source: str, tree: ast.Module | None, project: Project, selected: Selector, module: ModuleName
) -> tuple[Finding, ...]:
    """The findings of the selected rules on one module: sorted, each once."""
    if tree is None:
        try:
            tree = ast.parse(source, filename=str(absolute))
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            return ()
    parsed = tree
    ctx = ModuleContext(
        path=absolute,
        module=module,
        tree=parsed,
        facts=_with_headroom(lambda: collect_facts(parsed, source)),
        project=project,
    )
    return tuple(sorted(set(_run_rules(ctx, selected))))


def observed_findings(
    absolute: Path, source: str, tree: ast.Module | None, project: Project, selected: Selector, module: ModuleName
) -> tuple[tuple[Finding, ...], Consulted, Observed]:
    """:func:`findings`, with the files the rules read and the questions they asked
    of the project: what a stored entry must find unchanged to be reused."""
    with consulting() as files, runs.observing() as observed:
        found = findings(absolute, source, tree, project, selected, module)
    return found, files, observed


def _with_headroom(compute: Callable[[], T]) -> T:
    """``compute()``; on a RecursionError (a very deeply nested file), once more
    with a higher recursion limit, restored afterwards."""
    try:
        return compute()
    except RecursionError:
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, _DEEP_RECURSION_LIMIT))
        try:
            return compute()
        finally:
            sys.setrecursionlimit(limit)


def _run_rules(ctx: ModuleContext, selected: Selector) -> Iterable[Finding]:
    for rule in RULES:
        if not selected(rule.code):
            continue
        try:
            check = rule.loaded_check()
            if check is None:
                continue
            found = _with_headroom(lambda: list(check(ctx)))  # pylint: disable=cell-var-from-loop
        except Exception as error:  # noqa: BLE001 - no exception may reach the host
            if selected(INTERNAL_ERROR.code):
                yield INTERNAL_ERROR.finding(
                    1, 0, code=rule.code, symbol=rule.symbol, error=type(error).__name__, detail=str(error)
                )
            continue
        yield from found
