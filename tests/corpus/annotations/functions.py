"""Module-level functions: every kind of parameter, names, returns."""

import asyncio


def plain(a, b: int, c=1, d: str = "x"):
    return a


def annotated(a: int, b: str) -> str:
    return b * a


def positional_only(a, b: int, /, c, *, d, e: int = 2):
    return None


def keyword_only(*, key, other: int, last=None) -> None:
    pass


def star_args(*args, **kwargs):
    pass


def star_args_typed(*args: int, **kwargs: str) -> None:
    pass


def star_mixed(first, *rest: int, flag, **options):
    return first


def _protected(a):
    return a


def __secret(a):
    return a


def __dunder_like__(a):
    return a


def _(a):
    return a


async def fetch(url, *, timeout: float = 1.0):
    await asyncio.sleep(timeout)
    return url


async def fetch_typed(url: str) -> str:
    return url


def dummy_args(_, __, value, *_rest) -> None:
    pass


def dummy_star(*_, **__):
    pass


def returns_nothing(a: int):
    print(a)


def returns_bare(a: int):
    if a:
        return
    print(a)


def returns_none(a: int):
    return None


def returns_parenthesised_none(a: int):
    return (None)


def returns_value(a: int):
    if a:
        return None
    return a


def returns_ellipsis(a: int):
    return ...


def returns_conditional_none(a: int):
    return None if a else None


def generator(a: int):
    yield a


def generator_returning(a: int):
    yield a
    return


def raises(a: int):
    raise ValueError(a)


def nested_value_return(a: int):
    def inner() -> int:
        return 1

    return None


def lambda_inside(a: int):
    square = lambda x: x * x  # noqa: E731 - lambdas carry no annotations
    return None


def untyped(a, b):
    return a + b


def untyped_no_parameters():
    return 1


def only_return_typed(a, b) -> int:
    return 1


def __init__(a: int):
    pass


identity = lambda value: value  # noqa: E731


def default_lambda(callback=lambda x: x):
    return callback


def multiline(
    first,
    second: int,
    *,
    third,
):
    return first


def multiline_with_comment(
    first: int,  # a comment: with a colon
):  # another: colon
    return first


def type_comment(a, b):
    # type: (int, int) -> int
    return a + b
