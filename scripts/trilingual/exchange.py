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
from dataclasses import dataclass
from pathlib import Path

from translate.storage import xliff

from .errors import UserError
from .glossary import Glossary
from .model import text_hash
from .publication import Publication
from .translations import State, Status

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


def export_xliff(publication: Publication, language: str) -> bytes:
    """Every segment of a publication as one XLIFF 1.2 file for ``language``."""
    store = Xliff12File(sourcelanguage=publication.config.source_language, targetlanguage=language)
    store.setfilename(store.getfilenode("NoName"), publication.id)
    for segment in publication.document.segments():
        unit = store.addsourceunit(segment.text, filename=publication.id)
        unit.setid(segment.id)
        unit.xmlelement.set("resname", segment.id)
        translation = publication.translation(language, segment)
        state = publication.state(language, segment)
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
        if state is State.STALE:
            unit.addnote("The source changed since this was translated.", origin="trilingual")
    return bytes(store)


@dataclass(frozen=True)
class ImportResult:
    language: str
    updates: dict[str, dict[str, str]]


def _status_of(unit: xliff.xliffunit) -> Status | None:
    """Our status for an XLIFF unit; None for one still waiting to be reviewed (not confirmed)."""
    target = unit.xmlelement.find(f"{{{unit.namespace}}}target")
    state = target.get("state", "") if target is not None else ""
    qualifier = target.get("state-qualifier", "") if target is not None else ""
    if unit.isapproved() or state in {"signed-off", "final"}:
        return Status.REVIEWED
    if qualifier in {"mt-suggestion", "leveraged-mt"}:
        return Status.MACHINE
    if state.startswith("needs-review"):
        return None
    return Status.DRAFT


def import_xliff(path: Path, publication: Publication, language: str) -> ImportResult:
    """Read a translator's XLIFF; return the updates to apply (text and status only)."""
    try:
        store = xliff.xlifffile.parsefile(str(path))
    except Exception as error:
        raise UserError(
            path, f"not a readable XLIFF file: {error}", hint="export it again from your tool"
        ) from None
    target_language = store.gettargetlanguage()
    if target_language and target_language.split("-")[0] != language.split("-")[0]:
        raise UserError(path, f"this XLIFF is for {target_language!r}, not {language!r}", hint="pass --lang")
    segments = publication.document.segment_map()
    updates: dict[str, dict[str, str]] = {}
    for unit in store.unit_iter():
        segment_id = unit.xmlelement.get("id", "")
        if segment_id not in segments:
            line = unit.xmlelement.sourceline
            raise UserError(
                path,
                f"unknown segment id {segment_id!r}; nothing was imported",
                line=line,
                hint=f"this file does not belong to {publication.id!r}, or its source has been restructured",
            )
        text = str(unit.target or "").strip()
        if not text:
            continue
        status = _status_of(unit)
        if status is None:
            continue
        current = publication.translation(language, segments[segment_id])
        source_hash = text_hash(str(unit.source))
        # Unchanged text and status change nothing — unless the translator confirmed an
        # unchanged translation against a changed source (the XLIFF carries the new source).
        if (
            current is not None
            and (current.text, current.status) == (text, status)
            and (current.source_hash == source_hash or source_hash != segments[segment_id].hash)
        ):
            continue
        updates[segment_id] = {"text": text, "status": status.value, "source_hash": source_hash}
        if current is None:
            updates[segment_id]["origin"] = "human"
    return ImportResult(language, updates)


def export_tmx(publication: Publication) -> bytes:
    """The aligned corpus as TMX 1.4: one unit per segment with every current translation."""
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
            "srclang": publication.config.source_language,
            "datatype": "plaintext",
            "creationdate": dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
        },
    )
    body = ET.SubElement(root, "body")
    for segment in publication.document.segments():
        variants = []
        for language in publication.languages:
            translation = publication.translation(language, segment)
            state = publication.state(language, segment)
            if translation is not None and state not in (State.MISSING, State.STALE):
                variants.append((language, translation.text, translation.status.value))
        if not variants:
            continue
        unit = ET.SubElement(body, "tu", tuid=f"{publication.id}:{segment.id}")
        ET.SubElement(unit, "prop", type="x-publication").text = publication.id
        tuv = ET.SubElement(unit, "tuv", {"xml:lang": publication.config.source_language})
        ET.SubElement(tuv, "seg").text = segment.text
        for language, text, status in variants:
            tuv = ET.SubElement(unit, "tuv", {"xml:lang": language})
            ET.SubElement(tuv, "prop", type="x-status").text = status
            ET.SubElement(tuv, "seg").text = text
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def export_tbx(glossary: Glossary, languages: tuple[str, ...]) -> bytes:
    """The term base as TBX (ISO 30042 "martif", which OmegaT, Trados and memoQ read).

    Approved terms are ``preferredTerm``, variants ``admittedTerm`` and forbidden forms
    ``deprecatedTerm``; notes are definitions in their language.
    """
    root = ET.Element("martif", {"type": "TBX", "xml:lang": "en"})
    header = ET.SubElement(ET.SubElement(ET.SubElement(root, "martifHeader"), "fileDesc"), "sourceDesc")
    ET.SubElement(header, "p").text = "Exported by trilingual from translations/glossary.yml"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for term in glossary:
        entry = ET.SubElement(body, "termEntry", id=term.id)
        ET.SubElement(entry, "descrip", type="subjectField").text = term.category
        for language in languages:
            lang_set = ET.SubElement(entry, "langSet", {"xml:lang": language})
            if term.notes.get(language):
                ET.SubElement(lang_set, "descrip", type="definition").text = term.notes[language]
            forms = [(term.terms[language], "preferredTerm-admn-sts")]
            forms += [(v, "admittedTerm-admn-sts") for v in term.variants.get(language, ())]
            forms += [(f, "deprecatedTerm-admn-sts") for f in term.forbidden.get(language, ())]
            for text, status in forms:
                tig = ET.SubElement(lang_set, "tig")
                ET.SubElement(tig, "term").text = text
                ET.SubElement(tig, "termNote", type="administrativeStatus").text = status
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def export_glossary_tsv(glossary: Glossary, source: str, target: str) -> str:
    """OmegaT's glossary format: source term, target term, comment — one line per source form."""
    lines = []
    for term in glossary:
        comment = term.notes.get(target, "")
        if term.forbidden.get(target):
            comment += f" [not: {'; '.join(term.forbidden[target])}]"
        for form in term.forms(source):
            cells = [form, term.terms[target], comment.strip()]
            lines.append("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in cells))
    return "\n".join(lines) + "\n"
