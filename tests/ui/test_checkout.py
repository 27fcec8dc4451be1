"""The checkout screen on the real demo Terminal: from a scan event through the Bridge to a
committed sale with its outbox row and printed receipt, and the refusals at the counter.

The demo Terminal's platform is offline here (no sandbox), so vouchers are verified offline with
a key put in the terminal's key cache. Bank cards: tests/ui/test_checkout_cards.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication, QInputDialog

from pos_terminal.app.facades import App
from pos_terminal.domain.model import PrintState, TenderKind
from pos_terminal.ports import ScanEvent
from pos_terminal.vouchers import KeyRing, PublicKey
from receipts.escpos_render import render_escpos
from sync.sandbox.signing import mint_voucher, new_private_key
from tests.ui.conftest import settle, sign_in

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)

ORDER_NO = "PO000000009001"


@pytest.fixture
def voucher(terminal):
    private, public = new_private_key()
    KeyRing([PublicKey("KTEST", public)]).save(terminal.keys.cache)
    terminal.keys._ring = None  # reread the cache file

    def make(order_no=ORDER_NO, amount=3380, expires=timedelta(hours=1), vid="v-9001", key=private):
        now = terminal.clock.now()
        return mint_voucher(key, "KTEST", voucher_id=vid, order_no=order_no, merchant_id="m-tea",
                            merchant_name="好物商城", amount_minor=amount, currency="CNY", summary="乌龙茶×2、饼干",
                            issued_at=now - timedelta(minutes=1), expires_at=now + expires)
    return make


def scan(window, text, symbology="qr"):
    window.bridge.post_scan(ScanEvent(text, text.encode(), symbology, "simulated", window._app.store.now()))
    QApplication.processEvents()  # the queued scan reaches the page, which starts its work


def key_in_pin(qtbot, page, pin):
    """The card holder keys the PIN into the prepaid PIN dialog, then Enter (keyboard only)."""
    from PySide6.QtCore import Qt

    qtbot.waitUntil(lambda: page.pin_dialog is not None and page.pin_dialog.isVisible(), timeout=10_000)
    dialog = page.pin_dialog
    qtbot.keyClicks(dialog.pin_edit, pin)
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)


def checkout(qtbot, window, *, shift=True):
    sign_in(qtbot, window, "1001", "1357")
    window.workspace.show_page("checkout")
    page = window.workspace.pages["checkout"]
    settle(qtbot)
    if shift:
        assert page.state == "shift"
        page.float_edit.setText("200")
        page.open_shift()
        settle(qtbot)
        assert page.state == "idle"
    return page


def sales_and_outbox(terminal):
    with terminal.uow() as uow:
        found = uow.sales.paid_for_order(ORDER_NO)
        sale = {"offline": found.offline, "receipt_no": found.receipt_no} if found else None
        tenders = [(t.kind, t.amount.minor, t.card_last4) for t in found.tenders] if found else []
        outbox = [m.payload for m in uow.outbox.pending()]
        receipt = uow.receipts.last_for_terminal("T01")
        state = receipt.print_state if receipt else None
    return sale, tenders, outbox, state


def test_cash_from_a_scan_to_a_committed_sale_outbox_row_and_receipt(qtbot, window, terminal, voucher):
    page = checkout(qtbot, window)
    scan(window, voucher())
    qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
    assert page.merchant_label.text() == "好物商城" and page.order_no_label.text() == ORDER_NO
    assert page.due_label.text() == "¥33.80" and page.lines.rowCount() == 1
    assert page.banner.isVisible()  # offline: paid on the signed voucher alone
    page._quick_cash(5000)  # the ¥50 button
    settle(qtbot)
    qtbot.waitUntil(lambda: page.state == "done", timeout=5000)
    assert page.change_label.text() == "¥16.20" and page.receipt_label.text() == "Receipt 000001"
    assert page.print_label.text() == "Receipt printed."
    assert not page.preview_label.pixmap().isNull()
    sale, tenders, outbox, state = sales_and_outbox(terminal)
    assert sale is not None and sale["offline"] and tenders == [(TenderKind.CASH, 3380, None)]
    assert [p["order_no"] for p in outbox] == [ORDER_NO] and outbox[0]["offline"] is True
    assert state is PrintState.PRINTED and terminal.devices.drawer.kicks == 1
    text = render_escpos(terminal.devices.printer.printed[-1]).decode("gb18030", errors="replace")
    assert "合计" in text and ORDER_NO in text and "16.20" in text


@pytest.mark.parametrize("code, expected", [
    ("6901234567892", "That is a product barcode, not an order."),
    ("HELLO-WORLD-123", "This code is not one this terminal reads."),
    ("IC0000000090010001", "That is an item code from a receipt"),
])
def test_codes_that_are_not_orders_are_refused_clearly(qtbot, window, voucher, code, expected):
    page = checkout(qtbot, window)
    scan(window, code)
    settle(qtbot)
    assert page.state == "idle" and page.message.isVisible()
    assert page.message.text().startswith(expected)


def test_tampered_and_expired_vouchers_and_offline_order_numbers_are_refused(qtbot, window, voucher):
    page = checkout(qtbot, window)
    other_key, _ = new_private_key()
    scan(window, voucher(key=other_key))
    settle(qtbot)
    assert "altered or is not from the platform" in page.message.text()
    scan(window, voucher(expires=timedelta(seconds=-5)))
    settle(qtbot)
    assert "has expired" in page.message.text()
    page.order_edit.setText("PO000000001234")
    page.find_order()
    settle(qtbot)
    assert "can only be paid online" in page.message.text() and page.state == "idle"


def test_already_paid_here_is_refused(qtbot, window, voucher):
    page = checkout(qtbot, window)
    code = voucher()
    scan(window, code)
    qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
    page._quick_cash(None)
    settle(qtbot)
    assert page.state == "done"
    scan(window, code)  # a scan on the done screen starts the next sale
    settle(qtbot)
    assert page.state == "idle" and "already paid at this terminal (receipt 000001)" in page.message.text()


def test_no_shift_the_page_opens_one_first(qtbot, window, voucher):
    page = checkout(qtbot, window, shift=False)
    assert page.state == "shift"
    page.float_edit.setText("abc")
    page.open_shift()
    assert "counted float" in page.message.text()
    page.float_edit.setText("150.50")
    page.open_shift()
    settle(qtbot)
    assert page.state == "idle" and "¥150.50" in page.message.text()


def test_during_payment_a_scan_does_the_obvious_thing(qtbot, window, voucher):
    page = checkout(qtbot, window)
    scan(window, voucher())
    qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
    scan(window, voucher(order_no="PO000000009002", vid="v-9002"))
    settle(qtbot)
    assert page.state == "order" and "Finish or cancel the current order" in page.message.text()
    scan(window, ";8800000000000001=4912?", "code128")  # a prepaid card: fills the card field
    settle(qtbot)
    assert page.panels.currentIndex() == 1 and page.prepaid_card_edit.text() == "8800000000000001"
    assert "Prepaid cards need the platform" in page.message.text()  # offline here
    assert "8800000000000001" not in page.message.text()


def test_printer_fault_keeps_the_sale_and_reprint_prints_it_once(qtbot, window, terminal, voucher, monkeypatch):
    page = checkout(qtbot, window)
    printer = terminal.devices.printer

    def paper_end(document):
        raise RuntimeError("paper end")

    monkeypatch.setattr(printer, "print_document", paper_end)
    scan(window, voucher())
    qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
    page._quick_cash(None)
    settle(qtbot)
    assert page.state == "done" and "paper end" in page.print_label.text()
    assert "kept for reprint" in page.print_label.text()
    sale, _, outbox, state = sales_and_outbox(terminal)
    assert sale is not None and len(outbox) == 1 and state is PrintState.PENDING
    monkeypatch.undo()
    page.reprint()  # the pending original, not a copy: no reason asked
    settle(qtbot)
    assert page.print_label.text() == "Receipt printed." and len(printer.printed) == 1
    assert printer.printed[0].copy is False
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("The receipt was damaged", True)))
    page.reprint()
    settle(qtbot)
    assert len(printer.printed) == 2 and printer.printed[1].copy is True
    assert sales_and_outbox(terminal)[3] is PrintState.PRINTED


def test_esc_before_any_tender_cancels_without_a_manager(qtbot, window, terminal, voucher):
    page = checkout(qtbot, window)
    scan(window, voucher())
    qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
    page.cancel()
    settle(qtbot)
    assert page.state == "idle" and page.message.text() == "Order cancelled."
    assert sales_and_outbox(terminal)[0] is None


@pytest.fixture
def online(terminal, tmp_path):
    """The terminal talking to the sandbox platform on loopback (seeded prepaid cards)."""
    from sync.sandbox import seed
    from sync.sandbox.server import SandboxServer
    from tests.platform_helpers import client_for, new_order

    server = SandboxServer("127.0.0.1", 0, f"sqlite:///{tmp_path / 'sandbox.sqlite3'}", clock=terminal.clock).start()
    client = client_for(server.url, (terminal.settings.terminal.store_id, terminal.settings.terminal.terminal_id,
                                     seed.DEMO_TERMINAL[2]), counter_budget_s=5.0)
    # what the platform answers is under test here, not how fast a busy machine answers: the counter
    # waits 5 s (tests.platform_helpers.settings_for says why)
    platform = terminal.settings.platform.model_copy(update={"counter_wait_s": 5.0})
    terminal.settings = terminal.settings.model_copy(update={"platform": platform})
    terminal.attach_platform(client)
    assert terminal.keys.refresh()
    yield lambda: new_order(client)  # 2 x ¥12.50 = ¥25.00
    client.close()
    server.stop()


def test_prepaid_short_balance_then_split_with_cash_online(qtbot, window, terminal, online):
    view = online()
    page = checkout(qtbot, window)
    scan(window, view["voucher"])
    qtbot.waitUntil(lambda: page.state == "order", timeout=10_000)
    settle(qtbot)
    assert not page.banner.isVisible() and page.due_label.text() == "¥25.00"
    scan(window, "8800000000000002", "code128")  # holds ¥10.00
    key_in_pin(qtbot, page, "1357")
    settle(qtbot)
    assert page.balance_label.text() == "Card ****0002 · balance ¥10.00"
    assert page.prepaid_amount_edit.text() == "10.00"  # the balance, not more
    page.prepaid_amount_edit.setText("25")
    page.take_prepaid()
    settle(qtbot)
    assert page.message.text() == ("Prepaid card ****0002 holds only ¥10.00. Take that amount and the rest "
                                   "another way.")
    page.prepaid_card_edit.setText("8800000000000002")
    page.prepaid_amount_edit.setText("10")
    page.take_prepaid()  # the PIN went with the refused debit: asked again
    key_in_pin(qtbot, page, "1357")
    settle(qtbot)
    assert page.due_label.text() == "¥15.00"
    page._quick_cash(None)
    settle(qtbot)
    assert page.state == "done"
    with terminal.uow() as uow:
        sale = uow.sales.paid_for_order(view["order_no"])
        assert [(t.kind, t.amount.minor, t.card_last4) for t in sale.tenders] == [
            (TenderKind.PREPAID_CARD, 1000, "0002"), (TenderKind.CASH, 1500, None)]


def test_cancel_after_a_prepaid_debit_needs_a_manager_and_credits_it_back(qtbot, window, terminal, online, monkeypatch):
    from ui.dialogs.manager_approval import ManagerApprovalDialog

    view = online()
    page = checkout(qtbot, window)
    scan(window, view["voucher"])
    qtbot.waitUntil(lambda: page.state == "order", timeout=10_000)
    settle(qtbot)
    page.choose_tender("prepaid")
    page.prepaid_card_edit.setText("8800000000000001")
    page.prepaid_amount_edit.setText("5")
    page.take_prepaid()
    key_in_pin(qtbot, page, "2580")
    settle(qtbot)
    assert terminal.platform.get_card("8800000000000001", "2580")["balance_minor"] == 50_000 - 500
    from PySide6.QtCore import QTimer

    from tests.ui.approval_keys import type_approval

    asked = []

    def answer():  # the manager types user number and PIN, Enter (keyboard only)
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ManagerApprovalDialog)
        asked.append(dialog._action.text())
        type_approval(qtbot, dialog, "8001", "8642")

    QTimer.singleShot(0, answer)
    page.cancel()  # modal: returns once approved and cancelled
    settle(qtbot)
    assert asked and view["order_no"] in asked[0]
    assert page.state == "idle" and page.message.text().startswith("Order cancelled. Given back: prepaid ****0001")
    assert terminal.platform.get_card("8800000000000001", "2580")["balance_minor"] == 50_000
    assert terminal.platform.get_order(view["order_no"])["claim"] is None  # released for another counter


def test_the_claim_is_renewed_while_the_order_is_on_screen_and_lost_claims_stop_payment(qtbot, window, terminal, online,
                                                                                          monkeypatch):
    from pos_terminal.ports import PlatformRefused, PlatformUnavailable

    view = online()
    page = checkout(qtbot, window)
    make_context = page._context

    def short_claims():
        ctx = make_context()
        ctx.claim_ttl_s = 2  # renewed about every second
        return ctx

    monkeypatch.setattr(page, "_context", short_claims)
    scan(window, view["voucher"])
    qtbot.waitUntil(lambda: page.state == "order", timeout=10_000)
    first = page.session.target.claimed_until
    # renewed: the proof the timer runs (not timer.isActive(): the single-shot timer is idle while a
    # renewal is in flight, which a loaded machine can catch)
    qtbot.waitUntil(lambda: page.session.target.claimed_until != first, timeout=5000)
    claim = terminal.platform.get_order(view["order_no"])["claim"]
    assert claim is not None and claim["terminal_id"] == terminal.settings.terminal.terminal_id
    renewed = page.session.target.claimed_until
    qtbot.waitUntil(lambda: page.session.target.claimed_until != renewed, timeout=5000)  # and again

    platform, real_claim = terminal.platform, terminal.platform.claim_order
    failures = []

    def offline_once(order_no, ttl_s=120):
        if not failures:
            failures.append(order_no)
            raise PlatformUnavailable("platform unreachable: connection refused")
        raise PlatformRefused("order_claimed", "claimed", status=409,
                              body={"error": "order_claimed", "store_id": "s-2", "terminal_id": "T09"})

    page.claim_retry_s = 0.2
    monkeypatch.setattr(platform, "claim_order", offline_once)
    qtbot.waitUntil(lambda: page.session.claim_lost is not None, timeout=6000)
    settle(qtbot)
    assert failures and not page.claim_timer.isActive()  # offline retried, then lost for good
    assert page.message.text().startswith("This order is now being paid at another counter (s-2/T09).")
    assert page.banner.isVisible()
    page._quick_cash(None)
    assert "another counter" in page.message.text() and not page.session.tenders
    monkeypatch.setattr(platform, "claim_order", real_claim)
    page.cancel()  # nothing taken: no manager needed
    settle(qtbot)
    assert page.state == "idle" and not page.claim_timer.isActive()


def test_reprint_after_a_restart_prints_a_pending_original_once_then_copies(qtbot, window, terminal, voucher,
                                                                             monkeypatch, terminal_factory, languages,
                                                                             caplog):
    """A printer fault, then the terminal restarts: F9 on the idle page rebuilds the last sale's
    receipt from the database, prints it as the original once, and as a marked copy after."""
    from ui.main_window import MainWindow

    page = checkout(qtbot, window)
    first = terminal
    monkeypatch.setattr(first.devices.printer, "print_document",
                        lambda document: (_ for _ in ()).throw(RuntimeError("paper end")))
    scan(window, voucher())
    qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
    page._quick_cash(5000)
    settle(qtbot)
    assert page.state == "done" and sales_and_outbox(first)[3] is PrintState.PENDING
    window.stop()
    first.close()  # the restart

    second = terminal_factory()
    win = MainWindow(App.of(second), languages)
    qtbot.addWidget(win)
    win.resize(1024, 768)
    win.show()
    try:
        sign_in(qtbot, win, "1001", "1357")
        win.workspace.show_page("checkout")
        page = win.workspace.pages["checkout"]
        settle(qtbot)
        assert page.state == "idle" and page.reprint_last_button.isVisible()
        asked = []
        monkeypatch.setattr(QInputDialog, "getItem",
                            staticmethod(lambda *a, **k: asked.append(a) or ("The receipt was damaged", True)))
        page.reprint()  # F9
        settle(qtbot)
        printed = second.devices.printer.printed
        assert not asked and len(printed) == 1 and printed[0].copy is False
        assert page.message.text() == "Receipt 000001 printed (it had not been printed before)."
        assert sales_and_outbox(second)[3] is PrintState.PRINTED
        text = render_escpos(printed[0]).decode("gb18030", errors="replace")
        assert ORDER_NO in text and "16.20" in text and "好物商城" in text and "000001" in text
        with caplog.at_level("INFO", logger="pos_terminal.services.checkout"):
            page.reprint_last_button.click()
            settle(qtbot)
        assert len(asked) == 1 and len(printed) == 2 and printed[1].copy is True
        assert page.message.text() == "Copy of receipt 000001 printed."
        logged = [r for r in caplog.records if r.getMessage() == "receipt reprinted as a copy"]
        assert logged and logged[0].reason == "The receipt was damaged"
        with second.uow() as uow:
            assert uow.receipts.last_for_terminal("T01").copies_printed == 2
    finally:
        win.stop()


def test_done_page_shows_the_drawer_state_where_the_drawer_reports_it(qtbot, window, terminal, voucher, tmp_path):
    """Through the virtual network printer: the drawer's switch read with DLE EOT on a worker
    about every second, "Drawer open" until it is closed; the next sale can start meanwhile."""
    from config.schema import PrinterSettings
    from drivers.drawer import PrinterDrawer
    from drivers.printer import EscposPrinter
    from drivers.virtual_printer import VirtualPrinter

    vp = VirtualPrinter(0, tmp_path / "jobs", idle_s=0.2).start()
    printer = EscposPrinter(PrinterSettings(kind="network", host="127.0.0.1", port=vp.port), timeout_s=2.0,
                            status_timeout_s=0.5)
    try:
        assert printer.open().state.value == "ready"
        terminal.devices.printer = printer
        terminal.devices.drawer = PrinterDrawer(printer, 2, reports_state=True)
        page = checkout(qtbot, window)
        page.drawer_timer.setInterval(150)
        vp.set_drawer_open(True)  # springs open on the kick
        scan(window, voucher())
        qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
        page._quick_cash(None)
        qtbot.waitUntil(lambda: page.state == "done", timeout=10_000)
        qtbot.waitUntil(lambda: page.drawer_label.text() == "Drawer open", timeout=5000)
        assert page.drawer_timer.isActive()
        vp.set_drawer_open(False)
        qtbot.waitUntil(lambda: page.drawer_label.text() == "Drawer closed", timeout=5000)
        qtbot.waitUntil(lambda: not page.drawer_timer.isActive(), timeout=2000)  # polling stops once closed

        vp.set_drawer_open(True)  # second sale: the cashier moves on while the drawer is still open
        scan(window, voucher(order_no="PO000000009002", vid="v-9002"))
        qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
        page._quick_cash(None)
        qtbot.waitUntil(lambda: page.drawer_label.text() == "Drawer open", timeout=10_000)
        scan(window, voucher(order_no="PO000000009003", vid="v-9003"))  # next sale regardless
        qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
        assert not page.drawer_timer.isActive()
        settle(qtbot)
    finally:
        printer.close()
        vp.stop()
