"""Safety: archcheck never imports or executes what it lints or its
configuration, writes nothing outside its cache directory, opens no network
connection, and never unpickles or evaluates what it finds on disk.

The trap project's every module (``conftest.py`` and ``setup.py`` included)
writes a marker file and raises if it is ever imported; its configuration
holds strings that look like code. It is checked through the core and both
frontends in-process under a CPython audit hook (PEP 578) that records
imports, code execution, writes, sockets and unpickling, and through both
linters as subprocesses whose whole file-system footprint is compared before
and after.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.robust_kit import (
    LAYERED_FILES,
    LAYERED_PYPROJECT,
    Row,
    clear_caches,
    core_rows,
    flake8_rows,
    pylint_rows,
    python_files,
    write_project,
)

TAMPER = "ARCHCHECK_TAMPERED"
_events: list[tuple[str, tuple[Any, ...]]] = []
_recording: list[bool] = []
_WATCHED = ("import", "exec", "compile", "open", "os.rename", "os.replace", "os.remove", "os.mkdir", "os.rmdir",
            "os.system", "subprocess.Popen", "pickle.find_class", "marshal.loads", "shutil.rmtree")


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if _recording and (event in _WATCHED or event.startswith("socket.")):
        _events.append((event, args))


sys.addaudithook(_hook)  # audit hooks cannot be removed: it records only inside ``_audited``


@contextmanager
def _audited() -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    _events.clear()
    _recording.append(True)
    try:
        yield _events
    finally:
        _recording.clear()


def _trap(marker_dir: Path, name: str) -> str:
    return (
        "import pathlib\n"
        f"pathlib.Path({str(marker_dir)!r}, {name.replace('/', '.')!r}).write_text('imported')\n"
        f"raise SystemExit('archcheck imported {name}')\n"
    )


def _trap_project(root: Path) -> Path:
    """The layered project, each module booby-trapped, plus a configuration that looks like code."""
    markers = root / "markers"
    markers.mkdir(parents=True)
    files = {name: (body if not name.endswith(".py") else _trap(markers, name) + body)
             for name, body in LAYERED_FILES.items()}
    files["pyproject.toml"] = LAYERED_PYPROJECT + (
        'domain_allowed_imports = ["__import__(\'os\').system(\'touch pwned\')"]\n'
        "[tool.setuptools]\n"
        "py-modules = [\"setup\"]\n"
    )
    files["conftest.py"] = _trap(markers, "conftest.py")
    files["setup.py"] = _trap(markers, "setup.py")
    files["src/shop/domain/plugin.py"] = (
        _trap(markers, "plugin") + "import importlib\nimportlib.import_module('shop.infrastructure.db')\n"
    )
    return write_project(root / "project", files)


def _is_write(args: tuple[Any, ...]) -> bool:
    _path, mode, flags = args
    if isinstance(mode, str) and any(c in mode for c in "wax+"):
        return True
    return isinstance(flags, int) and bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND))


def _under(path: object, root: Path) -> bool:
    """Whether ``path`` is ``root`` or inside it."""
    if isinstance(path, int) or path is None:
        return False
    text = os.path.abspath(os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else str(path))
    return text == str(root) or text.startswith(str(root) + os.sep)


def _violations(events: list[tuple[str, tuple[Any, ...]]], project: Path) -> list[str]:
    cache = project / ".archcheck_cache"
    found = []
    for event, args in events:
        if event == "import" and str(args[0]).split(".")[0] in ("shop", "conftest", "setup"):
            found.append(f"imported {args[0]}")
        elif event == "exec" and _under(getattr(args[0], "co_filename", None), project):
            found.append(f"executed {args[0].co_filename}")
        elif event == "compile" and (TAMPER in str(args[0])[:100_000] or _under(args[1], cache)):
            found.append(f"compiled {args[1]}")
        # An int is a descriptor (os.fdopen after mkstemp): its path was audited when it was opened.
        elif event == "open" and not isinstance(args[0], int) and _is_write(args) and not _under(args[0], cache):
            found.append(f"wrote {args[0]}")
        elif event in ("os.rename", "os.replace") and not _under(args[1], cache):
            found.append(f"{event} to {args[1]}")
        elif event in ("os.remove", "os.mkdir", "os.rmdir", "shutil.rmtree") and not _under(args[0], cache):
            found.append(f"{event} {args[0]}")
        elif event in ("os.system", "subprocess.Popen", "pickle.find_class") or event.startswith("socket."):
            found.append(f"{event} {args!r:.200}")
    return found


@pytest.fixture
def trap(tmp_path: Path) -> Path:
    """The booby-trapped project (a fresh copy per test)."""
    project = _trap_project(tmp_path)
    (project / ".archcheck-test-pylintrc").write_text("[MAIN]\n", encoding="utf-8")
    clear_caches()
    return project


def _all_frontends(project: Path) -> dict[str, list[Row]]:
    rows = {"core": core_rows(project)}
    clear_caches()
    rows["flake8"] = flake8_rows(project)
    clear_caches()
    rows["pylint"] = pylint_rows(project, [p.relative_to(project).as_posix() for p in python_files(project)])
    return rows


def test_the_core_and_both_frontends_import_execute_write_connect_and_unpickle_nothing(trap: Path) -> None:
    with _audited() as events:
        rows = _all_frontends(trap)
    assert _violations(list(events), trap) == []
    assert not list((trap.parent / "markers").iterdir())
    assert not (trap / "pwned").exists()
    # The traps did not silence the checks: the findings are there, the same everywhere.
    assert ("src/shop/domain/model.py", 5, 0, "ARC101") in rows["core"]
    assert rows["flake8"] == rows["core"] and rows["pylint"] == rows["core"]


def test_the_audit_catches_an_import_of_the_linted_code(trap: Path) -> None:
    """The detector itself works: importing the trap is seen (so the test above can fail)."""
    with _audited() as events:
        sys.path.insert(0, str(trap / "src"))
        try:
            with pytest.raises(SystemExit):
                __import__("shop.domain.model")
        finally:
            sys.path.remove(str(trap / "src"))
            for name in [n for n in sys.modules if n == "shop" or n.startswith("shop.")]:
                del sys.modules[name]
    assert any(v.startswith("imported shop") for v in _violations(list(events), trap))
    assert list((trap.parent / "markers").iterdir())


def test_no_network_even_when_every_socket_call_fails(trap: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("archcheck opened a network connection")

    clean = _all_frontends(trap)
    clear_caches()
    for name in ("connect", "connect_ex", "bind", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert _all_frontends(trap) == clean


def _snapshot(*roots: Path) -> dict[str, tuple[int, int]]:
    state = {}
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file() or path.is_symlink():
                stat = path.lstat()
                state[str(path)] = (stat.st_size, stat.st_mtime_ns)
            else:
                state[str(path)] = (-1, 0)
    return state


def test_the_linters_as_subprocesses_change_no_file_outside_the_cache(trap: Path, tmp_path: Path) -> None:
    home, tmp = tmp_path / "home", tmp_path / "tmpdir"
    home.mkdir()
    tmp.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"), "TMPDIR": str(tmp)}
    env.pop("PYTHONPATH", None)
    before = _snapshot(trap, home, tmp, trap.parent / "markers")
    commands = [
        ["flake8", "--isolated", "--select=ARC", "src", "conftest.py", "setup.py"],
        ["pylint", "--rcfile=.archcheck-test-pylintrc", "--load-plugins=pylint_archcheck", "--persistent=n",
         "--disable=all", "--enable=layer-violation,archcheck-internal-error", "src/shop", "conftest.py", "setup.py"],
    ]
    for command in commands:
        done = subprocess.run([sys.executable, "-m", *command], cwd=trap, env=env, capture_output=True, text=True,
                              timeout=300, check=False)
        assert "Traceback" not in done.stderr and "imported" not in done.stdout + done.stderr
        assert "shop.infrastructure" in done.stdout  # it did check
    after = _snapshot(trap, home, tmp, trap.parent / "markers")
    cache = str(trap / ".archcheck_cache")
    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p) and not p.startswith(cache)}
    assert changed == set()


def test_tampered_cache_content_is_never_unpickled_or_evaluated(trap: Path) -> None:
    """Whatever lies in the cache directory, pickles and Python included, is
    data at most: nothing in it runs. (Covers the cache files of this build;
    the files below stand in for any cache a later build adds.)"""
    clean = core_rows(trap)
    cache = trap / ".archcheck_cache"
    cache.mkdir(exist_ok=True)
    pickle_payload = f"cos\nsystem\n(S'touch {trap}/pwned'\ntR.".encode()
    python_payload = f"__import__('pathlib').Path({str(trap / 'pwned')!r}).touch()  # {TAMPER}\n".encode()
    existing = [p for p in cache.rglob("*") if p.is_file()]
    for path in existing:
        path.write_bytes(python_payload)
    for name in ("facts.json", "graph.json", "index.json", "cache.pickle", "facts.pkl", "cache.py"):
        (cache / name).write_bytes(pickle_payload if "p" in name.rsplit(".", 1)[1] else python_payload)
    clear_caches()
    with _audited() as events:
        assert core_rows(trap) == clean
        clear_caches()
        assert flake8_rows(trap) == clean
    assert _violations(list(events), trap) == []
    assert not (trap / "pwned").exists()
