"""The trilingual command: status, check, draft, export and import on a copy of the project."""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from translate.storage import tmx as tt_tmx

from conftest import remove_entries
from conftest import run_cli as run
from trilingual.cli import main
from trilingual.ingest import ingest
from trilingual.translations import load_translation_file

PUB = "cnipa-2021-work-plan"


def ja_file(root: Path) -> Path:
    return root / "translations" / PUB / "ja.yml"


def test_status_table_and_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status")
    assert code == 0 and "publication" in out and PUB in out
    code, out, _ = run(capsys, "status", "--json", "--lang", "en")
    rows = json.loads(out)
    whole = next(r for r in rows if r["section"] == "all")
    assert whole["language"] == "en" and whole["missing"] == 0 and whole["total"] == 88
    assert sum(r["total"] for r in rows if r["section"] != "all") == 87, "title counted once, in 'all'"


def test_status_counts_missing_after_removal(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    remove_entries(ja_file(project), ["s2.p1.s1", "s2.p1.s2"])
    _, out, _ = run(capsys, "status", "--json", "--lang", "ja")
    s2 = next(r for r in json.loads(out) if r["section"] == "s2")
    assert s2["missing"] == 2 and s2["translated"] == s2["total"] - 2


def test_check_exits_1_on_errors_with_file_and_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "check")
    assert code == 0, err
    path = ja_file(project)
    text = path.read_text(encoding="utf-8")
    # s3.p3.s2's source sets the figure 20; its translation, whatever its wording today, carries it.
    sentence = yaml.safe_load(text)["segments"]["s3.p3.s2"]["text"]
    assert "20" in sentence and text.count(sentence) == 1
    broken = sentence.replace("20", "二十")
    path.write_text(text.replace(sentence, broken), encoding="utf-8")
    code, out, _ = run(capsys, "check", "--lang", "ja")
    assert code == 1
    line = next(
        n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if broken in text
    )
    number_findings = [finding for finding in out.splitlines() if "[number]" in finding]
    assert number_findings == [
        f"{path}:{line}: error: s3.p3.s2: the source's number 20 is missing from the translation [number]"
    ]


def test_help_on_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("status", "check", "draft", "export", "import"):
        with pytest.raises(SystemExit) as exit_:
            main([command, "--help"])
        assert exit_.value.code == 0
        assert "usage: trilingual" in capsys.readouterr().out


class StandIn:
    """A local stand-in for deep-translator's GoogleTranslator: same constructor and translate()."""

    calls: ClassVar[list[str]] = []

    def __init__(self, source: str = "auto", target: str = "en", **kwargs: object) -> None:
        self.source, self.target = source, target

    def translate(self, text: str) -> str:
        StandIn.calls.append(text)
        return f"MT({self.target}): {text}"


def test_draft_fills_only_missing_segments_and_keeps_comments(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import deep_translator

    monkeypatch.setattr(deep_translator, "GoogleTranslator", StandIn)
    StandIn.calls = []
    path = ja_file(project)
    remove_entries(path, ["s2.p1.s1", "s6.p1.s3"])
    path.write_text(
        path.read_text(encoding="utf-8").replace("  s1.title:", "  # 校閲メモ: 要確認\n  s1.title:"),
        encoding="utf-8",
    )
    before = path.read_text(encoding="utf-8")
    code, _, err = run(capsys, "draft", "--lang", "ja")
    assert code == 0, err
    after = load_translation_file(path, "ja").entries
    assert after["s2.p1.s1"].status.value == "machine" and after["s2.p1.s1"].origin == "machine:google"
    assert after["s2.p1.s1"].text.startswith("MT(ja): ")
    assert len(StandIn.calls) == 2, "only the two missing segments went to the engine"
    text = path.read_text(encoding="utf-8")
    assert "# 校閲メモ: 要確認" in text
    kept = [line for line in before.splitlines() if line.strip()]
    assert all(line in text.splitlines() for line in kept), "no existing line changed"


def test_draft_protects_glossary_terms(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import deep_translator

    monkeypatch.setattr(deep_translator, "GoogleTranslator", StandIn)
    (project / "translations" / "glossary.yml").write_text(
        "terms:\n  - id: ip-protection-center\n    category: institution\n"
        "    zh: 知识产权保护中心\n    ja: 知的財産権保護センター\n    en: IP protection center\n",
        encoding="utf-8",
    )
    remove_entries(ja_file(project), ["s3.p3.s2"])
    StandIn.calls = []
    assert run(capsys, "draft", "--lang", "ja")[0] == 0
    assert StandIn.calls == ["新建20家左右[0]和快速维权中心，大力培育调解组织和仲裁机构。"]
    entry = load_translation_file(ja_file(project), "ja").entries["s3.p3.s2"]
    assert (
        entry.text == "MT(ja): 新建20家左右知的財産権保護センター和快速维权中心，大力培育调解组织和仲裁机构。"
    )


def test_draft_offline_fails_clearly_and_changes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The real GoogleTranslator: this machine (and CI) cannot reach the service.
    path = ja_file(project)
    remove_entries(path, ["s2.p1.s1"])
    before = path.read_bytes()
    code, _, err = run(capsys, "draft", "--lang", "ja", "--engine", "google")
    assert code == 3
    assert "engine 'google'" in err and "nothing was written" in err
    assert path.read_bytes() == before


def test_export_then_import_changes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    before = {p: p.read_bytes() for p in (project / "translations" / PUB).glob("*.yml")}
    assert run(capsys, "export", "-o", str(tmp_path / "x"))[0] == 0
    for lang in ("ja", "en"):
        code, _, err = run(capsys, "import", str(tmp_path / "x" / f"{PUB}.{lang}.xlf"))
        assert code == 0 and "nothing to import" in err
    assert {p: p.read_bytes() for p in (project / "translations" / PUB).glob("*.yml")} == before


def test_a_renamed_xliff_is_imported_by_what_it_says_it_holds(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """CAT tools rename files: the publication and language come from <file original> and
    target-language when the name does not say them."""
    assert run(capsys, "export", "--lang", "ja", "-o", str(tmp_path / "x"))[0] == 0
    renamed = tmp_path / "x" / "from-the-translator.xlf"
    (tmp_path / "x" / f"{PUB}.ja.xlf").rename(renamed)
    code, _, err = run(capsys, "import", str(renamed))
    assert code == 0 and "nothing to import" in err


def test_import_updates_text_and_status_only(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "export", "--lang", "en", "-o", str(tmp_path / "x"))
    xlf = tmp_path / "x" / f"{PUB}.en.xlf"
    old = load_translation_file(project / "translations" / PUB / "en.yml", "en").entries["s7.p1.s5"]
    content = xlf.read_text(encoding="utf-8").replace(old.text, "Strengthen research on US IP policy.")
    xlf.write_text(content, encoding="utf-8")
    before = (project / "translations" / PUB / "en.yml").read_text(encoding="utf-8")
    assert run(capsys, "import", str(xlf))[0] == 0
    after_text = (project / "translations" / PUB / "en.yml").read_text(encoding="utf-8")
    assert after_text == before.replace(old.text, "Strengthen research on US IP policy.")


def test_import_with_an_unknown_segment_is_refused_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "export", "--lang", "ja", "-o", str(tmp_path / "x"))
    xlf = tmp_path / "x" / f"{PUB}.ja.xlf"
    xlf.write_text(
        xlf.read_text(encoding="utf-8").replace('id="s8.p2.s6"', 'id="s9.p1.s1"'), encoding="utf-8"
    )
    before = ja_file(project).read_bytes()
    code, _, err = run(capsys, "import", str(xlf))
    assert code == 2 and "unknown segment id 's9.p1.s1'" in err and f"{xlf}:" in err
    assert ja_file(project).read_bytes() == before


def test_tmx_is_read_by_translate_toolkit(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "export", "--format", "tmx", "-o", str(tmp_path / "x"))
    store = tt_tmx.tmxfile.parsefile(str(tmp_path / "x" / f"{PUB}.tmx"))
    document = ingest(project / "translations" / PUB / "source.zh.md", PUB)
    units = list(store.unit_iter())
    assert [u.source for u in units] == [s.text for s in document.segments()]


def test_glossary_exports_read_by_cat_tools(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from translate.storage import tbx

    from trilingual.exchange import tbx_id
    from trilingual.glossary import load_glossary

    glossary = load_glossary(project / "translations" / "glossary.yml", ("zh", "ja", "en"))
    assert run(capsys, "export", "--format", "tbx", "-o", str(tmp_path / "g"))[0] == 0
    units = list(tbx.tbxfile.parsefile(str(tmp_path / "g" / "glossary.tbx")).unit_iter())
    assert [(u.getid(), u.source, u.target) for u in units] == [
        (tbx_id(t.id), t.terms["zh"], t.terms["ja"]) for t in glossary
    ]
    assert run(capsys, "export", "--format", "tsv", "--lang", "en", "-o", str(tmp_path / "g"))[0] == 0
    rows = [
        line.split("\t")
        for line in (tmp_path / "g" / "glossary.zh-Hans-en.tsv").read_text(encoding="utf-8").splitlines()
    ]
    assert all(len(row) == 3 for row in rows)
    approved = {t.terms["zh"]: t.terms["en"] for t in glossary}
    assert all(approved[zh] == en for zh, en, _ in rows if zh in approved)
    assert len(rows) == sum(len(t.forms("zh")) for t in glossary)


def test_a_translator_confirms_a_stale_translation_in_their_tool(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from trilingual.ingest import ingest

    source = project / "translations" / PUB / "source.zh.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("新建 20 家左右", "新建 30 家左右"), encoding="utf-8"
    )
    run(capsys, "export", "--lang", "en", "-o", str(tmp_path / "x"))
    xlf = tmp_path / "x" / f"{PUB}.en.xlf"
    code, _, err = run(capsys, "import", str(xlf))
    assert code == 0 and "nothing to import" in err, "an unconfirmed stale unit changes nothing"
    content = xlf.read_text(encoding="utf-8")
    unit = content[content.index('id="s3.p3.s2"') :]
    old_text = unit[unit.index("<target") : unit.index("</target>")]
    # The translator follows the source's new figure (the translation must carry 20: qa's number check).
    assert old_text.count("20") == 1, old_text
    signed_off = old_text.replace('state="needs-review-translation"', 'state="signed-off"')
    fixed_text = signed_off.replace("20", "30")
    xlf.write_text(content.replace(old_text, fixed_text, 1), encoding="utf-8")
    code, out, _ = run(capsys, "import", str(xlf))
    assert code == 0 and "s3.p3.s2: text updated; reviewed → draft" in out
    entry = load_translation_file(project / "translations" / PUB / "en.yml", "en").entries["s3.p3.s2"]
    segment = ingest(source, PUB).segment_map()["s3.p3.s2"]
    assert entry.source_hash == segment.hash and "around 30" in entry.text and entry.status.value == "draft"
    assert entry.source == segment.text
    # The reviewer's sign-off is explicit: the same file, imported by the reviewer.
    code, out, _ = run(capsys, "import", str(xlf), "--reviewed-by", "Sato")
    assert code == 0 and "s3.p3.s2: draft → reviewed" in out
    entry = load_translation_file(project / "translations" / PUB / "en.yml", "en").entries["s3.p3.s2"]
    assert entry.status.value == "reviewed" and entry.reviewed_by == "Sato"
    code, out, _ = run(capsys, "check", "--lang", "en")
    assert "s3.p3.s2" not in out
