"""How VS Code's Pylint and Flake8 extensions run the linters.

The Pylint extension sends the unsaved buffer: ``--reports=n --output-format=json2
--clear-cache-post-run=y --from-stdin ABSOLUTE_PATH`` from the workspace folder,
and its server keeps pylint loaded, running ``pylint.lint.Run(..., exit=False)``
again and again in one process. The Flake8 extension runs flake8 in-process too,
on the saved file's absolute path. Findings must be right on every run, and stay
right when the file or the configuration changes between runs.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from flake8.main.application import Application
from pylint.lint import Run
from pylint.reporters import CollectingReporter

CONFIG = '[tool.archcheck]\nlayers = ["infrastructure", "domain"]\ncontainers = ["shop"]\n'
PYLINT_CONFIG = """
[tool.pylint.main]
load-plugins = ["pylint_archcheck"]
persistent = false

[tool.pylint."messages control"]
disable = ["all"]
enable = ["archcheck-config-error", "layer-violation"]
"""
CLEAN = '"""Orders."""\n\n\ndef stamp() -> str:\n    """A stamp."""\n    return "now"\n'
VIOLATING = CLEAN.replace('"""\n\n', '"""\n\nimport shop.infrastructure\n\n', 1)
VSCODE_PYLINT_ARGS = ["--reports=n", "--output-format=json2", "--clear-cache-post-run=y"]

Finding = tuple[int, int, str]


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace folder holding a two-layer project; the current directory, as in VS Code."""
    root = tmp_path.resolve()
    (root / "pyproject.toml").write_text(CONFIG + PYLINT_CONFIG, encoding="utf-8")
    (root / "shop").mkdir()
    (root / "shop" / "__init__.py").write_text("", encoding="utf-8")
    (root / "shop" / "infrastructure.py").write_text('"""The wall clock."""\n', encoding="utf-8")
    (root / "shop" / "domain.py").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def _set_config(root: Path, archcheck_table: str) -> None:
    (root / "pyproject.toml").write_text(archcheck_table + PYLINT_CONFIG, encoding="utf-8")


def test_pylint_json2_from_stdin_with_an_absolute_path(workspace: Path) -> None:
    document = workspace / "shop" / "domain.py"
    done = subprocess.run(
        [sys.executable, "-m", "pylint", *VSCODE_PYLINT_ARGS, "--from-stdin", str(document)],
        cwd=workspace, input=VIOLATING, capture_output=True, text=True, timeout=300, check=False,
    )
    report = json.loads(done.stdout)  # nothing but pylint's JSON on stdout
    assert [
        (m["line"], m["column"], m["symbol"], m["messageId"], m["absolutePath"]) for m in report["messages"]
    ] == [(3, 0, "layer-violation", "W7101", str(document))]
    assert "shop.domain (layer domain) imports shop.infrastructure" in report["messages"][0]["message"]
    assert document.read_text(encoding="utf-8") == CLEAN


def _pylint_in_process(
    args: list[str], monkeypatch: pytest.MonkeyPatch, buffer: str | None = None, *, json2: bool
) -> list[Finding]:
    """One run in this process: the json2 report read from stdout as the extension does,
    or pylint's messages collected by a reporter object."""
    if buffer is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(buffer.encode("utf-8")), encoding="utf-8"))
    if not json2:
        reporter = CollectingReporter()
        Run([arg for arg in args if not arg.startswith("--output-format")], reporter=reporter, exit=False)
        return [(message.line, message.column, message.symbol) for message in reporter.messages]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        Run(args, exit=False)
    report = json.loads(out.getvalue())
    return [(message["line"], message["column"], message["symbol"]) for message in report["messages"]]


@pytest.mark.parametrize("json2", [True, False], ids=["json2-stdout", "reporter"])
def test_pylint_server_runs_in_one_process_follow_buffer_file_and_configuration(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, json2: bool
) -> None:
    document = str(workspace / "shop" / "domain.py")

    def lint(args: list[str], buffer: str | None = None) -> list[Finding]:
        return _pylint_in_process(args, monkeypatch, buffer, json2=json2)

    stdin_args = [*VSCODE_PYLINT_ARGS, "--from-stdin", document]
    # The buffer, edited between runs.
    assert lint(stdin_args, VIOLATING) == [(3, 0, "layer-violation")]
    assert lint(stdin_args, CLEAN) == []
    assert lint(stdin_args, VIOLATING) == [(3, 0, "layer-violation")]
    # The configuration, edited between runs: the import becomes legal, then the table breaks.
    _set_config(workspace, '[tool.archcheck]\nlayers = ["domain", "infrastructure"]\ncontainers = ["shop"]\n')
    assert lint(stdin_args, VIOLATING) == []
    _set_config(workspace, '[tool.archcheck]\nlayerz = ["domain"]\n')
    assert lint(stdin_args, VIOLATING) == [(1, 0, "archcheck-config-error")]
    _set_config(workspace, CONFIG)
    assert lint(stdin_args, VIOLATING) == [(3, 0, "layer-violation")]
    # The saved file, edited between runs, with and without clearing pylint's caches.
    for clear in ("y", "n"):
        file_args = ["--reports=n", "--output-format=json2", f"--clear-cache-post-run={clear}", document]
        Path(document).write_text(VIOLATING, encoding="utf-8")
        assert lint(file_args) == [(3, 0, "layer-violation")]
        Path(document).write_text(CLEAN, encoding="utf-8")
        assert lint(file_args) == []


def _flake8_in_process(workspace: Path, *args: str) -> list[Finding]:
    out = workspace / ".flake8-out.txt"
    app = Application()
    app.run(["--select=ARC", "--jobs=1", "--format=%(row)d,%(col)d,%(code)s", f"--output-file={out}", *args])
    rows = [line.split(",") for line in out.read_text(encoding="utf-8").splitlines()]
    out.unlink()
    return [(int(row), int(col), code) for row, col, code in rows]


def test_flake8_in_process_on_an_absolute_path_follows_file_and_configuration(workspace: Path) -> None:
    document = workspace / "shop" / "domain.py"
    path = str(document)
    assert _flake8_in_process(workspace, path) == []
    document.write_text(VIOLATING, encoding="utf-8")
    assert _flake8_in_process(workspace, path) == [(3, 1, "ARC101")]
    document.write_text(VIOLATING.replace("\nimport", "\n# one line lower\nimport"), encoding="utf-8")
    assert _flake8_in_process(workspace, path) == [(4, 1, "ARC101")]
    _set_config(workspace, '[tool.archcheck]\nlayers = ["domain", "infrastructure"]\ncontainers = ["shop"]\n')
    assert _flake8_in_process(workspace, path) == []
    _set_config(workspace, CONFIG)
    assert _flake8_in_process(workspace, path) == [(4, 1, "ARC101")]
    # --archcheck-config is read again on every run (parse_options runs each time).
    other = workspace / "other.toml"
    other.write_text('[tool.archcheck]\nlayers = ["domain", "infrastructure"]\ncontainers = ["shop"]\n',
                     encoding="utf-8")
    assert _flake8_in_process(workspace, f"--archcheck-config={other}", path) == []
    assert _flake8_in_process(workspace, path) == [(4, 1, "ARC101")]
