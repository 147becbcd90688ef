"""The project a file belongs to: its layers, contexts and first-party modules.

Built once per configuration and process; only cheap ``stat`` and directory
listing calls (cached on mtime) touch the file system afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from archcheck.config import Config, ConfigProblem
from archcheck.facts.imports import ImportFact, resolve_base
from archcheck.importlinter_config import ImportLinterConfig, find_importlinter_config
from archcheck.layers import ConventionalLayers, ExplicitLayers, Layer, is_test_module, package_children, parse_layers
from archcheck.modules import ModuleName, module_location
from archcheck.runs import RunMemo
from archcheck.stdlib import STDLIB_MODULES
from archcheck.wildcards import is_valid, matches

ALWAYS_ALLOWED = frozenset({"__future__", "typing_extensions"})
_UNANSWERED = object()  # a question no memo of a project answers: equal to no stored answer


def covers(prefix: str, module: str) -> bool:
    """Whether ``prefix`` is ``module`` or one of its packages."""
    return module == prefix or module.startswith(prefix + ".")


def import_targets(fact: ImportFact, importer: ModuleName, exists: Callable[[str], bool]) -> Iterator[str]:
    """The absolute modules an import fact names: ``from a import b`` names ``a.b``
    when ``exists`` says that is a module, else ``a``."""
    base = resolve_base(fact, importer.package)
    if base is None:
        return
    if fact.name is None or fact.name == "*":
        yield base
        return
    candidate = f"{base}.{fact.name}"
    yield candidate if exists(candidate) else base


class Project:
    """Answers questions about modules of one configured project."""

    def __init__(self, config: Config) -> None:
        self.config = config
        # Every import of every file asks these again: one answer per name and
        # run (they look at the file system), or per project (pure functions of the configuration).
        self._modules = RunMemo(self._find_module, "module")
        self._layers_of = RunMemo(self._find_layer, "layer")
        self._contexts: dict[str, str | None] = {}
        self._ignored: dict[tuple[str, str], bool] = {}
        self.problems: list[ConfigProblem] = list(config.problems)
        self.layers: ExplicitLayers | ConventionalLayers | None = self._build_layers()
        self.ignored = self._parse_ignored()
        self._contract_layers: tuple[ImportLinterConfig, tuple[ExplicitLayers, ...]] | None = None
        for context in config.contexts:
            if not self.is_package(context):
                self._problem("contexts", f"{context!r} matches no package under the source roots")

    def _problem(self, key: str, message: str) -> None:
        self.problems.append(ConfigProblem(str(self.config.file or "zero-config"), key, message))

    def _build_layers(self) -> ExplicitLayers | ConventionalLayers | None:
        config = self.config
        if config.layers is None:
            if config.containers:
                self._problem("containers", "needs `layers`: the layer names each container holds")
            if find_importlinter_config(config.root) is not None:
                return None  # the import-linter contracts are the architecture (SPEC section 3)
            return ConventionalLayers(self.children)
        groups, malformed = parse_layers(config.layers)
        for text in malformed:
            self._problem("layers", text)
        for container in config.containers:
            if not self.is_package(container):
                self._problem("containers", f"{container!r} matches no package under the source roots")
        for group in groups:
            for name in group.names:
                if name in group.optional:
                    continue
                places = [f"{c}.{name}" for c in config.containers] if config.containers else [name]
                if not any(self.module_exists(place) for place in places):
                    where = "any container" if config.containers else "the source roots"
                    self._problem("layers", f"layer {name!r} exists in none of {where}")
        return ExplicitLayers(groups, config.containers)

    def _find_module(self, name: str) -> tuple[str, bool] | None:
        return module_location(name, self.config.source_roots)

    def location(self, name: str) -> tuple[str, bool] | None:
        """The file (or namespace directory) of first-party module ``name`` and
        whether it is a package, or ``None``."""
        return self._modules(name)

    def observe(self, label: str, question: str) -> object:
        """The answer a check observed (:func:`archcheck.runs.observing`), asked again."""
        if label == "module":
            return self._modules(question)
        if label == "layer":
            return self._layers_of(question)
        return _UNANSWERED

    def module_exists(self, name: str) -> bool:
        """Whether ``name`` is a first-party module, package or namespace package."""
        return self._modules(name) is not None

    def is_package(self, name: str) -> bool:
        """Whether ``name`` is a first-party package (regular or namespace)."""
        found = self._modules(name)
        return found is not None and found[1]

    def children(self, package: str) -> frozenset[str]:
        """Names of the sub-packages and modules of ``package`` ("" for the roots)."""
        relative = Path(*package.split(".")) if package else Path()
        names: frozenset[str] = frozenset()
        for root in self.config.source_roots:
            names |= package_children(root / relative)
        return names

    def is_first_party(self, top: str) -> bool:
        """Whether the top-level module ``top`` lives under a source root."""
        return self.module_exists(top)

    def is_third_party(self, module: str) -> bool:
        """Neither standard library, nor first-party, nor always allowed."""
        top = module.partition(".")[0]
        return top not in STDLIB_MODULES and top not in ALWAYS_ALLOWED and not self.is_first_party(top)

    def layer_of(self, module: str) -> Layer | None:
        """The layer ``module`` belongs to; tests belong to none (``exclude_tests``)."""
        return self._layers_of(module)

    def _find_layer(self, module: str) -> Layer | None:
        if self.layers is None or (self.config.exclude_tests and is_test_module(module)):
            return None
        return self.layers.layer_of(module)

    def contract_layer_of(self, module: str) -> Layer | None:
        """The layer of ``module`` in the first import-linter layers contract that places it.

        For the rules that ask which layer a module is in (``domain_layer``,
        ``type_hints_layers``); ARC101 and ARC105 judge contracts by
        import-linter's own semantics instead (:mod:`archcheck.contracts`).
        """
        if not self.config.importlinter or (self.config.exclude_tests and is_test_module(module)):
            return None
        settings = find_importlinter_config(self.config.root)
        if settings is None:
            return None
        if self._contract_layers is None or self._contract_layers[0] is not settings:
            layerings = []
            for layers, containers in settings.layers_contracts():
                groups, _malformed = parse_layers(layers)
                layerings.append(ExplicitLayers(groups, containers))
            self._contract_layers = (settings, tuple(layerings))
        return next((found for lay in self._contract_layers[1] if (found := lay.layer_of(module))), None)

    def context_of(self, module: str) -> str | None:
        """The innermost bounded context that holds ``module``."""
        if module not in self._contexts:
            inside = [c for c in self.config.contexts if covers(c, module)]
            self._contexts[module] = max(inside, key=len) if inside else None
        return self._contexts[module]

    def is_public_surface(self, context: str, module: str) -> bool:
        """Whether other contexts may import ``module`` of ``context``."""
        if module == context:
            return True
        return any(covers(f"{context}.{public}", module) for public in self.config.context_public)

    def targets(self, fact: ImportFact, importer: ModuleName) -> Iterator[str]:
        """The absolute modules an import fact names (``from a import b``: ``a.b`` if a module)."""
        return import_targets(fact, importer, self.module_exists)

    def is_ignored(self, importer: str, imported: str) -> bool:
        """Whether ``ignore_imports`` exempts this import."""
        if not self.ignored:
            return False
        key = (importer, imported)
        if key not in self._ignored:
            self._ignored[key] = any(matches(a, importer) and matches(b, imported) for a, b in self.ignored)
        return self._ignored[key]

    def _parse_ignored(self) -> tuple[tuple[str, str], ...]:
        pairs = []
        for entry in self.config.ignore_imports:
            importer, arrow, imported = (part.strip() for part in entry.partition("->"))
            if not arrow or not is_valid(importer) or not is_valid(imported):
                self._problem("ignore_imports", f"{entry!r} is not of the form 'importer -> imported'")
                continue
            pairs.append((importer, imported))
        return tuple(pairs)
