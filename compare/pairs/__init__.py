"""Sentence-pair decisions for evaluations and notebooks (lexical: 15 features and a
logistic regression; semantic: with embeddings). The job itself imports nothing from here.
"""
