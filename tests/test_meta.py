"""The registry is the one home of every rule: unique names, a page, a fixture,
and every rule module registered."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import archcheck.rules
from archcheck.registry import RULES

ROOT = Path(__file__).parent.parent
FIXTURE_TEXT = "\n".join(
    path.read_text(encoding="utf-8") for path in (ROOT / "tests" / "fixtures").rglob("*.py")
) + "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "examples").rglob("*.py"))
# ARC000 is archcheck's own bug: fixtures cannot show it, fault injection does (tests/test_engine.py).
NO_FIXTURE = {"ARC000"}


def test_codes_symbols_and_ids_are_unique_and_well_formed() -> None:
    for attribute in ("code", "symbol", "pylint_id"):
        values = [getattr(rule, attribute) for rule in RULES]
        assert len(values) == len(set(values)), attribute
    for rule in RULES:
        assert re.fullmatch(r"ARC\d{3}", rule.code)
        assert re.fullmatch(r"[a-z][a-z-]+", rule.symbol)
        assert re.fullmatch(r"[FEWRC]7\d{3}", rule.pylint_id)


def test_pylint_ids_follow_the_spec_mapping() -> None:
    spec = {"ARC000": "F7000", "ARC001": "E7001", "ARC101": "W7101", "ARC102": "W7102"}
    for rule in RULES:
        if rule.code in spec:
            assert rule.pylint_id == spec[rule.code]
        family, last = rule.code[3], rule.code[4:]
        assert rule.pylint_id[2:] == family + last


def test_every_rule_has_a_docs_page() -> None:
    for rule in RULES:
        assert (ROOT / "docs" / rule.docs_page).is_file(), rule.code


def test_every_rule_is_shown_by_a_fixture_or_the_examples() -> None:
    for rule in RULES:
        if rule.code not in NO_FIXTURE:
            assert re.search(rf"#\s*expect:[A-Z0-9, ]*\b{rule.code}\b", FIXTURE_TEXT), rule.code


def _rule_modules() -> list[str]:
    found = []
    for info in pkgutil.walk_packages(archcheck.rules.__path__, "archcheck.rules."):
        if not info.ispkg and re.search(r"\.arc\d{3}_", info.name):
            found.append(info.name)
    return found


def test_every_rule_module_is_the_home_of_one_registered_rule() -> None:
    modules = _rule_modules()
    assert modules, "no rule modules found"
    homes = [rule.home for rule in RULES if rule.home is not None]
    assert sorted(homes) == sorted(modules), "each rule module is the home of one entry, each home a rule module"
    for rule in RULES:
        if rule.home is None:
            continue
        home = importlib.import_module(rule.home)
        assert home.RULE is rule, "a rule module spells its findings with its own registry entry"
        assert callable(home.check) and rule.loaded_check() is home.check
        assert f".{rule.code.lower()}_" in rule.home
    assert {rule.code for rule in RULES if rule.home is None} == {"ARC000", "ARC001"}


def test_the_readme_lists_every_rule_with_its_spellings() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"| {rule.code} | `{rule.symbol}` ({rule.pylint_id}) |" in readme, rule.code


def test_the_version_has_one_home() -> None:
    import importlib.metadata

    import archcheck
    import flake8_archcheck

    assert archcheck.__version__ == importlib.metadata.version("archcheck") == flake8_archcheck.ArchcheckPlugin.version


def test_archcheck_makes_its_records_and_choices_cheaply() -> None:
    # typing.NamedTuple compiles a __new__ and checks every annotation for each
    # class, enum.Enum does much work per member: archcheck's records and
    # enumerations cost 40 % of importing it, which every editor lint pays
    # (see archcheck/records.py).
    offenders = []
    for path in sorted(ROOT.glob("*archcheck/**/*.py")):
        text = path.read_text(encoding="utf-8")
        if any(spelling in text for spelling in ("(NamedTuple)", "NamedTuple(", "(enum.Enum)", "(Enum)")):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
