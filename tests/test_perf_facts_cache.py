"""The facts cache: correct answers, invalidation, corruption and write faults (no timings)."""

from __future__ import annotations

import ast
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from archcheck import facts_cache
from archcheck.engine import check_module
from archcheck.facts import ImportFact, ImportKind, ModuleFacts, collect_facts

SOURCE = """\
from __future__ import annotations

import os.path
from typing import TYPE_CHECKING as TC

from . import sibling
from ..pkg import other as renamed

if TC:
    import collections.abc
else:
    import json


def late() -> None:
    import importlib
    importlib.import_module("shop.plugins")
"""


@pytest.fixture(autouse=True)
def _fresh_memory() -> Iterator[None]:
    facts_cache.clear_memory()
    yield
    facts_cache.clear_memory()


def _module(tmp_path: Path, text: str = SOURCE) -> Path:
    path = tmp_path / "src" / "shop" / "mod.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("facts-*/*.json"))


def test_a_stored_entry_gives_back_exactly_the_collected_facts(tmp_path: Path) -> None:
    cache_dir, path = tmp_path / "cache", _module(tmp_path)
    expected = collect_facts(ast.parse(SOURCE))
    assert {fact.kind for fact in expected.imports} == set(ImportKind)  # every kind goes through JSON
    first = facts_cache.facts_for_source(cache_dir, path, SOURCE, ast.parse(SOURCE))
    facts_cache.clear_memory()
    again = facts_cache.facts_for_source(cache_dir, path, SOURCE, ast.Module(body=[], type_ignores=[]))
    assert first == expected
    assert again == expected  # from disk: the (empty) tree was not walked
    assert len(_entries(cache_dir)) == 1


def test_entries_are_plain_json_naming_their_module(tmp_path: Path) -> None:
    cache_dir, path = tmp_path / "cache", _module(tmp_path)
    facts_cache.facts_for_source(cache_dir, path, SOURCE, ast.parse(SOURCE))
    (entry,) = _entries(cache_dir)
    data = json.loads(entry.read_text(encoding="utf-8"))
    assert data["path"] == str(path)
    assert data["facts"]["imports"][0]["base"] == "__future__"
    assert (cache_dir / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_a_changed_buffer_is_collected_again(tmp_path: Path) -> None:
    cache_dir, path = tmp_path / "cache", _module(tmp_path)
    facts_cache.facts_for_source(cache_dir, path, SOURCE, ast.parse(SOURCE))
    edited = SOURCE + "import shop.more\n"
    facts_cache.clear_memory()
    found = facts_cache.facts_for_source(cache_dir, path, edited, ast.parse(edited))
    assert found.imports[-1].base == "shop.more"
    assert found == collect_facts(ast.parse(edited))


def test_the_memory_layer_also_checks_the_buffer(tmp_path: Path) -> None:
    path = _module(tmp_path)
    facts_cache.facts_for_source(None, path, SOURCE, ast.parse(SOURCE))
    edited = "import shop.only\n"
    found = facts_cache.facts_for_source(None, path, edited, ast.parse(edited))
    assert [fact.base for fact in found.imports] == ["shop.only"]


def test_a_file_entry_is_reused_until_mtime_or_size_changes(tmp_path: Path) -> None:
    cache_dir, path = tmp_path / "cache", _module(tmp_path)
    first = facts_cache.facts_for_file(cache_dir, path)
    assert first == collect_facts(ast.parse(SOURCE))
    facts_cache.clear_memory()
    assert facts_cache.facts_for_file(cache_dir, path) == first
    path.write_text("import shop.changed\n", encoding="utf-8")
    stamp = path.stat()
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 5_000_000_000))
    facts_cache.clear_memory()
    changed = facts_cache.facts_for_file(cache_dir, path)
    assert changed is not None
    assert [fact.base for fact in changed.imports] == ["shop.changed"]


def test_a_same_size_edit_with_a_new_mtime_is_seen(tmp_path: Path) -> None:
    cache_dir, path = tmp_path / "cache", _module(tmp_path, "import shop.aaa\n")
    facts_cache.facts_for_file(cache_dir, path)
    path.write_text("import shop.bbb\n", encoding="utf-8")
    stamp = path.stat()
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1))
    found = facts_cache.facts_for_file(cache_dir, path)
    assert found is not None and found.imports[0].base == "shop.bbb"


def test_unreadable_or_unparsable_files_give_none(tmp_path: Path) -> None:
    broken = _module(tmp_path, "def (:\n")
    assert facts_cache.facts_for_file(tmp_path / "cache", broken) is None
    assert facts_cache.facts_for_file(tmp_path / "cache", tmp_path / "missing.py") is None


@pytest.mark.parametrize(
    "damage",
    [
        "",
        "{not json",
        "[]",
        '{"path": "elsewhere.py"}',
        "null",
        "TRUNCATE",
        "WRONG_TYPE",
        "UNKNOWN_KIND",
        "EXTRA_FIELD",
    ],
)
def test_a_corrupt_entry_is_recomputed_and_replaced(tmp_path: Path, damage: str) -> None:
    cache_dir, path = tmp_path / "cache", _module(tmp_path)
    expected = facts_cache.facts_for_source(cache_dir, path, SOURCE, ast.parse(SOURCE))
    (entry,) = _entries(cache_dir)
    text = entry.read_text(encoding="utf-8")
    data = json.loads(text)
    if damage == "TRUNCATE":
        damaged = text[: len(text) // 2]
    elif damage == "WRONG_TYPE":
        data["facts"]["imports"][0]["line"] = "1"
        damaged = json.dumps(data)
    elif damage == "UNKNOWN_KIND":
        data["facts"]["imports"][0]["kind"] = "teleport"
        damaged = json.dumps(data)
    elif damage == "EXTRA_FIELD":
        data["facts"]["imports"][0]["surprise"] = 1
        damaged = json.dumps(data)
    else:
        damaged = damage
    entry.write_text(damaged, encoding="utf-8")
    facts_cache.clear_memory()
    assert facts_cache.facts_for_source(cache_dir, path, SOURCE, ast.parse(SOURCE)) == expected
    assert json.loads(entry.read_text(encoding="utf-8")) == json.loads(text)  # rewritten whole


def test_a_bool_is_not_accepted_for_an_int(tmp_path: Path) -> None:
    cache_dir, path = tmp_path / "cache", _module(tmp_path, "import a\n")
    facts_cache.facts_for_source(cache_dir, path, "import a\n", ast.parse("import a\n"))
    (entry,) = _entries(cache_dir)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["facts"]["imports"][0]["line"] = True
    entry.write_text(json.dumps(data), encoding="utf-8")
    facts_cache.clear_memory()
    assert facts_cache.load(cache_dir, path, facts_cache.Stamp(0, 0, facts_cache.digest("import a\n"))) is None


def test_write_faults_never_raise_and_leave_no_partial_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache_dir, path = tmp_path / "cache", _module(tmp_path)

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(facts_cache.os, "replace", refuse)
    found = facts_cache.facts_for_source(cache_dir, path, SOURCE, ast.parse(SOURCE))
    assert found == collect_facts(ast.parse(SOURCE))
    assert _entries(cache_dir) == []
    assert not list(cache_dir.rglob(".tmp-*"))


def test_an_unwritable_cache_dir_still_gives_facts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _module(tmp_path)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    found = facts_cache.facts_for_source(tmp_path / "cache", path, SOURCE, ast.parse(SOURCE))
    assert found == collect_facts(ast.parse(SOURCE))


def test_the_schema_names_the_facts_structure() -> None:
    version = facts_cache.schema()
    assert version is not None and len(version) == 16
    assert facts_cache._describe(ModuleFacts, set()).startswith("ModuleFacts(imports:")


def test_engine_findings_are_the_same_cold_and_warm(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    (project / "src" / "shop" / "domain").mkdir(parents=True)
    (project / "src" / "shop" / "infrastructure").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        '[tool.archcheck]\nsource_roots = ["src"]\nlayers = ["shop.infrastructure", "shop.domain"]\n'
        'cache_dir = ".cache"\n',
        encoding="utf-8",
    )
    for package in ("shop", "shop/domain", "shop/infrastructure"):
        (project / "src" / package / "__init__.py").write_text("", encoding="utf-8")
    (project / "src" / "shop" / "infrastructure" / "db.py").write_text("", encoding="utf-8")
    module = project / "src" / "shop" / "domain" / "model.py"
    module.write_text("import shop.infrastructure.db\n", encoding="utf-8")
    cold = check_module(str(module))
    assert [f.code for f in cold] == ["ARC101"]
    assert _entries(project / ".cache")
    facts_cache.clear_memory()
    module.write_text("import os\n", encoding="utf-8")
    assert check_module(str(module)) == ()
    module.write_text("import shop.infrastructure.db\n", encoding="utf-8")
    facts_cache.clear_memory()
    assert check_module(str(module)) == cold


CLASSES = """\
from dataclasses import dataclass
from shop.kernel import AggregateRoot, ValueObject


@dataclass(frozen=True)
class Money(ValueObject):
    amount: int
    currency: str = "EUR"

    def add(self, other: "Money") -> "Money":
        return Money(self.amount + other.amount, self.currency)


class Order(AggregateRoot):
    def __init__(self, order_id: str, lines: list[Money]) -> None:
        self.order_id = order_id
        self.lines = lines

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)
"""


@pytest.mark.parametrize("text", [SOURCE, CLASSES])
def test_every_kind_of_fact_survives_json(text: str) -> None:
    facts = collect_facts(ast.parse(text))
    encoded = json.loads(json.dumps(facts_cache._encode(facts)))
    assert facts_cache._decode(ModuleFacts, encoded) == facts


def test_a_string_import_fact_round_trips() -> None:
    fact = ImportFact(1, 0, "a", None, 0, ImportKind.STRING, False)
    assert facts_cache._decode(ImportFact, json.loads(json.dumps(facts_cache._encode(fact)))) == fact
