"""Generated folders under ``docs/`` hold exactly the generated pages, and nothing else is touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from trilingual.errors import UserError
from trilingual.files import GENERATED_MARKER, sync_generated

PAGES = {
    "plan/index.zh.md": "# 计划\n",
    "plan/s1/index.zh.md": "# 第一节\n",
    "plan/s2/index.zh.md": "# 第二节\n",
    "glossary/index.zh.md": "# 术语\n",
}


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


def test_pages_are_written_into_folders_that_ignore_themselves(tmp_path: Path) -> None:
    changed = sync_generated(tmp_path, PAGES)
    assert sorted(changed) == sorted(tmp_path / rel for rel in PAGES)
    assert tree(tmp_path) == {
        **PAGES,
        "plan/.gitignore": GENERATED_MARKER,
        "glossary/.gitignore": GENERATED_MARKER,
    }


def test_only_what_changed_is_written_again(tmp_path: Path) -> None:
    sync_generated(tmp_path, PAGES)
    edited = {**PAGES, "plan/s1/index.zh.md": "# 第一节（修订）\n"}
    assert sync_generated(tmp_path, edited, PAGES) == [tmp_path / "plan/s1/index.zh.md"]
    assert tree(tmp_path)["plan/s1/index.zh.md"] == "# 第一节（修订）\n"


def test_a_page_no_longer_generated_is_deleted_and_the_markers_stay(tmp_path: Path) -> None:
    sync_generated(tmp_path, PAGES)
    (tmp_path / "plan/s1/.gitignore").write_text("kept\n")
    fewer = {rel: text for rel, text in PAGES.items() if not rel.startswith("plan/s2/")}
    assert sync_generated(tmp_path, fewer, PAGES) == [tmp_path / "plan/s2/index.zh.md"]
    assert not (tmp_path / "plan/s2/index.zh.md").exists()
    assert (tmp_path / "plan/.gitignore").read_text() == GENERATED_MARKER
    assert (tmp_path / "plan/s1/.gitignore").read_text() == "kept\n"


def test_a_stray_file_in_a_generated_folder_is_deleted(tmp_path: Path) -> None:
    sync_generated(tmp_path, PAGES)
    (tmp_path / "plan/s1/notes.md").write_text("mine\n")
    assert sync_generated(tmp_path, PAGES, PAGES) == [tmp_path / "plan/s1/notes.md"]
    assert tree(tmp_path).keys() == {*PAGES, "plan/.gitignore", "glossary/.gitignore"}


def test_a_generated_page_deleted_by_hand_comes_back_though_this_process_wrote_it(tmp_path: Path) -> None:
    sync_generated(tmp_path, PAGES)
    (tmp_path / "plan/s2/index.zh.md").unlink()
    assert sync_generated(tmp_path, PAGES, PAGES) == [tmp_path / "plan/s2/index.zh.md"]
    assert tree(tmp_path)["plan/s2/index.zh.md"] == PAGES["plan/s2/index.zh.md"]


def test_a_generated_folder_no_longer_generated_is_removed(tmp_path: Path) -> None:
    sync_generated(tmp_path, PAGES)
    without_glossary = {rel: text for rel, text in PAGES.items() if not rel.startswith("glossary/")}
    assert sync_generated(tmp_path, without_glossary, PAGES) == [tmp_path / "glossary"]
    assert not (tmp_path / "glossary").exists()


def test_a_folder_we_did_not_generate_is_never_touched(tmp_path: Path) -> None:
    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "mine.md").write_text("hand-written\n")
    with pytest.raises(UserError, match="not generated"):
        sync_generated(tmp_path, PAGES)
    assert tree(tmp_path) == {"plan/mine.md": "hand-written\n"}
