"""Lighthouse scores of the built site, mobile and desktop (``make audit``).

The site is built with an absolute ``site_url`` and served on 127.0.0.1 with gzip, as GitHub
Pages serves it, then Lighthouse (``tools/``, installed from the npm lock file) audits the home
page and a section page with Debian's Chromium. Scores include performance, which is a timing
measure: this is a report, not a test.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .bench import ROOT, TEMPLATE_PUBLICATION, make_library

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, text compressed with gzip when the client accepts it (like GitHub Pages)."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (
            path.suffix in COMPRESSIBLE
            and "gzip" in self.headers.get("Accept-Encoding", "")
            and path.is_file()
        ):
            return super().send_head()
        if (
            not self.path.split("?")[0].endswith("/")
            and path.name == "index.html"
            and not self.path.endswith(".html")
        ):
            return super().send_head()  # let the parent redirect /dir to /dir/
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


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
    parser = argparse.ArgumentParser(prog="python -m trilingual.audit", description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    lighthouse = ROOT / "tools" / "node_modules" / ".bin" / "lighthouse"
    if not lighthouse.exists():
        print("Lighthouse is not installed: run `make audit` (npm ci --prefix tools)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="trilingual-audit-") as tmp:
        server = ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(Path(tmp) / "site"))
        )
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        project = make_library(Path(tmp) / "project", 1)
        env = {**os.environ, "SITE_URL": base, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(Path(tmp) / "site")],
            cwd=project,
            env=env,
            check=True,
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            scores = audit(Path(tmp) / "site", base, lighthouse, args.chromium)
        finally:
            server.shutdown()
        shutil.rmtree(project, ignore_errors=True)
    print("| page | form factor | " + " | ".join(CATEGORIES) + " |")
    print("|---|---|" + "---|" * len(CATEGORIES))
    for (page, form), values in scores.items():
        print(f"| {page} | {form} | " + " | ".join(str(values[c]) for c in CATEGORIES) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
