"""Lighthouse scores of the built site, mobile and desktop (``make audit``).

The site is built with an absolute ``site_url`` and served on 127.0.0.1 with gzip, as GitHub
Pages serves it, then Lighthouse (``tools/``, installed from the npm lock file) audits the home
page and a section page with Debian's Chromium. Scores include performance, which is a timing
measure: this is a report, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from trilingual_tools.bench import TEMPLATE_PUBLICATION
from trilingual_tools.localsite import ROOT, copy_project, serve

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def audit(site: Path, base: str, lighthouse: Path, chromium: str) -> dict[tuple[str, str], dict[str, int]]:
    scores: dict[tuple[str, str], dict[str, int]] = {}
    pages = {
        "home": "",
        "section (en)": f"en/{TEMPLATE_PUBLICATION}/s3/",
        "section (zh)": f"{TEMPLATE_PUBLICATION}/s3/",
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in pages.items():
            for form in ("mobile", "desktop"):
                report = Path(tmp) / f"{form}.json"
                command = [
                    str(lighthouse),
                    base + path,
                    "--quiet",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
                    "--disable-background-networking",
                    f"--only-categories={','.join(CATEGORIES)}",
                    "--output=json",
                    f"--output-path={report}",
                ]
                if form == "desktop":
                    command.append("--preset=desktop")
                subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": chromium}, timeout=300)
                data = json.loads(report.read_text(encoding="utf-8"))
                scores[(name, form)] = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m trilingual_tools.audit", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    lighthouse = ROOT / "tools" / "node_modules" / ".bin" / "lighthouse"
    if not lighthouse.exists():
        print("Lighthouse is not installed: run `make audit` (npm ci --prefix tools)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="trilingual-audit-") as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        server, base = serve(site, compress=True)  # the URL must be known before the build
        try:
            project = copy_project(Path(tmp) / "project")
            env = {**os.environ, "SITE_URL": base, "NO_MKDOCS_2_WARNING": "1"}
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                cwd=project,
                env=env,
                check=True,
            )
            scores = audit(site, base, lighthouse, args.chromium)
        finally:
            server.shutdown()
    print("| page | form factor | " + " | ".join(CATEGORIES) + " |")
    print("|---|---|" + "---|" * len(CATEGORIES))
    for (page, form), values in scores.items():
        print(f"| {page} | {form} | " + " | ".join(str(values[c]) for c in CATEGORIES) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
