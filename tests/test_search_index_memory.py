"""In ``mkdocs serve`` the search index reuses what an edit did not change (IndexMemory); the
files it writes are those a fresh index writes, and a file no longer in the index is deleted."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT
from trilingual.config import SiteLanguages
from trilingual.library import Library, load
from trilingual.search import Record
from trilingual.search_index import IndexMemory, write_search_index

LANGS = SiteLanguages("zh", ("ja", "en"), (("zh", "中文"), ("ja", "日本語"), ("en", "English")))


SAME_LENGTH = "第2章第3段 知识产权登记 patent registration 6"
"""An edit of paragraph (2, 3) that leaves the average length of a paragraph as it was."""


def _records(changed: str = "") -> list[Record]:
    records = []
    for page in range(6):
        for row in range(8):
            text = f"第{page}章第{row}段 知识产权保护 patent examination {page * row}"
            if (page, row) == (2, 3) and changed:
                text = changed
            records.append(
                Record(f"en/p{page}/#r{row}", f"Page {page}", [("zh", text), ("en", f"row {row}")], row=True)
            )
    return records


def _files(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in directory.rglob("*") if p.is_file()}


def test_an_index_rebuilt_from_memory_after_an_edit_is_the_one_a_fresh_build_writes(tmp_path: Path) -> None:
    memory = IndexMemory()
    served = tmp_path / "served"
    write_search_index(served, "en", _records(), None, LANGS, memory)
    before = _files(served / "en" / "search")
    unchanged = dict(memory.records)

    edited = _records(changed="著作权登记 copyright registration")
    write_search_index(served, "en", edited, None, LANGS, memory)
    fresh = tmp_path / "fresh"
    write_search_index(fresh, "en", edited, None, LANGS)

    assert _files(served / "en" / "search") == _files(fresh / "en" / "search")
    assert _files(served / "en" / "search") != before
    reused = [key for key, doc in memory.records.items() if unchanged.get(key) is doc]
    assert len(reused) == len(edited) - 1, "every record but the edited one was reused"


def test_files_the_index_no_longer_has_are_deleted_and_others_left_alone(tmp_path: Path) -> None:
    write_search_index(tmp_path, "en", _records(), None, LANGS, IndexMemory())
    directory = tmp_path / "en" / "search"
    stray = directory / "s" / "0123456789abcdef.json"
    stray.write_bytes(b"{}")
    write_search_index(tmp_path, "en", _records(changed="商标"), None, LANGS, IndexMemory())
    assert not stray.exists()
    meta = (directory / "meta.json").read_text(encoding="utf-8")
    named = {p.stem for p in directory.rglob("*.json") if p.name != "meta.json"}
    assert all(name in meta for name in named), "every file left is one the index names"


def _edits() -> list[tuple[str, list[Record]]]:
    """Edits a serve session may see one after another, each from the index of the one before."""
    base = _records()
    longer = [
        *base[:20],
        Record("en/p2/#r9", "Page 2", [("zh", "新段落 新しい utility model")], row=True),
        *base[20:],
    ]
    retitled = [dataclasses.replace(r, title="Chapter 1") if r.url.startswith("en/p1/") else r for r in base]
    two = _records(changed="商标 trademark")
    two[40] = dataclasses.replace(two[40], parts=[("zh", "外观设计 design"), ("en", "row 0")])
    return [
        ("one paragraph, new words", _records(changed=SAME_LENGTH)),
        ("back, its words gone", base),
        ("one paragraph, the average length changed", _records(changed="专利 " * 400)),
        ("two paragraphs", two),
        ("a paragraph added", longer),
        ("two removed", longer[:10] + longer[12:]),
        ("a page retitled", retitled),
        ("pages reordered", base[24:] + base[:24]),
        ("back", base),
    ]


def test_every_kind_of_edit_leaves_the_index_a_fresh_build_writes(tmp_path: Path) -> None:
    memory = IndexMemory()
    served = tmp_path / "served"
    write_search_index(served, "en", _records(), None, LANGS, memory)
    for number, (edit, records) in enumerate(_edits()):
        write_search_index(served, "en", records, None, LANGS, memory)
        fresh = tmp_path / f"fresh{number}"
        write_search_index(fresh, "en", records, None, LANGS)
        assert _files(served / "en" / "search") == _files(fresh / "en" / "search"), edit


def test_an_edit_of_one_paragraph_redoes_its_words_and_the_files_they_are_in(tmp_path: Path) -> None:
    memory = IndexMemory()
    write_search_index(tmp_path, "en", _records(), None, LANGS, memory)
    postings, files = dict(memory.postings), dict(memory.files)
    write_search_index(tmp_path, "en", _records(changed=SAME_LENGTH), None, LANGS, memory)
    edited = 19  # page 2, row 3
    old_words = {word for word, entries in postings.items() if any(n == edited for n, _ in entries)}
    new_words = {word for word, _ in memory.docs[edited].postings(memory.average[0])}
    kept = {word for word, entries in memory.postings.items() if entries is postings.get(word)}
    assert kept == postings.keys() - old_words - new_words, "every other word's postings are the same list"
    reused = [key for key, made in memory.files.items() if files.get(key) is made]
    assert reused and len(reused) < len(memory.files), "only the files with what changed are made again"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    translations = tmp_path_factory.mktemp("translations")
    shutil.copy(ROOT / "translations" / "ui.yml", translations / "ui.yml")
    shutil.copytree(FIXTURES / "second-plan", translations / "second-plan")
    terms = [
        {"id": "ip", "category": "ip-concept", "zh": "知识产权", "ja": "知的財産権", "en": "IP"},
        {"id": "tm", "category": "ip-concept", "zh": "商标", "ja": "商標", "en": "trademark"},
    ]
    (translations / "glossary.yml").write_text(
        yaml.safe_dump({"terms": terms}, allow_unicode=True), encoding="utf-8"
    )
    return load(translations, LANGS)


def test_the_glossarys_records_are_kept_while_the_glossary_is_the_same(
    tmp_path: Path, library: Library
) -> None:
    memory = IndexMemory()
    served = tmp_path / "served"
    write_search_index(served, "en", _records(), library, LANGS, memory)
    before = _files(served / "en" / "search")
    entries = memory.entries[1]

    reloaded = dataclasses.replace(library)  # a rebuild reads the library again: equal, not the same
    write_search_index(served, "en", _records(), reloaded, LANGS, memory)
    assert memory.entries[1] is entries and _files(served / "en" / "search") == before

    ip, tm = library.glossary.terms
    noted = dataclasses.replace(tm, notes={"en": "a sign that tells goods apart"})
    edited = dataclasses.replace(library, glossary=dataclasses.replace(library.glossary, terms=(ip, noted)))
    write_search_index(served, "en", _records(), edited, LANGS, memory)
    fresh = tmp_path / "fresh"
    write_search_index(fresh, "en", _records(), edited, LANGS)
    assert _files(served / "en" / "search") == _files(fresh / "en" / "search") != before
