"""``Record`` and ``Choice``: ``typing.NamedTuple`` and ``enum.Enum`` without their start-up cost.

Every editor lint is a new process that imports archcheck, and archcheck's
facts, findings and settings are some forty record classes. Making one with
``typing.NamedTuple`` compiles a ``__new__`` from source text and checks each
annotation: about 0.6 M instructions a class, a third of all that importing
archcheck cost. A ``Record`` subclass is made from its annotations alone (no
code is compiled) and is the same thing at run time: a tuple subclass with
the class's fields in order, their defaults, properties by name, tuple
equality, hashing and ordering, ``_replace``, ``_fields`` and a repr naming
the fields.

``Choice`` is the same trade for archcheck's nine enumerations: making an
``enum.Enum`` class costs about 0.6 M instructions (5.5 M in all). A
``Choice`` subclass's members are instances of it with a ``name`` and a
``value``, compared by identity; the class iterates its members in order,
finds one by value when called (``Kind("entity")``), and its members copy
and pickle as themselves.

Type checkers see ``typing.NamedTuple`` and ``enum.Enum`` themselves, so
every record and choice is checked as one (mypy and pylint understand them
natively); ``tests/test_records.py`` holds the run-time classes to the same
behaviour.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from enum import Enum as Choice
    from typing import NamedTuple as Record
else:
    try:  # the C accessor collections.namedtuple uses; a property is the portable spelling
        from _collections import _tuplegetter
    except ImportError:  # pragma: no cover - other Python implementations
        from operator import itemgetter

        def _tuplegetter(index: int, doc: str) -> property:
            return property(itemgetter(index), doc=doc)

    class _RecordType(type):
        """Makes each ``Record`` subclass from its annotated fields."""

        def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> type:
            if not any(isinstance(base, _RecordType) for base in bases):
                return super().__new__(mcs, name, bases, namespace)  # Record itself
            if any(getattr(base, "_fields", ()) for base in bases):
                # A subclass of a record (as of a NamedTuple) keeps its fields and adds behaviour only.
                if namespace.get("__annotations__"):
                    raise TypeError(f"{name}: a subclass of a record cannot add fields")
                return super().__new__(mcs, name, bases, {**namespace, "__slots__": ()})
            fields = tuple(namespace.get("__annotations__", {}))
            defaults = {field: namespace.pop(field) for field in fields if field in namespace}
            required = len(fields) - len(defaults)
            if tuple(defaults) != fields[required:]:
                raise TypeError(f"{name}: a field without a default follows one with a default")
            namespace.update(
                __slots__=(),
                _fields=fields,
                _field_defaults=defaults,
                __match_args__=fields,
                __new__=_constructor(name, fields, required, tuple(defaults.values())),
            )
            for index, field in enumerate(fields):
                namespace[field] = _tuplegetter(index, f"Alias for field number {index}")
            return super().__new__(mcs, name, bases, namespace)

    def _constructor(name: str, fields: tuple[str, ...], required: int, defaults: tuple[Any, ...]) -> Any:
        # The defaults that complete ``n`` positional arguments, for each ``n`` that needs no
        # keyword: one tuple concatenation in the common calls, as cheap as a full call.
        tails = tuple(defaults[count - required:] if count >= required else None for count in range(len(fields) + 1))
        new = tuple.__new__

        def __new__(cls: type, *args: Any, **kwargs: Any) -> Any:
            if not kwargs and len(args) < len(tails):
                tail = tails[len(args)]
                if tail is not None:
                    return new(cls, args + tail)
            return new(cls, _arguments(name, fields, required, defaults, args, kwargs))

        return __new__

    def _arguments(
        name: str,
        fields: tuple[str, ...],
        required: int,
        defaults: tuple[Any, ...],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> tuple[Any, ...]:
        """The values of every field from a call's arguments, as a generated ``__new__`` binds them."""
        if len(args) > len(fields):
            raise TypeError(f"{name}() takes {len(fields)} positional arguments but {len(args)} were given")
        values = list(args)
        for index in range(len(args), len(fields)):
            field = fields[index]
            if field in kwargs:
                values.append(kwargs.pop(field))
            elif index >= required:
                values.append(defaults[index - required])
            else:
                raise TypeError(f"{name}() missing required argument: '{field}'")
        if kwargs:
            unexpected = next(iter(kwargs))
            problem = "multiple values for argument" if unexpected in fields else "an unexpected keyword argument"
            raise TypeError(f"{name}() got {problem} '{unexpected}'")
        return tuple(values)

    class Record(tuple, metaclass=_RecordType):
        """Base of archcheck's records (see the module's docstring)."""

        __slots__ = ()
        _fields: tuple[str, ...] = ()

        def _replace(self, **changes: Any) -> Any:
            """A copy with the named fields replaced."""
            values = [changes.pop(field, value) for field, value in zip(self._fields, self)]
            if changes:
                raise TypeError(f"{type(self).__name__}._replace() got unexpected field names: {sorted(changes)}")
            return tuple.__new__(type(self), values)

        def __repr__(self) -> str:
            shown = ", ".join(f"{field}={value!r}" for field, value in zip(self._fields, self))
            return f"{type(self).__name__}({shown})"

        def __getnewargs__(self) -> tuple[Any, ...]:
            return tuple(self)

    class _ChoiceType(type):
        """Makes each ``Choice`` subclass: its plain class attributes become its members."""

        def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> type:
            if not any(isinstance(base, _ChoiceType) for base in bases):
                return super().__new__(mcs, name, bases, namespace)  # Choice itself
            values = {
                key: value
                for key, value in namespace.items()
                if not key.startswith("_") and not callable(value) and not hasattr(value, "__get__")
            }
            for key in values:
                del namespace[key]
            cls = super().__new__(mcs, name, bases, {**namespace, "__slots__": ("name", "value")})
            members = []
            for key, value in values.items():
                member = object.__new__(cls)
                object.__setattr__(member, "name", key)
                object.__setattr__(member, "value", value)
                type.__setattr__(cls, key, member)
                members.append(member)
            type.__setattr__(cls, "_members", tuple(members))
            return cls

        def __iter__(cls) -> Any:
            return iter(cls._members)

        def __len__(cls) -> int:
            return len(cls._members)

        def __call__(cls, value: Any) -> Any:
            for member in cls._members:
                if member.value == value:
                    return member
            raise ValueError(f"{value!r} is not a valid {cls.__name__}")

        def __setattr__(cls, name: str, value: Any) -> None:
            raise AttributeError(f"cannot reassign members of {cls.__name__}")

    class Choice(metaclass=_ChoiceType):
        """Base of archcheck's enumerations (see the module's docstring)."""

        __slots__ = ()
        _members: tuple[Any, ...] = ()

        def __setattr__(self, name: str, value: Any) -> None:
            raise AttributeError(f"cannot assign to {type(self).__name__} members")

        def __repr__(self) -> str:
            return f"<{type(self).__name__}.{self.name}: {self.value!r}>"

        def __str__(self) -> str:
            return f"{type(self).__name__}.{self.name}"

        def __hash__(self) -> int:
            return hash(self.name)

        def __reduce__(self) -> tuple[Any, ...]:
            return type(self), (self.value,)

        def __copy__(self) -> Any:
            return self

        def __deepcopy__(self, memo: Any) -> Any:
            return self


__all__ = ["Choice", "Record"]
