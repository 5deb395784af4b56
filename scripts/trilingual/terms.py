"""Finding glossary terms in running text without word boundaries (CJK-safe).

Every form of every term is searched for; overlapping candidates are resolved so that the
longest wins (知识产权保护中心 over 知识产权保护 over 知识产权) and the earliest wins among
equals. The result never holds overlapping or nested matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, order=True)
class Match:
    start: int
    end: int
    key: str
    """Whatever the caller attached to the form found (a term id)."""
    text: str


@cache
def _pattern(forms: tuple[str, ...], ignore_case: bool) -> re.Pattern[str] | None:
    """One alternative per form, longest first, each in its own group (``f0``, ``f1`` …)."""
    if not forms:
        return None
    parts = []
    for index, form in enumerate(forms):
        escaped = re.escape(form)
        # Latin words match whole words only ("IP" not inside "IPR"), plurals included.
        if form[:1].isascii() and form[:1].isalnum():
            escaped = r"(?<![A-Za-z0-9])" + escaped
        if len(form) > 2 and form[-1] == "y" and form[-2] not in "aeiou" and form[-2].isalpha():
            escaped = escaped[:-1] + r"(?:y|ies)(?![A-Za-z0-9])"
        elif form[-1:].isascii() and form[-1:].isalpha():
            escaped += r"(?:s|es)?(?![A-Za-z0-9])"
        elif form[-1:].isascii() and form[-1:].isdigit():
            escaped += r"(?![0-9])"
        parts.append(f"(?P<f{index}>{escaped})")
    return re.compile("|".join(parts), re.IGNORECASE if ignore_case else 0)


def find_terms(text: str, forms: Iterable[tuple[str, str]], *, ignore_case: bool = False) -> list[Match]:
    """Non-overlapping occurrences of ``forms`` (pairs of form and key), longest first."""
    keys: dict[str, str] = {}
    for form, key in forms:
        keys.setdefault(form, key)
    ordered = tuple(sorted(keys, key=lambda form: (-len(form), form)))
    pattern = _pattern(ordered, ignore_case)
    if pattern is None or not text:
        return []
    candidates: list[Match] = []
    # Try every position, not only after the previous match, so that a longer term starting
    # inside a shorter one is still seen; overlaps are resolved below.
    for start in range(len(text)):
        found = pattern.match(text, start)
        if found and found.end() > start and found.lastgroup:
            form = ordered[int(found.lastgroup[1:])]
            candidates.append(Match(start, found.end(), keys[form], found.group(0)))
    chosen: list[Match] = []
    for candidate in sorted(candidates, key=lambda m: (-(m.end - m.start), m.start)):
        if all(candidate.end <= c.start or candidate.start >= c.end for c in chosen):
            chosen.append(candidate)
    return sorted(chosen)
