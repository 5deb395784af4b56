"""Exchange with translators' tools: XLIFF 1.2 and TMX for texts, TBX and TSV for the term base.

XLIFF is read and written with translate-toolkit (the library behind Pootle and Weblate).
Statuses map onto XLIFF 1.2 as CAT tools read them:

=========  ==========================================================  ===============
ours       XLIFF ``<target state=…>``                                  ``approved``
=========  ==========================================================  ===============
missing    no ``<target>``                                              no
machine    ``needs-review-translation`` + ``state-qualifier="mt-suggestion"``  no
draft      ``translated``                                               no
reviewed   ``signed-off``                                               yes
stale      ``needs-review-translation`` (a translator confirms it by    no
           changing the state; only then does import update it)
=========  ==========================================================  ===============

An import updates the text and status of the entries that differ, and nothing else; a unit
whose id the source does not have is refused before anything is written.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree
from translate.storage import xliff

from .align import diff_marked
from .errors import UserError
from .glossary import Glossary
from .memory import DEFAULT_MIN, Match
from .model import Section, text_hash
from .publication import Publication
from .translations import State, Status, Translation

if TYPE_CHECKING:
    from .memory import Memory

LANGUAGE_TAGS = {"zh": "zh-Hans"}
"""One BCP 47 tag per language in every exchange format: the site's short codes mapped."""
LOCATION_PREFIX = "location:"
"""A unit's ``<context-group>`` (section and paragraph) is named this plus the unit's id."""


def bcp47(code: str) -> str:
    """The tag every exchange file uses for a language (``zh`` → ``zh-Hans``)."""
    return LANGUAGE_TAGS.get(code, code)


XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"


class Xliff12Unit(xliff.xliffunit):
    namespace = XLIFF_12


class Xliff12File(xliff.xlifffile):  # type: ignore[type-arg]
    """translate-toolkit's XLIFF store, writing the 1.2 namespace that CAT tools expect."""

    UnitClass = Xliff12Unit
    namespace = XLIFF_12
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{XLIFF_12}'>
<file original='NoName' source-language='zh-Hans' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""


def export_xliff(
    publication: Publication,
    language: str,
    memory: Memory | None = None,
    *,
    only_open: bool = False,
    matches: int = 3,
    minimum: int = DEFAULT_MIN,
) -> bytes:
    """Every segment of a publication as one XLIFF 1.2 file for ``language``.

    Each unit carries its section and paragraph as ``<context-group>``; with a ``memory``,
    the best ``matches`` library matches from ``minimum`` % up as ``<alt-trans>`` (what the CAT
    tool shows as proposals); ``only_open`` keeps only missing and stale units.
    """
    store = Xliff12File(
        sourcelanguage=bcp47(publication.config.source_language), targetlanguage=bcp47(language)
    )
    store.setfilename(store.getfilenode("NoName"), publication.id)
    sections = {section.id: section for section in publication.document.sections}
    segments = list(publication.document.segments())
    for index, segment in enumerate(segments):
        state = publication.state(language, segment)
        if only_open and state not in (State.MISSING, State.STALE):
            continue
        unit = store.addsourceunit(segment.text, filename=publication.id)
        unit.setid(segment.id)
        unit.xmlelement.set("resname", segment.id)
        translation = publication.translation(language, segment)
        # What the target was at export (XLIFF's own slot for tool data): an import can then tell
        # a translator's edit from a file that changed since the export.
        exported = translation.text if translation is not None and translation.text else ""
        unit.xmlelement.set("extradata", f"{BASE_PREFIX}{text_hash(exported) if exported else ''}")
        if translation is not None and translation.text:
            unit.target = translation.text
            target = unit.xmlelement.find(f"{{{XLIFF_12}}}target")
            if state is State.STALE:
                # To be confirmed against the changed source: the translator's tool shows it as
                # needing review, and only a confirmed unit updates the entry on import.
                target.set("state", "needs-review-translation")
            elif translation.status is Status.REVIEWED:
                target.set("state", "signed-off")
                unit.markapproved(True)
            elif translation.status is Status.MACHINE:
                target.set("state", "needs-review-translation")
                target.set("state-qualifier", "mt-suggestion")
            else:
                target.set("state", "translated")
            if translation.status is not Status.REVIEWED or state is State.STALE:
                unit.markapproved(False)
            if translation.note:
                unit.addnote(translation.note, origin="translator")
        _context(unit.xmlelement, segment.id, sections)
        if state is State.STALE and translation is not None:
            _previous_version(unit.xmlelement, translation, segment.text)
        if memory is not None:
            before = segments[index - 1].hash if index > 0 else ""
            after = segments[index + 1].hash if index + 1 < len(segments) else ""
            found = memory.matches(
                segment.text,
                before=before,
                after=after,
                exclude=(publication.id, segment.id),
                limit=matches,
                minimum=minimum,
            )
            for match in found:
                _alt_trans(unit.xmlelement, match, bcp47(language))
    return bytes(store)


def _context(element: etree._Element, segment_id: str, sections: dict[str, Section]) -> None:
    """Where the unit stands: its section (with the section's title) and its paragraph.

    The group is named after the unit (``location:s3.p2.s1``): XLIFF 1.2 strict makes a
    context-group's name unique within the whole ``<file>``, not within one unit.
    """
    group = etree.SubElement(
        element,
        f"{{{XLIFF_12}}}context-group",
        {"name": f"{LOCATION_PREFIX}{segment_id}", "purpose": "location"},
    )
    section_id = segment_id.split(".")[0] if segment_id != "title" else ""
    section = sections.get(section_id)
    if section is not None:
        title = section.title.text if section.title is not None else ""
        etree.SubElement(
            group, f"{{{XLIFF_12}}}context", {"context-type": "x-section"}
        ).text = f"{section_id} {title}".strip()
    paragraph = segment_id.rsplit(".", 1)[0] if segment_id.count(".") == 2 else segment_id
    etree.SubElement(group, f"{{{XLIFF_12}}}context", {"context-type": "x-paragraph"}).text = paragraph


def _alt_trans(element: etree._Element, match: Match, language: str) -> None:
    """A memory match as CAT tools show it: quality, where it comes from, its source and target."""
    alt = etree.SubElement(
        element,
        f"{{{XLIFF_12}}}alt-trans",
        {"match-quality": str(match.percent), "origin": match.unit.origin, "alttranstype": "proposal"},
    )
    if match.in_context:
        alt.set("extradata", "in-context")
    etree.SubElement(alt, f"{{{XLIFF_12}}}source").text = match.unit.source
    target = etree.SubElement(alt, f"{{{XLIFF_12}}}target")
    target.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    target.text = match.unit.text


def _previous_version(element: etree._Element, translation: Translation, source: str) -> None:
    """A stale unit carries what was translated: a note with the change marked, and an alt-trans."""
    note = etree.SubElement(element, f"{{{XLIFF_12}}}note", {"from": "trilingual"})
    note.text = "The source changed since this was translated."
    if translation.source:
        note.text += f" Change: {diff_marked(translation.source, source)}"
        alt = etree.SubElement(element, f"{{{XLIFF_12}}}alt-trans", {"alttranstype": "previous-version"})
        etree.SubElement(alt, f"{{{XLIFF_12}}}source").text = translation.source
        etree.SubElement(alt, f"{{{XLIFF_12}}}target").text = translation.text


@dataclass(frozen=True)
class Change:
    segment_id: str
    what: str

    def __str__(self) -> str:
        return f"{self.segment_id}: {self.what}"


@dataclass
class ImportResult:
    language: str
    updates: dict[str, dict[str, str]] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class _Unit:
    id: str
    line: int
    source: str
    target: str | None
    state: str
    qualifier: str
    approved: bool
    notes: tuple[tuple[str, str], ...]
    base: str | None = None
    """Hash of the target when exported ("" for none); None when the tool dropped it."""


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _text(element: etree._Element | None) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


def read_xliff(path: Path) -> tuple[etree._Element, list[tuple[etree._Element, list[_Unit]]]]:
    """Parse an XLIFF 1.2 file strictly: no entities, no DTD, no network; lines kept for errors."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError(path, f"cannot read the file: {error.strerror}", hint="check the path") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise UserError(
            path,
            f"not well-formed XML: {error.msg}",
            line=error.lineno,
            hint="an entity such as &name; that XML does not define is not text: write the character "
            "itself, or export the file again from your tool",
        ) from None
    doctype = root.getroottree().docinfo.internalDTD
    if doctype is not None or b"<!ENTITY" in data:
        raise UserError(
            path,
            "the file declares a DTD or entities, which XLIFF from a CAT tool never does",
            hint="export the file again from your tool",
        )
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise UserError(path, f"unresolved entity {node.text} in the text", line=node.sourceline)
    if _local(root) != "xliff":
        raise UserError(path, f"not XLIFF: the root element is <{_local(root)}>", line=root.sourceline)
    files = []
    for file in (e for e in root.iter() if _local(e) == "file"):
        units = []
        for unit in (e for e in file.iter() if _local(e) == "trans-unit"):
            children = {_local(c): c for c in unit if _local(c) in ("source", "target")}
            target = children.get("target")
            notes = tuple(
                (str(n.get("from", "")), _text(n)) for n in unit if _local(n) == "note" and _text(n)
            )
            units.append(
                _Unit(
                    id=str(unit.get("id", "")),
                    line=unit.sourceline or 0,
                    source=_text(children.get("source")),
                    target=_text(target) if target is not None else None,
                    state=str(target.get("state", "")) if target is not None else "",
                    qualifier=str(target.get("state-qualifier", "")) if target is not None else "",
                    approved=unit.get("approved") == "yes",
                    base=_base(unit.get("extradata")),
                    notes=notes,
                )
            )
        files.append((file, units))
    return root, files


BASE_PREFIX = "trilingual-base:"


def _hash(text: str) -> str:
    return text_hash(text) if text else ""


def _base(extradata: str | None) -> str | None:
    if extradata is None or not extradata.startswith(BASE_PREFIX):
        return None
    return extradata[len(BASE_PREFIX) :]


def import_xliff(path: Path, publication: Publication, language: str, reviewed_by: str = "") -> ImportResult:
    """Read a translator's XLIFF; return the updates to apply and what each one changes.

    Refused, with nothing to apply: a file of another publication or language, a unit id
    twice, a unit whose id or source is not this publication's (its current source or the one
    its translation was made from). A changed text is never ``reviewed`` unless the unit is
    signed off and ``reviewed_by`` names the reviewer; a changed text of a stale or machine
    segment becomes ``draft``; notes from the tool are added beside the existing note.
    """
    _, files = read_xliff(path)
    if not files:
        raise UserError(path, "no <file> element: nothing to import", hint="export the file again")
    segments = publication.document.segment_map()
    result = ImportResult(language)
    seen: dict[str, int] = {}
    for file, units in files:
        original = file.get("original", "")
        if original != publication.id:
            raise UserError(
                path,
                f"this file is of {original!r}, not of {publication.id!r}; nothing was imported",
                line=file.sourceline,
                hint=f"import it into {original!r} (--publication), or export {publication.id!r} again",
            )
        target_language = str(file.get("target-language", ""))
        if target_language and bcp47(target_language).split("-")[0] != language.split("-")[0]:
            raise UserError(
                path,
                f"this XLIFF is for {target_language!r}, not {language!r}; nothing was imported",
                line=file.sourceline,
                hint="pass --lang",
            )
        for unit in units:
            if unit.id in seen:
                raise UserError(
                    path,
                    f"unit id {unit.id!r} twice (first on line {seen[unit.id]}); nothing was imported",
                    line=unit.line,
                    hint="XLIFF ids are unique: remove the duplicate unit",
                )
            seen[unit.id] = unit.line
            if unit.id not in segments:
                raise UserError(
                    path,
                    f"unknown segment id {unit.id!r}; nothing was imported",
                    line=unit.line,
                    hint=f"this file does not belong to {publication.id!r}, or its source has been "
                    "restructured: run `trilingual realign` and export again",
                )
            segment = segments[unit.id]
            current = publication.translation(language, segment)
            former = current.source if current is not None and current.source != segment.text else None
            if unit.source != segment.text and unit.source != former:
                raise UserError(
                    path,
                    f"the source of unit {unit.id!r} is neither the current text of that sentence nor the "
                    "one its translation was made from; nothing was imported",
                    line=unit.line,
                    hint="the file belongs to another version of the text: export again and redo the "
                    "changes there",
                )
            _decide(result, unit, segment.text, segment.hash, current, reviewed_by)
    return result


_SIGNED = {"signed-off", "final"}
_MT = {"mt-suggestion", "leveraged-mt"}


def _decide(
    result: ImportResult,
    unit: _Unit,
    source: str,
    source_hash: str,
    current: Translation | None,
    reviewed_by: str,
) -> None:
    """The update (if any) one unit makes, with a line saying what it changes."""
    text = unit.target or ""
    at_export = current.text if current is not None else ""
    if unit.base is not None and text != at_export and _hash(at_export) != unit.base:
        # The file changed since this XLIFF was exported (another import, a translator's save):
        # a unit the translator left alone is older than the file; one both changed is a conflict.
        if text and _hash(text) != unit.base:
            result.changes.append(
                Change(
                    unit.id,
                    "changed both in the file and in the tool since the export: "
                    "kept the file's (nothing changed)",
                )
            )
        return
    confirmed = not unit.state.startswith("needs-review") and unit.state not in ("new", "needs-translation")
    signed = unit.approved or unit.state in _SIGNED
    sign_off = signed and bool(reviewed_by)
    fields: dict[str, str] = {}
    said: list[str] = []
    if current is None:
        if not text:
            return
        status = Status.REVIEWED if sign_off else Status.MACHINE if unit.qualifier in _MT else Status.DRAFT
        fields = {"text": text, "status": status.value, "source_hash": source_hash, "source": source}
        fields["origin"] = "machine:cat-tool" if status is Status.MACHINE else "human"
        said.append(f"new translation ({status.value})")
    else:
        on_current = unit.source == source
        stale = current.source_hash != source_hash
        if text and text != current.text:
            fields["text"] = text
            said.append("text updated")
            status = Status.REVIEWED if sign_off and on_current else Status.DRAFT
            if on_current:
                fields |= {"source": source, "source_hash": source_hash}
            else:
                said.append("still stale: translated against the former source")
        elif stale and on_current and confirmed:
            status = Status.REVIEWED if sign_off else Status.DRAFT
            fields |= {"source": source, "source_hash": source_hash}
            said.append("confirmed against the current source")
        elif not stale and sign_off and current.status is not Status.REVIEWED:
            status = Status.REVIEWED
        elif not stale and current.status is Status.MACHINE and confirmed and unit.qualifier not in _MT:
            status = Status.DRAFT
            said.append("machine draft accepted")
        else:
            status = current.status
            if signed and not reviewed_by and current.status is not Status.REVIEWED and text:
                said.append("signed off in the tool: not marked reviewed without --reviewed-by NAME")
        if status is not current.status or "source_hash" in fields:
            fields["status"] = status.value
            if status is not current.status:
                why = ""
                if current.status is Status.REVIEWED:
                    why = " (the text changed; a sign-off needs --reviewed-by NAME)"
                said.append(f"{current.status.value} → {status.value}{why}")
        if status is Status.REVIEWED and (status is not current.status or "text" in fields):
            fields["reviewed_by"] = reviewed_by
        elif status is not Status.REVIEWED and current.reviewed_by:
            fields["reviewed_by"] = ""
        notes = [n for origin, n in unit.notes if origin != "trilingual" and n not in current.note]
        if notes:
            fields["note"] = "\n".join(
                [current.note, *dict.fromkeys(notes)] if current.note else dict.fromkeys(notes)
            )
            said.append("note added")
    if fields and (said or current is None):
        result.updates[unit.id] = fields
        result.changes.append(Change(unit.id, "; ".join(said) or "updated"))
    elif said:
        result.changes.append(Change(unit.id, "; ".join(said) + " (nothing changed)"))


def export_tmx(publication: Publication, *, include_machine: bool = False, dated: bool = True) -> bytes:
    """The aligned corpus as TMX 1.4b: one unit per segment with every current translation.

    Machine drafts are left out (a translation memory is what people wrote); with
    ``include_machine`` they come along, marked with ``x-status`` and ``x-origin`` props.
    ``dated=False`` leaves out the (optional) creation date, so that the site's download is the
    same file at every build of the same translations.
    """
    chosen = {Status.DRAFT, Status.REVIEWED} | ({Status.MACHINE} if include_machine else set())
    return export_library_tmx([publication], frozenset(chosen), dated=dated)


def export_library_tmx(
    publications: list[Publication], statuses: frozenset[Status], *, dated: bool = True
) -> bytes:
    """Several publications as one TMX 1.4b memory, with only translations of these statuses
    (``export --format tmx --library``: reviewed only unless asked)."""
    if not publications:
        raise UserError(Path("translations"), "no publications to export", hint="add a publication first")
    publication = publications[0]
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "trilingual",
            "creationtoolversion": "1",
            "segtype": "sentence",
            "o-tmf": "trilingual-yaml",
            "adminlang": "en",
            "srclang": bcp47(publication.config.source_language),
            "datatype": "plaintext",
        },
    )
    if dated:
        root[0].set("creationdate", dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ"))
    body = ET.SubElement(root, "body")
    for publication in publications:
        _tmx_units(body, publication, statuses)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _tmx_units(body: ET.Element, publication: Publication, statuses: frozenset[Status]) -> None:
    for segment in publication.document.segments():
        variants = []
        for language in publication.languages:
            translation = publication.translation(language, segment)
            state = publication.state(language, segment)
            if translation is None or state in (State.MISSING, State.STALE):
                continue
            if translation.status not in statuses:
                continue
            variants.append((language, translation))
        if not variants:
            continue
        unit = ET.SubElement(body, "tu", tuid=f"{publication.id}:{segment.id}")
        ET.SubElement(unit, "prop", type="x-publication").text = publication.id
        tuv = ET.SubElement(unit, "tuv", {"xml:lang": bcp47(publication.config.source_language)})
        ET.SubElement(tuv, "seg").text = segment.text
        for language, translation in variants:
            tuv = ET.SubElement(unit, "tuv", {"xml:lang": bcp47(language)})
            ET.SubElement(tuv, "prop", type="x-status").text = translation.status.value
            if translation.origin != "human":
                ET.SubElement(tuv, "prop", type="x-origin").text = translation.origin
            ET.SubElement(tuv, "seg").text = translation.text


def tbx_id(term_id: str) -> str:
    """An XML id (which cannot start with a digit): ``19th-party-congress`` → ``t-19th-party-congress``."""
    return term_id if term_id[:1].isalpha() or term_id[:1] == "_" else f"t-{term_id}"


def export_tbx(glossary: Glossary, languages: tuple[str, ...]) -> bytes:
    """The term base as TBX (ISO 30042 "martif", which OmegaT, Trados and memoQ read).

    Approved terms are ``preferredTerm``, variants ``admittedTerm`` and forbidden forms
    ``deprecatedTerm`` (as ``administrativeStatus`` and the older ``normativeAuthorization``, so
    that tools do not offer them); notes are definitions in their language.
    """
    root = ET.Element("martif", {"type": "TBX", "xml:lang": "en"})
    header = ET.SubElement(ET.SubElement(ET.SubElement(root, "martifHeader"), "fileDesc"), "sourceDesc")
    ET.SubElement(header, "p").text = "Exported by trilingual from translations/glossary.yml"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for term in glossary:
        entry = ET.SubElement(body, "termEntry", id=tbx_id(term.id))
        ET.SubElement(entry, "descrip", type="subjectField").text = term.category
        for language in languages:
            lang_set = ET.SubElement(entry, "langSet", {"xml:lang": bcp47(language)})
            if term.notes.get(language):
                ET.SubElement(lang_set, "descrip", type="definition").text = term.notes[language]
            forms = [(term.terms[language], "preferredTerm-admn-sts")]
            forms += [(v, "admittedTerm-admn-sts") for v in term.variants.get(language, ())]
            forms += [(f, "deprecatedTerm-admn-sts") for f in term.forbidden.get(language, ())]
            for text, status in forms:
                tig = ET.SubElement(lang_set, "tig")
                ET.SubElement(tig, "term").text = text
                ET.SubElement(tig, "termNote", type="administrativeStatus").text = status
                # the older data category, which some tools read instead
                ET.SubElement(tig, "termNote", type="normativeAuthorization").text = status.removesuffix(
                    "-admn-sts"
                )
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def export_glossary_tsv(glossary: Glossary, source: str, target: str) -> str:
    """OmegaT's glossary format: source term, target term, comment — one line per source form.

    Forbidden forms are left out: OmegaT offers whatever a glossary line holds as a suggestion
    (the TBX marks them ``deprecatedTerm`` instead).
    """
    lines = []
    for term in glossary:
        comment = term.notes.get(target, "")
        for form in term.forms(source):
            cells = [form, term.terms[target], comment.strip()]
            lines.append("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in cells))
    return "\n".join(lines) + "\n"
