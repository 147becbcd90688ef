"""Billing's use cases."""
