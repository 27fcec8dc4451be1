"""Issue 15, what the counter prints besides the sale receipt, through the real EscposPrinter to
the virtual printer on loopback, against the sandbox platform: the prepaid card's balance left on
the receipt, and a void slip when a checkout with money taken is cancelled."""

from __future__ import annotations

import pytest

from config.schema import PrinterSettings
from drivers.printer import EscposPrinter
from drivers.virtual_printer import VirtualPrinter
from pos_terminal.app.facades import App
from pos_terminal.money import format_money
from pos_terminal.scan_codes import ScanKind
from pos_terminal.services.checkout import CheckoutSession
from pos_terminal.services.orders import PaymentTarget
from sync.sandbox import seed
from tests.platform_helpers import new_order, open_shift, settings_for, spec_of

pytestmark = pytest.mark.clock_sensitive

CARD, PIN = seed.DEMO_CARD, seed.DEMO_CARD_PIN


@pytest.fixture
def vp(tmp_path):
    printer = VirtualPrinter(0, tmp_path / "jobs", idle_s=0.2).start()
    yield printer
    printer.stop()


@pytest.fixture
def counter(terminal_factory, server, vp):
    terminal = terminal_factory(settings_for(server.url))
    terminal.devices.printer = EscposPrinter(PrinterSettings(kind="network", host="127.0.0.1", port=vp.port),
                                             timeout_s=5.0, status_timeout_s=2.0)
    return terminal


def session_for(terminal, client, cashier) -> CheckoutSession:
    view = new_order(client)  # 2 x 乌龙茶 12.50
    return CheckoutSession(PaymentTarget(spec_of(view), ScanKind.ORDER_NUMBER, None, False),
                           terminal.checkout_context(cashier))


def amount(minor: int) -> str:
    return format_money(minor).lstrip("¥")


def test_the_prepaid_cards_balance_left_prints_on_the_receipt(counter, client, vp):
    cashier = open_shift(counter)
    session = session_for(counter, client, cashier)
    tender = session.take_prepaid(CARD, 2500, PIN)
    done = session.complete()
    assert done.printed, done.print_error
    (job,) = vp.wait_for_jobs(1)
    left = counter.platform.get_card(CARD, PIN)["balance_minor"]
    assert tender.balance_after_minor == left
    rows = job.text.splitlines()
    at = next(i for i, row in enumerate(rows) if row.startswith("储值卡 ****0001"))
    assert rows[at + 1].split() == ["卡内余额", amount(left)]


def test_a_cancel_after_money_was_taken_prints_a_void_slip(counter, client, vp):
    cashier = open_shift(counter)
    manager = App.of(counter).users.sign_in("8001", "8642")
    session = session_for(counter, client, cashier)
    before = counter.platform.get_card(CARD, PIN)["balance_minor"]
    session.take_cash(1000)
    session.take_prepaid(CARD, 500, PIN)
    reversed_ = session.cancel(manager)
    assert len(reversed_) == 2 and session.cancelled
    assert counter.platform.get_card(CARD, PIN)["balance_minor"] == before  # the card got its 5.00 back
    slip = session.void_slip
    assert slip is not None and slip.printed, slip
    (job,) = vp.wait_for_jobs(1)
    rows = [row.split() for row in job.text.splitlines()]
    text = job.text
    assert "交易作废" in text and session.target.order.order_no in text
    assert ["批准经理", *manager.display_name.split()] in rows
    assert ["现金", "退回顾客", amount(1000)] in rows
    assert ["储值卡", "退回卡内", "****0001", amount(500)] in rows
    assert ["共退回", amount(1500)] in rows
    assert text.rstrip().endswith("[CUT]")


def test_a_cancel_before_any_money_prints_nothing(counter, client, vp):
    cashier = open_shift(counter)
    session = session_for(counter, client, cashier)
    session.cancel(None)
    assert session.cancelled and session.void_slip is None
    vp.wait_for_jobs(0)
    assert vp.jobs() == []


def test_a_void_slip_the_printer_refuses_leaves_the_void_done_and_says_why(counter, client, vp):
    cashier = open_shift(counter)
    manager = App.of(counter).users.sign_in("8001", "8642")
    session = session_for(counter, client, cashier)
    session.take_cash(2500)
    vp.set_paper("end")  # the slip cannot print
    session.cancel(manager)
    assert session.cancelled
    slip = session.void_slip
    assert slip is not None and not slip.printed and "paper" in (slip.error or "")
    assert slip.info.total_minor == 2500
