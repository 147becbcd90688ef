"""Use case: place an order."""

from __future__ import annotations

from shop.ordering.application.ports import OrderRepository
from shop.ordering.domain.order import OrderId


def place_order(order_id: OrderId, repository: OrderRepository) -> None:
    """Place an order that is already in the repository."""
    order = repository.get(order_id)
    order.place()
    repository.add(order)
