"""End to end through python-lsp-server, as Neovim, Helix or Emacs use it.

The test speaks LSP's JSON-RPC (``Content-Length`` framing) to ``python -m
pylsp`` over pipes, opens a document whose unsaved buffer differs from the file
on disk, and waits for ``textDocument/publishDiagnostics``. pylsp runs flake8
(buffer on stdin, ``--stdin-display-name`` relative to the workspace root) and
pylint in executable mode (``--from-stdin ABSOLUTE_PATH``, buffer on stdin).
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

import pytest

from archcheck.registry import RULES

TIMEOUT = 120.0
BIN = Path(sys.executable).parent

PROJECT = {
    "pyproject.toml": '[tool.archcheck]\nlayers = ["infrastructure", "domain"]\ncontainers = ["shop"]\n',
    "shop/__init__.py": "",
    "shop/infrastructure.py": '"""The wall clock."""\n\n\ndef utc_now() -> str:\n    """Now."""\n    return ""\n',
    "shop/domain.py": '"""Orders."""\n\n\ndef stamp() -> str:\n    """A stamp."""\n    return "now"\n',
}
# The unsaved buffer: two imports of a higher layer that the file on disk does not have.
BUFFER = (
    '"""Orders."""\n'
    "import shop.infrastructure\n"
    "\n"
    "\n"
    "def stamp() -> str:\n"
    '    """A stamp."""\n'
    "    from shop.infrastructure import utc_now\n"
    "    return utc_now() + str(shop.infrastructure)\n"
)
EXPECTED_POSITIONS = [(1, 0), (6, 4)]  # LSP lines and characters are 0-based
ARCHCHECK = {rule.code for rule in RULES} | {rule.pylint_id for rule in RULES}


class LanguageServer:
    """A pylsp subprocess and the JSON-RPC framing to talk to it."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pylsp"],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self._next_id = 0
        assert self.process.stdout is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            length = None
            while True:
                header = stream.readline()
                if not header:
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            if length is None:
                continue
            self.messages.put(json.loads(stream.read(length).decode("utf-8")))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        """Send a notification."""
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        """Send a request and wait for its response."""
        self._next_id += 1
        ident = self._next_id
        self._send({"id": ident, "method": method, "params": params})
        return self.wait(lambda message: message.get("id") == ident and "method" not in message).get("result")

    def wait(self, wanted: Any) -> dict[str, Any]:
        """The next message for which ``wanted(message)`` holds (answering the server's own requests)."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("pylsp sent no such message in time")
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty as error:
                raise AssertionError("pylsp sent no such message in time") from error
            if "method" in message and "id" in message:
                self._send({"id": message["id"], "result": None})
            if wanted(message):
                return message

    def diagnostics(self, uri: str, source: str) -> list[dict[str, Any]]:
        """archcheck's part of the next diagnostics published for ``uri`` by the linter ``source``."""
        found = self.wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
        )
        return [d for d in found["params"]["diagnostics"] if d.get("source") == source and d["code"] in ARCHCHECK]

    def close(self) -> None:
        """Shut the server down politely, then for sure."""
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=10)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(timeout=10)


def _settings(linter: str) -> dict[str, Any]:
    """The settings docs/editors.md recommends, with the linters of this interpreter."""
    plugins: dict[str, Any] = {
        name: {"enabled": False}
        for name in ("pycodestyle", "pyflakes", "mccabe", "pydocstyle", "pylint", "flake8", "autopep8", "yapf")
    }
    if linter == "flake8":
        plugins["flake8"] = {"enabled": True, "executable": str(BIN / "flake8"), "extendSelect": ["ARC"]}
    else:
        plugins["pylint"] = {
            "enabled": True,
            "executable": str(BIN / "pylint"),
            "args": ["--load-plugins=pylint_archcheck"],
        }
    return {"pylsp": {"plugins": plugins}}


def _project(root: Path) -> Path:
    for name, text in PROJECT.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(("linter", "code"), [("flake8", "ARC101"), ("pylint", "W7101")])
def test_unsaved_buffer_findings_reach_the_editor_as_diagnostics(tmp_path: Path, linter: str, code: str) -> None:
    root = _project(tmp_path).resolve()
    document = root / "shop" / "domain.py"
    uri = document.as_uri()
    server = LanguageServer(root)
    try:
        server.request("initialize", {
            "processId": None,
            "rootUri": root.as_uri(),
            "capabilities": {},
            "initializationOptions": _settings(linter),
        })
        server.notify("initialized", {})
        server.notify("workspace/didChangeConfiguration", {"settings": _settings(linter)})
        server.notify("textDocument/didOpen", {
            "textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": BUFFER},
        })
        found = server.diagnostics(uri, linter)
        while not found:  # a configuration change may publish once before the first lint
            found = server.diagnostics(uri, linter)
        starts = sorted((d["range"]["start"]["line"], d["range"]["start"]["character"]) for d in found)
        assert starts == EXPECTED_POSITIONS
        assert {d["code"] for d in found} == {code}
        assert all("shop.domain (layer domain) imports shop.infrastructure" in d["message"] for d in found)
        assert all(d["range"]["end"]["line"] == d["range"]["start"]["line"] for d in found)
        # The file on disk is clean: what the editor shows came from the buffer.
        assert "import shop.infrastructure" not in document.read_text(encoding="utf-8")

        # The user deletes the imports without saving: the squiggles go away.
        clean = PROJECT["shop/domain.py"]
        server.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": clean}],
        })
        assert server.diagnostics(uri, linter) == []
    finally:
        server.close()
