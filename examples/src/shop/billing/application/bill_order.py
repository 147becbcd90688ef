"""Use case: bill an order."""

from __future__ import annotations

import importlib
from decimal import Decimal

from shop.billing.domain.invoice import Invoice
from shop.ordering.api import OrderId


def bill(order_id: OrderId, amount: Decimal) -> Invoice:
    """Issue an invoice, stamped by a printer chosen at run time."""
    printer = importlib.import_module("shop.billing.infrastructure.printer")  # expect: ARC101
    return Invoice(order_id, amount, printer.stamp())
