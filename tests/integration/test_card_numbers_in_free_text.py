"""Issue 11, section 6: a card number keyed into a free-text field is masked before it is stored,
logged or sent; the item-code field refuses it before anything goes to the platform.

Real parts: the sandbox platform on loopback behind a recording TCP proxy (every request line the
terminal sent), the terminal's SQLite database (dumped whole and searched), its JSON log file, and
the sandbox's own database."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.photos import prepare_frame
from pos_terminal.app.facades import App
from pos_terminal.domain.model import RefundStatus
from pos_terminal.services import cash, refunds
from pos_terminal.services.refunds import RefundRefused
from sync.outbox_worker import OutboxWorker
from tests.platform_helpers import FaultProxy, new_order, open_shift, pay_cash, settings_for, spec_of

PAN = "4111111111111111"
GROUPED = "4111 1111 1111 1111"
DASHED = "5555-5555-5555-4444"
NEEDLES = (PAN, GROUPED, "4111-1111-1111-1111", DASHED, "5555555555554444", "411111111111", "555555555555")


def _photo():
    frame = np.full((480, 640, 3), 200, np.uint8)
    cv2.circle(frame, (320, 240), 80, (0, 0, 255), -1)
    return prepare_frame(frame)


def _dump(db: Path) -> str:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def _assert_no_card_number(text: str, where: str) -> None:
    for needle in NEEDLES:
        assert needle not in text, f"{needle} found in {where}"


@pytest.fixture
def logged_terminal(terminal_factory, server):
    """A terminal writing its real JSON log file, talking to the sandbox through a recording proxy."""
    with FaultProxy(server.url) as proxy:
        terminal = terminal_factory(settings_for(proxy.url), configure_logs=True)
        yield terminal, proxy
    root = logging.getLogger()
    for handler in list(root.handlers):  # the log file belongs to this test only
        if getattr(handler, "_pos_terminal", False):
            root.removeHandler(handler)
            handler.close()


def test_a_card_number_typed_anywhere_is_stored_logged_and_sent_masked(logged_terminal, client, server):
    terminal, proxy = logged_terminal
    ctx = terminal.refund_context()

    # the item-code field: refused with its own reason; the platform is never asked for IC<PAN>
    for typed in (PAN, GROUPED):
        with pytest.raises(RefundRefused) as e:
            refunds.look_up(ctx, typed)
        assert e.value.reason == "card_number"
    assert not [r for r in proxy.plan.log if "4111" in r[1]], proxy.plan.log

    # refund reason "other: ..." as stored in the case and as sent to the platform
    view = new_order(client, buyer="b-wang", qty=1)  # reputation 90: approved at once
    pay_cash(terminal, spec_of(view))
    OutboxWorker(terminal.uow, terminal.platform, terminal.clock).drain_once()
    cashier = open_shift(terminal)
    code = view["lines"][0]["item_codes"][0]
    info = refunds.look_up(ctx, code)
    case = refunds.take_in(ctx, [info], f"other: buyer says it was paid with card {GROUPED}", [_photo()],
                           cashier_id=cashier.user_id)
    assert case.reason == "other: buyer says it was paid with card [card ****1111]"
    case = refunds.submit(ctx, case.case_id)
    assert case.status is RefundStatus.APPROVED
    sent = client.get_refund(case.platform_id)
    assert sent["reason"] == "other: buyer says it was paid with card [card ****1111]"

    # the reprint reason of the refund receipt
    done = refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id, cashier_name="Zhang")
    assert done.printed
    refunds.reprint_receipt(ctx, case.case_id, user=cashier, reason=f"buyer wants it for card {PAN}")

    # pay-in, pay-out, no-sale reasons and the shift-close note
    day = terminal.day_context()
    manager = App.of(terminal).users.sign_in("8001", "8642")
    moved = cash.pay_in(day, user=cashier, amount_minor=10_000, reason=f"change; card {DASHED}")
    assert moved.reason == "change; card [card ****4444]"
    cash.pay_out(day, user=manager, amount_minor=500, reason=f"supplier, paid to {GROUPED}", approved_by=manager)
    cash.no_sale(day, user=cashier, reason=PAN)
    expected = cash.preview_close(day, {}).expected_cash_minor
    closed = cash.close_shift(day, user=cashier, counts={10_000: expected // 10_000 + 1}, manager=manager,
                              note=f"over: someone left card {PAN} in the drawer")
    assert closed.close_note == "over: someone left card [card ****1111] in the drawer"
    reasons = {m.kind: m.reason for m in cash.movements(day, closed.shift_id)}
    assert reasons["pay_in"] == "change; card [card ****4444]"
    assert reasons["pay_out"] == "supplier, paid to [card ****1111]" and reasons["no_sale"] == "[card ****1111]"

    # nowhere whole: the terminal's database (cases, movements, shifts, audit trail), its log file,
    # the platform's database, and the request lines that went out
    _assert_no_card_number(_dump(terminal.paths.database), "the terminal's database")
    log_text = terminal.log_file.read_text(encoding="utf-8")
    assert "refund intake stored" in log_text  # the log did record these steps
    _assert_no_card_number(log_text, "the log file")
    _assert_no_card_number(_dump(Path(server.db_url.removeprefix("sqlite:///"))), "the platform's database")
    _assert_no_card_number(repr(proxy.plan.log), "the requests sent")
    dump = _dump(terminal.paths.database)
    assert "[card ****1111]" in dump and "[card ****4444]" in dump


def test_a_managers_reconciliation_note_is_stored_masked(terminal_factory, server):
    """The note a manager writes to accept a day with differences (the reconcile screen's dialog)."""
    from dataclasses import replace

    from tests.integration.test_reconcile import Day, audit_rows
    from tests.platform_helpers import client_for

    api = client_for(server.url)
    try:
        day = Day(terminal_factory, server)
        day.sell(api, 1)
        unknown = replace(spec_of(new_order(api)), order_no="PO999999999999")  # the platform has no such order
        pay_cash(day.t, unknown)
        day.drain()
        day.close()
        assert day.reconcile().needs_manager
    finally:
        api.close()
    done = day.mark(manager=day.manager, note=f"buyer paid by card {GROUPED} at another store")
    assert done.note == "buyer paid by card [card ****1111] at another store"
    assert day.row().reconcile_note == done.note
    [entry] = audit_rows(day)
    assert entry.details["note"] == done.note
    _assert_no_card_number(_dump(day.t.paths.database), "the terminal's database")
