"""Helpers shared by both contexts; they belong to no layer."""
