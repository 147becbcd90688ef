"""Overloads, dispatch functions, no_type_check, custom decorator names."""

import functools
import typing
import typing as t
from functools import singledispatch, singledispatchmethod
from typing import no_type_check, overload


@overload
def parse(value: int) -> int: ...
@overload
def parse(value: str) -> str: ...
def parse(value):
    return value


@typing.overload
def convert(value: int) -> int: ...
@typing.overload
def convert(value: bytes) -> bytes: ...
def convert(value):
    return value


@t.overload
def spelled(value: int) -> int: ...
@t.overload
def spelled(value: str) -> str: ...
def spelled(value):
    return value


@overload
def untyped_first_stub(value): ...
@overload
def untyped_first_stub(value: str) -> str: ...
def untyped_first_stub(value):
    return value


@typing.overload()
def called_overload(value: int) -> int: ...
def called_overload(value):
    return value


class Shapes:
    @overload
    def area(self, side: int) -> int: ...
    @overload
    def area(self, side: float) -> float: ...
    def area(self, side):
        return side * side

    @overload
    @staticmethod
    def scale(factor: int) -> int: ...
    @overload
    @staticmethod
    def scale(factor: float) -> float: ...
    @staticmethod
    def scale(factor):
        return factor


@singledispatch
def show(value, extra):
    return str(value)


@show.register
def _(value: int, extra) -> str:
    return str(value)


@functools.singledispatch
def describe(value):
    def helper(item):
        return item

    return helper(value)


@functools.singledispatch()
def called_dispatch(value):
    return value


class Visitor:
    @singledispatchmethod
    def visit(self, node):
        return node

    @visit.register
    def _(self, node: int):
        return node

    @functools.singledispatchmethod
    def _visit_private(self, node):
        return node


@no_type_check
def not_type_checked(a, b):
    return a


@typing.no_type_check
def also_not_type_checked(a) -> None:
    pass


def variant(function: object) -> object:
    return function


def dispatcher(function: object) -> object:
    return function


@variant
def custom_overload(value: int) -> int: ...
def custom_overload(value):
    return value


@dispatcher
def custom_dispatch(value):
    return value


class Quirks:
    """flake8-annotations 3.3.0 quirks (fixed in 3.3.1); archcheck does the sensible thing."""

    @overload
    def first_only(self, value: int) -> int: ...
    @overload
    def first_only(self, value): ...
    def first_only(self, value):
        return value


class SameNameElsewhere:
    # Not part of any overload series, although the last series closed with this name.
    def first_only(self, value):
        return value


@staticmethod
@overload
def overload_second(value: int) -> int: ...
@staticmethod
@overload
def overload_second(value: str) -> str: ...
def overload_second(value):
    return value


@staticmethod
@functools.singledispatch
def dispatch_second(value, other):
    return value
