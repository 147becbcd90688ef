"""Nested functions, functions in blocks, decorated functions."""

import contextlib
import functools
import sys


def decorator(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        return function(*args, **kwargs)

    return wrapper


def typed_decorator(function: object) -> object:
    def wrapper(*args, **kwargs):
        return args

    def typed_wrapper(*args: int, **kwargs: int) -> None:
        pass

    def partly(value: int, other):
        return value

    return wrapper


def outer(a: int) -> None:
    def level_one(b):
        def level_two(c):
            async def level_three(d):
                return d

            return level_three

        return level_two

    if a:

        def in_if(e):
            return e

    for _ in range(a):

        def in_loop(f):
            return f

    while a:

        def in_while(g):
            return g

        break

    with contextlib.suppress(Exception):

        def in_with(h):
            return h

    try:

        def in_try(i):
            return i

    except ValueError:

        def in_except(j):
            return j

    else:

        def in_else(k):
            return k

    finally:

        def in_finally(m):
            return m

    match a:
        case 1:

            def in_case(n):
                return n

        case _:
            pass


@decorator
def decorated(a, b):
    return a


@decorator
@functools.lru_cache(maxsize=None)
def twice_decorated(a):
    return a


@functools.lru_cache
def _private_decorated(a):
    return a


if sys.version_info >= (3, 12):

    def version_dependent(a):
        return a

else:

    def version_dependent(a):
        return a


try:
    import json

    def with_json(data):
        return json.dumps(data)

except ImportError:

    def with_json(data):
        return str(data)


def redefined(a):
    return a


def redefined(a, b):
    return a


class Holder:
    def method(self):
        def local(x):
            return x

        def _private_local(y):
            return y

        return local


def generator_outer():
    def inner_generator(value):
        yield value

    return inner_generator
