"""JSON Schema validation of translators' YAML files, reported with file and line."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .errors import TranslationError

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"


@cache
def validator(schema_dir: Path, name: str) -> Draft202012Validator:
    schema = json.loads((schema_dir / name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def _line(data: Any, path: list[str | int]) -> int | None:
    """The line of the deepest node on ``path`` that ruamel.yaml knows a position for."""
    line = None
    node = data
    for key in path:
        if isinstance(node, CommentedMap) and key in node:
            line = int(node.lc.key(key)[0]) + 1
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
            line = int(node.lc.item(key)[0]) + 1
        else:
            break
        node = node[key]
    if line is None and isinstance(data, CommentedMap):
        line = int(data.lc.line) + 1
    return line


def validate(data: Any, schema_dir: Path, name: str, path: Path) -> None:
    """Raise a :class:`TranslationError` for the first schema violation, naming its line."""
    found = validator(schema_dir, name).iter_errors(data)
    errors = sorted(found, key=lambda e: [str(p) for p in e.absolute_path])
    if not errors:
        return
    error = errors[0]
    where = ".".join(str(p) for p in error.absolute_path) or "the file"
    raise TranslationError(
        path,
        f"{where}: {error.message}",
        line=_line(data, list(error.absolute_path)),
        hint=f"the file must follow {name} (your editor can check it as you type)",
    )
