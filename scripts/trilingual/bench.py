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
from dataclasses import dataclass, field
from pathlib import Path

from .generate import generate
from .localsite import ROOT, copy_project, serve
from .render import SiteLanguages

TEMPLATE_PUBLICATION = "cnipa-2021-work-plan"
LANGUAGES = SiteLanguages("zh", ("ja", "en"), (("zh", "中文"), ("ja", "日本語"), ("en", "English")))


@dataclass
class Result:
    size: int
    pages: int = 0
    generate_s: float = 0.0
    build_s: float = 0.0
    ours_s: float = 0.0
    events: dict[str, float] = field(default_factory=dict)
    """Seconds in each of our plugin's events during the build."""
    reload_s: float | None = None
    section_html_bytes: int = 0
    index_bytes: dict[str, int] = field(default_factory=dict)
    search_ms: dict[str, tuple[float, float]] | None = None

    @property
    def per_page_ms(self) -> float:
        return 1000 * self.build_s / max(self.pages, 1)

    @property
    def ours_share(self) -> float:
        return self.ours_s / self.build_s if self.build_s else 0.0

    def share(self, *events: str) -> float:
        """The share of the build spent in these plugin events."""
        return sum(self.events.get(event, 0.0) for event in events) / self.build_s if self.build_s else 0.0


def make_library(destination: Path, size: int, root: Path = ROOT) -> Path:
    """A copy of the project whose translations/ hold ``size`` copies of the 2021 plan (and no other)."""
    copy_project(destination, root=root)
    translations = destination / "translations"
    for other in translations.glob("*/publication.yml"):
        if other.parent.name != TEMPLATE_PUBLICATION:
            shutil.rmtree(other.parent)
    template = translations / TEMPLATE_PUBLICATION
    title = "# 国家知识产权局 2021 年工作要点"
    for index in range(2, size + 1):
        folder = translations / f"plan-{index:03d}"
        shutil.copytree(template, folder)
        source = folder / "source.zh.md"
        source.write_text(
            source.read_text(encoding="utf-8").replace(title, f"{title}（第{index}号）", 1), encoding="utf-8"
        )
        config = folder / "publication.yml"
        config.write_text(
            config.read_text(encoding="utf-8").replace("order: 1", f"order: {index}"), encoding="utf-8"
        )
    return destination


def measure_generation(project: Path) -> float:
    start = time.perf_counter()
    generate(project / "translations", project / "docs", LANGUAGES)
    return time.perf_counter() - start


def measure_build(project: Path) -> tuple[float, dict[str, float]]:
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
    return total, dict(json.loads(timings.read_text(encoding="utf-8")))


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
    pages = sum(1 for p in site.rglob("index.html"))
    section = (site / "en" / TEMPLATE_PUBLICATION / "s3" / "index.html").stat().st_size
    sizes = {
        lang: (site / prefix / "search" / "index.json").stat().st_size
        for lang, prefix in (("zh", ""), ("ja", "ja"), ("en", "en"))
    }
    return pages, section, sizes


SEARCHES = (("", "知识产权保护中心"), ("ja/", "ハーグ協定"), ("en/", "geographical indications"))


def measure_search(site: Path) -> dict[str, tuple[float, float]] | None:
    """Milliseconds from the last keystroke to the first result, first query (index loading)
    and a second one, per edition, in Debian's Chromium; None when it is not installed."""
    chromium = Path("/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium.exists():
        return None
    server, base = serve(site)
    timing = """q => { window.__tlSearchTime = new Promise(resolve => {
        const input = document.querySelector('.tl-search input');
        const list = document.querySelector('.tl-search__results');
        let start = 0;
        input.addEventListener('input', () => { start = performance.now(); });
        new MutationObserver((_, observer) => {
            if (list.children.length && input.value === q) {
                observer.disconnect();
                resolve(performance.now() - start);
            }
        }).observe(list, {childList: true});
    }); }"""
    figures: dict[str, tuple[float, float]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for prefix, query in SEARCHES:
                runs = []
                page = browser.new_page()
                page.goto(f"{base}{prefix}{TEMPLATE_PUBLICATION}/")
                for _ in range(2):
                    page.locator(".tl-search__open").click()
                    page.locator(".tl-search input").fill("")
                    page.evaluate(timing, query)
                    page.keyboard.type(query)
                    runs.append(float(page.evaluate("window.__tlSearchTime")))
                    page.evaluate("document.querySelector('.tl-search__dialog').close()")
                figures[prefix.rstrip("/") or "zh"] = (runs[0], runs[1])
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return figures


def run(size: int, workdir: Path, reload: bool, profile: bool = False, search: bool = True) -> Result:
    project = make_library(workdir / f"library-{size}", size)
    result = Result(size)
    result.generate_s = measure_generation(project)
    result.build_s, result.events = measure_build(project)
    result.ours_s = sum(result.events.values())
    result.pages, result.section_html_bytes, result.index_bytes = site_figures(project / "site")
    if search:
        result.search_ms = measure_search(project / "site")
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
        "| N | pages | generate (s) | build (s) | per page (ms) | ours: generation / annotation / search "
        "| reload (s) | section page (KB) | search index zh / ja / en (KB) |"
    )
    lines = [header, "|" + "---|" * 9]
    for r in results:
        index = " / ".join(f"{r.index_bytes.get(lang, 0) / 1024:.0f}" for lang in ("zh", "ja", "en"))
        reload = f"{r.reload_s:.2f}" if r.reload_s is not None else "–"
        lines.append(
            f"| {r.size} | {r.pages} | {r.generate_s:.2f} | {r.build_s:.1f} | {r.per_page_ms:.0f} "
            f"| {r.share('on_config', 'on_pre_build'):.0%} / {r.share('on_page_content'):.0%} / "
            f"{r.share('on_post_build'):.0%} | {reload} | {r.section_html_bytes / 1024:.0f} | {index} |"
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
    for r in results:
        if r.search_ms:
            figures = ", ".join(
                f"{lang} {cold:.0f} / {warm:.0f}" for lang, (cold, warm) in r.search_ms.items()
            )
            print(
                f"\nN={r.size}: last keystroke to first result, ms (first query with index loading / next): "
                f"{figures}"
            )
    if len(results) > 1:
        first, last = results[0], results[-1]
        ratio = last.per_page_ms / first.per_page_ms
        print(f"\nTime per page at N={last.size} is {ratio:.2f}× that at N={first.size}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
