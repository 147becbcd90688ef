"""Generate a layered project for archcheck's benchmark.

Usage::

    python benchmarks/generate.py                       # large and small into benchmarks/generated/
    python benchmarks/generate.py --contexts 10 --out /tmp/medium

The project is a ``src`` layout: package ``bench`` holds ``contexts``
bounded contexts (``bench.ctx00`` …), each a container of four layers
(``presentation`` > ``infrastructure`` > ``application`` > ``domain``) of
``modules`` modules, plus ``bench.shared`` utilities that belong to no layer.
Every module is fully annotated, clean for pycodestyle and pyflakes, and
imports what a real module would: the standard library, lower layers of its
own context, shared utilities and other contexts' public packages. A fixed
share of modules (seeded, so every run generates the same bytes) breaks the
architecture: a higher-layer import (ARC101), another context's internals
(ARC102), a framework in the domain (ARC103), and a domain module reaching
infrastructure through a shared utility (ARC105's indirect chain).

The configuration is written twice, for archcheck (``[tool.archcheck]``) and
for import-linter (``.importlinter``), describing the same layers.
"""

from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

LAYERS = ("presentation", "infrastructure", "application", "domain")
STDLIB = ("dataclasses", "datetime", "decimal", "enum", "functools", "itertools", "uuid", "collections")
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Shape:
    """How big a generated project is."""

    contexts: int
    modules: int
    functions: int
    shared: int


LARGE = Shape(contexts=40, modules=10, functions=10, shared=10)
SMALL = Shape(contexts=2, modules=3, functions=10, shared=2)


def _module_name(context: int, layer: str, index: int) -> str:
    return f"bench.ctx{context:02d}.{layer}.m{index:02d}"


def _pick_imports(rng: random.Random, shape: Shape, context: int, layer: str, index: int) -> list[str]:
    """Modules this one imports: lower layers of its context, shared, public neighbours."""
    rank = LAYERS.index(layer)
    targets: list[str] = []
    for lower in LAYERS[rank + 1 :]:
        for other in rng.sample(range(shape.modules), k=min(2, shape.modules)):
            targets.append(_module_name(context, lower, other))
    for other in range(index):
        if rng.random() < 0.3:
            targets.append(_module_name(context, layer, other))
    if shape.shared and rng.random() < 0.5:
        targets.append(f"bench.shared.util{rng.randrange(shape.shared):02d}")
    if shape.contexts > 1 and layer != "domain" and rng.random() < 0.4:
        neighbour = rng.choice([c for c in range(shape.contexts) if c != context])
        targets.append(f"bench.ctx{neighbour:02d}")
    return targets


def _violations(rng: random.Random, shape: Shape, context: int, layer: str) -> list[str]:
    """Imports that break the architecture, for a seeded few modules."""
    roll = rng.random()
    rank = LAYERS.index(layer)
    if roll < 0.03 and rank > 0:
        return [_module_name(context, LAYERS[rank - 1], rng.randrange(shape.modules))]
    if roll < 0.05 and shape.contexts > 1:
        neighbour = rng.choice([c for c in range(shape.contexts) if c != context])
        return [_module_name(neighbour, "domain", rng.randrange(shape.modules))]
    if roll < 0.06 and layer == "domain" and shape.shared:
        return ["bench.shared.util00"]
    return []


def _function(rng: random.Random, prefix: str, number: int) -> list[str]:
    """One annotated function of about a dozen lines."""
    word = rng.choice(("total", "count", "price", "weight", "score", "limit"))
    return [
        f"def {prefix}_{word}_{number}(items: list[Record], factor: int = {number + 1}) -> int:",
        f'    """Sum the {word} of ``items`` scaled by ``factor``."""',
        "    result = 0",
        "    for item in items:",
        "        if item.quantity > factor:",
        "            result += item.quantity * factor",
        "        else:",
        "            result -= factor",
        f"    cache: dict[str, int] = {{'{word}': result}}",
        f"    return cache.get('{word}', 0) + {number}",
        "",
        "",
    ]


def _module_text(
    rng: random.Random, shape: Shape, name: str, targets: list[str], framework: bool
) -> str:
    """The source of one module: imports, a value object, an entity, functions."""
    stdlib = sorted(set(rng.sample(STDLIB, k=3)) | {"dataclasses"})
    lines = [f'"""Generated module {name}."""', "", "from __future__ import annotations", ""]
    lines += [f"import {module}" for module in stdlib]
    if framework:
        lines.append("import requests")
    aliases: list[str] = []
    for number, target in enumerate(dict.fromkeys(targets)):
        alias = f"dep{number}"
        if not aliases:
            lines.append("")
        aliases.append(alias)
        lines.append(f"import {target} as {alias}")
    lines += ["", ""]
    lines += [
        "@dataclasses.dataclass(frozen=True)",
        "class Record:",
        '    """A value object of this module."""',
        "",
        "    key: str",
        "    quantity: int",
        "",
        "    def doubled(self) -> Record:",
        '        """The same record with twice the quantity."""',
        "        return Record(self.key, self.quantity * 2)",
        "",
        "",
        "class Ledger:",
        '    """An entity that holds records."""',
        "",
        "    def __init__(self, ledger_id: str) -> None:",
        "        self.ledger_id = ledger_id",
        "        self._records: list[Record] = []",
        "",
        "    def add(self, record: Record) -> None:",
        '        """Keep ``record``."""',
        "        self._records.append(record)",
        "",
        "    def size(self) -> int:",
        '        """How many records are kept."""',
        "        return len(self._records)",
        "",
        "",
    ]
    prefix = name.rpartition(".")[2]
    for number in range(shape.functions):
        lines += _function(rng, prefix, number)
    lines.append("MODULES: tuple[object, ...] = (")
    lines += [f"    {module},  # keep the import used" for module in [*stdlib, *aliases]]
    if framework:
        lines.append("    requests,")
    lines.append(")")
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _config(shape: Shape) -> tuple[str, str]:
    """``pyproject.toml`` for archcheck and ``.importlinter`` for lint-imports."""
    containers = [f"bench.ctx{c:02d}" for c in range(shape.contexts)]
    quoted = ", ".join(f'"{c}"' for c in containers)
    layers = ", ".join(f'"{layer}"' for layer in LAYERS)
    pyproject = "\n".join(
        [
            "[tool.archcheck]",
            'source_roots = ["src"]',
            f"layers = [{layers}]",
            f"containers = [{quoted}]",
            f"contexts = [{quoted}]",
            "",
        ]
    )
    importlinter = "\n".join(
        [
            "[importlinter]",
            "root_package = bench",
            "",
            "[importlinter:contract:layers]",
            "name = Layers",
            "type = layers",
            "layers =",
            *[f"    {layer}" for layer in LAYERS],
            "containers =",
            *[f"    {container}" for container in containers],
            "",
        ]
    )
    return pyproject, importlinter


def generate(out: Path, shape: Shape, seed: int = 7) -> int:
    """Write the project into ``out`` (replacing it); return its number of lines."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    src = out / "src" / "bench"
    pyproject, importlinter = _config(shape)
    _write(out / "pyproject.toml", pyproject)
    _write(out / ".importlinter", importlinter)
    _write(out / "pylintrc", "[MAIN]\nload-plugins =\n")
    _write(src / "__init__.py", '"""The generated benchmark project."""\n')
    _write(src / "shared" / "__init__.py", '"""Utilities that belong to no layer."""\n')
    total = 0
    for index in range(shape.shared):
        # util00 reaches infrastructure: a domain module importing it breaks
        # the layering indirectly (ARC105), as a clock helper does in real code.
        targets = [_module_name(0, "infrastructure", 0)] if index == 0 and shape.contexts else []
        text = _module_text(rng, shape, f"bench.shared.util{index:02d}", targets, False)
        _write(src / "shared" / f"util{index:02d}.py", text)
        total += text.count("\n")
    for context in range(shape.contexts):
        package = src / f"ctx{context:02d}"
        public = [_module_name(context, "domain", 0)]
        init = '"""A bounded context; this package is its public surface."""\n\n'
        init += "".join(f"import {module}  # noqa: F401\n" for module in public)
        _write(package / "__init__.py", init)
        for layer in LAYERS:
            _write(package / layer / "__init__.py", f'"""The {layer} layer."""\n')
            for index in range(shape.modules):
                name = _module_name(context, layer, index)
                targets = _pick_imports(rng, shape, context, layer, index)
                targets += _violations(rng, shape, context, layer)
                framework = layer == "domain" and rng.random() < 0.02
                text = _module_text(rng, shape, name, [t for t in targets if t != name], framework)
                _write(package / layer / f"m{index:02d}.py", text)
                total += text.count("\n")
    return total


def main() -> None:
    """Command line: the large and small projects by default."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="one project into this directory (default: large and small)")
    parser.add_argument("--contexts", type=int, default=LARGE.contexts)
    parser.add_argument("--modules", type=int, default=LARGE.modules, help="modules per layer")
    parser.add_argument("--functions", type=int, default=LARGE.functions, help="functions per module")
    args = parser.parse_args()
    if args.out:
        shape = Shape(args.contexts, args.modules, args.functions, LARGE.shared)
        jobs = [(args.out, shape)]
    else:
        jobs = [(HERE / "generated" / "large", LARGE), (HERE / "generated" / "small", SMALL)]
    for out, shape in jobs:
        lines = generate(out, shape)
        print(f"{out}: {shape.contexts} contexts x {len(LAYERS)} layers x {shape.modules} modules, {lines} lines")


if __name__ == "__main__":
    main()
