"""findings: see the README's map of modules."""
