"""Unit tests of the type-hint rules ARC301, ARC302 and ARC303 through the core."""

from __future__ import annotations

import textwrap
from pathlib import Path

from archcheck.engine import check_module
from archcheck.registry import rule

Found = list[tuple[int, int, str]]
HINT_CODES = ("ARC301", "ARC302", "ARC303")
LAYERED = 'layers = ["infrastructure", "application", "domain"]\ncontainers = ["shop"]\n'


def run(tmp_path: Path, source: str, toml: str = "", module: str = "shop/domain.py") -> Found:
    """The hint findings of ``source`` written as ``module`` under a fresh project."""
    (tmp_path / "pyproject.toml").write_text("[tool.archcheck]\n" + toml, encoding="utf-8")
    for name in ("shop/__init__.py", "shop/infrastructure.py", "shop/application.py", "shop/domain.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).touch()
    path = tmp_path / module
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return [(f.line, f.col, f.code) for f in check_module(str(path), selected=lambda code: code in HINT_CODES)]


def messages(tmp_path: Path, source: str, toml: str = "", module: str = "shop/domain.py") -> list[str]:
    """The messages of the hint findings, in position order."""
    run(tmp_path, source, toml, module)
    return [f.message for f in check_module(str(tmp_path / module), selected=lambda code: code in HINT_CODES)]


# ARC301 ---------------------------------------------------------------------------------------------------------


def test_every_kind_of_parameter_is_checked_at_the_parameter(tmp_path: Path) -> None:
    source = """
    def f(a, b: int, /, c, *args, d, e: int = 1, **kwargs) -> None:
        pass
    """
    columns = [col for _line, col, _code in run(tmp_path, source)]
    assert columns == [6, 20, 24, 30, 47]


def test_fully_annotated_code_is_silent(tmp_path: Path) -> None:
    source = """
    class C:
        def __init__(self, a: int) -> None:
            self.a = a

        @classmethod
        def make(cls, a: int) -> "C":
            return cls(a)

        @staticmethod
        def helper(*args: int, **kwargs: str) -> None:
            pass

    async def g(*, key: str) -> str:
        return key

    square = lambda x: x * x
    """
    assert run(tmp_path, source) == []


def test_self_and_cls_are_excepted_only_where_they_receive_the_instance(tmp_path: Path) -> None:
    source = """
    class C:
        def m(self, a: int) -> None:
            def inner(self: int) -> None:
                pass

        @classmethod
        def c(cls) -> None:
            pass

        @staticmethod
        def s(first) -> None:
            pass

        if True:
            def in_block(self) -> None:
                pass

        def star(*args) -> None:
            pass

        def keyword_only(*, key) -> None:
            pass

    @classmethod
    def outside(cls) -> None:
        pass
    """
    assert run(tmp_path, source) == [(12, 10, "ARC301"), (22, 24, "ARC301"), (26, 12, "ARC301")]


def test_public_only_by_default_dunders_count_as_public(tmp_path: Path) -> None:
    source = """
    def _private(a):
        def public_inside(b):
            pass

    def __dunder__(a) -> None:
        pass

    class _Hidden:
        def shown(self, a) -> None:
            pass

        def __secret(self, a) -> None:
            pass
    """
    assert run(tmp_path, source) == [(3, 4, "ARC302"), (3, 22, "ARC301"), (6, 15, "ARC301"), (10, 20, "ARC301")]
    everything = run(tmp_path, source, "type_hints_public_only = false\n")
    assert (2, 0, "ARC302") in everything and (2, 13, "ARC301") in everything and (13, 23, "ARC301") in everything


def test_dummy_args_only_when_asked_and_only_the_underscore(tmp_path: Path) -> None:
    source = """
    def f(_, __, *_rest) -> None:
        pass
    """
    assert len(run(tmp_path, source)) == 3
    assert run(tmp_path, source, "suppress_dummy_args = true\n") == [(2, 9, "ARC301"), (2, 14, "ARC301")]


def test_allow_untyped_defs_spares_only_functions_without_any_annotation(tmp_path: Path) -> None:
    source = """
    def untyped(a, b):
        pass

    def partly(a, b: int):
        pass

    class C:
        def m(self, a):
            pass

        def typed_self(self: "C", a):
            pass
    """
    found = run(tmp_path, source, "allow_untyped_defs = true\n")
    assert {line for line, _col, _code in found} == {5, 12}


def test_allow_untyped_nested_spares_untyped_functions_inside_functions_only(tmp_path: Path) -> None:
    source = """
    def outer() -> None:
        def inner(a):
            pass

        def typed_inner(a: int):
            pass

        class Local:
            def method(self, a):
                pass
    """
    found = run(tmp_path, source, "allow_untyped_nested = true\n")
    assert {line for line, _col, _code in found} == {6, 10}


def test_dispatch_functions_are_spared_in_any_decorator_position(tmp_path: Path) -> None:
    source = """
    import functools

    @functools.singledispatch
    def show(value):
        return value

    @show.register
    def _(value: int, extra) -> str:
        return ""

    @staticmethod
    @functools.singledispatch()
    def second(value):
        return value

    @dispatcher
    def custom(value):
        return value
    """
    toml = "type_hints_public_only = false\n"
    assert run(tmp_path, source, toml) == [(9, 18, "ARC301"), (18, 0, "ARC302"), (18, 11, "ARC301")]
    custom = toml + 'dispatch_decorators = ["singledispatch", "dispatcher"]\n'
    assert run(tmp_path, source, custom) == [(9, 18, "ARC301")]


def test_overload_stubs_are_checked_and_their_implementation_is_not(tmp_path: Path) -> None:
    source = """
    from typing import overload
    import typing as t

    @overload
    def parse(value: int) -> int: ...
    @t.overload
    def parse(value): ...
    def parse(value):
        return value

    class Other:
        def parse(self, value):
            return value

    @variant
    def custom(value: int) -> int: ...
    def custom(value):
        return value
    """
    found = run(tmp_path, source)
    assert found == [(8, 0, "ARC302"), (8, 10, "ARC301"), (13, 4, "ARC302"), (13, 20, "ARC301"),
                     (18, 0, "ARC302"), (18, 11, "ARC301")]
    assert run(tmp_path, source, 'overload_decorators = ["overload", "variant"]\n') == found[:4]


def test_type_hints_layers_narrow_the_check_to_named_layers_or_kinds(tmp_path: Path) -> None:
    source = "def f(a):\n    pass\n"
    toml = LAYERED + 'type_hints_layers = ["domain"]\n'
    assert run(tmp_path, source, toml, "shop/domain.py") == [(1, 0, "ARC302"), (1, 6, "ARC301")]
    assert run(tmp_path, source, toml, "shop/infrastructure.py") == []
    assert run(tmp_path, source, toml, "tests/test_shop.py") == []
    assert run(tmp_path, source, "", "tests/test_shop.py") == [(1, 0, "ARC302"), (1, 6, "ARC301")]


def test_type_hints_layers_in_zero_config_name_the_kinds(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    for name in ("shop/__init__.py", "shop/services.py", "shop/adapters.py", "shop/domain.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("def f(a):\n    pass\n", encoding="utf-8")
    # Zero-config has no [tool.archcheck] to hold the key: an explicit config file does.
    config = tmp_path / "hints.toml"
    config.write_text('[tool.archcheck]\ntype_hints_layers = ["application"]\n', encoding="utf-8")
    found = {
        name: [f.code for f in check_module(str(tmp_path / name), config_path=str(config)) if f.code in HINT_CODES]
        for name in ("shop/services.py", "shop/adapters.py")
    }
    assert found == {"shop/services.py": ["ARC302", "ARC301"], "shop/adapters.py": []}


def test_messages_name_the_parameter_and_the_function(tmp_path: Path) -> None:
    source = """
    class Order:
        def add(self, *lines, **extra) -> None:
            def check(item) -> None:
                pass
    """
    assert messages(tmp_path, source) == [
        "parameter '*lines' of Order.add has no type hint",
        "parameter '**extra' of Order.add has no type hint",
        "parameter 'item' of Order.add.<locals>.check has no type hint",
    ]


# ARC302 ---------------------------------------------------------------------------------------------------------


def test_return_findings_point_at_the_def_line_past_decorators(tmp_path: Path) -> None:
    source = """
    import functools

    class C:
        @functools.cache
        @property
        def value(
            self,
        ):
            return 1

        @staticmethod
        async def later(a: int):
            return a
    """
    assert run(tmp_path, source) == [(7, 4, "ARC302"), (13, 4, "ARC302")]
    assert rule("ARC302").template.format(function="C.value") == "C.value has no return type hint"


def test_init_is_excepted_when_a_parameter_is_annotated_as_mypy_does(tmp_path: Path) -> None:
    source = """
    class A:
        def __init__(self, a: int):
            pass

    class B:
        def __init__(self):
            pass

    class C:
        def __init__(self: "C"):
            pass

    def __init__(a: int):
        pass
    """
    assert run(tmp_path, source) == [(7, 4, "ARC302"), (14, 0, "ARC302")]


def test_suppress_none_returning_counts_only_the_functions_own_returns(tmp_path: Path) -> None:
    source = """
    def bare(a: int):
        if a:
            return
        print(a)

    def explicit(a: int):
        return None

    def generator(a: int):
        yield a

    def nested(a: int):
        def inner() -> int:
            return 1

    def value(a: int):
        if a:
            return None
        return a

    def ellipsis(a: int):
        return ...
    """
    assert len(run(tmp_path, source)) == 6
    assert run(tmp_path, source, "suppress_none_returning = true\n") == [(17, 0, "ARC302"), (22, 0, "ARC302")]


# ARC303 ---------------------------------------------------------------------------------------------------------

ANY_SOURCE = """
import typing
import typing as t
import typing_extensions
from typing import Any, Literal, Annotated, Optional
from typing_extensions import Any as Anything

Json = dict[str, Any]


def plain(a: Any, b: list[Any], c: Optional[t.Any]) -> typing.Any:
    return a


def spelled(a: Anything, b: typing_extensions.Any, c: dict[Any, Any], d: Json) -> "list[Any]":
    return []


def quiet(a: Literal["Any"], b: Annotated[int, "Any"], c: int, d: "int | None", *args: int) -> None:
    pass


class Entity:
    def method(self, *args: Any, **kwargs: "Any") -> None:
        pass
"""


def test_any_in_domain_signatures_once_per_annotation(tmp_path: Path) -> None:
    found = run(tmp_path, ANY_SOURCE, LAYERED)
    assert [position for position in found if position[2] == "ARC303"] == [
        (11, 0, "ARC303"), (11, 10, "ARC303"), (11, 18, "ARC303"), (11, 32, "ARC303"),
        (15, 0, "ARC303"), (15, 12, "ARC303"), (15, 25, "ARC303"), (15, 51, "ARC303"), (15, 70, "ARC303"),
        (24, 22, "ARC303"), (24, 35, "ARC303"),
    ]


def test_any_outside_the_domain_layer_is_not_judged(tmp_path: Path) -> None:
    assert run(tmp_path, ANY_SOURCE, LAYERED, "shop/application.py") == []
    assert run(tmp_path, ANY_SOURCE, LAYERED + 'domain_layer = "application"\n', "shop/application.py") != []
    assert run(tmp_path, ANY_SOURCE, "", "tests/test_domain.py") == []


def test_any_needs_an_import_from_typing(tmp_path: Path) -> None:
    source = """
    class Any:
        pass

    import other as t

    def f(a: Any, b: t.Any) -> "Any":
        return a
    """
    assert run(tmp_path, source, LAYERED) == []


def test_any_star_import_and_zero_config_domain_kind(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    for name in ("app/__init__.py", "app/services.py", "app/entities.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("from typing import *\n\ndef f(a: Any) -> None:\n    pass\n", encoding="utf-8")
    codes = [f.code for f in check_module(str(tmp_path / "app/entities.py"), selected=lambda c: c in HINT_CODES)]
    assert codes == ["ARC303"]
    assert [f.code for f in check_module(str(tmp_path / "app/services.py"), selected=lambda c: c in HINT_CODES)] == []


def test_any_message_names_function_layer_and_annotation(tmp_path: Path) -> None:
    source = "from typing import Any\n\n\ndef load(raw: dict[str, Any]) -> Any:\n    return raw\n"
    assert messages(tmp_path, source, LAYERED) == [
        "the return type of load (domain layer domain) is typed with Any: Any; name the domain type instead",
        "parameter 'raw' of load (domain layer domain) is typed with Any: dict[str, Any]; "
        "name the domain type instead",
    ]


def test_unparsable_string_annotations_are_silent(tmp_path: Path) -> None:
    source = "from typing import Any\n\n\ndef f(a: 'list[', b: '') -> 'Any]':\n    return a\n"
    assert run(tmp_path, source, LAYERED) == []


def test_any_through_a_dotted_typing_import_and_star_parameters(tmp_path: Path) -> None:
    source = "import typing.io\n\n\ndef f(*items: typing.Any) -> None:\n    pass\n"
    assert messages(tmp_path, source, LAYERED) == [
        "parameter '*items' of f (domain layer domain) is typed with Any: typing.Any; name the domain type instead",
    ]
    renamed = "import typing.io as tio\n\n\ndef f(*items: tio.Any) -> None:\n    pass\n"
    assert run(tmp_path, renamed, LAYERED) == []
