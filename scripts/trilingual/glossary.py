"""The term base: ``translations/glossary.yml``, one entry per concept in every site language.

Entries carry the approved term per language, variants (other forms of the same concept),
forbidden renderings, a kana reading for Japanese sorting and a note per language. The
file is validated with ``file:line`` errors: duplicate terms, a term that is another
entry's variant, a missing language, empty fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import SOURCE_LANGUAGE
from .entries import Named
from .errors import TranslationError
from .schema import SCHEMA_DIR, validate
from .yamlfile import line_of, read

GLOSSARY_FILE = "glossary.yml"


@dataclass(frozen=True)
class Term(Named):
    id: str
    category: str
    terms: dict[str, str]
    """The approved term per language code (``zh``, ``ja``, ``en``)."""
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    forbidden: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    kana: str = ""
    pinyin: str = ""
    line: int = 0

    entry_kind = "term"

    @property
    def names(self) -> dict[str, str]:
        """The approved term in each language."""
        return self.terms


@dataclass(frozen=True)
class Glossary:
    path: Path
    terms: tuple[Term, ...]

    def __iter__(self) -> Any:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)


def _strings(value: Any) -> dict[str, tuple[str, ...]]:
    return {str(lang): tuple(str(v) for v in values) for lang, values in (value or {}).items()}


def load_glossary(path: Path, languages: tuple[str, ...]) -> Glossary:
    """Read and validate the term base (an absent file is an empty glossary)."""
    if not path.exists():
        return Glossary(path, ())
    data = read(path) or {"terms": []}
    validate(data, SCHEMA_DIR, "glossary.schema.json", path)
    terms: list[Term] = []
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    entries = data["terms"]
    for index, entry in enumerate(entries):
        line = line_of(entry) or index + 1
        for lang in languages:
            if not str(entry.get(lang) or "").strip():
                raise TranslationError(
                    path, f"term {entry['id']!r} has no {lang!r} form", line=line, hint=f"add '{lang}:' to it"
                )
        term = Term(
            id=str(entry["id"]),
            category=str(entry["category"]),
            terms={lang: str(entry[lang]).strip() for lang in languages},
            variants=_strings(entry.get("variants")),
            forbidden=_strings(entry.get("forbidden")),
            notes={str(k): str(v) for k, v in (entry.get("note") or {}).items()},
            kana=str(entry.get("kana") or ""),
            pinyin=str(entry.get("pinyin") or ""),
            line=line,
        )
        source = (SOURCE_LANGUAGE, term.terms[SOURCE_LANGUAGE])
        for key, kind in ((("id", term.id), "id"), (source, "term")):
            if key in seen:
                other, other_line = seen[key]
                raise TranslationError(
                    path,
                    f"{kind} {key[1]!r} of {term.id!r} is already used by {other!r} (line {other_line})",
                    line=line,
                    hint="merge the two entries or tell the concepts apart",
                )
            seen[key] = (term.id, line)
        terms.append(term)
    approved = {(SOURCE_LANGUAGE, t.terms[SOURCE_LANGUAGE]): t for t in terms}
    for term in terms:
        for lang, variants in term.variants.items():
            for variant in variants:
                owner = approved.get((lang, variant))
                if owner is not None and owner.id != term.id:
                    raise TranslationError(
                        path,
                        f"variant {variant!r} of {term.id!r} is the term of another entry, {owner.id!r}",
                        line=term.line,
                        hint="remove the variant, or merge the entries if they are one concept",
                    )
    return Glossary(path, tuple(terms))
