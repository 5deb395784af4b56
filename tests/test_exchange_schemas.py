"""Exchange files against their official schemas, and one language tag per language everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from conftest import make_project
from trilingual.cli import main

PUB = "cnipa-2021-work-plan"
SCHEMAS = Path(__file__).resolve().parent / "schemas"
NCNAME = re.compile(r"^[A-Za-z_][\w.-]*$")
XLIFF_STATES = {
    "final", "needs-adaptation", "needs-l10n", "needs-review-adaptation", "needs-review-l10n",
    "needs-review-translation", "needs-translation", "new", "signed-off", "translated",
}  # fmt: skip


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("project"))
    out = root / "exports"
    for argv in (["--format", "xliff"], ["--format", "tmx"], ["--format", "tbx"], ["--format", "tsv"]):
        assert main(["--config", str(root / "mkdocs.yml"), "export", *argv, "-o", str(out)]) == 0
    return out


def test_tmx_is_valid_against_the_tmx_14b_dtd(exports: Path) -> None:
    dtd = etree.DTD(str(SCHEMAS / "tmx14.dtd"))
    tree = etree.parse(str(exports / f"{PUB}.tmx"))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()


def test_tbx_term_entry_ids_are_xml_ids(exports: Path) -> None:
    tree = etree.parse(str(exports / "glossary.tbx"))
    ids = [entry.get("id") for entry in tree.iter("termEntry")]
    assert ids and all(NCNAME.match(i) for i in ids), [i for i in ids if not NCNAME.match(i)]
    assert len(set(ids)) == len(ids)
    assert "t-19th-party-congress" in ids


def test_xliff_units_are_unique_with_valid_states(exports: Path) -> None:
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    for path in exports.glob("*.xlf"):
        tree = etree.parse(str(path))
        assert tree.getroot().get("version") == "1.2"
        ids = [u.get("id") for u in tree.iterfind(".//x:trans-unit", ns)]
        assert len(ids) == len(set(ids)) == 88
        states = {t.get("state") for t in tree.iterfind(".//x:target", ns)}
        assert states <= XLIFF_STATES
        (file,) = tree.iterfind(".//x:file", ns)
        assert file.get("original") == PUB and file.get("datatype") == "plaintext"


def test_one_language_tag_per_language_in_every_format(exports: Path) -> None:
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    tags: set[str] = set()
    for path in exports.glob("*.xlf"):
        (file,) = etree.parse(str(path)).iterfind(".//x:file", ns)
        tags |= {file.get("source-language"), file.get("target-language")}
    tmx = etree.parse(str(exports / f"{PUB}.tmx"))
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    tags |= {tmx.find("header").get("srclang")} | {t.get(xml_lang) for t in tmx.iter("tuv")}
    tbx = etree.parse(str(exports / "glossary.tbx"))
    tags |= {s.get(xml_lang) for s in tbx.iter("langSet")}
    assert tags == {"zh-Hans", "ja", "en"}
    assert {p.name for p in exports.glob("*.tsv")} == {"glossary.zh-Hans-ja.tsv", "glossary.zh-Hans-en.tsv"}
