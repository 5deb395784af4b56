"""Ingestion: the original text, verbatim as received, becomes a :class:`~trilingual.model.Document`.

The rules work from the text alone, never from a list of known places:

* metadata — the first ``#`` heading is the title; ``发布时间：2021-05-19`` style lines give
  the date (and ``发布机关：`` the issuer, else the title's prefix before the year); a closing
  ``来源：`` / ``出所：`` note and a bare link give the source note and URL;
* page breaks — a block that stops without final punctuation continues in the next block,
  unless the next block starts a heading, a section or the closing note;
* spacing — PDF-style spaces next to CJK characters are removed;
* structure — ``一、`` … ``十二、`` open numbered sections (the title in bold at the start of a
  paragraph, or standing alone); everything before the first is the preamble (section 0).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .chinese import (
    CHINESE_NUMERAL,
    HAN_RE,
    chinese_numeral_value,
    ends_paragraph,
    join_broken,
    normalize_spaces,
    split_sentences,
    unescape_markdown,
)
from .errors import SourceError, UserError
from .model import Document, Metadata, Paragraph, Section, Segment
from .yamlfile import control_character, regular_file

MAX_SOURCE_BYTES = 5 * 1024 * 1024

_HEADING_RE = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*$")
_SECTION_RE = re.compile(
    rf"^(?P<bold>\*\*)?\s*(?P<numeral>{CHINESE_NUMERAL})、(?P<rest>.*)$",
    re.DOTALL,
)
_SUBITEM_RE = re.compile(rf"^[（(]{CHINESE_NUMERAL}[）)]")
_META_RE = re.compile(r"^(?P<key>[\u4e00-\u9fff]{2,6})[:：]\s*(?P<value>.+)$")
_DATE_KEYS = {"发布时间", "发布日期", "印发日期", "成文日期", "日期", "时间"}
_ISSUER_KEYS = {"发布机关", "发文机关", "发布机构", "发布单位", "来源单位"}
_NOTE_RE = re.compile(r"^(?:出所|来源|出处|资料来源|原文|原文链接|Source)\s*[:：]", re.IGNORECASE)
_LINK_ONLY_RE = re.compile(r"^(?:\[(?P<text>[^\]]*)\]\((?P<href>[^)\s]+)\)|<?(?P<bare>https?://\S+?)>?)$")
_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__", re.DOTALL)
_DATE_RE = re.compile(r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})")
_YEAR_PREFIX_RE = re.compile(r"^(?P<issuer>.+?)\s*\d{4}\s*年")


@dataclass
class Block:
    """A run of non-blank lines of the source, with the line it starts on."""

    text: str
    line: int


def decode(data: bytes, path: str | Path) -> str:
    """Decode UTF-8 (with or without BOM), or GB18030/GBK when the bytes are clearly Chinese.

    Anything else is refused rather than turned into mojibake.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text = ""
        non_ascii = [c for c in text if not c.isascii()]
        han = sum(1 for c in non_ascii if HAN_RE.match(c) or c in "，。、；：？！“”（）《》")
        if non_ascii and han / len(non_ascii) > 0.9:
            return text
        line = data[: utf8_error.start].count(b"\n") + 1
        raise SourceError(
            path,
            f"the file is neither UTF-8 nor GB18030/GBK text (undecodable byte at offset {utf8_error.start})",
            line=line,
            hint="save it as UTF-8 and run the build again",
        ) from None


def read_blocks(text: str) -> list[Block]:
    """Split text into blank-line separated blocks, dropping full-width indentation."""
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, start=1):
        line = raw.strip(" \t\u3000\ufeff")
        if line:
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append(Block("".join(current) if _is_cjk_joinable(current) else " ".join(current), start))
            current = []
    if current:
        blocks.append(Block("".join(current) if _is_cjk_joinable(current) else " ".join(current), start))
    return blocks


def _is_cjk_joinable(lines: list[str]) -> bool:
    """Lines of one block wrapped inside CJK text join without a space."""
    return any(HAN_RE.search(line) for line in lines)


def _plain(text: str) -> str:
    """Markdown inline markup → plain text, with PDF spaces removed."""
    text = _LINK_RE.sub(r"\1", text)
    text = _BOLD_RE.sub(lambda m: m.group(1) or m.group(2), text)
    return normalize_spaces(unescape_markdown(text)).strip()


def _starts_unit(block: Block) -> bool:
    """Whether a block can only begin something new (so it never continues the previous block)."""
    text = block.text
    meta = _META_RE.match(text)
    return bool(
        _HEADING_RE.match(text)
        or _SECTION_RE.match(text)
        or _SUBITEM_RE.match(text.lstrip("*"))
        or _NOTE_RE.match(text)
        or _LINK_ONLY_RE.match(text)
        or (meta and meta.group("key") in _DATE_KEYS | _ISSUER_KEYS)
    )


def _is_standalone_heading(block: Block) -> bool:
    """A section title or ``（一）`` sub-item standing alone as its own paragraph.

    A block that opens bold (or a 《 title, or a quote) without closing it is cut short, not alone.
    """
    if _unfinished(block):
        return False
    text = _plain(block.text)
    section = _SECTION_RE.match(block.text)
    if section and section.group("bold") and block.text.rstrip().endswith("**"):
        return True
    if section or _SUBITEM_RE.match(text):
        return not any(mark in text for mark in "，。；！？：")
    return False


def _unfinished(block: Block) -> bool:
    """Bold, a 《title》 or a “quote” opened and not closed: the block was cut by a page break."""
    text = block.text
    return bool(
        text.count("**") % 2 or text.count("《") > text.count("》") or text.count("“") > text.count("”")
    )


def repair_page_breaks(blocks: list[Block]) -> list[Block]:
    """Join blocks that a page break split in the middle of a sentence."""
    repaired: list[Block] = []
    for block in blocks:
        if repaired:
            previous = repaired[-1]
            if _unfinished(previous) or not (
                ends_paragraph(previous.text)
                or (_starts_unit(previous) and _is_standalone_heading(previous))
                or _HEADING_RE.match(previous.text)
                or _NOTE_RE.match(previous.text)
                or _LINK_ONLY_RE.match(previous.text)
                or _starts_unit(block)
            ):
                repaired[-1] = Block(join_broken(previous.text, block.text), previous.line)
                continue
        repaired.append(block)
    return repaired


def ingest(
    path: str | Path, publication: str, *, language: str = "zh-Hans", issuer: str | None = None
) -> Document:
    """Read and structure one publication's original text."""
    path = Path(path)
    try:
        regular_file(path)
    except UserError as error:
        raise SourceError(error.path, error.message, hint=error.hint) from None
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(path, f"cannot read the source: {error.strerror}", hint="check the path") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(
            path,
            f"the source is {len(data) // 1024} KiB, more than the {MAX_SOURCE_BYTES // 1024} KiB limit",
            hint="split it into several publications",
        )
    return parse(clean(decode(data, path), path), publication, path=path, language=language, issuer=issuer)


_PAGE_BREAK_RE = re.compile("[\x0b\x0c]")


def clean(text: str, path: str | Path) -> str:
    """Text normalised to NFC; form feeds and vertical tabs that PDF converters leave at page
    breaks become line breaks; any other control character is refused with its line."""
    text = _PAGE_BREAK_RE.sub("\n", text)
    control = control_character(text)
    if control:
        raise SourceError(
            path,
            f"a control character ({control[0]}) is in the text",
            line=control[1],
            hint="delete it (text converted from a PDF often carries them)",
        )
    return unicodedata.normalize("NFC", text)


def parse(
    text: str,
    publication: str,
    *,
    path: str | Path = "<source>",
    language: str = "zh-Hans",
    issuer: str | None = None,
) -> Document:
    """Structure the text of an original (see the module docstring for the rules)."""
    blocks = read_blocks(text)
    if not blocks:
        raise SourceError(path, "the source is empty", line=1, hint="put the original text in this file")

    title_block = next((b for b in blocks if _HEADING_RE.match(b.text)), None)
    if title_block is None:
        raise SourceError(
            path,
            "no title found",
            line=blocks[0].line,
            hint="make the document's title the first line, starting with '# '",
        )
    title_match = _HEADING_RE.match(title_block.text)
    assert title_match is not None
    title = _plain(title_match.group("text"))
    body_blocks = [b for b in blocks if b is not title_block]

    date: dt.date | None = None
    found_issuer = issuer
    note: str | None = None
    url: str | None = None
    kept: list[Block] = []
    for block in body_blocks:
        meta = _META_RE.match(block.text)
        if meta and meta.group("key") in _DATE_KEYS and date is None:
            date = _parse_date(meta.group("value"), path, block.line)
            continue
        if meta and meta.group("key") in _ISSUER_KEYS and found_issuer is None:
            found_issuer = _plain(meta.group("value"))
            continue
        if _NOTE_RE.match(block.text):
            note = _plain(block.text)
            continue
        link = _LINK_ONLY_RE.match(block.text)
        if link:
            url = unescape_markdown(link.group("href") or link.group("bare") or link.group("text") or "")
            continue
        kept.append(block)

    if found_issuer is None:
        prefix = _YEAR_PREFIX_RE.match(title)
        found_issuer = prefix.group("issuer") if prefix else None

    sections = _sections(repair_page_breaks(kept), path)
    title_segment = Segment("title", title, title_block.line)
    cleaned = "\n".join([title] + [segment.text for section in sections for segment in _units(section)])
    return Document(
        publication=publication,
        language=language,
        metadata=Metadata(title_segment, date, found_issuer, note, url),
        sections=tuple(sections),
        source_path=str(path),
        cleaned_text=cleaned,
    )


def _units(section: Section) -> list[Segment]:
    """Title and paragraphs of a section as one-line units (for the cleaned text)."""
    units = [section.title] if section.title else []
    units += [Segment(p.id, p.text, p.line) for p in section.paragraphs]
    return units


def _parse_date(value: str, path: str | Path, line: int) -> dt.date:
    match = _DATE_RE.search(value)
    if match:
        try:
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            pass
    raise SourceError(
        path,
        f"cannot read the date {value.strip()!r}",
        line=line,
        hint="write it as 2021-05-19 or 2021年5月19日",
    )


@dataclass
class _SectionDraft:
    number: int
    label: str
    title: str | None
    line: int
    paragraphs: list[Block]


def _sections(blocks: list[Block], path: str | Path) -> list[Section]:
    drafts: list[_SectionDraft] = [_SectionDraft(0, "", None, blocks[0].line if blocks else 1, [])]
    seen: dict[int, int] = {}
    for block in blocks:
        match = _SECTION_RE.match(block.text)
        if not match:
            drafts[-1].paragraphs.append(block)
            continue
        numeral = match.group("numeral")
        number = chinese_numeral_value(numeral)
        if number in seen:
            raise SourceError(
                path,
                f"section {numeral}、 appears twice (first on line {seen[number]})",
                line=block.line,
                hint="renumber the sections or remove the duplicate",
            )
        expected = drafts[-1].number + 1
        if number != expected:
            raise SourceError(
                path,
                f"section {numeral}、 ({number}) follows section {drafts[-1].number}; expected {expected}",
                line=block.line,
                hint="check the numbering: a section may be missing or out of order",
            )
        seen[number] = block.line
        title, body = _split_title(match)
        draft = _SectionDraft(number, numeral, title, block.line, [])
        if body:
            draft.paragraphs.append(Block(body, block.line))
        drafts.append(draft)

    if len(drafts) == 1:
        raise SourceError(
            path,
            "no numbered sections found",
            line=blocks[0].line if blocks else 1,
            hint="sections must start with a Chinese numeral and 、 (一、 二、 …), optionally in bold",
        )
    sections = []
    for draft in drafts:
        if not draft.paragraphs and not draft.number == 0:
            raise SourceError(
                path,
                f"section {draft.label}、 has a heading but no text",
                line=draft.line,
                hint="add its paragraphs, or remove the heading",
            )
        if draft.number == 0 and not draft.paragraphs:
            continue
        sections.append(_build_section(draft))
    return sections


def _split_title(match: re.Match[str]) -> tuple[str, str]:
    """Separate a section's title from the body text that follows it in the same block."""
    rest = match.group("rest")
    if match.group("bold"):
        title, closed, body = rest.partition("**")
        if closed:
            return _plain(title), body.strip()
    plain = _plain(rest)
    sentences = split_sentences(plain)
    if len(sentences) <= 1:
        return plain, ""
    return sentences[0], "".join(sentences[1:])


def _build_section(draft: _SectionDraft) -> Section:
    sid = f"s{draft.number}"
    title = Segment(f"{sid}.title", draft.title, draft.line) if draft.title else None
    paragraphs = []
    for index, block in enumerate(draft.paragraphs, start=1):
        pid = f"{sid}.p{index}"
        sentences = tuple(
            Segment(f"{pid}.s{n}", sentence, block.line)
            for n, sentence in enumerate(split_sentences(_plain(block.text)), start=1)
        )
        paragraphs.append(Paragraph(pid, sentences, block.line))
    return Section(draft.number, draft.label, title, tuple(paragraphs), draft.line)
