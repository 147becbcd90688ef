"""The configuration schema: every key of ``[tool.archcheck]``, declared once.

The loader validates against it and the docs' configuration reference is
generated from it (``python -m archcheck config-reference``); a test keeps the
two in step.
"""

from __future__ import annotations


from archcheck.records import Choice, Record


class Kind(Choice):
    """The TOML shape a key accepts."""

    BOOL = "boolean"
    INT = "integer"
    STR = "string"
    STR_LIST = "list of strings"
    TABLE_OF_LISTS = "table of lists of strings"
    MARKERS = "table of marker tables"


class Key(Record):
    """One configuration key, its kind, default and meaning."""

    name: str
    kind: Kind
    default: object
    doc: str


MARKER_KINDS: tuple[str, ...] = ("value_object", "entity", "aggregate_root", "domain_event")
MARKER_FIELDS: tuple[str, ...] = ("bases", "decorators", "modules", "names")

DEFAULT_MARKERS: dict[str, dict[str, tuple[str, ...]]] = {
    "value_object": {"bases": ("ValueObject",), "decorators": ("value_object",)},
    "entity": {"bases": ("Entity",), "decorators": ("entity",)},
    "aggregate_root": {"bases": ("AggregateRoot", "Aggregate"), "decorators": ("aggregate_root",)},
    "domain_event": {"bases": ("DomainEvent", "Event"), "decorators": ("domain_event",)},
}

KEYS: tuple[Key, ...] = (
    Key("source_roots", Kind.STR_LIST, None,
        'Directories, relative to the configuration file, where top-level packages live. '
        'Default: `"."`, and `"src"` if it exists.'),
    Key("layers", Kind.STR_LIST, None,
        "Layers, highest first, as in import-linter. Absolute module names without "
        "`containers`, names relative to each container with them. `a | b` makes "
        "independent siblings, `a : b` siblings that may import each other. "
        "Unset: the conventional zero-config layout (or the import-linter contracts)."),
    Key("containers", Kind.STR_LIST, (),
        "Packages that each hold the layers (`shop.ordering`)."),
    Key("contexts", Kind.STR_LIST, (),
        "Bounded contexts (packages) for ARC102."),
    Key("context_public", Kind.STR_LIST, (),
        "Modules of a context, relative to it, that other contexts may import "
        "(with their submodules). The context package itself is always public."),
    Key("ignore_imports", Kind.STR_LIST, (),
        "Imports never judged, in import-linter's `importer -> imported` syntax "
        "with `*` and `**` wildcards. An entry that matches no module is an error."),
    Key("domain_layer", Kind.STR, "domain",
        "The layer whose imports ARC103 and whose signatures ARC303 judge."),
    Key("domain_allowed_imports", Kind.STR_LIST, (),
        "Third-party packages the domain layer may import (with their submodules)."),
    Key("exclude_type_checking_imports", Kind.BOOL, False,
        "Ignore imports that never run (`if TYPE_CHECKING:` in every spelling)."),
    Key("exclude_tests", Kind.BOOL, True,
        "Test modules (`tests/`, `test_*.py`, `*_test.py`, `conftest.py`) belong to no layer."),
    Key("indirect", Kind.BOOL, True,
        "Report indirect layer violations through unlayered modules (ARC105)."),
    Key("importlinter", Kind.BOOL, True,
        "Also enforce the layers, forbidden and independence contracts of the "
        "project's import-linter configuration."),
    Key("cache_dir", Kind.STR, ".archcheck_cache",
        "Where archcheck keeps its on-disk cache, relative to the configuration file. In the default "
        "directory (when it exists) archcheck also keeps the parsed `[tool.archcheck]` table, keyed on "
        "the file's modification time and size, so that editor lints need not parse TOML each time."),
    Key("type_hints_layers", Kind.STR_LIST, None,
        "Layers whose functions ARC301/ARC302 check. Unset: every module."),
    Key("type_hints_public_only", Kind.BOOL, True,
        "Check only public functions (no leading underscore; dunders are public)."),
    Key("suppress_none_returning", Kind.BOOL, False,
        "Like flake8-annotations: no ARC302 for a function that returns only `None`."),
    Key("suppress_dummy_args", Kind.BOOL, False,
        "Like flake8-annotations: no ARC301 for a parameter named `_`."),
    Key("allow_untyped_defs", Kind.BOOL, False,
        "Like flake8-annotations: no finding for a function with no annotation at all."),
    Key("allow_untyped_nested", Kind.BOOL, False,
        "Like flake8-annotations: no finding for a fully untyped nested function."),
    Key("overload_decorators", Kind.STR_LIST, ("overload",),
        "Decorators that mark `typing.overload` stubs; the implementation after them is not checked."),
    Key("dispatch_decorators", Kind.STR_LIST, ("singledispatch", "singledispatchmethod"),
        "Like flake8-annotations: decorators of dispatch functions, which ARC301/ARC302 do not check."),
    Key("anemic_min_fields", Kind.INT, 2,
        "How many own fields an entity needs before ARC211 calls it anemic."),
    Key("identity_fields", Kind.STR_LIST, ("id", "{snake_class_name}_id"),
        "Identity field names for ARC213; `{snake_class_name}` is the class name in snake case."),
    Key("forbidden", Kind.TABLE_OF_LISTS, {},
        "Importer module (with submodules) to the modules it may not import directly (ARC104)."),
    Key("markers", Kind.MARKERS, {},
        "How classes are marked as value objects, entities, aggregate roots and "
        "domain events: per kind, `bases`, `decorators`, `modules`, `names`. "
        "A partial entry replaces only the keys it sets."),
)

KEY_NAMES: frozenset[str] = frozenset(key.name for key in KEYS)
