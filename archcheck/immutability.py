"""Whether a class is immutable, judged by its own declaration (ARC201, ARC204).

Recognised: dataclasses and pydantic dataclasses (``frozen=True``), attrs
(``attr.s(frozen=True)``, ``attrs.define(frozen=True)``, ``attrs.frozen``),
pydantic v1 and v2 models (class keyword, ``model_config``, ``class Config``,
inherited through project-local bases as pydantic does), msgspec ``Struct``
with ``frozen=True``, ``NamedTuple``, ``Enum``, and plain classes: immutable
when they set no public instance attribute, or when a raising ``__setattr__``
guards them (their own or inherited). A decorator or base that cannot be
resolved makes the answer unknown, and unknown means silence.
"""

from __future__ import annotations


from archcheck.facts.classes import ClassFact, Decorator, WriteHow
from archcheck.index import ModuleView, ProjectIndex, RefKind
from archcheck.markers import Markers
from archcheck.records import Choice, Record

_DATACLASS = frozenset({"dataclasses.dataclass", "pydantic.dataclasses.dataclass"})
_ATTRS_OPTIONAL = frozenset(
    {"attr.s", "attr.attrs", "attr.attributes", "attr.define", "attrs.define", "attr.dataclass"}
)
_ATTRS_FROZEN = frozenset({"attr.frozen", "attrs.frozen"})
_ATTRS_MUTABLE = frozenset({"attr.mutable", "attrs.mutable"})
_TRANSPARENT = frozenset(
    {
        "functools.total_ordering",
        "typing.final",
        "typing_extensions.final",
        "typing.runtime_checkable",
        "typing_extensions.runtime_checkable",
        "enum.unique",
        "enum.verify",
    }
)
_FROZEN_TYPES = frozenset(
    {"typing.NamedTuple", "typing_extensions.NamedTuple"}
    | {f"enum.{name}" for name in ("Enum", "IntEnum", "StrEnum", "Flag", "IntFlag", "ReprEnum")}
)
_OPEN_TYPES = frozenset(
    {f"builtins.{name}" for name in ("object", "str", "int", "float", "complex", "bytes", "tuple", "frozenset", "bool")}
    | {"decimal.Decimal", "uuid.UUID", "fractions.Fraction"}
    | {f"datetime.{name}" for name in ("date", "datetime", "time", "timedelta", "timezone", "tzinfo")}
    | {f"{module}.{name}" for module in ("typing", "typing_extensions") for name in ("Generic", "Protocol")}
    | {"abc.ABC"}
)
_MUTABLE_TYPES = frozenset(
    {f"builtins.{name}" for name in ("list", "dict", "set", "bytearray")}
    | {f"collections.{name}" for name in ("deque", "defaultdict", "OrderedDict", "Counter", "UserDict", "UserList")}
)
_PYDANTIC = frozenset(
    {
        "pydantic.BaseModel",
        "pydantic.main.BaseModel",
        "pydantic.v1.BaseModel",
        "pydantic.v1.main.BaseModel",
        "pydantic.RootModel",
        "pydantic.root_model.RootModel",
    }
)
_MSGSPEC = frozenset({"msgspec.Struct"})
_KNOWN_METACLASSES = frozenset({"abc.ABCMeta", "enum.EnumMeta", "enum.EnumType"})
_CONSTRUCTION = frozenset({"__init__", "__post_init__", "__new__"})
_MAX_DEPTH = 32


class Runtime(Choice):
    """What the runtime makes of a class's instances, as far as assignment goes."""

    FROZEN_TYPE = "a NamedTuple or Enum"
    FROZEN = "guarded"
    OPEN = "open"
    PYDANTIC = "a pydantic model without frozen=True"
    PYDANTIC_FROZEN = "a frozen pydantic model"
    MSGSPEC = "a msgspec Struct without frozen=True"
    MSGSPEC_FROZEN = "a frozen msgspec Struct"
    MUTABLE_TYPE = "a subclass of a mutable built-in"
    UNKNOWN = "unknown"


_FRAMEWORK = {
    Runtime.PYDANTIC: (Runtime.PYDANTIC, Runtime.PYDANTIC_FROZEN),
    Runtime.PYDANTIC_FROZEN: (Runtime.PYDANTIC, Runtime.PYDANTIC_FROZEN),
    Runtime.MSGSPEC: (Runtime.MSGSPEC, Runtime.MSGSPEC_FROZEN),
    Runtime.MSGSPEC_FROZEN: (Runtime.MSGSPEC, Runtime.MSGSPEC_FROZEN),
}
_PRECEDENCE = (
    Runtime.UNKNOWN,
    Runtime.PYDANTIC,
    Runtime.PYDANTIC_FROZEN,
    Runtime.MSGSPEC,
    Runtime.MSGSPEC_FROZEN,
    Runtime.FROZEN_TYPE,
    Runtime.MUTABLE_TYPE,
    Runtime.FROZEN,
    Runtime.OPEN,
)


class Judgement(Record):
    """``mutable`` is ``True``/``False`` when known, ``None`` when unknown; ``reason`` says why."""

    mutable: bool | None
    reason: str = ""


UNKNOWN = Judgement(None)
IMMUTABLE = Judgement(False)


class Immutability:
    """Judges classes of one project, memoised for one check."""

    def __init__(self, index: ProjectIndex, markers: Markers) -> None:
        self.index = index
        self.markers = markers
        self._memo: dict[tuple[str, str], Runtime] = {}

    def judge(self, view: ModuleView, cls: ClassFact) -> Judgement:
        """Whether ``cls`` (defined in ``view``) is mutable, and why."""
        declared = self._decorated(view, cls)
        if cls.has_guard:
            return IMMUTABLE
        if declared is not None:
            return declared
        runtime = self._from_bases(view, cls, 0)
        if runtime in (Runtime.FROZEN, Runtime.OPEN):
            return self._plain(cls, guarded=runtime is Runtime.FROZEN)
        if runtime in (Runtime.UNKNOWN, Runtime.FROZEN_TYPE, Runtime.PYDANTIC_FROZEN, Runtime.MSGSPEC_FROZEN):
            return UNKNOWN if runtime is Runtime.UNKNOWN else IMMUTABLE
        return Judgement(True, f"it is {runtime.value}")

    def _decorated(self, view: ModuleView, cls: ClassFact) -> Judgement | None:
        """The verdict of a dataclass or attrs decorator, ``UNKNOWN`` for a decorator
        that may replace the class, ``None`` when no decorator decides."""
        verdict: Judgement | None = None
        for decorator in cls.decorators:
            qualified = self.index.resolve(view, decorator.name).qualified if decorator.name else ""
            if qualified in _TRANSPARENT or self.markers.is_marker_decorator(view, decorator.name):
                continue
            found = _data_decorator(decorator, qualified)
            if found is None:
                return UNKNOWN
            verdict = found
        return verdict

    def runtime(self, view: ModuleView, cls: ClassFact, depth: int) -> Runtime:
        """What the runtime makes of instances of the project class ``cls``."""
        key = (view.name, cls.name)
        if key not in self._memo:
            self._memo[key] = Runtime.UNKNOWN  # a cycle in the chain is not understood
            self._memo[key] = self._runtime(view, cls, depth)
        return self._memo[key]

    def _runtime(self, view: ModuleView, cls: ClassFact, depth: int) -> Runtime:
        if cls.method("__init_subclass__") is not None:
            return Runtime.UNKNOWN  # it may turn its subclasses into anything (frozen dataclasses …)
        declared = self._decorated(view, cls)
        if cls.has_guard:
            return Runtime.FROZEN
        if declared is not None:
            if declared.mutable is None:
                return Runtime.UNKNOWN
            return Runtime.OPEN if declared.mutable else Runtime.FROZEN
        return self._from_bases(view, cls, depth)

    def _from_bases(self, view: ModuleView, cls: ClassFact, depth: int) -> Runtime:
        metaclass = next((k.value for k in cls.keywords if k.name == "metaclass"), "")
        if metaclass and self.index.resolve(view, metaclass).qualified not in _KNOWN_METACLASSES:
            return Runtime.UNKNOWN  # a metaclass can make instances anything
        found = {self._base(view, base, depth) for base in cls.bases} or {Runtime.OPEN}
        combined = next(runtime for runtime in _PRECEDENCE if runtime in found)
        family = _FRAMEWORK.get(combined)
        if family is None:
            return combined
        own = _own_frozen(cls, combined)
        if own == "?":
            return Runtime.UNKNOWN
        if own:
            return family[1] if own == "True" else family[0]
        return family[1] if family[1] in found else family[0]

    def _base(self, view: ModuleView, base: str, depth: int) -> Runtime:
        if not base or depth > _MAX_DEPTH:
            return Runtime.UNKNOWN
        ref = self.index.resolve(view, base)
        if ref.kind is RefKind.CLASS and ref.view is not None and ref.cls is not None:
            return self.runtime(ref.view, ref.cls, depth + 1)
        if ref.kind is not RefKind.EXTERNAL:
            return Runtime.UNKNOWN
        for names, runtime in (
            (_FROZEN_TYPES, Runtime.FROZEN_TYPE),
            (_OPEN_TYPES, Runtime.OPEN),
            (_MUTABLE_TYPES, Runtime.MUTABLE_TYPE),
            (_PYDANTIC, Runtime.PYDANTIC),
            (_MSGSPEC, Runtime.MSGSPEC),
        ):
            if ref.qualified in names:
                return runtime
        return Runtime.UNKNOWN

    def _plain(self, cls: ClassFact, guarded: bool) -> Judgement:
        """A plain class: mutable when it sets a public instance attribute that nothing guards."""
        guards = {method.name for method in cls.methods if method.is_guard}
        dynamic = False
        for write in cls.writes:
            if write.method in guards:
                continue
            if guarded and write.how is WriteHow.OBJECT_SETATTR and write.method in _CONSTRUCTION:
                continue
            if not write.attr:
                dynamic = True
            elif not write.attr.startswith("_"):
                unguarded = "" if guarded else " and no raising __setattr__ guards it"
                return Judgement(True, f"{write.method} sets public attribute self.{write.attr}{unguarded}")
        setter = next((m for m in cls.methods if m.property_setter), None)
        if setter is not None and not guarded:
            return Judgement(True, f"property {setter.name} has a setter")
        return UNKNOWN if dynamic else IMMUTABLE


def _frozen_keyword(decorator: Decorator) -> str:
    value = next((k.value for k in decorator.keywords if k.name == "frozen"), "False")
    return value if value in ("True", "False") else "?"


def _data_decorator(decorator: Decorator, qualified: str) -> Judgement | None:
    """The verdict of a known class-building decorator, ``None`` if not one."""
    shown = f"@{decorator.name}"
    if qualified in _ATTRS_FROZEN:
        return IMMUTABLE
    if qualified in _ATTRS_MUTABLE:
        return Judgement(True, f"it is {shown}")
    if qualified not in _DATACLASS | _ATTRS_OPTIONAL:
        return None
    frozen = _frozen_keyword(decorator) if decorator.called else "False"
    if frozen == "?":
        return UNKNOWN
    return IMMUTABLE if frozen == "True" else Judgement(True, f"it is {shown} without frozen=True")


def _own_frozen(cls: ClassFact, family: Runtime) -> str:
    """The class's own frozenness setting for its framework: ``True``, ``False``, ``?`` or ``""``."""
    keyword = next((k.value for k in cls.keywords if k.name == "frozen"), "")
    if keyword and keyword not in ("True", "False"):
        return "?"
    if family in (Runtime.PYDANTIC, Runtime.PYDANTIC_FROZEN):
        return keyword or cls.pydantic_frozen
    return keyword
