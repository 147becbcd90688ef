"""Findings of unchanged modules, stored across host runs (archcheck.results).

Every test lints in a host run (``shared=True``, as flake8 and pylint do),
starting each run afresh as a new process would, and checks that what the
store answers is what the rules find: after edits of the module itself, of a
module whose classes it reads, of a module whose imports it reaches, of the
configuration and of the selection.
"""

from __future__ import annotations

import importlib
import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from archcheck import checking, engine, index, results
from archcheck.config import load_config
from archcheck.engine import check_module
from archcheck.graph import forget, project_graph
from archcheck.graph_cache import FORMAT, sealed
from archcheck.registry import rule
from tests.support import stored_document, write_project
from tests.test_indirect import fresh_copy

SCHEDULE = "tolls/domain/schedule.py"


def _lint(root: Path, name: str, selected: Any = None) -> list[tuple[int, str]]:
    """A host run's findings for one module, in a run that remembers nothing in memory."""
    engine.forget_shared()
    forget()
    index._files.clear()  # pylint: disable=protected-access
    options = {"selected": selected} if selected is not None else {}
    return [(f.line, f.code) for f in check_module(str(root / name), shared=True, **options)]


def _stored(root: Path) -> list[Path]:
    return sorted((root / ".archcheck_cache" / "findings").glob("*.json"))


@pytest.fixture(name="rules_refused")
def _rules_refused(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Makes any run of the rules fail the test: answers must come from the store."""

    def refuse() -> None:
        def fail(*_args: Any) -> Any:
            raise AssertionError("the rules ran")

        monkeypatch.setattr(checking, "findings", fail)

    return refuse


def test_an_unchanged_module_is_answered_from_the_store(tmp_path: Path, rules_refused: Any) -> None:
    root = fresh_copy(tmp_path)
    first = _lint(root, SCHEDULE)
    assert [line for line, code in first if code == "ARC105"] == [3, 4, 6, 7, 8]
    assert len(_stored(root)) == 1
    rules_refused()
    assert _lint(root, SCHEDULE) == first


def test_the_module_is_checked_again_when_its_text_changes(tmp_path: Path) -> None:
    root = fresh_copy(tmp_path)
    _lint(root, SCHEDULE)
    path = root / SCHEDULE
    path.write_text(path.read_text(encoding="utf-8").replace("from shared.deep import stamp", "stamp = str"))
    assert [line for line, code in _lint(root, SCHEDULE) if code == "ARC105"] == [3, 6, 7, 8]
    assert len(_stored(root)) == 1  # one entry per module, replaced


def test_a_changed_import_of_another_module_is_seen(tmp_path: Path) -> None:
    root = fresh_copy(tmp_path)
    _lint(root, SCHEDULE)
    helper = root / "shared" / "formatting.py"
    helper.write_text("from tolls.infrastructure import clock\n\n\ndef money(cents: int) -> str:\n    return ''\n")
    assert [line for line, code in _lint(root, SCHEDULE) if code == "ARC105"] == [3, 4, 5, 6, 7, 8]


def test_a_buffer_with_unsaved_edits_is_not_answered_with_the_file(tmp_path: Path) -> None:
    root = fresh_copy(tmp_path)
    _lint(root, SCHEDULE)
    buffer = (root / SCHEDULE).read_text(encoding="utf-8").replace("from shared.tie import ticks", "ticks = int")
    engine.forget_shared()
    found = [f.line for f in check_module(str(root / SCHEDULE), buffer, shared=True) if f.code == "ARC105"]
    assert found == [3, 4, 6, 8]


VALUES = """
    from shop.base import BaseValue


    class Money(BaseValue):
        def __init__(self, amount: int) -> None:
            self.amount = amount
"""
KERNEL = "class ValueObject:\n    pass\n"
PLAIN_BASE = "from shop.kernel import ValueObject\n\n\nclass BaseValue:\n    pass\n"
VALUE_BASE = "from shop.kernel import ValueObject\n\n\nclass BaseValue(ValueObject):\n    pass\n"
MARKED = '[tool.archcheck]\n[tool.archcheck.markers.value_object]\nbases = ["ValueObject"]\n'


def _with_graph(root: Path) -> Path:
    config = load_config(root)
    assert config.cache_dir is not None
    project_graph(config.source_roots, config.cache_dir)  # the store needs a graph to exist
    return root


def _domain_project(tmp_path: Path) -> Path:
    files = {
        "pyproject.toml": MARKED,
        "shop/__init__.py": "",
        "shop/kernel.py": KERNEL,
        "shop/base.py": PLAIN_BASE,
        "shop/values.py": textwrap.dedent(VALUES),
    }
    return _with_graph(write_project(tmp_path, files))


def test_a_class_changed_in_another_module_is_seen_though_no_import_changed(tmp_path: Path) -> None:
    root = _domain_project(tmp_path)
    assert _lint(root, "shop/values.py") == []
    assert len(_stored(root)) == 1
    (root / "shop" / "base.py").write_text(VALUE_BASE, encoding="utf-8")
    assert _lint(root, "shop/values.py") == [(5, "ARC201")]
    (root / "shop" / "base.py").write_text(PLAIN_BASE + "\n", encoding="utf-8")
    assert _lint(root, "shop/values.py") == []


def test_the_files_the_rules_read_are_stored_with_their_stamps(tmp_path: Path) -> None:
    root = _domain_project(tmp_path)
    _lint(root, "shop/values.py")
    [entry] = _stored(root)
    files = {Path(row[0]).name for row in stored_document(entry)["payload"][1]}
    assert files == {"base.py"}


def test_a_changed_configuration_is_seen(tmp_path: Path) -> None:
    root = _domain_project(tmp_path)
    (root / "shop" / "base.py").write_text(VALUE_BASE, encoding="utf-8")
    assert _lint(root, "shop/values.py") == [(5, "ARC201")]
    (root / "pyproject.toml").write_text(MARKED.replace("ValueObject", "OtherBase"))
    assert _lint(root, "shop/values.py") == []


def test_another_selection_is_not_answered_with_the_stored_one(tmp_path: Path) -> None:
    root = _domain_project(tmp_path)
    (root / "shop" / "base.py").write_text(VALUE_BASE, encoding="utf-8")
    assert _lint(root, "shop/values.py", selected=lambda code: code != "ARC201") == []
    assert _lint(root, "shop/values.py") == [(5, "ARC201")]
    assert len(_stored(root)) == 2, "each selection keeps its own entry (flake8's and pylint's may differ)"


def test_nothing_is_stored_before_the_project_has_a_graph(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"shop/__init__.py": "", "shop/values.py": textwrap.dedent(VALUES)})
    _lint(root, "shop/values.py")
    assert not _stored(root)


_SEALED_SHAPES = [
    '{"format": %d, "payload": [1, 2]}' % FORMAT,
    '{"format": %d, "payload": ["k", [], [[1]]]}' % FORMAT,
    '{"format": 1, "payload": []}',
]


@pytest.mark.parametrize("damage", ["", "{", *_SEALED_SHAPES, *map(sealed, _SEALED_SHAPES)])
def test_a_damaged_entry_is_checked_again(tmp_path: Path, damage: str) -> None:
    root = _domain_project(tmp_path)
    (root / "shop" / "base.py").write_text(VALUE_BASE, encoding="utf-8")
    assert _lint(root, "shop/values.py") == [(5, "ARC201")]
    [entry] = _stored(root)
    entry.write_text(damage, encoding="utf-8")
    assert _lint(root, "shop/values.py") == [(5, "ARC201")]


def test_the_store_is_trusted_only_for_the_text_it_was_stored_for(tmp_path: Path) -> None:
    root = _domain_project(tmp_path)
    _lint(root, "shop/values.py")
    [entry] = _stored(root)
    checksum, document = entry.read_text(encoding="utf-8").split("\n", 1)
    made_up = json.loads(document)
    made_up["payload"][4] = [[1, 0, "ARC101", "made up"]]
    entry.write_text(f"{checksum}\n{json.dumps(made_up)}", encoding="utf-8")
    assert _lint(root, "shop/values.py") == [], "an entry that is not as written is not trusted"
    entry.write_text(sealed(json.dumps(made_up)), encoding="utf-8")
    assert _lint(root, "shop/values.py") == [(1, "ARC101")]  # whole, and the key matches: the store is trusted
    (root / "shop" / "values.py").write_text(textwrap.dedent(VALUES) + "\n", encoding="utf-8")
    assert _lint(root, "shop/values.py") == []


def test_a_failing_rule_is_not_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _domain_project(tmp_path)
    (root / "shop" / "base.py").write_text(VALUE_BASE, encoding="utf-8")

    def broken(_ctx: Any) -> Any:
        raise RuntimeError("boom")

    home = importlib.import_module(str(rule("ARC201").home))
    monkeypatch.setattr(home, "check", broken)
    assert (1, "ARC000") in _lint(root, "shop/values.py")
    assert not _stored(root)
    monkeypatch.undo()
    assert _lint(root, "shop/values.py") == [(5, "ARC201")]


IMPORTS_A_NAMESPACE = "from shop import infrastructure\n"


def test_a_layout_change_the_graph_does_not_track_is_seen(tmp_path: Path) -> None:
    """A namespace directory is no module of the graph (grimp's view), but it
    makes ``shop`` a container of conventional layers and ``shop.infrastructure``
    a module: the questions the rules asked get other answers."""
    files = {"shop/__init__.py": "", "shop/domain/__init__.py": "", "shop/domain/m.py": IMPORTS_A_NAMESPACE}
    root = _with_graph(write_project(tmp_path, files))
    assert _lint(root, "shop/domain/m.py") == []
    (root / "shop" / "infrastructure").mkdir()
    assert _lint(root, "shop/domain/m.py") == [(1, "ARC101")]


def test_a_stored_entry_records_the_questions_asked_of_the_file_system(tmp_path: Path) -> None:
    files = {"shop/__init__.py": "", "shop/domain/__init__.py": "", "shop/domain/m.py": IMPORTS_A_NAMESPACE}
    root = _with_graph(write_project(tmp_path, files))
    _lint(root, "shop/domain/m.py")
    [entry] = _stored(root)
    questions = stored_document(entry)["payload"][2]
    assert ["layer", "shop.domain.m"] in questions  # no layer: nothing else was worth asking


LAYERED = {
    "shop/__init__.py": "",
    "shop/domain/__init__.py": "",
    "shop/domain/a.py": "",
    "shop/domain/b.py": "",
    "shop/infrastructure/__init__.py": "",
    "shop/infrastructure/c.py": "",
}


EXPLICIT = 'layers = ["infrastructure", "domain"]\ncontainers = ["shop"]\n'


@pytest.mark.parametrize("layers", ["", EXPLICIT], ids=["conventional", "explicit"])
def test_the_modules_of_one_layer_share_its_answer_and_its_spelling(tmp_path: Path, layers: str) -> None:
    """A whole run keeps each module's layer and the answers' spellings: one per
    layer, not one per module (memory, measured in docs/performance.md)."""
    files = {**LAYERED, "pyproject.toml": f"[tool.archcheck]\n{layers}"}
    project = engine.project_for(load_config(write_project(tmp_path, files)))
    engine.forget_shared()  # a host run
    questions = [["layer", "shop.domain.a"], ["layer", "shop.domain.b"], ["layer", "shop.infrastructure.c"]]
    first, second, other = results._answers_now(project, questions)  # pylint: disable=protected-access
    assert project.layer_of("shop.domain.a") is project.layer_of("shop.domain.b")
    assert first == second == repr(project.layer_of("shop.domain.a")) != other
    assert len(results._spelled) == 2  # pylint: disable=protected-access


def test_an_answer_that_cannot_be_a_key_is_spelled_all_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = engine.project_for(load_config(write_project(tmp_path, LAYERED)))
    engine.forget_shared()
    monkeypatch.setattr(project, "observe", lambda label, question: [label, question])
    spelled = results._answers_now(project, [["module", "shop"]])  # pylint: disable=protected-access
    assert list(spelled) == ["['module', 'shop']"]
