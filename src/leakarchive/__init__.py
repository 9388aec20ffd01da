"""Leak Archive: an annotated archive of news articles about leaks from inside the Iranian state.

The engine is a pipeline, one module per stage: load -> validate -> link -> render -> emit.
Nothing here imports MkDocs except `plugin.py`, the thin adapter.
"""

__version__ = "0.1.0"
