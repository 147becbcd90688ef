"""An example shop: ordering and billing, each a bounded context."""
