"""Background work for the screens: `run_in_background(fn, on_success, on_error)`.

Threading rule: call `run_in_background` from the GUI thread. `fn` runs on a QThreadPool worker and
must never touch a widget; `on_success(result)` and `on_error(exc)` always run on the GUI thread,
delivered through a queued signal. With `context` (a QObject, usually the calling widget), the
callbacks are dropped when that object has been deleted by the time the work finishes.

Tests wait with `qtbot.waitUntil(lambda: pending_tasks() == 0)` or `wait_for_tasks()`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

_DISPATCHER_NAME = "pos_terminal_task_dispatcher"


@dataclass(eq=False)
class _Task:
    fn: Callable[[], Any]
    on_success: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    context: QObject | None
    result: Any = None
    error: BaseException | None = None


class _Dispatcher(QObject):
    """Lives on the GUI thread, parented to the application; workers emit `finished` and the
    queued connection brings the task back here."""

    finished = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName(_DISPATCHER_NAME)
        self.in_flight: set[_Task] = set()
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _deliver(self, task: _Task) -> None:
        self.in_flight.discard(task)
        if task.context is not None and not shiboken6.isValid(task.context):
            return
        if task.error is None:
            if task.on_success is not None:
                task.on_success(task.result)
        elif task.on_error is not None:
            task.on_error(task.error)
        else:
            log.error("background task failed", exc_info=task.error)


class _Runnable(QRunnable):
    def __init__(self, task: _Task, dispatcher: _Dispatcher) -> None:
        super().__init__()
        self._task = task
        self._finished = dispatcher.finished

    def run(self) -> None:
        task = self._task
        try:
            task.result = task.fn()
        except Exception as exc:  # handed to on_error on the GUI thread
            task.error = exc
        self._finished.emit(task)


def _dispatcher() -> _Dispatcher:
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("run_in_background needs a QApplication")
    found = app.findChild(_Dispatcher, _DISPATCHER_NAME)
    return found if found is not None else _Dispatcher(app)


def run_in_background(
    fn: Callable[[], Any],
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    *,
    context: QObject | None = None,
) -> None:
    dispatcher = _dispatcher()
    task = _Task(fn, on_success, on_error, context)
    dispatcher.in_flight.add(task)
    QThreadPool.globalInstance().start(_Runnable(task, dispatcher))


def pending_tasks() -> int:
    """Tasks started whose callbacks have not run yet (GUI thread only)."""
    app = QCoreApplication.instance()
    found = app.findChild(_Dispatcher, _DISPATCHER_NAME) if app is not None else None
    return len(found.in_flight) if found is not None else 0


def wait_for_tasks(timeout_ms: int = 10_000) -> bool:
    """Waits for the workers, then delivers their callbacks. True when none is left pending."""
    QThreadPool.globalInstance().waitForDone(QDeadlineTimer(timeout_ms))
    QCoreApplication.processEvents()
    return pending_tasks() == 0
