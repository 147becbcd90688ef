"""Partly annotated code, string and future-style annotations, odd spellings."""

from __future__ import annotations

from typing import Any, Callable


def partly(a: int, b, c: "str", *d: Any, **e) -> "int":
    return a


def string_return(a: "list[int]") -> "None":
    pass


def callable_parameter(callback: Callable[[int], str], fallback=None) -> str:
    return callback(1)


def default_is_annotated(a: int = 1, b: "int" = 2, c=3) -> None:
    pass


class Model:
    name: str

    def __init__(self, name, age: int):
        self.name = name

    def rename(self, name: str):
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return None

    def __getattr__(self, item: str):
        return item

    def __class_getitem__(cls, item):
        return cls


def long_signature(
    alpha,
    beta: int,
    gamma,
    /,
    delta,
    *epsilon,
    zeta,
    eta: int = 1,
    **theta,
):
    return alpha


def unicode_name(naïve, 名前: str):
    return naïve
