"""A command line to place an order."""

from __future__ import annotations

import sys

from shop.ordering.application.place_order import place_order
from shop.ordering.domain.order import OrderId
from shop.ordering.infrastructure.memory_repository import InMemoryOrders


def main(argv: list[str]) -> int:
    """Place the order named on the command line."""
    place_order(OrderId(argv[0]), InMemoryOrders())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
