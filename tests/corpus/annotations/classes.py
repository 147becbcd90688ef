"""Methods: receivers, static and class methods, properties, __init__, nesting."""

import abc
import builtins
import functools


class Plain:
    def __init__(self, value: int):
        self.value = value

    def method(self, other):
        return other

    def typed(self, other: int) -> int:
        return other

    def _protected(self, other):
        return other

    def __secret(self, other):
        return other

    def __repr__(self):
        return "Plain"

    def __eq__(self, other):
        return True

    @staticmethod
    def static(first, second: int):
        return first

    @staticmethod
    def static_typed(first: int) -> int:
        return first

    @classmethod
    def create(cls, value):
        return cls(value)

    @classmethod
    def create_typed(cls, value: int) -> "Plain":
        return cls(value)

    @property
    def prop(self):
        return self.value

    @prop.setter
    def prop(self, new_value):
        self.value = new_value

    @prop.deleter
    def prop(self):
        pass

    @functools.cached_property
    def cached(self):
        return 1

    @abc.abstractmethod
    def abstract(self, value):
        raise NotImplementedError

    async def asynchronous(self, value):
        return value

    def typed_receiver(self: "Plain", value):
        return value


class UntypedInit:
    def __init__(self):
        pass


class SelfTypedInit:
    def __init__(self: "SelfTypedInit"):
        pass


class KeywordInit:
    def __init__(self, *, key: int):
        pass


class StarInit:
    def __init__(self, *values: int):
        pass


class UntypedInitWithParameters:
    def __init__(self, a, b):
        pass


class Receivers:
    def only_star(*args):
        return args

    def star_then_keyword(*args, key):
        return key

    def positional_only(self, /, value):
        return value

    def default_receiver(self=None):
        return self

    def no_parameters():
        return 1

    @property
    @staticmethod
    def static_second(value):
        return value

    @classmethod
    @functools.cache
    def class_first(cls, value):
        return value

    @functools.cache
    @classmethod
    def class_second(cls, value):
        return value

    @classmethod
    def class_nested(cls, value):
        def helper(cls):
            return cls

        return helper


class Blocks:
    if True:

        def in_if(self, value):
            return value

    else:

        def in_else(self, value):
            return value

    try:

        def in_try(self, value):
            return value

    except ImportError:

        def in_except(self, value):
            return value

    for _index in range(1):

        def in_for(self, value):
            return value

    with open(__file__) as _handle:

        def in_with(self, value):
            return value

    if True:

        def __init__(self, value: int):
            pass


class Outer:
    class Inner:
        def inner_method(self, value):
            return value

        class Innermost:
            def deepest(self, value):
                def closure(x):
                    return x

                return closure

    def method(self, value):
        class Local:
            def local_method(self, item):
                return item

        return Local


def factory(value):
    class Made:
        def __init__(self, item: int):
            self.item = item

        def made_method(self, item):
            return item

    return Made


@classmethod
def module_classmethod(cls, value):
    return value


@staticmethod
def module_staticmethod(value):
    return value


class Metaclassed(type):
    def __new__(mcs, name, bases, namespace):
        return super().__new__(mcs, name, bases, namespace)

    def __init_subclass__(cls, **kwargs):
        pass

    def __call__(cls, *args, **kwargs):
        return super().__call__(*args, **kwargs)


class Deviations:
    # archcheck: keyword-only and ** parameters never receive self.
    def keyword_only_first(*, key):
        return key

    def kwargs_first(**options):
        return options

    # archcheck: staticmethod is recognised however it is spelled.
    @builtins.staticmethod
    def static_by_attribute(value):
        return value
