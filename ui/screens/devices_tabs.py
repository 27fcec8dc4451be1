"""The devices screen's tabs for the printer, the drawer and the card terminal: each one a settings
section as a form (the schema's fields, only those that apply to the chosen kind), its status at
the counter, and three actions:
- Apply: the device built from the form is put at the counter now (not saved);
- the test (the default action, Enter): a test page, a drawer pulse, a connection and the last
  transaction; the form is applied first when it differs from what the counter uses;
- Save to settings: the section is written to the settings file (SettingsControl.save_section,
  audited).
Everything that touches a device or the disk runs on a worker (ui.tasks.run_in_background); a
device that is missing comes back as a status, the buttons wait, the window never does.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from config.schema import CardTerminalSettings, DrawerSettings, PrinterSettings
from pos_terminal.app.facades import App
from pos_terminal.ports import DeviceState, DeviceStatus
from ui.bridge import Bridge
from ui.settings_form import SettingsForm
from ui.tasks import run_in_background
from ui.texts import choice_text, device_detail_text, device_source_text, device_state_text, fill, translate

log = logging.getLogger(__name__)


def message_for(exc: BaseException) -> str:
    """A refusal in words: a validation error names each key (section.field) and what is wrong."""
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg'].removeprefix('Value error, ')}"
                         for e in exc.errors(include_url=False))
    return str(exc) or exc.__class__.__name__


def polish(label: QLabel, tone: str) -> None:
    label.setProperty("tone", tone)
    label.style().unpolish(label)
    label.style().polish(label)


# drivers' details that only repeat the state (the others: ui.texts.device_detail_text)
SAID_BY_THE_STATE = frozenset({"ready", "connecting"})


def status_line(status: DeviceStatus) -> str:
    parts = [device_state_text(status.state)]
    if status.name:
        pin = re.fullmatch(r"pin (\d) of (.+)", status.name)  # a drawer on the printer's connector
        parts.append(fill(translate("DeviceTab", "pin %1 of %2"), pin.group(1), pin.group(2)) if pin
                     else device_source_text(status.name))
    if status.detail and status.detail not in SAID_BY_THE_STATE:
        parts.append(device_detail_text(status.detail))
    return " · ".join(parts)


class DeviceTab(QWidget):
    """One device's tab. Subclasses set `device`, `section`, `model`, the fields per kind, and
    the test (`check_work` for a worker, `show_check` on the GUI thread)."""

    device = ""  # DeviceStatus.device of the device this tab shows
    section = ""  # the settings section
    model: type[BaseModel] = BaseModel
    columns = 3

    def __init__(self, app: App, bridge: Bridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._bridge = bridge
        self._busy = False
        self._said: tuple[Callable[[], str], str] | None = None

        self.state = QLabel(self)
        self.state.setObjectName("Message")
        self.state.setWordWrap(True)
        card = QFrame(self)
        card.setObjectName("Card")
        self.form = SettingsForm(self.model, parent=card, columns=self.columns)
        self.form.setObjectName(f"{self.device}_form")
        kind = self.form.editors.get("kind")
        if kind is not None:
            kind.currentIndexChanged.connect(self._kind_changed)  # type: ignore[attr-defined]
        self.test_button = QPushButton(card)  # created first: next in the tab order after the form
        self.test_button.setObjectName("Primary")
        self.test_button.clicked.connect(self.test)
        self.apply_button = QPushButton(card)
        self.apply_button.setObjectName(f"apply_{self.device}")
        self.apply_button.clicked.connect(self.apply)
        self.save_button = QPushButton(card)
        self.save_button.setObjectName(f"save_{self.device}")
        self.save_button.clicked.connect(self.save)
        for button in (self.test_button, self.apply_button, self.save_button):
            button.setAutoDefault(True)  # Enter on a focused button presses it
        self.message = QLabel(card)
        self.message.setObjectName("Message")
        self.message.setWordWrap(True)
        self.message.hide()

        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.addWidget(self.test_button, 2)
        buttons.addWidget(self.apply_button, 1)
        buttons.addWidget(self.save_button, 1)
        card_box = QVBoxLayout(card)
        card_box.setContentsMargins(14, 10, 14, 10)
        card_box.setSpacing(8)
        card_box.addWidget(self.form)
        card_box.addLayout(buttons)
        card_box.addWidget(self.message)

        self.details = QLabel(self)
        self.details.setObjectName("DeviceDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setStyleSheet("#DeviceDetails { background: #ffffff; border: 1px solid #d5dbe1; "
                                   "border-radius: 8px; padding: 8px 12px; font-size: 15px; }")

        box = QVBoxLayout(self)
        box.setContentsMargins(0, 8, 0, 0)
        box.setSpacing(8)
        box.addWidget(self.state)
        box.addWidget(card)
        box.addWidget(self.details)
        box.addStretch(1)

        bridge.device_status.connect(self._device_status)
        self.form.load(self.current())
        self._kind_changed()
        self.show_status(self._app.devices.status_of(self.device))

    # -- for subclasses ------------------------------------------------------------------------
    def current(self) -> Any:
        """The section the counter uses now."""
        return getattr(self._app.store.settings, self.section)

    def fields_for(self, kind: str) -> tuple[str, ...]:
        return tuple(self.form.fields)

    def use(self, chosen: Any, on_status: Callable[[DeviceStatus], None]) -> DeviceStatus:
        """On a worker: puts the device of `chosen` at the counter."""
        raise NotImplementedError

    def check_work(self) -> Callable[[], Any]:
        """On the GUI thread: the test of the device at the counter, as a function for a worker
        (it must not touch a widget)."""
        raise NotImplementedError

    def show_check(self, result: Any) -> None:
        """On the GUI thread: what the test found."""
        raise NotImplementedError

    def test_text(self) -> str:
        raise NotImplementedError

    def labels(self) -> dict[str, str]:
        raise NotImplementedError

    def show_status(self, status: DeviceStatus) -> None:
        self.state.setText(fill(translate("DeviceTab", "At the counter: %1"), status_line(status)))
        polish(self.state, "error" if status.state is DeviceState.ERROR else "info")  # "not set up" is no fault

    # -- the form ------------------------------------------------------------------------------
    def _kind_changed(self, *_: object) -> None:
        kind = self.form.editors.get("kind")
        value = kind.currentData() if kind is not None else ""  # type: ignore[attr-defined]
        self.form.show_only(self.fields_for(str(value)))

    def chosen(self) -> Any:
        """What the form says, validated by the schema (raises ValidationError)."""
        data = self.current().model_dump()
        data.update({name: value for name, value in self.form.values().items() if name in self.form.shown()})
        return self.model.model_validate(data)

    # -- actions -------------------------------------------------------------------------------
    def _start(self, work: Callable[[], Any], done: Callable[[Any], None], busy_text: str) -> None:
        if self._busy:
            return
        self._busy = True
        for button in (self.test_button, self.apply_button):
            button.setEnabled(False)
        self.say(lambda: busy_text, "info")

        def finished(result: Any) -> None:
            self._idle()
            done(result)

        def failed(exc: BaseException) -> None:
            self._idle()
            log.error("%s action failed", self.device, exc_info=exc)
            self.say(lambda: fill(translate("DeviceTab", "That did not work: %1"), message_for(exc)), "error")

        run_in_background(work, finished, failed, context=self)

    def _idle(self) -> None:
        self._busy = False
        for button in (self.test_button, self.apply_button):
            button.setEnabled(True)

    def _validated(self) -> Any | None:
        try:
            return self.chosen()
        except ValidationError as exc:
            self.say(lambda: fill(translate("DeviceTab", "Check the settings: %1"), message_for(exc)), "error")
            return None

    def apply(self) -> None:
        chosen = self._validated()
        if chosen is None:
            return
        post = self._bridge.post_device_status
        use = self.use
        self._start(lambda: use(chosen, post), self._applied, translate("DeviceTab", "Opening the device…"))

    def _applied(self, status: DeviceStatus) -> None:
        self.show_status(status)
        if status.usable:
            self.say(lambda: translate("DeviceTab", "The counter uses these settings now. Save them to keep them."), "info")
        else:
            self.say(lambda: fill(translate("DeviceTab", "The device could not be opened: %1"), status_line(status)), "error")

    def test(self) -> None:
        """The default action: applies the form when it differs from what is in use, then tests."""
        chosen = self._validated()
        if chosen is None:
            return
        changed = chosen != self.current()
        post = self._bridge.post_device_status
        check = self.check_work()

        use = self.use

        def work() -> Any:
            if changed:
                use(chosen, post)
            return check()

        self._start(work, self._checked, translate("DeviceTab", "Testing…"))

    def _checked(self, result: Any) -> None:
        self.message.hide()
        self._said = None
        self.show_status(result.status)
        self.show_check(result)

    def save(self) -> None:
        chosen = self._validated()
        if chosen is None:
            return
        settings, section = self._app.settings, self.section
        user = getattr(self.window(), "user", None)  # who is signed in (the audit trail records it)
        path = settings.save_target()
        values = chosen.model_dump(mode="json")
        self.save_button.setEnabled(False)

        def saved(_settings: Any) -> None:
            self.save_button.setEnabled(True)
            in_use = self.current() == chosen
            self.say(lambda: fill(translate("DeviceTab", "Saved to %1. The counter uses these settings.") if in_use
                                  else translate("DeviceTab", "Saved to %1. Press Apply to use them now."), str(path)), "info")

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.say(lambda: fill(translate("DeviceTab", "Not saved: %1"), message_for(exc)), "error")

        run_in_background(lambda: settings.save_section(section, values, user=user), saved, failed, context=self)

    def say(self, text: Callable[[], str], tone: str) -> None:
        """`text` gives the message in the current language (it follows a language change)."""
        self._said = (text, tone)
        self.message.setText(text())
        polish(self.message, tone)
        self.message.show()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self._busy:
            event.accept()
            self.test()
            return
        super().keyPressEvent(event)

    def _device_status(self, status: DeviceStatus) -> None:
        if status.device == self.device:
            self.show_status(status)

    def retranslate(self) -> None:
        self.apply_button.setText(translate("DeviceTab", "Apply"))
        self.save_button.setText(translate("DeviceTab", "Save to settings"))
        self.test_button.setText(self.test_text())
        for name, text in self.labels().items():
            self.form.set_label(name, text)
        self.show_status(self._app.devices.status_of(self.device))
        if self._said is not None and self.message.isVisibleTo(self):
            self.say(*self._said)


class PrinterTab(DeviceTab):
    device = "printer"
    section = "printer"
    model = PrinterSettings

    _BY_KIND = {
        "network": ("host", "port"),
        "usb": ("usb_vendor_id", "usb_product_id"),
        "serial": ("serial_port", "serial_baud"),
    }

    def __init__(self, app: App, bridge: Bridge, parent: QWidget | None = None) -> None:
        self._last: Any = None
        super().__init__(app, bridge, parent)

    def fields_for(self, kind: str) -> tuple[str, ...]:
        if kind == "none":
            return ("kind",)
        return ("kind", *self._BY_KIND.get(kind, ()), "paper_width_mm", "chinese", "profile", "timeout_s")

    def use(self, chosen: Any, on_status: Callable[[DeviceStatus], None]) -> DeviceStatus:
        return self._app.devices.use_printer(chosen, on_status)

    def check_work(self) -> Callable[[], Any]:
        user = getattr(self.window(), "user", None)
        devices = self._app.devices
        return lambda: devices.check_printer(print_page=True, user=user)

    def show_check(self, result: Any) -> None:
        self._last = result
        self._show_details()

    def _show_details(self) -> None:
        ps = self.current()
        lines = [
            fill(self.tr("Paper width: %1 mm"), ps.paper_width_mm),
            fill(self.tr("Chinese text: %1"), choice_text("chinese", ps.chinese)),
        ]
        result = self._last
        if result is not None and result.printed:
            lines.insert(0, self.tr("The test page was printed: the ruler's last digit should sit at the right edge, "
                                    "the Chinese line should read clearly."))
        elif result is not None and result.printed is False:
            same = result.problem and result.problem in result.status.detail  # the status above says why
            lines.insert(0, self.tr("The test page was not printed: see why above.") if same
                         else fill(self.tr("The test page was not printed: %1"), device_detail_text(result.problem)))
        self.details.setText("\n".join(lines))
        polish(self.details, "")

    def test_text(self) -> str:
        return self.tr("Print a test page")

    def labels(self) -> dict[str, str]:
        return {
            "kind": self.tr("Printer type"),
            "host": self.tr("Address (host name or IP)"),
            "port": self.tr("TCP port"),
            "usb_vendor_id": self.tr("USB vendor id (hex)"),
            "usb_product_id": self.tr("USB product id (hex)"),
            "serial_port": self.tr("Serial port"),
            "serial_baud": self.tr("Baud rate"),
            "paper_width_mm": self.tr("Paper width (mm)"),
            "chinese": self.tr("Chinese text"),
            "profile": self.tr("Printer profile"),
            "timeout_s": self.tr("Time-out (s)"),
        }

    def retranslate(self) -> None:
        super().retranslate()
        self._show_details()


class DrawerTab(DeviceTab):
    device = "drawer"
    section = "drawer"
    model = DrawerSettings
    columns = 2

    def __init__(self, app: App, bridge: Bridge, parent: QWidget | None = None) -> None:
        self._last: Any = None
        super().__init__(app, bridge, parent)

    def fields_for(self, kind: str) -> tuple[str, ...]:
        # "simulated": the demo's drawer on its virtual printer, switch wired or not as set here
        return ("kind", "pin", "reports_state", "open_when_high") if kind in ("printer", "simulated") else ("kind",)

    def use(self, chosen: Any, on_status: Callable[[DeviceStatus], None]) -> DeviceStatus:
        return self._app.devices.use_drawer(chosen, on_status)

    def check_work(self) -> Callable[[], Any]:
        user = getattr(self.window(), "user", None)
        devices = self._app.devices
        return lambda: devices.check_drawer(kick=True, user=user)

    def show_check(self, result: Any) -> None:
        self._last = result
        self._show_details()

    def _show_details(self) -> None:
        result = self._last
        lines = []
        if result is not None:
            if result.kicked:
                lines.append(self.tr("The drawer pulse was sent and the printer confirmed it."))
            elif result.kicked is False:
                lines.append(fill(self.tr("The drawer was not opened: %1"), device_detail_text(result.problem)))
            if not result.has_sensor:
                lines.append(self.tr("Open or shut: this drawer has no switch that tells (look at it)."))
            elif result.is_open is None:
                lines.append(self.tr("Open or shut: the drawer's switch did not answer."))
            else:
                lines.append(self.tr("Open or shut: the switch says open.") if result.is_open
                             else self.tr("Open or shut: the switch says shut."))
        else:
            sensor = self._app.devices.drawer_reports_state()
            lines.append(self.tr("Has a switch that tells open or shut: yes") if sensor
                         else self.tr("Has a switch that tells open or shut: no"))
            lines.append(self.tr("The test opens the drawer (recorded as a no-sale opening)."))
        self.details.setText("\n".join(lines))

    def test_text(self) -> str:
        return self.tr("Open the drawer")

    def labels(self) -> dict[str, str]:
        return {
            "kind": self.tr("Drawer type"),
            "pin": self.tr("Drawer-kick pin"),
            "reports_state": self.tr("Has an open/shut switch"),
            "open_when_high": self.tr("Switch high means open"),
        }

    def retranslate(self) -> None:
        super().retranslate()
        self._show_details()


class CardTab(DeviceTab):
    device = "card_terminal"
    section = "card_terminal"
    model = CardTerminalSettings
    columns = 2

    def __init__(self, app: App, bridge: Bridge, parent: QWidget | None = None) -> None:
        self._last: Any = None
        super().__init__(app, bridge, parent)

    def fields_for(self, kind: str) -> tuple[str, ...]:
        return ("kind", "host", "port", "timeout_s") if kind == "simulated" else ("kind",)

    def use(self, chosen: Any, on_status: Callable[[DeviceStatus], None]) -> DeviceStatus:
        return self._app.devices.use_card_terminal(chosen, on_status)

    def check_work(self) -> Callable[[], Any]:
        return self._app.devices.check_card_terminal

    def show_check(self, result: Any) -> None:
        self._last = result
        self._show_details()

    def _show_details(self) -> None:
        from pos_terminal.money import Money

        result = self._last
        if result is None:
            self.details.setText(self.tr("The test reaches the card terminal and asks for its last transaction; "
                                         "it charges nothing."))
            return
        lines = [self.tr("Reached: yes") if result.status.usable else self.tr("Reached: no")]
        last = result.last
        if not result.can_tell_last:
            pass
        elif result.last_problem:
            lines.append(fill(self.tr("Last transaction: could not be asked: %1"), device_detail_text(result.last_problem)))
        elif last is None:
            lines.append(self.tr("Last transaction: none yet"))
        else:
            amount = "" if last.amount_minor is None or not last.currency else str(Money(last.amount_minor, last.currency))
            outcome = {"approved": self.tr("approved"), "declined": self.tr("declined"),
                       "not_charged": self.tr("not charged"), "cancelled": self.tr("cancelled")}.get(
                           last.outcome, self.tr("approved") if last.approved else self.tr("declined"))
            kind = self.tr("refund") if last.kind == "refund" else self.tr("sale")
            lines.append(fill(self.tr("Last transaction: %1 %2, %3"), kind, amount, outcome).replace("  ", " "))
            if last.card_last4:
                lines.append(fill(self.tr("Card ending %1, approval code %2"), last.card_last4, last.approval_code or "—"))
            if last.at:
                lines.append(fill(self.tr("At: %1"), self._local(last.at)))
        self.details.setText("\n".join(lines))

    def _local(self, at: str) -> str:
        from datetime import datetime
        from zoneinfo import ZoneInfo

        try:
            moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
        except ValueError:
            return at
        if moment.tzinfo is None:
            return at
        return moment.astimezone(ZoneInfo(self._app.store.timezone)).strftime("%Y-%m-%d %H:%M:%S")

    def test_text(self) -> str:
        return self.tr("Test the connection")

    def labels(self) -> dict[str, str]:
        return {
            "kind": self.tr("Card terminal type"),
            "host": self.tr("Address (host name or IP)"),
            "port": self.tr("TCP port (0: the demo starts a simulator)"),
            "timeout_s": self.tr("Longest charge (s)"),
        }

    def retranslate(self) -> None:
        super().retranslate()
        self._show_details()
