"""Hostile input: every case through the core and both frontends.

One layered project holds one hostile file per case, each in the domain
layer and importing the infrastructure layer, so that a file archcheck can
read shows ARC101 and a file it cannot read shows nothing from archcheck
(the host linter reports it: flake8's E999, pylint's syntax-error). The core,
flake8's own file checker and pylint run once in-process over the project;
each case then asserts its own rows.
"""

from __future__ import annotations

import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from archcheck.engine import check_module
from tests.robust_kit import (
    FLAKE8_FORMAT,
    LAYERED_FILES,
    Row,
    clear_caches,
    core_rows,
    flake8_rows,
    message_path,
    parse_flake8,
    pylint_messages,
    pylint_rows,
    write_project,
)

DOMAIN = "src/shop/domain"
VIOLATION = "import shop.infrastructure.db\n"
DEEP_CALLS = 800  # parses, but deeper than a recursive ast visitor gets with the default limit

HOSTILE: dict[str, bytes] = {
    "latin1_cookie.py": b"# -*- coding: latin-1 -*-\n" + VIOLATION.encode() + "s = 'caf\xe9'\n".encode("latin-1"),
    "cp1252_cookie.py": b"# vim: set fileencoding=cp1252 :\n" + b"s = '\x80'\n" + VIOLATION.encode(),
    "bom.py": b"\xef\xbb\xbf" + VIOLATION.encode(),
    "bom_and_cookie.py": b"\xef\xbb\xbf# coding: utf-8\n" + VIOLATION.encode(),
    "crlf.py": VIOLATION.replace("\n", "\r\n").encode() + b"x = 1\r\n",
    "form_feed.py": b"\x0c\n" + VIOLATION.encode(),
    "no_final_newline.py": VIOLATION.strip().encode(),
    "deep_nesting.py": (VIOLATION + "x = f" + "()" * DEEP_CALLS + "\n").encode(),
    "empty.py": b"",
    "only_comments.py": b"# nothing here\n",
    # Files Python itself refuses: archcheck stays silent, the host reports them.
    "syntax_error.py": VIOLATION.encode() + b"def broken(:\n",
    "nul_byte.py": VIOLATION.encode() + b"x = '\x00'\n",
    "unknown_cookie.py": b"# -*- coding: no-such-codec -*-\n" + VIOLATION.encode(),
    "invalid_utf8.py": VIOLATION.encode() + b"s = '\xff\xfe'\n",
    "cookie_lies.py": b"# coding: ascii\n" + VIOLATION.encode() + "s = 'é'\n".encode(),
    "too_many_parens.py": (VIOLATION + "x = " + "(" * 300 + "1" + ")" * 300 + "\n").encode(),
}
READABLE = {
    "latin1_cookie.py": 2,
    "cp1252_cookie.py": 3,
    "bom.py": 1,
    "bom_and_cookie.py": 2,
    "crlf.py": 1,
    "form_feed.py": 2,
    "no_final_newline.py": 1,
    "deep_nesting.py": 1,
}
SILENT = ("empty.py", "only_comments.py")
REFUSED = ("syntax_error.py", "nul_byte.py", "unknown_cookie.py", "invalid_utf8.py", "cookie_lies.py",
           "too_many_parens.py")
LONG_LINES = 100_000


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The layered project with one hostile file per case."""
    root = write_project(tmp_path_factory.mktemp("hostile"), LAYERED_FILES)
    write_project(root, {f"{DOMAIN}/{name}": body for name, body in HOSTILE.items()})
    return root


@pytest.fixture(scope="module")
def runs(project: Path) -> dict[str, list[Row]]:
    """Rows per frontend (archcheck's codes, plus the hosts' own syntax errors)."""
    clear_caches()
    core = core_rows(project)
    clear_caches()
    flake8 = flake8_rows(project, codes="ARC,E999,E902")
    clear_caches()
    messages = pylint_messages(
        project, ["src/shop"], extra=["--enable=syntax-error,parse-error,astroid-error,fatal"]
    )
    pylint = sorted(
        (message_path(project, m), getattr(m, "line"), getattr(m, "column"), getattr(m, "symbol"))
        for m in messages
    )
    return {"core": core, "flake8": flake8, "pylint": pylint}  # type: ignore[dict-item]


def _of(rows: list[Row], name: str) -> list[Row]:
    return [row for row in rows if row[0] == f"{DOMAIN}/{name}"]


@pytest.mark.parametrize("name", sorted(READABLE))
def test_readable_hostile_file_is_checked_alike_everywhere(runs: dict[str, list[Row]], name: str) -> None:
    want = [(f"{DOMAIN}/{name}", READABLE[name], 0, "ARC101")]
    assert _of(runs["core"], name) == want
    assert _of(runs["flake8"], name) == want
    pylint = _of(runs["pylint"], name)
    if name == "deep_nesting.py":
        # astroid cannot build this tree (pylint reports its own astroid-error); archcheck adds nothing.
        assert all(row[3] in ("layer-violation", "astroid-error") for row in pylint)
    else:
        assert pylint == [(*want[0][:3], "layer-violation")]


@pytest.mark.parametrize("name", SILENT)
def test_empty_files_give_nothing(runs: dict[str, list[Row]], name: str) -> None:
    assert not _of(runs["core"], name) and not _of(runs["flake8"], name) and not _of(runs["pylint"], name)


@pytest.mark.parametrize("name", REFUSED)
def test_archcheck_is_silent_where_python_refuses_the_file(runs: dict[str, list[Row]], name: str) -> None:
    assert _of(runs["core"], name) == []
    assert not [row for row in _of(runs["flake8"], name) if row[3].startswith("ARC")]
    assert not [row for row in _of(runs["pylint"], name) if row[3] not in ("syntax-error", "parse-error")]


@pytest.mark.parametrize("name", ["syntax_error.py", "nul_byte.py"])
def test_the_hosts_keep_their_own_syntax_error_reports(runs: dict[str, list[Row]], name: str) -> None:
    assert [row[3] for row in _of(runs["flake8"], name)] == ["E999"]
    assert [row[3] for row in _of(runs["pylint"], name)] in (["syntax-error"], ["parse-error"])


def test_no_frontend_reports_an_internal_error_on_hostile_input(runs: dict[str, list[Row]]) -> None:
    for rows in runs.values():
        assert not [row for row in rows if row[3] in ("ARC000", "archcheck-internal-error")]


def test_deep_nesting_is_checked_even_with_the_default_recursion_limit(tmp_path: Path) -> None:
    root = write_project(tmp_path, LAYERED_FILES)
    path = root / DOMAIN / "deep.py"
    path.write_text(VIOLATION + "x = a" + ".b" * 1500 + "\n", encoding="utf-8")
    limit = sys.getrecursionlimit()
    assert [f.code for f in check_module(str(path))] == ["ARC101"]
    assert sys.getrecursionlimit() == limit


def test_a_100k_line_file_is_checked_in_reasonable_time(tmp_path: Path) -> None:
    root = write_project(tmp_path, LAYERED_FILES)
    path = root / DOMAIN / "huge.py"
    body = "".join(f"value_{i} = {i}\n" for i in range(LONG_LINES - 2))
    path.write_text(VIOLATION + body + VIOLATION, encoding="utf-8")
    clear_caches()
    started = time.perf_counter()
    core = core_rows(root, [path])
    elapsed = time.perf_counter() - started
    assert core == [(f"{DOMAIN}/huge.py", 1, 0, "ARC101"), (f"{DOMAIN}/huge.py", LONG_LINES, 0, "ARC101")]
    assert elapsed < 20, elapsed
    clear_caches()
    assert flake8_rows(root, [path]) == core


def test_a_file_outside_any_package_or_source_root(tmp_path: Path) -> None:
    root = write_project(tmp_path, LAYERED_FILES)
    loose = write_project(root, {"scripts/tool.py": VIOLATION + "def f(x): return x\n"}) / "scripts/tool.py"
    nowhere = write_project(tmp_path / "elsewhere", {"lone.py": VIOLATION}) / "lone.py"
    for path, base in ((loose, root), (nowhere, tmp_path / "elsewhere")):
        clear_caches()
        core = core_rows(base, [path])
        # Belonging to no layer, they break no boundary; per-module rules (type hints) still run.
        assert not [row for row in core if row[3].startswith(("ARC0", "ARC1"))]
        clear_caches()
        assert flake8_rows(base, [path]) == core
        clear_caches()
        assert pylint_rows(base, [path.name if base != root else "scripts/tool.py"]) == core
    assert {row[3] for row in core_rows(root, [loose])} == {"ARC301", "ARC302"}


def test_a_project_reached_through_a_symlinked_directory_gives_the_same_findings(tmp_path: Path) -> None:
    real = write_project(tmp_path / "real", LAYERED_FILES)
    (real / "src/shop/__init__.py").unlink()  # a namespace package: naming depends on the source roots
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    clear_caches()
    expected = core_rows(real)
    assert {row[3] for row in expected} >= {"ARC101", "ARC104"}
    clear_caches()
    assert core_rows(link, [link / p.relative_to(real) for p in sorted(real.rglob("*.py"))]) == expected
    clear_caches()
    assert flake8_rows(link, [link / p.relative_to(real) for p in sorted(real.rglob("*.py"))]) == expected
    clear_caches()
    # The working directory is always the resolved one: name the files through the link.
    targets = [str(link / name) for name in ("src/shop/domain/model.py", "src/shop/application/service.py",
                                             "src/shop/infrastructure/db.py")]
    assert pylint_rows(link, targets) == expected


def test_a_symlinked_file_is_named_by_where_it_is_linked(tmp_path: Path) -> None:
    root = write_project(tmp_path / "proj", LAYERED_FILES)
    outside = write_project(tmp_path / "outside", {"shared.py": VIOLATION}) / "shared.py"
    linked = root / DOMAIN / "shared.py"
    linked.symlink_to(outside)
    want = [(f"{DOMAIN}/shared.py", 1, 0, "ARC101")]
    clear_caches()
    assert core_rows(root, [linked]) == want
    clear_caches()
    assert flake8_rows(root, [linked]) == want
    clear_caches()
    assert pylint_rows(root, [str(linked)]) == want


def _flake8_stdin(cwd: Path, text: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select=ARC", FLAKE8_FORMAT, *extra, "-"],
        cwd=cwd, input=text, capture_output=True, text=True, timeout=120, check=False,
    )


def test_stdin_without_a_display_name_is_checked_as_module_stdin_of_the_working_directory(tmp_path: Path) -> None:
    """``flake8 -``: flake8 calls the buffer ``stdin``; archcheck checks it as a
    file of that name in the working directory (docs/promises.md)."""
    root = write_project(tmp_path, LAYERED_FILES)
    in_domain = _flake8_stdin(root / DOMAIN, VIOLATION)
    assert "Traceback" not in in_domain.stderr
    assert parse_flake8(root / DOMAIN, in_domain.stdout.splitlines()) == [("stdin", 1, 0, "ARC101")]
    at_root = _flake8_stdin(root, VIOLATION)
    assert (at_root.returncode, at_root.stdout, at_root.stderr) == (0, "", "")
    (root / "pyproject.toml").write_text("[tool.archcheck]\nlayers = 3\n", encoding="utf-8")
    broken = _flake8_stdin(root, VIOLATION)
    assert broken.returncode == 1
    assert parse_flake8(root, broken.stdout.splitlines()) == [("stdin", 1, 0, "ARC001")]


def test_stdin_text_wins_over_the_file_on_disk_even_when_the_disk_file_is_undecodable(tmp_path: Path) -> None:
    root = write_project(tmp_path, LAYERED_FILES)
    (root / DOMAIN / "edited.py").write_bytes(b"s = '\xff'\n")
    done = _flake8_stdin(root, VIOLATION, f"--stdin-display-name={DOMAIN}/edited.py")
    assert parse_flake8(root, done.stdout.splitlines()) == [(f"{DOMAIN}/edited.py", 1, 0, "ARC101")]


def test_archcheck_prints_nothing_and_warns_nothing(
    project: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Findings reach the user only through the host's reporter; Python's
    warnings about the linted text (an invalid escape) are the host's to show."""
    write_project(tmp_path, LAYERED_FILES)
    escape = write_project(tmp_path, {
        # base.py is parsed by the project index (Thing's base), not by the host.
        f"{DOMAIN}/base.py": "pattern = '\\d+'\n\n\nclass ValueObject:\n    pass\n\n\n"
        "class Base(ValueObject):\n    pass\n",
        f"{DOMAIN}/escape.py": VIOLATION + "from shop.domain.base import Base\npattern = '\\d+'\n\n\n"
        "class Thing(Base):\n    def __init__(self) -> None:\n        self.size = 1\n",
    }) / DOMAIN / "escape.py"
    clear_caches()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rows = core_rows(project) + core_rows(tmp_path, [escape])
    assert (f"{DOMAIN}/escape.py", 1, 0, "ARC101") in rows
    assert (f"{DOMAIN}/escape.py", 6, 0, "ARC201") in rows  # the index did read base.py
    assert [str(w.message) for w in caught] == []
    assert capfd.readouterr() == ("", "")


ZERO_CONFIG = {
    "pyproject.toml": '[tool.archcheck]\nsource_roots = ["src"]\n',
    "src/app/__init__.py": "",
    "src/app/domain/__init__.py": "",
    "src/app/domain/x.py": "import app.infrastructure\n",
    "src/app/infrastructure/__init__.py": "",
}


def test_dangling_symlinks_and_a_link_back_up_the_tree_change_nothing(tmp_path: Path) -> None:
    root = write_project(tmp_path, ZERO_CONFIG)
    want = [("src/app/domain/x.py", 1, 0, "ARC101")]
    clear_caches()
    assert core_rows(root) == want
    (root / "src/app/dangling.py").symlink_to(root / "nowhere.py")
    (root / "src/app/domain/up").symlink_to(root / "src/app", target_is_directory=True)
    clear_caches()
    assert core_rows(root, [root / "src/app/domain/x.py"]) == want
    clear_caches()
    assert flake8_rows(root, [root / "src/app/domain/x.py"]) == want


def test_a_symlink_loop_in_a_package_directory_costs_no_finding(tmp_path: Path) -> None:
    root = write_project(tmp_path, ZERO_CONFIG)
    (root / "src/app/loop").symlink_to(root / "src/app/loop")
    clear_caches()
    assert core_rows(root, [root / "src/app/domain/x.py"]) == [("src/app/domain/x.py", 1, 0, "ARC101")]
