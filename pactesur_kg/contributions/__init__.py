"""The contribution workflow: accounts, the queue of submissions, review, and accepted
contributions written into the sources (``data/contributions/``) and the store at once.

See ``docs/contributions.md`` for the flow and the files it keeps.
"""
