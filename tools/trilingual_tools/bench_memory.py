"""Benchmark of the translation memory: ``analyse`` and ``leverage`` on libraries of N publications.

Run with ``python -m trilingual_tools.bench_memory --sizes 10 50``. Each library is the benchmark's
(:func:`trilingual_tools.bench.make_library`: the 2021 plan copied N times); its last publication
loses its translations and has two sentences edited, then ``analyse`` and ``leverage`` run on
it as a translator runs them (whole commands, library loading included) against the memory of
the other N − 1; each figure is the median of three runs. Never part of the test suite (a smoke
run at N = 2 is).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from trilingual_tools.bench import LANGUAGES, machine, make_library

EDITS = (
    ("适时开展“回头看”。", "适时开展专项检查。"),
    ("探索开展知识产权保护水平评估", "全面开展知识产权保护水平评估"),
)


@dataclass(frozen=True)
class MemoryResult:
    size: int
    analyse_s: float
    leverage_s: float
    filled: str
    """What leverage printed: its counts per band."""


def prepare(project: Path, size: int) -> str:
    """Strip the last publication of its translations and edit two of its sentences; its id."""
    folder = project / "translations" / f"plan-{size:03d}"
    for language in LANGUAGES.targets:
        (folder / f"{language}.yml").unlink()
    source = folder / "source.zh.md"
    text = source.read_text(encoding="utf-8")
    for old, new in EDITS:
        text = text.replace(old, new)
    source.write_text(text, encoding="utf-8")
    return folder.name


def measure(project: Path, size: int, repeats: int = 3) -> MemoryResult:
    """Median seconds of ``repeats`` runs of each command (the machine is often shared)."""
    if size < 2:
        raise ValueError("a memory needs at least one other publication: N ≥ 2")
    publication = prepare(project, size)
    folder = project / "translations" / publication
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    seconds: dict[str, list[float]] = {"analyse": [], "leverage": []}
    output = ""
    for _ in range(repeats):
        for command in seconds:
            for language in LANGUAGES.targets:  # leverage again from nothing
                (folder / f"{language}.yml").unlink(missing_ok=True)
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "trilingual.cli", command, "--publication", publication],
                cwd=project,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            seconds[command].append(time.perf_counter() - start)
            output = done.stdout
    return MemoryResult(
        size, statistics.median(seconds["analyse"]), statistics.median(seconds["leverage"]), output
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m trilingual_tools.bench_memory", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[10, 50], help="library sizes (default: 10 50)"
    )
    parser.add_argument("--repeats", type=int, default=3, help="runs per command; the median counts")
    args = parser.parse_args(argv)
    if min(args.sizes) < 2:
        parser.error("a memory needs at least one other publication: sizes from 2")
    results = []
    with tempfile.TemporaryDirectory(prefix="trilingual-bench-memory-") as tmp:
        for size in args.sizes:
            print(f"building a library of {size} publication(s)…", file=sys.stderr)
            project = make_library(Path(tmp) / f"library-{size}", size)
            results.append(measure(project, size, args.repeats))
    print(f"Machine: {machine()}\n")
    print("| N | analyse (s) | leverage (s) |\n|---|---|---|")
    for r in results:
        print(f"| {r.size} | {r.analyse_s:.2f} | {r.leverage_s:.2f} |")
    if results:
        print(f"\nleverage at N={results[-1].size}:\n{results[-1].filled}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
