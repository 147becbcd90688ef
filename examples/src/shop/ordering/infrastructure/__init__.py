"""Ordering's adapters."""
