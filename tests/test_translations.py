"""Translation files: validation with file and line, stale detection, comment-keeping rewrites."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PLAN_2021, ROOT
from trilingual.errors import TranslationError
from trilingual.ingest import parse
from trilingual.model import Document
from trilingual.translations import State, load_translation_file, state_of, write_updates

FOLDER = ROOT / "translations" / "cnipa-2021-work-plan"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ja.yml"
    path.write_text(text, encoding="utf-8")
    return path


def load_error(path: Path, doc: Document) -> TranslationError:
    with pytest.raises(TranslationError) as caught:
        load_translation_file(path, "ja", set(doc.segment_map()))
    return caught.value


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_2021_plan_is_completely_translated(plan_2021: Document, lang: str) -> None:
    translations = load_translation_file(FOLDER / f"{lang}.yml", lang, set(plan_2021.segment_map()))
    states = {s.id: state_of(s, translations.get(s.id)) for s in plan_2021.segments()}
    assert all(state in {State.REVIEWED, State.DRAFT} for state in states.values()), states


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_unverified_translations_stay_draft_with_a_note(plan_2021: Document, lang: str) -> None:
    translations = load_translation_file(FOLDER / f"{lang}.yml", lang, set(plan_2021.segment_map()))
    for entry in translations.entries.values():
        assert entry.origin == "human"
        if entry.status.value == "draft":
            assert entry.note, entry.segment_id


def test_a_changed_source_sentence_makes_exactly_its_translations_stale(plan_2021: Document) -> None:
    changed = parse(PLAN_2021.read_text(encoding="utf-8").replace("新建 20 家左右", "新建 30 家左右"), "x")
    for lang in ("ja", "en"):
        translations = load_translation_file(FOLDER / f"{lang}.yml", lang, set(changed.segment_map()))
        stale = [s.id for s in changed.segments() if state_of(s, translations.get(s.id)) is State.STALE]
        assert stale == ["s3.p3.s2"]


def test_wrong_status_is_reported_on_its_line(tmp_path: Path, plan_2021: Document) -> None:
    path = write(
        tmp_path,
        "language: ja\nsegments:\n  title:\n    text: 訳\n    status: done\n    source_hash: 0123456789ab\n",
    )
    error = load_error(path, plan_2021)
    assert error.line == 5 and "'done' is not one of" in str(error) and str(path) in str(error)


def test_missing_required_field(tmp_path: Path, plan_2021: Document) -> None:
    error = load_error(write(tmp_path, "segments:\n  title:\n    text: 訳\n    status: draft\n"), plan_2021)
    assert error.line == 2 and "'source_hash' is a required property" in str(error)


def test_unknown_segment_id(tmp_path: Path, plan_2021: Document) -> None:
    text = "segments:\n  title:\n    text: 訳\n    status: draft\n    source_hash: 0123456789ab\n"
    text += "  s9.p1.s1:\n    text: 訳\n    status: draft\n    source_hash: 0123456789ab\n"
    error = load_error(write(tmp_path, text), plan_2021)
    assert error.line == 6 and "unknown segment id 's9.p1.s1'" in str(error)


def test_duplicated_id(tmp_path: Path, plan_2021: Document) -> None:
    text = "segments:\n  title:\n    text: 訳\n    status: draft\n    source_hash: 0123456789ab\n" * 1
    text += "  title:\n    text: 別訳\n    status: draft\n    source_hash: 0123456789ab\n"
    error = load_error(write(tmp_path, text), plan_2021)
    assert error.line == 6 and "duplicate" in str(error)


def test_tab_indentation(tmp_path: Path, plan_2021: Document) -> None:
    error = load_error(write(tmp_path, "segments:\n  title:\n\ttext: 訳\n"), plan_2021)
    assert error.line == 3 and "tab" in str(error)


def test_unclosed_quote(tmp_path: Path, plan_2021: Document) -> None:
    error = load_error(write(tmp_path, 'segments:\n  title:\n    text: "訳\n    status: draft\n'), plan_2021)
    assert error.line is not None and error.line >= 3 and "invalid YAML" in str(error)


def test_rewriting_keeps_comments_order_and_other_entries(tmp_path: Path, plan_2021: Document) -> None:
    title, first = plan_2021.metadata.title, plan_2021.section("s0").paragraphs[0].sentences[0]
    original = (
        "# translator's header comment\n"
        "language: ja\n"
        "segments:\n"
        f"  {first.id}:  # checked with the legal team\n"
        f"    text: 前文の訳\n    status: reviewed\n    source_hash: {first.hash}\n"
    )
    path = write(tmp_path, original)
    new = write_updates(
        path, "ja", plan_2021, {title.id: {"text": "表題", "status": "machine", "source_hash": title.hash}}
    )
    assert "# translator's header comment" in new
    assert "# checked with the legal team" in new
    assert new.index("  title:") < new.index(f"  {first.id}:"), "new entries follow the document order"
    assert (
        new.replace(
            f"  title:\n    source: {title.text}\n    text: 表題\n    status: machine\n"
            f"    source_hash: {title.hash}\n",
            "",
        )
        == original
    )
