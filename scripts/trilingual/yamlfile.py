"""Reading and rewriting translators' YAML files.

Reading uses libyaml (PyYAML's C parser) and keeps the line of every mapping and key, so
errors can point at ``file:line`` at little cost. Rewriting uses ruamel.yaml's round trip,
which keeps a translator's comments, key order and quoting.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from .errors import TranslationError

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict[Any, Any]):
    """A mapping that knows the (1-based) line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]


class LineList(list[Any]):
    line: int = 0
    item_lines: list[int]


class _PositionLoader(_Loader):  # type: ignore[misc,valid-type]
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        self.flatten_mapping(node)
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in mapping:
                raise TranslationError(
                    self.name,
                    f"duplicate key {key!r} (first on line {mapping.key_lines[key]})",
                    line=key_node.start_mark.line + 1,
                    hint="each key may appear once; merge or remove the duplicate",
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        items = LineList(self.construct_object(child, deep=deep) for child in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items


_PositionLoader.add_constructor(
    "tag:yaml.org,2002:map", lambda loader, node: loader.construct_mapping(node, deep=True)
)
_PositionLoader.add_constructor(
    "tag:yaml.org,2002:seq", lambda loader, node: loader.construct_sequence(node, deep=True)
)


def _text(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise TranslationError(path, "the file is not UTF-8 text", hint="save it as UTF-8") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip(" ").startswith("\t"):
            raise TranslationError(
                path, "a tab is used for indentation", line=number, hint="indent with spaces (two per level)"
            )
    return text


def read(path: Path) -> Any:
    """Parse a YAML file into plain data whose mappings and lists know their lines."""
    text = _text(path)
    loader = _PositionLoader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise TranslationError(
            path,
            f"invalid YAML: {error.problem or error.context or 'syntax error'}",
            line=mark.line + 1 if mark else None,
            hint="check quotes, colons and indentation on this line",
        ) from None
    finally:
        loader.dispose()


def line_of(node: Any, key: Any = None) -> int:
    """1-based line of a mapping, or of one of its keys (0 when unknown)."""
    if isinstance(node, LineDict):
        return node.key_lines.get(key, node.line) if key is not None else node.line
    if isinstance(node, CommentedMap):
        if key is not None and key in node:
            return int(node.lc.key(key)[0]) + 1
        return int(node.lc.line) + 1
    return 0


def item_line(node: Any, index: int) -> int | None:
    if isinstance(node, LineList) and index < len(node.item_lines):
        return node.item_lines[index]
    if isinstance(node, CommentedSeq) and index < len(node):
        return int(node.lc.item(index)[0]) + 1
    return None


def round_trip() -> YAML:
    """A ruamel.yaml instance that keeps comments, key order and quoting when rewriting."""
    loader = YAML()
    loader.preserve_quotes = True
    loader.width = 4096
    loader.indent(mapping=2, sequence=4, offset=2)
    return loader


def load_round_trip(path: Path) -> Any:
    """Parse a file for rewriting (comments and layout kept)."""
    text = _text(path)
    try:
        return round_trip().load(io.StringIO(text))
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise TranslationError(
            path,
            f"invalid YAML: {error.problem or error.context or 'syntax error'}",
            line=int(mark.line) + 1 if mark else None,
            hint="check quotes, colons and indentation on this line",
        ) from None


def dump_round_trip(data: Any) -> str:
    buffer = io.StringIO()
    round_trip().dump(data, buffer)
    return buffer.getvalue()
