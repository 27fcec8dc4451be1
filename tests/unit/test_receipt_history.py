"""The receipt history (services.receipt_history) against the fakes: search by number, order,
item code, amount and time; any past receipt printed again as a copy with a reason (audited),
the original while it never printed; a scanned code is never a reason."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pos_terminal.domain.model import Role
from pos_terminal.services import audit, receipt_history, users
from pos_terminal.services.receipt_history import HistoryRefused, ReceiptQuery
from tests.checkout_fakes import FakePrinter
from tests.conftest import FAST_HASHER
from tests.fakes import FakeClock, fake_uow_factory
from tests.receipt_history_cases import sell_three
from tests.sale_helpers import checkout_context, open_shift
from pos_terminal.services.day_context import DayContext


@pytest.fixture
def world():
    uow = fake_uow_factory()
    clock = FakeClock()
    cashier = users.add_user(uow(), FAST_HASHER, clock, username="1001", display_name="Li", role=Role.CASHIER,
                             pin="1357")
    open_shift(DayContext(uow, clock, "T01", "S1"), cashier)
    printer = FakePrinter()
    start = clock.now()

    def ctx_for(p=printer):
        return checkout_context(uow, clock, cashier, printer=p, render_receipt=lambda info: info)

    sell_three(ctx_for, clock, printer)
    return uow, clock, ctx_for, printer, start


def _numbers(found):
    return [f.receipt_no for f in found]


def test_search_by_number_order_item_amount_and_time(world):
    uow, clock, _, _, start = world
    find = lambda **kw: _numbers(receipt_history.search(uow, "T01", ReceiptQuery(**kw)))  # noqa: E731
    assert find() == [3, 2, 1]
    assert find(text=" 2 ") == [2]
    assert find(text="PO000000000103") == [3]
    assert find(text="IC0000000001020002") == [2]
    assert find(amount_minor=1250) == [3, 1]
    assert find(start=start, end=start + timedelta(days=1)) == [1]
    assert find(amount_minor=1250, start=start + timedelta(hours=1), end=start + timedelta(days=5)) == [3]
    # a number names its receipt at any date: the range is not applied to it
    assert find(text="1", start=start + timedelta(days=2), end=start + timedelta(days=3)) == [1]
    assert find(text="99") == []
    [row] = receipt_history.search(uow, "T01", ReceiptQuery(text="2"))
    assert (row.order_no, row.amount_minor, row.print_state, row.cashier) == ("PO000000000102", 3000, "printed", "Li")


def test_a_search_that_means_nothing_says_which_field(world):
    uow, _, _, _, start = world
    for query, field in ((ReceiptQuery(text="tea"), "text"), (ReceiptQuery(amount_minor=0), "amount"),
                         (ReceiptQuery(start=start, end=start), "range")):
        with pytest.raises(HistoryRefused) as e:
            receipt_history.search(uow, "T01", query)
        assert e.value.reason == "bad_search" and e.value.params["field"] == field
    with pytest.raises(HistoryRefused) as e:
        receipt_history.parse_amount("12.345", "CNY")
    assert e.value.params["field"] == "amount"
    assert receipt_history.parse_amount(" 12.5 ", "CNY") == 1250 and receipt_history.parse_amount("", "CNY") is None


def test_any_past_receipt_prints_again_as_a_copy_with_the_reason_audited(world):
    uow, _, ctx_for, printer, _ = world
    printed_before = len(printer.printed)
    stored, document = receipt_history.print_again(ctx_for(), 1, "other", "  buyer's  accountant ")
    assert stored.info.receipt_no == 1 and stored.info.order_no == "PO000000000101"
    assert document is printer.printed[-1] and document.copy and len(printer.printed) == printed_before + 1
    [entry] = [r for r in uow().committed_store.audit if r["action"] == audit.REPRINT]
    assert entry["subject"] == "sale receipt 1" and entry["username"] == "1001"
    assert entry["details"]["reason"] == "other: buyer's accountant"
    assert receipt_history.search(uow, "T01", ReceiptQuery(text="1"))[0].copies_printed == 2


def test_a_receipt_that_never_printed_prints_as_the_original(world):
    uow, _, ctx_for, printer, _ = world
    stored, document = receipt_history.print_again(ctx_for(), 3, "buyer_asked")
    assert not document.copy and not stored.info.copy
    assert not [r for r in uow().committed_store.audit if r["action"] == audit.REPRINT]
    assert receipt_history.search(uow, "T01", ReceiptQuery(text="3"))[0].print_state == "printed"


def test_no_reason_a_scanned_reason_or_an_unknown_receipt_prints_nothing(world):
    uow, _, ctx_for, printer, _ = world
    before = len(printer.printed)
    for reason, note in (("", ""), ("other", " "), ("buyer_asked", "PO000000000102"),
                         ("other", "IC0000000001020002"), ("other", "8800000000000001")):
        with pytest.raises(HistoryRefused) as e:
            receipt_history.print_again(ctx_for(), 1, reason, note)
        assert e.value.reason == "no_reason"
    with pytest.raises(HistoryRefused) as e:
        receipt_history.print_again(ctx_for(), 42, "buyer_asked")
    assert e.value.reason == "unknown_receipt"
    assert len(printer.printed) == before


def test_a_printer_fault_is_refused_and_the_copy_is_not_counted(world):
    uow, _, ctx_for, _, _ = world
    with pytest.raises(HistoryRefused) as e:
        receipt_history.print_again(ctx_for(FakePrinter(fault="cover open")), 2, "damaged")
    assert e.value.reason == "print_failed" and e.value.params["original"] is False
    assert receipt_history.search(uow, "T01", ReceiptQuery(text="2"))[0].copies_printed == 1
