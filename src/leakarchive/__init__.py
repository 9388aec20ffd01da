"""Leak Archive: an annotated archive of news articles about leaks from inside the Iranian state.

The package layout is the pipeline, load -> validate -> link -> render -> emit:

- `model`, `problems`, `text`, `urls`: shared leaf modules (the data model, problems as values,
  text folding and anchoring, ids -> paths -> URLs);
- `engine/`: load, validate, link, and the pipeline that chains them;
- `render/`: the archive graph -> pages and data files (templates in `render/templates/`);
- `site/`: the MkDocs plugin (the only place that imports MkDocs), previews, post-build steps;
- `tools/`: the `leakarchive` command, the importer, scaffolds and JSON Schemas.
"""

__version__ = "0.1.0"
