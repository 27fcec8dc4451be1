"""Translated names of core values (roles, devices, device states). Call at display time, never
at import: the language can change while the program runs."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from pos_terminal.domain.model import Role
from pos_terminal.ports import DeviceState


def role_name(role: Role) -> str:
    return {
        Role.CASHIER: QCoreApplication.translate("Texts", "Cashier"),
        Role.MANAGER: QCoreApplication.translate("Texts", "Manager"),
        Role.TECHNICIAN: QCoreApplication.translate("Texts", "Technician"),
    }.get(role, role.value)


def device_name(kind: str) -> str:
    return {
        "scanner": QCoreApplication.translate("Texts", "Scanner"),
        "printer": QCoreApplication.translate("Texts", "Printer"),
        "drawer": QCoreApplication.translate("Texts", "Drawer"),
        "card_terminal": QCoreApplication.translate("Texts", "Card terminal"),
    }.get(kind, kind)


def device_state_text(state: DeviceState) -> str:
    return {
        DeviceState.NOT_CONFIGURED: QCoreApplication.translate("Texts", "not set up"),
        DeviceState.OPENING: QCoreApplication.translate("Texts", "opening…"),
        DeviceState.READY: QCoreApplication.translate("Texts", "ready"),
        DeviceState.BUSY: QCoreApplication.translate("Texts", "busy"),
        DeviceState.WARNING: QCoreApplication.translate("Texts", "needs attention"),
        DeviceState.ERROR: QCoreApplication.translate("Texts", "not working"),
        DeviceState.CLOSED: QCoreApplication.translate("Texts", "closed"),
    }.get(state, state.value)


def fill(text: str, *values: object) -> str:
    """Replaces %1, %2, ... in a translated text in one pass (a value containing "%2" stays as is)."""
    return re.sub(r"%(\d)", lambda m: str(values[int(m.group(1)) - 1]) if 0 < int(m.group(1)) <= len(values) else m.group(0), text)
