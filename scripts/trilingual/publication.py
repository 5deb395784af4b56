"""Publications: one folder each under ``translations/``, aligned with their translations.

A folder holds ``publication.yml`` (which source file, its language, names that are not
part of the text), the original verbatim, and one ``<lang>.yml`` per target language.
:class:`Publication` is the parallel document that pages, checks and exports read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import TranslationError, UserError
from .ingest import ingest
from .model import Document, Section, Segment
from .schema import SCHEMA_DIR, validate
from .translations import State, Translation, TranslationFile, load_translations, state_of
from .yamlfile import line_of, read

if TYPE_CHECKING:
    from .align import Alignment

PUBLICATION_FILE = "publication.yml"
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


@dataclass(frozen=True)
class Target:
    """A quantitative target the text sets, tied to the sentence that sets it."""

    segment: str
    figure: str
    label: dict[str, str]
    line: int = 0

    @property
    def paragraph(self) -> str:
        return self.segment.rsplit(".", 1)[0]

    @property
    def section(self) -> str:
        return self.segment.split(".", 1)[0]


@dataclass(frozen=True)
class PublicationConfig:
    id: str
    folder: Path
    source: Path
    source_language: str = "zh-Hans"
    order: int = 0
    issuer: dict[str, str] = field(default_factory=dict)
    """The issuing body's name per site language (the source's own name is read from the text)."""
    preamble_title: dict[str, str] = field(default_factory=dict)
    """What to call the unnumbered opening section, per site language."""
    summaries: dict[str, dict[str, str]] = field(default_factory=dict)
    """A one-line summary of each section (by id) per site language."""
    summary_lines: dict[str, int] = field(default_factory=dict)
    targets: tuple[Target, ...] = ()
    nav_titles: dict[str, dict[str, str]] = field(default_factory=dict)
    """A short navigation label of each section (by id) per site language; the page keeps the full title."""


@dataclass(frozen=True)
class Publication:
    """A document with its translations: the parallel text everything downstream reads."""

    config: PublicationConfig
    document: Document
    translations: dict[str, TranslationFile]

    @property
    def id(self) -> str:
        return self.config.id

    @property
    def languages(self) -> list[str]:
        return list(self.translations)

    @cached_property
    def alignments(self) -> dict[str, Alignment]:
        """Per language, where each translation belongs in the current source (see :mod:`.align`)."""
        from .align import align

        return {language: align(self.document, file) for language, file in self.translations.items()}

    def translation(self, language: str, segment: Segment) -> Translation | None:
        """The translation of this sentence: found by the source it was made from, not by id.

        An entry filed under the segment's id that translates another sentence is not it (the
        sentence shows as missing and ``check`` asks for ``realign``); an earlier version of
        this sentence is (it shows as stale).
        """
        return self.alignments[language].translation(segment.id)

    def state(self, language: str, segment: Segment) -> State:
        """Where the sentence stands in ``language`` (known once per publication: the pages, the
        catalogue, the status page and the review lists all ask)."""
        states = self._states.setdefault(language, {})
        if segment not in states:
            states[segment] = state_of(segment, self.translation(language, segment))
        return states[segment]

    @cached_property
    def _states(self) -> dict[str, dict[Segment, State]]:
        return {}

    def sections(self) -> Iterator[Section]:
        return iter(self.document.sections)


def validate_id(publication_id: str, where: Path) -> str:
    """Publication ids become URL paths and folder names: lowercase letters, digits, hyphens."""
    if not _ID_RE.match(publication_id):
        raise TranslationError(
            where,
            f"invalid publication id {publication_id!r}",
            hint="use lowercase letters, digits and hyphens only (e.g. cnipa-2021-work-plan)",
        )
    return publication_id


def load_config(folder: Path) -> PublicationConfig:
    path = folder / PUBLICATION_FILE
    publication_id = validate_id(folder.name, path)
    data = read(path) or {}
    validate(data, SCHEMA_DIR, "publication.schema.json", path)
    source = (folder / str(data["source"])).resolve()
    if folder.resolve() not in source.parents:
        raise TranslationError(
            path,
            f"the source {data['source']!r} lies outside the publication folder",
            line=line_of(data, "source"),
            hint="keep the source file inside this folder",
        )
    return PublicationConfig(
        id=publication_id,
        folder=folder,
        source=source,
        source_language=str(data.get("source_language", "zh-Hans")),
        order=int(data.get("order", 0)),
        issuer=dict(data.get("issuer", {})),
        preamble_title=dict(data.get("preamble_title", {})),
        summaries={str(k): dict(v) for k, v in (data.get("summaries") or {}).items()},
        summary_lines={str(k): line_of(data["summaries"], k) for k in (data.get("summaries") or {})},
        targets=tuple(
            Target(str(t["segment"]), str(t["figure"]), dict(t["label"]), line_of(t))
            for t in data.get("targets") or []
        ),
        nav_titles={
            str(k): {str(lang): str(text) for lang, text in v.items()}
            for k, v in (data.get("nav_titles") or {}).items()
        },
    )


def load_publication(folder: Path, languages: list[str]) -> Publication:
    """Ingest a publication's source and read its translations into ``languages``."""
    config = load_config(folder)
    document = ingest(config.source, config.id, language=config.source_language)
    _check_ids(config, document)
    return Publication(config, document, load_translations(folder, document, languages))


def _check_ids(config: PublicationConfig, document: Document) -> None:
    """Summaries and targets must name sections and sentences the source has."""
    path = config.folder / PUBLICATION_FILE
    sections = {section.id for section in document.sections}
    for section_id, line in config.summary_lines.items():
        if section_id not in sections:
            raise TranslationError(
                path,
                f"summary for unknown section {section_id!r}",
                line=line,
                hint=f"sections are {', '.join(sorted(sections))}",
            )
    segments = document.segment_map()
    for target in config.targets:
        if target.segment not in segments:
            raise TranslationError(
                path,
                f"target on unknown sentence {target.segment!r}",
                line=target.line,
                hint="see `trilingual status`",
            )


def discover(root: Path) -> list[Path]:
    """Publication folders under ``root``, in a stable order."""
    return sorted(p.parent for p in root.glob(f"*/{PUBLICATION_FILE}"))


def load_publications(
    root: Path,
    languages: list[str],
    loaded: Mapping[Path, Publication] | None = None,
    only: frozenset[str] = frozenset(),
) -> list[Publication]:
    """Every publication under ``root``, ordered by their ``order`` then id (``loaded``: those
    already read from unchanged folders, by folder, which are taken as they are; ``only``:
    these publications and no other, when given)."""
    loaded = loaded or {}
    folders = discover(root)
    if only:
        unknown = only - {folder.name for folder in folders}
        if unknown:
            raise UserError(
                root,
                f"no publication named {', '.join(sorted(unknown))}",
                hint=f"the publications are {', '.join(f.name for f in folders)}",
            )
        folders = [folder for folder in folders if folder.name in only]
    publications = [loaded.get(folder) or load_publication(folder, languages) for folder in folders]
    return sorted(publications, key=lambda p: (p.config.order, p.id))
