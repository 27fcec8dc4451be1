"""How a device tells who listens (the status line, through the bridge) that its status changed."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from pos_terminal.ports import DeviceStatus

log = logging.getLogger(__name__)


def notify(listeners: Iterable[Callable[[DeviceStatus], None]], status: DeviceStatus) -> None:
    """Calls each listener with the new status, on the calling thread. A listener's bug is logged,
    never turned into a device fault, and does not keep the others from hearing it."""
    for listener in list(listeners):
        try:
            listener(status)
        except Exception:
            log.exception("device status listener failed", extra={"device": status.device})
