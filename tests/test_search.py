"""Search in Chinese, Japanese and English, in the browser, in each language edition.

The index's files and records are checked here without a browser; what a reader sees
(grouping, snippets, keyboard, filters) in Chromium. The measured query set, on a library of
two publications, is in ``test_search_quality.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from plan_text import (
    PUB,
    UI,
    glossary_term,
    pinyin_query,
    section_heading,
    term_names,
    translation,
    typo,
)
from plan_text import reference as reference_entry

from trilingual.collation import pinyin_with_tones
from trilingual.search import Tokenizer, latin_tokens, page_records, stem
from trilingual.search_index import (
    FRAGMENT_BYTES,
    LEXICON_BYTES,
    SHARD_BYTES,
    kana_keys,
    load_edition,
    pinyin_keys,
)

# (edition, query, paragraph that must be among the results): 4+ character compounds, kanji
# terms, katakana terms, English phrases, and the Chinese original searched from the
# Japanese and English editions. Chinese queries are the original's words (never edited);
# Japanese and English ones are the glossary's names, read when the tests run, so that a
# translator's rewording of a term changes the query, not the result.
QUERIES = [
    ("", "知识产权保护中心", "s3/#s3.p3"),
    ("", "专利审查指南", "s3/#s3.p2"),
    ("", "海牙协定", "s7/#s7.p1"),
    ("", "地理标志", "s3/#s3.p3"),
    ("", "技术与创新支持中心", "s6/#s6.p1"),
    ("ja/", term_names("hague-agreement")["ja"], "s7/#s7.p1"),
    ("ja/", term_names("geographical-indication")["ja"], "s3/#s3.p3"),
    ("ja/", term_names("ip-protection-center")["ja"], "s3/#s3.p3"),
    ("ja/", term_names("patent-examination-guidelines")["ja"], "s3/#s3.p2"),
    ("ja/", term_names("green-channel")["ja"], "s4/#s4.p1"),
    ("ja/", "知识产权保护中心", "s3/#s3.p3"),
    ("en/", term_names("hague-agreement")["en"], "s7/#s7.p1"),
    ("en/", term_names("geographical-indication")["en"], "s3/#s3.p3"),
    ("en/", term_names("tisc")["en"], "s6/#s6.p1"),
    ("en/", term_names("patent-navigation")["en"], "s5/#s5.p2"),
    ("en/", "海牙协定", "s7/#s7.p1"),
]


def open_search(page, site_url: str, edition: str, path: str = f"{PUB}/") -> None:
    page.goto(f"{site_url}{edition}{path}")
    page.locator(".tl-search__open").click()


def search(page, query: str) -> list[str]:
    """Type ``query`` into the open dialog; the hrefs of the results, in the order shown."""
    page.locator(".tl-search input[name=q]").fill("")
    page.keyboard.type(query)
    page.wait_for_function(
        "q => document.querySelector('.tl-search__results').dataset.query === q", arg=query
    )
    return list(
        page.eval_on_selector_all(".tl-search__results a[role=option]", "links => links.map(a => a.href)")
    )


def results(page, site_url: str, edition: str, query: str) -> list[str]:
    open_search(page, site_url, edition)
    return search(page, query)


@pytest.mark.browser
@pytest.mark.parametrize(("edition", "query", "paragraph"), QUERIES)
def test_query_finds_its_paragraph_in_the_readers_edition(
    page, site_url: str, edition: str, query: str, paragraph: str
) -> None:
    found = results(page, site_url, edition, query)
    assert f"{site_url}{edition}{PUB}/{paragraph}" in found[:5], found
    # Results come from the reader's edition (see also the test below): on the Chinese one (at
    # the root) that means no result under /ja/ or /en/, which a prefix check alone could not tell.
    assert all(href.startswith(site_url + edition) for href in found), found
    others = [other for other in ("ja/", "en/") if other != edition]
    assert not any(href.startswith(site_url + other) for other in others for href in found), found
    assert page.console_errors == [] and page.external_requests == []


@pytest.mark.browser
@pytest.mark.parametrize(("edition", "language", "other"), [("ja/", "ja", "en"), ("en/", "en", "ja")])
def test_results_come_from_the_readers_edition_and_not_another(
    page, site_url: str, edition: str, language: str, other: str
) -> None:
    # The Chinese original is in every edition's index, so another edition's index would answer
    # this query too: only the results' addresses and the languages of their lines tell which
    # index answered (on the Chinese edition, at the root, a prefix check alone says nothing).
    found = results(page, site_url, edition, "海牙协定")
    assert found and all(href.startswith(site_url + edition) for href in found), found
    lines = page.eval_on_selector_all(
        ".tl-search__group--page .tl-search__part", "parts => parts.map(p => p.lang)"
    )
    assert language in lines and "zh-Hans" in lines, lines
    assert other not in lines, f"a line in {other}: the results came from the {other} edition"


@pytest.mark.browser
def test_a_result_opens_the_page_at_the_paragraph_and_says_its_language(page, site_url: str) -> None:
    results(page, site_url, "en/", term_names("hague-agreement")["en"])
    result = page.locator(f'.tl-search__result[href$="{PUB}/s7/#s7.p1"]')
    badges = result.locator(".tl-search__lang")
    assert [badges.nth(i).inner_text() for i in range(badges.count())] == ["English", "中文"], (
        "the edition's language first, then the original"
    )
    result.click()
    page.wait_for_url(f"{site_url}en/{PUB}/s7/#s7.p1")
    assert "tl-highlight" in (page.locator('[id="s7.p1"]').get_attribute("class") or "")
    assert not page.locator(".tl-search__dialog").evaluate("d => d.open")


@pytest.mark.browser
def test_results_are_grouped_by_page_text_first_with_paragraph_numbers(page, site_url: str) -> None:
    open_search(page, site_url, "en/")
    search(page, term_names("trademark")["en"])
    groups = page.eval_on_selector_all(
        ".tl-search__group",
        """gs => gs.map(g => ({
            cls: g.className,
            title: g.querySelector('.tl-search__group-title').textContent,
            hrefs: [...g.querySelectorAll('a[role=option]')].map(a => a.getAttribute('href')),
        }))""",
    )
    kinds = [g["cls"].split("tl-search__group--")[1] for g in groups]
    assert kinds[0] == "card", "the query is a glossary term: its definition first"
    assert "glossary/#trademark" in groups[0]["hrefs"][0]
    text = [i for i, kind in enumerate(kinds) if kind == "page"]
    entries = [i for i, kind in enumerate(kinds) if kind in ("glossary", "references")]
    assert len(text) >= 4 and entries and max(text) < min(entries), kinds
    titles = [groups[i]["title"] for i in text]
    assert len(titles) == len(set(titles)), "one group per page"
    first_text = groups[text[0]]["hrefs"]
    assert all("#s" in href for href in first_text), "paragraphs of the plan, not lists of terms"
    numbers = page.eval_on_selector_all(
        ".tl-search__group--page .tl-search__where", "ws => ws.map(w => w.textContent)"
    )
    assert numbers and all(n.startswith("¶") for n in numbers if n[1:].isdigit())


@pytest.mark.browser
def test_snippets_mark_every_hit_in_each_language_and_start_near_it(page, site_url: str) -> None:
    open_search(page, site_url, "en/")
    names = term_names("geographical-indication")
    search(page, names["en"])
    result = page.locator(f'.tl-search__result[href$="{PUB}/s3/#s3.p2"]')
    english = result.locator('.tl-search__part[lang="en"]')
    chinese = result.locator('.tl-search__part[lang="zh-Hans"]')
    assert [m.lower() for m in english.locator("mark").all_inner_texts()][:1] == [names["en"].lower()]
    assert names["zh"] in chinese.locator("mark").all_inner_texts(), "the original's name of the term too"
    line = english.locator(".tl-search__text").inner_text()
    assert line.startswith("…") and len(line) < 260, "a window around the hit, not the paragraph's start"
    # A glossary entry shows each language's term and its reading apart, never glued.
    patent = glossary_term("patent")
    search(page, pinyin_query("patent"))
    card = page.locator(".tl-search__result--card").first
    assert card.get_attribute("href", timeout=2000).endswith("glossary/#patent")
    names = card.locator(".tl-search__name").all_inner_texts()
    assert names == [patent.terms["en"], patent.terms["zh"], patent.terms["ja"]]
    reading = patent.pinyin or pinyin_with_tones(patent.terms["zh"])
    assert card.locator(".tl-search__reading mark").first.inner_text() == reading
    assert page.console_errors == []


@pytest.mark.browser
def test_prefix_while_typing_and_close_spellings(page, site_url: str) -> None:
    open_search(page, site_url, "en/")
    indication = term_names("geographical-indication")["en"]
    first = indication.split()[0]
    assert f"{site_url}en/{PUB}/s3/#s3.p2" in search(page, first[: max(4, len(first) - 4)])[:5]
    word = term_names("trademark")["en"]
    trade = search(page, word[: max(3, len(word) - 4)])
    trademark = search(page, word)
    assert len(trade) >= len(trademark) > 5, "the word being typed matches the words it begins"
    hague = term_names("hague-agreement")["en"].split()[0]
    assert f"{site_url}en/{PUB}/s7/#s7.p1" in search(page, typo(hague))[:5]
    status = page.locator(".tl-search__status").inner_text()
    assert hague.lower() in status, "the reader is told which spelling was used"
    misspelt = indication.replace(first, typo(first), 1)
    assert f"{site_url}en/{PUB}/s3/#s3.p2" in search(page, misspelt)[:5]
    exact = search(page, term_names("patent")["en"])
    assert exact and "Including close spellings" not in page.locator(".tl-search__status").inner_text()


@pytest.mark.browser
def test_keyboard_moves_through_results_and_opens_one(page, site_url: str) -> None:
    open_search(page, site_url, "en/", f"{PUB}/s1/")
    found = search(page, term_names("hague-agreement")["en"])
    field = page.locator(".tl-search input[name=q]")
    assert field.get_attribute("role") == "combobox" and field.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    active = field.get_attribute("aria-activedescendant")
    option = page.locator(f'[id="{active}"]')
    assert option.get_attribute("aria-selected") == "true" and option.get_attribute("role") == "option"
    assert page.evaluate("document.activeElement.name") == "q", "focus stays in the field"
    page.keyboard.press("ArrowUp")
    first = page.locator(f'[id="{field.get_attribute("aria-activedescendant")}"]')
    assert first.get_attribute("href") == found[0].replace(site_url, "/") or found[0].endswith(
        str(first.get_attribute("href"))
    )
    page.keyboard.press("Enter")
    page.wait_for_url(found[0])
    page.locator(".tl-search__open").click()
    page.keyboard.press("Escape")
    assert not page.locator(".tl-search__dialog").evaluate("d => d.open")
    assert page.console_errors == []


@pytest.mark.browser
def test_filters_narrow_to_glossary_or_text_and_count(page, site_url: str) -> None:
    open_search(page, site_url, "en/")
    ip = glossary_term("intellectual-property")
    shortest = min((ip.terms["en"], *ip.variants.get("en", ())), key=len)
    everything = search(page, shortest)
    assert everything[0].endswith("/glossary/#intellectual-property"), "IP names it: its card first"
    assert all("#s" in href for href in everything[1:4]), "then paragraphs, not 50 glossary entries"
    count = int(page.locator('.tl-search__count[data-kind="glossary"]').inner_text())
    assert count > 10 and len(everything) < 60
    page.locator(".tl-search__kind", has_text="Glossary").click()
    page.wait_for_function("() => document.querySelectorAll('.tl-search__group--page').length === 0")
    glossary = page.eval_on_selector_all("a[role=option]", "links => links.map(a => a.getAttribute('href'))")
    assert glossary and all("/glossary/#" in href for href in glossary)
    page.locator(".tl-search__kind", has_text="Text").click()
    page.wait_for_function("() => document.querySelectorAll('.tl-search__group--glossary').length === 0")
    text = page.eval_on_selector_all("a[role=option]", "links => links.map(a => a.getAttribute('href'))")
    assert text and not any("/glossary/" in href or "/references/" in href for href in text)
    assert not page.locator(".tl-search__publication").is_visible(), "one publication: nothing to choose"


def test_each_edition_has_its_own_index_without_the_third_language(built_site: Path) -> None:
    japanese, english = (translation(lang, "s7.p1.s1")[:12] for lang in ("ja", "en"))
    for edition, absent in (("", japanese), ("ja/", english), ("en/", japanese)):
        index = load_edition(built_site / edition / "search")
        assert all(
            not doc["u"].startswith(("ja/", "en/")) or doc["u"].startswith(edition) for doc in index.docs
        )
        section_docs = [doc for doc in index.docs if f"{PUB}/s7/#s7.p1" in doc["u"]]
        assert len(section_docs) == 1
        shown = " ".join(text for _, text in section_docs[0]["p"])
        assert absent not in shown


def test_the_index_is_split_into_small_files_named_by_content(built_site: Path) -> None:
    import hashlib

    directory = built_site / "en" / "search"
    meta = json.loads((directory / "meta.json").read_bytes())
    assert (directory / "meta.json").stat().st_size < 8_000
    fragments = [f[1] for f in meta["fragments"]]
    for folder, names in (("l", meta["lexicon"]), ("s", meta["shards"]), ("f", fragments)):
        files = sorted((directory / folder).glob("*.json"))
        assert sorted(f.stem for f in files) == sorted(names), folder
        for path in files:
            assert hashlib.sha256(path.read_bytes()).hexdigest()[:16] == path.stem
    sizes = {folder: max(p.stat().st_size for p in (directory / folder).glob("*.json")) for folder in "lsf"}
    assert sizes["l"] < 3 * LEXICON_BYTES and sizes["f"] < 3 * FRAGMENT_BYTES
    assert sizes["s"] < 3 * SHARD_BYTES, "only a single long posting list may exceed a shard's size"
    assert not (directory / "index.json").exists()


def test_records_are_the_texts_alone_and_entries_come_from_the_glossary(built_site: Path) -> None:
    index = load_edition(built_site / "en" / "search")
    notice = UI["en"]["unofficial"][:24]
    assert not any(notice in text for doc in index.docs for _, text in doc.get("p", []))
    record = index.doc(f"en/{PUB}/s3/#s3.p2")
    assert (
        record["n"] == "2"
        and record["kind"] == "text"
        and record["title"].startswith(section_heading("en", 3, ""))
    )
    assert [lang for lang, _ in record["p"]] == ["zh", "en"], "as the page has them"
    assert "term:geographical-indication" in record["c"]
    entry = index.doc("en/glossary/#patent")
    assert entry["kind"] == "glossary"
    patent = glossary_term("patent")
    reading = patent.pinyin or pinyin_with_tones(patent.terms["zh"])
    assert entry["g"]["t"] == [
        ["en", patent.terms["en"], ""],
        ["zh", patent.terms["zh"], reading],
        ["ja", patent.terms["ja"], patent.kana],
    ]
    reference = index.doc("en/references/#hague-agreement")
    assert reference["kind"] == "references" and reference["r"]["t"][0][0] == "en"
    assert reference_entry("hague-agreement").issuer["en"] in reference["r"]["i"], "the issuer apart"
    assert not any(doc["u"] in ("en/glossary/", "en/references/") for doc in index.docs), "no intro records"


def test_terms_are_found_by_pinyin_kana_and_forbidden_forms(built_site: Path) -> None:
    index = load_edition(built_site / "ja" / "search")
    patent = next(n for n, doc in enumerate(index.docs) if doc["u"] == "ja/glossary/#patent")
    entry = glossary_term("patent")
    katakana = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in entry.kana)
    for word in (pinyin_query("patent"), entry.kana, katakana, *entry.forbidden["ja"]):
        assert patent in [n for n, _ in index.postings(word)], word
    paragraph = next(n for n, doc in enumerate(index.docs) if doc["u"] == f"ja/{PUB}/s3/#s3.p2")
    assert paragraph in [n for n, _ in index.postings(pinyin_query("patent"))], "paragraphs annotated too"
    weights = dict(index.postings(pinyin_query("patent")))
    assert weights[patent] > weights[paragraph], "the entry above the paragraph that uses the term"


def test_untranslated_paragraphs_are_indexed_once_in_the_original() -> None:
    html = (
        '<div class="tl-row tl-row--paragraph" id="s2.p1">'
        '<div class="tl-cell tl-cell--source" lang="zh-Hans"><span class="tl-seg">推进专利转化。</span></div>'
        '<div class="tl-cell tl-cell--target" lang="en"><span class="tl-seg tl-seg--missing" lang="zh-Hans">'
        '<span class="tl-mark" lang="en">Not yet translated</span>推进专利转化。</span></div></div>'
        '<p class="tl-notice" lang="en">This English translation is unofficial.</p>'
        "<h2 id='x'>Cards</h2><div class='tl-cards'><a class='tl-card' href='s0/'>"
        "<span class='tl-card__title'>General</span><span class='tl-card__summary'>Guided by</span>"
        "<span class='tl-card__terms'><span>patent</span></span></a></div>"
    )
    html += (
        '<div class="tl-fulltext" data-search-exclude><div class="tl-row" id="s2.p1">'
        '<div class="tl-cell" lang="zh-Hans">推进专利转化。</div></div></div>'
    )
    records = page_records(html, "en/second-plan/s2/", "Title", "en")
    assert len(records) == 2, "nothing of an excluded part, not even an empty record"
    assert records[0].parts == [("zh", "推进专利转化。")] and records[0].number == "1"
    assert records[1].heading == "Cards" and records[1].parts == [("en", "General Guided by")]


def test_chinese_terms_from_the_glossary_stay_whole() -> None:
    plain = Tokenizer()
    with_terms = Tokenizer({"zh": {"知识产权保护中心", "快速维权中心"}})
    text = "新建20家左右知识产权保护中心和快速维权中心"
    assert "知识产权保护中心" not in plain.tokens(text, "zh")
    tokens = with_terms.tokens(text, "zh")
    assert {"知识产权保护中心", "快速维权中心", "知识", "产权", "保护", "中心"} <= set(tokens), (
        "whole, and its parts"
    )


def test_japanese_is_cut_into_words_and_english_is_stemmed() -> None:
    tokens = Tokenizer({"ja": {"ハーグ協定"}}).tokens("『意匠の国際登録に関するハーグ協定』", "ja")
    assert {"意匠", "国際", "登録", "ハーグ", "協定", "ハーグ協定"} <= set(tokens)
    assert Tokenizer().tokens("Geographical Indications and the centers", "en") == [
        "geographical",
        "indication",
        "center",
    ]
    assert [stem(w) for w in ("agencies", "boxes", "centers", "protecting", "improved", "is", "gas")] == [
        "agency", "box", "center", "protect", "improv", "is", "gas",
    ]  # fmt: skip


def test_width_case_and_diacritics_are_folded() -> None:
    tokens = list(latin_tokens("ＰＡＴＥＮＴＳ Zhuānlì Ｈａｇｕｅ ﬁling"))
    assert tokens == ["patent", "zhuanli", "hague", "fil"], "ﬁling stemmed as filing"
    assert "ハーグ" in Tokenizer().tokens("ﾊｰｸﾞ協定", "ja"), "half-width katakana"
    assert pinyin_keys("专利") == ("zhuanli",) and pinyin_keys("绿色", "lǜ sè") == ("luse", "lvse")
    assert kana_keys("せんり") == ["せんり", "センリ"]


@pytest.mark.browser
def test_a_file_gone_since_the_page_loaded_is_fetched_again_with_the_new_meta(page, site_url: str) -> None:
    """After a deployment, a page still open asks for files by their old names: the dialog reads
    meta.json again once instead of failing."""
    open_search(page, site_url, "en/")
    search(page, "patent")
    failed: list[str] = []

    def once(route) -> None:
        if not failed:
            failed.append(route.request.url)
            route.fulfill(status=404, body="")
        else:
            route.continue_()

    page.route("**/search/s/*.json", once)
    found = search(page, "Hague Agreement")
    assert failed and f"{site_url}en/{PUB}/s7/#s7.p1" in found
    page.console_errors.clear()  # the browser reports the 404 itself
