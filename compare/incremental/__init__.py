"""What a rerun reuses: the per-document cache (cache, cache_tables, cache_files), the
previous run's candidate pairs with their score bounds (blocking, blocking_bounds), the
seam the pipeline asks (reuse) and the code digest everything stored is keyed by (keys).
"""
