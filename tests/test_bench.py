"""A smoke run of the benchmark at N = 1 (the full benchmark never runs in the tests)."""

from __future__ import annotations

from pathlib import Path

from trilingual_tools.bench import run, table


def test_benchmark_runs_and_reports_every_figure(tmp_path: Path) -> None:
    result = run(1, tmp_path, reload=False, search=False)  # the search timing needs its own browser
    assert result.pages >= 36
    assert 0 < result.ours_s < result.build_s
    assert result.section_html_bytes > 10_000
    assert set(result.index_bytes) == {"zh", "ja", "en"}
    line = table([result]).splitlines()[-1]
    assert line.startswith(f"| 1 | {result.pages} |")
