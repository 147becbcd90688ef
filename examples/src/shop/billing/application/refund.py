"""Use case: refund part of an invoice."""

from __future__ import annotations

from decimal import Decimal

from shop.billing.domain.discount import Discount
from shop.billing.domain.invoice import Invoice


def refund(invoice: Invoice, reason) -> Decimal:  # expect: ARC301 (what is a reason?)
    """The amount given back for a complaint."""
    return Discount(Decimal("0.1")).apply(invoice.amount) if reason else Decimal(0)


def refund_all(invoices: list[Invoice]):  # expect: ARC302 (no return type)
    """Every invoice refunded in full."""
    return sum((invoice.amount for invoice in invoices), Decimal(0))
