"""Writers of translators' files lock, re-read and re-check: no lost update, no overwritten review."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import ClassVar

import pytest

from conftest import remove_entries
from trilingual.cli import main
from trilingual.errors import UserError
from trilingual.exchange import export_xliff, import_xliff
from trilingual.lock import locked, update_file
from trilingual.publication import load_publication
from trilingual.translations import load_translation_file, write_updates

PUB = "cnipa-2021-work-plan"


def yml(root: Path) -> Path:
    return root / "translations" / PUB / "ja.yml"


class SavingTranslator:
    """The tests' local stand-in engine; while it translates, a translator saves a reviewed entry."""

    save: ClassVar[tuple[Path, str, str] | None] = None

    def __init__(self, source: str = "auto", target: str = "en", **kwargs: object) -> None:
        self.target = target

    def translate(self, text: str) -> str:
        if SavingTranslator.save is not None:
            path, segment_id, reviewed = SavingTranslator.save
            SavingTranslator.save = None
            publication = load_publication(path.parent, ["ja"])
            segment = publication.document.segment_map()[segment_id]
            fields = {"text": reviewed, "status": "reviewed", "source_hash": segment.hash}
            path.write_text(
                write_updates(path, "ja", publication.document, {segment_id: fields}), encoding="utf-8"
            )
        return f"MT({self.target}): {text}"


@pytest.mark.parametrize("round_", range(4))
def test_a_save_during_draft_is_never_overwritten(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, round_: int
) -> None:
    import deep_translator

    monkeypatch.setattr(deep_translator, "GoogleTranslator", SavingTranslator)
    ids = ["s2.p1.s1", "s4.p1.s2", "s6.p1.s3", "s8.p2.s1"]
    remove_entries(yml(project), ids)
    saved = ids[(round_ + 1) % len(ids)]
    SavingTranslator.save = (yml(project), saved, f"校閲済みの訳 {round_}")
    code = main(["draft", "--lang", "ja"])
    _, err = capsys.readouterr()
    assert code == 1 and f"skipped {saved}" in err
    entries = load_translation_file(yml(project), "ja").entries
    assert entries[saved].text == f"校閲済みの訳 {round_}" and entries[saved].status.value == "reviewed"
    for other in set(ids) - {saved}:
        assert entries[other].status.value == "machine"


def _edited_xliff(root: Path, segment_id: str, suffix: str) -> Path:
    publication = load_publication(root / "translations" / PUB, ["ja"])
    text = export_xliff(publication, "ja").decode("utf-8")
    current = publication.translations["ja"].entries[segment_id].text
    start = text.index(f'id="{segment_id}"')
    end = text.index("</trans-unit>", start)
    path = root / f"{segment_id}.{PUB}.ja.xlf"
    path.write_text(
        text[:start] + text[start:end].replace(current, current + suffix, 1) + text[end:], "utf-8"
    )
    return path


def test_updates_computed_from_an_old_snapshot_are_rechecked(project: Path) -> None:
    publication = load_publication(project / "translations" / PUB, ["ja"])
    snapshot = publication.translations["ja"]
    first = import_xliff(_edited_xliff(project, "s1.p1.s1", "A"), publication, "ja")
    second = import_xliff(_edited_xliff(project, "s1.p1.s2", "B"), publication, "ja")
    same = import_xliff(_edited_xliff(project, "s1.p1.s1", "C"), publication, "ja")
    document = publication.document
    assert update_file(yml(project), "ja", document, first.updates, snapshot).applied == ["s1.p1.s1"]
    assert update_file(yml(project), "ja", document, second.updates, snapshot).applied == ["s1.p1.s2"]
    report = update_file(yml(project), "ja", document, same.updates, snapshot)
    assert report.applied == [] and report.skipped[0][0] == "s1.p1.s1"
    entries = load_translation_file(yml(project), "ja").entries
    assert entries["s1.p1.s1"].text.endswith("A") and entries["s1.p1.s2"].text.endswith("B")


def test_two_concurrent_imports_never_lose_an_update(project: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for round_ in range(5):
        a = _edited_xliff(project, "s2.p1.s1", f"（甲{round_}）")
        b = _edited_xliff(project, "s5.p1.s2", f"（乙{round_}）")
        processes = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "trilingual.cli",
                    "import",
                    str(x),
                    "--publication",
                    PUB,
                    "--lang",
                    "ja",
                ],
                cwd=project,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for x in (a, b)
        ]
        results = [p.communicate(timeout=120) for p in processes]
        entries = load_translation_file(yml(project), "ja").entries
        won = [
            entries["s2.p1.s1"].text.endswith(f"（甲{round_}）"),
            entries["s5.p1.s2"].text.endswith(f"（乙{round_}）"),
        ]
        for process, (_, err), ok in zip(processes, results, won, strict=True):
            # Each import either wrote its change or said it skipped it: never a silent loss.
            assert ok or (process.returncode == 1 and "skipped" in err), err
        assert all(won), "different segments: both changes land"
    assert not list(yml(project).parent.glob(".ja.yml.*.tmp"))


HOLDER = """
import sys, time
from pathlib import Path
from trilingual.lock import locked
with locked(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(600)
"""


def _hold(path: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "locked"
    return process


def test_a_held_lock_is_a_clean_error_and_a_killed_holder_blocks_nobody(project: Path) -> None:
    path = yml(project)
    holder = _hold(path)
    try:
        with pytest.raises(UserError) as caught, locked(path, timeout=0.5):
            pass
        assert "another trilingual command" in str(caught.value) and " — " in str(caught.value)
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    leftover = path.parent / f".{path.name}.x1y2z3.tmp"
    leftover.write_text("half", encoding="utf-8")
    started = time.monotonic()
    with locked(path, timeout=5):
        assert time.monotonic() - started < 2, "the lock of a killed process is free at once"
    assert not leftover.exists(), "temporary files a killed writer left are cleaned up"


def test_an_xliff_older_than_the_file_never_reverts_newer_work(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The export records each target (XLIFF's extradata): units left alone do not undo later saves."""
    old = _edited_xliff(project, "s2.p1.s1", "（甲）")  # also holds s5.p1.s2 as it is now
    newer = _edited_xliff(project, "s5.p1.s2", "（乙）")
    assert main(["import", str(newer), "--publication", PUB, "--lang", "ja"]) == 0
    conflict = _edited_xliff(project, "s5.p1.s2", "（丙）")
    capsys.readouterr()
    assert main(["import", str(old), "--publication", PUB, "--lang", "ja"]) == 0
    out, _ = capsys.readouterr()
    assert "s5.p1.s2" not in out
    entries = load_translation_file(yml(project), "ja").entries
    assert entries["s2.p1.s1"].text.endswith("（甲）") and entries["s5.p1.s2"].text.endswith("（乙）")
    # Changed in the file and, differently, in an older XLIFF: the file's text stays, and it is said.
    yml(project).write_text(
        yml(project).read_text(encoding="utf-8").replace("（乙）", "（丁）"), encoding="utf-8"
    )
    assert main(["import", str(conflict), "--publication", PUB, "--lang", "ja"]) == 0
    out, _ = capsys.readouterr()
    assert "s5.p1.s2: changed both in the file and in the tool" in out
    assert load_translation_file(yml(project), "ja").entries["s5.p1.s2"].text.endswith("（丁）")
