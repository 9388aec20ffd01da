"""The engine: load -> validate -> link, and the pipeline that chains them.

It knows nothing of rendering, of the site or of MkDocs (an import-linter contract checks it).
"""
