"""The ``trilingual`` command: status, check, draft, export and import for translators.

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

from .errors import UserError
from .glossary import GLOSSARY_FILE, Glossary, load_glossary
from .publication import Publication, load_library
from .render import SiteLanguages


@dataclass(frozen=True)
class Project:
    root: Path
    languages: SiteLanguages

    @property
    def translations_dir(self) -> Path:
        return self.root / "translations"

    def publications(self, only: str | None = None) -> list[Publication]:
        publications = load_library(self.translations_dir, list(self.languages.targets))
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

    from .plugin import _site_languages

    if not config_file.is_file():
        raise UserError(
            config_file, "no mkdocs.yml here", hint="run from the project folder or pass --config"
        )
    config = load_config(str(config_file))
    return Project(config_file.resolve().parent, _site_languages(config))


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
    from .qa import Severity, check_publication

    glossary = None if args.no_terms else project.glossary()
    findings = [
        finding
        for publication in project.publications(args.publication)
        for finding in check_publication(publication, glossary, project.target(args.lang))
    ]
    if args.format == "json":
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding)
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0


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
    check.set_defaults(run=cmd_check)
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
