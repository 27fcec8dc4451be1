"""The receipt history's query on SQLite (storage/receipt_search.py) answers as the fake does,
and the facade prints a past receipt again as an audited copy."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pos_terminal.app.facades import App
from pos_terminal.services import audit, receipt_history
from pos_terminal.services.receipt_history import HistoryRefused, ReceiptQuery
from tests.checkout_fakes import FakePrinter
from tests.fakes import FakeClock
from tests.receipt_history_cases import sell_three
from tests.sale_helpers import ensure_shift, terminal_checkout


@pytest.fixture
def sold(terminal_factory):
    clock = FakeClock()
    terminal = terminal_factory(clock=clock)
    app = App.of(terminal)
    cashier = app.users.sign_in("1001", "1357")
    ensure_shift(terminal, cashier)
    start = clock.now()
    sell_three(lambda p: terminal_checkout(terminal, cashier, printer=p, render_receipt=lambda info: info), clock,
               FakePrinter())
    return terminal, app, cashier, start


def test_search_on_sqlite(sold):
    terminal, app, cashier, start = sold
    find = lambda **kw: [f.receipt_no for f in app.receipt_history.search(ReceiptQuery(**kw))]  # noqa: E731
    assert find() == [3, 2, 1]
    assert find(text="2") == [2]
    assert find(text="PO000000000103") == [3]
    assert find(text="IC0000000001020002") == [2]
    assert find(amount_minor=1250) == [3, 1]
    assert find(start=start, end=start + timedelta(days=1)) == [1]
    assert find(amount_minor=1250, start=start + timedelta(hours=1), end=start + timedelta(days=5)) == [3]
    [row] = app.receipt_history.search(ReceiptQuery(text="2"))
    assert (row.order_no, row.amount_minor, row.currency, row.sale_status, row.print_state, row.copies_printed,
            row.cashier) == ("PO000000000102", 3000, "CNY", "paid", "printed", 1, cashier.display_name)
    assert row.created_at.tzinfo is not None and row.created_at == start + timedelta(days=1)
    with pytest.raises(HistoryRefused):
        app.receipt_history.query("", "abc", None, None)
    query = app.receipt_history.query("", "12.50", start.date(), start.date())
    assert [f.receipt_no for f in app.receipt_history.search(query)] == [1]


def test_the_facade_opens_and_prints_a_copy(sold, monkeypatch):
    terminal, app, cashier, _ = sold
    printer = FakePrinter()
    monkeypatch.setattr(terminal.devices, "printer", printer)
    shown = app.receipt_history.open(cashier, 2)
    assert shown.prints_as_copy and shown.preview is not None and shown.preview.width > 0
    again = app.receipt_history.print_again(cashier, 2, "damaged")
    assert len(printer.printed) == 1 and again.stored.copies_printed == 2
    rows = audit.entries(terminal.uow, terminal.settings.terminal.terminal_id)
    reprint = next(r for r in rows if r.action == audit.REPRINT)
    assert reprint.username == "1001" and reprint.details["reason"] == receipt_history.REASONS["damaged"]
