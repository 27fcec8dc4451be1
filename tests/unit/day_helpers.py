"""A business day at one counter on the complete fake unit of work (tests/fakes.py), driven
through the production services: sales recorded, shifts opened and closed, refunds paid out.
The clock is a FakeClock on a fixed day in Asia/Shanghai: no test here reads the wall clock."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone

from pos_terminal.domain.model import PayoutRoute, RefundCase, Role, TenderKind
from pos_terminal.money import Money
from pos_terminal.services import refunds, sales, users
from pos_terminal.services.day_context import DayContext
from tests.checkout_fakes import FakeCardTerminal
from tests.conftest import FAST_HASHER
from tests.fake_repos import Store
from tests.fakes import FakeClock, FakeDrawer, FakePhotoStore, FakePlatform, fake_uow_factory

DAY = date(2026, 11, 20)
TZ_OFFSET = timedelta(hours=8)  # Asia/Shanghai has no daylight saving


def local(hh: int, mm: int, day: date = DAY) -> datetime:
    """An aware UTC instant given as Shanghai wall-clock time."""
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=timezone.utc) - TZ_OFFSET


def cash_t(amount: int, handed: int | None = None) -> sales.TenderSpec:
    return sales.TenderSpec(TenderKind.CASH, amount, handed)


def card_t(amount: int) -> sales.TenderSpec:
    return sales.TenderSpec(TenderKind.BANK_CARD, amount, reference=f"CARD-{amount}", approval_code="A1",
                            card_last4="4242")


def prepaid_t(amount: int, reference: str | None = None) -> sales.TenderSpec:
    return sales.TenderSpec(TenderKind.PREPAID_CARD, amount, reference=reference or f"PP-{amount}", card_last4="0001")


class Day:
    def __init__(self, platform: FakePlatform | None = None) -> None:
        self.store = Store()
        self.uow = fake_uow_factory(self.store)
        self.clock = FakeClock(local(8, 0))
        self.drawer = FakeDrawer()
        self.card = FakeCardTerminal()
        self.platform = platform
        self.ctx = DayContext(self.uow, self.clock, "T01", "demo-store", store_name="好物便利店 Good Shop",
                              timezone="Asia/Shanghai", drawer=self.drawer, over_short_limit_minor=1000,
                              platform=platform)
        self.refund_ctx = refunds.RefundContext(self.uow, self.clock, "T01", "demo-store", FakePhotoStore(),
                                                platform=platform, timezone="Asia/Shanghai", drawer=self.drawer,
                                                card_terminal=self.card)
        self.cashier = users.add_user(self.uow(), FAST_HASHER, self.clock, username="1001", display_name="张伟",
                                      role=Role.CASHIER, pin="1357")
        self.manager = users.add_user(self.uow(), FAST_HASHER, self.clock, username="8001", display_name="王芳",
                                      role=Role.MANAGER, pin="8642")
        self.n = 0

    def at(self, hh: int, mm: int, day: date = DAY) -> None:
        self.clock.current = local(hh, mm, day)

    def sale(self, price: int, qty: int, *tenders: sales.TenderSpec,
             offline: bool = False) -> tuple[sales.SaleRecorded, sales.OrderSpec]:
        self.n += 1
        no = f"PO{self.n:06d}"
        spec = sales.OrderSpec(no, "m-tea", "好物商城", "CNY", (sales.LineSpec(
            1, "TEA", "乌龙茶", price, qty, tuple(f"{no}-{i}" for i in range(qty))),))
        assert spec.total.minor == sum(t.amount_minor for t in tenders)
        cmd = sales.RecordSale("T01", "demo-store", self.cashier.user_id, spec, tuple(tenders), offline=offline)
        return sales.record_sale(cmd, self.uow(), self.clock), spec

    def approved_case(self, spec: sales.OrderSpec, route: PayoutRoute, units: int = 1,
                      legs: list[dict] | None = None) -> uuid.UUID:
        """A refund case of `units` units of a paid order, approved by the platform."""
        line = spec.lines[0]
        with self.uow() as uow:
            case = RefundCase(spec.order_no, list(line.item_codes[:units]), "defective",
                              Money(line.unit_price_minor * units), requested_by=self.cashier.user_id,
                              terminal_id="T01", created_at=self.clock.now(), payout_route=route, payout_legs=legs)
            case.submit(f"RC-{spec.order_no}")
            case.decide(True, self.clock.now(), decided_by="policy")
            uow.refunds.add(case)
            uow.commit()
            return case.id

    def refund(self, spec: sales.OrderSpec, route: PayoutRoute, **kw) -> refunds.PayoutDone:
        return refunds.pay_out(self.refund_ctx, self.approved_case(spec, route), cashier_id=self.cashier.user_id,
                               cashier_name="1001", **kw)

    def void(self, sale_id: uuid.UUID) -> None:
        with self.uow() as uow:
            uow.sales.get(sale_id).void(uow.users.get(self.manager.user_id), "rang up twice")
            uow.commit()

    def sent(self) -> None:
        """The platform took every pending settlement (what the outbox worker records)."""
        with self.uow() as uow:
            for message in uow.outbox.pending(10_000):
                message.record_sent(self.clock.now(), "paid")
            uow.commit()
