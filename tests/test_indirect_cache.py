"""The on-disk graph cache: concurrent writers, corruption, staleness, unwritable disks.

CI runs as root, whom file modes do not stop: permission and disk-full
failures are injected by monkeypatching ``open`` and ``os.replace``.
"""

from __future__ import annotations

import builtins
import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from archcheck import engine, graph_cache
from archcheck.config import load_config
from archcheck.engine import check_module
from archcheck.graph import ProjectGraph, build_graph, forget, is_valid_graph, project_graph
from archcheck.graph_store import Node
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
    return sorted((project / ".archcheck_cache").glob("graph-*.lines"))


def test_the_cache_is_written_validated_and_ignored_by_git(project: Path) -> None:
    assert _lines(project) == WANT
    [cache] = _cache_files(project)
    assert cache.read_text(encoding="utf-8").startswith(f"archcheck-cache {graph_cache.FORMAT} ")
    assert _stored_graph_is_valid(cache)
    assert (project / ".archcheck_cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_a_warm_run_reads_the_cache_instead_of_building(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _lines(project) == WANT

    def no_build(*_args: Any) -> Any:
        raise AssertionError("the graph was rebuilt although the cache is current")

    monkeypatch.setattr("archcheck.graph.build_graph", no_build)
    assert _lines(project) == WANT


def _stored_graph_is_valid(cache: Path) -> bool:
    lines = graph_cache.read_lines(cache)
    return lines is not None and is_valid_graph(lines)


def _resealed(change: Any) -> Any:
    """A damage that keeps the checksum right: only the shape checks can catch it."""

    def damage(text: str) -> str:
        return graph_cache.sealed("\n".join(change(text.split("\n")[1:])))

    return damage


def _in_line(number: int, old: str, new: str) -> Any:
    def change(lines: list[str]) -> list[str]:
        assert old in lines[number]
        return [*lines[:number], lines[number].replace(old, new, 1), *lines[number + 1:]]

    return change


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: text.replace("[", "(", 1),
        lambda _text: "{not json at all",
        lambda _text: "",
        lambda text: text.replace(f"archcheck-cache {graph_cache.FORMAT} ", "archcheck-cache 1 ", 1),
        lambda _text: "\x00\xff" * 10,
        _resealed(lambda lines: ['{"nodes":[]}', *lines[1:]]),
        _resealed(lambda lines: ["null", *lines[1:]]),
        _resealed(lambda lines: lines[:1]),
        _resealed(_in_line(1, '"names":[', '"names":[7,')),
        _resealed(_in_line(1, '"externals":[', '"externals":[99999,')),
        _resealed(_in_line(1, '"externals":[', '"externals":[-1,')),
        _resealed(_in_line(0, '"stamps":', '"stamps":-')),
        _resealed(_in_line(3, "[[", "[[1.5,")),
        _resealed(lambda lines: [*lines, '["x.py",false,[],[],[],true]']),
        _resealed(_in_line(3, "],[", '],["not a time",')),
    ],
    ids=["truncated", "one-byte", "garbage", "empty", "old-format", "binary", "wrong-shape", "null", "no-stamps",
         "wrong-type", "dangling-index", "negative-index", "negative-stamp-lines", "wrong-stamp", "extra-node-line",
         "stamp-of-another-type"],
)
def test_a_corrupt_cache_is_rebuilt_never_a_crash(project: Path, damage: Any) -> None:
    assert _lines(project) == WANT
    [cache] = _cache_files(project)
    text = cache.read_text(encoding="utf-8")
    damaged = damage(text)
    assert damaged != text
    cache.write_text(damaged, encoding="utf-8")
    assert _lines(project) == WANT
    assert _stored_graph_is_valid(cache)


def test_a_node_line_that_cannot_be_decoded_costs_findings_never_the_run(project: Path) -> None:
    assert _lines(project) == WANT
    [cache] = _cache_files(project)
    damage = _resealed(lambda lines: ["{" if line.startswith('["') else line for line in lines])  # node lines
    cache.write_text(damage(cache.read_text(encoding="utf-8")), encoding="utf-8")
    assert _lines(project) == []  # every node decodes as empty: no chain, no crash
    assert not _stored_graph_is_valid(cache)


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
import zlib
from pathlib import Path
from archcheck.config import load_config
from archcheck.graph import build_graph, forget
from archcheck.graph_cache import cache_file, write_lines
config = load_config(Path(sys.argv[1]))
graph = build_graph(config.source_roots).to_lines()
path = cache_file(config.cache_dir, "graph", *(str(root) for root in config.source_roots), suffix=".lines")
for _ in range(int(sys.argv[2])):
    assert write_lines(path, graph)
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
        assert _stored_graph_is_valid(cache)
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
    again = ProjectGraph.from_lines(graph.to_lines())
    assert again is not None
    assert (dict(again.nodes), again.externals, again.stamps, again.listings) == (
        graph.nodes, graph.externals, graph.stamps, graph.listings
    )


def test_the_stored_form_round_trips_paths_that_share_a_prefix_but_not_a_directory() -> None:
    # '-' sorts before '/', '0' after it: the stored base must still be a directory of every path.
    nodes = {
        "b.c": Node("/p/b/c.py", False, ("b0.z",)),
        "x.y": Node("/p/b-x/y.py", False, ()),
        "b0.z": Node("/p/b0/z.py", False, ()),
    }
    graph = ProjectGraph(nodes, frozenset(), {node.file: (1, 2) for node in nodes.values()}, {"/p/b": ("c.py",)})
    again = ProjectGraph.from_lines(graph.to_lines())
    assert again is not None
    assert (dict(again.nodes), again.stamps, again.listings) == (nodes, graph.stamps, graph.listings)


def test_the_stamps_key_is_the_same_for_lines_as_written_and_as_read_back() -> None:
    lines = ["[[\"a.py\"],[1],[2]]", "[[\"é.py\"],[3],[4]]"]
    written = graph_cache.lines_digest(lines)
    assert written == graph_cache.digest(*lines)
    assert graph_cache.lines_digest([line.encode() + b"\n" for line in lines]) == written
    assert graph_cache.lines_digest([lines[0].encode() + b"\n", lines[1].encode()]) == written
    assert graph_cache.lines_digest(lines[:1]) != written


def _stored_graph(project: Path) -> ProjectGraph:
    [cache] = _cache_files(project)
    lines = graph_cache.read_lines(cache)
    assert lines is not None
    graph = ProjectGraph.from_lines(lines)
    assert graph is not None
    return graph


def test_a_save_that_changes_no_import_keeps_the_contract_key_and_writes_the_same_graph(project: Path) -> None:
    config = load_config(project)
    assert _lines(project) == WANT
    before = _stored_graph(project)
    deep = project / "shared" / "deep.py"
    deep.write_text(deep.read_text(encoding="utf-8") + "\n\ndef added() -> int:\n    return 1\n", encoding="utf-8")
    assert _lines(project) == WANT
    after = _stored_graph(project)
    assert after.content_key() == before.content_key()
    assert after.stamps[str(deep)] != before.stamps[str(deep)]
    forget()
    rebuilt = build_graph(config.source_roots)
    # the same graph a rebuild makes, once archcheck has read every module's guards (as chains do)
    assert {m: after.verified_node(m) for m in after.nodes} == {m: rebuilt.verified_node(m) for m in rebuilt.nodes}
    assert dict(after.stamps) == dict(rebuilt.stamps) and dict(after.listings) == dict(rebuilt.listings)


def test_a_save_that_changes_an_import_changes_the_contract_key(project: Path) -> None:
    assert _lines(project) == WANT
    before = _stored_graph(project)
    (project / "shared" / "deep.py").write_text('"""No longer a path to the clock."""\n', encoding="utf-8")
    assert _lines(project) == [3, 6, 7, 8]
    after = _stored_graph(project)
    assert after.content_key() != before.content_key()
