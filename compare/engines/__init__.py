"""engines: see the README's map of modules."""
