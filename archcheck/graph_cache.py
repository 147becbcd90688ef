"""archcheck's on-disk cache files: validated JSON, written atomically.

Several processes (flake8 ``-j``, pylint ``-j``, editors) may read and write
the same file at once. A writer dumps to a temporary file in the cache
directory and moves it into place with ``os.replace``, so a reader sees the
old file or the new one, never half of one. Anything that cannot be read,
parsed or validated is treated as absent (and rebuilt by the caller); any
failure to write is swallowed: the cache only saves time, it never decides a
finding. Nothing is pickled or evaluated.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

try:  # CPython's own BLAKE2: importing hashlib would map OpenSSL (about 3.7 MB resident) into the host
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - Python implementations without the module
    from hashlib import blake2b

FORMAT = 4

Validator = Callable[[Any], bool]


def cache_file(cache_dir: Path, kind: str, *key_parts: str, suffix: str = ".json") -> Path:
    """The file of one cache entry: ``kind-<digest of the key><suffix>``."""
    return cache_dir / f"{kind}-{digest(str(FORMAT), *key_parts)}{suffix}"


def digest(*parts: str) -> str:
    """A short, stable digest of ``parts`` (cache keys, not security)."""
    return lines_digest(parts)


def lines_digest(lines: Iterable[str | bytes]) -> str:
    """:func:`digest` of ``lines`` as written (str) or as read back (bytes, perhaps with their
    newline), computed a line at a time: the stamps of a large project are not copied whole.
    The parts are hashed joined by NUL characters."""
    hasher = blake2b(digest_size=10)
    for position, line in enumerate(lines):
        data = line.encode() if isinstance(line, str) else line.removesuffix(b"\n")
        hasher.update(b"\0" + data if position else data)
    return hasher.hexdigest()


def read_json(path: Path, valid: Validator) -> Any | None:
    """The payload stored at ``path`` if it is there, whole and valid; else ``None``.

    The first line holds a CRC-32 of the JSON below it, as in a lines file: a
    damage that leaves valid JSON (a digit changed in a stored finding, or in a
    key) is caught before the payload's shape is checked, and the file is
    treated as absent.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    header, _, body = data.partition(b"\n")
    if header != _header(zlib.crc32(body)):
        return None
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return None
    if not isinstance(document, dict) or document.get("format") != FORMAT or "payload" not in document:
        return None
    payload = document["payload"]
    try:
        return payload if valid(payload) else None
    except (TypeError, ValueError, AttributeError, KeyError):
        return None


def write_json(path: Path, payload: Any) -> bool:
    """Store ``payload`` at ``path`` atomically, under its checksum; ``False`` when that was not possible."""
    try:
        # json.dumps, not json.dump: only the one-shot form uses the C encoder (5x faster here).
        text = json.dumps({"format": FORMAT, "payload": payload}, separators=(",", ":"))
    except (ValueError, TypeError):
        return False
    return _write(path, sealed(text))


def sealed(text: str) -> str:
    """``text`` under the header line that vouches for it (:func:`read_json`, :func:`read_lines`)."""
    return (_header(zlib.crc32(text.encode("utf-8"))) + b"\n").decode("ascii") + text


def read_lines(path: Path) -> list[bytes] | None:
    """The lines stored by :func:`write_lines` (each may end in its newline), or ``None`` if
    absent, of another format or damaged.

    The header holds a CRC-32 of the rest, so that a reader may decode the
    lines lazily: a file whose checksum matches is whole, as archcheck wrote it.
    The file is read twice through one handle (the same file even if a writer
    replaces it meanwhile): once in small chunks for the checksum, once into
    lines. A warm editor run's peak memory is mostly this file, and reading
    it whole, then splitting it, would hold it twice.
    """
    try:
        with open(path, "rb") as handle:
            header = handle.readline()
            checksum = 0
            for chunk in iter(functools.partial(handle.read, _CHUNK), b""):
                checksum = zlib.crc32(chunk, checksum)
            if header != _header(checksum) + b"\n":
                return None
            handle.seek(len(header))
            return handle.readlines()
    except OSError:
        return None


_CHUNK = 1 << 16


def write_lines(path: Path, lines: list[str]) -> bool:
    """Store ``lines`` (none holding a newline) at ``path`` atomically, with a checksum header."""
    try:
        text = sealed("\n".join(lines))
    except UnicodeEncodeError:  # a path that is not valid Unicode: go without a cache
        return False
    return _write(path, text)


def _header(checksum: int) -> bytes:
    """The first line of a lines file: the cache format and the CRC-32 of the rest."""
    return b"archcheck-cache %d %08x" % (FORMAT, checksum)


def _write(path: Path, text: str) -> bool:
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _ignore_in_git(path.parent)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
        os.chmod(temporary, 0o644)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
        temporary = None
        return True
    except (OSError, ValueError, TypeError):
        return False
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def _ignore_in_git(directory: Path) -> None:
    """A ``.gitignore`` holding ``*`` so the cache never shows in ``git status``."""
    marker = directory / ".gitignore"
    if not marker.exists():
        try:
            marker.write_text("# archcheck's cache: safe to delete\n*\n", encoding="utf-8")
        except OSError:
            pass


def is_str_list(value: Any) -> bool:
    """Whether ``value`` is a JSON list of strings."""
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
