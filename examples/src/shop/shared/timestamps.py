"""Time stamps for documents. A convenient helper, and a back door: it leans on
the ordering context's infrastructure, so every domain module that uses it
depends on infrastructure without importing it (ARC105 reports that)."""

from shop.ordering.infrastructure.clock import utc_now


def today() -> str:
    """Today's date, from the wall clock."""
    return utc_now()[:10]
