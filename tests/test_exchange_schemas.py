"""Exchange files against their official schemas, and one language tag per language everywhere."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from conftest import FIXTURES, make_project
from trilingual.cli import main

PUB = "cnipa-2021-work-plan"
REVISED = "revised-plan"
SCHEMAS = Path(__file__).resolve().parent / "schemas"
XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_XSD = "http://www.w3.org/2001/xml.xsd"
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


class _LocalXmlXsd(etree.Resolver):
    """The XLIFF schema imports xml.xsd by its W3C address: read the vendored copy instead."""

    def resolve(self, system_url: str, public_id: str | None, context: object) -> object:
        if system_url == XML_XSD:
            return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
        return None


@pytest.fixture(scope="module")
def xliff_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalXmlXsd())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-core-1.2-strict.xsd"), parser))


def _valid(schema: etree.XMLSchema | etree.DTD | etree.RelaxNG, path: Path) -> None:
    tree = etree.parse(str(path))
    assert schema.validate(tree), f"{path.name}: {schema.error_log.filter_from_errors()}"


def test_xliff_is_valid_against_the_xliff_12_strict_schema(
    exports: Path, xliff_schema: etree.XMLSchema
) -> None:
    paths = sorted(exports.glob("*.xlf"))
    assert [p.name for p in paths] == [f"{PUB}.en.xlf", f"{PUB}.ja.xlf"]
    for path in paths:
        _valid(xliff_schema, path)


def test_the_schema_catches_what_strict_xliff_forbids(exports: Path, xliff_schema: etree.XMLSchema) -> None:
    """The vendored schema does reject: one context-group name twice in a file, an unknown state."""
    tree = etree.parse(str(exports / f"{PUB}.ja.xlf"))
    groups = list(tree.iter(f"{{{XLIFF_NS}}}context-group"))
    assert len(groups) == 88 and len({g.get("name") for g in groups}) == 88
    groups[1].set("name", groups[0].get("name"))
    assert not xliff_schema.validate(tree)
    groups[1].set("name", "unique")
    next(tree.iter(f"{{{XLIFF_NS}}}target")).set("state", "reviewed")
    assert not xliff_schema.validate(tree)


@pytest.fixture(scope="module")
def revised_exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library where the XLIFF carries everything it can: memory proposals, stale units with
    their previous version and a note, and the second-plan fixture."""
    root = make_project(tmp_path_factory.mktemp("library"))
    translations = root / "translations"
    source = translations / PUB / "source.zh.md"
    text = source.read_text(encoding="utf-8")
    revised = translations / REVISED
    revised.mkdir()
    (revised / "source.zh.md").write_text(text.replace("适时开展“回头看”。", "适时开展专项检查。"), "utf-8")
    config = (translations / PUB / "publication.yml").read_text(encoding="utf-8")
    (revised / "publication.yml").write_text(config.replace("order: 1", "order: 2"), encoding="utf-8")
    shutil.copytree(FIXTURES / "second-plan", translations / "second-plan")
    # the 2021 plan itself revised: its translations of the changed sentences turn stale
    source.write_text(
        text.replace("完成《专利审查指南》适应性修改", "完成《专利审查指南》第二次修改"), "utf-8"
    )
    out = root / "exports"
    for argv in (["--format", "xliff"], ["--format", "tmx"]):
        assert main(["--config", str(root / "mkdocs.yml"), "export", *argv, "-o", str(out)]) == 0
    return out


def test_xliff_with_proposals_and_stale_units_is_valid(
    revised_exports: Path, xliff_schema: etree.XMLSchema
) -> None:
    alt_types: set[str | None] = set()
    notes = 0
    for path in sorted(revised_exports.glob("*.xlf")):
        _valid(xliff_schema, path)
        tree = etree.parse(str(path))
        alt_types |= {a.get("alttranstype") for a in tree.iter(f"{{{XLIFF_NS}}}alt-trans")}
        notes += sum(1 for _ in tree.iter(f"{{{XLIFF_NS}}}note"))
    assert {"proposal", "previous-version"} <= alt_types
    assert notes


def test_library_tmx_is_valid_against_the_tmx_14b_dtd(revised_exports: Path) -> None:
    dtd = etree.DTD(str(SCHEMAS / "tmx14.dtd"))
    paths = sorted(revised_exports.glob("*.tmx"))
    assert len(paths) >= 3
    for path in paths:
        _valid(dtd, path)


def test_tmx_is_valid_against_the_tmx_14b_dtd(exports: Path) -> None:
    dtd = etree.DTD(str(SCHEMAS / "tmx14.dtd"))
    tree = etree.parse(str(exports / f"{PUB}.tmx"))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()


TBX_SCHEMAS = ("TBXcoreStructV02.dtd", "TBXBasicRNGV02.rng")


def test_tbx_is_valid_against_the_tbx_basic_schema(exports: Path) -> None:
    found = [SCHEMAS / name for name in TBX_SCHEMAS if (SCHEMAS / name).exists()]
    if not found:
        pytest.skip(
            "no official TBX-Basic schema vendored: none of PyPI, Debian or npm ships "
            f"{' or '.join(TBX_SCHEMAS)} (what was tried: tests/schemas/README.md)"
        )
    for schema_path in found:
        schema = (
            etree.DTD(str(schema_path))
            if schema_path.suffix == ".dtd"
            else etree.RelaxNG(etree.parse(str(schema_path)))
        )
        _valid(schema, exports / "glossary.tbx")


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
