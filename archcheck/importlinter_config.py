"""Read a project's import-linter configuration, as ``lint-imports`` would.

``importlinter.api.read_configuration`` reads only the working directory;
editors and ``flake8 -j`` run from anywhere, so archcheck reads the files
itself, from the directory of the archcheck configuration (the project root),
in import-linter's order: ``setup.cfg`` ``[importlinter]``, ``.importlinter``,
then ``pyproject.toml`` ``[tool.importlinter]``. The options come back in the
shape import-linter's own readers produce (strings, multi-line values as
lists, TOML booleans as ``"True"``/``"False"``), so that import-linter's
contract classes parse them exactly as ``lint-imports`` does.

Nothing is evaluated; a file that cannot be read or parsed counts as a
configuration with no contracts (``lint-imports`` reports that error itself).
"""

from __future__ import annotations

import configparser
import json
from pathlib import Path
from typing import Any

from archcheck.modules import file_stamp
from archcheck.modules import is_file
from archcheck.records import Record
from archcheck.runs import RunMemo

SECTION = "importlinter"
# The contract types archcheck enforces per line; the others stay with lint-imports.
ENFORCED_TYPES = ("layers", "forbidden", "independence")


class ImportLinterConfig(Record):
    """The import-linter configuration of one project."""

    file: Path
    session_options: dict[str, Any]
    contracts: tuple[dict[str, Any], ...]
    error: str | None = None

    @property
    def root_packages(self) -> tuple[str, ...]:
        """``root_packages`` (the older ``root_package`` included)."""
        roots = self.session_options.get("root_packages", ())
        return (roots,) if isinstance(roots, str) else tuple(str(root) for root in roots)

    def options_json(self) -> str:
        """The session options and contracts as canonical JSON: what results computed
        from this configuration are keyed on."""
        return json.dumps([self.session_options, list(self.contracts)], sort_keys=True, default=str)

    def flag(self, name: str) -> bool:
        """A session option that import-linter reads as a boolean (``"True"``/``"true"``)."""
        return str(self.session_options.get(name, "")) in ("True", "true")

    def layers_contracts(self) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
        """(layers, containers) of each layers contract, as lists of strings."""
        found = []
        for contract in self.enforced():
            if contract["type"] == "layers":
                found.append((_strings(contract.get("layers")), _strings(contract.get("containers"))))
        return tuple(found)

    def enforced(self) -> tuple[dict[str, Any], ...]:
        """The contracts archcheck enforces per line."""
        return tuple(c for c in self.contracts if c.get("type") in ENFORCED_TYPES and "name" in c)


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(item for item in value if isinstance(item, str)) if isinstance(value, list) else ()


def _clean(section: dict[str, str]) -> dict[str, Any]:
    """import-linter's INI convention: a multi-line value is a list of its lines."""
    return {key: value.strip().split("\n") if "\n" in value else value for key, value in section.items()}


def _text(path: Path) -> str:
    """The file's text; a FIFO or device (which would block the linter) is refused."""
    if not is_file(path):
        raise OSError(f"{path} is not a regular file")
    return path.read_text(encoding="utf-8")


def _read_ini(path: Path) -> ImportLinterConfig | None:
    parser = configparser.ConfigParser()
    try:
        parser.read_string(_text(path))
    except (OSError, UnicodeDecodeError, configparser.Error) as error:
        return ImportLinterConfig(path, {}, (), f"cannot be read: {error}") if path.name != "setup.cfg" else None
    if SECTION not in parser.sections():
        return None
    contracts = []
    for name in parser.sections():
        if name.startswith(f"{SECTION}:"):
            contracts.append({"id": name.split(":")[-1], **_clean(dict(parser[name]))})
    return ImportLinterConfig(path, _normalised(_clean(dict(parser[SECTION]))), tuple(contracts))


def _normalised(session: dict[str, Any]) -> dict[str, Any]:
    """import-linter's own normalisation: ``root_package`` becomes ``root_packages``, a list."""
    session = dict(session)
    if "root_packages" not in session and "root_package" in session:
        session["root_packages"] = [session["root_package"]]
    session.pop("root_package", None)
    return session


def _booleans_as_strings(table: dict[str, Any]) -> dict[str, Any]:
    return {key: str(value) if isinstance(value, bool) else value for key, value in table.items()}


def _read_toml(path: Path) -> ImportLinterConfig | None:
    try:
        text = _text(path)
        if SECTION not in text:
            # No table can be named without the word: most pyproject.toml files are not
            # parsed here at all, and tomllib (a sixth of archcheck's import) is not imported.
            return None
        import tomllib  # pylint: disable=import-outside-toplevel

        data = tomllib.loads(text)
    except (OSError, ValueError, RecursionError) as error:  # ValueError: TOMLDecodeError, UnicodeDecodeError
        return ImportLinterConfig(path, {}, (), f"cannot be read: {error}")
    tool = data.get("tool")
    table = tool.get(SECTION) if isinstance(tool, dict) else None
    if not isinstance(table, dict) or not table:
        return None
    session = dict(table)
    raw = session.pop("contracts", [])
    contracts = tuple(_booleans_as_strings(c) for c in raw if isinstance(c, dict)) if isinstance(raw, list) else ()
    return ImportLinterConfig(path, _normalised(_booleans_as_strings(session)), contracts)


_cache: dict[Path, tuple[tuple[tuple[int, int] | None, ...], ImportLinterConfig | None]] = {}
_CANDIDATES = (("setup.cfg", _read_ini), (".importlinter", _read_ini), ("pyproject.toml", _read_toml))


def _find_importlinter_config(directory: Path) -> ImportLinterConfig | None:
    """The import-linter configuration in ``directory``, if there is one (cached on the files' mtimes)."""
    stamps = tuple(file_stamp(directory / name) for name, _ in _CANDIDATES)
    cached = _cache.get(directory)
    if cached is not None and cached[0] == stamps:
        return cached[1]
    found = None
    for (name, reader), stamp in zip(_CANDIDATES, stamps, strict=True):
        if stamp is None:
            continue
        found = reader(directory / name)
        if found is not None:
            break
    _cache[directory] = (stamps, found)
    return found


# Looked for once per host run, not once per file (three stats each time).
find_importlinter_config: RunMemo[Path, ImportLinterConfig | None] = RunMemo(_find_importlinter_config)
