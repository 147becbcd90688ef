"""The on-disk graph cache: concurrent writers, corruption, staleness, unwritable disks.

CI runs as root, whom file modes do not stop: permission and disk-full
failures are injected by monkeypatching ``open`` and ``os.replace``.
"""

from __future__ import annotations

import builtins
import errno
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from archcheck import engine, graph_cache
from archcheck.config import load_config
from archcheck.engine import check_module
from archcheck.graph import Node, ProjectGraph, forget, is_valid_graph, project_graph
from tests.test_indirect import fresh_copy

SCHEDULE = Path("tolls") / "domain" / "schedule.py"
WANT = [3, 4, 6, 7, 8]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the indirect_basic fixture."""
    return fresh_copy(tmp_path)


def _lines(project: Path) -> list[int]:
    """ARC105 lines of the schedule, as a fresh process would find them."""
    forget()
    engine._memo.clear()  # pylint: disable=protected-access
    source = (project / SCHEDULE).read_text(encoding="utf-8")
    return [f.line for f in check_module(str(project / SCHEDULE), source) if f.code == "ARC105"]


def _cache_files(project: Path) -> list[Path]:
    return sorted((project / ".archcheck_cache").glob("graph-*.json"))


def test_the_cache_is_written_validated_and_ignored_by_git(project: Path) -> None:
    assert _lines(project) == WANT
    [cache] = _cache_files(project)
    document = json.loads(cache.read_text(encoding="utf-8"))
    assert document["format"] == graph_cache.FORMAT
    assert is_valid_graph(document["payload"])
    assert (project / ".archcheck_cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_a_warm_run_reads_the_cache_instead_of_building(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _lines(project) == WANT

    def no_build(*_args: Any) -> Any:
        raise AssertionError("the graph was rebuilt although the cache is current")

    monkeypatch.setattr("archcheck.graph.build_graph", no_build)
    assert _lines(project) == WANT


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda _text: "{not json at all",
        lambda _text: "",
        lambda _text: json.dumps({"format": graph_cache.FORMAT, "payload": {"nodes": []}}),
        lambda _text: json.dumps({"format": graph_cache.FORMAT, "payload": None}),
        lambda _text: json.dumps([1, 2, 3]),
        lambda _text: "\x00\xff" * 10,
        lambda text: text.replace('"names":[', '"names":[7,', 1),
        lambda text: text.replace('"externals":[', '"externals":[99999,', 1),
        lambda text: text.replace('"externals":[', '"externals":[-1,', 1),
        lambda text: text.replace('"stamps":[[', '"stamps":[[1.5,', 1),
    ],
    ids=["truncated", "garbage", "empty", "wrong-shape", "null", "list", "binary", "wrong-type", "dangling-index",
         "negative-index", "wrong-stamp"],
)
def test_a_corrupt_cache_is_rebuilt_never_a_crash(project: Path, damage: Any) -> None:
    assert _lines(project) == WANT
    [cache] = _cache_files(project)
    text = cache.read_text(encoding="utf-8")
    damaged = damage(text)
    assert damaged != text
    cache.write_text(damaged, encoding="utf-8")
    assert _lines(project) == WANT
    assert is_valid_graph(json.loads(cache.read_text(encoding="utf-8"))["payload"])


def test_a_stale_cache_is_rebuilt(project: Path) -> None:
    assert _lines(project) == WANT
    (project / "shared" / "deep.py").write_text('"""No longer a path to the clock."""\n', encoding="utf-8")
    assert _lines(project) == [3, 6, 7, 8]
    (project / "shared" / "deep2.py").write_text("import shared.clockutil\n", encoding="utf-8")
    (project / "shared" / "deep.py").write_text("import shared.deep2\n", encoding="utf-8")
    assert _lines(project) == WANT


@pytest.mark.parametrize("error", [PermissionError(errno.EACCES, "denied"), OSError(errno.ENOSPC, "disk full")])
def test_an_unwritable_cache_leaves_findings_right_and_no_temporary_files(
    project: Path, monkeypatch: pytest.MonkeyPatch, error: OSError
) -> None:
    def refuse(*_args: Any) -> None:
        raise error

    monkeypatch.setattr(os, "replace", refuse)
    assert _lines(project) == WANT
    assert _lines(project) == WANT
    assert not list((project / ".archcheck_cache").glob("*.tmp"))
    assert _cache_files(project) == []


def test_an_unreadable_cache_is_rebuilt(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _lines(project) == WANT
    real_open = builtins.open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file).endswith(".json") and ".archcheck_cache" in str(file):
            raise PermissionError(errno.EACCES, "denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    assert _lines(project) == WANT


def test_a_cache_directory_that_cannot_be_created_is_harmless(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        (project / "pyproject.toml").read_text(encoding="utf-8") + 'cache_dir = "blocked/cache"\n', encoding="utf-8"
    )
    (project / "blocked").write_text("a file where a directory should be\n", encoding="utf-8")
    assert _lines(project) == WANT


_WRITER = """
import sys
from pathlib import Path
from archcheck.config import load_config
from archcheck.graph import build_graph, forget
from archcheck.graph_cache import cache_file, write_json
config = load_config(Path(sys.argv[1]))
graph = build_graph(config.source_roots).to_json()
path = cache_file(config.cache_dir, "graph", *(str(root) for root in config.source_roots))
for _ in range(int(sys.argv[2])):
    assert write_json(path, graph)
"""


def test_parallel_writers_never_leave_a_broken_file(project: Path) -> None:
    assert _lines(project) == WANT
    writers = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(project), "40"], stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    config = load_config(project)
    [cache] = _cache_files(project)
    for _ in range(200):
        text = cache.read_text(encoding="utf-8")
        assert is_valid_graph(json.loads(text)["payload"])
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    assert not list((project / ".archcheck_cache").glob("*.tmp"))
    forget()
    graph = project_graph(config.source_roots, config.cache_dir)
    assert "shared.clockutil" in graph.nodes


def test_parallel_linters_agree(project: Path) -> None:
    script = (
        "import sys\nfrom archcheck.engine import check_module\n"
        "print(sorted(f.line for f in check_module(sys.argv[1]) if f.code == 'ARC105'))\n"
    )
    runs = [
        subprocess.Popen([sys.executable, "-c", script, str(project / SCHEDULE)], stdout=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    outputs = {run.communicate(timeout=120)[0].strip() for run in runs}
    assert outputs == {str(WANT)}
    assert len(_cache_files(project)) == 1


def test_modules_verified_along_a_chain_are_saved_for_the_next_run(project: Path) -> None:
    config = load_config(project)
    forget()
    graph = project_graph(config.source_roots, config.cache_dir)
    assert not graph.nodes["shared.guarded"].verified  # only grimp has read it so far
    assert _lines(project) == WANT
    forget()
    stored = project_graph(config.source_roots, config.cache_dir)
    assert stored.nodes["shared.guarded"].verified
    assert stored.nodes["shared.guarded"].type_checking == ("tolls.infrastructure.clock",)
    assert stored.nodes["shared.plugin"].strings == ("tolls.infrastructure.clock",)


def test_the_stored_form_round_trips_even_under_the_filesystem_root() -> None:
    graph = ProjectGraph(
        {"a": Node("/a.py", False, ("b", "ext")), "b": Node("/x/b.py", True, (), verified=False)},
        frozenset({"ext"}),
        {"/a.py": (1, 2), "/": (3, 4)},
        {"/": ("a.py",)},
    )
    again = ProjectGraph.from_json(json.loads(json.dumps(graph.to_json())))
    assert again is not None
    assert (again.nodes, again.externals, again.stamps, again.listings) == (
        graph.nodes, graph.externals, graph.stamps, graph.listings
    )
