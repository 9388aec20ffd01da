"""Contributor tools: the `leakarchive` command, the importer, scaffolds (`new`) and JSON Schemas."""
