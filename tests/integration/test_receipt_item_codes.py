"""Issue 15: the seeded big order PO000000001005 (40 lines, 60 units) sold in cash prints its
item codes compactly (several QR codes to a row under their unit numbers, the shared prefix once)
instead of 60 codes one under the other (328 lines), and every unit stays returnable by its own
code: the codes are read back off the printed raster (real EscposPrinter, TCP, the virtual
printer) and each one is taken by refund intake, against the sandbox platform on loopback."""

from __future__ import annotations

import pytest
import zxingcpp

from config.schema import PrinterSettings
from drivers.printer import EscposPrinter
from drivers.virtual_printer import VirtualPrinter
from pos_terminal.services import refunds
from sync.outbox_worker import OutboxWorker
from sync.sandbox import seed
from tests.escpos_raster import raster_images
from tests.platform_helpers import open_shift, settings_for, spec_of
from tests.sale_helpers import sell_cash

pytestmark = pytest.mark.clock_sensitive


@pytest.fixture
def vp(tmp_path):
    printer = VirtualPrinter(0, tmp_path / "jobs", idle_s=0.2).start()
    yield printer
    printer.stop()


def test_the_big_order_prints_compact_codes_and_each_unit_is_returned_by_its_own(terminal_factory, server, client,
                                                                                  vp):
    terminal = terminal_factory(settings_for(server.url))
    terminal.devices.printer = EscposPrinter(PrinterSettings(kind="network", host="127.0.0.1", port=vp.port),
                                             timeout_s=5.0, status_timeout_s=2.0)
    view = client.get_order(seed.BIG_ORDER)
    codes = [c for line in view["lines"] for c in line["item_codes"]]
    assert len(view["lines"]) == 40 and len(codes) == 60

    cashier = open_shift(terminal)
    done = sell_cash(terminal.checkout_context(cashier), spec_of(view))
    assert done.printed, done.print_error
    (job,) = vp.wait_for_jobs(1, timeout=10)

    text_lines = job.text.splitlines()
    assert len(text_lines) < 120, len(text_lines)  # was 328: a name, a code and its text per unit
    assert "IC000000001005" in job.text  # the shared prefix, printed once beside its explanation
    assert job.text.count("IC000000001005") == 1
    # each line names its units: "0002-0003 手机保护壳 第1款 ..." for its two units
    first = view["lines"][0]
    numbers = [c[-4:] for c in first["item_codes"]]
    label = f"{numbers[0]}-{numbers[-1]}" if len(numbers) > 1 else numbers[0]
    assert any(row.startswith(f"{label} {first['name']}") for row in text_lines)

    printed = [b.text for image in raster_images(job.raw) for b in zxingcpp.read_barcodes(image)
               if b.format == zxingcpp.BarcodeFormat.QRCode]
    assert sorted(printed) == sorted(codes)  # every unit's own code, once each, readable off the paper

    OutboxWorker(terminal.uow, terminal.platform, terminal.clock).drain_once()  # the platform knows it is paid
    ctx = terminal.refund_context()
    by_code = {c: line for line in view["lines"] for c in line["item_codes"]}
    for code in printed:
        item = refunds.look_up(ctx, code)  # refund intake takes each unit by the code printed for it
        assert item.item_code == code and item.order_no == seed.BIG_ORDER
        assert item.name == by_code[code]["name"] and item.payment_route == "cash"
