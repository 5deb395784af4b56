"""Finding glossary terms in running text without word boundaries (CJK-safe).

Every form of every term is searched for; overlapping candidates are resolved so that the
longest wins (知识产权保护中心 over 知识产权保护 over 知识产权) and the earliest wins among
equals. The result never holds overlapping or nested matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache


@dataclass(frozen=True, order=True)
class Match:
    start: int
    end: int
    key: str
    """Whatever the caller attached to the form found (a term id)."""
    text: str


@dataclass(frozen=True)
class _Matcher:
    by_start: dict[str, re.Pattern[str]]
    """Per first two characters (see :func:`_key`), the forms that start with them; per first
    character, the forms of one character."""
    starts: re.Pattern[str]
    """Any of those first characters: where a match can begin."""
    forms: tuple[str, ...]
    keys: dict[str, str]
    ignore_case: bool
    found: dict[str, tuple[Match, ...]] = field(default_factory=dict)
    """What each text searched holds, for matchers that remember (up to :data:`KEPT_TEXTS`)."""


KEPT_TEXTS = 100_000


_APOSTROPHES = "'’"


def _key(chars: str, ignore_case: bool) -> str:
    """The key of the first two characters of a form, or of a text where a form may start:
    lower-cased when matching ignores case (``str.lower`` keeps one character where the regular
    expression's case-insensitive match does; ``casefold`` turns ``ﬁ`` into two), an apostrophe
    of either kind as one."""
    key = chars.lower() if ignore_case else chars
    return key.replace("’", "'") if "’" in key else key


def _form_pattern(index: int, form: str) -> str:
    # A straight and a typographic apostrophe are the same letter to a reader.
    escaped = "".join(f"[{_APOSTROPHES}]" if c in _APOSTROPHES else re.escape(c) for c in form)
    # Latin words match whole words only ("IP" not inside "IPR"), plurals included.
    if form[:1].isascii() and form[:1].isalnum():
        escaped = r"(?<![A-Za-z0-9])" + escaped
    if len(form) > 2 and form[-1] == "y" and form[-2] not in "aeiou" and form[-2].isalpha():
        escaped = escaped[:-1] + r"(?:y|ies)(?![A-Za-z0-9])"
    elif form[-1:].isascii() and form[-1:].isalpha():
        escaped += r"(?:s|es)?(?![A-Za-z0-9])"
    elif form[-1:].isascii() and form[-1:].isdigit():
        escaped += r"(?![0-9])"
    return f"(?P<f{index}>{escaped})"


@cache
def _matcher(forms: tuple[tuple[str, str], ...], ignore_case: bool) -> _Matcher | None:
    """The forms, longest first, grouped by their first two characters so that each position of
    a text is tried only against the forms that can start there (most fail on the second)."""
    keys: dict[str, str] = {}
    for form, key in forms:
        if form:
            keys.setdefault(form, key)
    if not keys:
        return None
    ordered = tuple(sorted(keys, key=lambda form: (-len(form), form)))
    groups: dict[str, list[str]] = {}
    for index, form in enumerate(ordered):
        groups.setdefault(_key(form[:2], ignore_case), []).append(_form_pattern(index, form))
    flags = re.IGNORECASE if ignore_case else 0
    by_start = {start: re.compile("|".join(parts), flags) for start, parts in groups.items()}
    firsts = {start[0] for start in groups}
    latin = "".join(re.escape(first) for first in firsts if first.isascii() and first.isalnum())
    other = "".join(re.escape(first) for first in firsts if not (first.isascii() and first.isalnum()))
    # Latin forms can only start a word; other forms (Han, kana) can start anywhere.
    alternatives = ([f"(?<![A-Za-z0-9])[{latin}]"] if latin else []) + ([f"[{other}]"] if other else [])
    starts = re.compile("|".join(alternatives), flags)
    return _Matcher(by_start, starts, ordered, keys, ignore_case)


class TermMatcher:
    """Finds a fixed set of forms in many texts (compile once, match often)."""

    def __init__(
        self, forms: Iterable[tuple[str, str]], *, ignore_case: bool = False, remember: bool = False
    ) -> None:
        """``remember``: keep what each text holds, for every matcher of the same forms (the
        annotator searches a sentence on its section's page and on the publication's full text,
        in every edition)."""
        self._matcher = _matcher(tuple(forms), ignore_case)
        self.ignore_case = ignore_case
        self.remember = remember

    def find(self, text: str) -> list[Match]:
        """Non-overlapping occurrences, longest first, then earliest."""
        matcher = self._matcher
        if matcher is None or not text:
            return []
        if not self.remember:
            return self._find(matcher, text)
        found = matcher.found.get(text)
        if found is None:
            if len(matcher.found) >= KEPT_TEXTS:
                matcher.found.clear()
            found = matcher.found[text] = tuple(self._find(matcher, text))
        return list(found)

    def _find(self, matcher: _Matcher, text: str) -> list[Match]:
        candidates: list[Match] = []
        by_start, ignore_case = matcher.by_start, self.ignore_case
        # Every position is tried, not only those after a match, so that a longer term
        # starting inside a shorter one is still seen; overlaps are resolved below.
        for candidate_start in matcher.starts.finditer(text):
            start = candidate_start.start()
            pattern = by_start.get(_key(text[start : start + 2], ignore_case))
            found = pattern.match(text, start) if pattern else None
            if not (found and found.lastgroup):  # forms of one character, the shortest, come last
                pattern = by_start.get(_key(text[start], ignore_case))
                found = pattern.match(text, start) if pattern else None
            if found and found.lastgroup:
                form = matcher.forms[int(found.lastgroup[1:])]
                candidates.append(Match(start, found.end(), matcher.keys[form], found.group(0)))
        if len(candidates) < 2:
            return candidates
        chosen: list[Match] = []
        taken = [False] * len(text)
        for candidate in sorted(candidates, key=lambda m: (-(m.end - m.start), m.start)):
            if not any(taken[candidate.start : candidate.end]):
                chosen.append(candidate)
                taken[candidate.start : candidate.end] = [True] * (candidate.end - candidate.start)
        return sorted(chosen)


def find_terms(text: str, forms: Iterable[tuple[str, str]], *, ignore_case: bool = False) -> list[Match]:
    """Non-overlapping occurrences of ``forms`` (pairs of form and key), longest first."""
    return TermMatcher(forms, ignore_case=ignore_case).find(text)
