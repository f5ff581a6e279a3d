"""incremental: see the README's map of modules."""
