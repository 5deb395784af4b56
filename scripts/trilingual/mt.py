"""Machine drafts through deep-translator, for missing and stale segments only.

Glossary terms in the source are replaced by numbered placeholders before translation and
by their approved translations afterwards, so the engine cannot paraphrase them. Results are
status ``machine``, origin ``machine:<engine>``; ``draft`` and ``reviewed`` entries are never
touched. Every segment is translated before anything is written: if the engine fails
(offline, refused, quota) nothing changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from .config import SOURCE_LANGUAGE
from .glossary import Glossary
from .model import Segment
from .publication import Publication
from .terms import find_terms
from .translations import State, Status


class Translator(Protocol):
    """What deep-translator's translators offer (``GoogleTranslator(source, target).translate``)."""

    def translate(self, text: str) -> str: ...


class Progress(Protocol):
    """A progress bar (tqdm's interface)."""

    def update(self, n: int = 1) -> object: ...


class MachineTranslationError(Exception):
    """The engine could not be reached or refused the request."""


# deep-translator's language codes for our site languages.
ENGINE_LANGUAGES = {"zh": "zh-CN", "zh-Hans": "zh-CN", "zh-Hant": "zh-TW", "ja": "ja", "en": "en"}


def engine(name: str, source: str, target: str) -> Translator:
    """A deep-translator translator for ``name`` (``google``, ``mymemory``, ``linguee`` …)."""
    import deep_translator

    classes = {
        "google": deep_translator.GoogleTranslator,
        "mymemory": deep_translator.MyMemoryTranslator,
    }
    if name not in classes:
        raise MachineTranslationError(f"unknown engine {name!r}; available: {', '.join(sorted(classes))}")
    try:
        translator: Translator = classes[name](
            source=ENGINE_LANGUAGES.get(source, source), target=ENGINE_LANGUAGES.get(target, target)
        )
    except Exception as error:  # deep-translator validates languages (and may call out) here
        raise MachineTranslationError(f"engine {name!r} refused {source}→{target}: {error}") from None
    return translator


_PLACEHOLDER = "[{}]"
_PLACEHOLDER_RE = re.compile(r"\[\s*(\d+)\s*\]")


@dataclass(frozen=True)
class Protected:
    text: str
    replacements: tuple[str, ...]


def protect(text: str, glossary: Glossary | None, target: str) -> Protected:
    """Replace glossary terms (longest first) by ``[0]``, ``[1]`` …, which stand for the approved terms."""
    if glossary is None:
        return Protected(text, ())
    terms = {term.id: term for term in glossary if term.terms.get(target)}
    forms = ((form, tid) for tid, term in terms.items() for form in term.forms(SOURCE_LANGUAGE))
    matches = find_terms(text, forms)
    pieces: list[str] = []
    replacements: list[str] = []
    position = 0
    for match in matches:
        pieces.append(text[position : match.start])
        pieces.append(_PLACEHOLDER.format(len(replacements)))
        replacements.append(terms[match.key].terms[target])
        position = match.end
    pieces.append(text[position:])
    return Protected("".join(pieces), tuple(replacements))


def restore(translated: str, protected: Protected) -> str:
    """Put the approved terms where the placeholders came back."""

    def replace(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return protected.replacements[index] if index < len(protected.replacements) else match.group(0)

    return _PLACEHOLDER_RE.sub(replace, translated) if protected.replacements else translated


def segments_to_draft(publication: Publication, language: str) -> list[Segment]:
    """Missing and stale segments, and machine drafts of them: never draft or reviewed work."""
    wanted = []
    for segment in publication.document.segments():
        translation = publication.translation(language, segment)
        if translation is not None and translation.status is not Status.MACHINE:
            continue  # a translator's draft or reviewed work, even when stale
        if publication.state(language, segment) in (State.MISSING, State.STALE):
            wanted.append(segment)
    return wanted


def draft(
    segments: Iterable[Segment],
    translator: Translator,
    engine_name: str,
    language: str,
    glossary: Glossary | None,
    progress: Progress | None = None,
) -> dict[str, dict[str, str]]:
    """Translate every segment, or raise :class:`MachineTranslationError` having changed nothing."""
    updates: dict[str, dict[str, str]] = {}
    for segment in segments:
        protected = protect(segment.text, glossary, language)
        try:
            result = translator.translate(protected.text)
        except Exception as error:
            raise MachineTranslationError(
                f"engine {engine_name!r} failed on {segment.id} ({type(error).__name__}: {error}); "
                "it may be offline or refusing requests — nothing was written"
            ) from None
        if not isinstance(result, str) or not result.strip():
            raise MachineTranslationError(
                f"engine {engine_name!r} returned nothing for {segment.id}; nothing was written"
            )
        updates[segment.id] = {
            "text": restore(result.strip(), protected),
            "status": Status.MACHINE.value,
            "origin": f"machine:{engine_name}",
            "source_hash": segment.hash,
        }
        if progress is not None:
            progress.update(1)
    return updates
