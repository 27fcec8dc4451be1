"""The X and Z reports (pos_terminal.services.reports) on SQLite and PostgreSQL: a whole business day
through the real services (sales with mixed tenders, an offline sale, a cash and a card refund, a
void, drops, a pay-out, a pay-in, a no-sale, two shifts closed short and over, the manager above
the limit), settlements sent to the sandbox platform on loopback, then every figure of the X and
the Z checked against the sales that made it; the Z twice; the day's edges in Asia/Shanghai; the
JSON and CSV forms."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta, timezone

import pytest

from pos_terminal.clock import SystemClock
from pos_terminal.domain.model import PayoutRoute, RefundCase, Role, TenderKind
from pos_terminal.money import Money
from pos_terminal.services import audit, cash, refunds, reports, sales, users
from pos_terminal.services.cash import CashRefused
from pos_terminal.services.day_context import DayContext
from pos_terminal.services.report_model import HourTotal, TenderTotal
from pos_terminal.services.reports import ReportRefused
from pos_terminal.storage.files import FilePhotoStore
from sync.outbox_worker import OutboxWorker
from tests.checkout_fakes import FakeCardTerminal
from tests.conftest import FAST_HASHER
from tests.fakes import FakeClock, FakeDrawer
from tests.platform_helpers import new_order, spec_of

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)

TZ_OFFSET = timedelta(hours=8)  # Asia/Shanghai has no daylight saving
# Yesterday in Shanghai on the system clock, which the sandbox of the `client` fixture runs on: a
# past day whose settlements reach the platform late, on whatever date (and clock) the suite runs.
DAY = (SystemClock().now() + TZ_OFFSET).date() - timedelta(days=1)


def local(hh: int, mm: int, day: date = DAY) -> datetime:
    """An aware UTC instant given as Shanghai wall-clock time."""
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=timezone.utc) - TZ_OFFSET


class Day:
    def __init__(self, uow_factory, tmp_path, client=None):
        self.uow = uow_factory
        self.clock = FakeClock(local(8, 0))
        self.client = client
        self.drawer = FakeDrawer()
        self.ctx = DayContext(uow_factory, self.clock, "T01", "demo-store", store_name="好物便利店 Good Shop",
                              timezone="Asia/Shanghai", drawer=self.drawer, over_short_limit_minor=1000)
        self.card = FakeCardTerminal()
        self.refund_ctx = refunds.RefundContext(uow_factory, self.clock, "T01", "demo-store",
                                                FilePhotoStore(tmp_path / "photos"),
                                                timezone="Asia/Shanghai", drawer=self.drawer, card_terminal=self.card)
        self.cashier = users.add_user(uow_factory(), FAST_HASHER, self.clock, username="1001", display_name="张伟",
                                      role=Role.CASHIER, pin="1357")
        self.manager = users.add_user(uow_factory(), FAST_HASHER, self.clock, username="8001", display_name="王芳",
                                      role=Role.MANAGER, pin="8642")
        self.n = 0

    def at(self, hh: int, mm: int, day: date = DAY) -> None:
        self.clock.current = local(hh, mm, day)

    def sale(self, price: int, qty: int, *tenders, offline: bool = False) -> tuple[sales.SaleRecorded, sales.OrderSpec]:
        """An order made on the sandbox (or locally without one), paid here through the sales service."""
        if self.client is not None:
            spec = spec_of(new_order(self.client, price=price, qty=qty))
        else:
            self.n += 1
            no = f"PO{self.n:06d}"
            spec = sales.OrderSpec(no, "m-tea", "好物商城", "CNY", (sales.LineSpec(
                1, "TEA", "乌龙茶", price, qty, tuple(f"{no}-{i}" for i in range(qty))),))
        assert spec.total.minor == sum(t.amount_minor for t in tenders)
        cmd = sales.RecordSale("T01", "demo-store", self.cashier.user_id, spec, tuple(tenders), offline=offline)
        return sales.record_sale(cmd, self.uow(), self.clock), spec

    def refund(self, spec: sales.OrderSpec, route: PayoutRoute) -> refunds.PayoutDone:
        """One unit of a paid order back, approved by the platform, paid out through the refund service."""
        line = spec.lines[0]
        with self.uow() as uow:
            case = RefundCase(spec.order_no, [line.item_codes[0]], "defective", Money(line.unit_price_minor),
                              requested_by=self.cashier.user_id, terminal_id="T01", created_at=self.clock.now(),
                              payout_route=route)
            case.submit(f"RC-{spec.order_no}")
            case.decide(True, self.clock.now(), decided_by="policy")
            uow.refunds.add(case)
            uow.commit()
            case_id = case.id
        return refunds.pay_out(self.refund_ctx, case_id, cashier_id=self.cashier.user_id, cashier_name="1001")

    def void(self, sale_id) -> None:
        with self.uow() as uow:
            uow.sales.get(sale_id).void(uow.users.get(self.manager.user_id), "rang up twice")
            uow.commit()

    def drain(self) -> None:
        result = OutboxWorker(self.uow, self.client, self.clock).drain_once(force=True)
        assert result.complete, result


def cash_t(amount: int, handed: int | None = None) -> sales.TenderSpec:
    return sales.TenderSpec(TenderKind.CASH, amount, handed)


def card_t(amount: int) -> sales.TenderSpec:
    return sales.TenderSpec(TenderKind.BANK_CARD, amount, reference=f"CARD-{amount}", approval_code="A1", card_last4="4242")


def prepaid_t(amount: int) -> sales.TenderSpec:
    return sales.TenderSpec(TenderKind.PREPAID_CARD, amount, reference=f"PP-{amount}", card_last4="0001")


def test_a_whole_day_figure_by_figure(uow_factory, tmp_path, client):
    d = Day(uow_factory, tmp_path, client)
    c, m = d.cashier, d.manager

    # -- shift 1: 09:00-12:00 -----------------------------------------------------------------
    d.at(9, 0)
    cash.open_shift(d.ctx, user=c, counts={10000: 2})
    d.at(9, 5)
    a, a_spec = d.sale(1250, 2, cash_t(2500, 5000))  # receipt 1; 25.00 change
    d.at(9, 30)
    b, b_spec = d.sale(1500, 2, card_t(3000))  # 2
    d.at(10, 10)
    d.sale(1250, 2, prepaid_t(1000), cash_t(1500, 2000))  # 3: mixed
    d.at(10, 40)
    d.sale(1250, 1, cash_t(1250), offline=True)  # 4: taken while the platform was away
    d.at(11, 0)
    cash.cash_drop(d.ctx, user=c, amount_minor=10_000, reason="to the safe")
    d.at(11, 5)
    cash.pay_out(d.ctx, user=c, amount_minor=500, reason="milk supplier")
    d.at(11, 10)
    cash.no_sale(d.ctx, user=c, reason="change for the parking meter")
    d.at(11, 20)
    assert d.refund(a_spec, PayoutRoute.CASH).receipt.receipt_no == 5  # 12.50 out of the drawer
    d.at(11, 30)
    assert d.refund(b_spec, PayoutRoute.BANK_CARD).receipt.receipt_no == 6  # 15.00 back to the card
    assert d.card.refunds and d.card.refunds[0][0] == 1500
    d.at(12, 0)
    first = cash.close_shift(d.ctx, user=c, counts={10000: 1, 2000: 1, 1000: 1, 100: 2})  # 132.00
    assert (first.expected_cash_minor, first.counted_cash_minor, first.over_short_minor) == (13_500, 13_200, -300)
    d.at(12, 30)
    d.drain()  # the platform is back: the morning's settlements go

    # -- shift 2: 14:00-17:00 -----------------------------------------------------------------
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

    d.at(16, 30)
    x = reports.x_report(d.ctx, user=c)
    assert (x.kind, x.z_no, x.generated_by, x.business_date) == ("X", None, "1001", DAY)
    assert (x.sales_count, x.sales_minor, x.voids_count, x.voids_minor) == (6, 14_550, 1, 600)
    assert x.voids_by_tender == (TenderTotal("cash", 1, 600),)  # the voided sale's tender
    assert x.counted_cash_minor is None and x.over_short_minor is None  # shift 2 is open
    assert x.shifts[1].closed_at is None and x.shifts[1].expected_cash_minor == 10_000 + 800 + 2000
    assert x.sync.pending == 3 and x.sync.oldest_pending_at == local(14, 10)
    assert [code for code, _ in x.warnings()] == ["shift_open", "unsent"] and x.warnings()[1][1] == 3
    assert x.audit_anchor is None  # an X closes nothing
    with pytest.raises(ReportRefused) as exc:
        reports.z_report(d.ctx, user=m)
    assert exc.value.reason == "shift_open" and "close the shift" in exc.value.message

    d.at(17, 0)
    with pytest.raises(CashRefused) as refused:
        cash.close_shift(d.ctx, user=c, counts={10000: 1, 2000: 2, 100: 3})  # 143.00 against 128.00
    assert refused.value.reason == "needs_manager" and refused.value.params["over_short_minor"] == 1500
    second = cash.close_shift(d.ctx, user=c, counts={10000: 1, 2000: 2, 100: 3}, manager=m,
                              note="a pay-in counted twice")
    assert (second.expected_cash_minor, second.over_short_minor, second.close_approved_by) == (12_800, 1500, "8001")
    d.drain()

    # -- Z ------------------------------------------------------------------------------------
    d.at(17, 30)
    with pytest.raises(ReportRefused) as exc:
        reports.z_report(d.ctx, user=c)
    assert exc.value.reason == "not_allowed"
    z = reports.z_report(d.ctx, user=m)
    assert (z.kind, z.z_no, z.generated_by, z.generated_at) == ("Z", 1, "8001", local(17, 30))
    assert (z.terminal_id, z.store_id, z.store_name, z.timezone, z.currency, z.business_date) == (
        "T01", "demo-store", "好物便利店 Good Shop", "Asia/Shanghai", "CNY", DAY)
    assert (z.sales_count, z.sales_minor) == (6, 2500 + 3000 + 2500 + 1250 + 800 + 4500)
    assert z.sales_by_tender == (TenderTotal("cash", 4, 2500 + 1500 + 1250 + 800), TenderTotal("prepaid_card", 1, 1000),
                                 TenderTotal("bank_card", 2, 3000 + 4500))
    assert z.tender("cash").amount_minor == 6050 and z.tender("online") == TenderTotal("online", 0, 0)
    assert z.offline_sales_count == 1
    assert (z.refunds_count, z.refunds_minor) == (2, 2750)
    assert z.refunds_by_route == (TenderTotal("cash", 1, 1250), TenderTotal("bank_card", 1, 1500))
    assert (z.voids_count, z.voids_minor) == (1, 600)
    assert (z.drops_minor, z.pay_outs_minor, z.pay_ins_minor, z.no_sale_count) == (10_000, 500, 2000, 1)
    assert z.opening_float_minor == 30_000
    assert z.expected_cash_minor == (20_000 + 2500 + 1500 + 1250 - 1250 - 10_000 - 500) + (10_000 + 800 + 2000)
    assert (z.counted_cash_minor, z.over_short_minor) == (13_200 + 14_300, -300 + 1500)
    assert (z.first_receipt_no, z.last_receipt_no) == (1, 9)
    assert [(s.opened_by, s.closed_by, s.opening_float_minor, s.cash_sales_minor, s.cash_refunds_minor,
             s.drops_minor, s.pay_outs_minor, s.pay_ins_minor, s.no_sale_count, s.counted_cash_minor,
             s.over_short_minor, s.close_note, s.close_approved_by) for s in z.shifts] == [
        ("1001", "1001", 20_000, 5250, 1250, 10_000, 500, 0, 1, 13_200, -300, None, None),
        ("1001", "1001", 10_000, 800, 0, 0, 0, 2000, 0, 14_300, 1500, "a pay-in counted twice", "8001")]
    assert z.by_hour == (HourTotal(9, "cash", 1, 2500), HourTotal(9, "bank_card", 1, 3000),
                         HourTotal(10, "cash", 2, 2750), HourTotal(10, "prepaid_card", 1, 1000),
                         HourTotal(14, "cash", 1, 800), HourTotal(15, "bank_card", 1, 4500))
    assert sum(h.amount_minor for h in z.by_hour) == z.sales_minor
    assert (z.sync.pending, z.sync.needing_attention, z.sync.oldest_pending_at) == (0, 0, None)
    close_entry = audit.entries(d.uow, "T01")[0]
    assert close_entry.action == "day_close" and close_entry.username == "8001"
    assert close_entry.details["sales_minor"] == 14_550 and close_entry.details["z_no"] == 1
    assert close_entry.details["tenders"] == {"cash": 6050, "prepaid_card": 1000, "bank_card": 7500}
    assert z.audit_anchor == close_entry.hash and z.warnings() == ()
    assert f"audit anchor {close_entry.hash}" in reports.to_text(z)
    assert [e.action for e in reversed(audit.entries(d.uow, "T01"))].count("shift_close") == 2

    # -- the X changes nothing, the Z is kept as it was, the day stays closed --------------------
    again = reports.x_report(d.ctx, user="cli", business_date=DAY)
    assert (again.sales_minor, again.expected_cash_minor, again.generated_by) == (z.sales_minor, z.expected_cash_minor, "cli")
    with pytest.raises(ReportRefused) as exc:
        d.at(18, 0)
        reports.z_report(d.ctx, user=m, business_date=DAY.isoformat())
    assert exc.value.reason == "already_closed" and exc.value.report == z
    assert reports.stored_z(d.ctx, DAY) == z and reports.stored_z(d.ctx, (DAY - timedelta(days=1)).isoformat()) is None
    assert [(c.business_date, c.z_no, c.status) for c in reports.closed_days(d.ctx)] == [(DAY, 1, "closed")]
    assert [e.action for e in audit.entries(d.uow, "T01")].count("day_close") == 1

    # -- after the Z, a shift opens on the next business day; that day gets the next Z number ----------
    nxt = DAY + timedelta(days=1)
    cash.open_shift(d.ctx, user=c, opening_float_minor=0)  # the evening after the Z: counts to nxt
    d.sale(300, 1, cash_t(300))
    assert reports.x_report(d.ctx, user=m, business_date=DAY).sales_count == z.sales_count
    d.at(9, 0, nxt)
    d.sale(700, 1, cash_t(700))
    cash.close_shift(d.ctx, user=m, counts={500: 2})
    z2 = reports.z_report(d.ctx, user=m)
    assert (z2.business_date, z2.z_no, z2.sales_count, z2.first_receipt_no, z2.last_receipt_no) == (nxt, 2, 2, 10, 11)
    anchors = reports.audit_anchors(d.uow, "T01")  # what `audit verify` checks beside the chain
    assert anchors[0] == close_entry.hash and len(anchors) == 2
    assert audit.verify(d.uow, "T01", anchors=anchors).ok


def test_the_business_day_follows_the_store_time_zone(uow_factory, tmp_path):
    """23:59 and 00:01 in Shanghai are the same UTC date (DAY) but two business days."""
    d = Day(uow_factory, tmp_path)
    nxt = DAY + timedelta(days=1)
    d.at(23, 50)
    cash.open_shift(d.ctx, user=d.cashier, opening_float_minor=1000)
    d.at(23, 59)
    d.sale(300, 1, cash_t(300))
    d.at(0, 1, nxt)
    d.sale(500, 1, cash_t(500))
    assert d.clock.now().date() == DAY  # in UTC still the day before
    late, early = reports.x_report(d.ctx, user="cli", business_date=DAY), reports.x_report(d.ctx, user="cli")
    assert early.business_date == nxt
    assert (late.sales_count, late.sales_minor, late.by_hour) == (1, 300, (HourTotal(23, "cash", 1, 300),))
    assert (early.sales_count, early.sales_minor, early.by_hour) == (1, 500, (HourTotal(0, "cash", 1, 500),))
    # the shift counts to the day it was opened on, its cash is all of its sales
    assert len(late.shifts) == 1 and late.shifts[0].cash_sales_minor == 800 and early.shifts == ()
    with pytest.raises(ReportRefused) as exc:  # the open shift could still sell into the next day
        reports.z_report(d.ctx, user=d.manager)
    assert exc.value.reason == "shift_open"
    with pytest.raises(ReportRefused) as exc:  # and it belongs to DAY
        reports.z_report(d.ctx, user=d.manager, business_date=DAY)
    assert exc.value.reason == "shift_open"
    d.at(0, 5, nxt)
    cash.close_shift(d.ctx, user=d.cashier, counts={1000: 1, 500: 1, 100: 3})
    z = reports.z_report(d.ctx, user=d.manager, business_date=DAY)
    assert (z.sales_minor, z.expected_cash_minor, z.counted_cash_minor, z.over_short_minor) == (300, 1800, 1800, 0)
    with pytest.raises(ReportRefused) as exc:
        reports.x_report(d.ctx, user="cli", business_date=nxt + timedelta(days=1))
    assert exc.value.reason == "future_date"
    with pytest.raises(ReportRefused) as exc:
        reports.x_report(d.ctx, user="cli", business_date=DAY.strftime("%d.%m.%Y"))
    assert exc.value.reason == "bad_date"


def test_json_and_csv(uow_factory, tmp_path):
    d = Day(uow_factory, tmp_path)
    d.at(10, 0)
    cash.open_shift(d.ctx, user=d.cashier, opening_float_minor=5000)
    d.sale(1250, 2, prepaid_t(500), cash_t(2000, 2000))
    d.sale(990, 1, card_t(990))
    cash.cash_drop(d.ctx, user=d.cashier, amount_minor=1000, reason="safe")
    cash.close_shift(d.ctx, user=d.cashier, counts={5000: 1, 1000: 1})
    z = reports.z_report(d.ctx, user=d.manager)

    data = json.loads(json.dumps(reports.report_to_json(z)))  # through real JSON text
    assert data["version"] == 1 and data["business_date"] == DAY.isoformat() and data["z_no"] == 1
    assert reports.report_from_json(data) == z
    assert reports.report_from_json({**data, "added_later": 1}) == z  # newer fields are ignored

    text = reports.to_csv(z)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.encode("utf-8").decode("utf-8-sig"))))
    sections = {}
    current = None
    for row in rows:
        if len(row) == 1:
            current = sections.setdefault(row[0], [])
        elif row:
            current.append(row)
    assert list(sections) == ["Summary", "Tenders", "Refunds", "Voids", "Shifts", "Hours"]
    summary = dict(r for r in sections["Summary"][1:] if r[0] != "note")
    assert summary["store_name"] == "好物便利店 Good Shop" and summary["sales"] == "34.90"
    assert summary["expected_cash"] == "60.00" and summary["over_short"] == "0.00" and summary["z_no"] == "1"
    assert sections["Tenders"] == [["kind", "count", "amount"], ["cash", "1", "20.00"],
                                   ["prepaid_card", "1", "5.00"], ["bank_card", "1", "9.90"]]
    assert sections["Refunds"] == [["route", "count", "amount"]]
    assert sections["Voids"] == [["kind", "count", "amount"]]
    assert sections["Shifts"][1][1] == f"{DAY} 10:00:00" and sections["Shifts"][1][8] == "10.00"
    assert sections["Hours"][1:] == [["10:00", "cash", "1", "20.00"], ["10:00", "prepaid_card", "1", "5.00"],
                                     ["10:00", "bank_card", "1", "9.90"]]
    shown = reports.to_text(z)
    assert "Z report #1" in shown and "¥34.90" in shown and "好物便利店" in shown


def test_a_shared_database_reports_only_this_terminals_outbox(uow_factory, tmp_path):
    """Terminals of a store share one database (PostgreSQL): T01's report counts T01's
    settlements waiting for the platform, not T02's."""
    d = Day(uow_factory, tmp_path)
    d.at(9, 0)
    cash.open_shift(d.ctx, user=d.cashier, opening_float_minor=0)
    d.sale(300, 1, cash_t(300))
    other = sales.OrderSpec("PO-T02-1", "m-tea", "好物商城", "CNY", (sales.LineSpec(1, "TEA", "乌龙茶", 700, 1,
                                                                                   ("PO-T02-1-0",)),))
    with d.uow() as uow:  # T02 needs its own shift to sell
        from pos_terminal.domain.model import Shift

        shift = Shift("T02", d.cashier.user_id, Money(0), opened_at=d.clock.now())
        uow.shifts.add(shift)
        uow.commit()
    sales.record_sale(sales.RecordSale("T02", "demo-store", d.cashier.user_id, other, (cash_t(700),)), d.uow(), d.clock)
    x = reports.x_report(d.ctx, user="cli")
    assert (x.sales_count, x.sales_minor) == (1, 300)
    assert (x.sync.pending, x.sync.needing_attention) == (1, 0)
