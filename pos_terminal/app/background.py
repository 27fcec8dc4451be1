"""The terminal's background loops, started and stopped in one place, each on its own thread so
that one slow conversation with the platform never holds up another:

- outbox ("outbox-worker", sync/outbox_worker.py): first in every round it resolves the prepaid
  journal left by a crash (Terminal.recover_prepaid), then sends the settlements in order, each with
  its Idempotency-Key; `wake_outbox()` after a sale sends at once instead of at the next poll.
- refund sync ("refund-sync", sync/periodic.py): intakes stored while the platform was away, the
  sellers' decisions, double payments paid back here (Terminal.refund_housekeeping).
- key refresh ("key-refresh", sync/periodic.py): the voucher public keys, when the refresh
  interval has passed or the last try failed (sync.keys.KeyStore.refresh_if_due).

Threading: start() and stop() from the thread that owns the terminal (the GUI thread before the
window opens and after it closed, or the command line); wake_outbox() from any thread. A loop's
job that raises is logged and tried again next round, never fatal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from sync.outbox_worker import OutboxWorker
from sync.periodic import PeriodicLoop

if TYPE_CHECKING:
    from pos_terminal.app.container import Terminal

log = logging.getLogger(__name__)


class BackgroundLoops:
    def __init__(self, *, uow: Callable, platform, clock, poll_s: float, recover_prepaid: Callable[[], object],
                 refund_round: Callable[[], object], refresh_keys: Callable[[], object]) -> None:
        self.outbox = OutboxWorker(uow, platform, clock, idle_poll_s=poll_s, housekeeping=(recover_prepaid,))
        self.refunds = PeriodicLoop((refund_round,), interval_s=poll_s, name="refund-sync")
        self.keys = PeriodicLoop((refresh_keys,), interval_s=poll_s, name="key-refresh")

    @classmethod
    def for_terminal(cls, terminal: Terminal) -> BackgroundLoops:
        """The loops of `terminal`, talking to the platform client it holds now (attach it first)."""
        # the outbox sends each message to the platform it names (Terminal.outbox_client, issue 16)
        return cls(uow=terminal.uow, platform=terminal.outbox_client(), clock=terminal.clock,
                   poll_s=terminal.settings.platform.sync_poll_s, recover_prepaid=terminal.recover_prepaid,
                   refund_round=terminal.refund_housekeeping, refresh_keys=lambda: terminal.issuer_keys.refresh_if_due())

    def start(self) -> BackgroundLoops:
        """Starts every loop (a running one is left as it is)."""
        self.outbox.start()
        self.refunds.start()
        self.keys.start()
        log.info("background loops started", extra={"loops": ["outbox-worker", "refund-sync", "key-refresh"]})
        return self

    def wake_outbox(self) -> None:
        """After a sale: the outbox sends at once. Any thread."""
        self.outbox.wake()

    def stop(self) -> None:
        """Stops every loop: each returns once its round in progress ends (or its join timeout;
        a job stuck in a platform call is left to the call's timeout on a daemon thread)."""
        self.keys.stop()
        self.refunds.stop()
        self.outbox.stop()

    @property
    def running(self) -> bool:
        return self.outbox.running or self.refunds.running or self.keys.running
