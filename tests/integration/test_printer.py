"""The ESC/POS printer driver against the virtual network printer on loopback (and, through a
socat pty bridged to it, as a serial printer)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from datetime import datetime

import pytest

from config.schema import PrinterSettings
from drivers.drawer import PrinterDrawer
from drivers.printer import EscposPrinter, PrinterFault, parse_status
from drivers.virtual_printer import VirtualPrinter
from pos_terminal.money import Money
from pos_terminal.ports import DeviceState
from receipts.sale_receipt import ReceiptLine, ReceiptTender, SaleReceiptData, build_sale_receipt

NAMES = ["农夫山泉 550ml", "康师傅红烧牛肉面", "旺仔牛奶 245ml", "乐事薯片 原味 70g", "维达抽纸 3层"]


def receipt(n_lines: int = 30, **kw):
    lines = tuple(
        ReceiptLine(f"{NAMES[i % len(NAMES)]} #{i:02d}", 1, Money(150 + i), Money(150 + i), (f"IC-{i:02d}-1",))
        for i in range(n_lines)
    )
    total = sum(line.amount.minor for line in lines)
    data = SaleReceiptData(
        store_name="好邻居便利店", terminal_id="T01", cashier_name="李四", receipt_no=7,
        local_time=datetime(2024, 5, 1, 9, 30), merchant_name="好物商城", order_no="B-30LINE",
        lines=lines, tenders=(ReceiptTender("cash", Money(total), tendered=Money(total + 500)),),
        footer="谢谢惠顾", **kw,
    )
    return build_sale_receipt(data)


@pytest.fixture
def vp(tmp_path):
    printer = VirtualPrinter(0, tmp_path / "jobs", idle_s=0.2).start()
    yield printer
    printer.stop()


def network(port: int, **kw) -> PrinterSettings:
    return PrinterSettings(kind="network", host="127.0.0.1", port=port, **kw)


@pytest.fixture
def printer(vp):
    p = EscposPrinter(network(vp.port), timeout_s=2.0, status_timeout_s=0.5)
    yield p
    p.close()


def test_thirty_line_chinese_receipt_prints_and_reads_back(vp, printer):
    assert printer.open().state is DeviceState.READY
    printer.print_document(receipt(30))
    (job,) = vp.wait_for_jobs(1)
    assert job.bin_path.name == "job-0001.bin" and job.txt_path.name == "job-0001.txt"
    text = job.text
    for i in range(30):
        assert f"{NAMES[i % len(NAMES)]} #{i:02d}" in text
        assert f"[QR: IC-{i:02d}-1]" in text
    assert "好邻居便利店" in text and "谢谢惠顾" in text and text.rstrip().endswith("[CUT]")
    assert "农夫山泉".encode("gb18030") in job.raw


def test_image_mode_prints_chinese_rows_as_raster(tmp_path):
    with VirtualPrinter(0, tmp_path / "jobs", idle_s=0.2) as vp:
        p = EscposPrinter(network(vp.port, chinese="image", paper_width_mm=58), timeout_s=2.0)
        p.open()
        p.print_document(receipt(3, paper_width_mm=58))
        p.close()
        text = vp.wait_for_jobs(1)[0].text
    assert "[image 384x" in text and "农夫山泉" not in text
    assert "[QR: IC-00-1]" in text


@pytest.mark.parametrize(
    "fault, detail",
    [
        (lambda vp: vp.set_paper("end"), "paper end: load paper"),
        (lambda vp: vp.set_cover_open(True), "cover open: close the cover"),
        (lambda vp: vp.set_offline(True), "offline"),
    ],
    ids=["paper-end", "cover-open", "offline"],
)
def test_fault_is_a_status_and_refuses_the_job_before_sending_it(vp, printer, fault, detail):
    printer.open()
    fault(vp)
    status = printer.query_status()
    assert status.state is DeviceState.ERROR and status.detail.startswith(detail)
    doc = receipt(5)
    with pytest.raises(PrinterFault, match=detail.split(":")[0]):
        printer.print_document(doc)
    printer.query_status()  # answered in order on the same connection: anything sent before is processed
    assert vp.jobs() == [] and vp.refused_jobs == 0  # not a byte of the job left the terminal
    # fixed at the printer: the same document (the reprint queue) now prints once
    vp.set_paper("ok"), vp.set_cover_open(False), vp.set_offline(False)
    printer.print_document(doc)
    assert len(vp.wait_for_jobs(1)) == 1


def test_paper_near_end_warns_and_still_prints(vp, printer):
    vp.set_paper("near_end")
    status = printer.open()
    assert status.state is DeviceState.WARNING and "paper near end" in status.detail
    printer.print_document(receipt(1))
    vp.wait_for_jobs(1)


def test_control_file_injects_faults(vp, printer):
    (vp.out_dir / "control").write_text("cover_open\n")
    assert printer.open().detail == "cover open: close the cover"
    (vp.out_dir / "control").write_text("")
    assert printer.query_status().state is DeviceState.READY


def test_offline_printer_drops_jobs_sent_anyway(vp):
    vp.set_offline(True)
    with socket.create_connection(("127.0.0.1", vp.port)) as s:
        s.sendall(b"\x1b@hello\n")
    deadline = time.monotonic() + 5
    while vp.refused_jobs < 1 and time.monotonic() < deadline:  # waits for the refusal, not for a fixed time
        time.sleep(0.02)
    assert vp.jobs() == [] and vp.refused_jobs == 1


def test_nothing_listening_is_an_error_status_not_a_hang():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    p = EscposPrinter(network(port), timeout_s=2.0)
    t0 = time.monotonic()
    status = p.open()
    assert status.state is DeviceState.ERROR and "connection refused" in status.detail
    with pytest.raises(PrinterFault, match="connection refused"):
        p.print_document(receipt(1))
    assert time.monotonic() - t0 < 2.0


def test_silent_printer_is_bounded_by_the_status_timeout(vp):
    vp.set_mute(True)
    p = EscposPrinter(network(vp.port), timeout_s=2.0, status_timeout_s=0.3)
    t0 = time.monotonic()
    status = p.open()
    assert time.monotonic() - t0 < 1.0
    assert status.state is DeviceState.WARNING and "did not answer" in status.detail
    # a printer that cannot say whether it printed is not sent a job that would then count as printed
    with pytest.raises(PrinterFault, match="no answer"):
        p.print_document(receipt(1))
    assert p.status().state is DeviceState.ERROR
    assert vp.jobs() == [] and vp.refused_jobs == 0 and vp.lost_jobs == 0
    p.close()


def test_reconnects_on_the_next_print_after_a_dropped_connection(vp, printer):
    printer.open()
    printer.print_document(receipt(1))
    vp.wait_for_jobs(1)
    vp.drop_connections()  # printer switched off and on
    time.sleep(0.1)
    printer.print_document(receipt(2))
    assert len(vp.wait_for_jobs(2)) == 2


def test_drawer_kick_bytes_arrive_and_state_is_read_where_reported(vp, printer):
    printer.open()
    drawer = PrinterDrawer(printer, pin=2, reports_state=True)
    assert drawer.open().state is DeviceState.READY
    assert drawer.is_open() is False
    drawer.kick()  # returns once the printer confirmed it: the job is on disk already
    (job,) = vp.jobs()
    assert b"\x1bp\x00\x32\x32" in job.raw and "[DRAWER pin 2]" in job.text
    assert drawer.is_open() is True  # the simulated drawer springs open on the pulse
    vp.set_drawer_open(False)
    assert drawer.is_open() is False
    vp.set_drawer_open(True)
    assert drawer.is_open() is True
    assert PrinterDrawer(printer, pin=5).is_open() is None  # no switch wired: no guess


def test_status_bytes_parse():
    s = parse_status(0x12, 0x12, 0x12)
    assert (s.offline, s.cover_open, s.paper_end, s.paper_near_end) == (False, False, False, False)
    s = parse_status(0x1A, 0x32, 0x7E)
    assert s.offline and s.paper_end and not s.cover_open
    assert parse_status(0xFF, None, None).offline is None  # not a status byte


@pytest.mark.skipif(shutil.which("socat") is None, reason="socat not installed")
def test_serial_printer_through_a_socat_pty(vp, tmp_path):
    link = tmp_path / "ttyPRN"
    proc = subprocess.Popen(["socat", f"pty,raw,echo=0,link={link}", f"tcp:127.0.0.1:{vp.port}"],
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 5
        while not os.path.exists(link) and time.monotonic() < deadline:
            time.sleep(0.05)
        p = EscposPrinter(PrinterSettings(kind="serial", serial_port=str(link), serial_baud=115200),
                          timeout_s=2.0, status_timeout_s=0.5)
        assert p.open().state is DeviceState.READY
        p.print_document(receipt(5))
        assert "康师傅红烧牛肉面 #01" in vp.wait_for_jobs(1)[0].text
        vp.set_paper("end")
        assert p.query_status().detail == "paper end: load paper"
        p.close()
    finally:
        proc.terminate()
        proc.wait(timeout=5)


def test_serial_port_missing_is_an_error_status(tmp_path):
    p = EscposPrinter(PrinterSettings(kind="serial", serial_port=str(tmp_path / "ttyNONE")))
    status = p.open()
    assert status.state is DeviceState.ERROR and "ttyNONE" in status.detail


def test_virtual_printer_answers_gs_r_after_the_job_before_it_is_printed(vp):
    """GS r is answered in order: the job before it is stored first, even when the query arrives
    split over two TCP segments; a stopped printer holds it (no answer) but still answers DLE EOT."""
    with socket.create_connection(("127.0.0.1", vp.port), timeout=2) as s:
        s.sendall(b"\x1b@hello\n\x1d")
        time.sleep(0.05)  # let the first segment arrive on its own
        s.sendall(b"r\x01")
        assert s.recv(1) == b"\x00"
        assert len(vp.jobs()) == 1 and "hello" in vp.jobs()[0].text  # on disk before the answer
        vp.set_paper("end")
        s.sendall(b"\x1dr\x01\x10\x04\x04")
        assert s.recv(1) == bytes((0x12 | 0x6C,))  # only the real-time reply: paper end
    assert vp.status_queries == [4]
