"""The status line at the bottom of every page: platform, sync backlog, scanner, printer, drawer.

Device statuses arrive through the Bridge (GUI thread). Platform, sync and printer state are polled
on a timer whose slot only starts background tasks; their results come back as the tasks' results
(also through the Bridge, ui/tasks) and are shown here. The database is never read on the GUI
thread.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QWidget

from pos_terminal.app.facades import App, SyncState
from pos_terminal.ports import DeviceState, DeviceStatus, PlatformStatus
from ui.bridge import Bridge
from ui.tasks import run_in_background
from ui.texts import device_detail_text, device_name, device_source_text, device_state_text, fill, platform_detail_text
from ui.widgets import StatusItem

DEVICES = ("scanner", "printer", "drawer", "card_terminal")
SPACING = 16

_DEVICE_TONES = {
    DeviceState.READY: "ok",
    DeviceState.BUSY: "ok",
    DeviceState.WARNING: "warn",
    DeviceState.ERROR: "error",
    DeviceState.OPENING: "busy",
    DeviceState.NOT_CONFIGURED: "idle",
    DeviceState.CLOSED: "idle",
}


class StatusBar(QWidget):
    def __init__(self, app: App, bridge: Bridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatusBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._app = app
        # each platform this counter takes payment codes of, [platform] first: its last status or
        # the reason its poll failed (issue 16: a second platform down is shown, not hidden)
        self._platform_names: dict[str, str] = dict(app.status.platforms())
        self._primary = next(iter(self._platform_names))
        self._platform: dict[str, PlatformStatus] = {}
        self._platform_error: dict[str, str] = {}
        self._platform_polling: set[str] = set()
        self._sync: SyncState | None = None
        self._sync_error: str | None = None
        self._devices: dict[str, DeviceStatus] = {
            kind: DeviceStatus(kind, DeviceState.OPENING) for kind in DEVICES
        }
        self._polling = {"sync": False, "printer": False}
        self.items = {key: StatusItem(key, self) for key in ("platform", "sync", *DEVICES)}
        # platform and sync on the left, the devices on the right; when they do not fit side by
        # side (a narrow window, long states such as "needs attention"), the devices go to a
        # second line: every item stays whole and on screen
        self._left = QHBoxLayout()
        self._right = QHBoxLayout()
        for group in (self._left, self._right):
            group.setContentsMargins(0, 0, 0, 0)
            group.setSpacing(SPACING)
        for key in ("platform", "sync"):
            self._left.addWidget(self.items[key])
        self._left.addStretch(1)
        self._right.addStretch(1)
        for key in DEVICES:
            self._right.addWidget(self.items[key])
        self._rows = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._rows.setContentsMargins(10, 4, 10, 4)
        self._rows.setSpacing(SPACING)
        self._rows.addLayout(self._left, 1)
        self._rows.addLayout(self._right)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.poll)
        bridge.device_status.connect(self.show_device_status)
        bridge.platform_status.connect(self.show_platform_status)
        bridge.sync_state.connect(self.show_sync_state)
        self._bridge = bridge
        self.retranslate_ui()

    # -- one line or two ------------------------------------------------------------------
    def two_lines(self) -> bool:
        return self._rows.direction() == QBoxLayout.Direction.TopToBottom

    def _one_line_width(self) -> int:
        margins = self._rows.contentsMargins()
        widths = [item.sizeHint().width() for item in self.items.values() if not item.isHidden()]
        return sum(widths) + SPACING * len(widths) + margins.left() + margins.right()

    def _reflow(self) -> None:
        direction = (QBoxLayout.Direction.TopToBottom if self._one_line_width() > self.width()
                     else QBoxLayout.Direction.LeftToRight)
        if direction != self._rows.direction():
            self._rows.setDirection(direction)
            self._rows.setSpacing(0 if direction == QBoxLayout.Direction.TopToBottom else SPACING)

    def minimumSizeHint(self) -> QSize:
        """As narrow as the wider of the two lines: the window may be narrower than one line."""
        margins = self._rows.contentsMargins()
        width = max(self._left.minimumSize().width(), self._right.minimumSize().width())
        return QSize(width + margins.left() + margins.right(), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    # -- polling -------------------------------------------------------------------------
    def start_polling(self, interval_ms: int = 5000) -> None:
        self.poll()
        self._timer.start(interval_ms)

    def stop_polling(self) -> None:
        self._timer.stop()

    def poll(self) -> None:
        status = self._app.status
        for platform_id in self._platform_names:  # one task each: a silent platform holds up no other's
            if platform_id not in self._platform_polling:
                self._platform_polling.add(platform_id)
                run_in_background(partial(status.platform, platform_id),
                                  partial(self._platform_polled, platform_id),
                                  partial(self._platform_poll_failed, platform_id), context=self)
        if not self._polling["sync"]:
            self._polling["sync"] = True
            run_in_background(status.sync, lambda state: self._poll_done("sync", state),
                              lambda exc: self._poll_failed("sync", exc), context=self)
        if not self._polling["printer"]:  # DLE EOT on a worker: a fault shows between receipts too
            self._polling["printer"] = True
            run_in_background(status.printer, self._printer_polled,
                              lambda exc: self._printer_polled(None, exc), context=self)

    def _printer_polled(self, status: DeviceStatus | None, exc: BaseException | None = None) -> None:
        self._polling["printer"] = False
        if exc is not None:
            status = DeviceStatus("printer", DeviceState.ERROR, "", fill(
                self.tr("the printer's state could not be read: %1"), str(exc)))
        if status is not None:  # the other screens hear it too, as any device status
            self._bridge.device_status.emit(status)

    def _platform_polled(self, platform_id: str, status: PlatformStatus) -> None:
        self._platform_polling.discard(platform_id)
        self.show_platform_status(status, platform_id)

    def _platform_poll_failed(self, platform_id: str, exc: BaseException) -> None:
        self._platform_polling.discard(platform_id)
        self._platform_error[platform_id] = str(exc)
        self._render_platform()
        self._reflow()

    def _poll_done(self, key: str, value) -> None:
        self._polling[key] = False
        self.show_sync_state(value)

    def _poll_failed(self, key: str, exc: BaseException) -> None:
        self._polling[key] = False
        self._sync_error = str(exc)
        self.retranslate_ui()

    # -- values from the bridge ----------------------------------------------------------
    def show_device_status(self, status: DeviceStatus) -> None:
        if status.device not in self._devices:
            return
        self._devices[status.device] = status
        self._render_device(status.device)
        self._reflow()

    def show_platform_status(self, status: PlatformStatus, platform_id: str | None = None) -> None:
        """`platform_id`: one of Status.platforms() (None: [platform])."""
        platform_id = platform_id or self._primary
        self._platform[platform_id] = status
        self._platform_error.pop(platform_id, None)
        self._render_platform()
        self._reflow()

    def show_sync_state(self, state: SyncState) -> None:
        self._sync = state
        self._sync_error = None
        self._render_sync()
        self._reflow()

    # -- rendering -----------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self._render_platform()
        self._render_sync()
        for kind in DEVICES:
            self._render_device(kind)
        self._reflow()

    def _render_platform(self) -> None:
        item = self.items["platform"]
        if len(self._platform_names) > 1:
            self._render_platforms(item)
            return
        error, status = self._platform_error.get(self._primary), self._platform.get(self._primary)
        if error is not None:
            item.set_state("error", self.tr("Platform: unknown"), error)
        elif status is None:
            item.set_state("busy", self.tr("Platform: checking…"))
        elif status.online:
            item.set_state("ok", self.tr("Platform online"), platform_detail_text(status.detail))
        else:
            item.set_state("warn", self.tr("Platform offline"), platform_detail_text(status.detail))

    def _render_platforms(self, item: StatusItem) -> None:
        """Several platforms: all online, all offline, or the names of those offline (their codes
        are paid offline and their messages wait); the tooltip has a line per platform."""
        offline, checking, lines = [], False, []
        for platform_id, name in self._platform_names.items():
            error, status = self._platform_error.get(platform_id), self._platform.get(platform_id)
            if error is not None:
                offline.append(name)
                lines.append(fill(self.tr("%1: unknown (%2)"), name, error))
            elif status is None:
                checking = True
                lines.append(fill(self.tr("%1: checking…"), name))
            elif status.online:
                lines.append(fill(self.tr("%1: online"), name))
            else:
                offline.append(name)
                lines.append(fill(self.tr("%1: offline, %2"), name, platform_detail_text(status.detail)))
        tooltip = "\n".join(lines)
        if len(offline) == len(self._platform_names):
            item.set_state("warn", self.tr("Platforms offline"), tooltip)
        elif offline:
            item.set_state("warn", fill(self.tr("%1 offline"), ", ".join(offline)), tooltip)
        elif checking:
            item.set_state("busy", self.tr("Platforms: checking…"), tooltip)
        else:
            item.set_state("ok", self.tr("Platforms online"), tooltip)

    def _render_sync(self) -> None:
        item = self.items["sync"]
        state = self._sync
        if self._sync_error is not None:
            item.set_state("error", self.tr("Sync: unknown"), self._sync_error)
        elif state is None:
            item.set_state("busy", self.tr("Sync: checking…"))
        elif state.pending == 0 and not state.attention:
            lines = [self.tr("Nothing is waiting to be sent to the platform.")]
            lines += self._last_success_lines(state)
            item.set_state("ok", self.tr("All sent"), "\n".join(lines))
        else:
            lines = [self.tr("%n message(s) waiting to be sent to the platform.", "", state.pending)]
            if state.oldest_age_s is not None:
                minutes = int(state.oldest_age_s // 60)
                lines.append(self.tr("The oldest has waited %n minute(s).", "", minutes))
            if state.attention:
                lines.append(self.tr("%n message(s) refused by the platform need a manager.", "", state.attention))
            if state.last_error:
                lines.append(fill(self.tr("Last error: %1"), state.last_error))
            lines += self._last_success_lines(state)
            tone = "error" if state.last_error or state.attention else "warn"
            item.set_state(tone, self.tr("%n to send", "", state.pending + state.attention), "\n".join(lines))

    def _last_success_lines(self, state: SyncState) -> list[str]:
        if state.last_success_at is None:
            return []
        # the store's time zone, as the header clock and the reports: never the host's (a terminal
        # imaged in another zone, or a container on UTC, would show another hour)
        zone = self._app.store.zone
        local = state.last_success_at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
        return [fill(self.tr("Last sent to the platform: %1"), local)]

    def _render_device(self, kind: str) -> None:
        status = self._devices[kind]
        text = fill(self.tr("%1: %2"), device_name(kind), device_state_text(status.state))
        detail = " — ".join(part for part in (device_source_text(status.name), device_detail_text(status.detail)) if part)
        self.items[kind].set_state(_DEVICE_TONES.get(status.state, "idle"), text, detail)
