"""A smoke run of the memory benchmark at N = 2 (the full one never runs in the tests)."""

from __future__ import annotations

from pathlib import Path

from trilingual_tools.bench import make_library
from trilingual_tools.bench_memory import measure


def test_memory_benchmark_times_analyse_and_leverage(tmp_path: Path) -> None:
    project = make_library(tmp_path / "library-2", 2)
    result = measure(project, 2, repeats=1)
    assert result.analyse_s > 0 and result.leverage_s > 0
    assert "plan-002 → ja:" in result.filled and "in-context" in result.filled
    assert (project / "translations" / "plan-002" / "ja.yml").exists(), "leverage wrote the memory's matches"
