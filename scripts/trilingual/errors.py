"""Errors that users (translators, maintainers) see: each names a file, a line and a remedy."""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A mistake in an input file, reported as ``file:line: problem — what to do``."""

    def __init__(self, path: str | Path, message: str, *, line: int | None = None, hint: str = "") -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class SourceError(UserError):
    """The original text cannot be ingested."""


class TranslationError(UserError):
    """A translation, glossary or publication YAML file is invalid."""
