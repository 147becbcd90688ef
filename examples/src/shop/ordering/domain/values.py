"""Value objects of the ordering context."""

from __future__ import annotations

from dataclasses import dataclass

from shop.shared_kernel import ValueObject


@dataclass(frozen=True)
class Money(ValueObject):
    """An amount in cents: frozen, validated at construction."""

    cents: int

    def __post_init__(self) -> None:
        if self.cents < 0:
            raise ValueError("money cannot be negative")

    def plus(self, other: Money) -> Money:
        """The sum, as a new value."""
        return Money(self.cents + other.cents)


class Quantity(ValueObject):  # expect: ARC201 (public state, nothing guards it)
    """How many items."""

    def __init__(self, count: int) -> None:
        self.count = count


@dataclass(frozen=True)
class Sku(ValueObject):
    """A stock-keeping unit."""

    code: str

    def normalise(self) -> None:
        """Changes the value in place, behind frozen's back."""
        object.__setattr__(self, "code", self.code.upper())  # expect: ARC202


@dataclass(frozen=True)
class Address(ValueObject):
    """Where to ship."""

    lines: list[str]  # expect: ARC203 (a frozen class holding a list)
    country: str
