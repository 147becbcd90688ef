"""The order aggregate."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import requests  # expect: ARC103 (a web client in the domain)

from shop.ordering.infrastructure.clock import utc_now  # expect: ARC101 (domain -> infrastructure)

if TYPE_CHECKING:
    from shop.ordering.application.ports import OrderRepository  # expect: ARC101 (type-checking imports count by default)


@dataclass(frozen=True)
class OrderId:
    """An order's identity."""

    value: str


@dataclass
class Order:
    """An order: lines are added until it is placed."""

    id: OrderId
    lines: tuple[str, ...] = field(default=())
    placed_at: str | None = None

    def place(self) -> None:
        """Place the order now."""
        if not self.lines:
            raise ValueError("an empty order cannot be placed")
        self.placed_at = utc_now()

    def notify(self, url: str) -> int:
        """Tell the warehouse (the framework call the domain should not make)."""
        return requests.post(url, timeout=5).status_code


def save(order: Order, repository: OrderRepository) -> None:
    """Hand the order to a repository."""
    repository.add(order)
