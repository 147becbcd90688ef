"""The engine: a failing rule becomes ARC000 while the others run; nothing escapes."""

from __future__ import annotations

import ast
import gc
import importlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from archcheck import checking, engine, registry
from archcheck.config import discovery
from archcheck.context import ModuleContext, per_module
from archcheck.facts.module import collect_facts
from archcheck.findings import Finding
from archcheck.modules import ModuleName
from tests.support import codes_at, write_project

FILES = {
    "shop/__init__.py": "",
    "shop/domain/__init__.py": "",
    "shop/domain/m.py": "import requests\nfrom shop.infra import db\n",
    "shop/infra/__init__.py": "",
    "shop/infra/db.py": "",
}


def _explode(ctx: ModuleContext) -> Iterator[Finding]:
    raise KeyError(f"boom in {ctx.module.name}")


def _break(monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    home = registry.rule(code).home
    assert home is not None
    monkeypatch.setattr(importlib.import_module(home), "check", _explode)


def test_a_failing_rule_reports_arc000_once_and_the_others_still_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_project(tmp_path, FILES)
    _break(monkeypatch, "ARC103")
    found = engine.check_module(str(root / "shop/domain/m.py"))
    assert [(f.line, f.col, f.code) for f in found] == [(1, 0, "ARC000"), (2, 0, "ARC101")]
    assert "rule ARC103 (domain-framework-import) raised KeyError" in found[0].message
    assert "please report" in found[0].message


def test_selection_skips_rules_and_their_failures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_project(tmp_path, FILES)
    _break(monkeypatch, "ARC103")
    found = engine.check_module(str(root / "shop/domain/m.py"), selected=lambda code: code != "ARC103")
    assert [f.code for f in found] == ["ARC101"]


def test_unparsable_and_unreadable_input_is_silent(tmp_path: Path) -> None:
    root = write_project(tmp_path, FILES)
    assert codes_at(root, "shop/domain/m.py", source="def broken(:\n") == []
    assert codes_at(root, "shop/domain/missing.py") == []
    (root / "shop/domain/latin.py").write_bytes(b"# coding: latin-1\nimport requests  # \xe9\n")
    assert codes_at(root, "shop/domain/latin.py") == [(2, 0, "ARC103")]


def test_findings_are_unique_and_sorted(tmp_path: Path) -> None:
    root = write_project(tmp_path, FILES)
    found = engine.check_module(str(root / "shop/domain/m.py"), "from shop.infra import db, db\nimport requests\n")
    assert [(f.line, f.code) for f in found] == [(1, "ARC101"), (2, "ARC103")]


def test_a_fifo_named_like_a_module_never_blocks_the_project_index(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"shop/__init__.py": "", "shop/m.py": "from shop.base import Base\n\n\n"
                                    "class Money(Base):\n    amount: int\n"})
    os.mkfifo(root / "shop/base.py")
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(engine.check_module(str(root / "shop/m.py"))), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "the check blocked on a FIFO"
    assert done == [()]


def test_in_memory_caches_stay_bounded_in_a_long_lived_process(tmp_path: Path) -> None:
    for number in range(200):
        root = write_project(tmp_path / str(number), {"m.py": ""})
        engine.check_module(str(root / "m.py"))
    assert len(discovery._config_cache) <= discovery._CONFIGS_KEPT
    assert len(engine._projects) <= engine._PROJECTS_KEPT


def test_per_module_answers_once_per_context_and_afresh_for_another(tmp_path: Path) -> None:
    calls: list[int] = []

    @per_module
    def count_imports(ctx: ModuleContext) -> int:
        calls.append(1)
        return len(ctx.facts.imports)

    tree = ast.parse("import a\nimport b\n")
    project = engine.project_for(discovery.load_config(tmp_path))
    ctx = ModuleContext(tmp_path / "m.py", ModuleName("m", False, False), tree, collect_facts(tree), project)
    assert count_imports(ctx) == 2 and count_imports(ctx) == 2
    alone = ctx._replace(facts=ctx.facts._replace(imports=ctx.facts.imports[:1]))
    assert count_imports(alone) == 1  # same tree, other facts: not the cached answer
    assert len(calls) == 2


@pytest.mark.parametrize("enabled", [True, False])
def test_the_garbage_collector_is_left_as_the_host_had_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    root = write_project(tmp_path, FILES)
    _break(monkeypatch, "ARC103")  # a failing rule on the way must not leave it paused either
    seen: list[bool] = []
    monkeypatch.setattr(checking, "collect_facts", lambda *args: (seen.append(gc.isenabled()), collect_facts(*args))[1])
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        found = engine.check_module(str(root / "shop/domain/m.py"))
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == [False], "paused while the module is parsed and its facts collected"
    assert [f.code for f in found] == ["ARC000", "ARC101"]
