"""Ordering's use cases."""
