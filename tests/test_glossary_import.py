"""The glossary back from a translator's tool: TBX and TSV merged into glossary.yml, notes kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from conftest import FIXTURES, ROOT, make_project
from conftest import run_cli as run
from trilingual.glossary import load_glossary

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGES = ("zh", "ja", "en")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project of the small plan (tests/fixtures/small-plan) and a two-entry glossary
    (tests/fixtures/glossary-import): what import and export do to a glossary is tested on it,
    so that a translator's edit of the real glossary changes nothing here."""
    translations = tmp_path / "translations"
    translations.mkdir()
    shutil.copy(ROOT / "translations" / "ui.yml", translations / "ui.yml")
    shutil.copy(FIXTURES / "glossary-import" / "glossary.yml", translations / "glossary.yml")
    shutil.copytree(FIXTURES / "small-plan", translations / "small-plan")
    root = make_project(tmp_path / "project", translations, home_only=True)
    monkeypatch.chdir(root)
    return root


def exported(project: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> Path:
    out = project / "out"
    assert run(capsys, "export", "--format", fmt, "-o", str(out), "--lang", "en")[0] == 0
    return out / ("glossary.tbx" if fmt == "tbx" else "glossary.zh-Hans-en.tsv")


def test_forbidden_forms_are_deprecated_in_tbx_and_absent_from_tsv(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tbx = etree.parse(str(exported(project, capsys, "tbx")))
    sipo = next(t for t in tbx.iter("term") if t.text == "SIPO").getparent()
    notes = {n.get("type"): n.text for n in sipo.iter("termNote")}
    assert notes == {
        "administrativeStatus": "deprecatedTerm-admn-sts",
        "normativeAuthorization": "deprecatedTerm",
    }
    tsv = exported(project, capsys, "tsv").read_text(encoding="utf-8")
    assert "SIPO" not in tsv.replace("(SIPO)", "").replace("（SIPO）", ""), "never offered as a suggestion"
    assert "China National Intellectual Property Administration" in tsv


def test_own_export_imports_as_no_change(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    glossary = project / "translations" / "glossary.yml"
    before = glossary.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "import", str(exported(project, capsys, "tbx")))
    assert code == 0 and "0 new term(s), 0 change(s)" in out and "0 skipped" in out, out
    assert glossary.read_text(encoding="utf-8") == before


def _lang_set(entry: etree._Element, lang: str) -> etree._Element:
    return next(s for s in entry.iter("langSet") if s.get(XML_LANG) == lang)


def _tig(lang_set: etree._Element, text: str, status: str) -> None:
    tig = etree.SubElement(lang_set, "tig")
    etree.SubElement(tig, "term").text = text
    etree.SubElement(tig, "termNote", type="administrativeStatus").text = status


def test_tbx_import_adds_and_changes_and_keeps_notes(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = exported(project, capsys, "tbx")
    tree = etree.parse(str(path))
    body = next(tree.iter("body"))
    cnipa = next(e for e in body if e.get("id") == "cnipa")
    _tig(_lang_set(cnipa, "en"), "National IP Administration", "deprecatedTerm-admn-sts")
    definition = _lang_set(cnipa, "ja").find("descrip[@type='definition']")
    definition.text = "翻訳会社の用語集より：中国の知的財産行政機関。"
    samr = next(e for e in body if e.get("id") == "samr")
    for tig in _lang_set(samr, "en").iter("tig"):
        if tig.findtext("term") == "State Administration for Market Regulation":
            tig.find("term").text = "State Administration of Market Regulation"
    new = etree.SubElement(body, "termEntry", id="plant-variety")
    etree.SubElement(new, "descrip", type="subjectField").text = "ip-concept"
    for lang, text in (("zh-Hans", "植物新品种"), ("ja", "植物新品種"), ("en", "new plant variety")):
        lang_set = etree.SubElement(new, "langSet", {XML_LANG: lang})
        _tig(lang_set, text, "preferredTerm-admn-sts")
    partial = etree.SubElement(body, "termEntry", id="design-patent")
    lang_set = etree.SubElement(partial, "langSet", {XML_LANG: "zh-Hans"})
    _tig(lang_set, "外观设计专利", "preferredTerm-admn-sts")
    tree.write(str(path), encoding="utf-8", xml_declaration=True)

    glossary = project / "translations" / "glossary.yml"
    before = glossary.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "import", str(path), "--dry-run")
    assert code == 0 and glossary.read_text(encoding="utf-8") == before, "a dry run writes nothing"
    assert "1 new term(s), 3 change(s)" in out and "1 skipped" in out, out
    code, out, _ = run(capsys, "import", str(path))
    assert "+ plant-variety: 植物新品种 / 植物新品種 / new plant variety" in out
    assert "外观设计专利" in out and "no ja, en form" in out
    terms = {t.id: t for t in load_glossary(glossary, LANGUAGES)}
    assert terms["plant-variety"].terms == {"zh": "植物新品种", "ja": "植物新品種", "en": "new plant variety"}
    assert terms["plant-variety"].category == "ip-concept"
    assert terms["samr"].terms["en"] == "State Administration of Market Regulation"
    assert "National IP Administration" in terms["cnipa"].forbidden["en"]
    assert "SIPO" in terms["cnipa"].forbidden["en"], "nothing is removed"
    note = terms["cnipa"].notes["ja"]
    assert note.startswith("国家市場監督管理総局が管理する") and note.endswith(
        "翻訳会社の用語集より：中国の知的財産行政機関。"
    )
    text = glossary.read_text(encoding="utf-8")
    assert text.startswith(before.split("\n", 1)[0]), "the header comment stays"


def test_tsv_import(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "glossary.zh-Hans-en.tsv"
    path.write_text(
        "国家知识产权局\tCNIPA (China National IP Administration)\t\n"
        "市场监管总局\tState Administration for Market Regulation\tThe market regulator.\n"
        "植物新品种\tnew plant variety\t\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "import", str(path))
    assert code == 2 and "pass --lang" in err
    code, out, err = run(capsys, "import", str(path), "--lang", "en")
    assert code == 0, err
    assert "cnipa: en term" in out and "samr: en note" in out and "植物新品种" in out and "1 skipped" in out
    terms = {t.id: t for t in load_glossary(project / "translations" / "glossary.yml", LANGUAGES)}
    assert terms["cnipa"].terms["en"] == "CNIPA (China National IP Administration)"
    assert terms["samr"].notes["en"].endswith("The market regulator.") and terms["samr"].notes[
        "en"
    ].startswith("Agency directly under the State Council")
