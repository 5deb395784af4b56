"""Python's cyclic garbage collector, kept off the path of a ``mkdocs serve`` rebuild.

Between rebuilds the server keeps what makes the next one fast: every publication's model and
pages, three editions' memories and search indexes (millions of objects for a large library).
A full collection walks all of them: at 50 publications about 0.3 s, and every rebuild set one
off. :class:`IdleCollector` runs that collection once the rebuild is over and the server has
been quiet for ``delay`` seconds, then freezes what survived (:func:`gc.freeze`), so that the
collections the next rebuild sets off walk only what it made. Each idle collection unfreezes
first, so cyclic garbage among what was frozen (a previous build's pages and navigation) is
still freed: memory does not grow across rebuilds.
"""

from __future__ import annotations

import gc
import threading

IDLE_DELAY = 1.0
"""Seconds of quiet after a build before the collection: the browser has reloaded by then."""


class IdleCollector:
    """Told when each build starts and ends; collects in a timer thread after the last end."""

    def __init__(self, delay: float | None = None) -> None:
        self.delay = IDLE_DELAY if delay is None else delay
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def build_started(self) -> None:
        """A build (or one edition's) starts: no collection until it ends."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    def build_ended(self) -> None:
        """A build (or one edition's) ended: collect after ``delay`` unless another starts."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, collect_and_freeze)
            self._timer.daemon = True
            self._timer.start()

    def stop(self) -> None:
        """The server stops: no collection pending or running, nothing left frozen."""
        with self._lock:
            timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()
            timer.join()  # a collection already under way freezes when it ends: wait for it
        gc.unfreeze()


def collect_and_freeze() -> None:
    """A full collection of everything, then what survived is frozen (left out of later ones)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
