"""The ``trilingual`` command: status, check, draft, export, import, realign, leverage, analyse,
terms and concordance for translators.

Run ``trilingual <command> --help`` for each command's options. Every command reads the
same parallel text the site is built from; none of them parses rendered pages.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .config import SOURCE_LANGUAGE, SiteLanguages
from .errors import UserError
from .glossary import GLOSSARY_FILE, Glossary, load_glossary
from .publication import Publication, load_publications
from .translations import State, Status

if TYPE_CHECKING:
    from .lock import WriteReport


@dataclass(frozen=True)
class Project:
    root: Path
    languages: SiteLanguages

    @property
    def translations_dir(self) -> Path:
        return self.root / "translations"

    def publications(self, only: str | None = None) -> list[Publication]:
        publications = load_publications(self.translations_dir, list(self.languages.targets))
        if only is not None:
            publications = [p for p in publications if p.id == only]
            if not publications:
                raise UserError(
                    self.translations_dir, f"no publication {only!r}", hint="see `trilingual status`"
                )
        return publications

    def glossary(self) -> Glossary:
        return load_glossary(self.translations_dir / GLOSSARY_FILE, self.languages.all)

    def target(self, lang: str | None) -> list[str]:
        if lang is None:
            return list(self.languages.targets)
        if lang not in self.languages.targets:
            raise UserError(
                self.root / "mkdocs.yml",
                f"{lang!r} is not a target language of this site",
                hint=f"use one of: {', '.join(self.languages.targets)}",
            )
        return [lang]


def load_project(config_file: Path) -> Project:
    """The site's languages come from mkdocs.yml (the i18n plugin's languages)."""
    from mkdocs.config import load_config

    from .config import site_languages

    if not config_file.is_file():
        raise UserError(
            config_file, "no mkdocs.yml here", hint="run from the project folder or pass --config"
        )
    config = load_config(str(config_file))
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise UserError(config_file, "no i18n plugin (mkdocs-static-i18n)", hint="configure it in mkdocs.yml")
    try:
        languages = site_languages(list(i18n.config.languages))
    except ValueError as error:
        raise UserError(config_file, str(error), hint="see the i18n languages in mkdocs.yml") from None
    return Project(config_file.resolve().parent, languages)


# -- commands ------------------------------------------------------------------------------


def cmd_status(project: Project, args: argparse.Namespace) -> int:
    from .status import coverage, table

    rows = [
        row for p in project.publications(args.publication) for row in coverage(p, project.target(args.lang))
    ]
    if args.json:
        print(json.dumps([row.as_dict() for row in rows], ensure_ascii=False, indent=2))
    else:
        print(table(rows))
    return 0


def cmd_check(project: Project, args: argparse.Namespace) -> int:
    from .library import load
    from .qa import Severity, check_publications

    # Every file the build reads (ui.yml, references.yml, publication.yml …) is read here
    # first, so a mistake the build would stop on is reported with its file and line now.
    load(project.translations_dir, project.languages, project.root / "docs")
    glossary = None if args.no_terms else project.glossary()
    publications = project.publications()
    if args.publication:
        _one(project, publications, args.publication)
    findings = check_publications(publications, glossary, project.target(args.lang), args.publication)
    if args.format == "json":
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            if args.show_accepted or not finding.accepted:
                print(finding)
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    accepted = sum(1 for f in findings if f.accepted)
    warnings = len(findings) - errors - accepted
    print(f"{errors} error(s), {warnings} warning(s), {accepted} accepted", file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0


def _require_aligned(publication: Publication, language: str) -> None:
    """Tools that write by id refuse a file whose ids no longer match the source's sentences."""
    if publication.alignments[language].needs_realign:
        raise UserError(
            publication.translations[language].path,
            "the ids of this file no longer match the source's sentences; nothing was written",
            hint=f"run `trilingual realign --publication {publication.id}` first",
        )


def _report(report: WriteReport) -> None:
    for segment_id, why in report.skipped:
        print(f"skipped {segment_id}: {why}", file=sys.stderr)
    if report.written:
        print(f"wrote {report.path}", file=sys.stderr)


def cmd_draft(project: Project, args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .lock import update_file
    from .mt import MachineTranslationError, draft, engine, segments_to_draft

    glossary = project.glossary()
    planned = []
    for publication in project.publications(args.publication):
        for language in project.target(args.lang):
            _require_aligned(publication, language)
            segments = segments_to_draft(publication, language)
            if segments:
                planned.append((publication, language, segments))
    if not planned:
        print("nothing to draft: every segment has a current translation", file=sys.stderr)
        return 0
    results = []
    try:
        for publication, language, segments in planned:
            translator = engine(args.engine, publication.config.source_language, language)
            bar = tqdm(desc=f"{publication.id} → {language} ({args.engine})", total=len(segments), unit="seg")
            results.append(
                (
                    publication,
                    language,
                    draft(segments, translator, args.engine, language, glossary, progress=bar),
                )
            )
            bar.close()
    except MachineTranslationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    skipped = 0
    for publication, language, updates in results:
        file = publication.translations[language]
        # Re-read under the lock: an entry a translator saved while the engine ran is theirs.
        report = update_file(file.path, language, publication.document, updates, file)
        _report(report)
        skipped += len(report.skipped)
    return 1 if skipped else 0


def _one(project: Project, publications: list[Publication], publication_id: str) -> Publication:
    """One of the publications already loaded (the translation memory is made from all of them)."""
    for publication in publications:
        if publication.id == publication_id:
            return publication
    raise UserError(
        project.translations_dir, f"no publication {publication_id!r}", hint="see `trilingual status`"
    )


def _memory_statuses(args: argparse.Namespace) -> frozenset[Status]:
    from .memory import statuses

    return statuses(include_draft=getattr(args, "include_draft", False))


def cmd_leverage(project: Project, args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .lock import update_file
    from .memory import Band, classify, fill, library_memory

    publications = project.publications()
    publication = _one(project, publications, args.publication)
    skipped = 0
    for language in project.target(args.lang):
        _require_aligned(publication, language)
        memory = library_memory(publications, language, _memory_statuses(args))
        total = sum(1 for _ in publication.document.segments())
        with tqdm(
            desc=f"{publication.id} → {language} (memory of {len(memory)})",
            total=total,
            unit="seg",
            disable=None,
        ) as bar:
            items = classify(publication, language, memory, progress=bar)
        updates: dict[str, dict[str, str]] = {}
        filled = dict.fromkeys(Band, 0)
        left = dict.fromkeys(Band, 0)
        for item in items:
            if item.state is not State.MISSING:
                continue
            fields = fill(item, args.min)
            if fields is None:
                left[item.band] += 1
            else:
                updates[item.segment.id] = fields
                filled[item.band] += 1
        print(f"{publication.id} → {language}:")
        for band in Band:
            if filled[band] or left[band]:
                print(f"  {band.value:<12} {filled[band]:>5} filled  {left[band]:>5} left")
        if not updates:
            print("  nothing to fill", file=sys.stderr)
            continue
        file = publication.translations[language]
        report = update_file(file.path, language, publication.document, updates, file, dry_run=args.dry_run)
        _report(report)
        skipped += len(report.skipped)
        if args.dry_run:
            print(f"  (dry run: {file.path} not written)")
    return 1 if skipped else 0


def cmd_analyse(project: Project, args: argparse.Namespace) -> int:
    from .analysis import analyse, table
    from .memory import classify, library_memory

    publications = project.publications()
    publication = _one(project, publications, args.publication)
    results = []
    for language in project.target(args.lang):
        memory = library_memory(publications, language, _memory_statuses(args))
        results.append(analyse(publication.id, language, classify(publication, language, memory)))
    if args.json:
        print(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(table(r) for r in results))
    return 0


def cmd_terms(project: Project, args: argparse.Namespace) -> int:
    from .references import REFERENCES_FILE, load_references
    from .termsuggest import suggest, yaml_text

    if not args.suggest:
        raise UserError(project.translations_dir, "nothing to do", hint="pass --suggest")
    publications = project.publications()
    publication = _one(project, publications, args.publication)
    known = [form for term in project.glossary() for form in term.forms(SOURCE_LANGUAGE)]
    references = load_references(project.translations_dir / REFERENCES_FILE, project.languages.all)
    titles = [form for reference in references for form in reference.forms(SOURCE_LANGUAGE)]
    candidates = suggest(publication, known, titles, min_count=args.min_count)
    print(yaml_text(publication.id, candidates, project.languages.all), end="")
    terms = sum(1 for c in candidates if c.kind == "term")
    print(f"{terms} candidate term(s), {len(candidates) - terms} candidate reference(s)", file=sys.stderr)
    return 0


def cmd_concordance(project: Project, args: argparse.Namespace) -> int:
    from .termsuggest import concordance, concordance_text

    where = args.lang
    if where is not None and where != project.languages.source:
        project.target(where)
    languages = list(project.languages.targets)
    lines = concordance(project.publications(args.publication), args.word, languages, where)
    if args.json:
        print(json.dumps([line.as_dict() for line in lines], ensure_ascii=False, indent=2))
    else:
        print(concordance_text(lines, args.word), end="")
    return 0


def _output_folder(value: str) -> Path:
    out = Path(value)
    if out.exists() and not out.is_dir():
        raise UserError(
            out, "is not a folder", hint="pass -o with a folder to write into (it is created if missing)"
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(
            out, f"cannot create this folder: {error.strerror}", hint="choose another -o"
        ) from None
    return out


def _write_export(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as error:
        raise UserError(path, f"cannot write: {error.strerror}", hint="choose another -o") from None
    print(f"wrote {path}", file=sys.stderr)


def cmd_export(project: Project, args: argparse.Namespace) -> int:
    from .exchange import export_library_tmx, export_tmx, export_xliff
    from .memory import library_memory, statuses

    out = _output_folder(args.output)
    if args.format in ("tbx", "tsv"):
        return _export_glossary(project, args, out)
    if args.format == "tmx" and args.library:
        chosen = statuses(include_draft=args.include_draft, include_machine=args.include_machine)
        _write_export(out / "library.tmx", export_library_tmx(project.publications(), chosen))
        return 0
    publications = project.publications()
    chosen_publications = (
        [_one(project, publications, args.publication)] if args.publication else publications
    )
    memories = {}
    for publication in chosen_publications:
        if args.format == "tmx":
            data = export_tmx(publication, include_machine=args.include_machine)
            _write_export(out / f"{publication.id}.tmx", data)
            continue
        for language in project.target(args.lang):
            if language not in memories and not args.no_matches:
                memories[language] = library_memory(publications, language, _memory_statuses(args))
            data = export_xliff(
                publication, language, memories.get(language), only_open=args.only_open, minimum=args.min
            )
            _write_export(out / f"{publication.id}.{language}.xlf", data)
    return 0


def _export_glossary(project: Project, args: argparse.Namespace, out: Path) -> int:
    from .exchange import bcp47, export_glossary_tsv, export_tbx

    glossary = project.glossary()
    if args.format == "tbx":
        _write_export(out / "glossary.tbx", export_tbx(glossary, project.languages.all))
        return 0
    source = project.languages.source
    for language in project.target(args.lang):
        text = export_glossary_tsv(glossary, source, language)
        _write_export(out / f"glossary.{bcp47(source)}-{bcp47(language)}.tsv", text.encode("utf-8"))
    return 0


def cmd_import(project: Project, args: argparse.Namespace) -> int:
    from .exchange import import_xliff
    from .lock import update_file

    if Path(args.file).suffix.lower() in (".tbx", ".tsv"):
        return _import_glossary(project, args)
    publication_id, language = _xliff_name(Path(args.file), args)
    publication = project.publications(publication_id)[0]
    (language,) = project.target(language)
    _require_aligned(publication, language)
    result = import_xliff(Path(args.file), publication, language, reviewed_by=args.reviewed_by or "")
    for change in result.changes:
        print(change)
    if not result.updates:
        print("nothing to import: the file matches the translations", file=sys.stderr)
        return 0
    file = publication.translations[language]
    report = update_file(
        file.path, language, publication.document, result.updates, file, dry_run=args.dry_run
    )
    _report(report)
    done = "would update" if args.dry_run else "updated"
    print(
        f"{done} {len(report.applied)} segment(s){' (dry run: nothing written)' if args.dry_run else ''}",
        file=sys.stderr,
    )
    return 1 if report.skipped else 0


def _import_glossary(project: Project, args: argparse.Namespace) -> int:
    from .glossary_import import import_glossary

    target = project.target(args.lang)[0] if args.lang else None
    path = project.translations_dir / GLOSSARY_FILE
    report = import_glossary(
        Path(args.file), path, project.languages.all, target=target, dry_run=args.dry_run
    )
    for line in report.lines():
        print(line)
    if args.dry_run:
        print(f"(dry run: {path} not written)", file=sys.stderr)
    elif report.written:
        print(f"wrote {path}", file=sys.stderr)
    return 0


def cmd_realign(project: Project, args: argparse.Namespace) -> int:
    from .align import realign_file

    for publication in project.publications(args.publication):
        for language in project.target(args.lang):
            path = publication.translations[language].path
            report = realign_file(path, language, publication.document, dry_run=args.dry_run)
            for line in report.lines():
                print(line)
            if report.changed and args.dry_run:
                print(f"  (dry run: {path} not written)")
    return 0


def _xliff_name(path: Path, args: argparse.Namespace) -> tuple[str, str]:
    """What an XLIFF holds: --publication and --lang, else its first ``<file>``'s ``original`` and
    ``target-language`` (CAT tools rename files), else the name ``<publication>.<lang>.xlf``."""
    from .exchange import read_xliff

    original, target = "", ""
    if not (args.publication and args.lang):
        _, files = read_xliff(path)
        if files:
            original = str(files[0][0].get("original", ""))
            target = str(files[0][0].get("target-language", "")).split("-")[0]
    parts = path.name.split(".")
    publication = args.publication or original or (parts[0] if len(parts) >= 3 else None)
    language = args.lang or target or (parts[-2] if len(parts) >= 3 else None)
    if not publication or not language:
        raise UserError(
            path, "cannot tell the publication and language", hint="pass --publication and --lang"
        )
    return publication, language


# -- the parser ----------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="trilingual",
        description="Translators' tools for the trilingual publication site.",
    )
    main.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    commands = main.add_subparsers(dest="command", required=True, metavar="command")

    status = commands.add_parser("status", help="translation coverage per publication, language and section")
    status.add_argument("--publication", help="only this publication (its folder name)")
    status.add_argument("--lang", help="only this target language")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(run=cmd_status)

    check = commands.add_parser("check", help="QA checks; exit 1 on errors")
    check.add_argument("--publication", help="only this publication")
    check.add_argument("--lang", help="only this target language")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    check.add_argument("--no-terms", action="store_true", help="skip the glossary checks")
    check.add_argument(
        "--show-accepted", action="store_true", help="also list the warnings accepted in the files (accept:)"
    )
    check.set_defaults(run=cmd_check)

    draft = commands.add_parser(
        "draft",
        help="machine drafts for missing and stale segments (never touches draft or reviewed entries)",
    )
    draft.add_argument("--lang", required=True, help="target language")
    draft.add_argument("--engine", default="google", help="deep-translator engine (default: google)")
    draft.add_argument("--publication", help="only this publication")
    draft.set_defaults(run=cmd_draft)

    export = commands.add_parser(
        "export", help="XLIFF 1.2 per language or TMX of the texts; TBX or OmegaT TSV of the glossary"
    )
    export.add_argument("--format", choices=["xliff", "tmx", "tbx", "tsv"], default="xliff")
    export.add_argument("--lang", help="only this target language (XLIFF)")
    export.add_argument("--publication", help="only this publication")
    export.add_argument("-o", "--output", default="exports", help="folder to write into (default: exports/)")
    export.add_argument(
        "--include-machine", action="store_true", help="TMX: include machine drafts (marked x-status machine)"
    )
    export.add_argument(
        "--library",
        action="store_true",
        help="TMX: the whole library as one memory (reviewed only by default)",
    )
    export.add_argument(
        "--include-draft",
        action="store_true",
        help="library TMX and XLIFF matches: drafts too (default: reviewed translations only)",
    )
    export.add_argument("--only-open", action="store_true", help="XLIFF: only missing and stale units")
    export.add_argument(
        "--no-matches", action="store_true", help="XLIFF: no memory matches (<alt-trans>) in the units"
    )
    export.add_argument(
        "--min", type=int, default=75, help="XLIFF: least memory match percentage offered (default: 75)"
    )
    export.set_defaults(run=cmd_export)

    imp = commands.add_parser(
        "import",
        help="read an XLIFF back: text, status and notes; says what changed, refuses what is not ours",
    )
    imp.add_argument(
        "file",
        help="an XLIFF file, named <publication>.<lang>.xlf by export; or a glossary (.tbx, or an OmegaT "
        ".tsv with --lang) to merge into glossary.yml",
    )
    imp.add_argument("--publication", help="the publication, if the file name does not say")
    imp.add_argument("--lang", help="the language, if the file name does not say")
    imp.add_argument(
        "--reviewed-by",
        metavar="NAME",
        help="the reviewer who signed off the file's signed-off units (only then do they become reviewed)",
    )
    imp.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    imp.set_defaults(run=cmd_import)

    realign = commands.add_parser(
        "realign",
        help="file translations under the ids of the current source (after a revision or re-segmentation)",
    )
    realign.add_argument("--publication", help="only this publication")
    realign.add_argument("--lang", help="only this target language")
    realign.add_argument("--dry-run", action="store_true", help="say what would move; write nothing")
    realign.set_defaults(run=cmd_realign)

    leverage = commands.add_parser(
        "leverage",
        help="fill untranslated segments from the library's translation memory (never touches others)",
    )
    leverage.add_argument("--publication", required=True, help="the publication to fill")
    leverage.add_argument("--lang", help="only this target language")
    leverage.add_argument(
        "--min", type=int, default=75, help="least fuzzy match percentage to fill from (default: 75)"
    )
    leverage.add_argument(
        "--include-draft",
        action="store_true",
        help="also leverage draft translations (default: reviewed only)",
    )
    leverage.add_argument("--dry-run", action="store_true", help="say what would be filled; write nothing")
    leverage.set_defaults(run=cmd_leverage)

    analysis = commands.add_parser(
        "analyse", help="segments and Chinese characters per memory match band and per status (for a quote)"
    )
    analysis.add_argument("--publication", required=True, help="the publication to analyse")
    analysis.add_argument("--lang", help="only this target language")
    analysis.add_argument("--include-draft", action="store_true", help="count draft translations as memory")
    analysis.add_argument("--json", action="store_true", help="machine-readable output, with every segment")
    analysis.set_defaults(run=cmd_analyse)

    terms = commands.add_parser(
        "terms", help="--suggest: candidate glossary terms and references of a publication, as YAML to fill"
    )
    terms.add_argument("--suggest", action="store_true", help="list terms the glossary does not have")
    terms.add_argument("--publication", required=True, help="the publication to read")
    terms.add_argument("--min-count", type=int, default=2, help="least occurrences of a term (default: 2)")
    terms.set_defaults(run=cmd_terms)

    concordance = commands.add_parser(
        "concordance", help="every sentence of the library with a word, beside its translations"
    )
    concordance.add_argument("word", help="a word or phrase (Chinese by default)")
    concordance.add_argument("--lang", help="look for the word in this language's text (zh, ja, en)")
    concordance.add_argument("--publication", help="only this publication")
    concordance.add_argument("--json", action="store_true", help="machine-readable output")
    concordance.set_defaults(run=cmd_concordance)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        project = load_project(args.config)
        return int(args.run(project, args))
    except UserError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
