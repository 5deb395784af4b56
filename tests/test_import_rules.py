"""`trilingual import` refuses what is not ours, never keeps `reviewed` on changed text, says what it did.

The files are what OmegaT writes back: signed-off kept, `state` dropped, re-indented, CRLF, BOM.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_cli as run
from trilingual.ingest import ingest
from trilingual.translations import load_translation_file, write_updates

PUB = "cnipa-2021-work-plan"


def yml(root: Path, lang: str = "ja") -> Path:
    return root / "translations" / PUB / f"{lang}.yml"


def export(root: Path, capsys: pytest.CaptureFixture[str], lang: str = "ja") -> Path:
    assert run(capsys, "export", "--lang", lang, "-o", str(root / "x"))[0] == 0
    return root / "x" / f"{PUB}.{lang}.xlf"


def omegat(text: str, *, drop_state: bool = False) -> bytes:
    """As OmegaT (through Okapi) writes a file back: re-indented, CRLF, BOM, maybe no state."""
    if drop_state:
        text = re.sub(r' state="[^"]*"', "", text)
    text = text.replace("\n  ", "\n\t  ").replace("\n", "\r\n")
    return "\ufeff".encode() + text.encode("utf-8")


def unit_of(text: str, segment_id: str) -> tuple[int, int]:
    start = text.index(f'id="{segment_id}"')
    return start, text.index("</trans-unit>", start)


def edit_unit(text: str, segment_id: str, old: str, new: str) -> str:
    start, end = unit_of(text, segment_id)
    assert old in text[start:end], (old, text[start:end])
    return text[:start] + text[start:end].replace(old, new, 1) + text[end:]


def target_of(text: str, segment_id: str) -> str:
    start, end = unit_of(text, segment_id)
    unit = text[start:end]
    return re.search(r"<target[^>]*>(.*?)</target>", unit, re.S).group(1)


def refused(capsys: pytest.CaptureFixture[str], root: Path, xlf: Path, needle: str) -> str:
    before = {p: p.read_bytes() for p in (root / "translations" / PUB).glob("*.yml")}
    code, _, err = run(capsys, "import", str(xlf), "--publication", PUB, "--lang", "ja")
    assert code == 2 and needle in err and f"{xlf}:" in err, err
    assert {p: p.read_bytes() for p in before} == before, "nothing written"
    return err


def test_a_file_of_another_publication_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xlf = export(project, capsys)
    xlf.write_text(xlf.read_text(encoding="utf-8").replace(f'original="{PUB}"', 'original="other-plan"'))
    err = refused(capsys, project, xlf, "this file is of 'other-plan'")
    assert re.search(rf"{re.escape(str(xlf))}:\d+:", err)


def test_duplicate_unit_ids_are_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xlf = export(project, capsys)
    text = xlf.read_text(encoding="utf-8")
    xlf.write_text(text.replace('id="s1.p1.s2"', 'id="s1.p1.s1"'), encoding="utf-8")
    refused(capsys, project, xlf, "unit id 's1.p1.s1' twice")


def test_a_unit_whose_source_is_not_that_sentence_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlf = export(project, capsys)
    text = xlf.read_text(encoding="utf-8")
    start, end = unit_of(text, "s2.p1.s1")
    unit = text[start:end]
    source = re.search(r"<source>(.*?)</source>", unit).group(1)
    xlf.write_text(text[:start] + unit.replace(source, "另一份文件的句子。") + text[end:], encoding="utf-8")
    refused(capsys, project, xlf, "the source of unit 's2.p1.s1' is neither")


def test_an_undefined_entity_is_reported_not_dropped(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlf = export(project, capsys)
    text = xlf.read_text(encoding="utf-8")
    old = target_of(text, "s1.p1.s1")
    xlf.write_text(edit_unit(text, "s1.p1.s1", old, "A&xxe;B"), encoding="utf-8")
    err = refused(capsys, project, xlf, "Entity 'xxe' not defined")
    assert re.search(rf"{re.escape(str(xlf))}:\d+:", err)


def test_declared_entities_are_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xlf = export(project, capsys)
    text = xlf.read_text(encoding="utf-8")
    text = text.replace("<xliff", '<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<xliff', 1)
    xlf.write_text(text.replace(target_of(text, "s1.p1.s1"), "A&xxe;B", 1), encoding="utf-8")
    refused(capsys, project, xlf, "entities")


def test_a_changed_reviewed_target_comes_back_signed_off_and_becomes_draft(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlf = export(project, capsys)
    text = xlf.read_text(encoding="utf-8")
    old = target_of(text, "s1.p1.s1")
    xlf.write_bytes(omegat(edit_unit(text, "s1.p1.s1", old, old + "（修正）")))
    code, out, err = run(capsys, "import", str(xlf))
    assert code == 0 and "s1.p1.s1: text updated; reviewed → draft" in out, out + err
    entry = load_translation_file(yml(project), "ja").entries["s1.p1.s1"]
    assert entry.status.value == "draft" and entry.text.endswith("（修正）")
    assert "updated 1 segment(s)" in err


def test_approved_alone_does_not_make_a_draft_reviewed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """translate-toolkit tools set approved="yes" when a translator clears "fuzzy" on their own work."""
    xlf = export(project, capsys)
    text = xlf.read_text(encoding="utf-8")
    drafts = [
        sid
        for sid, e in load_translation_file(yml(project), "ja").entries.items()
        if e.status.value == "draft"
    ]
    sid = drafts[0]
    text = edit_unit(text, sid, 'approved="no"', 'approved="yes"') if 'approved="no"' in text else text
    text = edit_unit(text, sid, 'state="translated"', 'state="signed-off"')
    xlf.write_bytes(omegat(text))
    code, out, _ = run(capsys, "import", str(xlf))
    assert code == 0 and f"{sid}: signed off in the tool" in out
    assert load_translation_file(yml(project), "ja").entries[sid].status.value == "draft"
    code, out, _ = run(capsys, "import", str(xlf), "--reviewed-by", "Tanaka")
    entry = load_translation_file(yml(project), "ja").entries[sid]
    assert code == 0 and entry.status.value == "reviewed" and entry.reviewed_by == "Tanaka"


def test_a_revised_stale_segment_without_state_becomes_a_current_draft(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = project / "translations" / PUB / "source.zh.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("新建 20 家左右", "新建 30 家左右"), encoding="utf-8"
    )
    xlf = export(project, capsys)
    text = xlf.read_text(encoding="utf-8")
    assert 'alttranstype="previous-version"' in text and "新建[-2-]{+3+}0家左右" in text
    old = target_of(text, "s3.p3.s2")
    xlf.write_bytes(omegat(edit_unit(text, "s3.p3.s2", old, old.replace("20", "30")), drop_state=True))
    code, out, _ = run(capsys, "import", str(xlf))
    assert code == 0 and "s3.p3.s2: text updated; reviewed → draft" in out
    entry = load_translation_file(yml(project), "ja").entries["s3.p3.s2"]
    segment = ingest(source, PUB).segment_map()["s3.p3.s2"]
    assert entry.status.value == "draft" and "30" in entry.text
    assert entry.source_hash == segment.hash and entry.source == segment.text


def test_a_unit_with_the_former_source_updates_text_and_stays_stale(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlf = export(project, capsys)  # exported before the source was revised
    source = project / "translations" / PUB / "source.zh.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("新建 20 家左右", "新建 30 家左右"), encoding="utf-8"
    )
    text = xlf.read_text(encoding="utf-8")
    old = target_of(text, "s3.p3.s2")
    xlf.write_text(edit_unit(text, "s3.p3.s2", old, old + "。"), encoding="utf-8")
    code, out, _ = run(capsys, "import", str(xlf))
    assert code == 0 and "still stale" in out
    entry = load_translation_file(yml(project), "ja").entries["s3.p3.s2"]
    assert entry.status.value == "draft" and entry.source and "20" in entry.source


def test_a_post_edited_machine_draft_becomes_draft(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = ingest(project / "translations" / PUB / "source.zh.md", PUB)
    segment = document.segment_map()["s2.p1.s1"]
    fields = {"text": "機械訳", "status": "machine", "origin": "machine:google", "source_hash": segment.hash}
    yml(project).write_text(
        write_updates(yml(project), "ja", document, {segment.id: fields}), encoding="utf-8"
    )
    xlf = export(project, capsys)
    text = xlf.read_text(encoding="utf-8")
    assert 'state-qualifier="mt-suggestion"' in text
    xlf.write_bytes(omegat(edit_unit(text, "s2.p1.s1", "機械訳", "人が直した訳")))
    code, out, _ = run(capsys, "import", str(xlf))
    assert code == 0 and "s2.p1.s1: text updated; machine → draft" in out
    entry = load_translation_file(yml(project), "ja").entries["s2.p1.s1"]
    assert (entry.text, entry.status.value, entry.origin) == ("人が直した訳", "draft", "machine:google")


def test_cat_notes_are_kept_beside_the_existing_note(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlf = export(project, capsys)
    text = xlf.read_text(encoding="utf-8")
    before = load_translation_file(yml(project), "ja").entries["title"]
    assert before.note
    _, end = unit_of(text, "title")
    text = text[:end] + '<note from="omegat">用語集を確認済み</note>' + text[end:]
    xlf.write_bytes(omegat(text))
    code, out, _ = run(capsys, "import", str(xlf))
    assert code == 0 and "title: note added" in out
    entry = load_translation_file(yml(project), "ja").entries["title"]
    assert entry.note == before.note + "\n用語集を確認済み" and entry.status == before.status


def test_dry_run_says_what_would_change_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlf = export(project, capsys)
    text = xlf.read_text(encoding="utf-8")
    old = target_of(text, "s1.p1.s1")
    xlf.write_text(edit_unit(text, "s1.p1.s1", old, old + "X"), encoding="utf-8")
    before = yml(project).read_bytes()
    code, out, err = run(capsys, "import", str(xlf), "--dry-run")
    assert code == 0 and "s1.p1.s1: text updated" in out and "dry run" in err
    assert yml(project).read_bytes() == before


@pytest.mark.parametrize("output", ["/dev/null", "mkdocs.yml", "/proc/version/x"])
def test_export_to_an_unusable_path_is_a_clean_error(
    project: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    code, _, err = run(capsys, "export", "-o", output)
    assert code == 2 and "Traceback" not in err and " — " in err and err.startswith("error: ")


def test_tmx_leaves_machine_drafts_out_unless_asked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = ingest(project / "translations" / PUB / "source.zh.md", PUB)
    segment = document.segment_map()["s2.p1.s1"]
    fields = {"text": "機械訳", "status": "machine", "origin": "machine:google", "source_hash": segment.hash}
    yml(project).write_text(
        write_updates(yml(project), "ja", document, {segment.id: fields}), encoding="utf-8"
    )
    assert run(capsys, "export", "--format", "tmx", "-o", "t1")[0] == 0
    assert "機械訳" not in (project / "t1" / f"{PUB}.tmx").read_text(encoding="utf-8")
    assert run(capsys, "export", "--format", "tmx", "--include-machine", "-o", "t2")[0] == 0
    tmx = (project / "t2" / f"{PUB}.tmx").read_text(encoding="utf-8")
    assert "機械訳" in tmx and '<prop type="x-origin">machine:google</prop>' in tmx
