"""Discounts granted on an invoice."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Discount:
    """A share of the amount taken off."""

    rate: Decimal

    def apply(self, amount: Decimal) -> Decimal:
        """The amount after the discount."""
        return amount * (1 - self.rate)


def discount_from(campaign: dict[str, Any]) -> Discount:  # expect: ARC303 (a raw payload in a domain signature)
    """The discount a marketing campaign grants."""
    return Discount(Decimal(str(campaign["rate"])))
