"""The JSON Schemas in schemas/ are the ones the model generates: editors see the real rules."""

import json
from pathlib import Path

from leakarchive.tools.schema import json_schemas

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def test_committed_schemas_match_the_model():
    for kind, schema in json_schemas().items():
        committed = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert committed == schema, f"schemas/{kind}.schema.json is stale: run `leakarchive schema`"
