"""Device discovery: on this machine (mostly empty lists), on a fake sysfs tree, and with real
TCP listeners on loopback standing in for network printers."""

from __future__ import annotations

import json
import socket

import pytest

from config.schema import PrinterSettings, ScannerSettings, Settings
from drivers.discovery import discover, format_text, probe_tcp

SECTIONS = ("serial_ports", "cameras", "input_devices", "usb_printers", "serial_printers")


def test_this_machine_lists_without_errors_and_is_json():
    result = discover(None)
    for key in SECTIONS:
        assert isinstance(result[key], list)
        assert key not in result["errors"], result["errors"]
    assert result["network_printer"] is None
    json.dumps(result)
    text = format_text(result)
    assert "Serial ports" in text and "Network printer:" in text


@pytest.fixture
def listener():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    yield server.getsockname()[1]
    server.close()


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def network(port: int) -> Settings:
    return Settings(printer=PrinterSettings(kind="network", host="127.0.0.1", port=port))


def test_configured_network_printer_reachable(listener):
    result = discover(network(listener))
    net = result["network_printer"]
    assert net == {**net, "configured": True, "address": f"127.0.0.1:{listener}", "reachable": True, "error": None}
    assert f"127.0.0.1:{listener} reachable" in format_text(result)
    assert result["configured"]["printer"] == {"kind": "network", "address": f"127.0.0.1:{listener}"}


def test_configured_network_printer_unreachable():
    port = free_port()
    result = discover(network(port))
    net = result["network_printer"]
    assert net["reachable"] is False
    assert "refused" in net["error"] and str(port) in net["error"]
    assert "NOT reachable" in format_text(result)


def test_probe_names_unknown_hosts_and_never_raises():
    result = probe_tcp("printer.invalid", 9100, 0.5)
    assert result["reachable"] is False and result["error"]
    result = probe_tcp("192.0.2.1", 9100, 0.2)  # TEST-NET-1: never answers (or no route here)
    assert result["reachable"] is False and result["error"]


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n")


KEYBOARD_BITS = "1000000000007 ff800000000007ff febeffdff3cfffff fffffffffffffffe"


@pytest.fixture
def fake_root(tmp_path):
    # a webcam with its metadata node
    for n, index in ((0, "0"), (1, "1")):
        (tmp_path / "dev").mkdir(exist_ok=True)
        (tmp_path / f"dev/video{n}").write_text("")
        write(tmp_path / f"sys/class/video4linux/video{n}/name", "HD Pro Webcam C920")
        write(tmp_path / f"sys/class/video4linux/video{n}/index", index)
    # input: a keyboard and a Zebra scanner
    for n, (name, vendor, product) in enumerate((("AT Translated Set 2 keyboard", "0001", "0001"),
                                                 ("Symbol Technologies, Inc, 2008 Symbol Bar Code Scanner", "05e0", "1200"))):
        dev = tmp_path / f"sys/class/input/event{n}/device"
        write(dev / "name", name)
        write(dev / "phys", f"usb-1-{n}/input0")
        write(dev / "id/vendor", vendor)
        write(dev / "id/product", product)
        write(dev / "capabilities/key", KEYBOARD_BITS)
        (tmp_path / "dev/input").mkdir(exist_ok=True)
        (tmp_path / f"dev/input/event{n}").write_text("")
    # USB: an Epson TM-T20 (printer class), an Xprinter on a generic chip (printer class), a mouse
    usb = tmp_path / "sys/bus/usb/devices"
    for name, vendor, product, cls, label in (("1-1", "04b8", "0e15", "07", "TM-T20II"),
                                             ("1-2", "0483", "5743", "07", "Printer"),
                                             ("1-3", "046d", "c077", "03", "USB Optical Mouse")):
        write(usb / name / "idVendor", vendor)
        write(usb / name / "idProduct", product)
        write(usb / name / "product", label)
        write(usb / name / "busnum", "1")
        write(usb / name / "devnum", name[-1])
        write(usb / f"{name}:1.0" / "bInterfaceClass", cls)
    return tmp_path


def test_fake_machine(fake_root):
    settings = Settings(scanner=ScannerSettings(kind="evdev", evdev_device="05e0:1200"),
                        printer=PrinterSettings(kind="usb", usb_vendor_id="04b8", usb_product_id="0e15"))
    result = discover(settings, root=fake_root)
    cams = result["cameras"]
    assert [(c["path"], c["name"], c["capture_node"]) for c in cams] == [
        ("/dev/video0", "HD Pro Webcam C920", True), ("/dev/video1", "HD Pro Webcam C920", False)]
    inputs = result["input_devices"]
    assert [(d["name"][:6], d["likely_scanner"], d["configured"]) for d in inputs] == [
        ("AT Tra", False, False), ("Symbol", True, True)]
    assert inputs[1]["vendor"] == "Zebra (Symbol)" and inputs[1]["vid_pid"] == "05e0:1200"
    printers = result["usb_printers"]
    assert [(p["vid_pid"], p["configured"]) for p in printers] == [("04b8:0e15", True), ("0483:5743", False)]
    assert "ESC/POS vendor: Epson" in printers[0]["reason"]
    assert printers[0]["device_node"] == "/dev/bus/usb/001/001"
    assert result["network_printer"] is None and result["errors"] == {}
    text = format_text(result)
    assert "looks like a scanner  [configured]" in text
    assert "04b8:0e15" in text and "046d" not in text


def test_a_failing_probe_is_a_field_not_an_exception(fake_root):
    (fake_root / "sys/bus/usb/devices/1-9").mkdir()
    write(fake_root / "sys/bus/usb/devices/1-9/idVendor", "04b8")
    write(fake_root / "sys/bus/usb/devices/1-9/busnum", "x")
    result = discover(None, root=fake_root)
    assert "usb_printers" not in result["errors"]
    assert any(p["device_node"] == "" for p in result["usb_printers"])


def test_a_probe_that_raises_becomes_its_sections_error(monkeypatch):
    from serial.tools import list_ports

    def broken():
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(list_ports, "comports", broken)
    result = discover(None)
    assert result["serial_ports"] == []
    assert result["errors"]["serial_ports"] == "PermissionError: [Errno 13] Permission denied"
    assert result["errors"]["serial_printers"] == result["errors"]["serial_ports"]
    assert "could not list: PermissionError" in format_text(result)
