"""Benchmark: generation, build, reload and page weight for libraries of 1, 10 and 50 publications.

Run with ``make bench`` (or ``python -m trilingual.bench --sizes 1 10 50``). Each library is
the site's own project with the 2021 plan copied N times (new ids, a numbered title, the same
translations), so every publication has three languages in the same style. Prints a table and
the machine it ran on; never part of the test suite (a smoke run at N = 1 is).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .generate import generate
from .render import SiteLanguages

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_PUBLICATION = "cnipa-2021-work-plan"
LANGUAGES = SiteLanguages("zh", ("ja", "en"), (("zh", "中文"), ("ja", "日本語"), ("en", "English")))


@dataclass
class Result:
    size: int
    pages: int = 0
    generate_s: float = 0.0
    build_s: float = 0.0
    ours_s: float = 0.0
    reload_s: float | None = None
    section_html_bytes: int = 0
    index_bytes: dict[str, int] = field(default_factory=dict)

    @property
    def per_page_ms(self) -> float:
        return 1000 * self.build_s / max(self.pages, 1)

    @property
    def ours_share(self) -> float:
        return self.ours_s / self.build_s if self.build_s else 0.0


def make_library(destination: Path, size: int, root: Path = ROOT) -> Path:
    """A copy of the project whose translations/ hold ``size`` publications."""
    destination.mkdir(parents=True)
    shutil.copy(root / "mkdocs.yml", destination)
    shutil.copytree(root / "overrides", destination / "overrides")
    (destination / "docs").mkdir()
    for page in (root / "docs").iterdir():
        if page.is_file():
            shutil.copy(page, destination / "docs")
    translations = destination / "translations"
    translations.mkdir()
    for name in ("ui.yml", "glossary.yml", "references.yml"):
        if (root / "translations" / name).exists():
            shutil.copy(root / "translations" / name, translations)
    template = root / "translations" / TEMPLATE_PUBLICATION
    for index in range(1, size + 1):
        folder = translations / (TEMPLATE_PUBLICATION if index == 1 else f"plan-{index:03d}")
        shutil.copytree(template, folder)
        if index > 1:
            source = folder / "source.zh.md"
            text = source.read_text(encoding="utf-8").replace(
                "# 国家知识产权局 2021 年工作要点", f"# 国家知识产权局 2021 年工作要点（第{index}号）", 1
            )
            source.write_text(text, encoding="utf-8")
            config = folder / "publication.yml"
            config.write_text(
                config.read_text(encoding="utf-8").replace("order: 1", f"order: {index}"), encoding="utf-8"
            )
    return destination


def measure_generation(project: Path) -> float:
    start = time.perf_counter()
    generate(project / "translations", project / "docs", LANGUAGES)
    return time.perf_counter() - start


def measure_build(project: Path) -> tuple[float, float]:
    """Wall time of a full ``mkdocs build`` as a maintainer runs it, and the part spent in our
    plugin's events (timed by the plugin itself, so no profiler distorts either figure)."""
    timings = project / "timings.json"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TRILINGUAL_TIMINGS": str(timings)}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "site")],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    total = time.perf_counter() - start
    ours = sum(json.loads(timings.read_text(encoding="utf-8")).values())
    return total, ours


def profile_build(project: Path, limit: int = 25) -> str:
    """cProfile of a build in this process, our functions only (``--profile``)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cwd = os.getcwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site-profiled"))
        profiler = cProfile.Profile()
        profiler.enable()
        build(config)
        profiler.disable()
    finally:
        os.chdir(cwd)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats("trilingual", limit)
    return out.getvalue()


def measure_reload(project: Path) -> float:
    """Seconds from saving a translation YAML to `mkdocs serve` serving the changed page."""
    from .ingest import ingest
    from .translations import write_updates

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    folder = project / "translations" / TEMPLATE_PUBLICATION
    document = ingest(folder / "source.zh.md", TEMPLATE_PUBLICATION)
    segment = document.segment_map()["s3.p1.s1"]
    url = f"http://127.0.0.1:{port}/ja/{TEMPLATE_PUBLICATION}/s3/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        _wait(lambda: "data-seg" in _get(url), 600)
        time.sleep(2)
        marker = f"ベンチマーク{time.time_ns()}。"
        text = write_updates(folder / "ja.yml", "ja", document, {segment.id: {"text": marker}})
        start = time.perf_counter()
        (folder / "ja.yml").write_text(text, encoding="utf-8")
        _wait(lambda: marker in _get(url), 600)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait(predicate, timeout: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise TimeoutError("the page never changed")


def site_figures(site: Path) -> tuple[int, int, dict[str, int]]:
    pages = sum(1 for _ in site.rglob("index.html"))
    section = (site / "en" / TEMPLATE_PUBLICATION / "s3" / "index.html").stat().st_size
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    sizes: dict[str, int] = defaultdict(int)
    for doc in index["docs"]:
        lang = doc["location"].split("/", 1)[0] if doc["location"].startswith(("ja/", "en/")) else "zh"
        sizes[lang] += len(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    return pages, section, dict(sizes)


def run(size: int, workdir: Path, reload: bool, profile: bool = False) -> Result:
    project = make_library(workdir / f"library-{size}", size)
    result = Result(size)
    result.generate_s = measure_generation(project)
    result.build_s, result.ours_s = measure_build(project)
    result.pages, result.section_html_bytes, result.index_bytes = site_figures(project / "site")
    if reload:
        result.reload_s = measure_reload(project)
    if profile:
        print(profile_build(project), file=sys.stderr)
    return result


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {system}"


def table(results: list[Result]) -> str:
    header = (
        "| N | pages | generate (s) | build (s) | per page (ms) | ours / build | reload (s) "
        "| section page (KB) | index zh / ja / en (KB) |"
    )
    lines = [header, "|" + "---|" * 9]
    for r in results:
        index = " / ".join(f"{r.index_bytes.get(lang, 0) / 1024:.0f}" for lang in ("zh", "ja", "en"))
        reload = f"{r.reload_s:.2f}" if r.reload_s is not None else "–"
        lines.append(
            f"| {r.size} | {r.pages} | {r.generate_s:.2f} | {r.build_s:.1f} | {r.per_page_ms:.0f} "
            f"| {r.ours_share:.0%} | {reload} | {r.section_html_bytes / 1024:.0f} | {index} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m trilingual.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1, 10, 50], help="library sizes (default: 1 10 50)"
    )
    parser.add_argument(
        "--reload", type=int, nargs="*", default=[1], help="sizes to measure serve reload for"
    )
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of our code per size")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with tempfile.TemporaryDirectory(prefix="trilingual-bench-") as tmp:
        results = []
        for size in args.sizes:
            print(f"building a library of {size} publication(s)…", file=sys.stderr)
            results.append(run(size, Path(tmp), size in args.reload, args.profile))
    print(f"Machine: {machine()}\n")
    print(table(results))
    if len(results) > 1:
        first, last = results[0], results[-1]
        ratio = last.per_page_ms / first.per_page_ms
        print(f"\nTime per page at N={last.size} is {ratio:.2f}× that at N={first.size}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
