"""Import facts: every import a module makes, with where and how it runs.

Counted: ``import a.b``, ``from a import b``, relative imports, imports in
functions and classes, and ``importlib.import_module("x")`` / ``__import__("x")``
with literal strings. Each import is classified as runtime, type-checking-only
(under ``if TYPE_CHECKING:`` in any spelling) or string.
"""

from __future__ import annotations

import ast
import enum
from collections.abc import Iterator
from dataclasses import dataclass

_TYPING_MODULES = frozenset({"typing", "typing_extensions"})


class ImportKind(enum.Enum):
    """How an import runs."""

    RUNTIME = "runtime"
    TYPE_CHECKING = "type-checking"
    STRING = "string"


@dataclass(frozen=True)
class ImportFact:
    """One imported name as written.

    ``base`` is the module of an ``import base`` or ``from base import name``
    statement (``level`` dots for relative imports, unresolved); ``name`` is
    the imported name of a ``from`` import, or ``None``. ``type_checking``
    marks imports that never run, whatever ``kind`` says of their spelling.
    """

    line: int
    col: int
    base: str
    name: str | None
    level: int
    kind: ImportKind
    type_checking: bool


@dataclass(frozen=True)
class _Guards:
    """Names that spell ``TYPE_CHECKING`` in this module, and the aliases of typing."""

    flags: frozenset[str]
    typing_aliases: frozenset[str]
    import_module_names: frozenset[str]
    importlib_aliases: frozenset[str]


def _collect_guards(tree: ast.Module) -> _Guards:
    flags = {"TYPE_CHECKING"}
    typing_aliases: set[str] = set()
    import_module_names: set[str] = set()
    importlib_aliases: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in _TYPING_MODULES:
                    typing_aliases.add(alias.asname or alias.name)
                if alias.name == "importlib":
                    importlib_aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            for alias in node.names:
                if node.module in _TYPING_MODULES and alias.name == "TYPE_CHECKING":
                    flags.add(alias.asname or alias.name)
                if node.module == "importlib" and alias.name == "import_module":
                    import_module_names.add(alias.asname or alias.name)
    return _Guards(
        frozenset(flags), frozenset(typing_aliases), frozenset(import_module_names), frozenset(importlib_aliases)
    )


def _is_flag(test: ast.expr, guards: _Guards) -> bool:
    if isinstance(test, ast.Name):
        return test.id in guards.flags
    return (
        isinstance(test, ast.Attribute)
        and test.attr == "TYPE_CHECKING"
        and isinstance(test.value, ast.Name)
        and test.value.id in guards.typing_aliases
    )


def _guard_of(node: ast.If, guards: _Guards) -> tuple[bool, bool]:
    """(body is type-checking only, orelse is type-checking only)."""
    test = node.test
    if _is_flag(test, guards):
        return True, False
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) and _is_flag(test.operand, guards):
        return False, True
    return False, False


def _is_elif(node: ast.If) -> bool:
    orelse = node.orelse
    return len(orelse) == 1 and isinstance(orelse[0], ast.If) and orelse[0].col_offset == node.col_offset


def _literal_argument(call: ast.Call) -> str | None:
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0].value
    return None


def _literal_package(call: ast.Call) -> str | None:
    """The literal ``package`` argument of ``import_module(name, package)``."""
    candidates = [*call.args[1:2], *(k.value for k in call.keywords if k.arg == "package")]
    for candidate in candidates:
        if isinstance(candidate, ast.Constant) and isinstance(candidate.value, str):
            return candidate.value
    return None


def _string_import(call: ast.Call, guards: _Guards) -> tuple[str, int] | None:
    """(module, level) of a literal ``import_module``/``__import__`` call."""
    func = call.func
    is_import_module = (isinstance(func, ast.Name) and func.id in guards.import_module_names) or (
        isinstance(func, ast.Attribute)
        and func.attr == "import_module"
        and isinstance(func.value, ast.Name)
        and func.value.id in guards.importlib_aliases
    )
    is_dunder = isinstance(func, ast.Name) and func.id == "__import__"
    if not (is_import_module or is_dunder):
        return None
    literal = _literal_argument(call)
    if not literal:
        return None
    stripped = literal.lstrip(".")
    level = len(literal) - len(stripped)
    if level and is_import_module:
        package = _literal_package(call)
        if package is None:
            return None
        parts = package.split(".")
        if level > len(parts):
            return None
        base = ".".join(parts[: len(parts) - level + 1])
        return (f"{base}.{stripped}" if stripped else base), 0
    if level:
        return None
    return stripped, 0


class _Collector(ast.NodeVisitor):
    def __init__(self, guards: _Guards) -> None:
        self.guards = guards
        self.facts: list[ImportFact] = []
        self._type_checking = False
        self._elifs: set[int] = set()

    def _guarded(self, nodes: list[ast.stmt], type_checking: bool) -> None:
        outer = self._type_checking
        self._type_checking = outer or type_checking
        for node in nodes:
            self.visit(node)
        self._type_checking = outer

    def visit_If(self, node: ast.If) -> None:
        # SPEC: an ``elif`` branch counts as runtime, whatever its test says, and
        # the ``else:`` of ``if not TYPE_CHECKING:`` only guards a true ``else:``.
        body_tc, else_tc = (False, False) if id(node) in self._elifs else _guard_of(node, self.guards)
        if _is_elif(node):
            self._elifs.add(id(node.orelse[0]))
            else_tc = False
        self.visit(node.test)
        self._guarded(node.body, body_tc)
        self._guarded(node.orelse, else_tc)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(node, alias.name, None, 0, ImportKind.RUNTIME)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            self._add(node, node.module or "", alias.name, node.level, ImportKind.RUNTIME)

    def visit_Call(self, node: ast.Call) -> None:
        found = _string_import(node, self.guards)
        if found:
            self._add(node, found[0], None, found[1], ImportKind.STRING)
        self.generic_visit(node)

    def _add(self, node: ast.stmt | ast.expr, base: str, name: str | None, level: int, kind: ImportKind) -> None:
        kind = ImportKind.TYPE_CHECKING if kind is ImportKind.RUNTIME and self._type_checking else kind
        self.facts.append(ImportFact(node.lineno, node.col_offset, base, name, level, kind, self._type_checking))


def collect_imports(tree: ast.Module) -> tuple[ImportFact, ...]:
    """Every import in ``tree``, in source order of the walk."""
    collector = _Collector(_collect_guards(tree))
    collector.visit(tree)
    return tuple(collector.facts)


def resolve_base(fact: ImportFact, package: str) -> str | None:
    """The absolute module a fact's ``base`` names, given the importer's package."""
    if fact.level == 0:
        return fact.base or None
    parts = package.split(".") if package else []
    if fact.level > len(parts):
        return None
    kept = parts[: len(parts) - (fact.level - 1)]
    joined = ".".join([*kept, fact.base] if fact.base else kept)
    return joined or None


def iter_runtime(facts: tuple[ImportFact, ...], exclude_type_checking: bool) -> Iterator[ImportFact]:
    """The facts that count under ``exclude_type_checking_imports``."""
    for fact in facts:
        if not (exclude_type_checking and fact.type_checking):
            yield fact
