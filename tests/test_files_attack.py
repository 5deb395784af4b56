"""An outsider's attacks on ``sync_generated`` listing the generated folders in one walk: odd
names, symbolic links, read-only files, things in the way of a page, and what ``written`` says."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from trilingual.files import GENERATED_MARKER, sync_generated

PAGES = {
    "plan/index.zh.md": "# 计划\n",
    "plan/s1/index.zh.md": "# 第一节\n",
    "glossary/index.zh.md": "# 术语\n",
}
MARKERS = {"plan/.gitignore": GENERATED_MARKER, "glossary/.gitignore": GENERATED_MARKER}


def tree(root: Path) -> dict[str, str]:
    """Every file and link under ``root``: a file's text, a link's ``-> target``."""
    found = {}
    for directory, folders, names in os.walk(root):
        for name in names + [f for f in folders if os.path.islink(os.path.join(directory, f))]:
            path = Path(directory, name)
            rel = path.relative_to(root).as_posix()
            found[rel] = f"-> {os.readlink(path)}" if path.is_symlink() else path.read_text(encoding="utf-8")
    return found


def foreign(tmp_path: Path) -> Path:
    """A folder no one generated, with a page of its own."""
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "index.zh.md").write_text("hand-written\n", encoding="utf-8")
    return mine


@pytest.mark.parametrize(
    "name", ["空 格 的 页.zh.md", "new\nline.md", "tab\there.md", "é-nfd-e\u0301.md", "😀.md", "-leading.md"]
)
def test_odd_names_are_written_kept_and_deleted_like_any_other(tmp_path: Path, name: str) -> None:
    pages = {**PAGES, f"plan/s1/{name}": "odd\n"}
    assert sync_generated(tmp_path / "docs", pages) == sorted(tmp_path / "docs" / rel for rel in pages)
    assert sync_generated(tmp_path / "docs", pages, pages) == []
    (tmp_path / "docs/plan/s1" / name).unlink()
    assert sync_generated(tmp_path / "docs", pages, pages) == [tmp_path / "docs/plan/s1" / name]
    assert sync_generated(tmp_path / "docs", PAGES, pages) == [tmp_path / "docs/plan/s1" / name]
    assert tree(tmp_path / "docs") == {**PAGES, **MARKERS}


def test_a_file_name_that_is_not_utf8_is_a_stray_like_another(tmp_path: Path) -> None:
    sync_generated(tmp_path, PAGES)
    odd = os.fsencode(tmp_path / "plan") + b"/\xff\xfe.md"
    with open(odd, "wb") as handle:
        handle.write(b"bytes\n")
    assert sync_generated(tmp_path, PAGES, PAGES) == [tmp_path / "plan" / os.fsdecode(b"\xff\xfe.md")]
    assert tree(tmp_path) == {**PAGES, **MARKERS}


def test_the_same_text_in_another_object_is_compared_not_written(tmp_path: Path) -> None:
    sync_generated(tmp_path, PAGES)
    stamps = {rel: (tmp_path / rel).stat().st_mtime_ns for rel in PAGES}
    inode = (tmp_path / "plan/index.zh.md").stat().st_ino
    copies = {rel: "".join(list(text)) for rel, text in PAGES.items()}
    assert all(copies[rel] is not PAGES[rel] for rel in PAGES)
    assert sync_generated(tmp_path, copies, PAGES) == []
    assert {rel: (tmp_path / rel).stat().st_mtime_ns for rel in PAGES} == stamps
    assert (tmp_path / "plan/index.zh.md").stat().st_ino == inode


def test_a_page_edited_by_hand_is_not_seen_while_written_holds_the_same_object(tmp_path: Path) -> None:
    """The documented trade: ``written`` is trusted, so a hand edit of a page this process
    wrote stays until that page changes (only a deleted page is noticed)."""
    sync_generated(tmp_path, PAGES)
    (tmp_path / "plan/index.zh.md").write_text("edited\n", encoding="utf-8")
    assert sync_generated(tmp_path, PAGES, PAGES) == []
    assert sync_generated(tmp_path, PAGES, {}) == [tmp_path / "plan/index.zh.md"]
    assert tree(tmp_path) == {**PAGES, **MARKERS}


def test_no_pages_removes_every_generated_folder_and_nothing_else(tmp_path: Path) -> None:
    sync_generated(tmp_path, PAGES)
    mine = foreign(tmp_path)
    (tmp_path / "index.zh.md").write_text("home\n", encoding="utf-8")
    assert sync_generated(tmp_path, {}, PAGES) == [tmp_path / "glossary", tmp_path / "plan"]
    assert tree(tmp_path) == {"index.zh.md": "home\n", "mine/index.zh.md": "hand-written\n"}
    assert mine.is_dir()
    assert sync_generated(tmp_path / "absent", {}) == []


def test_a_stray_symlink_to_a_file_goes_and_its_target_stays(tmp_path: Path) -> None:
    sync_generated(tmp_path / "docs", PAGES)
    mine = foreign(tmp_path)
    (tmp_path / "docs/plan/s1/link.md").symlink_to(mine / "index.zh.md")
    (tmp_path / "docs/plan/dangling.md").symlink_to(tmp_path / "nowhere.md")
    changed = sync_generated(tmp_path / "docs", PAGES, PAGES)
    assert changed == [tmp_path / "docs/plan/dangling.md", tmp_path / "docs/plan/s1/link.md"]
    assert tree(tmp_path / "docs") == {**PAGES, **MARKERS}
    assert tree(mine) == {"index.zh.md": "hand-written\n"}


def test_a_symlink_where_a_page_goes_is_replaced_and_its_target_is_not_written(tmp_path: Path) -> None:
    sync_generated(tmp_path / "docs", PAGES)
    mine = foreign(tmp_path)
    page = tmp_path / "docs/plan/s1/index.zh.md"
    page.unlink()
    page.symlink_to(mine / "index.zh.md")
    edited = {**PAGES, "plan/s1/index.zh.md": "# 第一节（修订）\n"}
    assert sync_generated(tmp_path / "docs", edited, PAGES) == [page]
    assert not page.is_symlink()
    assert tree(tmp_path / "docs") == {**edited, **MARKERS}
    assert tree(mine) == {"index.zh.md": "hand-written\n"}


def test_a_dangling_symlink_where_a_page_goes_is_replaced_by_the_page(tmp_path: Path) -> None:
    sync_generated(tmp_path / "docs", PAGES)
    page = tmp_path / "docs/plan/s1/index.zh.md"
    page.unlink()
    page.symlink_to(tmp_path / "gone.md")
    assert sync_generated(tmp_path / "docs", PAGES, PAGES) == [page]
    assert tree(tmp_path / "docs") == {**PAGES, **MARKERS}


def test_files_behind_a_symlinked_folder_are_never_deleted(tmp_path: Path) -> None:
    sync_generated(tmp_path / "docs", PAGES)
    mine = foreign(tmp_path)
    (tmp_path / "docs/plan/elsewhere").symlink_to(mine, target_is_directory=True)
    sync_generated(tmp_path / "docs", PAGES, PAGES)
    assert tree(mine) == {"index.zh.md": "hand-written\n"}


def test_a_stray_symlink_to_a_folder_is_removed(tmp_path: Path) -> None:
    sync_generated(tmp_path / "docs", PAGES)
    mine = foreign(tmp_path)
    (tmp_path / "docs/plan/elsewhere").symlink_to(mine, target_is_directory=True)
    sync_generated(tmp_path / "docs", PAGES, PAGES)
    assert tree(tmp_path / "docs") == {**PAGES, **MARKERS}


def test_a_page_is_never_written_through_a_symlinked_folder(tmp_path: Path) -> None:
    sync_generated(tmp_path / "docs", PAGES)
    mine = tmp_path / "mine"
    mine.mkdir()
    (tmp_path / "docs/plan/s1/index.zh.md").unlink()
    (tmp_path / "docs/plan/s1").rmdir()
    (tmp_path / "docs/plan/s1").symlink_to(mine, target_is_directory=True)
    sync_generated(tmp_path / "docs", PAGES, PAGES)
    assert list(mine.iterdir()) == []


def test_a_generated_page_that_is_read_only_is_replaced_and_stays_read_only(tmp_path: Path) -> None:
    sync_generated(tmp_path, PAGES)
    page = tmp_path / "plan/index.zh.md"
    page.chmod(0o444)
    stray = tmp_path / "plan/s1/stray.md"
    stray.write_text("stray\n", encoding="utf-8")
    stray.chmod(0o444)
    edited = {**PAGES, "plan/index.zh.md": "# 计划（修订）\n"}
    assert sync_generated(tmp_path, edited, PAGES) == [page, stray]
    assert page.read_text(encoding="utf-8") == "# 计划（修订）\n"
    assert page.stat().st_mode & 0o777 == 0o444
    assert tree(tmp_path) == {**edited, **MARKERS}


def test_a_temporary_file_left_by_an_interrupted_write_is_a_stray(tmp_path: Path) -> None:
    sync_generated(tmp_path, PAGES)
    left = tmp_path / "plan/s1/.index.zh.md.abc123.tmp"
    left.write_text("half", encoding="utf-8")
    assert sync_generated(tmp_path, PAGES, PAGES) == [left]


def test_markers_anywhere_are_kept_and_a_nested_generated_folder_is_not_removed_by_itself(
    tmp_path: Path,
) -> None:
    pages = {**PAGES, "plan/glossary/index.zh.md": "# 术语\n"}
    sync_generated(tmp_path, pages)
    (tmp_path / "plan/glossary/.gitignore").write_text(GENERATED_MARKER, encoding="utf-8")
    assert sync_generated(tmp_path, pages, pages) == []
    assert sync_generated(tmp_path, PAGES, pages) == [tmp_path / "plan/glossary/index.zh.md"]
    assert tree(tmp_path) == {**PAGES, **MARKERS, "plan/glossary/.gitignore": GENERATED_MARKER}


def test_deep_pages_are_listed_and_kept(tmp_path: Path) -> None:
    deep = "plan/" + "/".join(f"d{level}" for level in range(40)) + "/index.zh.md"
    pages = {**PAGES, deep: "deep\n"}
    sync_generated(tmp_path, pages)
    assert sync_generated(tmp_path, pages, pages) == []
    assert tree(tmp_path) == {**pages, **MARKERS}


@pytest.mark.parametrize(
    "key", ["plan/./s1/index.zh.md", "plan//s1/index.zh.md", "../plan/index.zh.md", "/plan/x.md"]
)
def test_a_page_key_not_in_normal_form_is_refused_before_any_write(tmp_path: Path, key: str) -> None:
    """The walk's names are compared with the keys as strings: a key that is not a normal
    relative path would be deleted as a stray once written, so it is a programming error."""
    with pytest.raises(ValueError, match="normal and relative"):
        sync_generated(tmp_path / "docs", {**PAGES, key: "# 第一节\n"})
    assert not (tmp_path / "docs").exists()


def test_a_folder_where_a_page_goes_gives_way(tmp_path: Path) -> None:
    sync_generated(tmp_path, PAGES)
    page = tmp_path / "plan/s1/index.zh.md"
    page.unlink()
    page.mkdir()
    (page / "inside.md").write_text("x\n", encoding="utf-8")
    sync_generated(tmp_path, PAGES, PAGES)
    assert tree(tmp_path) == {**PAGES, **MARKERS}


def test_a_stray_file_where_a_pages_folder_goes_gives_way(tmp_path: Path) -> None:
    sync_generated(tmp_path, {"plan/index.zh.md": "# 计划\n"})
    (tmp_path / "plan/s1").write_text("stray\n", encoding="utf-8")
    sync_generated(tmp_path, PAGES)
    assert tree(tmp_path) == {**PAGES, **MARKERS}
