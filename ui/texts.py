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


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls

# Symbology ids (ScanEvent.symbology, drivers/decoding.py, drivers/aim.py) -> the names printed on
# scanners and in their manuals; the same in every language.
SYMBOLOGY_NAMES = {
    "qr": "QR", "microqr": "Micro QR", "ean13": "EAN-13", "ean8": "EAN-8", "upca": "UPC-A", "upce": "UPC-E",
    "code128": "Code 128", "code39": "Code 39", "code93": "Code 93", "code11": "Code 11", "code16k": "Code 16K",
    "code49": "Code 49", "codabar": "Codabar", "itf": "ITF", "datamatrix": "Data Matrix", "pdf417": "PDF417",
    "aztec": "Aztec", "maxicode": "MaxiCode", "databar": "GS1 DataBar", "databar_expanded": "GS1 DataBar Expanded",
    "dotcode": "DotCode", "hanxin": "Han Xin", "gridmatrix": "Grid Matrix", "msi": "MSI", "iata25": "IATA 2/5",
    "industrial25": "Industrial 2/5", "telepen": "Telepen", "plessey": "Plessey", "codeone": "Code One",
    "codablock": "Codablock",
}


def symbology_name(symbology: str) -> str:
    """The display name of a symbology id: "qr" -> "QR", "ean13" -> "EAN-13"; "unknown" (a
    keyboard wedge does not say) is translated."""
    if not symbology or symbology == "unknown":
        return translate("Texts", "unknown")
    return SYMBOLOGY_NAMES.get(symbology, symbology.upper())


def scan_source_text(source: str) -> str:
    """Where a scan came from (ScanEvent.source: "wedge", "simulated", "serial:/dev/ttyACM0",
    "camera:0", "evdev:...") in words; the device's own address stays as it is."""
    kind, _, where = source.partition(":")
    name = {
        "wedge": translate("Texts", "Keyboard wedge"),
        "simulated": translate("Texts", "Simulated scan (demo)"),
        "serial": translate("Texts", "Serial scanner"),
        "camera": translate("Texts", "Camera"),
        "video": translate("Texts", "Video file"),
        "evdev": translate("Texts", "Keyboard wedge (evdev)"),
    }.get(kind)
    if name is None:
        return source
    return fill(translate("Texts", "%1 %2"), name, where) if where else name


def device_source_text(name: str) -> str:
    """DeviceStatus.name in words: the drivers' fixed names are translated, an address
    ("tcp://10.0.0.5:9100", "/dev/ttyUSB0") stays as it is."""
    return {
        "simulated": translate("Texts", "simulated (demo)"),
        "keyboard wedge": translate("Texts", "keyboard wedge"),
        "manual": translate("Texts", "standalone, keyed in by hand"),
        "none": translate("Texts", "none"),
    }.get(name, name)


def device_detail_text(detail: str) -> str:
    """DeviceStatus.detail (English, from the drivers) in the current language: the fixed texts of
    the drivers are translated; a cause that only the driver or the system can word (an OS error,
    a device's own answer) is quoted as it is, after a translated lead."""
    if not detail:
        return ""
    fixed = {
        "simulated device (demo)": translate("Texts", "a simulated device of the demo"),
        "scans are read from the keyboard": translate("Texts", "scans arrive as key presses in this window"),
        "not configured": translate("Texts", "not set up in the settings"),
        "no card terminal configured": translate("Texts", "no card terminal is set up in the settings"),
        "opening": translate("Texts", "opening…"),
        "connecting": translate("Texts", "connecting…"),
        "kicks through the printer": translate("Texts", "opens through the printer"),
        "standalone card terminal: charge on it, then key in its approval code and the card's last four digits":
            translate("Texts", "standalone card terminal: charge on it, then key in its approval code and the card's last four digits"),
    }
    if detail in fixed:
        return fixed[detail]
    for prefix, text in (  # the printer's faults (drivers/printer.py words them first)
            ("paper end", translate("Texts", "paper end: load paper")),
            ("cover open", translate("Texts", "cover open: close the cover")),
            ("offline", translate("Texts", "the printer is offline: check its error light")),
            ("no answer", translate("Texts", "no answer from the printer: check that it is on and not jammed"))):
        if detail.startswith(prefix):
            return text
    through = "the drawer opens through the printer, which is not usable: "
    if detail.startswith(through):
        return fill(translate("Texts", "the drawer opens through the printer, which is not usable: %1"),
                    device_detail_text(detail[len(through):]))
    for prefix, text in (("failed to open: ", translate("Texts", "could not be opened: %1")),
                         ("failed to start: ", translate("Texts", "could not be started: %1"))):
        if detail.startswith(prefix):
            return fill(text, detail[len(prefix):])
    return detail if _english() else fill(translate("Texts", "technical detail: %1"), detail)


def platform_detail_text(detail: str) -> str:
    """PlatformStatus.detail (English, from the platform client) in the current language."""
    if not detail:
        return ""
    if detail.startswith("platform mode 'sandbox' but no sandbox is running"):
        return translate("Texts", "The platform is set to the sandbox but none is running: `pos-terminal demo` starts one; "
                  "or run `pos-terminal sandbox` and set `[platform] base_url`.")
    if detail.startswith("no platform configured") or detail == "no platform connection configured":
        return translate("Texts", "No platform is set up: sales are kept here and not sent.")
    if detail == "platform unreachable":
        return translate("Texts", "The platform does not answer.")
    match = re.fullmatch(r"platform '([^']+)' is a sandbox without base_url and none is running:.*", detail)
    if match:  # an [[issuers]] platform (issue 16)
        return fill(translate("Texts", "Platform `%1` is set to a sandbox but none is running: `pos-terminal demo` starts "
                                       "one; or run `pos-terminal sandbox --platform-id %1` and set its `base_url`."),
                    match.group(1))
    match = re.fullmatch(r"platform '([^']+)': the sandbox has no terminal (\S+?);.*", detail)
    if match:
        return fill(translate("Texts", "The sandbox of platform `%1` has no terminal %2: put this terminal's secret for it "
                                       "in [issuer_secrets] of the credentials file."), match.group(1), match.group(2))
    match = re.fullmatch(r"the sandbox has no terminal (\S+?);.*", detail)
    if match:
        return fill(translate("Texts", "The sandbox has no terminal %1: use store `demo-store` and terminal T01 or T02, or put its "
                       "secret in the credentials file."), match.group(1))
    match = re.fullmatch(r"(\S+) answers", detail)
    if match:
        return fill(translate("Texts", "%1 answers."), match.group(1))
    if detail.startswith("platform check failed: "):
        return fill(translate("Texts", "The platform check failed: %1"), detail[len("platform check failed: "):])
    return detail if _english() else fill(translate("Texts", "technical detail: %1"), detail)


def _english() -> bool:
    from PySide6.QtCore import QLocale

    return QLocale().language() != QLocale.Language.Chinese


def choice_text(field: str, value: object) -> str:
    """A fixed choice of a settings field (a Literal of config.schema) in words; codes that are
    names of their own (CR, LF, TAB, CNY, INFO, 9600) stay as they are."""
    if not isinstance(value, str):
        return str(value)
    by_field = {
        "terminator": {"enter": translate("Texts", "Enter key"), "tab": translate("Texts", "Tab key")},
        "layout": {"us": translate("Texts", "US English"), "de": translate("Texts", "German"), "fr": translate("Texts", "French"), "uk": translate("Texts", "UK English")},
        "parity": {"N": translate("Texts", "None (N)"), "E": translate("Texts", "Even (E)"), "O": translate("Texts", "Odd (O)"), "M": translate("Texts", "Mark (M)"),
                   "S": translate("Texts", "Space (S)")},
        "flow_control": {"rtscts": translate("Texts", "Hardware (RTS/CTS)"), "xonxoff": translate("Texts", "Software (XON/XOFF)")},
        "decoder": {"zxing": "ZXing", "pyzbar": "pyzbar", "both": translate("Texts", "Both (ZXing, then pyzbar)")},
        "chinese": {"gb18030": translate("Texts", "Text (GB18030)"), "image": translate("Texts", "Printed as an image")},
        "mode": {"sandbox": translate("Texts", "Sandbox"), "remote": translate("Texts", "Remote platform")},
    }
    common = {
        "none": translate("Texts", "None"), "custom": translate("Texts", "Custom"), "simulated": translate("Texts", "Simulated (demo)"),
        "wedge": translate("Texts", "Keyboard wedge"), "evdev": translate("Texts", "Keyboard wedge (evdev)"), "serial": translate("Texts", "Serial"),
        "camera": translate("Texts", "Camera"), "network": translate("Texts", "Network"), "usb": "USB", "printer": translate("Texts", "Through the printer"),
        "manual": translate("Texts", "Standalone, keyed in by hand"),
    }
    return by_field.get(field, {}).get(value) or common.get(value) or value


def buyer_reason_name(code: str) -> str | None:
    """A return reason the buyer can pick on the platform's return page that the counter's own
    list (the refunds screen) does not offer; None for any other code."""
    return {"damaged_in_transport": translate("Texts", "Damaged in transport")}.get(code)
