"""Translation memory end to end: analyse predicts, leverage fills, XLIFF carries and keeps it.

Two new publications join a copy of the library: a revision of the 2021 plan with a few
sentences edited (one repeated) and the second-plan fixture.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lxml import etree

from conftest import FIXTURES, make_project
from conftest import run_cli as run
from trilingual.exchange import XLIFF_12, Xliff12File
from trilingual.translations import load_translation_file

PUB = "cnipa-2021-work-plan"
REVISED = "revised-plan"
EDITS = (
    ("# 国家知识产权局 2021 年工作要点", "# 国家知识产权局 2022 年工作要点"),
    ("适时开展“回头看”。", "适时开展专项检查。"),
    ("完成《专利审查指南》适应性修改", "完成《专利审查指南》第二次修改"),
    ("探索开展知识产权保护水平评估", "全面开展知识产权保护水平评估"),
    # a sentence said twice: the second time is a repetition
    ("推动文明和谐机关建设。", "推动文明和谐机关建设。深化党组内部巡视，对发现的问题线索依规依纪严肃处理。"),
)
FUZZY_BANDS = {"95-99%", "85-94%", "75-84%"}


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_project(tmp_path / "project")
    translations = root / "translations"
    revised = translations / REVISED
    revised.mkdir()
    text = (translations / PUB / "source.zh.md").read_text(encoding="utf-8")
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (revised / "source.zh.md").write_text(text, encoding="utf-8")
    config = (translations / PUB / "publication.yml").read_text(encoding="utf-8")
    (revised / "publication.yml").write_text(config.replace("order: 1", "order: 2"), encoding="utf-8")
    shutil.copytree(FIXTURES / "second-plan", translations / "second-plan")
    monkeypatch.chdir(root)
    return root


def analysis(capsys: pytest.CaptureFixture[str], publication: str, lang: str) -> dict:
    code, out, err = run(capsys, "analyse", "--publication", publication, "--lang", lang, "--json")
    assert code == 0, err
    (result,) = json.loads(out)
    return dict(result)


def test_analysis_bands_of_a_revision(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = analysis(capsys, REVISED, "ja")
    by_id = {s["id"]: s for s in result["segments"]}
    assert by_id["s1.p1.s12"]["band"] == "repetition", "the sentence said twice"
    assert (
        by_id["s1.p1.s6"]["band"] in FUZZY_BANDS and by_id["s1.p1.s6"]["origin"] == f"memory:{PUB}/s1.p1.s6"
    )
    assert by_id["s1.p1.s5"]["band"] == "100%", "before an edited sentence: exact, not in context"
    assert by_id["s1.p1.s2"]["band"] == "in-context"
    assert result["bands"]["in-context"]["segments"] > 70
    # drafts are not memory by default: the six draft sentences of the 2021 plan are new
    assert result["bands"]["new"]["segments"] >= 5
    assert result["statuses"]["missing"]["segments"] == result["total"]["segments"]
    assert result["total"]["characters"] == sum(b["characters"] for b in result["bands"].values())
    with_drafts = json.loads(
        run(capsys, "analyse", "--publication", REVISED, "--lang", "ja", "--json", "--include-draft")[1]
    )[0]
    assert with_drafts["bands"]["new"]["segments"] < result["bands"]["new"]["segments"]


@pytest.mark.parametrize(("publication", "minimum"), [(REVISED, "75"), ("second-plan", "60")])
def test_leverage_gives_what_analyse_predicts(
    library: Path, capsys: pytest.CaptureFixture[str], publication: str, minimum: str
) -> None:
    predicted = {lang: analysis(capsys, publication, lang) for lang in ("ja", "en")}
    code, out, err = run(capsys, "leverage", "--publication", publication, "--min", minimum)
    assert code == 0, err
    fuzzy_filled = 0
    for lang, result in predicted.items():
        file = load_translation_file(library / "translations" / publication / f"{lang}.yml", lang)
        filled: dict[str, int] = {}
        for segment in result["segments"]:
            entry = file.get(segment["id"])
            percent = int(segment["match"].split("%")[0]) if segment["match"] else 0
            if percent < int(minimum):
                assert entry is None, segment
                continue
            assert entry is not None, segment
            filled[segment["band"]] = filled.get(segment["band"], 0) + 1
            assert entry.origin == segment["origin"]
            assert entry.match == segment["match"]
            exact = segment["match"].startswith("100%")
            assert entry.status.value == ("draft" if exact else "machine")
            if not exact:
                fuzzy_filled += 1
                assert entry.match_source != entry.source and entry.match_source
        for band, count in filled.items():
            assert f"  {band:<12} {count:>5} filled" in out, (band, out)
    assert fuzzy_filled >= 2
    # what leverage filled is now the publication's own translation: the analysis does not move
    after = analysis(capsys, publication, "ja")
    assert [s["band"] for s in after["segments"]] == [s["band"] for s in predicted["ja"]["segments"]]


def test_leverage_never_touches_existing_work(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = library / "translations" / REVISED / "ja.yml"
    path.write_text(
        "language: ja\nsegments:\n  s1.p1.s2:\n    text: 訳者の下訳。\n    status: draft\n"
        "    source_hash: 15e237914c1f\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "leverage", "--publication", REVISED, "--lang", "ja")
    assert code == 0, err
    file = load_translation_file(path, "ja")
    assert file.entries["s1.p1.s2"].text == "訳者の下訳。" and file.entries["s1.p1.s2"].origin == "human"
    assert file.entries["s1.p1.s1"].origin == f"memory:{PUB}/s1.p1.s1"
    before = path.read_text(encoding="utf-8")
    code, _, err = run(capsys, "leverage", "--publication", REVISED, "--lang", "ja")
    assert path.read_text(encoding="utf-8") == before, "a second run has nothing to fill"
    assert "nothing to fill" in err
    code, _, _ = run(capsys, "leverage", "--publication", REVISED, "--lang", "en", "--dry-run")
    assert not (library / "translations" / REVISED / "en.yml").exists()


def contexts_s1(units: dict[str, etree._Element]) -> str:
    return str(next(units["s1.p1.s6"].iter(f"{{{XLIFF_12}}}context")).text)


def _units(path: Path) -> dict[str, etree._Element]:
    tree = etree.parse(str(path))
    return {u.get("id"): u for u in tree.iter(f"{{{XLIFF_12}}}trans-unit")}


def test_xliff_carries_matches_and_round_trips(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    predicted = {s["id"]: s for s in analysis(capsys, REVISED, "ja")["segments"]}
    out = library / "out"
    assert run(capsys, "export", "--publication", REVISED, "--lang", "ja", "-o", str(out))[0] == 0
    units = _units(out / f"{REVISED}.ja.xlf")
    alt = units["s1.p1.s6"].find(f"{{{XLIFF_12}}}alt-trans")
    assert alt is not None and alt.get("origin") == f"memory:{PUB}/s1.p1.s6"
    assert alt.get("match-quality") == predicted["s1.p1.s6"]["match"].rstrip("%")
    assert alt.findtext(f"{{{XLIFF_12}}}source") == "巩固深化中央巡视整改成果，适时开展“回头看”。"
    contexts = [c.text for c in units["s3.p2.s2"].iter(f"{{{XLIFF_12}}}context")]
    assert contexts[0].startswith("s3 ") and contexts[1] == "s3.p2"
    # as a CAT tool's library reads them (translate-toolkit, behind Pootle and Weblate)
    store = Xliff12File.parsefile(str(out / f"{REVISED}.ja.xlf"))
    unit = next(u for u in store.units if u.getid().endswith("s1.p1.s6"))
    (proposal,) = unit.getalttrans()
    assert proposal.source == "巩固深化中央巡视整改成果，适时开展“回头看”。" and proposal.target
    assert unit.getcontextgroups("location:s1.p1.s6") == [
        [("x-section", contexts_s1(units)), ("x-paragraph", "s1.p1")]
    ]

    code, _, err = run(capsys, "leverage", "--publication", REVISED, "--lang", "ja")
    assert code == 0, err
    path = library / "translations" / REVISED / "ja.yml"
    leveraged = path.read_text(encoding="utf-8")
    assert run(capsys, "export", "--publication", REVISED, "--lang", "ja", "-o", str(out))[0] == 0
    code, out_text, err = run(capsys, "import", str(out / f"{REVISED}.ja.xlf"))
    assert code == 0 and "nothing to import" in err, out_text + err
    assert path.read_text(encoding="utf-8") == leveraged, "the round trip keeps what leverage wrote"
    states = {
        u.get("id"): u.find(f"{{{XLIFF_12}}}target") for u in _units(out / f"{REVISED}.ja.xlf").values()
    }
    assert states["s1.p1.s6"].get("state-qualifier") == "mt-suggestion", "a fuzzy match needs editing"
    assert states["s1.p1.s1"].get("state") == "translated"

    # only what is still open: the sentences the memory could not fill
    assert (
        run(capsys, "export", "--publication", REVISED, "--lang", "ja", "--only-open", "-o", str(out))[0] == 0
    )
    open_units = set(_units(out / f"{REVISED}.ja.xlf"))
    new = {i for i, s in predicted.items() if s["band"] in ("new", "50-74%")}
    assert open_units == new and new


def test_library_tmx_reviewed_only_by_default(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = library / "out"
    run(capsys, "leverage", "--publication", REVISED)
    assert run(capsys, "export", "--format", "tmx", "--library", "-o", str(out))[0] == 0
    tree = etree.parse(str(out / "library.tmx"))
    status = [p.text for p in tree.iter("prop") if p.get("type") == "x-status"]
    publications = {p.text for p in tree.iter("prop") if p.get("type") == "x-publication"}
    assert set(status) == {"reviewed"} and publications == {PUB}
    assert run(capsys, "export", "--format", "tmx", "--library", "--include-draft", "-o", str(out))[0] == 0
    tree = etree.parse(str(out / "library.tmx"))
    publications = {p.text for p in tree.iter("prop") if p.get("type") == "x-publication"}
    assert publications == {PUB, REVISED}
    dtd = etree.DTD(str(Path(__file__).parent / "schemas" / "tmx14.dtd"))
    assert dtd.validate(tree), dtd.error_log
