"""Ordering's public surface: what other contexts may import."""

from shop.ordering.domain.order import OrderId

__all__ = ["OrderId"]
