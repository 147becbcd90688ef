"""The shared kernel: marker bases that tell archcheck what each domain class is."""


class ValueObject:
    """Immutable, compared by value."""


class Entity:
    """Has an identity that outlives its attributes."""


class AggregateRoot(Entity):
    """The entry point of a consistency boundary."""


class DomainEvent:
    """Something that happened."""
