"""Customers and what they keep."""

from __future__ import annotations

from dataclasses import dataclass

from shop.shared_kernel import AggregateRoot, Entity


class Customer(AggregateRoot):
    """A customer: identity and behaviour."""

    def __init__(self, customer_id: str, email: str) -> None:
        self.customer_id = customer_id
        self.email = email

    def move(self, email: str) -> None:
        """A new address."""
        if "@" not in email:
            raise ValueError("not an e-mail address")
        self.email = email


class Cart(AggregateRoot):
    """A cart that holds its customer by object."""

    owner: Customer  # expect: ARC212 (hold owner_id instead)

    def __init__(self, id: str, owner: Customer) -> None:
        self.id = id
        self.owner = owner
        self.skus: tuple[str, ...] = ()

    def add(self, sku: str) -> None:
        """Put an item in the cart."""
        self.skus = (*self.skus, sku)


@dataclass
class LoyaltyCard(Entity):  # expect: ARC211 (state without behaviour)
    """A loyalty card, as a record."""

    id: str
    points: int


class Wishlist(Entity):  # expect: ARC213 (no identity)
    """What a customer would like."""

    def __init__(self, skus: tuple[str, ...]) -> None:
        self.skus = skus

    def wish(self, sku: str) -> None:
        """Wish for one more."""
        if sku not in self.skus:
            self.skus = (*self.skus, sku)
