"""Named documents, laws and treaties: ``translations/references.yml``, titles per language and a link."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .entries import Named
from .errors import TranslationError
from .schema import SCHEMA_DIR, validate
from .yamlfile import line_of, read

REFERENCES_FILE = "references.yml"


@dataclass(frozen=True)
class Reference(Named):
    id: str
    kind: str
    titles: dict[str, str]
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    issuer: dict[str, str] = field(default_factory=dict)
    year: int | None = None
    url: str = ""
    notes: dict[str, str] = field(default_factory=dict)
    line: int = 0

    entry_kind = "reference"

    @property
    def names(self) -> dict[str, str]:
        """The document's title in each language."""
        return self.titles


def load_references(path: Path, languages: tuple[str, ...]) -> tuple[Reference, ...]:
    """Read and validate the reference list (an absent file is an empty list)."""
    if not path.exists():
        return ()
    data = read(path) or {"references": []}
    validate(data, SCHEMA_DIR, "references.schema.json", path)
    references: list[Reference] = []
    seen: dict[str, int] = {}
    for entry in data["references"]:
        line = line_of(entry)
        if entry["id"] in seen:
            raise TranslationError(
                path,
                f"reference id {entry['id']!r} is already used on line {seen[entry['id']]}",
                line=line,
                hint="give each reference its own id",
            )
        seen[entry["id"]] = line
        missing = [lang for lang in languages if not str(entry.get(lang) or "").strip()]
        if missing:
            raise TranslationError(
                path,
                f"reference {entry['id']!r} has no title in {', '.join(missing)}",
                line=line,
                hint="add them",
            )
        references.append(
            Reference(
                id=str(entry["id"]),
                kind=str(entry["kind"]),
                titles={lang: str(entry[lang]) for lang in languages},
                variants={
                    str(k): tuple(str(v) for v in vs) for k, vs in (entry.get("variants") or {}).items()
                },
                issuer={str(k): str(v) for k, v in (entry.get("issuer") or {}).items()},
                year=int(entry["year"]) if entry.get("year") else None,
                url=str(entry.get("url") or ""),
                notes={str(k): str(v) for k, v in (entry.get("note") or {}).items()},
                line=line,
            )
        )
    return tuple(references)
