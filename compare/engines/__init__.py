"""Where the per-document stages run: the local engine (local) runs one batch function over
batches of documents in worker processes and the calling one.
"""
