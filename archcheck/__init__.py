"""archcheck: Domain-Driven Design and Clean Architecture rules for pylint and flake8.

This package is the shared core. It never imports pylint, flake8 or astroid.
"""

from archcheck.engine import check_module
from archcheck.findings import Finding, Severity

__all__ = ["Finding", "Severity", "check_module"]
