"""Each publication can be downloaded whole: PDFs, aligned data and citations, linked from its page."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, ROOT, build, make_project
from trilingual.ingest import ingest
from trilingual.model import paragraph_number
from trilingual.translations import write_updates

PUB = "second-plan"
FOLDER = f"downloads/{PUB}"


def known_text(lang: str, segment_id: str) -> str:
    """A sentence each test can find again: which language and which segment it is."""
    return {"ja": f"訳文{segment_id}です。", "en": f"English {segment_id} sentence."}[lang]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    translations = tmp_path_factory.mktemp("t") / "translations"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns("cnipa-*"))
    shutil.copytree(FIXTURES / PUB, translations / PUB)
    document = ingest(translations / PUB / "source.zh.md", PUB)
    for lang in ("ja", "en"):
        updates = {
            s.id: {"text": known_text(lang, s.id), "status": "reviewed", "source_hash": s.hash}
            for s in document.segments()
        }
        path = translations / PUB / f"{lang}.yml"
        path.write_text(write_updates(path, lang, document, updates), encoding="utf-8")
    return build(make_project(tmp_path_factory.mktemp("p"), translations, home_only=True), pdf=True)


def test_paragraph_numbers_are_section_dot_paragraph() -> None:
    assert [paragraph_number(i) for i in ("s3.p2", "s12.p10.s4", "s0.p1", "s3.title", "title")] == [
        "3.2",
        "12.10",
        "0.1",
        "",
        "",
    ]


def test_the_downloads_page_links_only_to_files_that_exist(site: Path) -> None:
    for edition in ("", "ja/", "en/"):
        page = site / edition / PUB / "downloads" / "index.html"
        hrefs = re.findall(r'href="([^"]+)"[^>]*download', page.read_text(encoding="utf-8"))
        assert len(hrefs) >= 10
        for href in hrefs:
            assert (page.parent / href).resolve().is_file(), (edition, href)


@pytest.mark.parametrize(
    ("langs", "pages"),
    [(("zh",), (1, 6)), (("zh", "ja"), (2, 10)), (("zh", "en"), (2, 10)), (("zh", "ja", "en"), (2, 12))],
)
def test_each_pdf_is_text_in_reading_order_with_embedded_subset_fonts(
    site: Path, langs: tuple[str, ...], pages: tuple[int, int]
) -> None:
    reader = PdfReader(site / FOLDER / f"{PUB}.{'-'.join(langs)}.pdf")
    assert pages[0] <= len(reader.pages) <= pages[1]
    assert reader.metadata is not None and reader.metadata.title
    assert str(reader.trailer["/Root"]["/Lang"]) in ("zh-Hans", "ja", "en")
    text = "".join(page.extract_text() for page in reader.pages)
    flat = re.sub(r"\s+", "", text)
    document = ingest(FIXTURES / PUB / "source.zh.md", PUB)
    # Sentences of the original, then each translation, in the document's order.
    for lang in langs[1:]:
        positions = [
            flat.find(re.sub(r"\s+", "", known_text(lang, s.id))) for s in list(document.segments())[1:]
        ]
        assert -1 not in positions and positions == sorted(positions), lang
    originals = [flat.find(s.text.rstrip("。")[:12]) for s in list(document.segments())[2:6]]
    assert -1 not in originals and originals == sorted(originals)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (font.get("/DescendantFonts") or [font])[0].get_object().get("/FontDescriptor")
            assert descriptor is not None and any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            fonts.add(str(font["/BaseFont"]))
    assert all("+" in name for name in fonts), fonts  # subsets
    assert any("CJK-SC" in name for name in fonts)
    if "ja" in langs:
        assert any("CJK-JP" in name for name in fonts)


def test_the_aligned_data_has_every_segment_once_with_its_licence(site: Path) -> None:
    document = ingest(FIXTURES / PUB / "source.zh.md", PUB)
    ids = [s.id for s in document.segments()]
    text = (site / FOLDER / f"{PUB}.csv").read_text(encoding="utf-8")
    assert text.startswith("# ") and "CC BY 4.0" in text.splitlines()[0]
    rows = list(csv.DictReader(io.StringIO(text.split("\n", 1)[1])))
    assert [row["id"] for row in rows] == ids
    assert rows[3]["ja"] == known_text("ja", rows[3]["id"]) and rows[3]["en_status"] == "reviewed"
    data = json.loads((site / FOLDER / f"{PUB}.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["segments"]] == ids and "CC BY 4.0" in data["licence"]
    assert {"source_hash", "section", "paragraph", "zh-Hans", "ja", "en_origin"} <= set(data["segments"][3])


def test_citations_name_title_issuer_date_and_translation(site: Path) -> None:
    bib = (site / FOLDER / f"{PUB}.en.cite.bib").read_text(encoding="utf-8")
    assert bib.startswith("@misc{") and "origtitle = {" in bib and "note = {" in bib
    ris = (site / FOLDER / f"{PUB}.ja.cite.ris").read_text(encoding="utf-8").splitlines()
    assert (
        ris[0] == "TY  - GOVDOC"
        and ris[-1] == "ER  - "
        and any(line.startswith("TI  - 訳文") for line in ris)
    )
    csl = json.loads((site / FOLDER / f"{PUB}.zh.cite.json").read_text(encoding="utf-8"))
    assert csl[0]["type"] == "document" and csl[0]["title"] and "original-title" not in csl[0]


@pytest.mark.parametrize("edition", ["", "ja/", "en/"])
def test_each_edition_has_an_atom_feed_of_its_publications(site: Path, edition: str) -> None:
    import feedparser

    feed = feedparser.parse((site / edition / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title and feed.feed.updated
    (entry,) = feed.entries
    assert entry.link == f"{PUB}/" and (site / edition / PUB / "index.html").is_file()
    assert entry.published.startswith("2022-") and entry.updated >= entry.published
    if edition:
        assert "/ " in entry.summary  # "reviewed: N / M"


@pytest.mark.parametrize("edition", ["", "ja/", "en/"])
def test_the_full_text_page_holds_every_paragraph_once_in_order_and_is_linked(
    site: Path, edition: str
) -> None:
    document = ingest(FIXTURES / PUB / "source.zh.md", PUB)
    expected = [
        unit
        for section in document.sections
        for unit in ([section.title.id] if section.title else []) + [p.id for p in section.paragraphs]
    ]
    page = (site / edition / PUB / "full" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<div class="tl-row tl-row--(?:title|paragraph)" id="([^"]+)"', page) == expected
    if edition:
        assert known_text(edition[:2], "s2.p2.s3") in page
    publication_page = (site / edition / PUB / "index.html").read_text(encoding="utf-8")
    assert 'href="full/"' in publication_page and 'href="downloads/"' in publication_page
    for section in document.sections:
        section_page = (site / edition / PUB / section.id / "index.html").read_text(encoding="utf-8")
        assert 'href="../full/#' in section_page and 'href="../downloads/"' in section_page


def test_without_pdfs_the_downloads_page_lists_none(tmp_path: Path) -> None:
    from trilingual.config import SiteLanguages
    from trilingual.generate import generate

    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns("cnipa-*"))
    shutil.copytree(FIXTURES / PUB, translations / PUB)
    languages = SiteLanguages("zh", ("ja", "en"))
    for pdfs in (True, False):
        generate(translations, tmp_path / "docs", languages, pdfs=pdfs)
        page = (tmp_path / "docs" / PUB / "downloads.en.md").read_text(encoding="utf-8")
        assert (".pdf" in page) is pdfs and ".csv" in page


def test_downloads_are_safe_in_a_spreadsheet_bibtex_and_a_browser() -> None:
    from trilingual.downloads import Citation, bibtex, spreadsheet_safe

    for formula in ('=HYPERLINK("http://evil/","x")', "@SUM(1+1)", "+1+cmd", "-2+3", "\t=1+1"):
        assert spreadsheet_safe(formula) == "'" + formula
    assert spreadsheet_safe("知识产权") == "知识产权"
    hostile = Citation(
        "k", "T}", "O{", "X}}, title = {Forged", "2021-05-19", "https://x/{a}", "en", "50% & 100\\"
    )
    entry = bibtex(hostile)
    # Each field's braces balance on its own line: no value can close its field or the entry.
    for line in entry.splitlines()[1:-1]:
        value = line.split(" = ", 1)[1].rstrip(",")
        depth = 0
        for position, char in enumerate(value):
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth > 0 or position == len(value) - 1, line
    assert "title = {Forged" not in entry


def test_the_glossary_tsv_cannot_be_run_as_a_script(site: Path) -> None:
    for tsv in (site / "downloads").glob("glossary.*.tsv"):
        assert tsv.read_text(encoding="utf-8").startswith("# "), tsv
    csv_text = (site / FOLDER / f"{PUB}.csv").read_text(encoding="utf-8")
    assert csv_text.startswith("# ")
