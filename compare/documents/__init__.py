"""Stages over whole documents: finding and decoding files (ingest), shingles, MinHash and
near duplicates (similarity, with the numba kernels), copied passages (passages).
"""
