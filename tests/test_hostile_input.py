"""Careless or hostile input files give `file:line: problem — remedy`, never a traceback, a hang or a leak."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from trilingual.config import SiteLanguages, load_ui
from trilingual.errors import SourceError, TranslationError, UserError
from trilingual.ingest import ingest
from trilingual.library import load
from trilingual.search import Tokenizer
from trilingual.terms import find_terms
from trilingual.yamlfile import read, round_trip

LANGS = SiteLanguages("zh", ("ja", "en"))


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- the YAML door ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("a: ok\nb: page\x0cbreak\n", 2, "control character (U+000C)"),
        ("a: \x01\n", 1, "control character (U+0001)"),
        ("a: ok\n\nb: v\x0btab\n", 3, "control character (U+000B)"),
        ("title: S\x7f3\n", 1, "control character (U+007F)"),
        ("a: \u202eevil\n", 1, "control character (U+202E)"),
        ("? [a, b]\n: c\n", 1, "a key must be a plain name"),
        ("a: &x {k: 1}\nb:\n  <<: *x\n", 1, "anchors and aliases"),
    ],
)
def test_malformed_yaml_is_refused_with_its_line(tmp_path: Path, text: str, line: int, problem: str) -> None:
    with pytest.raises(TranslationError) as error:
        read(write(tmp_path / "ja.yml", text))
    assert error.value.line == line and problem in error.value.message and error.value.hint


def test_an_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]")
    with pytest.raises(TranslationError, match="anchors and aliases"):
        read(write(tmp_path / "ja.yml", "\n".join(lines) + "\n"))


def test_a_symlink_is_not_followed_and_nothing_of_its_target_is_printed(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "root:x:0:0:secret-content\n")
    (tmp_path / "ja.yml").symlink_to(secret)
    with pytest.raises(TranslationError) as error:
        read(tmp_path / "ja.yml")
    assert "symbolic link" in str(error.value) and "secret-content" not in str(error.value)


def test_a_publication_folder_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside" / "second-plan"
    shutil.copytree(FIXTURES / "second-plan", outside)
    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns("cnipa-*"))
    (translations / "second-plan").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UserError, match="symbolic link"):
        load(translations, LANGS)


def test_schema_errors_quote_a_short_excerpt_of_a_long_value(tmp_path: Path) -> None:
    from trilingual.translations import load_translation_file

    path = write(
        tmp_path / "ja.yml", "language: ja\nsegments:\n  title:\n    text: [" + "x, " * 5000 + "x]\n"
    )
    with pytest.raises(TranslationError) as error:
        load_translation_file(path, "ja")
    assert len(str(error.value)) < 400


def test_a_missing_interface_file_is_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(TranslationError, match="the file is missing"):
        load_ui(tmp_path / "ui.yml", LANGS)


@pytest.mark.parametrize(
    "template", ["{label}、{title} {oops", "{nope}", "{0}", "{title:>9999999}", "{title.__class__.__mro__}"]
)
def test_a_heading_template_with_anything_but_its_placeholders_is_refused(
    tmp_path: Path, template: str
) -> None:
    ui = read(ROOT / "translations" / "ui.yml")
    ui["ja"]["section_heading"] = template
    buffer = io.StringIO()
    round_trip().dump({k: dict(v) for k, v in ui.items()}, buffer)
    path = write(tmp_path / "ui.yml", buffer.getvalue())
    with pytest.raises(TranslationError) as error:
        load_ui(path, LANGS)
    assert error.value.line and "section_heading" in error.value.message


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=40)
    | st.sampled_from(
        [
            "yes",
            "No",
            "on",
            "OFF",
            "12:30",
            "1:20:30",
            "0o17",
            "0x1F",
            "~",
            "null",
            "1e3",
            ".inf",
            "2021-05-19x",
            "- a",
            "? b",
        ]
    )
)
def test_what_the_writer_writes_the_readers_read_back(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    """ruamel.yaml writes YAML 1.2; the reader reads YAML 1.2: a translator's `yes` stays text."""
    path = tmp_path_factory.mktemp("y") / "ja.yml"
    buffer = io.StringIO()
    round_trip().dump({"segments": {"title": {"text": text}}}, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    import unicodedata

    assert read(path)["segments"]["title"]["text"] == unicodedata.normalize("NFC", text)


# -- sources -----------------------------------------------------------------------------


def test_a_control_character_in_a_source_is_refused_and_a_form_feed_is_a_break(tmp_path: Path) -> None:
    text = (FIXTURES / "second-plan" / "source.zh.md").read_text(encoding="utf-8")
    assert ingest(write(tmp_path / "a.zh.md", text.replace("\n\n", "\n\x0c\n", 3)), "a").segment_map()
    with pytest.raises(SourceError) as error:
        ingest(write(tmp_path / "b.zh.md", text.replace("。", "。\x01", 1)), "b")
    assert error.value.line and "U+0001" in error.value.message


def test_a_source_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    (tmp_path / "source.zh.md").symlink_to(FIXTURES / "second-plan" / "source.zh.md")
    with pytest.raises(SourceError, match="symbolic link"):
        ingest(tmp_path / "source.zh.md", "x")


# -- the site ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["about", "translate", "index", "glossary", "ja", "search", "assets"])
def test_a_publication_may_not_take_the_name_of_a_page_the_site_has(tmp_path: Path, name: str) -> None:
    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns("cnipa-*"))
    shutil.copytree(FIXTURES / "second-plan", translations / name)
    with pytest.raises(TranslationError, match="already has"):
        load(translations, LANGS, ROOT / "docs")


# -- matchers and tokenizers take any Unicode ---------------------------------------------------


def test_a_ligature_in_a_term_does_not_break_matching() -> None:
    forms = [("ﬁling office", "a"), ("İstanbul", "b"), ("straße", "c")]
    found = find_terms("the ﬁling office, the FILING OFFICE, İSTANBUL, Straße", forms, ignore_case=True)
    assert [m.key for m in found] == ["a", "b", "c"]


def test_a_long_japanese_run_without_punctuation_is_indexed() -> None:
    tokens = Tokenizer({}).tokens("知的財産権" * 5000, "ja")
    assert "知的" in tokens


def test_the_site_loads_with_the_real_files() -> None:
    assert load(ROOT / "translations", LANGS, ROOT / "docs").publications


# -- check reads what the build reads ---------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "before", "after"),
    [
        ("ui.yml", "section_heading: ", 'section_heading: "{title.__class__}" # '),
        ("references.yml", "kind: policy-document", "kind: novel"),
        ("cnipa-2021-work-plan/publication.yml", "source: source.zh.md", "source: source.zh.md\nbogus: 1"),
    ],
)
def test_check_reports_every_file_the_build_reads(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    file: str,
    before: str,
    after: str,
) -> None:
    from conftest import make_project
    from trilingual.cli import main

    project = make_project(tmp_path / "p")
    monkeypatch.chdir(project)
    path = project / "translations" / file
    path.write_text(path.read_text(encoding="utf-8").replace(before, after, 1), encoding="utf-8")
    assert main(["check"]) != 0
    err = capsys.readouterr().err
    assert f"translations/{file}:" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "text", ["yes", "No", "on", "OFF", "12:30", "1:20:30", "~", "null", "0x1F", "- a", "!x"]
)
def test_a_translation_written_by_the_tools_reads_back_as_written(tmp_path: Path, text: str) -> None:
    from trilingual.translations import load_translation_file, write_updates

    document = ingest(FIXTURES / "second-plan" / "source.zh.md", "second-plan")
    title = document.metadata.title
    path = tmp_path / "ja.yml"
    update = {"text": text, "status": "draft", "source_hash": title.hash, "source": title.text}
    path.write_text(write_updates(path, "ja", document, {"title": update}), encoding="utf-8")
    assert load_translation_file(path, "ja").entries["title"].text == text


def test_a_site_whose_original_is_not_chinese_is_refused_with_a_remedy() -> None:
    from types import SimpleNamespace

    from trilingual.config import site_languages

    def lang(locale: str, default: bool = False) -> SimpleNamespace:
        return SimpleNamespace(locale=locale, name=locale, default=default, build=True)

    assert site_languages([lang("zh", True), lang("ja"), lang("fr")]).targets == ("ja", "fr")
    with pytest.raises(ValueError, match="originals are Chinese"):
        site_languages([lang("en", True), lang("zh")])


@pytest.mark.parametrize(
    "escape", ["\\0", "\\x1b", "\\x07", "\\x7f", "\\u202e", "\\u2028", "\\x0c", "\\ufeff"]
)
def test_control_characters_written_as_escapes_are_refused_too(tmp_path: Path, escape: str) -> None:
    path = write(tmp_path / "ja.yml", f'language: ja\nsegments:\n  title:\n    text: "日本語{escape}訳"\n')
    with pytest.raises(TranslationError) as error:
        read(path)
    assert error.value.line == 4 and "control character" in error.value.message


def test_a_template_that_breaks_its_rule_is_explained_in_the_rules_words(tmp_path: Path) -> None:
    ui = read(ROOT / "translations" / "ui.yml")
    ui["en"]["citation"] = "{issuer} {oops"
    buffer = io.StringIO()
    round_trip().dump({k: dict(v) for k, v in ui.items()}, buffer)
    with pytest.raises(TranslationError) as error:
        load_ui(write(tmp_path / "ui.yml", buffer.getvalue()), LANGS)
    message = error.value.message
    assert error.value.line and "en.citation" in message and "No other braces" in message


@pytest.mark.parametrize("months", [None, "", "January February"])
def test_a_date_format_that_names_the_month_needs_twelve_month_names(
    tmp_path: Path, months: str | None
) -> None:
    ui = read(ROOT / "translations" / "ui.yml")
    ui["en"]["month_names"] = months
    buffer = io.StringIO()
    round_trip().dump({k: dict(v) for k, v in ui.items()}, buffer)
    with pytest.raises(TranslationError, match="twelve") as error:
        load_ui(write(tmp_path / "ui.yml", buffer.getvalue()), LANGS)
    assert error.value.line
