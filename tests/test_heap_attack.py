"""An outsider's attacks on the idle garbage collection of ``mkdocs serve`` (``trilingual.heap``):
saves racing the collection, a failed rebuild, shutdown with a collection pending, memory over
many rebuilds, and ``mkdocs build`` left alone."""

from __future__ import annotations

import gc
import signal
import threading
import time
from pathlib import Path

import pytest
from test_heap import nothing_frozen  # noqa: F401  (autouse: every test starts and ends unfrozen)
from test_serve import wait_for
from test_serve_dirty import Server, assert_serves_a_full_build

from conftest import make_project, two_plans
from trilingual.heap import IdleCollector

JA = "translations/second-plan/ja.yml"
TITLE = "江南省知識産権局2022年活動要点"


class Collections:
    """Full collections run outside the main thread; optionally held at their end (before the
    freeze that follows them) until released."""

    def __init__(self, hold: bool = False) -> None:
        self.count = 0
        self.held = threading.Event()
        self.release = threading.Event()
        self.hold = hold

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2 or threading.current_thread() is threading.main_thread():
            return
        if phase == "stop":
            self.count += 1
            if self.hold and not self.release.is_set():
                self.held.set()
                self.release.wait(10)

    def __enter__(self) -> Collections:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *_: object) -> None:
        self.release.set()
        gc.callbacks.remove(self)


def test_builds_ending_in_quick_succession_set_off_one_collection() -> None:
    collector = IdleCollector(delay=0.2)
    with Collections() as collections:
        for _ in range(20):  # three editions' builds, and saves a moment apart
            collector.build_started()
            collector.build_ended()
            collector.build_ended()  # a build's end told twice (its last edition, an error)
            time.sleep(0.01)
        assert wait_for(lambda: collections.count > 0, timeout=5)
        time.sleep(0.5)
        assert collections.count == 1
    collector.stop()


def test_the_timer_does_not_keep_the_process_alive() -> None:
    collector = IdleCollector(delay=30)
    collector.build_ended()
    timers = [t for t in threading.enumerate() if isinstance(t, threading.Timer) and t.is_alive()]
    assert timers and all(t.daemon for t in timers)
    collector.stop()
    assert wait_for(lambda: not any(t.is_alive() for t in timers), timeout=5)


def test_a_build_starting_while_the_collection_runs_sets_off_no_other_before_it_ends() -> None:
    collector = IdleCollector(delay=0.05)
    with Collections(hold=True) as collections:
        collector.build_ended()
        assert collections.held.wait(5)
        collector.build_started()  # a save lands while the idle collection runs
        collections.release.set()
        time.sleep(0.4)
        assert collections.count == 1
        collector.build_ended()
        assert wait_for(lambda: collections.count == 2, timeout=5)
    collector.stop()


def test_stopping_while_the_collection_runs_leaves_nothing_frozen() -> None:
    collector = IdleCollector(delay=0.05)
    with Collections(hold=True) as collections:
        collector.build_ended()
        assert collections.held.wait(5)
        threading.Timer(0.2, collections.release.set).start()  # the collection ends during stop()
        collector.stop()  # the server shuts down during the idle collection
        time.sleep(0.5)
        assert gc.get_freeze_count() == 0


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    translations = two_plans(tmp_path_factory.mktemp("translations"))
    return make_project(tmp_path_factory.mktemp("project"), translations, home_only=True)


@pytest.mark.parametrize("startup", [None, "build"])
def test_mkdocs_build_in_process_freezes_nothing_and_starts_no_timer(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, startup: str | None
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.chdir(project)
    monkeypatch.setenv("TRILINGUAL_PDF", "false")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    if startup:
        config.plugins.on_startup(command=startup, dirty=False)
    before = set(threading.enumerate())
    build(config)
    timers = [t for t in set(threading.enumerate()) - before if isinstance(t, threading.Timer)]
    assert timers == []
    assert gc.get_freeze_count() == 0
    if startup:
        config.plugins.on_shutdown()
    assert (tmp_path / "site" / "index.html").is_file()


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def save(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def settle(server: Server, before: int, quiet: float = 1.6) -> None:
    """Wait for a rebuild after ``before`` reloads, then until the log is quiet for ``quiet``
    seconds (the idle collection, one second after the build, has run by then)."""
    assert wait_for(lambda: server.reloads() > before or server.process.poll() is not None, 120)
    assert server.process.poll() is None, server.text()
    while True:
        seen = server.text()
        time.sleep(quiet)
        if server.text() == seen:
            return


def test_serve_survives_racing_saves_a_broken_save_and_many_rebuilds_then_exits_cleanly(
    project: Path, tmp_path: Path
) -> None:
    server = Server(project, tmp_path / "serve.log")
    ja = project / JA
    rss: list[int] = []
    try:
        assert wait_for(lambda: server.builds() >= 1 or server.process.poll() is not None, 120)
        # Two saves a moment apart: the second lands during (or just before) the first rebuild.
        before = server.reloads()
        time.sleep(1.1)
        save(ja, TITLE, "江南省知識産権局2022年の一")
        time.sleep(0.3)
        save(ja, "江南省知識産権局2022年の一", "江南省知識産権局2022年の二")
        settle(server, before)
        # A save that breaks the YAML, then its fix: the server recovers.
        before = server.reloads()
        save(ja, "segments:", "segments: [")
        assert wait_for(lambda: "invalid YAML" in server.text(), 60), server.text()
        settle(server, before - 1)
        before = server.reloads()
        save(ja, "segments: [", "segments:")
        settle(server, before)
        # Many rebuilds: what the server holds stays bounded.
        for turn in range(8):
            before = server.reloads()
            old, new = ("の二", "の三") if turn % 2 == 0 else ("の三", "の二")
            save(ja, old, new)
            settle(server, before, quiet=1.3)
            rss.append(rss_kib(server.process.pid))
        print("RSS KiB after each rebuild:", rss)
        # Measured: +128 KiB over 8 rebuilds; with frozen garbage never freed, +5 MiB.
        assert max(rss[4:]) - min(rss[:4]) < 2 * 1024, rss
        assert_serves_a_full_build(server, project, tmp_path)
        # Interrupt right after a rebuild ends, with the idle collection pending.
        before = server.reloads()
        save(ja, "の二", "の四")
        assert wait_for(lambda: server.reloads() > before, 120), server.text()
        server.process.send_signal(signal.SIGINT)
        assert server.process.wait(timeout=20) == 0, server.text()
    finally:
        if server.process.poll() is None:
            server.process.kill()
        server.process.wait(timeout=20)
        server.log.close()
    log = server.text().split("Reloading browsers")[-1]
    assert "Traceback" not in log and "Exception" not in log, log
