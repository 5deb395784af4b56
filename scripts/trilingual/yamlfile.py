"""Reading and rewriting translators' YAML files: the door every such file comes in by.

Reading uses libyaml (PyYAML's C parser) and keeps the line of every mapping and key, so
errors can point at ``file:line`` at little cost. Rewriting uses ruamel.yaml's round trip,
which keeps a translator's comments, key order and quoting.

Files come from contributors the maintainer may not know, so the reader is strict and cheap
whatever the input: the file must be a regular file (no symbolic link, which could reach
outside the repository), UTF-8 without control characters; its text is normalised to NFC;
anchors and aliases are refused (an alias bomb cannot expand); keys are plain scalars; and
scalars resolve as in YAML 1.2, the dialect ruamel.yaml writes, so that what a tool writes
is read back unchanged (``yes``, ``on`` and ``12:30`` stay strings).
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path
from typing import Any, ClassVar

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


# Control characters pasted from PDFs break YAML readers and pages alike; tab, newline and
# carriage return are the only ones a text file needs. Bidirectional overrides can make text
# display differently from what it is ("Trojan Source"), so they are refused too.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")

# YAML 1.2 core schema, as ruamel.yaml writes it: only true/false are booleans, no
# sexagesimal numbers. Dates stay dates (both libraries read them alike).
_IMPLICIT_12 = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (
        "tag:yaml.org,2002:timestamp",
        r"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
        r"(?:(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?"
        r"(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)?)$",
        "0123456789",
    ),
]

_SCALAR_KEYS = (str, int, float, bool, type(None))
# Line and paragraph separators and a byte-order mark written as escapes inside a value.
_SEPARATOR_RE = re.compile("[\u2028\u2029\ufeff]")


class _PositionLoader(_Loader):  # type: ignore[misc,valid-type]
    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            raise TranslationError(
                self.name,
                "anchors and aliases (&name, *name) are not supported",
                line=node.start_mark.line + 1,
                hint="write the value out in full where it is used",
            )
        return super().construct_object(node, deep=deep)

    def construct_scalar(self, node: yaml.ScalarNode) -> Any:
        """A scalar's text, checked again after escapes (``"\\0"``, ``"\\u202e"``) are decoded."""
        value = super().construct_scalar(node)
        if isinstance(value, str):
            control = _CONTROL_RE.search(value) or _SEPARATOR_RE.search(value)
            if control:
                raise TranslationError(
                    self.name,
                    f"a control character (U+{ord(control.group()):04X}) is in the text",
                    line=node.start_mark.line + 1,
                    hint="delete it, or the escape that writes it (\\0, \\x1b, \\u202e …)",
                )
            return unicodedata.normalize("NFC", value)
        return value

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        value = str(self.construct_scalar(node)).replace("_", "")
        return int(value, 8 if value.startswith("0o") else 16 if value.startswith("0x") else 10)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise TranslationError(
                    self.name,
                    "a key must be a plain name, not a list, a mapping or a merge (<<)",
                    line=key_node.start_mark.line + 1,
                    hint="write the key as text, e.g. 's3.p2.s1:'",
                )
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, _SCALAR_KEYS):
                key = str(key)
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
_PositionLoader.add_constructor("tag:yaml.org,2002:int", _PositionLoader.construct_yaml_int)
for _tag, _pattern, _first in _IMPLICIT_12:
    _PositionLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def regular_file(path: Path) -> None:
    """Refuse a symbolic link (to the file or its folder): it could reach outside the repository,
    and an error about its content would print someone else's file into a public build log."""
    for candidate in (path, path.parent):
        if candidate.is_symlink():
            raise TranslationError(
                candidate,
                "is a symbolic link",
                hint="translators' files and publication folders must be regular files in the repository",
            )


def control_character(text: str) -> tuple[str, int] | None:
    """The first character a text file should not hold (``U+000C``) and its line, if any."""
    found = _CONTROL_RE.search(text)
    if found is None:
        return None
    return f"U+{ord(found.group()):04X}", text.count("\n", 0, found.start()) + 1


def _text(path: Path) -> str:
    """The file's text, checked and normalised (see the module's docstring)."""
    regular_file(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise TranslationError(path, "the file is missing", hint="restore it (see git status)") from None
    except IsADirectoryError:
        raise TranslationError(path, "is a folder, not a file", hint="remove or rename the folder") from None
    except UnicodeDecodeError:
        raise TranslationError(path, "the file is not UTF-8 text", hint="save it as UTF-8") from None
    control = control_character(text)
    if control:
        raise TranslationError(
            path,
            f"a control character ({control[0]}) is in the text",
            line=control[1],
            hint="delete it (text pasted from a PDF often carries them)",
        )
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip(" ").startswith("\t"):
            raise TranslationError(
                path, "a tab is used for indentation", line=number, hint="indent with spaces (two per level)"
            )
    return unicodedata.normalize("NFC", text)


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
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        raise TranslationError(path, f"invalid YAML: {excerpt(str(error))}", hint="check the file") from None
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
    """Parse a file for rewriting (comments and layout kept), after the reader's checks."""
    read(path)
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


def excerpt(text: str, limit: int = 80) -> str:
    """At most ``limit`` characters of a value, for an error message that stays short."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
