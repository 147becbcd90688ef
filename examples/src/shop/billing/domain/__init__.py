"""Billing's domain model."""
