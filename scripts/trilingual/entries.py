"""Named things with a form per language: glossary terms and referenced documents.

A :class:`Named` has an id, its name in each language and variants; the glossary's
:class:`~trilingual.glossary.Term` and the references' :class:`~trilingual.references.Reference`
are both. An :class:`Entry` is what annotation, cross-references and search see of one:
every form to find per language, and the name to show.
"""

from __future__ import annotations

from dataclasses import dataclass


class Named:
    """The part a term and a reference share: ``id``, ``names`` per language, ``variants``."""

    id: str
    variants: dict[str, tuple[str, ...]]
    entry_kind = ""
    """``term`` or ``reference``: which page lists it."""

    @property
    def names(self) -> dict[str, str]:
        raise NotImplementedError

    def forms(self, lang: str) -> tuple[str, ...]:
        """The name and its variants in ``lang``: every form to find in a text."""
        name = self.names.get(lang)
        return ((name,) if name else ()) + self.variants.get(lang, ())

    def entry(self) -> Entry:
        return Entry(
            self.id, self.entry_kind, {lang: self.forms(lang) for lang in self.names}, dict(self.names)
        )


@dataclass(frozen=True)
class Entry:
    """Something that can be annotated: a glossary term or a reference."""

    id: str
    kind: str  # "term" or "reference"
    forms: dict[str, tuple[str, ...]]
    """Every form to find, per language code (``zh``, ``ja``, ``en``)."""
    labels: dict[str, str]
    """The name in each language, for the tooltip."""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"
