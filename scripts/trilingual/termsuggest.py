"""Terms for a new document, and how the library rendered a word before.

:func:`suggest` finds candidate terms of a publication that the glossary does not have:
frequent multi-character nouns and names (jieba's part-of-speech tagger, with the glossary's
and references' forms as its dictionary so known terms stay whole and are recognised), and
《…》 titles that ``references.yml`` does not name. :func:`yaml_text` writes them as entries to
fill in. :func:`concordance` lists every sentence of the library with a word and its
translations side by side.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .collation import pinyin
from .model import Segment
from .publication import Publication

NOUNS = {"n", "nz", "nt", "ns", "nr", "nrt", "nrfg", "vn", "j", "l"}
"""jieba tags kept: nouns, names of organisations, places and people, verbal nouns, abbreviations,
set phrases."""
RARE = 10.5
"""Least inverse document frequency (in jieba's general corpus) of a word kept as a candidate:
below it are everyday words; words jieba does not know at all are kept."""
_HAN_ONLY = re.compile(r"^[\u3400-\u9fff]{2,}$")
_TITLE_RE = re.compile(r"《([^《》]{2,60})》")


@dataclass(frozen=True)
class Candidate:
    text: str
    count: int
    example: Segment
    kind: str
    """``term`` (for glossary.yml) or ``reference`` (a 《…》 title, for references.yml)."""

    @property
    def id(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", pinyin(self.text).lower()).strip("-") or "term"


def suggest(
    publication: Publication, known: Iterable[str], known_titles: Iterable[str], min_count: int = 2
) -> list[Candidate]:
    """Candidate terms and references of a publication that the glossary and references lack."""
    import jieba
    import jieba.analyse
    import jieba.posseg

    jieba.setLogLevel(60)
    idf: dict[str, float] = jieba.analyse.default_tfidf.idf_freq
    known_forms = {form for form in known if form}
    titles = {title for title in known_titles if title}
    tokenizer = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    for form in known_forms | titles:
        tokenizer.tokenizer.add_word(form, freq=100_000, tag="nz")
    counts: Counter[str] = Counter()
    examples: dict[str, Segment] = {}
    title_counts: Counter[str] = Counter()
    for segment in publication.document.segments():
        for title in _TITLE_RE.findall(segment.text):
            if title not in titles:
                title_counts[title] += 1
                examples.setdefault(f"《{title}》", segment)
        tokens = list(tokenizer.cut(_TITLE_RE.sub("，", segment.text)))
        words = [word for word, flag in tokens if flag in NOUNS]
        # two content words in a row are often one term (保护 + 中心, 维权 + 援助)
        words += [
            a + b
            for (a, fa), (b, fb) in itertools.pairwise(tokens)
            if fa in NOUNS and fb in NOUNS and len(a) >= 2 and len(b) >= 2
        ]
        for word in words:
            if not _HAN_ONLY.match(word) or word in known_forms or idf.get(word, RARE) < RARE:
                continue  # not Chinese, known, or an everyday word (深化, 体系)
            if any(word in form for form in known_forms):
                continue  # part of a known term
            counts[word] += 1
            examples.setdefault(word, segment)
    found = [
        Candidate(word, count, examples[word], "term")
        for word, count in counts.items()
        if count >= min_count and len(word) >= 2
    ]
    found.sort(key=lambda c: (-c.count, -len(c.text), c.text))
    references = [
        Candidate(title, count, examples[f"《{title}》"], "reference")
        for title, count in title_counts.items()
    ]
    references.sort(key=lambda c: (-c.count, c.text))
    return found + references


def yaml_text(publication: str, candidates: Sequence[Candidate], languages: Sequence[str]) -> str:
    """Ready-to-fill YAML: glossary entries, then reference entries, each with its count and example."""

    def quoted(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    targets = [lang for lang in languages if lang != "zh"]
    lines = [
        f"# Candidate terms of {publication} that translations/glossary.yml does not have.",
        "# Fill in the translations and the category, delete what is not a term, then move the",
        "# entries to glossary.yml (terms:) and references.yml (references:).",
        "terms:",
    ]
    for candidate in (c for c in candidates if c.kind == "term"):
        lines += [
            f"  # {candidate.count}×, e.g. {candidate.example.id}: {candidate.example.text[:60]}",
            f"  - id: {candidate.id}",
            "    category: ip-concept  # institution | programme | law-or-instrument | ip-concept | "
            "procedure | policy-slogan | party-and-state | event",
            f"    zh: {quoted(candidate.text)}",
            *(f'    {lang}: ""' for lang in targets),
        ]
    lines.append("references:")
    for candidate in (c for c in candidates if c.kind == "reference"):
        lines += [
            f"  # {candidate.count}×, e.g. {candidate.example.id}: {candidate.example.text[:60]}",
            f"  - id: {candidate.id}",
            "    kind: law  # law | regulation | rules | policy-document | plan | treaty | agreement",
            f"    zh: {quoted(candidate.text)}",
            *(f'    {lang}: ""' for lang in targets),
        ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Line:
    publication: str
    segment: Segment
    translations: dict[str, str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "publication": self.publication,
            "id": self.segment.id,
            "zh": self.segment.text,
            **self.translations,
        }


def concordance(
    publications: Sequence[Publication], word: str, languages: Sequence[str], where: str | None = None
) -> list[Line]:
    """Every sentence of the library whose source (or, with ``where``, translation) contains ``word``.

    English is matched without regard to case; each line carries the current translations.
    """
    needle = word.casefold()
    out = []
    for publication in publications:
        for segment in publication.document.segments():
            texts = {}
            for language in languages:
                translation = publication.translation(language, segment)
                texts[language] = translation.text if translation is not None else ""
            haystack = segment.text if where in (None, "zh") else texts.get(where, "")
            if needle in haystack.casefold():
                out.append(Line(publication.id, segment, texts))
    return out


def concordance_text(lines: Sequence[Line], word: str) -> str:
    """Blocks of aligned text, the word marked ⟦…⟧ where it occurs."""

    def mark(text: str) -> str:
        return re.sub(re.escape(word), lambda m: f"⟦{m.group(0)}⟧", text, flags=re.IGNORECASE)

    blocks = []
    for line in lines:
        rows = [f"{line.publication}/{line.segment.id}", f"  zh  {mark(line.segment.text)}"]
        rows += [
            f"  {lang:<3} {mark(text) if text else '(not translated)'}"
            for lang, text in line.translations.items()
        ]
        blocks.append("\n".join(rows))
    return "\n\n".join(blocks) + f"\n\n{len(lines)} sentence(s)\n"
