"""In ``mkdocs serve`` the search index reuses what an edit did not change (IndexMemory); the
files it writes are those a fresh index writes, and a file no longer in the index is deleted."""

from __future__ import annotations

from pathlib import Path

from trilingual.config import SiteLanguages
from trilingual.search import Record
from trilingual.search_index import IndexMemory, write_search_index

LANGS = SiteLanguages("zh", ("ja", "en"), (("zh", "中文"), ("ja", "日本語"), ("en", "English")))


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
