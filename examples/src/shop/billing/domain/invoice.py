"""Invoices."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from shop.ordering.api import OrderId
from shop.ordering.domain.order import Order  # expect: ARC102 (another context's internals)
from shop.ordering.infrastructure import clock  # expect: ARC101, ARC102, ARC104


@dataclass(frozen=True)
class Invoice:
    """What a customer owes for one order."""

    order_id: OrderId
    amount: Decimal
    issued_at: str


def invoice_for(order: Order, amount: Decimal) -> Invoice:
    """Bill an order."""
    return Invoice(order.id, amount, clock.utc_now())
