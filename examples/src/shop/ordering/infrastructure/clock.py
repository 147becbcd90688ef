"""The wall clock."""

from datetime import UTC, datetime


def utc_now() -> str:
    """Now, in ISO 8601."""
    return datetime.now(UTC).isoformat()
