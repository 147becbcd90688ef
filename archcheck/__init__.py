"""archcheck: Domain-Driven Design and Clean Architecture rules for pylint and flake8.

This package is the shared core. It never imports pylint, flake8 or astroid.
"""

from archcheck.engine import check_module
from archcheck.findings import Finding, Severity

# The one home of the version: packaging reads it statically (pyproject.toml),
# the flake8 plugin without a metadata lookup (3.6 ms of every editor run).
__version__ = "0.1.0"

__all__ = ["Finding", "Severity", "__version__", "check_module"]
