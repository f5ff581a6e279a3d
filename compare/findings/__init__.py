"""The result of a run: the Findings object and findings.json (model, with its JSON Schema),
the --fail-on gates (fail_on) and what changed since the previous findings.json (changes).
"""
