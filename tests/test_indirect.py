"""ARC105 indirect-layer-violation: chains, switches, overlay, and the graph it reads."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archcheck.chains import shortest_chain
from archcheck.config import load_config
from archcheck.engine import check_module
from archcheck.facts.imports import collect_imports
from archcheck.graph import build_graph, forget, own_node, project_graph
from archcheck.modules import ModuleName
from tests.support import run_core, run_flake8, run_pylint

FIXTURE = Path(__file__).parent / "fixtures" / "indirect_basic"


def fresh_copy(tmp_path: Path) -> Path:
    """A private copy of the indirect_basic fixture, with no cache, and no graph in memory."""
    forget()
    target = tmp_path / "indirect"
    shutil.copytree(FIXTURE, target, ignore=shutil.ignore_patterns(".archcheck_cache", "__pycache__"))
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """See :func:`fresh_copy`."""
    return fresh_copy(tmp_path)


def _arc105(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    return [(f.line, f.message) for f in check_module(str(path), source) if f.code == "ARC105"]


def _configure(project: Path, extra: str) -> None:
    text = (project / "pyproject.toml").read_text(encoding="utf-8")
    (project / "pyproject.toml").write_text(text + extra, encoding="utf-8")


def test_the_message_shows_the_whole_shortest_chain(project: Path) -> None:
    found = dict(_arc105(project / "tolls" / "domain" / "schedule.py"))
    assert found[4].endswith("tolls.domain.schedule -> shared.deep -> shared.clockutil -> tolls.infrastructure.clock")
    assert "reaches tolls.infrastructure.clock (layer infrastructure) through shared.deep" in found[4]


def test_equally_short_chains_are_broken_by_module_name_order(project: Path) -> None:
    found = dict(_arc105(project / "tolls" / "domain" / "schedule.py"))
    assert found[7].endswith("shared.tie -> shared.a_mid -> tolls.infrastructure.clock")


def test_a_chain_through_a_layered_module_is_reported_there_not_at_the_start(project: Path) -> None:
    assert [line for line, _ in _arc105(project / "tolls" / "application" / "billing.py")] == [3]


def test_the_highest_layer_and_unlayered_modules_report_nothing(project: Path) -> None:
    assert _arc105(project / "tolls" / "infrastructure" / "report.py") == []
    assert _arc105(project / "shared" / "deep.py") == []


def test_indirect_false_switches_the_rule_off(project: Path) -> None:
    _configure(project, "indirect = false\n")
    assert _arc105(project / "tolls" / "domain" / "schedule.py") == []


def test_exclude_type_checking_imports_drops_chains_through_guarded_imports(project: Path) -> None:
    _configure(project, "exclude_type_checking_imports = true\n")
    lines = [line for line, _ in _arc105(project / "tolls" / "domain" / "schedule.py")]
    assert lines == [3, 4, 6, 7]


def test_ignore_imports_cut_a_chain(project: Path) -> None:
    _configure(project, 'ignore_imports = ["shared.clockutil -> tolls.infrastructure.*"]\n')
    assert check_module(str(project / "tolls" / "application" / "billing.py")) == ()


def test_an_ignore_imports_entry_that_matches_no_import_is_a_config_error(project: Path) -> None:
    entries = ["shared.clockutil -> tolls.domain.*", "shared.nothing -> **", "shared.plugin -> importlib.util"]
    _configure(project, f"ignore_imports = {entries!r}\n".replace("'", '"'))
    found = check_module(str(project / "tolls" / "domain" / "rates.py"))
    assert [(f.line, f.col, f.code) for f in found] == [(1, 0, "ARC001")] * 2
    assert "'shared.clockutil -> tolls.domain.*' matches no import" in found[0].message
    assert "ignore_imports" in found[1].message and "shared.nothing -> **" in found[1].message


def test_the_unsaved_buffer_counts(project: Path) -> None:
    rates = project / "tolls" / "domain" / "rates.py"
    assert _arc105(rates) == []
    buffer = "from shared.clockutil import today\n"
    assert [line for line, _ in _arc105(rates, buffer)] == [1]


def test_an_edited_helper_is_seen_on_the_next_run_in_the_same_process(project: Path) -> None:
    rates = project / "tolls" / "domain" / "rates.py"
    assert _arc105(rates) == []
    helper = project / "shared" / "formatting.py"
    helper.write_text("from tolls.infrastructure import clock\n\n\nclock_name = clock.__name__\n", encoding="utf-8")
    assert [line for line, _ in _arc105(rates)] == [4]


def test_a_new_helper_module_is_seen_on_the_next_run(project: Path) -> None:
    rates = project / "tolls" / "domain" / "rates.py"
    assert _arc105(rates) == []  # the graph is built without shared.fresh
    (project / "shared" / "fresh.py").write_text("import tolls.infrastructure.clock\n", encoding="utf-8")
    assert [line for line, _ in _arc105(rates, "import shared.fresh\n")] == [1]


def test_grimp_and_archcheck_name_the_same_edges(project: Path) -> None:
    """The overlay compares a buffer's edges with grimp's: they must agree on saved files."""
    config = load_config(project)
    graph = build_graph(config.source_roots)
    assert graph.nodes
    for name, node in graph.nodes.items():
        tree = ast.parse(Path(node.file).read_bytes())
        module = ModuleName(name, node.is_package, False)
        assert own_node(graph, module, node.file, collect_imports(tree)).imports == node.imports, name


def test_building_restores_sys_path(project: Path) -> None:
    before = list(sys.path)
    config = load_config(project)
    project_graph(config.source_roots, None)
    assert sys.path == before


def test_grimp_is_imported_only_when_a_graph_is_needed(project: Path) -> None:
    script = (
        "import sys\nfrom archcheck.engine import check_module\n"
        "check_module(sys.argv[1])\nprint('grimp' in sys.modules)\n"
        "check_module(sys.argv[2])\nprint('grimp' in sys.modules)\n"
    )
    quiet = project / "tolls" / "infrastructure" / "clock.py"
    busy = project / "tolls" / "domain" / "schedule.py"
    done = subprocess.run(
        [sys.executable, "-c", script, str(quiet), str(busy)], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", "True"]


def _edges(graph: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    return lambda module: graph.get(module, [])


def test_shortest_chain_prefers_fewer_hops_then_names() -> None:
    graph = {"s": ["z", "b", "a"], "a": ["m"], "b": ["top"], "z": ["top"], "m": ["top"]}
    chain = shortest_chain(
        "s", _edges(graph), is_goal=lambda m: m == "top", is_passable=lambda m: m != "top"
    )
    assert chain == ("s", "b", "top")


def test_shortest_chain_stops_at_modules_that_are_neither_passable_nor_goals() -> None:
    graph = {"s": ["lower"], "lower": ["top"]}
    chain = shortest_chain("s", _edges(graph), is_goal=lambda m: m == "top", is_passable=lambda m: m == "s")
    assert chain is None


@pytest.mark.parametrize("name", ["indirect_basic", "importlinter_layers"])
def test_parallel_jobs_on_a_cold_cache_find_the_same(tmp_path: Path, name: str) -> None:
    """flake8 -j and pylint -j workers race to build the graph; the findings do not change."""
    source = Path(__file__).parent / "fixtures" / name
    copy = tmp_path / name
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns(".archcheck_cache", "__pycache__"))
    core = run_core(source.resolve())
    assert run_flake8(copy, jobs=2) == core
    shutil.rmtree(copy / ".archcheck_cache")
    assert run_pylint(copy, jobs=2) == core


def test_a_symlink_loop_in_a_package_ends_the_scan(project: Path) -> None:
    (project / "shared" / "loop").mkdir()
    (project / "shared" / "loop" / "__init__.py").write_text("", encoding="utf-8")
    (project / "shared" / "loop" / "again").symlink_to(project / "shared" / "loop")
    graph = build_graph(load_config(project).source_roots)
    assert "shared.loop" in graph.nodes
    assert [line for line, _ in _arc105(project / "tolls" / "application" / "billing.py")] == [3]
