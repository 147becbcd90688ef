"""Time archcheck's core alone over every file of a project, as flake8 calls it.

    python benchmarks/core_only.py benchmarks/generated/large

One host run (``forget_shared``), then ``check_module(path, text, shared=True)``
for every Python file under ``src/`` (or the directory itself); prints files,
findings, seconds and milliseconds per file. ``ast.parse`` is included, since
the core parses when no tree is given.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from archcheck.engine import check_module, forget_shared


def main(argv: list[str]) -> int:
    """Run once over the project named in ``argv``."""
    project = (Path(argv[0]) if argv else Path("benchmarks/generated/large")).resolve()
    source = project / "src" if (project / "src").is_dir() else project
    os.chdir(project)
    files = sorted(path.relative_to(project) for path in source.rglob("*.py"))
    texts = [(str(path), path.read_text(encoding="utf-8")) for path in files]
    forget_shared()
    start = time.perf_counter()
    found = sum(len(check_module(path, text, shared=True)) for path, text in texts)
    seconds = time.perf_counter() - start
    per_file = 1000 * seconds / max(len(texts), 1)
    sys.stderr.write(f"{len(texts)} files, {found} findings, {seconds:.2f} s, {per_file:.2f} ms/file\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
