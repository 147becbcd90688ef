"""The ports the use cases need."""

from __future__ import annotations

from typing import Protocol

from shop.ordering.domain.order import Order, OrderId


class OrderRepository(Protocol):
    """Where orders are kept."""

    def add(self, order: Order) -> None:
        """Keep an order."""

    def get(self, order_id: OrderId) -> Order:
        """Find an order by its identity."""
