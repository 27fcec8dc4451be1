from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from tests.ui.conftest import settle
from ui.bridge import Bridge
from ui.tasks import pending_tasks, run_in_background, wait_for_tasks


def test_callbacks_run_on_the_gui_thread(qtbot, qapp):
    worker_threads, callback_threads, results = [], [], []

    def work():
        worker_threads.append(threading.current_thread())
        return 42

    def done(value):
        callback_threads.append(threading.current_thread())
        results.append(value)

    run_in_background(work, done)
    assert pending_tasks() >= 1
    settle(qtbot)
    assert results == [42]
    assert worker_threads[0] is not threading.main_thread()
    assert callback_threads == [threading.main_thread()]


def test_an_exception_goes_to_on_error(qtbot, qapp):
    errors = []

    def fail():
        raise ValueError("no paper")

    run_in_background(fail, lambda _: errors.append("success?"), errors.append)
    assert wait_for_tasks()
    assert len(errors) == 1 and isinstance(errors[0], ValueError)


def test_callbacks_are_dropped_when_their_context_is_gone(qtbot, qapp):
    release, calls = threading.Event(), []
    owner = QWidget()
    run_in_background(lambda: release.wait(10), calls.append, calls.append, context=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))
    release.set()
    settle(qtbot)
    assert calls == []


def _alive(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_the_bridge_delivers_on_the_gui_thread(qtbot, qapp):
    bridge = Bridge()
    seen = []
    bridge.scan.connect(lambda event: seen.append((event, threading.current_thread())))
    bridge.sync_state.connect(lambda state: seen.append((state, threading.current_thread())))
    worker = threading.Thread(target=lambda: (bridge.post_scan("QR-1"), bridge.post_sync_state("S")))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen == [("QR-1", threading.main_thread()), ("S", threading.main_thread())]


def test_a_call_posted_from_a_worker_runs_on_the_gui_thread(qtbot, qapp):
    """Bridge.post_call: what run_in_background and the manual card approval use to come back."""
    bridge, ran = Bridge(), []
    worker = threading.Thread(target=lambda: bridge.post_call(lambda: ran.append(threading.current_thread())))
    worker.start()
    worker.join()
    assert ran == []  # queued: nothing runs on the worker
    qtbot.waitUntil(lambda: len(ran) == 1)
    assert ran == [threading.main_thread()]
