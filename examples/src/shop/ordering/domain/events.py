"""Domain events of the ordering context."""

from dataclasses import dataclass
from typing import NamedTuple

from shop.shared_kernel import DomainEvent


@dataclass
class OrderShipped(DomainEvent):  # expect: ARC204 (an event that can change)
    """An order left the warehouse."""

    order_id: str


class OrderCancelled(NamedTuple, DomainEvent):
    """An order was cancelled: immutable."""

    order_id: str
    reason: str
