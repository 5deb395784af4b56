"""Search: one index per language edition, segmented at build time the way queries are split.

Material's lunr search cannot do what a trilingual site needs (one index for all languages,
English and katakana queries failing, see the README), so the site has its own:

* **records** are paragraphs of section pages (a result opens the page at the paragraph) and
  heading sections of other pages; a record keeps which language each part is in;
* **Chinese** is cut with jieba in search mode, with the glossary and reference titles as a
  user dictionary, so 知识产权保护中心 is a token as well as 知识产权, 保护 and 中心;
* **Japanese** is cut with Sudachi (long units and their short parts), glossary terms whole;
* **English** is lower-cased and stemmed with :func:`stem` (ported as is to the browser);
* a paragraph is also found by the other languages' names of the terms it contains;
* the browser splits a CJK query by longest match against the index's own vocabulary, so
  queries are segmented exactly as the text was, whatever the tokenizer.

Each edition's index holds only its own pages: results come in the reader's language, and on
the Japanese and English editions the Chinese original is searchable too (it stands there).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u30fc々〆]+")
_WORD = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)?")
_STOP = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from",
        "in", "into", "is", "it", "of", "on", "or", "the", "to", "with",
    }
)  # fmt: skip


SUDACHI_CHUNK = 4000
"""Characters of a Japanese run given to Sudachi at once (its limit is 49,149 bytes of UTF-8)."""


def stem(word: str) -> str:
    """A light English stemmer (plurals, -ing, -ed); the browser runs the same steps."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("es") and word[:-2].endswith(("ss", "x", "ch", "sh", "z")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    return word


def latin_tokens(text: str) -> Iterator[str]:
    for word in _WORD.findall(unicodedata.normalize("NFKC", text).lower()):
        word = word.replace("’", "'").split("'")[0]
        if word and word not in _STOP:
            yield stem(word)


@dataclass
class Segmenter:
    """CJK segmentation per language, with the site's terms kept whole."""

    terms: dict[str, set[str]] = field(default_factory=dict)
    """Whole terms per language (glossary terms and reference titles)."""

    def __post_init__(self) -> None:
        self._jieba: Any = None
        self._sudachi: Any = None
        self._cache: dict[tuple[str, str], tuple[str, ...]] = {}

    def chinese(self, run: str) -> list[str]:
        if self._jieba is None:
            import jieba

            jieba.setLogLevel(60)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            for term in sorted(self.terms.get("zh", ())):
                if _CJK_RUN.fullmatch(term):
                    tokenizer.add_word(term, freq=2_000_000)
            self._jieba = tokenizer
        return list(self._search_words(run))

    def _search_words(self, run: str) -> Iterator[str]:
        """jieba's words, and every dictionary word inside a long one (cut_for_search only
        gives those of two and three characters: 海牙协定 inside a treaty's full title is lost)."""
        assert self._jieba is not None
        frequencies = self._jieba.FREQ
        for word in self._jieba.cut(run):
            if not word.strip():
                continue
            yield word
            for size in range(2, len(word)):
                for start in range(len(word) - size + 1):
                    if frequencies.get(word[start : start + size]):
                        yield word[start : start + size]

    def japanese(self, run: str) -> list[str]:
        """Sudachi's long units (知的財産権) and their short parts (知的, 財産, 権)."""
        if self._sudachi is None:
            from sudachipy import Dictionary

            self._sudachi = Dictionary(dict="core").tokenizer()
        from sudachipy import SplitMode

        tokens: list[str] = []
        # Sudachi refuses inputs past about 49 KB; a run with no punctuation that long is cut
        # into pieces (a word cut at a piece's edge is found by its parts).
        for start in range(0, len(run), SUDACHI_CHUNK):
            piece = run[start : start + SUDACHI_CHUNK]
            tokens += [m.surface() for m in self._sudachi.tokenize(piece, SplitMode.C)]
            tokens += [m.surface() for m in self._sudachi.tokenize(piece, SplitMode.A)]
        # Glossary terms found in the run are tokens too, whole.
        tokens += [term for term in self.terms.get("ja", ()) if term in run and _CJK_RUN.fullmatch(term)]
        return tokens

    def tokens(self, text: str, lang: str) -> list[str]:
        """Every token of ``text`` in ``lang`` (zh, ja, en …); titles and names recur, so cached."""
        key = (text, lang)
        if key not in self._cache:
            self._cache[key] = tuple(self._tokens(text, lang))
        return list(self._cache[key])

    def _tokens(self, text: str, lang: str) -> list[str]:
        out: list[str] = []
        position = 0
        for run in _CJK_RUN.finditer(text):
            out += latin_tokens(text[position : run.start()])
            out += self.japanese(run.group()) if lang == "ja" else self.chinese(run.group())
            position = run.end()
        out += latin_tokens(text[position:])
        return [t for t in out if t not in "、。，；：！？・「」『』（）《》“”"]


@dataclass
class Record:
    url: str
    title: str
    parts: list[tuple[str, str]]
    """(language, text) of what the record shows: the original and the translation."""
    concepts: list[str] = field(default_factory=list)
    """Glossary terms and references annotated in it (``term:<id>``), found in any language."""


class _Extractor(HTMLParser):
    """Records from a page's HTML: paragraph rows of parallel texts, else heading sections."""

    SKIP = frozenset({"script", "style", "nav", "button"})

    def __init__(self, page_lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_lang = page_lang
        self.stack: list[tuple[str, dict[str, str], bool]] = []
        self.records: list[tuple[str, list[tuple[str, str]], str, list[str]]] = []
        self.concepts: list[str] = []
        self.heading = ""
        self.heading_anchor = ""
        self.in_heading = False
        self.current: dict[str, list[str]] | None = None
        self.row_anchor = ""
        self.loose: dict[str, list[str]] = {}

    def _skipping(self) -> bool:
        return any(skip for _, _, skip in self.stack)

    def _lang(self) -> str:
        for _, attrs, _ in reversed(self.stack):
            if "lang" in attrs:
                return attrs["lang"].split("-")[0].lower()
        return self.page_lang

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        classes = set(values.get("class", "").split())
        skip = (
            tag in self.SKIP
            or "data-search-exclude" in values
            or bool(classes & {"tl-mark", "tl-row--head", "tl-permalink", "headerlink"})
        )
        if tag in {"br", "img", "hr", "input", "meta", "link", "wbr"}:
            return
        self.stack.append((tag, values, skip))
        if not skip:
            for kind in ("term", "reference"):
                if values.get(f"data-{kind}"):
                    self.concepts.append(f"{kind}:{values[f'data-{kind}']}")
        if "tl-row" in classes and values.get("id"):
            self._flush_loose()
            self.current = {}
            self.row_anchor = values["id"]
            self.concepts = []
        if tag in {"h1", "h2", "h3"}:
            self._flush_loose()
            self.in_heading = True
            self.heading = ""
            self.heading_anchor = values.get("id", "")

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            name, values, _ = self.stack.pop()
            if "tl-row" in values.get("class", "").split() and self.current is not None:
                parts = [(lang, "".join(texts).strip()) for lang, texts in self.current.items()]
                self.records.append(
                    (self.row_anchor, [p for p in parts if p[1]], self.heading, self.concepts)
                )
                self.current = None
                self.concepts = []
            if name in {"h1", "h2", "h3"}:
                self.in_heading = False
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._skipping() or not data.strip():
            return
        if self.in_heading:
            self.heading += data
            return
        target = self.current if self.current is not None else self.loose
        target.setdefault(self._lang(), []).append(data)

    def _flush_loose(self) -> None:
        parts = [(lang, " ".join("".join(texts).split())) for lang, texts in self.loose.items()]
        parts = [p for p in parts if p[1]]
        if parts:
            self.records.append((self.heading_anchor, parts, self.heading, self.concepts))
        self.loose = {}
        self.concepts = []

    def close(self) -> None:
        super().close()
        self._flush_loose()


def page_records(html: str, url: str, page_title: str, page_lang: str) -> list[Record]:
    extractor = _Extractor(page_lang)
    extractor.feed(html)
    extractor.close()
    records = []
    for anchor, parts, heading, concepts in extractor.records:
        heading = " ".join(heading.replace("¶", "").split())
        title = page_title if not heading or heading == page_title else f"{page_title} › {heading}"
        records.append(Record(f"{url}#{anchor}" if anchor else url, title, parts, sorted(set(concepts))))
    return records


def build_index(
    records: Iterable[Record],
    segmenter: Segmenter,
    concepts: dict[str, list[tuple[str, str]]] | None = None,
    snippet: int = 160,
) -> dict[str, object]:
    """The index of one edition: vocabulary, documents and postings with BM25-ready counts.

    A record is also found by the other names of the glossary terms and references it
    contains (``concepts``: their forms per language), so "geographical indications" finds a
    paragraph whose translation says "GIs" but whose original says 地理标志.
    """
    vocabulary: dict[str, int] = {}
    postings: dict[int, list[list[int]]] = {}
    docs = []
    for number, record in enumerate(records):
        counts: Counter[str] = Counter()
        for lang, text in record.parts:
            counts.update(segmenter.tokens(text, lang))
            counts.update(segmenter.tokens(record.title, lang))
        for concept in record.concepts:
            for lang, name in (concepts or {}).get(concept, []):
                for token in set(segmenter.tokens(name, lang)):
                    counts[token] = max(counts[token], 1)
        for token, count in counts.items():
            index = vocabulary.setdefault(token, len(vocabulary))
            postings.setdefault(index, []).append([number, count])
        docs.append(
            {
                "u": record.url,
                "t": record.title,
                "p": [[lang, text[:snippet]] for lang, text in record.parts],
                "n": sum(counts.values()),
            }
        )
    return {
        "version": 1,
        "vocabulary": list(vocabulary),
        "postings": [postings[i] for i in range(len(vocabulary))],
        "docs": docs,
        "avgdl": (sum(d["n"] for d in docs) / len(docs)) if docs else 0.0,  # type: ignore[misc]
    }


def index_json(index: dict[str, object]) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
