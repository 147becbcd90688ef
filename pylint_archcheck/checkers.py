"""pylint checkers generated from the registry, one per rule family."""

from __future__ import annotations

import sys
import weakref
from typing import TYPE_CHECKING, Any

from astroid import nodes
from pylint.checkers import BaseRawFileChecker
from pylint.constants import WarningScope
from pylint.typing import ExtraMessageOptions, MessageDefinitionTuple

from archcheck.engine import check_module, decode, forget_shared
from archcheck.registry import RULES
from archcheck.rule import Rule

if TYPE_CHECKING:
    from pylint.lint import PyLinter

_OPTIONS: tuple[tuple[str, dict[str, Any]], ...] = (
    (
        "archcheck-config",
        {
            "default": "",
            "type": "string",
            "metavar": "<path>",
            "help": "TOML file holding [tool.archcheck]; default: the nearest pyproject.toml above each file.",
        },
    ),
)


def _message(rule: Rule) -> MessageDefinitionTuple:
    return (
        "%s",
        rule.symbol,
        f"{rule.summary} ({rule.code}; see archcheck's docs, {rule.docs_page}).",
        ExtraMessageOptions(scope=WarningScope.LINE),
    )


class _FamilyChecker(BaseRawFileChecker):
    """Reports the findings of one family's rules for each module."""

    family = 0

    def _config_path(self) -> str | None:
        value = getattr(self.linter.config, "archcheck_config", "") or ""
        return str(value) or None

    def open(self) -> None:
        """A new run: other files may have changed since the last one (editor servers)."""
        if _starts_a_run(self.linter):
            forget_shared()

    def process_module(self, node: nodes.Module) -> None:
        """Check one module: its buffer's text (stdin included), never the import."""
        own = {rule.code: rule for rule in RULES if rule.family == self.family}
        # Before any work: a family whose messages are all disabled costs nothing.
        enabled = {code for code, rule in own.items() if self.linter.is_message_enabled(rule.symbol)}
        if not enabled:
            return
        path = node.file or self.linter.current_file or ""
        if not path or not path.endswith((".py", ".pyi")):
            return
        source = _source(node)
        if source is None:
            return
        findings = check_module(
            path, source, selected=_selector(self.linter, node), config_path=self._config_path(), shared=True
        )
        for finding in findings:
            if finding.code in enabled:
                self.add_message(own[finding.code].symbol, line=finding.line, col_offset=finding.col,
                                 args=(finding.message,))


def _starts_a_run(linter: PyLinter) -> bool:
    """Whether this ``open`` begins a host run, so that memoised results must go.

    pylint opens its checkers once per run, except in a ``-j N`` worker,
    which opens them again for every file it is given: forgetting there
    would start archcheck afresh for each file (configuration, project, the
    graph's validation). A worker's linter is ``pylint.lint.parallel``'s
    ``_worker_linter``; only its first opening starts the run. Where pylint
    no longer names it so, every opening starts one: slower, never stale.
    """
    parallel = sys.modules.get("pylint.lint.parallel")
    if parallel is None or getattr(parallel, "_worker_linter", None) is not linter:
        return True
    if _opened_worker and _opened_worker[0]() is linter:
        return False
    _opened_worker[:] = [weakref.ref(linter)]
    return True


_opened_worker: list[weakref.ref[PyLinter]] = []


def _source(node: nodes.Module) -> str | None:
    """The module's text as pylint read it (the stdin buffer included), or
    ``None`` if it cannot be read again or decoded (pylint reports that)."""
    try:
        with node.stream() as stream:
            return decode(stream.read())
    except (OSError, ValueError):
        return None


def _selector(linter: PyLinter, node: nodes.Module) -> Any:
    """Every enabled archcheck code, so that the family checkers share one
    memoised engine call per module (asked of pylint once per module)."""
    if not _last_selection or _last_selection[0][0] is not node or _last_selection[0][1] is not linter:
        codes = frozenset(rule.code for rule in RULES if linter.is_message_enabled(rule.symbol))
        _last_selection[:] = [(node, linter, codes)]
    return _last_selection[0][2].__contains__


_last_selection: list[tuple[nodes.Module, PyLinter, frozenset[str]]] = []


def _messages(family: int) -> dict[str, MessageDefinitionTuple]:
    return {rule.pylint_id: _message(rule) for rule in RULES if rule.family == family}


class ArchcheckChecker(_FamilyChecker):
    """ARC000 and ARC001, and the plugin's options."""

    name = "archcheck"
    family = 0
    msgs = _messages(0)
    options = _OPTIONS


class BoundariesChecker(_FamilyChecker):
    """ARC1xx: layers and boundaries."""

    name = "archcheck-boundaries"
    family = 1
    msgs = _messages(1)


class DomainModelChecker(_FamilyChecker):
    """ARC2xx: the domain model."""

    name = "archcheck-domain-model"
    family = 2
    msgs = _messages(2)


class TypeHintsChecker(_FamilyChecker):
    """ARC3xx: type hints."""

    name = "archcheck-type-hints"
    family = 3
    msgs = _messages(3)


def build_checkers(linter: PyLinter) -> list[BaseRawFileChecker]:
    """The checkers of every family that has rules in the registry."""
    classes = (ArchcheckChecker, BoundariesChecker, DomainModelChecker, TypeHintsChecker)
    return [checker(linter) for checker in classes if checker.msgs]
