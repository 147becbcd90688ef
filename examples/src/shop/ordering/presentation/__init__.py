"""Ordering's entry points."""
