"""The search index of one edition, split so that a search fetches only what it needs.

The design is Pagefind's (an entry file, then chunks fetched on demand) with our own
tokenization (:mod:`trilingual.search`). Under each edition's ``search/`` folder (``search/``,
``ja/search/``, ``en/search/``):

* ``meta.json``: read when the dialog opens. The number of records, the names of the other
  files, each page's kind (text, glossary, references) and publication, the publications'
  titles in the edition's language;
* ``l/<hash>.json``, the **lexicon**, in buckets (a word's bucket is its first character's code
  point modulo their number): every word with its document frequency and the shard of its
  postings. The browser segments a CJK query by longest match against it, expands the last
  word of a query by prefix and finds Latin words one or two edits away in it;
* ``s/<hash>.json``, the **postings shards**: consecutive words in sorted order (prefixes of a
  word sit together), each word's records, delta-coded, with a quantised weight: BM25's
  term-frequency part, normalised by the record's length, with field boosts;
* ``f/<hash>.json``, the **fragments**: what a result shows (each language's text, the
  paragraph number, a glossary entry's fields, the names of the terms annotated in it),
  consecutive records, fetched for the results on screen only.

Files other than ``meta.json`` are named by a hash of their content, so a browser may keep
them; ``meta.json`` is revalidated on every first search of a page.

In ``mkdocs serve``, a rebuild after an edit works out again only what the edit changed: the
records it changed, the postings of their words, the files those are in (see :class:`IndexMemory`);
every other piece is the last index's, kept by everything it is made of, so the files are always
those a fresh index writes.

Records of the glossary and references pages are built from the glossary and the references
themselves (one per entry, each language's term, reading and note apart), not read back from
their HTML, so a result never shows fields glued together.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import os
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .collation import hiragana, pinyin_with_tones
from .search import Record, Tokenizer, fold, latin_words, stem

if TYPE_CHECKING:
    from .config import SiteLanguages
    from .glossary import Term
    from .library import Library
    from .references import Reference

SEARCH_DIR = "search"
SEARCH_META = f"{SEARCH_DIR}/meta.json"
VERSION = 2
KINDS = ("text", "glossary", "references")
TEXT, GLOSSARY, REFERENCES = range(3)

WEIGHT_SCALE = 40
"""Posting weights are integers: BM25's term-frequency part (at most k1 + 1) times this."""
K1, B = 1.2, 0.75

SHARD_BYTES = 12_000
FRAGMENT_BYTES = 5_000
LEXICON_BYTES = 6_000
"""Target sizes of the files before compression (a single large posting list may exceed its)."""

# Field weights: how much one occurrence counts.
W_TEXT = 1.0
W_HEADING = 1.0
W_PAGE_TITLE = 0.3
"""A paragraph is found by its section's title too, below the paragraphs that say the words."""
W_ALIAS = 0.6
"""Another language's name of a term annotated in the paragraph (地理标志 → GIs)."""
W_FORBIDDEN = 0.4
"""A rendering the glossary forbids still finds its concept (特許 → 専利)."""
W_NAME, W_VARIANT, W_READING, W_NOTE, W_DETAIL = 3.0, 2.0, 3.0, 0.5, 1.0

# Whole records weighed against others of their kind.
BOOST_OVERVIEW = 0.5
"""A publication's pages other than its text (the landing page lists what the sections say)."""
BOOST_SITE = 0.8
"""Pages about the site (home, About, How to translate)."""


# -- strings of the dialog ----------------------------------------------------------------------

STRINGS: dict[str, dict[str, str]] = {
    "zh": {
        "filters": "筛选",
        "all": "全部",
        "text": "正文",
        "publication": "文献",
        "all_publications": "全部文献",
        "more": "更多结果（还有 # 页）",
        "partial": "没有同时包含所有检索词的结果，以下结果包含其中一部分。",
        "fuzzy": "包括拼写相近的词：#",
        "loading": "正在加载搜索索引…",
        "error": "无法加载搜索索引，请刷新页面。",
        "keys": "↑↓ 选择　Enter 打开　Esc 关闭",
        "results": "搜索结果",
    },
    "ja": {
        "filters": "絞り込み",
        "all": "すべて",
        "text": "本文",
        "publication": "文書",
        "all_publications": "すべての文書",
        "more": "さらに表示（残り # ページ）",
        "partial": "すべての語を含む結果はありません。一部の語を含む結果を表示しています。",
        "fuzzy": "綴りの近い語も含めています：#",
        "loading": "検索インデックスを読み込んでいます…",
        "error": "検索インデックスを読み込めませんでした。ページを再読み込みしてください。",
        "keys": "↑↓ 選択　Enter 開く　Esc 閉じる",
        "results": "検索結果",
    },
    "en": {
        "filters": "Filter",
        "all": "All",
        "text": "Text",
        "publication": "Publication",
        "all_publications": "All publications",
        "more": "More results (# more pages)",
        "partial": "No result has every word; these have some of them.",
        "fuzzy": "Including close spellings: #",
        "loading": "Loading the search index…",
        "error": "The search index could not be loaded; reload the page.",
        "keys": "↑↓ select · Enter open · Esc close",
        "results": "Search results",
    },
}


def dialog_strings(lang: str, library: Library | None) -> dict[str, str]:
    """The dialog's own strings in ``lang`` (English for a language without them); the glossary
    and references are called what their pages are called."""
    strings = dict(STRINGS.get(lang, STRINGS["en"]))
    ui = library.ui.get(lang, {}) if library is not None else {}
    strings["glossary"] = ui.get("glossary") or {"zh": "术语表", "ja": "用語集"}.get(lang, "Glossary")
    strings["references"] = ui.get("references") or {"zh": "参考文献", "ja": "参照文書"}.get(
        lang, "References"
    )
    return strings


# -- records ------------------------------------------------------------------------------------


@dataclass
class Doc:
    """A record as indexed: where it is, what it shows, and its weighted tokens."""

    page: str
    page_title: str
    kind: int
    publication: int
    show: dict[str, Any]
    counts: dict[str, float] = field(default_factory=dict)
    boost: float = 1.0
    concepts: list[str] = field(default_factory=list)
    # Worked out once per record and kept with it (see IndexMemory):
    _show: bytes = field(default=b"", compare=False, repr=False)
    _norm: float = field(default=-1.0, compare=False, repr=False)
    _postings: list[tuple[str, int]] = field(default_factory=list, compare=False, repr=False)
    _length: float = field(default=-1.0, compare=False, repr=False)

    def shown(self) -> bytes:
        """What a result shows, encoded."""
        if not self._show:
            self._show = _dumps(self.show)
        return self._show

    def postings(self, average: float) -> list[tuple[str, int]]:
        """Each token's weight in this record: BM25's term-frequency part, normalised by the
        record's length against ``average``, times the record's boost, quantised."""
        norm = K1 * (1 - B + B * self.length / (average or 1.0))
        if norm != self._norm:
            self._norm = norm
            self._postings = [
                (token, max(1, round(self.boost * tf * (K1 + 1) / (tf + norm) * WEIGHT_SCALE)))
                for token, tf in self.counts.items()
                if token
            ]
        return self._postings

    def add(self, tokens: Iterable[str], weight: float) -> None:
        self._length = -1.0
        for token in tokens:
            self.counts[token] = self.counts.get(token, 0.0) + weight

    def at_least(self, tokens: Iterable[str], weight: float) -> None:
        self._length = -1.0
        for token in tokens:
            self.counts[token] = max(self.counts.get(token, 0.0), weight)

    @property
    def length(self) -> float:
        if self._length < 0:
            self._length = sum(self.counts.values())
        return self._length


@dataclass
class IndexMemory:
    """What an edition's index keeps between the rebuilds of ``mkdocs serve`` (one per edition,
    held by :class:`trilingual.incremental.EditionMemory`), each piece reused while what it is
    made of is the same, so that an edit costs the index the records it changed, not the whole
    library's:

    * each record's indexed form (a :class:`Doc`, with its postings), by the record;
    * the glossary's and references' records, by the glossary, references and strings;
    * the postings of every word: while the records are as many and their average lengths the
      same (rounded, see :func:`weights`), only the words of the records that are not the same
      objects as before are worked out again;
    * each word's encoded postings, by its postings;
    * each file's name and content, by the encoded parts it is joined from: a file none of
      whose parts changed is neither encoded nor hashed again.

    Each rebuild keeps only what it used, so the memory does not grow across rebuilds."""

    context: tuple[object, ...] = ()
    """What every record's indexed form depends on besides the record (a change drops them all)."""
    records: dict[tuple[object, ...], Doc] = field(default_factory=dict)
    """By everything a :class:`~trilingual.search.Record` holds (every field, lists as tuples)."""
    entries: tuple[tuple[object, ...], list[Doc]] = ((), [])
    """The glossary's and references' records, after everything they are made of."""
    docs: list[Doc] = field(default_factory=list)
    """The last index's records, in order, with their average length per kind and postings."""
    average: dict[int, float] = field(default_factory=dict)
    postings: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    words: dict[str, tuple[list[tuple[int, int]], bytes]] = field(default_factory=dict)
    """A word's postings and their encoding (``"word":[delta,weight,…]``)."""
    files: dict[tuple[object, ...], tuple[str, bytes]] = field(default_factory=dict)
    """A file's name and content, by its folder and the parts it is made of."""


@cache
def pinyin_keys(text: str, given: str = "") -> tuple[str, ...]:
    """Index tokens of a Chinese term's pinyin: syllables joined, without tones (专利 → zhuanli),
    and with ``v`` for ``ü`` too; the browser joins a query's Latin words the same way."""
    reading = given or pinyin_with_tones(text)
    joined = "".join(latin_words(reading))
    keys = {stem(joined)} if joined else set()
    decomposed = unicodedata.normalize("NFD", fold(reading))
    if "u\u0308" in decomposed:
        keys.add(stem("".join(latin_words(decomposed.replace("u\u0308", "v")))))
    return tuple(sorted(k for k in keys if k))


def term_pinyin(term: Term) -> list[str]:
    """Pinyin tokens of a glossary term and of its Chinese variants (海牙协定 → haiyaxieding)."""
    keys = list(pinyin_keys(term.terms["zh"], term.pinyin)) if term.terms.get("zh") else []
    for variant in term.variants.get("zh", ()):
        keys += pinyin_keys(variant)
    return sorted(set(keys))


def kana_keys(kana: str) -> list[str]:
    """A Japanese reading as tokens, whole: in hiragana and in katakana."""
    reading = "".join(fold(kana).split())
    if not reading:
        return []
    katakana = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in hiragana(reading))
    return sorted({hiragana(reading), katakana})


class Concepts:
    """The names of every glossary term and reference (annotation key ``term:<id>``): tokens
    that find the paragraphs where they are annotated, and names for the browser, which marks
    a term's forms in every language line when the query matched one of its names (pinyin,
    kana and forbidden renderings count as names there, though no text shows them)."""

    def __init__(self, library: Library | None, tokenizer: Tokenizer) -> None:
        self.tokens: dict[str, dict[str, float]] = {}
        self.names: dict[str, list[str]] = {}
        self._encoded: dict[str, bytes] = {}
        if library is None:
            return
        for key, forms in library.concept_names.items():
            weights: dict[str, float] = {}
            for lang, name in forms:
                for token in tokenizer.tokens(name, lang):
                    weights[token] = W_ALIAS
            self.tokens[key] = weights
            self.names[key] = sorted({name for _, name in forms}, key=lambda n: (-len(n), n))
        for term in library.glossary:
            key = f"term:{term.id}"
            weights = self.tokens.setdefault(key, {})
            names = self.names.setdefault(key, [])
            for token in term_pinyin(term):
                weights.setdefault(token, W_ALIAS)
                names.append(token)
            names += kana_keys(term.kana)[:1]
            for lang, forbidden in term.forbidden.items():
                for name in forbidden:
                    names.append(name)
                    for token in tokenizer.tokens(name, lang):
                        weights.setdefault(token, W_FORBIDDEN)

    def encoded(self, key: str) -> bytes:
        """``"key":[names…]``, a member of a fragment's ``k`` object."""
        member = self._encoded.get(key)
        if member is None:
            member = self._encoded[key] = _dumps(key) + b":" + _dumps(self.names[key])
        return member


def _publication_of(url: str, prefix: str, publications: dict[str, int]) -> int:
    path = url[len(prefix) :] if url.startswith(prefix) else url
    return publications.get(path.split("/", 1)[0], -1)


def text_docs(
    records: Iterable[Record],
    tokenizer: Tokenizer,
    concepts: Concepts,
    lang: str,
    prefix: str,
    publications: dict[str, int],
    memory: IndexMemory | None = None,
) -> list[Doc]:
    docs = []
    context = (concepts, tokenizer, lang, prefix, publications)
    if memory is not None and memory.context != context:
        memory.context, memory.records = context, {}
    kept = memory.records if memory is not None else {}
    indexed: dict[tuple[object, ...], Doc] = {}
    for record in records:
        record_key = tuple(tuple(v) if isinstance(v, list) else v for v in vars(record).values())
        known = kept.get(record_key)
        if known is not None:
            indexed[record_key] = known
            docs.append(known)
            continue
        page = record.url.split("#", 1)[0]
        publication = _publication_of(page, prefix, publications)
        show: dict[str, Any] = {"u": record.url, "p": [list(part) for part in record.parts]}
        if record.heading:
            show["h"] = record.heading
        if record.number:
            show["n"] = record.number
        doc = Doc(
            page,
            record.title,
            TEXT,
            publication,
            show,
            boost=1.0 if record.row else BOOST_SITE if publication < 0 else BOOST_OVERVIEW,
        )
        for part_lang, text in record.parts:
            doc.add(tokenizer.tokens(text, part_lang), W_TEXT)
        if record.heading:
            doc.add(tokenizer.tokens(record.heading, lang), W_HEADING)
        doc.add(set(tokenizer.tokens(record.title, lang)), W_PAGE_TITLE)
        for key in record.concepts:
            for token, weight in concepts.tokens.get(key, {}).items():
                doc.at_least((token,), weight)
            if key in concepts.names:
                doc.concepts.append(key)
        if doc.concepts:
            show["c"] = doc.concepts
        docs.append(doc)
        indexed[record_key] = doc
    if memory is not None:
        memory.records = indexed
    return docs


def _order(lang: str, languages: SiteLanguages) -> list[str]:
    """The edition's language first, then the original's, then the others."""
    return [lang] + [code for code in languages.all if code != lang]


def _variants(variants: dict[str, tuple[str, ...]], lang: str, languages: SiteLanguages) -> list[list[str]]:
    """A term's or reference's variants, the edition's language first: ``[code, variant]``."""
    return [[code, v] for code in _order(lang, languages) for v in variants.get(code, ())]


def _note(notes: dict[str, str], lang: str, languages: SiteLanguages) -> tuple[str, str]:
    """The note in the edition's language, else the original's: ``(language, note)``."""
    note_lang = lang if notes.get(lang) else languages.source
    return note_lang, notes.get(note_lang, "")


def glossary_docs(library: Library, lang: str, prefix: str, tokenizer: Tokenizer) -> list[Doc]:
    from .config import GLOSSARY_PAGE

    ui = library.ui.get(lang, {})
    languages = library.languages
    page = f"{prefix}{GLOSSARY_PAGE}/"
    docs = []
    for term in library.glossary:
        names, readings = _glossary_names(term, lang, languages)
        note_lang, note = _note(term.notes, lang, languages)
        category = ui.get(f"cat_{term.category.replace('-', '_')}", term.category)
        entry: dict[str, Any] = {"t": names, "k": category}
        variants = _variants(term.variants, lang, languages)
        if variants:
            entry["v"] = variants
        if note:
            entry["o"] = [note_lang, note]
        doc = Doc(page, ui.get("glossary", "Glossary"), GLOSSARY, -1, {"u": f"{page}#{term.id}", "g": entry})
        for code, name, _ in names:
            doc.add(tokenizer.tokens(name, code), W_NAME)
        for code, variant in variants:
            doc.add(tokenizer.tokens(variant, code), W_VARIANT)
        doc.add(readings, W_READING)
        for code, forbidden in term.forbidden.items():
            for name in forbidden:
                doc.at_least(tokenizer.tokens(name, code), W_FORBIDDEN)
        if note:
            doc.add(tokenizer.tokens(note, note_lang), W_NOTE)
        doc.add(tokenizer.tokens(category, lang), W_NOTE)
        docs.append(doc)
    return docs


def _glossary_names(term: Term, lang: str, languages: SiteLanguages) -> tuple[list[list[str]], list[str]]:
    """Each language's term with the reading the glossary shows (pinyin, kana), and the readings' tokens."""
    names = []
    readings: list[str] = []
    for code in _order(lang, languages):
        name = term.terms.get(code)
        if not name:
            continue
        reading = ""
        if code == "zh":
            reading = term.pinyin or pinyin_with_tones(name)
            readings += term_pinyin(term)
        elif code == "ja" and term.kana:
            reading = term.kana
            readings += kana_keys(term.kana)
        names.append([code, name, reading])
    return names, readings


def reference_docs(library: Library, lang: str, prefix: str, tokenizer: Tokenizer) -> list[Doc]:
    from .config import REFERENCES_PAGE

    ui = library.ui.get(lang, {})
    languages = library.languages
    page = f"{prefix}{REFERENCES_PAGE}/"
    docs = []
    for reference in library.references:
        order = _order(lang, languages)
        titles = [[code, reference.titles[code]] for code in order if code in reference.titles]
        entry: dict[str, Any] = {"t": titles, "k": ui.get(f"kind_{reference.kind.replace('-', '_')}", "")}
        variants = _variants(reference.variants, lang, languages)
        if variants:
            entry["v"] = variants
        issuer = reference.issuer.get(lang, "")
        details = ", ".join(x for x in (issuer, str(reference.year or "")) if x)
        if details:
            entry["i"] = details
        note_lang, note = _note(reference.notes, lang, languages)
        if note:
            entry["o"] = [note_lang, note]
        show = {"u": f"{page}#{reference.id}", "r": entry}
        doc = Doc(page, ui.get("references", "References"), REFERENCES, -1, show)
        _reference_tokens(doc, reference, titles, variants, details, lang, tokenizer)
        if note:
            doc.add(tokenizer.tokens(note, note_lang), W_NOTE)
        docs.append(doc)
    return docs


def _reference_tokens(
    doc: Doc,
    reference: Reference,
    titles: list[list[str]],
    variants: list[list[str]],
    details: str,
    lang: str,
    tokenizer: Tokenizer,
) -> None:
    for code, title in titles:
        doc.add(tokenizer.tokens(title, code), W_NAME)
    for code, variant in variants:
        doc.add(tokenizer.tokens(variant, code), W_VARIANT)
    if details:
        doc.add(tokenizer.tokens(details, lang), W_DETAIL)
    if reference.titles.get("zh"):
        doc.at_least(pinyin_keys(reference.titles["zh"]), W_DETAIL)


# -- the files ----------------------------------------------------------------------------------


def _dumps(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class _Files:
    """The files of an index, each named by a hash of its content. A file is given with the
    parts it is made of (``key``) and a function that joins them: with a memory, a file made of
    the same parts as one of the last index is that file, not joined or hashed again."""

    def __init__(self, memory: IndexMemory | None) -> None:
        self.memory = memory
        self.files: dict[str, bytes] = {}
        self.made: dict[tuple[object, ...], tuple[str, bytes]] = {}

    def add(self, folder: str, key: tuple[object, ...], content: Callable[[], bytes]) -> str:
        key = (folder, *key)
        made = self.made.get(key) or (self.memory.files.get(key) if self.memory is not None else None)
        if made is None:
            joined = content()
            made = (hashlib.sha256(joined).hexdigest()[:16], joined)
        self.made[key] = made
        self.files[f"{folder}/{made[0]}.json"] = made[1]
        return made[0]

    def done(self) -> dict[str, bytes]:
        if self.memory is not None:
            self.memory.files = self.made
        return self.files


def bucket_of(word: str, buckets: int) -> int:
    """The lexicon bucket of a word (the browser computes the same)."""
    return ord(word[0]) % buckets


def weights(docs: list[Doc], memory: IndexMemory | None = None) -> dict[str, list[tuple[int, int]]]:
    """Every token's postings: (record number, quantised BM25 term-frequency part × boost).

    The average length of a kind of record is rounded to a whole token: BM25 hardly notices, and
    an edit of one record then leaves the weights of every other record as they were; with
    ``memory``, only the postings of the words of the records that changed are then redone."""
    totals: dict[int, list[float]] = defaultdict(lambda: [0.0, 0])
    for doc in docs:
        total = totals[doc.kind]
        total[0] += doc.length
        total[1] += 1
    average = {kind: float(round(total / count)) for kind, (total, count) in totals.items()}
    changed = _changed(docs, average, memory)
    if memory is not None and changed is not None:
        postings = _updated(memory.postings, changed, memory.docs, docs, average)
    else:
        postings = defaultdict(list)
        for number, doc in enumerate(docs):
            for token, weight in doc.postings(average[doc.kind]):
                postings[token].append((number, weight))
    if memory is not None:
        memory.docs, memory.average, memory.postings = list(docs), average, postings
    return postings


def _changed(docs: list[Doc], average: dict[int, float], memory: IndexMemory | None) -> list[int] | None:
    """The numbers of the records that are not those of the last index, when the postings of
    the others are the same (as many records, the same averages) and they are few enough for
    an update to be cheaper than the whole; else None."""
    if memory is None or memory.average != average or len(memory.docs) != len(docs):
        return None
    changed = [
        number for number, (old, new) in enumerate(zip(memory.docs, docs, strict=True)) if old is not new
    ]
    return changed if len(changed) * 4 <= len(docs) else None


def _updated(
    postings: dict[str, list[tuple[int, int]]],
    changed: list[int],
    before: list[Doc],
    docs: list[Doc],
    average: dict[int, float],
) -> dict[str, list[tuple[int, int]]]:
    """``postings`` of ``before`` made those of ``docs``, which differ at the numbers ``changed``
    (the averages being the same): the other words keep their lists, the same objects."""
    gone: dict[str, list[int]] = defaultdict(list)
    added: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number in changed:
        old, new = before[number], docs[number]
        for token, _ in old.postings(average[old.kind]):
            gone[token].append(number)
        for token, weight in new.postings(average[new.kind]):
            added[token].append((number, weight))
    out = dict(postings)
    for word in gone.keys() | added.keys():
        merged = list(postings.get(word, ()))
        for number in gone.get(word, ()):  # a list holds a record number once, in order
            at = bisect.bisect_left(merged, (number,))
            if at < len(merged) and merged[at][0] == number:
                del merged[at]
        for entry in added.get(word, ()):
            bisect.insort(merged, entry)
        if merged:
            out[word] = merged
        else:
            del out[word]
    return out


def _encoded_postings(word: str, postings: list[tuple[int, int]]) -> bytes:
    """``"word":[delta,weight,…]``, a member of a shard's object."""
    flat: list[int] = []
    previous = 0
    for number, weight in postings:
        flat += [number - previous, weight]
        previous = number
    return _dumps(word) + b":" + _dumps(flat)


def build_files(
    docs: list[Doc],
    concepts: Concepts,
    lang: str,
    publications: list[tuple[str, str]],
    memory: IndexMemory | None = None,
) -> dict[str, bytes]:
    """Every file of an edition's index, by path relative to its ``search/`` folder."""
    files = _Files(memory)
    postings = weights(docs, memory)
    words = sorted(postings)

    # Postings shards: words in sorted order, cut at about SHARD_BYTES.
    known = memory.words if memory is not None else {}
    encoded: dict[str, tuple[list[tuple[int, int]], bytes]] = {}
    shard_of: dict[str, int] = {}
    shard_names: list[str] = []
    shard: list[bytes] = []
    size = 0
    for word in words:
        kept = known.get(word)
        if kept is None or (kept[0] is not postings[word] and kept[0] != postings[word]):
            kept = (postings[word], _encoded_postings(word, postings[word]))
        encoded[word] = kept
        member = kept[1]
        entry = len(member) + 1
        if shard and size + entry > SHARD_BYTES:
            shard_names.append(_shard(shard, files))
            shard, size = [], 0
        shard.append(member)
        shard_of[word] = len(shard_names)
        size += entry
    if shard:
        shard_names.append(_shard(shard, files))
    if memory is not None:
        memory.words = encoded

    # Lexicon buckets: word, document frequency, shard.
    lexicon_bytes = sum(len(w.encode("utf-8")) + 12 for w in postings)
    buckets = max(1, math.ceil(lexicon_bytes / LEXICON_BYTES))
    columns: list[tuple[list[str], list[int], list[int]]] = [([], [], []) for _ in range(buckets)]
    for word in words:
        bucket, frequencies, shards = columns[bucket_of(word, buckets)]
        bucket.append(word)
        frequencies.append(len(postings[word]))
        shards.append(shard_of[word])
    lexicon = [
        files.add("l", (tuple(w), tuple(f), tuple(s)), partial(_bucket, w, f, s)) for w, f, s in columns
    ]

    # Fragments: consecutive records, a new one at a page boundary past half the size.
    fragments: list[list[Any]] = []
    pages: list[list[int]] = []
    page_numbers: dict[str, int] = {}
    current: list[bytes] = []
    titles: dict[int, str] = {}
    used: set[str] = set()
    first = 0
    size = 0

    def flush(end: int) -> None:
        nonlocal current, titles, used, first, size
        if not current:
            return
        names = tuple(concepts.encoded(key) for key in sorted(used))
        key = (tuple(titles.items()), *current, names)
        fragments.append([first, files.add("f", key, lambda: _fragment(titles, current, names))])
        current, titles, used, first, size = [], {}, set(), end, 0

    for number, doc in enumerate(docs):
        new_page = doc.page not in page_numbers
        if new_page:
            page_numbers[doc.page] = len(pages)
            pages.append([number, doc.kind, doc.publication])
        if current and (size > FRAGMENT_BYTES or (new_page and size > FRAGMENT_BYTES // 2)):
            flush(number)
        page = page_numbers[doc.page]
        titles.setdefault(page, doc.page_title)
        shown = doc.shown()
        current.append(shown)
        size += len(shown)
        for key in set(doc.concepts) - used:
            size += len(concepts.encoded(key)) + 1
            used.add(key)
    flush(len(docs))

    meta = {
        "v": VERSION,
        "lang": lang,
        "n": len(docs),
        "scale": WEIGHT_SCALE,
        "kinds": list(KINDS),
        "lexicon": lexicon,
        "shards": shard_names,
        "fragments": fragments,
        "pages": pages,
        "publications": [list(p) for p in publications],
    }
    out = files.done()
    out["meta.json"] = _dumps(meta)
    return out


def _shard(members: list[bytes], files: _Files) -> str:
    return files.add("s", tuple(members), lambda: b"{" + b",".join(members) + b"}")


def _bucket(words: list[str], frequencies: list[int], shards: list[int]) -> bytes:
    return _dumps({"w": words, "f": frequencies, "s": shards})


def _fragment(titles: dict[int, str], shown: list[bytes], names: tuple[bytes, ...]) -> bytes:
    """``{"t":[[page,title],…],"d":[record,…],"k":{concept:[name,…],…}}``."""
    content = b'{"t":' + _dumps([[n, t] for n, t in titles.items()]) + b',"d":[' + b",".join(shown) + b"]"
    if names:
        content += b',"k":{' + b",".join(names) + b"}"
    return content + b"}"


def edition_docs(
    records: list[Record], library: Library | None, lang: str, prefix: str, memory: IndexMemory | None = None
) -> tuple[list[Doc], Concepts, list[tuple[str, str]]]:
    """The records of an edition: its pages' (the glossary's and references' pages replaced by
    one record per entry), in the order of the site."""
    from .config import GLOSSARY_PAGE, REFERENCES_PAGE

    tokenizer = library.tokenizer if library is not None else _plain_tokenizer()
    concepts = _concepts(library, tokenizer)
    publications: list[tuple[str, str]] = []
    if library is not None:
        from .render import Renderer

        renderer = Renderer(library)
        publications = [(p.id, renderer.document_title(p, lang)) for p in library.publications]
    numbers = {pid: n for n, (pid, _) in enumerate(publications)}
    entry_pages = {f"{prefix}{GLOSSARY_PAGE}/", f"{prefix}{REFERENCES_PAGE}/"}
    pages = [r for r in records if r.url.split("#", 1)[0] not in entry_pages]
    docs = text_docs(pages, tokenizer, concepts, lang, prefix, numbers, memory)
    if library is not None:
        docs += _entry_docs(library, lang, prefix, tokenizer, memory)
    return docs, concepts, publications


def _entry_docs(
    library: Library, lang: str, prefix: str, tokenizer: Tokenizer, memory: IndexMemory | None
) -> list[Doc]:
    """The glossary's records, then the references', the same objects as the last index's while
    everything they are made of is the same."""
    key = (
        lang,
        prefix,
        tokenizer,
        library.languages,
        library.ui.get(lang),
        library.glossary,
        library.references,
    )
    if memory is not None and memory.entries[0] == key:
        return memory.entries[1]
    docs = glossary_docs(library, lang, prefix, tokenizer) + reference_docs(library, lang, prefix, tokenizer)
    if memory is not None:
        memory.entries = (key, docs)
    return docs


_CONCEPTS: dict[int, tuple[Library | None, Tokenizer, Concepts]] = {}
"""The last concepts worked out (one entry, key 0)."""


def _concepts(library: Library | None, tokenizer: Tokenizer) -> Concepts:
    """The same for every edition of a build, and for rebuilds of ``mkdocs serve`` whose glossary
    and references are the same."""
    cached = _CONCEPTS.get(0)
    if cached is None or cached[1] is not tokenizer or not _same_concepts(cached[0], library):
        cached = (library, tokenizer, Concepts(library, tokenizer))
        _CONCEPTS[0] = cached
    return cached[2]


def _same_concepts(before: Library | None, after: Library | None) -> bool:
    if before is None or after is None:
        return before is after
    return before is after or (
        before.glossary == after.glossary and before.concept_names == after.concept_names
    )


@lru_cache(maxsize=1)
def _plain_tokenizer() -> Tokenizer:
    return Tokenizer()


def edition_dir(site: Path, lang: str, languages: SiteLanguages) -> Path:
    return site / ("" if lang == languages.source else lang) / SEARCH_DIR


def write_search_index(
    site: Path,
    lang: str,
    records: list[Record],
    library: Library | None,
    languages: SiteLanguages,
    memory: IndexMemory | None = None,
) -> Path:
    """Build the index of the edition in ``lang`` from its pages' records and write its files.
    Files named by hash that the index no longer has are deleted, so none pile up across
    rebuilds; those it still has are the same bytes and are left as they are. ``memory``: what
    a rebuild of ``mkdocs serve`` can reuse (see :class:`IndexMemory`)."""
    prefix = "" if lang == languages.source else f"{lang}/"
    docs, concepts, publications = edition_docs(records, library, lang, prefix, memory)
    files = build_files(docs, concepts, lang, publications, memory)
    directory = edition_dir(site, lang, languages)
    present: set[str] = set()
    for folder, _, names in os.walk(directory):
        inner = Path(folder).relative_to(directory).as_posix()
        present.update(names if inner == "." else (f"{inner}/{name}" for name in names))
    for name in present - set(files):
        (directory / name).unlink()
    for name, content in files.items():
        if name in present and name != "meta.json":
            continue  # named by its content's hash: the same file
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return directory


# -- reading an index back (tests, benchmark) ----------------------------------------------------


@dataclass
class Edition:
    """An edition's index read back whole: every record as the browser sees it, and the lexicon."""

    directory: Path
    meta: dict[str, Any]
    docs: list[dict[str, Any]]
    lexicon: dict[str, tuple[int, int]]
    """Word → (document frequency, shard number)."""

    def postings(self, word: str) -> list[tuple[int, int]]:
        """(record number, weight) of a word."""
        _, shard = self.lexicon[word]
        flat = json.loads((self.directory / "s" / f"{self.meta['shards'][shard]}.json").read_bytes())[word]
        out, number = [], 0
        for delta, weight in zip(flat[::2], flat[1::2], strict=True):
            number += delta
            out.append((number, weight))
        return out

    def doc(self, url: str) -> dict[str, Any]:
        return next(d for d in self.docs if d["u"] == url)


def load_edition(directory: Path) -> Edition:
    meta = json.loads((directory / "meta.json").read_bytes())
    docs: list[dict[str, Any]] = []
    page_starts = [p[0] for p in meta["pages"]]
    for _, name in meta["fragments"]:
        fragment = json.loads((directory / "f" / f"{name}.json").read_bytes())
        titles = dict((n, t) for n, t in fragment["t"])
        for show in fragment["d"]:
            number = len(docs)
            page = bisect.bisect_right(page_starts, number) - 1
            kind, publication = meta["pages"][page][1:]
            title = titles.get(page, "")
            docs.append({**show, "page": page, "title": title, "kind": KINDS[kind], "pub": publication})
    lexicon: dict[str, tuple[int, int]] = {}
    for name in meta["lexicon"]:
        bucket = json.loads((directory / "l" / f"{name}.json").read_bytes())
        for word, frequency, shard in zip(bucket["w"], bucket["f"], bucket["s"], strict=True):
            lexicon[word] = (frequency, shard)
    return Edition(directory, meta, docs, lexicon)
