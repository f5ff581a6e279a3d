"""What every stage knows of raw text: normalization with offsets back to the source
(normalize), words and stems (words), the word tables (lexicon), places and nationalities
(places). Nothing here reads a frame of documents.
"""
