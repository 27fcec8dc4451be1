"""What the terminal knows about the platform right now: a small circuit breaker.

States:
- closed: the platform answered last; the counter's calls go out (each with a short deadline);
- open: a call failed for lack of the platform (refused, no answer in time, 5xx) `fail_max`
  times in a row; the counter's calls fail at once, without touching the network, so a scan
  takes the offline route immediately. Calls from the background (the outbox worker's patient
  retries, the status bar's health probe) still go out, and the first answer closes it;
- half-open: `retry_after_s` after opening with no answer heard meanwhile, one counter call is
  let through as a trial (within the counter's deadline); its answer closes, its failure reopens.

`fail_max` is 1 by default: a cashier cannot afford a second wait of the counter's deadline, and
a wrong "down" costs little (vouchers are still paid, offline; the status bar's probe every 5 s
closes it again). Time is the injected `clock` (monotonic seconds), so tests move it. Thread-safe: the screens'
workers, the outbox worker and the status probe share one breaker. Listeners are called after a
state change, outside the lock, on the thread that reported the outcome.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"


class CircuitBreaker:
    def __init__(self, *, clock: Callable[[], float] = time.monotonic, fail_max: int = 1,
                 retry_after_s: float = 30.0) -> None:
        if fail_max < 1:
            raise ValueError("fail_max must be at least 1")
        self.clock = clock
        self.fail_max = fail_max
        self.retry_after_s = retry_after_s
        self._lock = threading.Lock()
        self._state = CLOSED
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_at: float | None = None
        self.last_error: str | None = None
        self._listeners: list[Callable[[str], None]] = []

    def __repr__(self) -> str:
        return f"CircuitBreaker({self.state})"

    @property
    def state(self) -> str:
        with self._lock:
            return self._state

    @property
    def known_down(self) -> bool:
        """True while open or half-open: the platform did not answer the last time it was asked."""
        return self.state != CLOSED

    @property
    def opened_at(self) -> float | None:
        return self._opened_at

    def add_listener(self, listener: Callable[[str], None]) -> None:
        """`listener(state)` after each change of state."""
        self._listeners.append(listener)

    def allow(self) -> bool:
        """May a counter call go out now? False while open (or while a trial is under way);
        True when closed, and once per `retry_after_s` as a trial."""
        with self._lock:
            if self._state == CLOSED:
                return True
            now = self.clock()
            since = self._trial_at if self._state == HALF_OPEN else self._opened_at
            if since is not None and now - since < self.retry_after_s:
                return False
            changed = self._state != HALF_OPEN
            self._state, self._trial_at = HALF_OPEN, now
        if changed:
            self._notify(HALF_OPEN)
        return True

    def succeeded(self) -> None:
        """The platform answered (any answer but a 5xx: a refusal is an answer)."""
        with self._lock:
            self._failures = 0
            if self._state == CLOSED:
                return
            self._state, self._opened_at, self._trial_at = CLOSED, None, None
        log.info("platform answers again; counter calls go out")
        self._notify(CLOSED)

    def failed(self, reason: str) -> None:
        """A call failed for lack of the platform (not a refusal)."""
        with self._lock:
            self.last_error = reason
            self._failures += 1
            if self._state == CLOSED and self._failures < self.fail_max:
                return
            was = self._state
            self._state, self._opened_at, self._trial_at = OPEN, self.clock(), None
        if was != OPEN:
            log.warning("platform known down; the counter works offline until it answers", extra={"error": reason})
            self._notify(OPEN)

    def reset(self) -> None:
        """Back to closed without an answer (benchmarks; a changed platform address)."""
        with self._lock:
            was, self._state, self._failures, self._opened_at, self._trial_at = self._state, CLOSED, 0, None, None
        if was != CLOSED:
            self._notify(CLOSED)

    def _notify(self, state: str) -> None:
        for listener in list(self._listeners):
            try:
                listener(state)
            except Exception:
                log.exception("circuit breaker listener failed")
