"""The billing context."""
