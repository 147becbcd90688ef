"""Invoice stamps."""


def stamp() -> str:
    """A printed stamp."""
    return "PAID"
