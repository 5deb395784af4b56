"""``mkdocs serve``: an edit under translations/ rebuilds and reloads, then the server settles."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import make_project
from trilingual.ingest import ingest
from trilingual.translations import write_updates


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def wait_for(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def test_editing_a_translation_rebuilds_once_and_settles(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    folder = project / "translations" / "cnipa-2021-work-plan"
    segment = ingest(folder / "source.zh.md", "cnipa-2021-work-plan").segment_map()["s3.p1.s1"]
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    url = f"http://127.0.0.1:{port}/ja/cnipa-2021-work-plan/s3/"

    def read() -> str:
        return (tmp_path / "serve.log").read_text()

    def quiet_for(seconds: float) -> bool:
        before = read()
        time.sleep(seconds)
        return read() == before

    try:
        assert wait_for(lambda: "data-seg" in fetch(url)), read()
        marker = "テスト用の訳文：編集が反映されること。"
        ja = folder / "ja.yml"
        document = ingest(folder / "source.zh.md", "cnipa-2021-work-plan")
        fields = {"text": marker, "status": "draft", "source_hash": segment.hash}
        ja.write_text(write_updates(ja, "ja", document, {"s3.p1.s1": fields}), encoding="utf-8")
        assert wait_for(lambda: marker in fetch(url)), read()
        # The pages generated into docs/ are not watched: one build, then the server is quiet.
        assert wait_for(lambda: quiet_for(3.0), timeout=30), f"never settled:\n{read()}"
        settled = read()
        time.sleep(4)
        assert read() == settled, f"rebuild loop:\n{read()}"
        after_edit = settled.split("Serving on", 1)[1]
        assert after_edit.count("Building documentation") == 1, settled
        assert "ERROR" not in settled and "WARNING" not in settled
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
