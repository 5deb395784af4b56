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
def _pattern(forms: tuple[tuple[str, str], ...], ignore_case: bool) -> re.Pattern[str] | None:
    if not forms:
        return None
    alternatives = sorted({form for form, _ in forms}, key=len, reverse=True)
    parts = []
    for form in alternatives:
        escaped = re.escape(form)
        # Latin words match whole words only ("IP" must not match inside "IPR" or "ship").
        if form[:1].isascii() and form[:1].isalnum():
            escaped = r"(?<![A-Za-z0-9])" + escaped
        if form[-1:].isascii() and form[-1:].isalnum():
            escaped += r"(?![A-Za-z0-9])"
        parts.append(escaped)
    return re.compile("|".join(parts), re.IGNORECASE if ignore_case else 0)


def find_terms(text: str, forms: Iterable[tuple[str, str]], *, ignore_case: bool = False) -> list[Match]:
    """Non-overlapping occurrences of ``forms`` (pairs of form and key), longest first."""
    form_list = tuple(sorted(set(forms)))
    pattern = _pattern(form_list, ignore_case)
    if pattern is None or not text:
        return []
    keys: dict[str, str] = {}
    for form, key in form_list:
        keys.setdefault(form.casefold() if ignore_case else form, key)
    candidates: list[Match] = []
    # Look for a match at every position, not only after the previous one, so that a longer
    # term starting inside a shorter one is still seen.
    for start in range(len(text)):
        found = pattern.match(text, start)
        if found and found.end() > start:
            word = found.group(0)
            candidates.append(Match(start, found.end(), keys[word.casefold() if ignore_case else word], word))
    chosen: list[Match] = []
    for candidate in sorted(candidates, key=lambda m: (-(m.end - m.start), m.start)):
        if all(candidate.end <= c.start or candidate.start >= c.end for c in chosen):
            chosen.append(candidate)
    return sorted(chosen)
