"""ThreadedScanner, the base of every threaded scan source, through a small in-test source that
plays a script of reads: real threads, real status changes, no mocks."""

from __future__ import annotations

import queue
import threading
from datetime import datetime, timezone

import pytest

from drivers.scan_source import READ_SLICE_S, Backoff, DeviceLost, DeviceUnavailable, ThreadedScanner
from pos_terminal.ports import DeviceState, ScanEvent

WAIT_S = 10.0  # generous: the machine may be busy; nothing here asserts on timings

pytestmark = pytest.mark.timeout(60)


def scan(text: str) -> ScanEvent:
    return ScanEvent(text, text.encode(), "unknown", "script", datetime.now(timezone.utc))


class ScriptedSource(ThreadedScanner):
    """Each item put in `script` is what one _read returns (a list of events) or raises (an
    exception). `refuse_connects` makes that many _connect calls fail first."""

    def __init__(self, *, refuse_connects: int = 0, interruptible: bool = True) -> None:
        super().__init__("scripted", source="script", backoff=Backoff(0.01, 0.05))
        self.script: queue.Queue = queue.Queue()
        self.refuse_connects = refuse_connects
        self.interruptible = interruptible
        self.connects = 0
        self.disconnects = 0
        self._wake = threading.Event()

    def _connect(self) -> str:
        if self.refuse_connects > 0:
            self.refuse_connects -= 1
            raise DeviceUnavailable("scripted device missing: plug it in")
        self.connects += 1
        return f"connection {self.connects}"

    def _read(self) -> list[ScanEvent]:
        try:
            item = self.script.get(timeout=READ_SLICE_S)
        except queue.Empty:
            return []
        if item == "block":  # a read that only _interrupt() ends
            self._wake.wait(120)
            self._wake.clear()
            return []
        if isinstance(item, BaseException):
            raise item
        return item

    def _disconnect(self) -> None:
        self.disconnects += 1

    def _interrupt(self) -> None:
        if self.interruptible:
            self._wake.set()


class Recorder:
    def __init__(self) -> None:
        self.events: queue.Queue = queue.Queue()
        self.statuses: list = []
        self._changed = threading.Condition()

    def on_scan(self, event: ScanEvent) -> None:
        self.events.put(event)

    def on_status(self, status) -> None:
        with self._changed:
            self.statuses.append(status)
            self._changed.notify_all()

    def next_text(self) -> str:
        return self.events.get(timeout=WAIT_S).text

    def wait_for(self, predicate) -> None:
        with self._changed:
            assert self._changed.wait_for(lambda: any(predicate(s) for s in self.statuses), WAIT_S), self.statuses


@pytest.fixture
def rec():
    return Recorder()


@pytest.fixture
def make(rec):
    made = []

    def _make(**kw) -> ScriptedSource:
        source = ScriptedSource(**kw)
        source.add_status_listener(rec.on_status)
        made.append(source)
        return source

    yield _make
    for source in made:
        source.close()


def test_open_reports_ready_with_the_connect_detail(make):
    source = make()
    status = source.open()
    assert status.state == DeviceState.READY
    assert status.detail == "connection 1"
    assert status.usable


def test_open_failure_is_a_status_not_an_exception(make):
    source = make(refuse_connects=1)
    status = source.open()
    assert status.state == DeviceState.ERROR
    assert status.detail == "scripted device missing: plug it in"


def test_scans_are_delivered_in_order(make, rec):
    source = make()
    source.open()
    source.start(rec.on_scan)
    source.script.put([scan("a"), scan("b")])
    source.script.put([scan("c")])
    assert [rec.next_text() for _ in range(3)] == ["a", "b", "c"]


def test_start_keeps_retrying_a_device_that_is_missing_at_open(make, rec):
    source = make(refuse_connects=3)
    assert source.open().state == DeviceState.ERROR
    source.start(rec.on_scan)
    rec.wait_for(lambda s: s.state == DeviceState.READY)
    source.script.put([scan("after plug-in")])
    assert rec.next_text() == "after plug-in"
    assert any("retrying in" in s.detail for s in rec.statuses)


def test_device_lost_disconnects_and_reconnects(make, rec):
    source = make()
    source.open()
    source.start(rec.on_scan)
    source.script.put([scan("before")])
    assert rec.next_text() == "before"
    source.script.put(DeviceLost("cable pulled"))
    source.script.put([scan("after")])
    assert rec.next_text() == "after"
    assert source.connects == 2
    assert source.disconnects == 1
    lost = [s for s in rec.statuses if s.state == DeviceState.ERROR]
    assert lost and lost[0].detail == "disconnected: cable pulled"
    assert rec.statuses[-1].state == DeviceState.READY


def test_oserror_from_read_counts_as_device_lost(make, rec):
    source = make()
    source.open()
    source.start(rec.on_scan)
    source.script.put(OSError(5, "Input/output error"))
    source.script.put([scan("after")])
    assert rec.next_text() == "after"
    assert source.connects == 2


def test_a_bug_in_read_is_shown_and_the_reader_recovers(make, rec):
    source = make()
    source.open()
    source.start(rec.on_scan)
    source.script.put(RuntimeError("bug in a source"))
    source.script.put([scan("after")])
    assert rec.next_text() == "after"
    rec.wait_for(lambda s: s.state == DeviceState.ERROR and s.detail.startswith("read failed: RuntimeError"))


def test_callback_exception_does_not_kill_the_reader(make, rec):
    source = make()
    source.open()
    seen = []

    def on_scan(event):
        seen.append(event.text)
        if event.text == "boom":
            raise ValueError("callback bug")
        rec.on_scan(event)

    source.start(on_scan)
    source.script.put([scan("boom"), scan("same batch")])
    source.script.put([scan("next batch")])
    assert rec.next_text() == "same batch"
    assert rec.next_text() == "next batch"
    assert seen[0] == "boom"
    assert source.running


def test_status_listener_failure_does_not_kill_the_reader(make, rec):
    source = make()

    def bad_listener(status):
        raise RuntimeError("listener bug")

    source.add_status_listener(bad_listener)
    source.open()
    source.start(rec.on_scan)
    source.script.put(DeviceLost("gone"))
    source.script.put([scan("still reading")])
    assert rec.next_text() == "still reading"


def test_status_listener_is_called_on_changes_only(make, rec):
    source = make()
    source.open()
    source.open()  # already connected: no new status
    states = [s.state for s in rec.statuses]
    assert states == [DeviceState.OPENING, DeviceState.READY]
    source._set_status(DeviceState.WARNING, "paper low")
    source._set_status(DeviceState.WARNING, "paper low")
    source._set_status(DeviceState.WARNING, "paper out soon")
    assert [s.detail for s in rec.statuses[2:]] == ["paper low", "paper out soon"]
    assert all(s.name == "scripted" and s.device == "scanner" for s in rec.statuses)


def test_stop_wakes_a_blocked_read_through_interrupt(make, rec):
    source = make()
    source.open()
    source.start(rec.on_scan)
    thread = source._thread
    source.script.put("block")  # this read would last two minutes without _interrupt
    while not source.script.empty():
        threading.Event().wait(0.01)
    source.stop(timeout_s=WAIT_S)
    assert not thread.is_alive()
    assert not source.running
    assert source.disconnects == 1  # the reader released the device on its way out


def test_stop_then_start_again_reads_on(make, rec):
    source = make()
    source.open()
    source.start(rec.on_scan)
    source.stop()
    source.start(rec.on_scan)
    source.script.put([scan("again")])
    assert rec.next_text() == "again"
    assert source.connects == 2


def test_no_scan_is_delivered_after_stop(make, rec):
    source = make()
    source.open()
    source.start(rec.on_scan)
    source.stop()
    source.script.put([scan("late")])
    with pytest.raises(queue.Empty):
        rec.events.get(timeout=3 * READ_SLICE_S)


def test_close_releases_once_and_reports_closed(make, rec):
    source = make()
    source.open()
    source.start(rec.on_scan)
    source.close()
    assert source.disconnects == 1
    assert source.status().state == DeviceState.CLOSED
    assert not source.running


def test_backoff_grows_to_its_cap_and_resets():
    backoff = Backoff(0.25, 2.0, 2.0)
    assert [backoff.next() for _ in range(6)] == [0.25, 0.5, 1.0, 2.0, 2.0, 2.0]
    backoff.reset()
    assert backoff.next() == 0.25
