"""The ordering context."""
