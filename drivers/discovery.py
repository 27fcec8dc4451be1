"""What hardware this machine shows, for `pos-terminal devices [--json]` and the technician.

`discover()` never raises for a probe that fails. The result maps each section ("serial_ports",
"cameras", "input_devices", "usb_printers", "serial_printers") to a list of plain dicts, and
"errors" maps a section whose probe failed to what went wrong (its list is then empty);
"network_printer" is None when no [printer] host is configured, otherwise the probe's outcome
(address, reachable, error, elapsed_ms); "configured" summarises the settings. Nothing is opened: cameras and
printers are described from sysfs, input devices from sysfs, serial ports from pyserial's list;
the one active probe is a TCP connect to the configured network printer, bounded by a timeout.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

from drivers.evdev_scanner import list_input_devices, match_devices

SCANNER_VENDORS = {
    "05e0": "Zebra (Symbol)",
    "0c2e": "Honeywell (Metrologic)",
    "0536": "Honeywell (Hand Held Products)",
    "05f9": "Datalogic",
    "080c": "Datalogic",
    "1eab": "Newland",
    "065a": "Opticon",
}
SCANNER_WORDS = ("scanner", "barcode", "bar code", "honeywell", "zebra", "symbol", "datalogic", "newland",
                 "metrologic", "hand held", "opticon", "zebex", "netum", "inateck", "eyoyo", "qr code")
PRINTER_VENDORS = {
    "04b8": ("Epson", True),
    "0519": ("Star Micronics", True),
    "1504": ("Bixolon", True),
    "1d90": ("Citizen", True),
    "0dd4": ("Custom", True),
    "154f": ("SNBC", True),
    "20d1": ("HPRT", True),
    # Chips many Chinese printers (Xprinter, Rongta, Zjiang...) are built on; others use them too.
    "0483": ("STMicroelectronics (Xprinter and others)", False),
    "1fc9": ("NXP (Xprinter and others)", False),
    "0fe6": ("ICS (Rongta and others)", False),
    "0416": ("Winbond (Zjiang and others)", False),
}
USB_CLASS_PRINTER = "07"


def discover(settings=None, *, probe_network_timeout_s: float = 0.5, root: str | os.PathLike = "/") -> dict:
    """Everything found, as plain JSON-ready data. `settings` (config.schema.Settings) marks the
    configured devices and names the network printer to probe; `root` is for tests only."""
    root = Path(root)
    scanner = getattr(settings, "scanner", None)
    printer = getattr(settings, "printer", None)
    errors: dict[str, str] = {}
    result: dict = {
        "serial_ports": _section(errors, "serial_ports", _serial_ports),
        "cameras": _section(errors, "cameras", lambda: _cameras(root)),
        "input_devices": _section(errors, "input_devices", lambda: _input_devices(root, scanner)),
        "usb_printers": _section(errors, "usb_printers", lambda: _usb_printers(root, printer)),
    }
    result["serial_printers"] = [
        {"device": p["device"], "description": p["description"],
         "configured": bool(printer and printer.kind == "serial" and printer.serial_port == p["device"])}
        for p in result["serial_ports"]
    ]
    if "serial_ports" in errors:
        errors["serial_printers"] = errors["serial_ports"]
    result["network_printer"] = _network_printer(printer, probe_network_timeout_s)
    result["configured"] = _configured(settings)
    result["errors"] = errors
    return result


def _section(errors: dict, key: str, probe) -> list[dict]:
    try:
        return probe()
    except Exception as exc:  # a probe's failure is a finding, never a crash of the listing
        errors[key] = f"{type(exc).__name__}: {exc}"
        return []


def _serial_ports() -> list[dict]:
    from serial.tools import list_ports

    ports = []
    for port in sorted(list_ports.comports(), key=lambda p: p.device):
        ports.append({
            "device": port.device,
            "description": port.description if port.description != "n/a" else "",
            "vid_pid": f"{port.vid:04x}:{port.pid:04x}" if port.vid is not None else "",
            "serial_number": port.serial_number or "",
            "manufacturer": port.manufacturer or "",
            "accessible": os.access(port.device, os.R_OK | os.W_OK),
        })
    return ports


def _cameras(root: Path) -> list[dict]:
    cameras = []
    for node in sorted((root / "dev").glob("video*"), key=lambda p: _number(p.name[5:])):
        sys_dir = root / "sys/class/video4linux" / node.name
        index = _read(sys_dir / "index")
        cameras.append({
            "path": f"/dev/{node.name}",
            "index": _number(node.name[5:]),
            "name": _read(sys_dir / "name"),
            # a webcam often has a second node for metadata; index 0 is the one that captures
            "capture_node": index in ("", "0"),
            "accessible": os.access(node, os.R_OK | os.W_OK),
        })
    return cameras


def _input_devices(root: Path, scanner) -> list[dict]:
    devices = list_input_devices(root, root)
    configured = set()
    spec = getattr(scanner, "evdev_device", "") or ""
    if spec:
        if spec.startswith("/"):
            configured = {os.path.realpath(spec)}
        else:
            configured = {d.path for d in match_devices(spec, devices)[:1]}
    items = []
    for d in devices:
        vendor_name = SCANNER_VENDORS.get(d.vendor, "")
        named = any(word in d.name.lower() for word in SCANNER_WORDS)
        items.append({
            "path": f"/dev/input/{Path(d.path).name}",
            "name": d.name,
            "vid_pid": d.vid_pid,
            "phys": d.phys,
            "keyboard_like": d.keyboard_like,
            "likely_scanner": d.keyboard_like and (named or bool(vendor_name)),
            "vendor": vendor_name,
            "readable": d.readable,
            "configured": d.path in configured,
        })
    return items


def _usb_printers(root: Path, printer) -> list[dict]:
    usb = root / "sys/bus/usb/devices"
    if not usb.is_dir():
        return []
    found = []
    for dev in sorted(usb.iterdir()):
        if ":" in dev.name or not (dev / "idVendor").exists():
            continue  # interfaces and root hubs' odd entries
        vendor, product = _read(dev / "idVendor").lower(), _read(dev / "idProduct").lower()
        printer_class = any(_read(iface / "bInterfaceClass").lower() == USB_CLASS_PRINTER
                            for iface in usb.glob(f"{dev.name}:*"))
        known = PRINTER_VENDORS.get(vendor)
        if not printer_class and not (known and known[1]):
            continue
        reasons = []
        if printer_class:
            reasons.append("USB printer class")
        if known:
            reasons.append(f"{'ESC/POS vendor' if known[1] else 'chip used by ESC/POS printers'}: {known[0]}")
        busnum, devnum = _read(dev / "busnum"), _read(dev / "devnum")
        node = f"/dev/bus/usb/{int(busnum):03d}/{int(devnum):03d}" if busnum.isdigit() and devnum.isdigit() else ""
        found.append({
            "usb_path": dev.name,
            "vid_pid": f"{vendor}:{product}",
            "manufacturer": _read(dev / "manufacturer"),
            "product": _read(dev / "product"),
            "serial_number": _read(dev / "serial"),
            "reason": ", ".join(reasons),
            "device_node": node,
            "accessible": bool(node) and os.access(root / node.lstrip("/"), os.R_OK | os.W_OK),
            "configured": bool(printer and printer.kind == "usb" and printer.usb_vendor_id.lower() == vendor
                               and printer.usb_product_id.lower() == product),
        })
    return found


def _network_printer(printer, timeout_s: float) -> dict | None:
    if printer is None or not printer.host:
        return None
    return {"address": f"{printer.host}:{printer.port}", "configured": printer.kind == "network",
            **probe_tcp(printer.host, printer.port, timeout_s)}


def probe_tcp(host: str, port: int, timeout_s: float) -> dict:
    """Connects and disconnects once. Name resolution runs on a helper thread so that a DNS server
    that does not answer cannot stretch the probe beyond the timeout (plus a small margin)."""
    outcome: dict = {}

    def attempt() -> None:
        start = time.monotonic()
        try:
            with socket.create_connection((host, port), timeout=timeout_s):
                outcome["error"] = None
        except socket.gaierror as exc:
            outcome["error"] = f"host name {host!r} not found ({exc.strerror}); check [printer] host"
        except (TimeoutError, socket.timeout):
            outcome["error"] = (f"no answer within {timeout_s:g} s: the printer is off, on another network, "
                                "or a firewall drops the connection")
        except ConnectionRefusedError:
            outcome["error"] = f"connection refused: the host answers but nothing listens on port {port}; check [printer] port"
        except OSError as exc:
            outcome["error"] = f"{exc.strerror or exc}: check the network cable and [printer] host"
        outcome["elapsed_ms"] = round((time.monotonic() - start) * 1000.0, 1)

    worker = threading.Thread(target=attempt, name="printer probe", daemon=True)
    worker.start()
    worker.join(timeout_s + 0.5)
    if "elapsed_ms" not in outcome:
        return {"host": host, "port": port, "reachable": False,
                "error": f"no answer within {timeout_s:g} s (name resolution hangs); check [printer] host and DNS",
                "elapsed_ms": round((timeout_s + 0.5) * 1000.0, 1)}
    return {"host": host, "port": port, "reachable": outcome["error"] is None, **outcome}


def _configured(settings) -> dict:
    if settings is None:
        return {}
    s, p = settings.scanner, settings.printer
    scanner = {"kind": s.kind}
    if s.kind in ("evdev", "wedge"):
        scanner["layout"] = s.wedge.layout
    if s.kind == "evdev":
        scanner["evdev_device"] = s.evdev_device
    elif s.kind == "serial":
        scanner["port"] = s.serial.port
    elif s.kind == "camera":
        scanner["source"] = s.camera.source
    printer = {"kind": p.kind}
    if p.kind == "network":
        printer["address"] = f"{p.host}:{p.port}"
    elif p.kind == "usb":
        printer["vid_pid"] = f"{p.usb_vendor_id}:{p.usb_product_id}"
    elif p.kind == "serial":
        printer["port"] = p.serial_port
    return {"scanner": scanner, "printer": printer}


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace").strip()
    except OSError:
        return ""


def _number(text: str) -> int:
    return int(text) if text.isdigit() else 1_000_000


# ----------------------------------------------------------------------------- text output


def format_text(result: dict) -> str:
    """The human-readable listing of a `discover()` result."""
    lines: list[str] = []

    errors = result.get("errors") or {}

    def section(title: str, key: str, describe, empty: str) -> None:
        lines.append(f"{title}:")
        items = result.get(key) or []
        if key in errors:
            lines.append(f"  (could not list: {errors[key]})")
        for item in items:
            lines.append("  " + describe(item))
        if not items and key not in errors:
            lines.append(f"  {empty}")
        lines.append("")

    def mark(item) -> str:
        return "  [configured]" if item.get("configured") else ""

    def access(item, key="accessible") -> str:
        return "" if item.get(key, True) else "  NO ACCESS (add the user to the group owning the device)"

    configured = result.get("configured") or {}
    if configured:
        sc, pr = configured["scanner"], configured["printer"]
        lines.append("Configured: scanner " + " ".join(f"{v}" for v in sc.values())
                     + "; printer " + " ".join(f"{v}" for v in pr.values()))
        lines.append("")
    section("Serial ports (serial scanners, serial printers)", "serial_ports",
            lambda p: " ".join(x for x in (p["device"], p["description"], p["vid_pid"] and f"[{p['vid_pid']}]",
                                           p["manufacturer"], p["serial_number"] and f"s/n {p['serial_number']}") if x)
            + access(p), "none found")
    section("Cameras", "cameras",
            lambda c: f"{c['path']}  {c['name'] or '(no name)'}" + ("" if c["capture_node"] else "  (metadata node)")
            + access(c), "none found")
    section("Input devices", "input_devices",
            lambda d: f"{d['path']}  {d['name'] or '(no name)'}" + (f"  [{d['vid_pid']}]" if d["vid_pid"] else "")
            + ("  <- looks like a scanner" if d["likely_scanner"] else "  keyboard" if d["keyboard_like"] else "")
            + mark(d) + access(d, "readable"), "none found (scanners used as keyboards appear here)")
    section("USB printers", "usb_printers",
            lambda u: f"{u['vid_pid']}  {u['manufacturer']} {u['product']}".rstrip() + f"  ({u['reason']})"
            + mark(u) + access(u), "none found")
    net = result.get("network_printer") or {}
    lines.append("Network printer:")
    if not net:
        lines.append("  none configured ([printer] host)")
    elif net.get("reachable"):
        lines.append(f"  {net['host']}:{net['port']} reachable ({net['elapsed_ms']} ms)")
    else:
        lines.append(f"  {net['host']}:{net['port']} NOT reachable: {net['error']}")
    return "\n".join(lines) + "\n"
