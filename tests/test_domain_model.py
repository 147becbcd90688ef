"""ARC201–ARC204, ARC211–ARC213 on small projects.

Each case is a project (files by path) whose expected findings are written as
``# expect: ARCnnn`` comments on the lines where they belong; a case without
any such comment must stay silent.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.support import expected, run_core, without_column

KERNEL = """
class ValueObject:
    '''Marker base.'''


class Entity:
    '''Marker base.'''


class AggregateRoot(Entity):
    '''Marker base.'''


class DomainEvent:
    '''Marker base.'''
"""


def project(tmp_path: Path, files: dict[str, str], config: str = "") -> Path:
    """Write ``files`` (with a marker kernel and a pyproject) under ``tmp_path``."""
    everything = {"shop/__init__.py": "", "shop/kernel.py": KERNEL, **files}
    for name, text in everything.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(f"[tool.archcheck]\n{textwrap.dedent(config)}", encoding="utf-8")
    return tmp_path


def assert_as_expected(root: Path) -> None:
    """The core finds exactly what the ``# expect:`` comments say, from disk and from a buffer."""
    found = run_core(root)
    assert without_column(found) == expected(root)
    assert run_core(root, stdin=True) == found


# --- ARC201 mutable-value-object -------------------------------------------------------------

ARC201_POSITIVE = {
    "dataclass without frozen": """
        from dataclasses import dataclass
        from shop.kernel import ValueObject

        @dataclass
        class Money(ValueObject):  # expect: ARC201
            amount: int
    """,
    "dataclasses.dataclass frozen=False": """
        import dataclasses
        from shop.kernel import ValueObject

        @dataclasses.dataclass(frozen=False, order=True)
        class Money(ValueObject):  # expect: ARC201
            amount: int
    """,
    "aliased dataclass": """
        from dataclasses import dataclass as record
        from shop.kernel import ValueObject

        @record()
        class Money(ValueObject):  # expect: ARC201
            amount: int
    """,
    "attrs define": """
        from attrs import define
        from shop.kernel import ValueObject

        @define
        class Money(ValueObject):  # expect: ARC201
            amount: int
    """,
    "attr.s": """
        import attr
        from shop.kernel import ValueObject

        @attr.s(auto_attribs=True)
        class Money(ValueObject):  # expect: ARC201
            amount: int
    """,
    "attrs mutable": """
        import attrs
        from shop.kernel import ValueObject

        @attrs.mutable
        class Money(ValueObject):  # expect: ARC201
            amount: int
    """,
    "pydantic v2 without frozen": """
        from pydantic import BaseModel
        from shop.kernel import ValueObject

        class Money(ValueObject, BaseModel):  # expect: ARC201
            amount: int
    """,
    "pydantic explicitly not frozen": """
        from pydantic import BaseModel, ConfigDict
        from shop.kernel import ValueObject

        class Money(ValueObject, BaseModel):  # expect: ARC201
            model_config = ConfigDict(frozen=False)
            amount: int
    """,
    "msgspec struct not frozen": """
        import msgspec
        from shop.kernel import ValueObject

        class Money(ValueObject, msgspec.Struct):  # expect: ARC201
            amount: int
    """,
    "plain class with public state": """
        from shop.kernel import ValueObject

        class Money(ValueObject):  # expect: ARC201
            def __init__(self, amount: int) -> None:
                self.amount = amount
    """,
    "plain class with a property setter": """
        from shop.kernel import ValueObject

        class Money(ValueObject):  # expect: ARC201
            def __init__(self, amount: int) -> None:
                self._amount = amount

            @property
            def amount(self) -> int:
                return self._amount

            @amount.setter
            def amount(self, value: int) -> None:
                self._amount = value  # expect: ARC202
    """,
    "subclass of list": """
        from shop.kernel import ValueObject

        class Tags(ValueObject, list[str]):  # expect: ARC201
            pass
    """,
}

ARC201_NEGATIVE = {
    "frozen dataclass with __post_init__ validation": """
        from dataclasses import dataclass
        from shop.kernel import ValueObject

        @dataclass(frozen=True)
        class Money(ValueObject):
            amount: int

            def __post_init__(self) -> None:
                if self.amount < 0:
                    raise ValueError("negative")
                object.__setattr__(self, "amount", int(self.amount))
    """,
    "enum value object": """
        import enum
        from shop.kernel import ValueObject

        class Currency(ValueObject, enum.Enum):
            EUR = "EUR"
            USD = "USD"
    """,
    "named tuple": """
        from typing import NamedTuple
        from shop.kernel import ValueObject

        class Point(NamedTuple, ValueObject):
            x: int
            y: int
    """,
    "attrs frozen": """
        import attrs
        from attr import s
        from shop.kernel import ValueObject

        @attrs.frozen
        class Money(ValueObject):
            amount: int

        @s(frozen=True)
        class Rate(ValueObject):
            value: int
    """,
    "attrs define frozen": """
        from attrs import define
        from shop.kernel import ValueObject

        @define(frozen=True)
        class Money(ValueObject):
            amount: int
    """,
    "pydantic v2 frozen three ways": """
        from pydantic import BaseModel, ConfigDict
        from shop.kernel import ValueObject

        class Money(ValueObject, BaseModel, frozen=True):
            amount: int

        class Rate(ValueObject, BaseModel):
            model_config = ConfigDict(frozen=True, str_strip_whitespace=True)
            value: int

        class Code(ValueObject, BaseModel):
            model_config = {"frozen": True}
            text: str

        class SubRate(Rate):
            unit: str
    """,
    "pydantic v1 config": """
        from pydantic.v1 import BaseModel
        from shop.kernel import ValueObject

        class Money(ValueObject, BaseModel):
            amount: int

            class Config:
                allow_mutation = False

        class Rate(ValueObject, BaseModel):
            value: int

            class Config:
                frozen = True
    """,
    "msgspec frozen": """
        import msgspec
        from shop.kernel import ValueObject

        class Money(ValueObject, msgspec.Struct, frozen=True):
            amount: int
    """,
    "private state behind read-only properties": """
        from shop.kernel import ValueObject

        class Money(ValueObject):
            __slots__ = ("_amount",)

            def __init__(self, amount: int) -> None:
                self._amount = amount

            @property
            def amount(self) -> int:
                return self._amount
    """,
    "raising __setattr__ guard": """
        from shop.kernel import ValueObject

        class Money(ValueObject):
            __slots__ = ("amount",)

            def __init__(self, amount: int) -> None:
                object.__setattr__(self, "amount", amount)

            def __setattr__(self, name: str, value: object) -> None:
                raise AttributeError("immutable")
    """,
    "__setattr__ bound by assignment": """
        from shop.kernel import ValueObject
        from shop.guards import refuse

        class Money(ValueObject):
            __setattr__ = refuse

            def __init__(self, amount: int) -> None:
                object.__setattr__(self, "amount", amount)
    """,
    "immutable builtin subclass": """
        from decimal import Decimal
        from shop.kernel import ValueObject

        class Amount(ValueObject, Decimal):
            pass

        class Sku(str, ValueObject):
            def normalised(self) -> str:
                return self.upper()
    """,
    "unknown decorator may replace the class": """
        from somewhere import freeze
        from shop.kernel import ValueObject

        @freeze
        class Money(ValueObject):
            def __init__(self, amount: int) -> None:
                self.amount = amount
    """,
    "non-literal frozen": """
        from dataclasses import dataclass
        from shop.kernel import ValueObject
        FROZEN = True

        @dataclass(frozen=FROZEN)
        class Money(ValueObject):
            amount: int
    """,
    "unresolvable base": """
        from shop.kernel import ValueObject
        from lib import Base

        class Money(ValueObject, Base):
            def __init__(self, amount: int) -> None:
                self.amount = amount
    """,
    "custom metaclass": """
        from shop.kernel import ValueObject
        from lib import Frozen

        class Money(ValueObject, metaclass=Frozen):
            def __init__(self, amount: int) -> None:
                self.amount = amount
    """,
    "no marker: never judged": """
        from dataclasses import dataclass

        @dataclass
        class Money:
            amount: int
    """,
    "the marker base itself is never judged": """
        from dataclasses import dataclass

        @dataclass
        class ValueObject:
            amount: int
    """,
    "stdlib threading.Event is not a marker": """
        from threading import Event

        class Ready(Event):
            def __init__(self) -> None:
                super().__init__()
                self.flag = True
    """,
    "a project base that transforms its subclasses": """
        from dataclasses import dataclass
        from shop.kernel import ValueObject

        class Frozen(ValueObject):
            def __init_subclass__(cls) -> None:
                dataclass(frozen=True)(cls)

        class Money(Frozen):
            def __init__(self, amount: int) -> None:
                self.amount = amount
    """,
    "dynamic setattr is not understood": """
        from shop.kernel import ValueObject

        class Money(ValueObject):
            def __init__(self, **values: int) -> None:
                for name, value in values.items():
                    setattr(self, name, value)
    """,
}


@pytest.mark.parametrize("source", ARC201_POSITIVE.values(), ids=ARC201_POSITIVE.keys())
def test_arc201_finds_mutable_value_objects(tmp_path: Path, source: str) -> None:
    assert_as_expected(project(tmp_path, {"shop/values.py": source}))


@pytest.mark.parametrize("source", ARC201_NEGATIVE.values(), ids=ARC201_NEGATIVE.keys())
def test_arc201_stays_silent_on_immutable_or_unknown_classes(tmp_path: Path, source: str) -> None:
    root = project(tmp_path, {"shop/values.py": source})
    assert run_core(root) == []


def test_arc201_message_names_the_class_and_the_reason(tmp_path: Path) -> None:
    root = project(tmp_path, {"shop/values.py": ARC201_POSITIVE["plain class with public state"]})
    from archcheck.engine import check_module

    (finding,) = check_module(str(root / "shop/values.py"))
    assert "value object Money" in finding.message
    assert "self.amount" in finding.message


# --- markers across modules ------------------------------------------------------------------

def test_marker_base_found_through_a_chain_in_other_modules(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/shared/__init__.py": "",
            "shop/shared/base.py": """
                from shop.kernel import ValueObject

                class BaseValue(ValueObject):
                    '''An intermediate base in a shared kernel.'''
            """,
            "shop/shared/more.py": """
                from .base import BaseValue

                class Measured(BaseValue):
                    '''Two hops from the marker.'''
            """,
            "shop/values.py": """
                from shop.shared.more import Measured

                class Money(Measured):  # expect: ARC201
                    def __init__(self, amount: int) -> None:
                        self.amount = amount
            """,
        },
    )
    assert_as_expected(root)


def test_marker_base_through_aliases_and_module_attributes(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/values.py": """
                import shop.kernel as m
                import shop.kernel
                from shop.kernel import ValueObject as VO

                class Money(VO):  # expect: ARC201
                    def __init__(self, amount: int) -> None:
                        self.amount = amount

                class Rate(m.ValueObject):  # expect: ARC201
                    def __init__(self, value: int) -> None:
                        self.value = value

                class Code(shop.kernel.ValueObject):  # expect: ARC201
                    def __init__(self, text: str) -> None:
                        self.text = text
            """,
        },
    )
    assert_as_expected(root)


def test_third_party_marker_base_is_a_marker(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/events.py": """
                from dataclasses import dataclass
                from lato import Event

                @dataclass
                class OrderPlaced(Event):  # expect: ARC204
                    order_id: str
            """,
        },
    )
    assert_as_expected(root)


def test_unparsable_base_module_means_silence(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/broken.py": "class BaseValue(ValueObject:\n",
            "shop/values.py": """
                from shop.broken import BaseValue

                class Money(BaseValue):
                    def __init__(self, amount: int) -> None:
                        self.amount = amount
            """,
        },
    )
    assert check_one(root, "shop/values.py") == []


def test_decorator_module_and_name_markers(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/markers.py": """
                from typing import TypeVar
                T = TypeVar("T")

                def value_object(cls: T) -> T:
                    return cls
            """,
            "shop/values.py": """
                from shop.markers import value_object

                @value_object
                class Money:  # expect: ARC201
                    def __init__(self, amount: int) -> None:
                        self.amount = amount
            """,
            "shop/ordering/__init__.py": "",
            "shop/ordering/value_objects/__init__.py": "",
            "shop/ordering/value_objects/money.py": """
                class Price:  # expect: ARC201
                    def __init__(self, amount: int) -> None:
                        self.amount = amount
            """,
            "shop/names.py": """
                class OrderId:  # expect: ARC201
                    def __init__(self, value: str) -> None:
                        self.value = value
            """,
        },
        config="""
        [tool.archcheck.markers]
        value_object = { modules = ["**.value_objects"], names = ["*Id"] }
        """,
    )
    assert_as_expected(root)


def test_nearest_marker_base_decides(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/model.py": """
                from shop.kernel import AggregateRoot, ValueObject

                class Weird(ValueObject):
                    '''A value object, at distance one.'''

                class Order(AggregateRoot, Weird):  # expect: ARC213
                    total: int
            """,
        },
    )
    assert_as_expected(root)


def check_one(root: Path, name: str) -> list[tuple[int, str]]:
    """(line, code) of the core's findings on one file."""
    from archcheck.engine import check_module

    return [(f.line, f.code) for f in check_module(str(root / name))]


# --- ARC202 value-object-mutation --------------------------------------------------------------

def test_arc202_finds_assignments_outside_construction(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/values.py": """
                from dataclasses import dataclass
                from shop.kernel import ValueObject

                @dataclass(frozen=True)
                class Money(ValueObject):
                    amount: int

                    def __post_init__(self) -> None:
                        object.__setattr__(self, "amount", abs(self.amount))

                    def __hash__(self) -> int:
                        self._hash = hash(self.amount)
                        return self._hash

                    def grow(self) -> None:
                        object.__setattr__(self, "amount", self.amount + 1)  # expect: ARC202

                    def shrink(self) -> None:
                        setattr(self, "amount", self.amount - 1)  # expect: ARC202

                    def cache(self) -> None:
                        self._cached = 1  # expect: ARC202

                    def add(self, other: int) -> None:
                        self.amount += other  # expect: ARC202

                    @classmethod
                    def zero(cls) -> "Money":
                        return cls(0)

                    def declare(self) -> None:
                        self.note: str

                    def __setstate__(self, state: dict[str, int]) -> None:
                        object.__setattr__(self, "amount", state["amount"])

                    def __setattr__(self, name: str, value: object) -> None:
                        if name.startswith("_"):
                            object.__setattr__(self, name, value)
                            return
                        raise AttributeError(name)
            """,
        },
    )
    assert_as_expected(root)


def test_arc202_is_value_objects_only(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/model.py": """
                from shop.kernel import Entity

                class Customer(Entity):
                    def __init__(self, id: str) -> None:
                        self.id = id
                        self.name = ""

                    def rename(self, name: str) -> None:
                        if name:
                            self.name = name
            """,
        },
    )
    assert run_core(root) == []


# --- ARC203 mutable-value-object-field -----------------------------------------------------------

def test_arc203_finds_mutable_containers_in_annotations_and_defaults(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/values.py": """
                import collections
                import typing as t
                from collections import deque
                from dataclasses import dataclass, field
                from typing import List, Optional
                from shop.kernel import DomainEvent, ValueObject

                @dataclass(frozen=True)
                class Basket(ValueObject):
                    items: list[str]  # expect: ARC203
                    tags: List[str]  # expect: ARC203
                    nested: tuple[list[str], ...]  # expect: ARC203
                    maybe: Optional[dict[str, int]]  # expect: ARC203
                    union: "set[int] | None"  # expect: ARC203
                    queue: deque[int]  # expect: ARC203
                    counts: collections.Counter[str]  # expect: ARC203
                    mapping: t.MutableMapping[str, int]  # expect: ARC203
                    made: tuple[int, ...] = field(default_factory=list)  # expect: ARC203
                    frozen: frozenset[str] = frozenset()
                    fine: tuple[str, ...] = ()
                    literal: t.Literal["list"] = "list"
                    callback: t.Callable[[list[int]], None] | None = None
                    factory: type[list[str]] = tuple
                    shared: t.ClassVar[list[str]] = []

                @dataclass(frozen=True)
                class Happened(DomainEvent):
                    ids: list[str]  # expect: ARC203

                class Plain(ValueObject):
                    def __init__(self) -> None:
                        self._items = []  # expect: ARC203
                        self._seen = set()  # expect: ARC203
                        self._count = 0
            """,
        },
    )
    assert_as_expected(root)


def test_arc203_ignores_entities_and_shadowed_names(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/values.py": """
                from dataclasses import dataclass
                from shop.kernel import Entity, ValueObject
                from shop.lists import List

                @dataclass
                class Cart(Entity):
                    id: str
                    items: list[str]

                    def add(self, item: str) -> None:
                        self.items.append(item)

                @dataclass(frozen=True)
                class Names(ValueObject):
                    names: List
            """,
            "shop/lists.py": """
                class List:
                    '''A project class that happens to be called List.'''
            """,
        },
    )
    assert run_core(root) == []


# --- ARC204 mutable-domain-event -------------------------------------------------------------------

def test_arc204_finds_mutable_events(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/events.py": """
                from dataclasses import dataclass
                from typing import NamedTuple
                from shop.kernel import DomainEvent

                @dataclass
                class OrderPlaced(DomainEvent):  # expect: ARC204
                    order_id: str

                @dataclass(frozen=True)
                class OrderPaid(DomainEvent):
                    order_id: str

                class OrderShipped(NamedTuple, DomainEvent):
                    order_id: str
            """,
        },
    )
    assert_as_expected(root)


# --- ARC211 anemic-aggregate --------------------------------------------------------------------

ANEMIC = """
    from __future__ import annotations
    from dataclasses import dataclass
    from shop.kernel import AggregateRoot, Entity

    @dataclass
    class Customer(Entity):  # expect: ARC211
        id: str
        name: str

    class Order(AggregateRoot):  # expect: ARC211
        def __init__(self, id: str, total: int) -> None:
            self.id = id
            self._total = total

        def __repr__(self) -> str:
            return f"Order({self.id})"

        @property
        def total(self) -> int:
            return self._total

        def get_total(self) -> int:
            '''A plain getter.'''
            return self._total

        def set_total(self, total: int) -> None:
            self._total = total

        @classmethod
        def create(cls, id: str) -> Order:
            return cls(id, 0)

        @staticmethod
        def empty() -> Order:
            return Order("", 0)

    class Invoice(AggregateRoot):
        def __init__(self, id: str, total: int) -> None:
            self.id = id
            self.total = total

        def pay(self, amount: int) -> None:
            if amount > self.total:
                raise ValueError("overpaid")
            self.total -= amount

    @dataclass
    class Tiny(Entity):
        id: str
"""


def test_arc211_finds_entities_without_behaviour(tmp_path: Path) -> None:
    assert_as_expected(project(tmp_path, {"shop/model.py": ANEMIC}))


def test_arc211_threshold_is_configurable(tmp_path: Path) -> None:
    root = project(tmp_path, {"shop/model.py": ANEMIC}, config="anemic_min_fields = 3\n")
    assert run_core(root) == []


# --- ARC212 aggregate-reference-by-object ----------------------------------------------------------

def test_arc212_finds_aggregates_held_by_object(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/customers.py": """
                from shop.kernel import AggregateRoot

                class Customer(AggregateRoot):
                    def __init__(self, id: str) -> None:
                        self.id = id

                    def close(self) -> None:
                        self.id = ""
            """,
            "shop/orders.py": """
                from __future__ import annotations
                from typing import Optional
                from shop.customers import Customer
                from shop import customers
                from shop.kernel import AggregateRoot

                class Order(AggregateRoot):
                    buyer: Customer  # expect: ARC212
                    others: list[Customer]  # expect: ARC212
                    by_name: dict[str, customers.Customer]  # expect: ARC212
                    maybe: Optional[Customer]  # expect: ARC212
                    parent: "Order | None"  # expect: ARC212
                    customer_id: str

                    def __init__(self, id: str, buyer: Customer) -> None:
                        self.id = id
                        self.buyer = buyer
                        self.friend: Customer | None = None  # expect: ARC212

                    def place(self) -> None:
                        self.parent = None
            """,
        },
    )
    assert_as_expected(root)


def test_arc212_ignores_entities_and_value_objects(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/orders.py": """
                from dataclasses import dataclass
                from shop.kernel import AggregateRoot, Entity, ValueObject

                @dataclass(frozen=True)
                class Money(ValueObject):
                    amount: int

                class Line(Entity):
                    def __init__(self, id: str) -> None:
                        self.id = id

                    def grow(self) -> None:
                        self.id += "!"

                class Order(AggregateRoot):
                    lines: tuple[Line, ...]
                    total: Money
                    root: AggregateRoot
                    kind: type[Order]

                    def __init__(self, id: str) -> None:
                        self.id = id

                    def place(self) -> None:
                        self.lines = ()
            """,
        },
    )
    assert run_core(root) == []


# --- ARC213 entity-without-identity ---------------------------------------------------------------

def test_arc213_finds_entities_without_identity(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/base.py": """
                from uuid import UUID
                from shop.kernel import Entity

                class Identified(Entity):
                    id: UUID

                    def touch(self) -> None:
                        self.id = self.id
            """,
            "shop/model.py": """
                from shop.base import Identified
                from shop.kernel import AggregateRoot, Entity
                from lato import Entity as External

                class Customer(Identified):
                    name: str

                    def rename(self, name: str) -> None:
                        self.name = name.strip()

                class OrderLine(Entity):
                    order_line_id: int
                    sku: str

                    def grow(self) -> None:
                        self.sku += "!"

                class Cart(AggregateRoot):  # expect: ARC213
                    items: tuple[str, ...]

                    def add(self, item: str) -> None:
                        self.items = (*self.items, item)

                class Account(Entity):
                    def __init__(self, owner: str) -> None:
                        self._id = owner

                    def close(self) -> None:
                        self._id = ""

                class Stateless(Entity):
                    '''No state at all: an abstract intermediate, never judged.'''

                class Remote(External):
                    name: str

                    def rename(self) -> None:
                        self.name = ""
            """,
        },
    )
    assert_as_expected(root)


def test_arc213_identity_fields_are_configurable(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/model.py": """
                from shop.kernel import Entity

                class Cart(Entity):
                    key: str

                    def add(self) -> None:
                        self.key += "!"

                class Basket(Entity):  # expect: ARC213
                    id: str

                    def add(self) -> None:
                        self.id += "!"
            """,
        },
        config='identity_fields = ["key", "{snake_class_name}_key"]\n',
    )
    assert_as_expected(root)


# --- facts and index ----------------------------------------------------------------------------

def test_class_facts_are_plain_json_data() -> None:
    import ast
    import json

    from archcheck.facts.classes import collect_classes

    facts = collect_classes(ast.parse(textwrap.dedent(ANEMIC)))
    text = json.dumps(facts, default=lambda value: value.value)
    assert '"Order"' in text and '"factory"' in text


def test_index_sees_edits_of_other_modules(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/base.py": "class BaseValue:\n    pass\n",
            "shop/values.py": """
                from shop.base import BaseValue

                class Money(BaseValue):
                    def __init__(self, amount: int) -> None:
                        self.amount = amount
            """,
        },
    )
    assert check_one(root, "shop/values.py") == []
    (root / "shop/base.py").write_text(
        "from shop.kernel import ValueObject\n\n\nclass BaseValue(ValueObject):\n    pass\n", encoding="utf-8"
    )
    source = (root / "shop/values.py").read_text(encoding="utf-8") + "\n"
    from archcheck.engine import check_module

    assert [f.code for f in check_module(str(root / "shop/values.py"), source)] == ["ARC201"]


def test_the_buffer_not_the_disk_is_checked(tmp_path: Path) -> None:
    root = project(tmp_path, {"shop/values.py": ARC201_NEGATIVE["named tuple"]})
    from archcheck.engine import check_module

    buffer = ARC201_POSITIVE["plain class with public state"]
    assert [f.code for f in check_module(str(root / "shop/values.py"), textwrap.dedent(buffer))] == ["ARC201"]


def test_shadowed_builtins_and_star_imports_are_not_guessed(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/values.py": """
                from dataclasses import dataclass
                from shop.kernel import ValueObject
                list = tuple

                @dataclass(frozen=True)
                class Names(ValueObject):
                    names: list[str]
            """,
            "shop/star.py": """
                from dataclasses import dataclass
                from shop.kernel import *

                @dataclass(frozen=True)
                class Names(ValueObject):
                    names: list[str]
            """,
        },
    )
    assert run_core(root) == []


def test_arc213_accepts_class_attributes_and_methods_named_like_an_identity(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/model.py": """
                from orm import Column
                from shop.kernel import Entity

                class Order(Entity):
                    id = Column(int)
                    total: int

                    def pay(self) -> None:
                        self.total = 0

                class Line(Entity):
                    sku: str

                    def line_id(self) -> str:
                        return self.sku

                    def grow(self) -> None:
                        self.sku += "!"
            """,
        },
    )
    assert run_core(root) == []


def test_dunder_attributes_are_not_fields(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/model.py": """
                from shop.kernel import Entity

                class Customer(Entity):
                    __slots__: tuple[str, ...] = ("id", "__weakref__")

                    def __init__(self, id: str) -> None:
                        self.id = id
                        self.__doc__ = "a customer"
            """,
        },
    )
    assert run_core(root) == []


def test_subclasses_of_frozen_classes_are_as_frozen_as_the_runtime_makes_them(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "shop/bases.py": """
                import attrs
                import msgspec
                from dataclasses import dataclass
                from shop.kernel import ValueObject

                @dataclass(frozen=True)
                class FrozenBase(ValueObject):
                    amount: int

                @attrs.frozen
                class AttrsBase(ValueObject):
                    amount: int

                class StructBase(ValueObject, msgspec.Struct, frozen=True):
                    amount: int

                class Guarded(ValueObject):
                    def __setattr__(self, name: str, value: object) -> None:
                        raise AttributeError(name)
            """,
            "shop/values.py": """
                from shop.bases import AttrsBase, FrozenBase, Guarded, StructBase

                class Money(FrozenBase):
                    def doubled(self) -> "Money":
                        return Money(self.amount * 2)

                class Rate(AttrsBase):
                    pass

                class Count(StructBase):
                    unit: str

                class Code(Guarded):
                    def __init__(self, text: str) -> None:
                        object.__setattr__(self, "text", text)

                class Sneaky(FrozenBase):  # expect: ARC201
                    def __init__(self, amount: int) -> None:
                        self.amount = amount
            """,
        },
    )
    assert_as_expected(root)


@pytest.mark.parametrize("kind", ["value_object", "entity", "aggregate_root", "domain_event"])
def test_no_rule_raises_when_every_class_of_real_code_is_marked(tmp_path: Path, kind: str) -> None:
    import dataclasses
    import enum
    import fractions
    import ipaddress
    import json.decoder
    import shutil

    from archcheck.engine import check_module

    package = tmp_path / "real"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    for module in (dataclasses, enum, fractions, ipaddress, json.decoder):
        assert module.__file__
        shutil.copy(module.__file__, package / Path(module.__file__).name)
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.archcheck]\n[tool.archcheck.markers]\n{kind} = {{ names = ["*"] }}\n', encoding="utf-8"
    )
    codes = {f.code for path in sorted(package.glob("*.py")) for f in check_module(str(path))}
    assert "ARC000" not in codes
    assert codes  # real classes, all marked: some findings, or the test proves nothing


def test_an_unreadable_base_module_means_silence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tokenize

    root = project(
        tmp_path,
        {
            "shop/base.py": """
                from shop.kernel import ValueObject

                class BaseValue(ValueObject):
                    pass
            """,
            "shop/values.py": """
                from shop.base import BaseValue

                class Money(BaseValue):
                    def __init__(self, amount: int) -> None:
                        self.amount = amount
            """,
        },
    )
    real_open = tokenize.open

    def refuse(path: object) -> object:
        if str(path).endswith("base.py"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path)  # type: ignore[arg-type]

    monkeypatch.setattr(tokenize, "open", refuse)
    assert check_one(root, "shop/values.py") == []
