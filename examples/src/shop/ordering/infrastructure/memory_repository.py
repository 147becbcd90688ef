"""An in-memory order repository."""

from __future__ import annotations

from shop.ordering.domain.order import Order, OrderId


class InMemoryOrders:
    """Orders in a dict, for tests and demos."""

    def __init__(self) -> None:
        self._orders: dict[OrderId, Order] = {}

    def add(self, order: Order) -> None:
        """Keep an order."""
        self._orders[order.id] = order

    def get(self, order_id: OrderId) -> Order:
        """Find an order by its identity."""
        return self._orders[order_id]
