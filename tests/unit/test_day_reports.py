"""The X and Z reports (services.reports) and the shifts' cash (services.cash) against the complete
fake unit of work: a whole day of sales, voids, cash movements and refunds, every figure checked.
tests/integration/test_reports.py runs the same kind of day on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pos_terminal.domain.model import PayoutRoute
from pos_terminal.services import audit, cash, reports
from pos_terminal.services.cash import CashRefused
from pos_terminal.services.report_model import HourTotal, TenderTotal
from pos_terminal.services.reports import ReportRefused
from tests.unit.day_helpers import DAY, Day, card_t, cash_t, local, prepaid_t


def a_day() -> Day:
    d = Day()
    c = d.cashier
    d.at(9, 0)
    cash.open_shift(d.ctx, user=c, counts={10000: 2})
    d.at(9, 5)
    _, a_spec = d.sale(1250, 2, cash_t(2500, 5000))  # receipt 1; 25.00 change
    d.at(9, 30)
    _, b_spec = d.sale(1500, 2, card_t(3000))  # 2
    d.at(10, 10)
    d.sale(1250, 2, prepaid_t(1000), cash_t(1500, 2000))  # 3: mixed
    d.at(10, 40)
    d.sale(1250, 1, cash_t(1250), offline=True)  # 4
    d.at(11, 0)
    cash.cash_drop(d.ctx, user=c, amount_minor=10_000, reason="to the safe")
    d.at(11, 5)
    cash.pay_out(d.ctx, user=c, amount_minor=500, reason="milk supplier")
    d.at(11, 10)
    cash.no_sale(d.ctx, user=c, reason="change for the parking meter")
    d.at(11, 20)
    assert d.refund(a_spec, PayoutRoute.CASH).receipt.receipt_no == 5
    d.at(11, 30)
    assert d.refund(b_spec, PayoutRoute.BANK_CARD).receipt.receipt_no == 6
    d.at(12, 0)
    first = cash.close_shift(d.ctx, user=c, counts={10000: 1, 2000: 1, 1000: 1, 100: 2})
    assert (first.expected_cash_minor, first.counted_cash_minor, first.over_short_minor) == (13_500, 13_200, -300)
    d.sent()
    d.at(14, 0)
    cash.open_shift(d.ctx, user=c, counts={5000: 2})
    d.at(14, 10)
    d.sale(800, 1, cash_t(800))  # 7
    d.at(15, 20)
    d.sale(1500, 3, card_t(4500))  # 8
    d.at(15, 40)
    g, _ = d.sale(600, 1, cash_t(600))  # 9, voided at once
    d.void(g.sale_id)
    d.at(16, 0)
    cash.pay_in(d.ctx, user=c, amount_minor=2000, reason="coins from the safe")
    return d


def test_the_x_report_of_a_day_with_a_shift_open():
    d = a_day()
    d.at(16, 30)
    x = reports.x_report(d.ctx, user=d.cashier)
    assert (x.kind, x.z_no, x.generated_by, x.business_date) == ("X", None, "1001", DAY)
    assert (x.sales_count, x.sales_minor, x.voids_count, x.voids_minor) == (6, 14_550, 1, 600)
    assert x.voids_by_tender == (TenderTotal("cash", 1, 600),)
    assert x.counted_cash_minor is None and x.over_short_minor is None  # shift 2 is open
    assert x.shifts[1].closed_at is None and x.shifts[1].expected_cash_minor == 10_000 + 800 + 2000
    assert x.sync.pending == 3 and x.sync.oldest_pending_at == local(14, 10)
    assert [code for code, _ in x.warnings()] == ["shift_open", "unsent"]
    with pytest.raises(ReportRefused) as exc:
        reports.z_report(d.ctx, user=d.manager)
    assert exc.value.reason == "shift_open"


def test_the_z_report_closes_the_day_with_every_figure():
    d = a_day()
    c, m = d.cashier, d.manager
    d.at(17, 0)
    with pytest.raises(CashRefused) as refused:
        cash.close_shift(d.ctx, user=c, counts={10000: 1, 2000: 2, 100: 3})  # 143.00 against 128.00
    assert refused.value.reason == "needs_manager"
    second = cash.close_shift(d.ctx, user=c, counts={10000: 1, 2000: 2, 100: 3}, manager=m,
                              note="a pay-in counted twice")
    assert (second.expected_cash_minor, second.over_short_minor, second.close_approved_by) == (12_800, 1500, "8001")
    d.sent()
    d.at(17, 30)
    with pytest.raises(ReportRefused) as exc:
        reports.z_report(d.ctx, user=c)
    assert exc.value.reason == "not_allowed"
    z = reports.z_report(d.ctx, user=m)
    assert (z.kind, z.z_no, z.generated_by, z.generated_at) == ("Z", 1, "8001", local(17, 30))
    assert (z.sales_count, z.sales_minor, z.offline_sales_count) == (6, 14_550, 1)
    assert z.sales_by_tender == (TenderTotal("cash", 4, 6050), TenderTotal("prepaid_card", 1, 1000),
                                 TenderTotal("bank_card", 2, 7500))
    assert (z.refunds_count, z.refunds_minor) == (2, 2750)
    assert z.refunds_by_route == (TenderTotal("cash", 1, 1250), TenderTotal("bank_card", 1, 1500))
    assert (z.voids_count, z.voids_minor) == (1, 600)
    assert (z.drops_minor, z.pay_outs_minor, z.pay_ins_minor, z.no_sale_count) == (10_000, 500, 2000, 1)
    assert z.opening_float_minor == 30_000
    assert z.expected_cash_minor == 13_500 + 12_800
    assert (z.counted_cash_minor, z.over_short_minor) == (13_200 + 14_300, -300 + 1500)
    assert (z.first_receipt_no, z.last_receipt_no) == (1, 9)
    assert [(s.cash_sales_minor, s.cash_refunds_minor, s.drops_minor, s.pay_outs_minor, s.pay_ins_minor,
             s.no_sale_count) for s in z.shifts] == [(5250, 1250, 10_000, 500, 0, 1), (800, 0, 0, 0, 2000, 0)]
    assert z.by_hour == (HourTotal(9, "cash", 1, 2500), HourTotal(9, "bank_card", 1, 3000),
                         HourTotal(10, "cash", 2, 2750), HourTotal(10, "prepaid_card", 1, 1000),
                         HourTotal(14, "cash", 1, 800), HourTotal(15, "bank_card", 1, 4500))
    assert (z.sync.pending, z.sync.needing_attention, z.sync.oldest_pending_at) == (0, 0, None)
    close_entry = audit.entries(d.uow, "T01")[0]
    assert close_entry.action == "day_close" and close_entry.details["z_no"] == 1
    assert z.audit_anchor == close_entry.hash

    # kept as it was; the day stays closed; the next day gets the next number
    with pytest.raises(ReportRefused) as exc:
        reports.z_report(d.ctx, user=m, business_date=DAY.isoformat())
    assert exc.value.reason == "already_closed" and exc.value.report == z
    assert reports.stored_z(d.ctx, DAY) == z
    assert [(c.business_date, c.z_no, c.status) for c in reports.closed_days(d.ctx)] == [(DAY, 1, "closed")]
    # after the Z the counter goes on: a shift opened now counts to the next business day, with its sales
    nxt = DAY + timedelta(days=1)
    d.at(17, 40)
    assert cash.business_day_now(d.ctx).date == nxt and reports.today(d.ctx) == nxt
    cash.open_shift(d.ctx, user=c, opening_float_minor=0)
    d.sale(300, 1, cash_t(300))  # 17:40 on DAY's calendar date
    assert reports.x_report(d.ctx, user=m, business_date=DAY).sales_count == 6  # the closed day ends at its Z
    assert reports.x_report(d.ctx, user=m).business_date == nxt
    d.at(9, 0, nxt)
    d.sale(700, 1, cash_t(700))
    cash.close_shift(d.ctx, user=m, counts={500: 2})
    z2 = reports.z_report(d.ctx, user=m)
    assert (z2.business_date, z2.z_no, z2.sales_count, z2.first_receipt_no, z2.last_receipt_no) == (nxt, 2, 2, 10, 11)
    assert [s.opening_float_minor for s in z2.shifts] == [0] and z2.expected_cash_minor == 1000
    assert audit.verify(d.uow, "T01", anchors=reports.audit_anchors(d.uow, "T01")).ok


def test_the_business_day_follows_the_store_time_zone():
    """23:59 and 00:01 in Shanghai are one UTC date but two business days."""
    d = Day()
    nxt = DAY + timedelta(days=1)
    d.at(23, 50)
    cash.open_shift(d.ctx, user=d.cashier, opening_float_minor=1000)
    d.at(23, 59)
    d.sale(300, 1, cash_t(300))
    d.at(0, 1, nxt)
    d.sale(500, 1, cash_t(500))
    late = reports.x_report(d.ctx, user="cli", business_date=DAY)
    early = reports.x_report(d.ctx, user="cli")
    assert (late.business_date, late.sales_minor) == (DAY, 300)
    assert (early.business_date, early.sales_minor) == (nxt, 500)
