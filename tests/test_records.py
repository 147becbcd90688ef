"""``Record`` and ``Choice`` behave as ``typing.NamedTuple`` and ``enum.Enum`` do,
for everything archcheck's records and enumerations use."""

import copy
import enum
import pickle
from typing import Any, NamedTuple

import pytest

from archcheck.records import Choice, Record


class Point(Record):
    """A record with defaults and a method."""

    x: int
    y: int
    label: str = ""
    tags: tuple[str, ...] = ()

    def moved(self, by: int) -> "Point":
        """This point, ``by`` further along both axes."""
        return self._replace(x=self.x + by, y=self.y + by)


class Twin(NamedTuple):
    """The same record, made by typing.NamedTuple."""

    x: int
    y: int
    label: str = ""
    tags: tuple[str, ...] = ()


CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((1, 2), {}),
    ((1, 2, "a"), {}),
    ((1, 2, "a", ("t",)), {}),
    ((1,), {"y": 2}),
    ((), {"y": 2, "x": 1, "tags": ("u",)}),
    ((1, 2), {"label": "b"}),
]


@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_construction_fields_and_tuple_behaviour_match_named_tuple(args: Any, kwargs: Any) -> None:
    record, twin = Point(*args, **kwargs), Twin(*args, **kwargs)
    assert tuple(record) == tuple(twin)
    assert (record.x, record.y, record.label, record.tags) == (twin.x, twin.y, twin.label, twin.tags)
    assert record == twin and hash(record) == hash(twin)  # type: ignore[comparison-overlap]
    assert repr(record) == repr(twin).replace("Twin", "Point")
    assert isinstance(record, tuple) and len(record) == 4
    x, y, *_ = record
    assert (x, y) == (twin.x, twin.y)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((), {}), ((1,), {}), ((1, 2, "a", (), 5), {}), ((1, 2), {"colour": "red"}), ((1, 2), {"x": 3})],
    ids=["nothing", "missing-y", "too-many", "unknown-keyword", "twice"],
)
def test_wrong_calls_raise_type_error_as_named_tuple_does(args: Any, kwargs: Any) -> None:
    with pytest.raises(TypeError):
        Twin(*args, **kwargs)
    with pytest.raises(TypeError):
        Point(*args, **kwargs)


def test_replace_methods_ordering_and_class_attributes() -> None:
    point = Point(1, 2)
    assert point.moved(3) == Point(4, 5) and type(point.moved(3)) is Point
    assert point._replace(label="c") == (1, 2, "c", ())
    with pytest.raises(TypeError):
        point._replace(z=1)  # type: ignore[call-arg]
    assert sorted([Point(2, 1), Point(1, 9), Point(1, 2)]) == [(1, 2, "", ()), (1, 9, "", ()), (2, 1, "", ())]
    assert Point._fields == Twin._fields == ("x", "y", "label", "tags")
    assert Point._field_defaults == Twin._field_defaults
    assert Point.__match_args__ == Twin.__match_args__
    assert Point.__doc__ == "A record with defaults and a method."


def test_records_are_immutable_and_slotted() -> None:
    point = Point(1, 2)
    with pytest.raises(AttributeError):
        point.x = 5  # type: ignore[misc]
    with pytest.raises(AttributeError):
        point.colour = "red"  # type: ignore[attr-defined]
    assert not hasattr(point, "__dict__")


def test_records_copy_and_pickle() -> None:
    point = Point(1, 2, "a", ("t",))
    assert copy.copy(point) == point and copy.deepcopy(point) == point
    assert pickle.loads(pickle.dumps(point)) == point


def test_match_statement_binds_fields_by_position() -> None:
    match Point(7, 8):
        case Point(x, y):
            assert (x, y) == (7, 8)
        case _:
            pytest.fail("no match")


def test_a_required_field_after_a_default_is_refused() -> None:
    with pytest.raises(TypeError):

        class _Broken(Record):
            first: int = 0
            second: int  # type: ignore[misc]


class Colour(Choice):
    """A choice with a property."""

    RED = "red"
    GREEN = "green"
    DARK_RED = "dark red"

    @property
    def reddish(self) -> bool:
        """Whether the colour is a red."""
        return self in (Colour.RED, Colour.DARK_RED)


class Shade(enum.Enum):
    """The same choice, made by enum.Enum."""

    RED = "red"
    GREEN = "green"
    DARK_RED = "dark red"


def test_choice_members_names_values_and_order_match_enum() -> None:
    assert [(m.name, m.value) for m in Colour] == [(m.name, m.value) for m in Shade]
    assert len(Colour) == len(Shade) == 3
    assert Colour("green") is Colour.GREEN and Shade("green") is Shade.GREEN
    assert repr(Colour.RED) == repr(Shade.RED).replace("Shade", "Colour")
    assert str(Colour.RED) == str(Shade.RED).replace("Shade", "Colour")
    assert isinstance(Colour.RED, Colour)
    assert Colour.RED.reddish and Colour.DARK_RED.reddish and not Colour.GREEN.reddish


def test_choice_members_compare_by_identity_and_hash() -> None:
    assert Colour.RED == Colour.RED and Colour.RED != Colour.GREEN  # type: ignore[comparison-overlap]
    assert Colour.RED != "red"  # type: ignore[comparison-overlap]  # as Enum: a member is not its value
    assert {Colour.RED: 1}[Colour.RED] == 1
    assert len({Colour.RED, Colour.RED, Colour.GREEN}) == 2


def test_choice_refuses_unknown_values_and_reassignment() -> None:
    with pytest.raises(ValueError):
        Colour("blue")
    with pytest.raises(ValueError):
        Shade("blue")
    with pytest.raises(AttributeError):
        Colour.RED = Colour.GREEN  # type: ignore[misc, assignment]
    with pytest.raises(AttributeError):
        Colour.RED.value = "blue"  # type: ignore[misc]


def test_choice_members_copy_and_pickle_as_themselves() -> None:
    assert copy.copy(Colour.RED) is Colour.RED and copy.deepcopy(Colour.RED) is Colour.RED
    assert pickle.loads(pickle.dumps(Colour.GREEN)) is Colour.GREEN


def test_a_subclass_of_a_record_keeps_its_fields_and_adds_behaviour_only() -> None:
    class Labelled(Point):
        """A point that shows its label."""

        def shown(self) -> str:
            """The label, or the coordinates."""
            return self.label or f"{self.x},{self.y}"

    point = Labelled(1, 2)
    assert point.shown() == "1,2" and Labelled(1, 2, "a").shown() == "a"
    assert point == Point(1, 2) and Labelled._fields == Point._fields
    assert point.moved(1) == (2, 3, "", ())
    with pytest.raises(AttributeError):
        point.colour = "red"  # type: ignore[attr-defined]
    with pytest.raises(TypeError):

        class _More(Point):
            z: int
