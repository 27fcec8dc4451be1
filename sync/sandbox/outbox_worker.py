"""The thread that drains one of the platform's outboxes (the buyer's messages, the merchants'
webhooks): started with the app, woken after a write, stopped at shutdown. Subclasses give
`_run`, which loops until `_stop` is set, waiting on `_wake`; `_draining` keeps a row from being
sent by two drains at once (the thread's and a test's drain_once)."""

from __future__ import annotations

import threading


class OutboxWorker:
    thread_name = "sandbox-outbox"

    def __init__(self) -> None:
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._draining = threading.Lock()
        self._thread: threading.Thread | None = None

    def _run(self) -> None:
        raise NotImplementedError

    def start(self):
        self._thread = threading.Thread(target=self._run, name=self.thread_name, daemon=True)
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 20.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
