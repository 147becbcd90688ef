"""Import facts: every import a module makes, with where and how it runs.

Counted: ``import a.b``, ``from a import b``, relative imports, imports in
functions and classes, and ``importlib.import_module("x")`` / ``__import__("x")``
with literal strings. Each import is classified as runtime, type-checking-only
(under ``if TYPE_CHECKING:`` in any spelling) or string.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from archcheck.facts.statements import statements
from archcheck.records import Choice, Record

_TYPING_MODULES = frozenset({"typing", "typing_extensions"})


class ImportKind(Choice):
    """How an import runs."""

    RUNTIME = "runtime"
    TYPE_CHECKING = "type-checking"
    STRING = "string"


class ImportFact(Record):
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


class _Guards(Record):
    """Names that spell ``TYPE_CHECKING`` in this module, and the aliases of typing."""

    flags: frozenset[str]
    typing_aliases: frozenset[str]
    import_module_names: frozenset[str]
    importlib_aliases: frozenset[str]


class _Walk(Record):
    """The nodes one walk of the tree finds, and the names that spell guards."""

    imports: list[ast.Import | ast.ImportFrom]
    ifs: list[ast.If]
    calls: list[ast.Call]
    guards: _Guards


def _walk(tree: ast.Module, with_calls: bool) -> _Walk:
    imports: list[ast.Import | ast.ImportFrom] = []
    ifs: list[ast.If] = []
    calls: list[ast.Call] = []
    flags = {"TYPE_CHECKING"}
    typing_aliases: set[str] = set()
    import_module_names: set[str] = set()
    importlib_aliases: set[str] = set()
    for node in ast.walk(tree) if with_calls else statements(tree):
        if isinstance(node, ast.Call):
            calls.append(node)
        elif isinstance(node, ast.If):
            ifs.append(node)
        elif isinstance(node, ast.Import):
            imports.append(node)
            for alias in node.names:
                if alias.name in _TYPING_MODULES:
                    typing_aliases.add(alias.asname or alias.name)
                if alias.name == "importlib":
                    importlib_aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.ImportFrom):
            imports.append(node)
            for alias in node.names if node.level == 0 else ():
                if node.module in _TYPING_MODULES and alias.name == "TYPE_CHECKING":
                    flags.add(alias.asname or alias.name)
                if node.module == "importlib" and alias.name == "import_module":
                    import_module_names.add(alias.asname or alias.name)
    guards = _Guards(
        frozenset(flags), frozenset(typing_aliases), frozenset(import_module_names), frozenset(importlib_aliases)
    )
    return _Walk(imports, ifs, calls, guards)


def may_import_by_string(source: str | bytes) -> bool:
    """Whether a module's text could hold a string import at all (a cheap test
    that spares the walk over every expression when it cannot)."""
    if isinstance(source, bytes):
        return b"import_module" in source or b"__import__" in source
    return "import_module" in source or "__import__" in source


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


Position = tuple[int, int]


def _span(nodes: list[ast.stmt]) -> tuple[Position, Position]:
    return (nodes[0].lineno, nodes[0].col_offset), (nodes[-1].end_lineno or 0, nodes[-1].end_col_offset or 0)


def _type_checking_spans(ifs: list[ast.If], guards: _Guards) -> list[tuple[Position, Position]]:
    """The source spans whose statements never run.

    SPEC: an ``elif`` branch counts as runtime whatever its test says, and the
    ``else:`` of ``if not TYPE_CHECKING:`` guards only a true ``else:``.
    """
    elifs = {id(node.orelse[0]) for node in ifs if _is_elif(node)}
    spans = []
    for node in ifs:
        if id(node) in elifs:
            continue
        body_tc, else_tc = _guard_of(node, guards)
        if body_tc and node.body:
            spans.append(_span(node.body))
        if else_tc and node.orelse and not _is_elif(node):
            spans.append(_span(node.orelse))
    return spans


def collect_imports(tree: ast.Module, source: str | bytes | None = None) -> tuple[ImportFact, ...]:
    """Every import in ``tree``, in source order; one walk of the tree.

    With the module's ``source`` at hand, a text without ``import_module`` or
    ``__import__`` is walked through its statements only.
    """
    walk = _walk(tree, with_calls=source is None or may_import_by_string(source))
    spans = _type_checking_spans(walk.ifs, walk.guards)

    def never_runs(node: ast.stmt | ast.expr) -> bool:
        position = (node.lineno, node.col_offset)
        return any(start <= position <= end for start, end in spans)

    facts: list[ImportFact] = []
    for node in walk.imports:
        guarded = never_runs(node)
        kind = ImportKind.TYPE_CHECKING if guarded else ImportKind.RUNTIME
        line, col = node.lineno, node.col_offset
        if isinstance(node, ast.Import):
            facts += [ImportFact(line, col, alias.name, None, 0, kind, guarded) for alias in node.names]
        else:
            base, level = node.module or "", node.level
            facts += [ImportFact(line, col, base, alias.name, level, kind, guarded) for alias in node.names]
    for call in walk.calls:
        found = _string_import(call, walk.guards)
        if found:
            facts.append(ImportFact(call.lineno, call.col_offset, found[0], None, found[1], ImportKind.STRING,
                                    never_runs(call)))
    facts.sort(key=lambda fact: (fact.line, fact.col))
    return tuple(facts)


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
