"""Benchmark: generation, build, reload, page weight and search for libraries of 1, 10 and 50 publications.

Run with ``make bench`` (or ``python -m trilingual_tools.bench --sizes 1 10 50``). Each library is
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
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from trilingual.config import SiteLanguages
from trilingual.generate import generate
from trilingual_tools.localsite import ROOT, copy_project, serve

if TYPE_CHECKING:
    from trilingual_tools import bench_memory

TEMPLATE_PUBLICATION = "cnipa-2021-work-plan"
LANGUAGES = SiteLanguages("zh", ("ja", "en"), (("zh", "中文"), ("ja", "日本語"), ("en", "English")))


@dataclass
class SearchFigures:
    """One edition's search, typed as a reader types (a key every TYPING_DELAY_MS) in Chromium,
    the site served with gzip as GitHub Pages serves it."""

    first_kb: float
    """Index transferred (gzip) from opening the dialog to the first query's results."""
    next_kb: float
    """Index transferred for a second query typed after the first."""
    typed_ms: float
    """From the last keystroke of the first query to its first result on screen."""
    next_ms: float
    """The same for the second query."""
    pasted_ms: float
    """A query pasted into the dialog of a freshly opened page: nothing fetched beforehand."""
    files: int
    """Files the first query fetched."""


@dataclass
class Result:
    size: int
    pages: int = 0
    generate_s: float = 0.0
    build_s: float = 0.0
    ours_s: float = 0.0
    events: dict[str, float] = field(default_factory=dict)
    """Seconds in each of our plugin's events during the build."""
    reloads: dict[str, list[float]] = field(default_factory=dict)
    """Seconds to each reload in ``mkdocs serve --dirty`` after saving a translation, a source, the
    glossary (each saved and undone :data:`RELOAD_ROUNDS` times)."""
    section_html_bytes: int = 0
    index_bytes: dict[str, int] = field(default_factory=dict)
    search: dict[str, SearchFigures] | None = None
    """Per edition: what the first searches fetch and how long they take (None without Chromium)."""
    pdf_s: float | None = None
    """What the PDFs add to a build with an empty PDF cache (measured at the smallest size)."""
    pdf_bytes: int = 0
    memory: bench_memory.MemoryResult | None = None
    """How long ``analyse`` and ``leverage`` take on the library's last publication."""

    @property
    def per_page_ms(self) -> float:
        return 1000 * self.build_s / max(self.pages, 1)

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


def measure_build(project: Path, *, pdf: bool = False) -> tuple[float, dict[str, float]]:
    """Wall time of a full ``mkdocs build`` as a maintainer runs it, and the part spent in our
    plugin's events (each wrapped in a timer by :mod:`trilingual_tools.timings`, so no profiler
    distorts either figure). Without PDFs unless asked: they are measured once, on their own
    (``measure_pdfs``)."""
    timings = project / "timings.json"
    tools = str(Path(__file__).resolve().parent.parent)
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "TRILINGUAL_PDF": "true" if pdf else "false",
        "PYTHONPATH": os.pathsep.join(filter(None, [tools, os.environ.get("PYTHONPATH")])),
    }
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "trilingual_tools.timings",
            str(timings),
            "build",
            "-q",
            "-d",
            str(project / "site"),
        ],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    total = time.perf_counter() - start
    return total, dict(json.loads(timings.read_text(encoding="utf-8")))


def measure_pdfs(project: Path, without: float) -> tuple[float, int]:
    """What the PDFs add to a build with an empty cache, and their size."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    with_pdfs, _ = measure_build(project, pdf=True)
    size = sum(p.stat().st_size for p in (project / "site").rglob("*.pdf"))
    return max(with_pdfs - without, 0.0), size


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


RELOAD_EDITS = ("translation", "source", "glossary")
RELOAD_ROUNDS = 2
"""Each kind of edit is saved and undone this many times: 2 × this reloads, of which the median
is reported (the watcher's polling alone spreads them by up to 0.5 s)."""


def measure_reload(project: Path, rounds: int = RELOAD_ROUNDS) -> dict[str, list[float]]:
    """Seconds from saving a file to `mkdocs serve --dirty` (``make serve``) telling the browser
    to reload, with the change on the page (or, after the undo, gone from it): a translation
    YAML, a source, the glossary. Every reload of each kind, in the order measured."""
    from trilingual.ingest import ingest
    from trilingual.translations import write_updates

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    folder = project / "translations" / TEMPLATE_PUBLICATION
    document = ingest(folder / "source.zh.md", TEMPLATE_PUBLICATION)
    segment = document.segment_map()["s3.p1.s1"]
    base = f"http://127.0.0.1:{port}/"
    log_path = project / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )

    def reloads() -> int:
        return log_path.read_text(encoding="utf-8").count("Reloading browsers")

    def save(path: Path, text: str, page: str, marker: str, shown: bool) -> float:
        before = reloads()
        start = time.perf_counter()
        path.write_text(text, encoding="utf-8")
        _wait(lambda: reloads() > before, 900)
        seconds = time.perf_counter() - start
        if (marker in _get(base + page)) != shown:
            raise RuntimeError(f"{marker} is {'not ' if shown else ''}on {page} after the reload")
        time.sleep(2)
        return seconds

    times: dict[str, list[float]] = {name: [] for name in RELOAD_EDITS}
    try:
        _wait(lambda: "data-seg" in _get(f"{base}ja/{TEMPLATE_PUBLICATION}/s3/"), 900)
        time.sleep(2)
        edits = {
            "translation": (
                folder / "ja.yml",
                lambda text, mark: write_updates(
                    folder / "ja.yml", "ja", document, {segment.id: {"text": f"{mark}。"}}
                ),
                f"ja/{TEMPLATE_PUBLICATION}/s3/",
                "ベンチ",
            ),
            "source": (
                folder / "source.zh.md",
                lambda text, mark: text.replace(segment.text[:8], segment.text[:8] + f"（{mark}）", 1),
                f"{TEMPLATE_PUBLICATION}/s3/",
                "基准",
            ),
            "glossary": (
                project / "translations" / "glossary.yml",
                lambda text, mark: text.replace(
                    "    ja: 国家市場監督管理総局が管理する",
                    f"    ja: {mark}。国家市場監督管理総局が管理する",
                    1,
                ),
                "ja/glossary/",
                "基準",
            ),
        }
        for name in RELOAD_EDITS:
            path, change, page, word = edits[name]
            original = path.read_text(encoding="utf-8")
            for _ in range(rounds):
                marker = f"{word}{time.time_ns()}"
                times[name].append(save(path, change(original, marker), page, marker, shown=True))
                times[name].append(save(path, original, page, marker, shown=False))
        return times
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
    """Pages, the size of a section page, and each edition's search index (all its files)."""
    pages = sum(1 for p in site.rglob("index.html"))
    section = (site / "en" / TEMPLATE_PUBLICATION / "s3" / "index.html").stat().st_size
    sizes = {
        lang: sum(f.stat().st_size for f in (site / prefix / "search").rglob("*.json"))
        for lang, prefix in (("zh", ""), ("ja", "ja"), ("en", "en"))
    }
    return pages, section, sizes


SEARCHES = (
    ("", "知识产权保护中心", "专利导航"),
    ("ja/", "ハーグ協定", "地理的表示"),
    ("en/", "geographical indications", "patent navigation"),
)
TYPING_DELAY_MS = 120

# The keystroke is timed in the capture phase, before the dialog's own listener runs (which
# may render the results before a listener of the field itself would be called).
_TIMING = """q => { window.__tlSearchTime = new Promise(resolve => {
    const list = document.querySelector('.tl-search__results');
    let start = performance.now();
    window.addEventListener('input', () => { start = performance.now(); }, true);
    const done = () => list.dataset.query === q && list.children.length > 0;
    new MutationObserver((_, observer) => {
        if (done()) { observer.disconnect(); resolve(performance.now() - start); }
    }).observe(list, {childList: true, attributes: true});
}); }"""


def _index_responses(page) -> list[int]:  # type: ignore[no-untyped-def]
    """Bytes on the wire (Content-Length, gzip) of every index file the page fetches, as it goes."""
    sizes: list[int] = []

    def count(response) -> None:  # type: ignore[no-untyped-def]
        if "/search/" in response.url:
            sizes.append(int(response.headers.get("content-length", "0")))

    page.on("response", count)
    return sizes


def measure_search(site: Path) -> dict[str, SearchFigures] | None:
    """Per edition, in Debian's Chromium with the site served gzipped: the index transferred by
    a first and a second query typed key by key, the time from the last keystroke to the first
    result, and that of a query pasted on a fresh page. None when Chromium is not installed."""
    chromium = Path("/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium.exists():
        return None
    server, base = serve(site, compress=True)
    figures: dict[str, SearchFigures] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for prefix, first, second in SEARCHES:
                page = browser.new_page()
                fetched = _index_responses(page)
                page.goto(f"{base}{prefix}{TEMPLATE_PUBLICATION}/")
                page.locator(".tl-search__open").click()
                typed = []
                transferred = []
                files = 0
                for query in (first, second):
                    before = sum(fetched)
                    page.locator(".tl-search input[name=q]").fill("")
                    page.evaluate(_TIMING, query)
                    page.keyboard.type(query, delay=TYPING_DELAY_MS)
                    typed.append(float(page.evaluate("window.__tlSearchTime")))
                    transferred.append((sum(fetched) - before) / 1024)
                    files = files or len(fetched)
                page.close()
                page = browser.new_page()
                page.goto(f"{base}{prefix}{TEMPLATE_PUBLICATION}/")
                page.evaluate("document.querySelector('.tl-search__dialog').showModal()")
                page.evaluate(_TIMING, first)
                page.locator(".tl-search input[name=q]").fill(first)
                pasted = float(page.evaluate("window.__tlSearchTime"))
                page.close()
                figures[prefix.rstrip("/") or "zh"] = SearchFigures(
                    transferred[0], transferred[1], typed[0], typed[1], pasted, files
                )
            browser.close()
    finally:
        server.shutdown()
    return figures


def search_table(results: list[Result]) -> str:
    """The search figures of each size, one row per edition."""
    lines = [
        "| N | edition | index on disk (KB) | first query: transferred (KB, gzip) / files "
        "| second query (KB) | last keystroke → result (ms): first / second | pasted, cold page (ms) |",
        "|" + "---|" * 7,
    ]
    for r in results:
        for lang, f in (r.search or {}).items():
            disk = r.index_bytes.get(lang, 0) / 1024
            lines.append(
                f"| {r.size} | {lang} | {disk:.0f} | {f.first_kb:.0f} / {f.files} | {f.next_kb:.0f} "
                f"| {f.typed_ms:.0f} / {f.next_ms:.0f} | {f.pasted_ms:.0f} |"
            )
    return "\n".join(lines)


def run(
    size: int, workdir: Path, reload: bool, profile: bool = False, search: bool = True, pdfs: bool = False
) -> Result:
    project = make_library(workdir / f"library-{size}", size)
    result = Result(size)
    result.generate_s = measure_generation(project)
    result.build_s, result.events = measure_build(project)
    # write_search_index runs inside on_post_build: timed on its own, counted once.
    result.ours_s = sum(t for event, t in result.events.items() if event != "write_search_index")
    result.pages, result.section_html_bytes, result.index_bytes = site_figures(project / "site")
    if search:
        result.search = measure_search(project / "site")
    if reload:
        result.reloads = measure_reload(project)
    if profile:
        print(profile_build(project), file=sys.stderr)
    if pdfs:
        result.pdf_s, result.pdf_bytes = measure_pdfs(project, result.build_s)
    if size >= 2:  # last: it removes the last publication's translations to leverage them again
        from trilingual_tools import bench_memory

        result.memory = bench_memory.measure(project, size, repeats=1)
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
        "| reload: yml / source / glossary (s) | section page (KB) | search index zh / ja / en (KB) |"
    )
    lines = [header, "|" + "---|" * 9]
    for r in results:
        index = " / ".join(f"{r.index_bytes.get(lang, 0) / 1024:.0f}" for lang in ("zh", "ja", "en"))
        reload = (
            " / ".join(f"{statistics.median(r.reloads[name]):.1f}" for name in RELOAD_EDITS)
            if r.reloads
            else "–"
        )
        lines.append(
            f"| {r.size} | {r.pages} | {r.generate_s:.2f} | {r.build_s:.1f} | {r.per_page_ms:.0f} "
            f"| {r.share('on_config', 'on_pre_build'):.0%} / {r.share('on_page_content'):.0%} / "
            f"{r.share('write_search_index'):.0%} | {reload} | {r.section_html_bytes / 1024:.0f} | {index} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m trilingual_tools.bench", description=__doc__.split("\n\n")[0]
    )
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
            results.append(
                run(size, Path(tmp), size in args.reload, args.profile, pdfs=size == min(args.sizes))
            )
    print(f"Machine: {machine()}\n")
    print(table(results))
    for r in results:
        if r.reloads:
            each = "; ".join(
                f"{name} " + " ".join(f"{t:.1f}" for t in r.reloads[name]) for name in RELOAD_EDITS
            )
            print(
                f"\nEvery reload at N={r.size} (each save, then its undo, {RELOAD_ROUNDS} times; s): {each}"
            )
    if any(r.search for r in results):
        print("\nSearch, typed a key every", TYPING_DELAY_MS, "ms in Chromium, the site served with gzip:\n")
        print(search_table(results))
    for r in results:
        if r.pdf_s is not None:
            print(
                f"\nPDFs at N={r.size}: {r.pdf_s:.1f} s added to a build with an empty PDF cache "
                f"({r.pdf_s / r.size:.1f} s per publication, {r.pdf_bytes / 1e6:.1f} MB); none when cached."
            )
        if r.memory is not None:
            print(
                f"Translation memory at N={r.size}: analyse {r.memory.analyse_s:.1f} s, "
                f"leverage {r.memory.leverage_s:.1f} s."
            )
    if len(results) > 1:
        first, last = results[0], results[-1]
        ratio = last.per_page_ms / first.per_page_ms
        print(f"\nTime per page at N={last.size} is {ratio:.2f}× that at N={first.size}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
