"""A term base back from a translator's tool: TBX or OmegaT TSV into ``translations/glossary.yml``.

New concepts are added (from TBX, which carries every language; a TSV has two, so its new terms
are listed as ready-to-fill YAML instead) and changed forms update the entry: a new approved
term, new variants, new forbidden forms. Nothing is removed: a form the file lacks stays, and
a note that differs is added after ours, never put in its place. The glossary is rewritten
with its comments, under its lock, only if the result still validates.
"""

from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .errors import TranslationError, UserError
from .files import atomic_write
from .glossary import load_glossary
from .lock import locked
from .translations import dump
from .yamlfile import load_round_trip

CATEGORIES = (
    "institution", "programme", "law-or-instrument", "ip-concept", "procedure", "policy-slogan",
    "party-and-state", "event",
)  # fmt: skip
_STATUS = {
    "preferredterm-admn-sts": "preferred",
    "preferredterm": "preferred",
    "admittedterm-admn-sts": "admitted",
    "admittedterm": "admitted",
    "deprecatedterm-admn-sts": "forbidden",
    "deprecatedterm": "forbidden",
    "supersededterm-admn-sts": "forbidden",
    "supersededterm": "forbidden",
}


@dataclass
class Incoming:
    """One concept as the file gives it."""

    id: str
    line: int
    category: str = ""
    terms: dict[str, str] = field(default_factory=dict)
    variants: dict[str, list[str]] = field(default_factory=dict)
    forbidden: dict[str, list[str]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


@dataclass
class GlossaryImport:
    path: Path
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    """One line per change: ``cnipa: ja term 国家知識産権局 → …``."""
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    written: bool = False

    def lines(self) -> list[str]:
        out = [f"+ {line}" for line in self.added] + [f"~ {line}" for line in self.changed]
        out += [f"! {line}" for line in self.skipped]
        out.append(
            f"{len(self.added)} new term(s), {len(self.changed)} change(s), {self.unchanged} unchanged, "
            f"{len(self.skipped)} skipped"
        )
        return out


def _lang(tag: str) -> str:
    return tag.split("-")[0].lower()


def read_tbx(path: Path) -> list[Incoming]:
    """Concepts of a TBX file (``martif`` as we and OmegaT, Trados, memoQ write it)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (OSError, etree.XMLSyntaxError) as error:
        raise UserError(path, f"not a readable TBX file: {error}", hint="export it again") from None
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    concepts = []
    for entry in root.iter("termEntry", "conceptEntry"):
        raw_id = str(entry.get("id", ""))
        concept = Incoming(raw_id[2:] if raw_id.startswith("t-") and raw_id[2:3].isdigit() else raw_id,
                           entry.sourceline or 0)  # fmt: skip
        subject = entry.find("descrip[@type='subjectField']")
        concept.category = (subject.text or "").strip() if subject is not None else ""
        for lang_set in entry.iter("langSet", "langSec"):
            lang = _lang(str(lang_set.get(xml_lang, "")))
            definition = lang_set.find("descrip[@type='definition']")
            if definition is not None and (definition.text or "").strip():
                concept.notes[lang] = definition.text.strip()
            for group in lang_set.iter("tig", "ntig", "termSec"):
                term = group.find(".//term")
                if term is None or not (term.text or "").strip():
                    continue
                text = term.text.strip()
                status = ""
                for note in group.iter("termNote"):
                    if note.get("type") in ("administrativeStatus", "normativeAuthorization"):
                        status = _STATUS.get((note.text or "").strip().lower(), status)
                if status == "forbidden":
                    concept.forbidden.setdefault(lang, []).append(text)
                elif status == "preferred" or lang not in concept.terms:
                    if lang in concept.terms:
                        concept.variants.setdefault(lang, []).append(concept.terms[lang])
                    concept.terms[lang] = text
                else:
                    concept.variants.setdefault(lang, []).append(text)
        concepts.append(concept)
    return concepts


def read_tsv(path: Path, source: str, target: str) -> list[Incoming]:
    """OmegaT's glossary: source term, target term, comment (the comment is the target's note)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(path, f"cannot read the file: {error}", hint="save it as UTF-8") from None
    concepts = []
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE), 1):
        if not row or not row[0].strip() or row[0].startswith("#"):
            continue
        if len(row) < 2 or not row[1].strip():
            raise UserError(
                path, "a line without a target term", line=number, hint="source<TAB>target<TAB>comment"
            )
        concept = Incoming("", number, terms={source: row[0].strip(), target: row[1].strip()})
        if len(row) > 2 and row[2].strip():
            concept.notes[target] = row[2].strip()
        concepts.append(concept)
    return concepts


def _find(terms: CommentedSeq, concept: Incoming, source: str) -> CommentedMap | None:
    entries: list[CommentedMap] = list(terms)
    for entry in entries:
        if concept.id and entry.get("id") == concept.id:
            return entry
    zh = concept.terms.get(source)
    for entry in entries:
        forms = [entry.get(source), *((entry.get("variants") or {}).get(source) or [])]
        if zh and zh in forms:
            return entry
    return None


def _merge(entry: CommentedMap, concept: Incoming, languages: tuple[str, ...], source: str) -> list[str]:
    """Apply a concept's forms and notes to an existing entry; return what changed."""
    said = []
    term_id = entry["id"]
    for lang in languages:
        new = concept.terms.get(lang)
        if new and new != entry.get(lang) and lang != source:
            existing_variants = list((entry.get("variants") or {}).get(lang) or [])
            if new not in existing_variants:
                said.append(f"{term_id}: {lang} term {entry.get(lang)!r} → {new!r}")
                entry[lang] = new
        for kind, incoming in (("variants", concept.variants), ("forbidden", concept.forbidden)):
            forms = [f for f in incoming.get(lang, []) if f != entry.get(lang)]
            if not forms:
                continue
            group = entry.get(kind)
            if not isinstance(group, CommentedMap):
                group = entry[kind] = CommentedMap()
            current = group.get(lang)
            if not isinstance(current, CommentedSeq):
                current = group[lang] = CommentedSeq(current or [])
            for form in forms:
                if form not in current:
                    current.append(form)
                    said.append(f"{term_id}: {lang} {'variant' if kind == 'variants' else 'forbidden form'} "
                                f"{form!r} added")  # fmt: skip
        note = concept.notes.get(lang)
        if note:
            notes = entry.get("note")
            if not isinstance(notes, CommentedMap):
                notes = entry["note"] = CommentedMap()
            old = str(notes.get(lang) or "")
            if not old:
                notes[lang] = note
                said.append(f"{term_id}: {lang} note added")
            elif note not in old:
                notes[lang] = f"{old}\n{note}"
                said.append(f"{term_id}: {lang} note from the file added after ours")
    for kind in ("variants", "forbidden", "note"):
        if kind in entry and not entry[kind]:
            del entry[kind]
    return said


def _new_entry(concept: Incoming, languages: tuple[str, ...]) -> CommentedMap | str:
    """A new glossary entry, or why it cannot be one."""
    missing = [lang for lang in languages if not concept.terms.get(lang)]
    if missing:
        return f"{concept.terms.get(languages[0], concept.id)!r}: no {', '.join(missing)} form in the file"
    if not concept.id:
        return f"{concept.terms[languages[0]]!r}: no id"
    entry = CommentedMap()
    entry["id"] = concept.id
    entry["category"] = concept.category if concept.category in CATEGORIES else "ip-concept"
    for lang in languages:
        entry[lang] = concept.terms[lang]
    for kind, forms in (("variants", concept.variants), ("forbidden", concept.forbidden)):
        if any(forms.values()):
            entry[kind] = CommentedMap({lang: CommentedSeq(v) for lang, v in forms.items() if v})
    if concept.notes:
        entry["note"] = CommentedMap(concept.notes)
    return entry


def import_glossary(
    file: Path,
    glossary_path: Path,
    languages: tuple[str, ...],
    *,
    target: str | None = None,
    dry_run: bool = False,
) -> GlossaryImport:
    """Merge a TBX or TSV file into the glossary; write only if the result validates."""
    source = languages[0]
    if file.suffix.lower() == ".tbx":
        concepts = read_tbx(file)
    elif file.suffix.lower() in (".tsv", ".txt", ".utf8"):
        if target is None:
            raise UserError(file, "a TSV glossary has one target language", hint="pass --lang")
        concepts = read_tsv(file, source, target)
    else:
        raise UserError(file, "not a glossary file", hint="import a .tbx or an OmegaT .tsv")
    report = GlossaryImport(glossary_path)
    with locked(glossary_path):
        data = load_round_trip(glossary_path)
        terms = data["terms"]
        for concept in concepts:
            entry = _find(terms, concept, source)
            if entry is None:
                new = _new_entry(concept, languages)
                if isinstance(new, str):
                    report.skipped.append(f"{file.name}:{concept.line}: new term {new}; add it by hand")
                else:
                    terms.append(new)
                    report.added.append(f"{new['id']}: {new[source]} / " + " / ".join(
                        str(new[lang]) for lang in languages[1:]))  # fmt: skip
                continue
            said = _merge(entry, concept, languages, source)
            report.changed.extend(said)
            report.unchanged += not said
        if not report.added and not report.changed:
            return report
        text = dump(data)
        with tempfile.TemporaryDirectory() as tmp:
            check = Path(tmp) / glossary_path.name
            check.write_text(text, encoding="utf-8")
            try:
                load_glossary(check, languages)
            except TranslationError as error:
                raise UserError(
                    file,
                    f"the glossary would not be valid after this import ({error}); nothing was written",
                    hint="fix the term in your tool and export it again",
                ) from None
        if not dry_run:
            atomic_write(glossary_path, text)
            report.written = True
    return report
