"""Shifts and cash control (pos_terminal.services.cash) on real SQLite storage: the float counted by
denomination and the store's business date, drops, pay-outs, pay-ins and no-sale openings (reasons,
the drawer after the commit, never below zero), the expected cash from sales, refunds and
movements, and the close by denomination with over/short and the manager above the limit."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from pos_terminal.domain.model import PayoutRoute, RefundCase, Role, ShiftStatus, TenderKind
from pos_terminal.money import Money
from pos_terminal.services import audit, cash, sales, shifts, users
from pos_terminal.services.cash import CashRefused
from pos_terminal.services.day_context import DayContext
from tests.conftest import FAST_HASHER
from tests.fakes import FakeClock, FakeDrawer

# 2026-11-22 16:30 UTC is 2026-11-23 00:30 in Shanghai: the business date is the local one.
START = datetime(2026, 11, 22, 16, 30, tzinfo=timezone.utc)


class Env:
    def __init__(self, tmp_path):
        from pos_terminal.storage import migrate, orm
        from pos_terminal.storage.engine import make_engine
        from pos_terminal.storage.uow import SqlAlchemyUnitOfWork, session_factory

        orm.start_mappers()
        self.engine = make_engine(f"sqlite:///{tmp_path / 'cash.sqlite3'}")
        migrate.upgrade(self.engine)
        sessions = session_factory(self.engine)
        self.uow = lambda: SqlAlchemyUnitOfWork(sessions)
        self.clock = FakeClock(START)
        self.drawer = FakeDrawer()
        self.ctx = DayContext(self.uow, self.clock, "T01", "demo-store", store_name="好物便利店",
                              timezone="Asia/Shanghai", drawer=self.drawer, over_short_limit_minor=1000)
        self.cashier = users.add_user(self.uow(), FAST_HASHER, self.clock, username="1001", display_name="张伟",
                                      role=Role.CASHIER, pin="1357")
        self.manager = users.add_user(self.uow(), FAST_HASHER, self.clock, username="8001", display_name="王芳",
                                      role=Role.MANAGER, pin="8642")
        self.orders = 0

    def sale(self, *tenders: tuple[TenderKind, int, int | None]) -> sales.SaleRecorded:
        """A paid sale through the real sales service; tenders (kind, amount, handed over)."""
        self.orders += 1
        no = f"PO{self.orders:04d}"
        total = sum(t[1] for t in tenders)
        spec = sales.OrderSpec(no, "m1", "好物商城", "CNY", (sales.LineSpec(1, "TEA", "乌龙茶", total, 1, (f"{no}-U1",)),))
        cmd = sales.RecordSale("T01", "demo-store", self.cashier.user_id, spec,
                               tuple(sales.TenderSpec(k, a, h) for k, a, h in tenders))
        return sales.record_sale(cmd, self.uow(), self.clock)

    def refund_paid(self, order_no: str, amount: int, route: PayoutRoute, cash_out: int | None = None) -> None:
        """A refund case paid out in the open shift (the refund service's own tests cover paying
        out; here only what the drawer sees matters)."""
        with self.uow() as uow:
            shift = uow.shifts.open_for_terminal("T01")
            case = RefundCase(order_no, [f"{order_no}-U1"], "defective", Money(amount),
                              requested_by=self.cashier.user_id, terminal_id="T01", created_at=self.clock.now(),
                              payout_route=route)
            case.submit("PLAT-" + order_no)
            case.decide(True, self.clock.now())
            case.paid_out(route, self.cashier.user_id, self.clock.now(),
                          shift_id=shift.id if route in (PayoutRoute.CASH, PayoutRoute.SPLIT) else None,
                          cash_out_minor=cash_out if cash_out is not None else 0)
            if cash_out is None:
                case.cash_out_minor = None  # a case paid out before cash legs were recorded
            uow.refunds.add(case)
            uow.commit()

    def actions(self) -> list[str]:
        return [e.action for e in reversed(audit.entries(self.uow, "T01"))]


@pytest.fixture
def env(tmp_path):
    e = Env(tmp_path)
    yield e
    e.engine.dispose()


def test_open_counts_the_float_by_denomination_on_the_local_business_date(env):
    opened = cash.open_shift(env.ctx, user=env.cashier, counts={10000: 1, 500: 3, 50: 4})
    assert opened.opening_float_minor == 11_700 and opened.expected_cash_minor == 11_700
    assert opened.opened_by == "1001" and opened.closed_at is None and opened.counted_cash_minor is None
    with env.uow() as uow:
        shift = uow.shifts.open_for_terminal("T01")
        assert shift.business_date == date(2026, 11, 23)  # UTC says the 22nd; the store says the 23rd
    assert shifts.current_shift(env.uow(), terminal_id="T01").opening_float == Money(11_700)  # older callers
    entry = audit.entries(env.uow, "T01")[0]
    assert entry.action == "shift_open" and entry.username == "1001"
    assert entry.details["counts"] == {"10000": 1, "500": 3, "50": 4} and entry.details["opening_float_minor"] == 11_700
    assert cash.current_shift(env.ctx) == opened


def test_open_refusals(env):
    with pytest.raises(CashRefused) as exc:
        cash.open_shift(env.ctx, user=env.cashier, counts={3000: 1})  # no ¥30 note
    assert exc.value.reason == "bad_denomination"
    with pytest.raises(CashRefused) as exc:
        cash.open_shift(env.ctx, user=env.cashier, counts={1000: -1})
    assert exc.value.reason == "bad_count"
    with pytest.raises(CashRefused) as exc:
        cash.open_shift(env.ctx, user=env.cashier, opening_float_minor=5000, counts={1000: 4})
    assert exc.value.reason == "float_mismatch" and exc.value.params["counted_minor"] == 4000
    with pytest.raises(CashRefused) as exc:
        cash.open_shift(env.ctx, user=env.cashier, opening_float_minor=-1)
    assert exc.value.reason == "bad_amount"
    assert cash.current_shift(env.ctx) is None and env.actions() == []
    cash.open_shift(env.ctx, user=env.cashier, opening_float_minor=5000)
    with pytest.raises(CashRefused) as exc:
        cash.open_shift(env.ctx, user=env.manager, opening_float_minor=0)
    assert exc.value.reason == "shift_open"


def test_expected_cash_follows_sales_refunds_and_movements(env):
    cash.open_shift(env.ctx, user=env.cashier, opening_float_minor=10_000)
    env.sale((TenderKind.CASH, 3380, 5000))  # 16.20 change went straight back out
    env.sale((TenderKind.BANK_CARD, 2000, None))
    env.sale((TenderKind.PREPAID_CARD, 1000, None), (TenderKind.CASH, 500, 1000))
    voided = env.sale((TenderKind.CASH, 700, None))
    with env.uow() as uow:  # a voided sale's cash went back to the buyer
        uow.sales.get(voided.sale_id).void(uow.users.get(env.manager.user_id), "rang up twice")
        uow.commit()
    env.refund_paid("PO0001", 1250, PayoutRoute.CASH, cash_out=None)  # no cash leg recorded: the whole amount
    env.refund_paid("PO0003", 800, PayoutRoute.SPLIT, cash_out=300)  # only the cash leg left the drawer
    env.refund_paid("PO0002", 2000, PayoutRoute.BANK_CARD)  # through the card terminal: no cash
    done = cash.cash_drop(env.ctx, user=env.cashier, amount_minor=2000, reason="to the safe")
    assert done.drawer_opened and done.drawer_error is None and env.drawer.kicks == 1
    cash.pay_out(env.ctx, user=env.cashier, amount_minor=500, reason="milk supplier", approved_by=env.manager)
    cash.pay_in(env.ctx, user=env.cashier, amount_minor=1000, reason="change from the safe")
    opened = cash.no_sale(env.ctx, user=env.cashier, reason="customer needed change for parking")
    assert opened.amount_minor == 0 and env.drawer.kicks == 4

    now = cash.current_shift(env.ctx)
    assert (now.cash_sales_minor, now.cash_refunds_minor) == (3380 + 500, 1250 + 300)
    assert (now.drops_minor, now.pay_outs_minor, now.pay_ins_minor, now.no_sale_count) == (2000, 500, 1000, 1)
    expected = 10_000 + 3380 + 500 - 1250 - 300 - 2000 - 500 + 1000
    assert now.expected_cash_minor == expected == opened.expected_cash_minor
    assert [(m.kind, m.amount_minor, m.username, m.approved_by) for m in cash.movements(env.ctx)] == [
        ("drop", 2000, "1001", None), ("pay_out", 500, "1001", "8001"), ("pay_in", 1000, "1001", None),
        ("no_sale", 0, "1001", None)]
    assert env.actions() == ["shift_open", "cash_drop", "pay_out", "pay_in", "no_sale"]
    assert audit.entries(env.uow, "T01")[0].details["reason"] == "customer needed change for parking"


def test_movement_refusals_write_nothing(env):
    with pytest.raises(CashRefused) as exc:
        cash.cash_drop(env.ctx, user=env.cashier, amount_minor=100, reason="safe")
    assert exc.value.reason == "no_shift"
    cash.open_shift(env.ctx, user=env.cashier, opening_float_minor=5000)
    env.sale((TenderKind.CASH, 1000, None))
    with pytest.raises(CashRefused) as exc:
        cash.no_sale(env.ctx, user=env.cashier, reason="   ")
    assert exc.value.reason == "reason_required"
    with pytest.raises(CashRefused) as exc:
        cash.pay_out(env.ctx, user=env.cashier, amount_minor=0, reason="nothing")
    assert exc.value.reason == "bad_amount"
    with pytest.raises(CashRefused) as exc:
        cash.cash_drop(env.ctx, user=env.cashier, amount_minor=6001, reason="safe")
    assert exc.value.reason == "not_enough_cash" and exc.value.params["expected_minor"] == 6000
    assert "below zero" in exc.value.message
    assert cash.movements(env.ctx) == [] and env.drawer.kicks == 0 and env.actions() == ["shift_open"]
    done = cash.cash_drop(env.ctx, user=env.cashier, amount_minor=6000, reason="all to the safe")
    assert done.expected_cash_minor == 0
    with pytest.raises(CashRefused) as exc:
        cash.pay_out(env.ctx, user=env.cashier, amount_minor=1, reason="stamps")
    assert exc.value.reason == "not_enough_cash"


def test_a_drawer_fault_or_no_drawer_is_a_status_never_a_lost_movement(env):
    cash.open_shift(env.ctx, user=env.cashier, opening_float_minor=5000)
    env.ctx.drawer = FakeDrawer(fail=True)
    done = cash.no_sale(env.ctx, user=env.cashier, reason="check the float")
    assert not done.drawer_opened and done.drawer_error == "drawer not connected"
    env.ctx.drawer = None
    done = cash.pay_in(env.ctx, user=env.cashier, amount_minor=1000, reason="coins")
    assert not done.drawer_opened and "no cash drawer" in done.drawer_error
    assert [m.kind for m in cash.movements(env.ctx)] == ["no_sale", "pay_in"]
    assert cash.current_shift(env.ctx).expected_cash_minor == 6000


def test_close_by_denomination_within_the_limit(env):
    cash.open_shift(env.ctx, user=env.cashier, opening_float_minor=10_000)
    env.sale((TenderKind.CASH, 3380, 5000))
    counts = {10000: 1, 2000: 1, 1000: 1, 100: 3, 50: 1, 10: 2}  # 133.70: 0.10 short
    preview = cash.preview_close(env.ctx, counts)
    assert (preview.expected_cash_minor, preview.counted_cash_minor, preview.over_short_minor) == (13_380, 13_370, -10)
    assert not preview.needs_manager
    closed = cash.close_shift(env.ctx, user=env.cashier, counts=counts)
    assert (closed.expected_cash_minor, closed.counted_cash_minor, closed.over_short_minor) == (13_380, 13_370, -10)
    assert closed.closed_by == "1001" and closed.close_approved_by is None
    with env.uow() as uow:
        shift = uow.shifts.get(preview.shift_id)
        assert shift.status is ShiftStatus.CLOSED
        assert shift.counted_denominations == {"10000": 1, "2000": 1, "1000": 1, "100": 3, "50": 1, "10": 2}
        assert (shift.expected_cash_minor, shift.over_short_minor, shift.counted_cash_minor) == (13_380, -10, 13_370)
    entry = audit.entries(env.uow, "T01")[0]
    assert entry.action == "shift_close" and entry.details["over_short_minor"] == -10
    with pytest.raises(CashRefused) as exc:
        cash.close_shift(env.ctx, user=env.cashier, counts=counts)
    assert exc.value.reason == "no_shift"
    assert cash.last_closed_shift(env.ctx) == closed  # read back as it was closed (e.g. after a restart)


def test_a_difference_above_the_limit_needs_a_manager_and_a_note(env):
    cash.open_shift(env.ctx, user=env.cashier, opening_float_minor=10_000)
    counts = {10000: 1, 1000: 2}  # 120.00 against 100.00: 20.00 over, the limit is 10.00
    with pytest.raises(CashRefused) as exc:
        cash.close_shift(env.ctx, user=env.cashier, counts=counts)
    assert exc.value.reason == "needs_manager" and exc.value.params["over_short_minor"] == 2000
    assert "¥20.00 over" in exc.value.message
    with pytest.raises(CashRefused) as exc:
        cash.close_shift(env.ctx, user=env.cashier, counts=counts, manager=env.cashier, note="?")
    assert exc.value.reason == "not_a_manager"
    with pytest.raises(CashRefused) as exc:
        cash.close_shift(env.ctx, user=env.cashier, counts=counts, manager=env.manager, note="  ")
    assert exc.value.reason == "note_required"
    assert cash.current_shift(env.ctx) is not None and env.actions() == ["shift_open"]  # nothing written
    closed = cash.close_shift(env.ctx, user=env.cashier, counts=counts, manager=env.manager,
                              note="pay-in not rung up")
    assert (closed.over_short_minor, closed.close_note, closed.close_approved_by) == (2000, "pay-in not rung up", "8001")
    assert audit.entries(env.uow, "T01")[0].details["approved_by"] == "8001"


def test_a_manager_closing_approves_their_own_count_with_a_note(env):
    cash.open_shift(env.ctx, user=env.manager, opening_float_minor=10_000)
    with pytest.raises(CashRefused) as exc:
        cash.close_shift(env.ctx, user=env.manager, counts={5000: 1})
    assert exc.value.reason == "note_required" and exc.value.params["over_short_minor"] == -5000
    closed = cash.close_shift(env.ctx, user=env.manager, counts={5000: 1}, note="¥50 note missing, reported")
    assert closed.over_short_minor == -5000 and closed.close_approved_by == "8001"


def test_close_refuses_a_bad_count(env):
    cash.open_shift(env.ctx, user=env.cashier, opening_float_minor=0)
    for counts, reason in (({"abc": 1}, "bad_denomination"), ({20: 1}, "bad_denomination"),
                           ({100: 1.5}, "bad_count"), ({100: True}, "bad_count")):
        with pytest.raises(CashRefused) as exc:
            cash.close_shift(env.ctx, user=env.cashier, counts=counts)
        assert exc.value.reason == reason
    env.ctx.denominations = (10000, 20)  # the [shift] settings decide what is counted
    assert cash.close_shift(env.ctx, user=env.cashier, counts={20: 3}).counted_cash_minor == 60


def test_a_sale_needs_the_shift_held_by_its_cashier_and_a_take_over_is_stored(env):
    """SQLite: the sale path's one-row shift lookup keeps the holder (shifts.held_by, migration 0009)."""
    from pos_terminal.domain.errors import ShiftOfAnother

    cash.open_shift(env.ctx, user=env.manager, opening_float_minor=0)
    with pytest.raises(ShiftOfAnother) as refused:
        env.sale((TenderKind.CASH, 500, None))  # the cashier's sale, the manager's shift
    assert refused.value.params["holder"] == "8001"
    cash.take_over_shift(env.ctx, user=env.cashier)
    info = shifts.current_shift(env.uow(), terminal_id="T01")
    assert (info.holder, info.holder_name) == (env.cashier.user_id, "1001")
    assert env.sale((TenderKind.CASH, 500, None)).receipt_no == 1
    assert env.actions()[-1] == "shift_take_over"
    assert cash.current_shift(env.ctx).cash_sales_minor == 500
