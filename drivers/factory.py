"""Devices built from the settings file's sections, not opened (opening is a worker's job).
pos_terminal/app/container.py wires what these return; `pos-terminal scan` uses the scanner part."""

from __future__ import annotations

from config.schema import CardTerminalSettings, DrawerSettings, PrinterSettings, ScannerSettings


def scanner_from_settings(scanner: ScannerSettings):
    """The scanner a settings file's [scanner] section describes, not opened. Kind "wedge" is read
    by the window's key filter (ui/wedge.py); its device here only carries the status."""
    if scanner.kind == "serial":
        from drivers.serial_scanner import SerialScanner

        return SerialScanner(scanner.serial)
    if scanner.kind == "camera":
        from drivers.camera import CameraScanner

        return CameraScanner(scanner.camera)
    if scanner.kind == "evdev":
        from drivers.evdev_scanner import EvdevScanner

        wedge = scanner.wedge
        return EvdevScanner(
            scanner.evdev_device, layout=wedge.layout, terminator=wedge.terminator,
            custom_terminator=wedge.custom_terminator, min_length=wedge.min_length,
        )
    from drivers.simulated import KeyboardWedge, SimulatedScanner

    return KeyboardWedge() if scanner.kind == "wedge" else SimulatedScanner()


def printer_from_settings(printer: PrinterSettings):
    if printer.kind in ("network", "serial", "usb"):
        from drivers.printer import EscposPrinter

        return EscposPrinter(printer, timeout_s=printer.timeout_s)
    from drivers.simulated import AbsentDevice, SimulatedPrinter

    return AbsentDevice("printer") if printer.kind == "none" else SimulatedPrinter()


def drawer_from_settings(drawer: DrawerSettings, printer):
    """The drawer kicks through `printer` when its kind is "printer"."""
    if drawer.kind == "printer":
        from drivers.drawer import PrinterDrawer

        return PrinterDrawer(printer, drawer.pin, reports_state=drawer.reports_state, open_when_high=drawer.open_when_high)
    from drivers.simulated import AbsentDevice, SimulatedDrawer

    return AbsentDevice("drawer") if drawer.kind == "none" else SimulatedDrawer()


def card_terminal_from_settings(card: CardTerminalSettings, *, store_timezone: str = "UTC"):
    """None where there is none yet: kind "none", or a simulator (port 0) that the terminal
    starts itself when its window opens (pos_terminal.app.demo.start_simulated_devices)."""
    if card.kind == "manual":
        from drivers.card_terminal import ManualCardTerminal

        return ManualCardTerminal()
    if card.kind == "simulated" and card.port:
        from drivers.card_terminal import TcpCardTerminal

        return TcpCardTerminal(card, timeout_s=card.timeout_s, store_timezone=store_timezone)
    return None
