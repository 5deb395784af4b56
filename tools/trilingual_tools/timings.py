"""``mkdocs`` with our plugin's events timed, for the benchmark (the plugin itself keeps no timing code).

``python -m trilingual_tools.timings <timings.json> build -q -d site`` runs ``mkdocs build -q -d
site`` after wrapping every ``on_*`` event of :class:`trilingual.plugin.TrilingualPlugin`, and the
search index writer it calls from ``on_post_build``, with a wall-clock timer; at exit the seconds
spent in each (``{"on_page_content": 1.2, "write_search_index": 0.4, ...}``) are written to the
JSON file. ``write_search_index`` runs inside ``on_post_build``, so its time is counted in both.
"""

from __future__ import annotations

import atexit
import functools
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TIMINGS: dict[str, float] = {}
"""Seconds spent in each timed function, by name, in this process."""


def timed(function: Callable[..., Any]) -> Callable[..., Any]:
    """The function, accumulating its wall time in :data:`TIMINGS` under its name (its attributes,
    such as MkDocs' ``mkdocs_priority``, carried over)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            TIMINGS[function.__name__] = TIMINGS.get(function.__name__, 0.0) + time.perf_counter() - start

    return wrapper


def install() -> None:
    """Time the plugin's events and its search index writer, in every plugin made from now on."""
    from trilingual import plugin

    events = [name for name in vars(plugin.TrilingualPlugin) if name.startswith("on_")]
    for name in events:
        setattr(plugin.TrilingualPlugin, name, timed(vars(plugin.TrilingualPlugin)[name]))
    # The plugin calls the name it imported into its module, looked up there at each call.
    writer = "write_search_index"
    if not callable(getattr(plugin, writer, None)):
        raise RuntimeError(f"trilingual.plugin no longer calls {writer}: update the benchmark")
    setattr(plugin, writer, timed(getattr(plugin, writer)))


def write(path: Path) -> None:
    path.write_text(json.dumps(TIMINGS), encoding="utf-8")


def main(argv: list[str]) -> None:
    """Run mkdocs with the arguments after the timings file, then write the timings there."""
    from mkdocs.__main__ import cli

    install()
    atexit.register(write, Path(argv[0]))
    cli.main(args=argv[1:], prog_name="mkdocs")


if __name__ == "__main__":
    main(sys.argv[1:])
