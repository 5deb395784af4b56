"""Attacks on what ``regenerate`` keeps between ``mkdocs serve --dirty`` rebuilds
(``Library.derived``/``inherit``, the shared files parsed again only when their content
changed): after each edit of a sequence, the pages regenerated from the previous generation,
and the catalogue and status fills, are those of a fresh generation."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from test_generate import LANGS, hand_written_fills, pages_of, replace

from conftest import two_plans
from trilingual import search_index
from trilingual.errors import UserError
from trilingual.generate import regenerate
from trilingual.search import Record
from trilingual.search_index import IndexMemory, write_search_index

Edit = Callable[[Path], None]


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace_keeping_stat(path: Path, old: str, new: str) -> None:
    """An edit that leaves the file's size and modification time as they were."""
    stat = path.stat()
    replace(path, old, new)
    assert path.stat().st_size == stat.st_size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _run(tmp_path: Path, edits: list[Edit], only: frozenset[str] = frozenset()) -> None:
    """Apply ``edits`` one after another, serving each from the last generation; compare with
    a fresh generation after each."""
    translations = two_plans(tmp_path / "translations")
    served = tmp_path / "docs"
    generation, _ = regenerate(translations, served, LANGS, pdfs=False, only=only)
    hand_written_fills(generation)
    for number, edit in enumerate(edits):
        edit(translations)
        generation, _ = regenerate(translations, served, LANGS, pdfs=False, previous=generation, only=only)
        fresh_dir = tmp_path / f"fresh{number}"
        fresh, _ = regenerate(translations, fresh_dir, LANGS, pdfs=False, only=only)
        assert generation.pages == fresh.pages, number
        assert pages_of(served) == pages_of(fresh_dir), number
        assert hand_written_fills(generation) == hand_written_fills(fresh), number


def _rename(old: str, new: str) -> Edit:
    return lambda t: (t / old).rename(t / new)


def _rmtree(name: str) -> Edit:
    return lambda t: shutil.rmtree(t / name)


TITLE = "2022年活動要点"
TRANSLATION: Edit = lambda t: replace(t / "second-plan/ja.yml", TITLE, "2022年の重点")  # noqa: E731
TRANSLATION_BACK: Edit = lambda t: replace(t / "second-plan/ja.yml", "2022年の重点", TITLE)  # noqa: E731
SOURCE: Edit = lambda t: replace(t / "third-plan/source.zh.md", "新建 3 家", "新建 4 家")  # noqa: E731
SOURCE_BACK: Edit = lambda t: replace(t / "third-plan/source.zh.md", "新建 4 家", "新建 3 家")  # noqa: E731
GLOSSARY: Edit = lambda t: replace(t / "glossary.yml", "ja: 公共サービス", "ja: 公共役務")  # noqa: E731
NOTE: Edit = lambda t: replace(  # noqa: E731
    t / "glossary.yml", "en: public services\n", "en: public services\n    note:\n      ja: 注記。\n"
)
CATEGORY: Edit = lambda t: replace(t / "glossary.yml", "category: ip-concept", "category: institution")  # noqa: E731
SERVICE = (
    "  - id: service\n    category: ip-concept\n"
    "    zh: 公共服务\n    ja: 公共サービス\n    en: public services\n"
)
TERM_GONE: Edit = lambda t: replace(t / "glossary.yml", SERVICE, "")  # noqa: E731
TERM_BACK: Edit = lambda t: _append(t / "glossary.yml", SERVICE)  # noqa: E731
WORK = "  - id: work\n    category: ip-concept\n    zh: 工作\n    ja: 活動\n    en: work\n"
TERM_ADDED: Edit = lambda t: replace(t / "glossary.yml", "terms:\n", "terms:\n" + WORK)  # noqa: E731
REFERENCE = (
    "references:\n  - id: plan\n    kind: plan\n    zh: 工作要点\n    ja: 活動要点\n    en: work plan\n"
)
REFERENCE_ADDED: Edit = lambda t: (t / "references.yml").write_text(REFERENCE, encoding="utf-8")  # noqa: E731
REFERENCE_GONE: Edit = lambda t: (t / "references.yml").unlink()  # noqa: E731
HEADING: Edit = lambda t: replace(  # noqa: E731
    t / "ui.yml", 'section_heading: "{number}. {title}"', 'section_heading: "{number}: {title}"'
)
UI: Edit = lambda t: replace(t / "ui.yml", "非公式訳", "非公式の訳")  # noqa: E731
REMOVED: Edit = lambda t: shutil.rmtree(t / "third-plan")  # noqa: E731
READDED: Edit = lambda t: shutil.copytree(t / "second-plan", t / "third-plan")  # noqa: E731
ADDED: Edit = lambda t: shutil.copytree(t / "third-plan", t / "fourth-plan")  # noqa: E731
ORDER: Edit = lambda t: replace(t / "third-plan/publication.yml", "order: 2", "order: 0")  # noqa: E731
SOURCE_LANGUAGE: Edit = lambda t: replace(  # noqa: E731
    t / "second-plan/publication.yml", "source_language: zh-Hans", "source_language: zh-CN"
)

SEQUENCES: dict[str, list[Edit]] = {
    "glossary, translation, note, translation back": [GLOSSARY, TRANSLATION, NOTE, TRANSLATION_BACK],
    "term removed, translation, term back": [TERM_GONE, TRANSLATION, TERM_BACK],
    "term in one publication only, its source, back": [TERM_ADDED, SOURCE, SOURCE_BACK],
    "category, translation": [CATEGORY, TRANSLATION],
    "reference added, translation, removed, back": [
        REFERENCE_ADDED,
        TRANSLATION,
        REFERENCE_GONE,
        TRANSLATION_BACK,
    ],
    "section heading, translation": [HEADING, TRANSLATION],
    "interface string, translation": [UI, TRANSLATION],
    "publication removed (single), translation, glossary, re-added": [
        REMOVED,
        TRANSLATION,
        GLOSSARY,
        READDED,
    ],
    "publication added, translation, removed, source": [ADDED, TRANSLATION, _rmtree("fourth-plan"), SOURCE],
    "folder renamed": [_rename("third-plan", "a-plan"), TRANSLATION],
    "first folder renamed last": [_rename("second-plan", "zz-plan"), SOURCE],
    "folders swapped": [
        _rename("second-plan", "x"),
        _rename("third-plan", "second-plan"),
        _rename("x", "third-plan"),
    ],
    "catalogue order": [ORDER, TRANSLATION],
    "first publication's source language (glossary tags)": [SOURCE_LANGUAGE, GLOSSARY],
    "glossary deleted, translation": [lambda t: (t / "glossary.yml").unlink(), TRANSLATION],
    "translation and back": [TRANSLATION, TRANSLATION_BACK],
}


@pytest.mark.parametrize("edits", SEQUENCES.values(), ids=SEQUENCES.keys())
def test_a_sequence_of_edits_regenerates_what_a_fresh_generation_writes(
    tmp_path: Path, edits: list[Edit]
) -> None:
    _run(tmp_path, edits)


@pytest.mark.parametrize("only", ["second-plan", "third-plan"])
def test_serving_one_publication_after_edits_is_a_fresh_generation_of_it(tmp_path: Path, only: str) -> None:
    _run(tmp_path, [GLOSSARY, TRANSLATION, TERM_ADDED, SOURCE], frozenset({only}))


def test_a_glossary_edit_keeping_size_and_mtime_is_seen(tmp_path: Path) -> None:
    _run(
        tmp_path,
        [lambda t: _replace_keeping_stat(t / "glossary.yml", "ja: 公共サービス", "ja: 公共サービ二")],
    )


def test_an_interface_string_edit_keeping_size_and_mtime_is_seen(tmp_path: Path) -> None:
    _run(tmp_path, [lambda t: _replace_keeping_stat(t / "ui.yml", "非公式訳", "非正式訳")])


def _records(changed: int = -1) -> list[Record]:
    """Rows of both publications annotated with the glossary's terms (row ``changed`` edited)."""
    return [
        Record(
            f"en/{publication}/s{row}/#p{row}",
            f"{publication} {row}",
            [("zh", f"知识产权保护 公共服务 {row}" + ("新" if row == changed else "")), ("en", f"row {row}")],
            concepts=["term:protection", "term:service"] if row % 2 else ["term:service"],
            row=True,
        )
        for publication in ("second-plan", "third-plan")
        for row in range(12)
    ]


def _files(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in directory.rglob("*") if p.is_file()}


KANA: Edit = lambda t: replace(  # noqa: E731
    t / "glossary.yml", "ja: 公共サービス\n", "ja: 公共サービス\n    kana: こうきょうサービス\n"
)
FORBIDDEN: Edit = lambda t: replace(  # noqa: E731
    t / "glossary.yml",
    "en: public services\n",
    "en: public services\n    forbidden:\n      ja:\n        - 公共奉仕\n",
)

INDEX_SEQUENCES: dict[str, list[tuple[Edit, list[Record]]]] = {
    "glossary note, translation with a row, glossary": [
        (NOTE, _records()),
        (TRANSLATION, _records(3)),
        (GLOSSARY, _records(3)),
    ],
    "term removed, a row, term back": [
        (TERM_GONE, _records()),
        (SOURCE, _records(2)),
        (TERM_BACK, _records(2)),
    ],
    "reference added, removed": [(REFERENCE_ADDED, _records()), (REFERENCE_GONE, _records())],
    "category, interface string": [(CATEGORY, _records()), (UI, _records())],
    "kana, a row, forbidden": [(KANA, _records()), (TRANSLATION, _records(5)), (FORBIDDEN, _records(5))],
}


@pytest.mark.parametrize("edits", INDEX_SEQUENCES.values(), ids=INDEX_SEQUENCES.keys())
def test_the_index_after_library_edits_is_a_fresh_index(
    tmp_path: Path, edits: list[tuple[Edit, list[Record]]]
) -> None:
    """The index memory across regenerated libraries (glossary and references records, the
    concepts annotated in rows) writes the files a fresh index of the same library writes."""
    translations = two_plans(tmp_path / "translations")
    generation, _ = regenerate(translations, tmp_path / "docs", LANGS, pdfs=False)
    memory = IndexMemory()
    write_search_index(tmp_path / "served", "en", _records(), generation.library, LANGS, memory)
    for number, (edit, records) in enumerate(edits):
        edit(translations)
        generation, _ = regenerate(translations, tmp_path / "docs", LANGS, pdfs=False, previous=generation)
        fresh, _ = regenerate(translations, tmp_path / f"fresh{number}", LANGS, pdfs=False)
        served = write_search_index(tmp_path / "served", "en", records, generation.library, LANGS, memory)
        search_index._CONCEPTS.clear()  # a fresh index works its concepts out again too
        index = write_search_index(tmp_path / f"index{number}", "en", records, fresh.library, LANGS)
        assert _files(served) == _files(index), number


def test_rebuilds_after_failed_ones_are_fresh_generations(tmp_path: Path) -> None:
    """``mkdocs serve`` keeps the last good generation when one fails: the next good one,
    regenerated from it across the failed edits, is still a fresh generation."""
    translations = two_plans(tmp_path / "translations")
    generation, _ = regenerate(translations, tmp_path / "docs", LANGS, pdfs=False)
    hand_written_fills(generation)
    edits: list[tuple[Edit, bool]] = [
        (lambda t: replace(t / "glossary.yml", "    ja: 公共サービス\n", ""), False),
        (TRANSLATION, False),
        (lambda t: replace(t / "glossary.yml", "公共服务\n", "公共服务\n    ja: 公共役務\n"), True),
        (lambda t: replace(t / "second-plan/ja.yml", "language: ja", "language: xx"), False),
        (lambda t: replace(t / "second-plan/ja.yml", "language: xx", "language: ja"), True),
    ]
    for number, (edit, good) in enumerate(edits):
        edit(translations)
        if not good:
            with pytest.raises(UserError):
                regenerate(translations, tmp_path / "docs", LANGS, pdfs=False, previous=generation)
            continue
        generation, _ = regenerate(translations, tmp_path / "docs", LANGS, pdfs=False, previous=generation)
        fresh, _ = regenerate(translations, tmp_path / f"fresh{number}", LANGS, pdfs=False)
        assert generation.pages == fresh.pages, number
        assert hand_written_fills(generation) == hand_written_fills(fresh), number
