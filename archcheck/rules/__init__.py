"""The rules, one module each, grouped by family; each family lists its registry entries."""
