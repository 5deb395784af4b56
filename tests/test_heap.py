"""In ``mkdocs serve`` the garbage collector's full pass runs between rebuilds, and frees what a
rebuild left behind, frozen or not."""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config import load_config
from test_serve import wait_for

from conftest import make_project
from trilingual import plugin as plugin_module
from trilingual.heap import IdleCollector, collect_and_freeze
from trilingual.plugin import TrilingualPlugin


@pytest.fixture(autouse=True)
def nothing_frozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


class Node:
    """An object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_what_survives_a_collection_is_left_out_of_the_next_ones() -> None:
    kept = [Node() for _ in range(1000)]
    collect_and_freeze()
    assert gc.get_freeze_count() >= len(kept)
    assert not any(gc.is_tracked(node) and node in gc.get_objects(generation=2) for node in kept[:3])


def test_garbage_among_what_was_frozen_is_freed_by_the_next_idle_collection() -> None:
    node = Node()
    gone = weakref.ref(node)
    collect_and_freeze()
    del node  # a previous build's page, say, frozen while it was still used
    gc.collect()
    assert gone() is not None  # frozen objects are out of reach of ordinary collections
    collect_and_freeze()
    assert gone() is None


def test_a_build_end_sets_off_one_collection_after_the_delay() -> None:
    collector = IdleCollector(delay=0.05)
    node = Node()
    gone = weakref.ref(node)
    del node
    collector.build_ended()
    assert wait_for(lambda: gc.get_freeze_count() > 0)
    assert gone() is None


def test_a_build_that_starts_within_the_delay_puts_the_collection_off() -> None:
    collector = IdleCollector(delay=0.3)
    collector.build_ended()
    collector.build_started()  # the next edition's build, or the next save
    time.sleep(0.9)
    assert gc.get_freeze_count() == 0
    collector.build_ended()
    assert wait_for(lambda: gc.get_freeze_count() > 0)
    collector.stop()
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize(("command", "collects"), [("serve", True), ("build", False)])
def test_only_serve_collects_between_builds(
    command: str, collects: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plugin_module._kept, "heap", IdleCollector(delay=0.05))
    plugin = TrilingualPlugin()
    plugin.on_startup(command=command, dirty=True)
    plugin.on_build_error(error=RuntimeError("a failed rebuild ends a build too"))
    if collects:
        assert wait_for(lambda: gc.get_freeze_count() > 0)
    else:
        time.sleep(0.3)
        assert gc.get_freeze_count() == 0
    plugin.on_shutdown()
    assert gc.get_freeze_count() == 0


def test_a_new_plugin_object_still_puts_off_the_collection_of_the_last(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Whether MkDocs keeps the plugin object across serve's rebuilds or makes a new one, the
    next build's start cancels the collection the last build's end set off."""
    project = make_project(tmp_path / "project", home_only=True)
    monkeypatch.chdir(project)
    monkeypatch.setattr(plugin_module._kept, "heap", IdleCollector(delay=0.5))
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    ending, starting = TrilingualPlugin(), TrilingualPlugin()  # not MkDocs' (it keeps one per process)
    for plugin in (ending, starting):
        plugin.load_config({}, str(project / "mkdocs.yml"))
        plugin.on_startup(command="serve", dirty=True)
    ending.on_build_error(error=RuntimeError("a rebuild ends"))
    starting.on_config(config)
    time.sleep(1.5)
    assert gc.get_freeze_count() == 0
    starting.on_shutdown()
