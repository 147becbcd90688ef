"""Configuration: schema, discovery and validation of ``[tool.archcheck]``."""

from archcheck.config.discovery import load_config
from archcheck.config.model import Config, ConfigProblem, MarkerSpec

__all__ = ["Config", "ConfigProblem", "MarkerSpec", "load_config"]
