"""Answers remembered per host run: reused within a run, looked for again in the next."""

from __future__ import annotations

from pathlib import Path

from archcheck import engine, runs
from tests.support import write_project


def test_a_run_memo_answers_once_per_run_and_forgets_at_the_next() -> None:
    asked: list[str] = []

    def compute(name: str) -> int:
        asked.append(name)
        return len(asked)

    memo = runs.RunMemo(compute)
    runs.new_run()
    runs.enter_check(True)
    assert (memo("a"), memo("a"), memo("b")) == (1, 1, 2)
    runs.new_run()
    assert memo("a") == 3
    runs.enter_check(False)
    assert (memo("a"), memo("a")) == (4, 5), "outside a host run nothing is remembered"


def test_a_module_created_between_two_host_runs_is_seen_by_the_second(tmp_path: Path) -> None:
    root = write_project(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/domain/__init__.py": "",
            "shop/domain/m.py": "from shop.infrastructure import db\n",
            "shop/infrastructure/__init__.py": "",
        },
    )
    path = str(root / "shop/domain/m.py")
    engine.forget_shared()
    before = engine.check_module(path, shared=True)
    assert [(f.code, "shop.infrastructure.db" in f.message) for f in before] == [("ARC101", False)]
    (root / "shop/infrastructure/db.py").write_text("", encoding="utf-8")
    engine.forget_shared()
    after = engine.check_module(path, shared=True)
    assert [(f.code, "shop.infrastructure.db" in f.message) for f in after] == [("ARC101", True)]
