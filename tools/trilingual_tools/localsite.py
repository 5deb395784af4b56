"""A site project copied aside and a built site served on 127.0.0.1: what the tests, the
benchmark and the Lighthouse audit all build and look at."""

from __future__ import annotations

import functools
import gzip
import io
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


def copy_project(
    destination: Path, translations: Path | None = None, *, root: Path = ROOT, hand_written: bool = True
) -> Path:
    """The project's sources (not its generated pages) in ``destination``, ready to build.

    ``translations`` replaces ``translations/``; ``hand_written=False`` keeps only the home
    pages of ``docs/`` (the others link to the 2021 plan and its glossary).
    """
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy(root / "mkdocs.yml", destination / "mkdocs.yml")
    shutil.copytree(root / "overrides", destination / "overrides")
    docs = destination / "docs"
    docs.mkdir()
    for page in (root / "docs").iterdir():
        if page.is_file() and (hand_written or page.name.startswith("index.")):
            shutil.copy(page, docs / page.name)
    shutil.copytree(translations or root / "translations", destination / "translations")
    return destination


def serve(directory: Path, prefix: str = "/", *, compress: bool = False) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``directory`` under ``prefix`` in a thread (gzip like GitHub Pages when asked).

    Returns the server (call ``shutdown()``) and its base URL.
    """

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def translate_path(self, path: str) -> str:
            if not path.startswith(prefix):
                return str(directory / "__outside_prefix__")
            return super().translate_path("/" + path[len(prefix) :])

        def send_head(self) -> Any:
            path = Path(self.translate_path(self.path.split("?")[0]))
            if path.is_dir() and self.path.split("?")[0].endswith("/"):
                path = path / "index.html"
            accepts = "gzip" in self.headers.get("Accept-Encoding", "")
            if not (compress and accepts and path.is_file() and path.suffix in COMPRESSIBLE):
                return super().send_head()
            body = gzip.compress(path.read_bytes())
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"
