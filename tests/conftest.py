"""Shared pytest configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


@pytest.fixture
def fixtures_dir() -> Path:
    """The functional fixture projects."""
    return FIXTURES


# Fixture projects and corpora are data for the tests, not tests.
collect_ignore_glob = ["fixtures/*", "corpus/*"]
