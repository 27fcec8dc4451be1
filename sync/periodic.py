"""A background loop that runs a few jobs every `interval_s` on its own thread, so that slow work
(refund round-trips with the platform) never holds up another loop (the outbox's settlements).

Threading: `start()` starts the thread; `wake()` (any thread) runs a round at once; `stop()`
returns once the round in progress ends, or after `join_timeout_s` (a job stuck in a platform
call is left to its timeout: the thread is a daemon). A job's exception is logged, never fatal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class PeriodicLoop:
    def __init__(self, jobs: tuple[Callable[[], object], ...], *, interval_s: float, name: str,
                 join_timeout_s: float = 5.0) -> None:
        self.jobs = tuple(jobs)
        self.interval_s = interval_s
        self.name = name
        self.join_timeout_s = join_timeout_s
        self.rounds = 0  # rounds finished (for the tests and the log)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> PeriodicLoop:
        if self._thread is not None and self._thread.is_alive():
            return self
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(self.join_timeout_s)
            if thread.is_alive():
                log.warning("background loop still in a job at stop; left to its timeout", extra={"loop": self.name})

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.is_set():
            for job in self.jobs:
                if self._stop.is_set():
                    return
                try:
                    job()
                except Exception:
                    log.exception("background job failed", extra={"loop": self.name})
            self.rounds += 1
            self._wake.wait(self.interval_s)
            self._wake.clear()
