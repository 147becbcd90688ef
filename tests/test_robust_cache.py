"""Cache-directory faults: read-only, full, corrupted, a run killed mid-write.

The cache only ever makes archcheck faster: with every write into the
project failing (PermissionError, or OSError ENOSPC, injected because CI runs
as root), with every cache file corrupted, or after runs killed at random
moments, the findings are exactly those of a clean run, and no ARC000 or
traceback appears. The cache is exercised by fresh processes (a cache is
read by the next run, not the same one).

These tests cover whatever on-disk cache the build has (the ARC105 graph,
the contract results, the stored findings of each module); the corruption
test skips, saying so, if the build writes no cache file at all.
"""

from __future__ import annotations

import builtins
import errno
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import robust_kit as kit
from tests.robust_kit import Row

CACHE = ".archcheck_cache"
_RUNNER = """\
import json, sys
from pathlib import Path
from archcheck.engine import check_module, forget_shared
forget_shared()  # one host run, as flake8's and pylint's are: the findings store is used
root = Path(sys.argv[1])
rows = []
for path in sorted(root.rglob("*.py")):
    if ".archcheck_cache" in path.parts:
        continue
    for f in check_module(str(path), shared=True):
        rows.append([path.relative_to(root).as_posix(), f.line, f.col, f.code])
print(json.dumps(sorted(rows)))
"""


def _big_project(root: Path, modules: int = 60) -> Path:
    """The layered project plus enough modules for a cache worth writing."""
    files = dict(kit.LAYERED_FILES)
    for i in range(modules):
        files[f"src/shop/domain/entity_{i}.py"] = f"from shop.domain import entity_{max(i - 1, 0)}\nimport json\n"
        files[f"src/shop/application/use_{i}.py"] = (
            f"from shop.domain import entity_{i}\nfrom shop.infrastructure import db\n"
        )
    return kit.write_project(root, files)


def _fresh_process(root: Path) -> list[Row]:
    done = subprocess.run([sys.executable, "-c", _RUNNER, str(root)], cwd=root, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return [tuple(row) for row in json.loads(done.stdout)]  # type: ignore[misc]


def _failing_writes(monkeypatch: pytest.MonkeyPatch, root: Path, error: Callable[[], OSError]) -> None:
    """Every write, rename or mkdir under ``root`` raises ``error()``."""

    def under(path: object) -> bool:
        if isinstance(path, int):
            return False
        return os.path.abspath(os.fsdecode(path)).startswith(str(root) + os.sep)  # type: ignore[arg-type]

    real_open, real_os_open = builtins.open, os.open

    def guarded_open(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if under(file) and any(c in mode for c in "wax+"):
            raise error()
        return real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    def guarded_os_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if under(path) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise error()
        return real_os_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    def wrap(real: Callable[..., object], index: int) -> Callable[..., object]:
        def guarded(*args: object, **kwargs: object) -> object:
            if under(args[index]):
                raise error()
            return real(*args, **kwargs)

        return guarded

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    for name, index in (("replace", 1), ("rename", 1), ("mkdir", 0), ("makedirs", 0), ("remove", 0),
                        ("unlink", 0)):
        monkeypatch.setattr(os, name, wrap(getattr(os, name), index))


FAULTS: dict[str, Callable[[], OSError]] = {
    "read-only": lambda: PermissionError(errno.EACCES, "Permission denied (injected)"),
    "disk full": lambda: OSError(errno.ENOSPC, "No space left on device (injected)"),
}


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_a_cache_that_cannot_be_written_changes_no_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    root = _big_project(tmp_path / "project")
    (root / ".archcheck-test-pylintrc").write_text("[MAIN]\n", encoding="utf-8")
    kit.clear_caches()
    clean = kit.core_rows(root)
    assert {row[3] for row in clean} >= {"ARC101", "ARC104"}
    targets = [p.relative_to(root).as_posix() for p in kit.python_files(root)][:20]
    kit.clear_caches()
    clean_pylint = kit.pylint_rows(root, targets)
    _failing_writes(monkeypatch, root, FAULTS[fault])
    for _ in range(2):  # a failed write must not poison the next run in the same process
        kit.clear_caches()
        assert kit.core_rows(root) == clean
        kit.clear_caches()
        assert kit.flake8_rows(root) == clean
    kit.clear_caches()
    assert kit.pylint_rows(root, targets) == clean_pylint


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda data: data[: len(data) // 2],
    "empty": lambda data: b"",
    "garbage": lambda data: os.urandom(max(len(data), 64)),
    "not utf-8": lambda data: b"\xff\xfe" + data,
    "json null": lambda data: b"null",
    "json list": lambda data: b"[1, 2, 3]",
    "json wrong shape": lambda data: json.dumps({"version": 10**9, "modules": {"x": 1}, "facts": [None]}).encode(),
    "huge numbers": lambda data: data.replace(b"1", b"9" * 400),
}


def _cache_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / CACHE).rglob("*") if p.is_file()) if (root / CACHE).exists() else []


@pytest.mark.parametrize("corruption", CORRUPTIONS, ids=list(CORRUPTIONS))
def test_a_corrupted_cache_changes_no_finding(tmp_path: Path, corruption: str) -> None:
    root = _big_project(tmp_path / "project")
    clean = _fresh_process(root)
    files = _cache_files(root)
    if not files:
        pytest.skip("this build writes no on-disk cache yet; the test corrupts it once one exists")
    assert {path.parent.name for path in files} >= {CACHE, "findings"}, "the stored findings are corrupted too"
    for path in files:
        path.write_bytes(CORRUPTIONS[corruption](path.read_bytes()))
    (root / CACHE / "leftover.tmp").write_bytes(b'{"half": ')
    assert _fresh_process(root) == clean
    assert _fresh_process(root) == clean  # and the run after the repair too


def test_runs_killed_mid_write_leave_a_cache_the_next_run_survives(tmp_path: Path) -> None:
    root = _big_project(tmp_path / "project", modules=150)
    clean = _fresh_process(root)
    assert any(row[3] == "ARC000" for row in clean) is False
    for delay in (0.05, 0.15, 0.3, 0.6, 1.0):
        for path in _cache_files(root):
            path.unlink()  # a cold run, so that it writes
        victim = subprocess.Popen([sys.executable, "-c", _RUNNER, str(root)], cwd=root, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        time.sleep(delay)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=60)
        assert _fresh_process(root) == clean
