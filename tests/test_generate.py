"""Regenerating after an edit renders only what the edit changed, and writes what a full
generation writes."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import two_plans
from trilingual.config import SiteLanguages
from trilingual.errors import UserError
from trilingual.generate import Generation, regenerate
from trilingual.render import Renderer

LANGS = SiteLanguages("zh", ("ja", "en"), (("zh", "中文"), ("ja", "日本語"), ("en", "English")))


def pages_of(docs: Path) -> dict[str, str]:
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def translations(tmp_path: Path) -> Path:
    return two_plans(tmp_path / "translations")


@pytest.fixture
def first(translations: Path, tmp_path: Path) -> Generation:
    generation, _ = regenerate(translations, tmp_path / "docs", LANGS, pdfs=False)
    return generation


def regenerated_and_full(
    translations: Path, tmp_path: Path, first: Generation, edit: Callable[[Path], None]
) -> tuple[Generation, dict[str, str], dict[str, str]]:
    edit(translations)
    again, _ = regenerate(translations, tmp_path / "docs", LANGS, pdfs=False, previous=first)
    full, _ = regenerate(translations, tmp_path / "full", LANGS, pdfs=False)
    assert again.pages == full.pages
    return again, pages_of(tmp_path / "docs"), pages_of(tmp_path / "full")


NEW_TERM = "  - id: work\n    category: ip-concept\n    zh: 工作\n    ja: 活動\n    en: work\n"
SERVICE_TERM = (
    "  - id: service\n    category: ip-concept\n"
    "    zh: 公共服务\n    ja: 公共サービス\n    en: public services\n"
)
REFERENCE = (
    "references:\n  - id: plan\n    kind: plan\n    zh: 工作要点\n    ja: 活動要点\n    en: work plan\n"
)

EDITS: dict[str, Callable[[Path], None]] = {
    "a translation": lambda t: replace(t / "second-plan/ja.yml", "2022年活動要点", "2022年の重点"),
    "a source sentence": lambda t: replace(t / "third-plan/source.zh.md", "新建 3 家", "新建 4 家"),
    "a glossary term": lambda t: replace(t / "glossary.yml", "ja: 公共サービス", "ja: 公共役務"),
    "a glossary note": lambda t: replace(
        t / "glossary.yml", "en: public services\n", "en: public services\n    note:\n      ja: 注記。\n"
    ),
    "a glossary term added": lambda t: replace(t / "glossary.yml", "terms:\n", "terms:\n" + NEW_TERM),
    "a glossary term removed": lambda t: replace(t / "glossary.yml", SERVICE_TERM, ""),
    "a term's variants": lambda t: replace(
        t / "glossary.yml",
        "en: public services\n",
        "en: public services\n    variants:\n      zh:\n        - 工作\n",
    ),
    "a reference added": lambda t: (t / "references.yml").write_text(REFERENCE, encoding="utf-8"),
    "an interface string": lambda t: replace(t / "ui.yml", "非公式訳", "非公式の訳"),
    "a publication removed": lambda t: shutil.rmtree(t / "third-plan"),
    "a publication added": lambda t: shutil.copytree(t / "third-plan", t / "fourth-plan"),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_regenerating_writes_what_a_full_generation_writes(
    translations: Path, tmp_path: Path, first: Generation, edit: Callable[[Path], None]
) -> None:
    _, written, full = regenerated_and_full(translations, tmp_path, first, edit)
    assert written == full


def hand_written_fills(generation: Generation) -> dict[str, tuple[str, str]]:
    """What the home page and the status page show, per language (the plugin fills them in)."""
    renderer = Renderer(generation.library)
    return {lang: (renderer.render_catalogue(lang), renderer.render_status(lang)) for lang in LANGS.all}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_the_catalogue_and_status_after_an_edit_are_a_full_generations(
    translations: Path, tmp_path: Path, first: Generation, edit: Callable[[Path], None]
) -> None:
    hand_written_fills(first)  # what the first library derived, which the next one may keep
    edit(translations)
    again, _ = regenerate(translations, tmp_path / "docs", LANGS, pdfs=False, previous=first)
    full, _ = regenerate(translations, tmp_path / "full", LANGS, pdfs=False)
    assert hand_written_fills(again) == hand_written_fills(full)


def test_a_translation_edit_looks_again_at_its_publication_only(
    translations: Path, tmp_path: Path, first: Generation
) -> None:
    """What pages show of an unchanged publication is derived once (see ``Library.derived``)."""
    before = hand_written_fills(first)
    again, _, _ = regenerated_and_full(translations, tmp_path, first, EDITS["a translation"])
    derived = {p.id: facts for p, facts in again.library._derived.values()}
    kept = {p.id: facts for p, facts in first.library._derived.values()}
    assert derived["third-plan"] is kept["third-plan"]
    assert "second-plan" not in derived or derived["second-plan"] is not kept["second-plan"]
    assert hand_written_fills(again) != before  # the edited title shows


def test_a_translation_edit_renders_only_its_publication(
    translations: Path, tmp_path: Path, first: Generation
) -> None:
    again, _, _ = regenerated_and_full(translations, tmp_path, first, EDITS["a translation"])
    assert again.publication_pages["third-plan"] is first.publication_pages["third-plan"]
    assert again.publication_pages["second-plan"] is not first.publication_pages["second-plan"]
    assert again.library.publications[1] is first.library.publications[1]  # not read again


def test_a_body_edit_leaves_the_glossary_page_alone(
    translations: Path, tmp_path: Path, first: Generation
) -> None:
    def edit(t: Path) -> None:
        replace(t / "second-plan/ja.yml", "2022年活動要点", "2022年活動要点")  # same text, new time
        (t / "second-plan/ja.yml").write_text(
            (t / "second-plan/ja.yml").read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8"
        )

    again, _, _ = regenerated_and_full(translations, tmp_path, first, edit)
    assert again.shared_pages is first.shared_pages


def test_a_glossary_note_renders_the_glossary_page_and_no_publication(
    translations: Path, tmp_path: Path, first: Generation
) -> None:
    again, _, _ = regenerated_and_full(translations, tmp_path, first, EDITS["a glossary note"])
    assert again.shared_pages is not first.shared_pages
    for publication, pages in again.publication_pages.items():
        assert pages is first.publication_pages[publication]


def test_only_the_publications_asked_for(translations: Path, tmp_path: Path) -> None:
    generation, _ = regenerate(
        translations, tmp_path / "docs", LANGS, pdfs=False, only=frozenset({"third-plan"})
    )
    assert [p.id for p in generation.library.publications] == ["third-plan"]
    assert not (tmp_path / "docs" / "second-plan").exists()
    assert (tmp_path / "docs" / "third-plan" / "s1.ja.md").is_file()
    with pytest.raises(UserError, match="no publication named fourth-plan"):
        regenerate(translations, tmp_path / "docs", LANGS, pdfs=False, only=frozenset({"fourth-plan"}))
