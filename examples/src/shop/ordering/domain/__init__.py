"""Ordering's domain model."""
