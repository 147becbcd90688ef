"""Billing's adapters."""
