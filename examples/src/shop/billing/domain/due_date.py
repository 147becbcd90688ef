"""When an invoice falls due."""

from shop.shared.timestamps import today  # expect: ARC105 (domain -> shop.shared -> infrastructure)


def due_on() -> str:
    """The due date: payable today."""
    return today()
