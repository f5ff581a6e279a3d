"""Stages over statements: sentence splitting (segment), typed values (sentence, values,
markers), what matching reads of a claim (features), scoring, candidate pairs, grouping
into repeated claims, embeddings for --semantic, and conflicts (one rule per kind in
conflict_rules, on the Context of conflict_context).
"""
