"""JSON Schema for each kind of archive file, generated from the models the validator uses."""

from __future__ import annotations

import json
from pathlib import Path

from ..model import MODELS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schemas() -> dict[str, dict]:
    """`{kind: schema}` for article front matter, actors and leaks."""
    schemas = {}
    for kind, model in MODELS.items():
        schema = model.model_json_schema(mode="validation")
        schemas[kind] = {"$schema": SCHEMA_DIALECT, "$id": f"{kind}.schema.json", **schema}
    return schemas


def write_schemas(folder: Path) -> list[Path]:
    """Write `<kind>.schema.json` files into `folder`; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, schema in json_schemas().items():
        path = folder / f"{kind}.schema.json"
        path.write_text(
            json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
        )
        written.append(path)
    return written
