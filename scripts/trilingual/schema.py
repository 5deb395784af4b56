"""JSON Schema validation of translators' YAML files, reported with file and line.

A compiled validator (fastjsonschema) answers whether a file is valid; only when it is not
does the reference validator (jsonschema) find the first error and its path for the message.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator

from .errors import TranslationError
from .yamlfile import excerpt, item_line, line_of

MAX_ERRORS = 20
"""Schema errors looked at before the first is reported: no input can make an error expensive."""

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"


@cache
def _schema(schema_dir: Path, name: str) -> dict[str, Any]:
    return dict(json.loads((schema_dir / name).read_text(encoding="utf-8")))


@cache
def validator(schema_dir: Path, name: str) -> Draft202012Validator:
    """The reference validator, used to explain an error precisely."""
    return Draft202012Validator(_schema(schema_dir, name))


@cache
def _fast_check(schema_dir: Path, name: str) -> Callable[[Any], Any]:
    """The schema compiled to Python (fastjsonschema): the quick yes/no every build asks."""
    return fastjsonschema.compile(_schema(schema_dir, name))


def _line(data: Any, path: list[str | int]) -> int | None:
    """The line of the deepest node on ``path`` whose position is known."""
    line = line_of(data) or None
    node = data
    for key in path:
        if isinstance(key, int) and isinstance(node, list):
            found = item_line(node, key)
        elif isinstance(node, dict) and key in node:
            found = line_of(node, key) or None
        else:
            break
        line = found or line
        node = node[key]
    return line


def validate(data: Any, schema_dir: Path, name: str, path: Path) -> None:
    """Raise a :class:`TranslationError` for the first schema violation, naming its line."""
    try:
        _fast_check(schema_dir, name)(data)
        return
    except fastjsonschema.JsonSchemaException:
        pass  # explain it with the reference validator below
    found = itertools.islice(validator(schema_dir, name).iter_errors(data), MAX_ERRORS)
    errors = sorted(found, key=lambda e: [str(p) for p in e.absolute_path])
    if not errors:
        return
    error = errors[0]
    where = excerpt(".".join(str(p) for p in error.absolute_path), 60) or "the file"
    message = excerpt(error.message, 160)
    described = error.schema.get("description") if isinstance(error.schema, dict) else None
    if error.validator in ("pattern", "maxLength", "minLength") and described:
        # The value and a regular expression say little to a translator; the rule's own words do.
        message = f"{excerpt(repr(error.instance), 60)} is not allowed here: {described}"
    raise TranslationError(
        path,
        f"{where}: {message}",
        line=_line(data, list(error.absolute_path)),
        hint=f"the file must follow {name} (your editor can check it as you type)",
    )
