"""Rendering: the archive graph -> `{url path: page}` and data files, through Jinja2 templates.

It knows nothing of MkDocs, so that another static-site builder can take its pages.
"""
