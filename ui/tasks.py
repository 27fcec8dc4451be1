"""Background work for the screens: `run_in_background(fn, on_success, on_error)`.

Threading rule: call `run_in_background` from the GUI thread. `fn` runs on a QThreadPool worker and
must never touch a widget; `on_success(result)` and `on_error(exc)` always run on the GUI thread,
delivered through the application's Bridge (`ui.bridge.application_bridge().post_call`). With
`context` (a QObject, usually the calling widget), the callbacks are dropped when that object has
been deleted by the time the work finishes.

Tests wait with `qtbot.waitUntil(lambda: pending_tasks() == 0)` or `wait_for_tasks()`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QThreadPool

from ui.bridge import Bridge, application_bridge

log = logging.getLogger(__name__)

_IN_FLIGHT: set[_Task] = set()  # started, callbacks not run yet (GUI thread only)


@dataclass(eq=False)
class _Task:
    fn: Callable[[], Any]
    on_success: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    context: QObject | None
    result: Any = None
    error: BaseException | None = None

    def deliver(self) -> None:
        """On the GUI thread (posted through the Bridge once `fn` has returned or raised)."""
        _IN_FLIGHT.discard(self)
        if self.context is not None and not shiboken6.isValid(self.context):
            return
        if self.error is None:
            if self.on_success is not None:
                self.on_success(self.result)
        elif self.on_error is not None:
            self.on_error(self.error)
        else:
            log.error("background task failed", exc_info=self.error)


def _work(task: _Task, bridge: Bridge) -> None:
    """On the pool worker: `fn`, then its delivery posted to the GUI thread."""
    try:
        task.result = task.fn()
    except Exception as exc:  # handed to on_error on the GUI thread
        task.error = exc
    bridge.post_call(task.deliver)


def run_in_background(
    fn: Callable[[], Any],
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    *,
    context: QObject | None = None,
) -> None:
    bridge = application_bridge()
    task = _Task(fn, on_success, on_error, context)
    _IN_FLIGHT.add(task)
    # a plain callable: the pool wraps it in a QRunnable of its own (half the cost of building a
    # Python QRunnable subclass on every scan)
    QThreadPool.globalInstance().start(partial(_work, task, bridge))


def pending_tasks() -> int:
    """Tasks started whose callbacks have not run yet (GUI thread only)."""
    return len(_IN_FLIGHT)


def wait_for_tasks(timeout_ms: int = 10_000) -> bool:
    """Waits for the workers, then delivers their callbacks. True when none is left pending."""
    QThreadPool.globalInstance().waitForDone(QDeadlineTimer(timeout_ms))
    QCoreApplication.processEvents()
    return pending_tasks() == 0
