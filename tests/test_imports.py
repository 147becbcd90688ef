"""Import facts: every form SPEC counts, every TYPE_CHECKING spelling."""

from __future__ import annotations

import ast
import json
import pathlib
import textwrap

import pytest

from archcheck.facts.imports import ImportFact, ImportKind, collect_imports, resolve_base


def facts(source: str) -> list[ImportFact]:
    return list(collect_imports(ast.parse(textwrap.dedent(source))))


def names(source: str) -> list[tuple[str, str | None, bool]]:
    return [(f.base, f.name, f.type_checking) for f in facts(source)]


def test_plain_and_from_imports_with_positions() -> None:
    found = facts("import a.b, c\nfrom d import e, f\n")
    assert [(f.line, f.col, f.base, f.name) for f in found] == [
        (1, 0, "a.b", None),
        (1, 0, "c", None),
        (2, 0, "d", "e"),
        (2, 0, "d", "f"),
    ]


def test_imports_inside_functions_and_classes_count_at_their_own_position() -> None:
    found = facts(
        """
        def f() -> None:
            import a

        class C:
            from b import c
        """
    )
    assert [(f.line, f.col, f.base) for f in found] == [(3, 4, "a"), (6, 4, "b")]


@pytest.mark.parametrize(
    "source",
    [
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import x\n",
        "import typing\nif typing.TYPE_CHECKING:\n    import x\n",
        "import typing as t\nif t.TYPE_CHECKING:\n    import x\n",
        "from typing import TYPE_CHECKING as TC\nif TC:\n    import x\n",
        "from typing_extensions import TYPE_CHECKING\nif TYPE_CHECKING:\n    import x\n",
        "import typing_extensions as te\nif te.TYPE_CHECKING:\n    import x\n",
        "TYPE_CHECKING = False\nif TYPE_CHECKING:\n    import x\n",
        "from typing import TYPE_CHECKING\nif not TYPE_CHECKING:\n    pass\nelse:\n    import x\n",
        "from typing import TYPE_CHECKING\ndef f() -> None:\n    if TYPE_CHECKING:\n        import x\n",
    ],
)
def test_every_type_checking_spelling_marks_the_import(source: str) -> None:
    (fact,) = [f for f in facts(source) if f.base == "x"]
    assert fact.type_checking and fact.kind is ImportKind.TYPE_CHECKING


@pytest.mark.parametrize(
    "source",
    [
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    pass\nelse:\n    import x\n",
        "from typing import TYPE_CHECKING\nif not TYPE_CHECKING:\n    import x\n",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING and y:\n    import x\n",
        "from typing import TYPE_CHECKING\nif y:\n    pass\nelif TYPE_CHECKING:\n    import x\n",
        "from typing import TYPE_CHECKING\nif not TYPE_CHECKING:\n    pass\nelif y:\n    import x\n",
        "import other\nif other.TYPE_CHECKING:\n    import x\n",
        "if TYPE_CHECKING():\n    import x\n",
    ],
)
def test_runtime_branches_stay_runtime(source: str) -> None:
    (fact,) = [f for f in facts(source) if f.base == "x"]
    assert not fact.type_checking and fact.kind is ImportKind.RUNTIME


def test_string_imports_with_literals_only() -> None:
    found = facts(
        """
        import importlib
        import importlib as il
        from importlib import import_module as im
        importlib.import_module("a.b")
        il.import_module("c")
        im("d")
        __import__("e")
        importlib.import_module(name)
        importlib.import_module(f"x{y}")
        importlib.import_module(".rel", "pkg.sub")
        importlib.import_module(".rel")
        __import__(".bad")
        other.import_module("no")
        """
    )
    strings = [(f.base, f.line, f.col) for f in found if f.kind is ImportKind.STRING]
    assert strings == [("a.b", 5, 0), ("c", 6, 0), ("d", 7, 0), ("e", 8, 0), ("pkg.sub.rel", 11, 0)]


@pytest.mark.parametrize(
    ("source", "package", "expected"),
    [
        ("from . import x", "a.b", "a.b"),
        ("from .m import x", "a.b", "a.b.m"),
        ("from .. import x", "a.b", "a"),
        ("from ..m import x", "a.b", "a.m"),
        ("from ... import x", "a.b", None),
        ("from . import x", "", None),
        ("from a import x", "q", "a"),
    ],
)
def test_relative_imports_resolve_against_the_package(source: str, package: str, expected: str | None) -> None:
    (fact,) = facts(source)
    assert resolve_base(fact, package) == expected


def test_the_statement_walk_finds_what_the_full_walk_finds() -> None:
    checked = 0
    for path in sorted(pathlib.Path(json.__file__).parent.parent.glob("*.py"))[:120]:
        source = path.read_text(encoding="utf-8", errors="replace")
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        assert collect_imports(tree, source) == collect_imports(tree), path
        checked += 1
    assert checked > 100


def test_a_text_without_string_imports_skips_no_import_statement() -> None:
    source = textwrap.dedent(
        """
        from typing import TYPE_CHECKING
        try:
            import a
        except ImportError:
            import b
        else:
            import c
        finally:
            import d
        class K:
            def f(self) -> None:
                with x:
                    for i in y:
                        while z:
                            import e
        match v:
            case 1:
                import f
        if TYPE_CHECKING:
            import g
        """
    )
    tree = ast.parse(source)
    found = [(fact.base, fact.type_checking) for fact in collect_imports(tree, source)]
    assert found == [("typing", False), *((name, False) for name in "abcdef"), ("g", True)]
    assert collect_imports(tree, source) == collect_imports(tree)
