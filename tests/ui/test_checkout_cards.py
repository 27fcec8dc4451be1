"""The checkout screen's bank-card payments on the real demo Terminal: through the real
TcpCardTerminal against the card simulator on loopback (a thread, or its own process where a
test kills it), and the standalone card terminal through its approval dialog. The scan and cash
helpers are tests/ui/test_checkout.py's."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from config.schema import CardTerminalSettings
from pos_terminal.app.facades import App
from pos_terminal.domain.model import TenderKind
from tests.ui.conftest import settle, sign_in
from tests.ui.test_checkout import ORDER_NO, checkout, sales_and_outbox, scan, voucher  # noqa: F401  (voucher: a fixture)

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)


@pytest.fixture
def card_simulator():
    from drivers.card_simulator import CardSimulator

    sim = CardSimulator("127.0.0.1", 0, "approve").start()
    yield sim
    sim.stop()


def test_bank_card_split_with_cash_through_the_card_simulator(qtbot, window, terminal, voucher, card_simulator):
    from drivers.card_terminal import TcpCardTerminal

    terminal.devices.card_terminal = TcpCardTerminal(CardTerminalSettings(port=card_simulator.port), timeout_s=10)
    page = checkout(qtbot, window)
    scan(window, voucher())
    qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
    page.choose_tender("card")
    page.card_amount_edit.setText("20")
    page.take_card()
    settle(qtbot)
    assert page.due_label.text() == "¥13.80" and "Bank card ****" in page.taken_label.text()
    page._quick_cash(2000)
    settle(qtbot)
    assert page.state == "done" and page.change_label.text() == "¥6.20"
    _, tenders, outbox, _ = sales_and_outbox(terminal)
    assert [(k, a) for k, a, _ in tenders] == [(TenderKind.BANK_CARD, 2000), (TenderKind.CASH, 1380)]
    assert len(tenders[0][2]) == 4 and outbox[0]["tenders"] == ["bank_card", "cash"]


def test_card_declined_is_shown_and_nothing_is_recorded(qtbot, window, terminal, voucher, card_simulator):
    from drivers.card_terminal import TcpCardTerminal

    card_simulator.set_mode("decline")
    terminal.devices.card_terminal = TcpCardTerminal(CardTerminalSettings(port=card_simulator.port))
    page = checkout(qtbot, window)
    scan(window, voucher())
    qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
    page.choose_tender("card")
    page.take_card()
    settle(qtbot)
    assert page.state == "order" and page.message.text().startswith("Card declined.")
    assert page.due_label.text() == "¥33.80" and sales_and_outbox(terminal)[0] is None


def test_no_card_terminal_is_a_clear_refusal(qtbot, window, voucher):
    page = checkout(qtbot, window)
    scan(window, voucher())
    qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
    page.choose_tender("card")
    page.take_card()
    settle(qtbot)
    assert page.message.text() == "No card terminal is set up at this counter. Take another tender."


def test_manual_card_terminal_asks_through_the_dialog_while_the_worker_waits(qtbot, window, terminal, voucher):
    """The standalone terminal as drivers/factory.py builds it from the settings (the screen builds
    none itself): the charge's worker waits while the cashier keys in the slip's approval."""
    from drivers.factory import card_terminal_from_settings

    terminal.settings = terminal.settings.model_copy(
        update={"card_terminal": CardTerminalSettings(kind="manual")})
    terminal.devices.card_terminal = card_terminal_from_settings(terminal.settings.card_terminal)
    terminal.devices.card_terminal.open()
    page = checkout(qtbot, window)
    scan(window, voucher())
    qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
    page.choose_tender("card")
    page.take_card()
    qtbot.waitUntil(lambda: page.manual_handler.dialog is not None, timeout=5000)
    dialog = page.manual_handler.dialog
    dialog.code_edit.setText("ab12cd")
    dialog.last4_edit.setText("123456")  # the field keeps four digits at most
    assert dialog.last4_edit.text() == "1234"
    dialog.submit()
    settle(qtbot)
    assert page.state == "done"
    _, tenders, _, _ = sales_and_outbox(terminal)
    assert tenders == [(TenderKind.BANK_CARD, 3380, "1234")]
    assert page.session.done.receipt.tenders[0].approval_code == "AB12CD"
    QApplication.processEvents()


# ----------------------------------------------------------------- online: the sandbox platform


@pytest.mark.parametrize("mode", ["disconnect-after-approve", "timeout"])
def test_card_terminal_that_stops_answering_is_asked_before_anything_else(qtbot, window, terminal, voucher,
                                                                          card_simulator, mode):
    """The answer is lost (connection dropped after approving, or no answer in time): the adapter
    asks the terminal for this request before anything else. The sale is recorded exactly when
    the card terminal holds one approved charge for it; never a second charge."""
    from drivers.card_terminal import TcpCardTerminal

    card_simulator.set_mode(mode)
    terminal.devices.card_terminal = TcpCardTerminal(
        CardTerminalSettings(port=card_simulator.port), timeout_s=1.0, recovery_wait_s=0.1)
    page = checkout(qtbot, window)
    scan(window, voucher())
    qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
    page.choose_tender("card")
    page.take_card()
    qtbot.waitUntil(lambda: not page.busy, timeout=15_000)
    settle(qtbot)
    sale, tenders, outbox, _ = sales_and_outbox(terminal)
    charged = [t for t in card_simulator.transactions() if t.kind == "sale" and t.approved]
    assert len(charged) <= 1
    if charged:
        assert page.state == "done" and len(tenders) == 1 and len(outbox) == 1
        assert tenders[0][2] == charged[0].card_last4
    else:
        assert page.state == "order" and sale is None and page.message.isVisible()
    if mode == "disconnect-after-approve":
        assert len(charged) == 1


@pytest.mark.parametrize("mode, charged", [("timeout", True), ("drop", False)])
def test_unknown_card_outcome_survives_a_restart_of_the_terminal_and_the_card_simulator(
        qtbot, window, terminal, voucher, terminal_factory, languages, tmp_path, mode, charged):
    """The card simulator (its own process) is killed in the middle of a charge: the outcome is
    unknown. The POS restarts, the simulator restarts on its state folder; the checkout page
    says so at start, asks the card terminal with a button, and (when the buyer was charged)
    completes that order's sale with that approval when it is scanned again: one charge."""
    import json
    import time

    from drivers.card_simulator import STATE_FILE, start_process, stop_process
    from drivers.card_terminal import TcpCardTerminal
    from ui.main_window import MainWindow

    state = tmp_path / "card-state"
    proc, port = start_process(mode=mode, state_dir=state)
    try:
        first = terminal
        first.devices.card_terminal = TcpCardTerminal(CardTerminalSettings(port=port), timeout_s=20,
                                                      recovery_attempts=2, recovery_wait_s=0.1, connect_timeout_s=1)
        page = checkout(qtbot, window)
        code = voucher()
        scan(window, code)
        qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
        page.choose_tender("card")
        page.take_card()
        if charged:  # the simulator holds the approved charge (on disk) and withholds the answer
            qtbot.waitUntil(lambda: (state / STATE_FILE).exists(), timeout=5000)
        else:
            time.sleep(0.7)  # the request reached the simulator, which says nothing
        proc.kill()
        proc.wait(5)
        qtbot.waitUntil(lambda: not page.busy, timeout=15_000)
        settle(qtbot)
        assert page.state == "order" and page.message.text().startswith("The card terminal stopped answering")
        assert sales_and_outbox(first)[0] is None
        window.stop()
        first.close()  # the POS restarts too
    finally:
        if proc.poll() is None:
            proc.kill()

    proc, port = start_process(mode="approve", state_dir=state)  # back, on its state folder
    second = terminal_factory()
    second.devices.card_terminal = TcpCardTerminal(CardTerminalSettings(port=port), timeout_s=10)
    win = MainWindow(App.of(second), languages)
    qtbot.addWidget(win)
    win.resize(1024, 768)
    win.show()
    try:
        sign_in(qtbot, win, "1001", "1357")
        win.workspace.show_page("checkout")
        page = win.workspace.pages["checkout"]
        settle(qtbot)
        assert page.state == "idle" and page.card_alert.isVisible()
        assert page.card_alert_label.text().startswith(
            f"A card payment of ¥33.80 for order {ORDER_NO} has an unknown outcome: check the card terminal")
        page.card_check_button.click()
        settle(qtbot)
        if not charged:
            assert page.message.text() == f"The card payment of ¥33.80 for order {ORDER_NO} was not charged. Cleared."
            assert not page.card_alert.isVisible()
            return
        assert page.message.text().startswith(f"The card terminal approved the card payment of ¥33.80 for order "
                                              f"{ORDER_NO} (card ****")
        assert page.card_alert.isVisible() and page.card_refund_button.isVisible()
        scan(win, code)  # the same order again: its sale completes with that approval
        settle(qtbot)
        qtbot.waitUntil(lambda: page.state == "done", timeout=5000)
        settle(qtbot)
        sale, tenders, outbox, _ = sales_and_outbox(second)
        sim = json.loads((state / STATE_FILE).read_text(encoding="utf-8"))["transactions"]
        approved = [t for t in sim if t["kind"] == "sale" and t["result"] == "approved"]
        assert len(approved) == 1 and tenders == [(TenderKind.BANK_CARD, 3380, approved[0]["card_last4"])]
        assert len(outbox) == 1
        page.new_sale()
        settle(qtbot)
        assert not page.card_alert.isVisible() and page.card_requests == []
    finally:
        win.stop()
        stop_process(proc)
