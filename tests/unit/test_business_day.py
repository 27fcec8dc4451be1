"""The business day after the Z and the day-change hour (services.day_context, one rule for shifts
and reports), and the opening float: a maximum, a confirmation above the usual amount, and a
manager's correction before the first sale. Complete fake unit of work, FakeClock (issue 15)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from pos_terminal.services import audit, cash, reports
from pos_terminal.services.cash import CashRefused
from tests.unit.day_helpers import DAY, Day, card_t, cash_t, local

NEXT = DAY + timedelta(days=1)


def closed_day() -> Day:
    """DAY with one shift and one sale, closed by the manager's Z at 21:00."""
    d = Day()
    d.at(9, 0)
    cash.open_shift(d.ctx, user=d.cashier, opening_float_minor=10_000)
    d.sale(500, 1, cash_t(500))
    d.at(20, 0)
    cash.close_shift(d.ctx, user=d.cashier, counts={10000: 1, 500: 1})
    d.at(21, 0)
    reports.z_report(d.ctx, user=d.manager)
    return d


def test_after_the_z_a_shift_opens_on_the_next_business_day_and_sells_into_it():
    d = closed_day()
    d.at(21, 30)
    day = cash.business_day_now(d.ctx)
    assert (day.date, day.closed_day, day.closed_z_no, day.next_closed) == (NEXT, DAY, 1, False)
    cash.open_shift(d.ctx, user=d.cashier, opening_float_minor=5000)
    with d.uow() as uow:
        shift = uow.shifts.open_for_terminal("T01")
        assert shift.business_date == NEXT
    opened = audit.entries(d.uow, "T01")[0]
    assert opened.action == "shift_open"
    assert (opened.details["business_date"], opened.details["after_day_close"]) == (NEXT.isoformat(), DAY.isoformat())
    d.at(22, 0)
    d.sale(800, 1, card_t(800))  # still DAY on the calendar
    assert reports.x_report(d.ctx, user=d.manager, business_date=DAY).sales_count == 1  # unchanged by it
    x = reports.x_report(d.ctx, user=d.manager)
    assert (x.business_date, x.sales_count, x.sales_minor, x.opening_float_minor) == (NEXT, 1, 800, 5000)
    # the next day's Z wants the shift closed, then takes the evening's sale
    with pytest.raises(reports.ReportRefused) as refused:
        reports.z_report(d.ctx, user=d.manager, business_date=NEXT)
    assert refused.value.reason == "shift_open"


def test_when_the_next_day_is_closed_too_no_shift_opens_and_says_when():
    d = closed_day()
    d.at(21, 10)
    cash.open_shift(d.ctx, user=d.manager, opening_float_minor=0)
    cash.close_shift(d.ctx, user=d.manager, counts={})
    z2 = reports.z_report(d.ctx, user=d.manager, business_date=NEXT)  # closed early, on purpose
    assert (z2.business_date, z2.z_no) == (NEXT, 2)
    d.at(21, 20)
    with pytest.raises(CashRefused) as refused:
        cash.open_shift(d.ctx, user=d.cashier, opening_float_minor=0)
    assert refused.value.reason == "day_closed"
    assert refused.value.params["next_day"] == NEXT.isoformat()
    assert refused.value.params["opens_at"] == local(0, 0, NEXT + timedelta(days=1)).isoformat()
    d.at(0, 5, NEXT + timedelta(days=1))
    assert cash.open_shift(d.ctx, user=d.cashier, opening_float_minor=0).opening_float_minor == 0


def test_the_day_change_hour_moves_the_business_date_of_shifts_and_sales():
    d = Day()
    d.ctx = replace(d.ctx, day_change_hour=4)
    d.at(2, 30, NEXT)  # 02:30 the next calendar morning still counts to DAY
    assert cash.business_day_now(d.ctx).date == DAY
    cash.open_shift(d.ctx, user=d.cashier, opening_float_minor=0)
    d.sale(900, 1, cash_t(900))
    x = reports.x_report(d.ctx, user=d.manager, business_date=DAY)
    assert (x.sales_count, x.sales_minor) == (1, 900)
    d.at(4, 30, NEXT)
    assert cash.business_day_now(d.ctx).date == NEXT
    d.sale(100, 1, cash_t(100))
    assert reports.x_report(d.ctx, user=d.manager).sales_count == 1  # NEXT from 04:00
    assert reports.x_report(d.ctx, user=d.manager, business_date=DAY).sales_count == 1


def test_the_opening_float_has_a_maximum_and_an_unusual_amount_is_confirmed():
    d = Day()
    d.ctx = replace(d.ctx, max_float_minor=1_000_000, usual_float_minor=200_000)
    d.at(9, 0)
    with pytest.raises(CashRefused) as refused:
        cash.open_shift(d.ctx, user=d.cashier, opening_float_minor=99_999_999_999_900)
    assert refused.value.reason == "float_too_large" and refused.value.params["max_minor"] == 1_000_000
    with pytest.raises(CashRefused) as refused:  # confirming does not lift the maximum
        cash.open_shift(d.ctx, user=d.cashier, opening_float_minor=1_000_001, confirmed=True)
    assert refused.value.reason == "float_too_large"
    with pytest.raises(CashRefused) as refused:
        cash.open_shift(d.ctx, user=d.cashier, counts={10000: 30})
    assert refused.value.reason == "float_unusual" and refused.value.params["usual_minor"] == 200_000
    assert cash.current_shift(d.ctx) is None
    opened = cash.open_shift(d.ctx, user=d.cashier, counts={10000: 30}, confirmed=True)
    assert opened.opening_float_minor == 300_000


def test_a_manager_corrects_a_mistyped_float_before_the_first_sale_only():
    d = Day()
    d.at(9, 0)
    cash.open_shift(d.ctx, user=d.cashier, opening_float_minor=50_000, confirmed=True)
    with pytest.raises(CashRefused) as refused:
        cash.correct_float(d.ctx, user=d.cashier, manager=None, opening_float_minor=5000)
    assert refused.value.reason == "needs_manager"
    with pytest.raises(CashRefused) as refused:
        cash.correct_float(d.ctx, user=d.cashier, manager=d.cashier, opening_float_minor=5000)
    assert refused.value.reason == "not_a_manager"
    d.at(9, 5)
    fixed = cash.correct_float(d.ctx, user=d.cashier, manager=d.manager, counts={1000: 5})
    assert (fixed.opening_float_minor, fixed.expected_cash_minor) == (5000, 5000)
    entry = audit.entries(d.uow, "T01")[0]
    assert entry.action == "float_corrected"
    assert (entry.details["old_minor"], entry.details["new_minor"], entry.details["approved_by"]) == (50_000, 5000, "8001")
    d.at(9, 10)
    d.sale(700, 1, card_t(700))
    with pytest.raises(CashRefused) as refused:
        cash.correct_float(d.ctx, user=d.cashier, manager=d.manager, opening_float_minor=6000)
    assert refused.value.reason == "float_after_sale"
    assert cash.current_shift(d.ctx).opening_float_minor == 5000


def test_a_sale_goes_only_into_the_shift_its_cashier_holds_or_took_over():
    from pos_terminal.domain.errors import ShiftOfAnother
    from pos_terminal.services import sales, shifts

    d = Day()
    d.at(9, 0)
    cash.open_shift(d.ctx, user=d.cashier, opening_float_minor=0)
    spec = sales.OrderSpec("PO-M1", "m-tea", "好物商城", "CNY", (sales.LineSpec(1, "TEA", "乌龙茶", 500, 1, ("PO-M1-0",)),))
    as_manager = sales.RecordSale("T01", "demo-store", d.manager.user_id, spec, (cash_t(500),))
    with pytest.raises(ShiftOfAnother) as refused:
        sales.record_sale(as_manager, d.uow(), d.clock)
    assert refused.value.params["holder"] == "1001"
    assert reports.x_report(d.ctx, user=d.manager).sales_count == 0  # nothing went into the cashier's shift
    d.at(9, 5)
    taken = cash.take_over_shift(d.ctx, user=d.manager)
    assert taken.opened_by == "1001"  # the shift keeps who opened it
    info = shifts.current_shift(d.uow(), terminal_id="T01")
    assert (info.holder, info.holder_name) == (d.manager.user_id, "8001")
    entry = audit.entries(d.uow, "T01")[0]
    assert entry.action == "shift_take_over" and (entry.details["from_user"], entry.details["to_user"]) == ("1001", "8001")
    assert sales.record_sale(as_manager, d.uow(), d.clock).receipt_no == 1
    with pytest.raises(ShiftOfAnother):  # now the cashier's sale needs a take-over back
        d.sale(300, 1, cash_t(300))
    with pytest.raises(CashRefused) as again:
        cash.take_over_shift(d.ctx, user=d.manager)
    assert again.value.reason == "held_already"


def test_a_z_repeated_without_a_date_shows_the_stored_one_and_never_closes_the_next_day():
    d = closed_day()
    d.at(21, 5)
    with pytest.raises(reports.ReportRefused) as again:
        reports.z_report(d.ctx, user=d.manager)
    assert again.value.reason == "already_closed" and again.value.report.business_date == DAY
    assert [c.business_date for c in reports.closed_days(d.ctx)] == [DAY]
