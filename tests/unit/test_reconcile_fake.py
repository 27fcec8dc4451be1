"""The day's reconciliation (services.reconcile) against the complete fake unit of work: the batch
posted to a fake platform that compares it as the sandbox does, the card terminal's day report
beside the terminal's bank-card figures, the blockers, and marking the day reconciled.
tests/integration/test_reconcile.py runs it against the sandbox platform on loopback."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest

from pos_terminal.clock import day_bounds
from pos_terminal.domain.model import PayoutRoute
from pos_terminal.ports import PlatformUnavailable
from pos_terminal.services import cash, reconcile, reports
from pos_terminal.services.reconcile import ReconcileRefused
from tests.fakes import FakePlatform
from tests.unit.day_helpers import DAY, Day, card_t, cash_t


class BatchPlatform(FakePlatform):
    """Compares a settlement batch with what it recorded (`recorded`: settlement_id -> (order_no,
    amount_minor)) as the sandbox does; lists no prepaid-card movement."""

    def __init__(self) -> None:
        super().__init__()
        self.recorded: dict[str, tuple[str, int]] = {}
        self.batches: list[tuple[dict[str, Any], str]] = []

    def post_settlement_batch(self, body: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        self._enter("post_settlement_batch", idempotency_key)
        self.batches.append((body, idempotency_key))
        theirs = {s["settlement_id"]: s for s in body["settlements"]}
        diffs = []
        for sid, s in theirs.items():
            if sid not in self.recorded:
                diffs.append({"kind": "missing_at_platform", "settlement_id": sid, "order_no": s["order_no"],
                              "terminal_amount_minor": s["amount_minor"], "platform_amount_minor": None})
            elif self.recorded[sid][1] != s["amount_minor"]:
                diffs.append({"kind": "amount_differs", "settlement_id": sid, "order_no": s["order_no"],
                              "terminal_amount_minor": s["amount_minor"],
                              "platform_amount_minor": self.recorded[sid][1]})
        for sid, (order_no, amount) in self.recorded.items():
            if sid not in theirs:
                diffs.append({"kind": "missing_at_terminal", "settlement_id": sid, "order_no": order_no,
                              "terminal_amount_minor": None, "platform_amount_minor": amount})
        total = sum(a for _, a in self.recorded.values())
        return {"batch_id": f"B{len(self.batches)}", "business_date": body["business_date"],
                "platform": {"count": len(self.recorded), "total_minor": total, "paid_count": len(self.recorded),
                             "paid_minor": total, "refund_case_count": 0, "refund_case_minor": 0},
                "differences": diffs, "reconciled": not diffs}

    def card_movements(self, business_date: str, timezone: str) -> dict[str, Any]:
        self._enter("card_movements", business_date)
        return {"business_date": business_date, "timezone": timezone, "movements": []}


@dataclass(frozen=True)
class DayReport:
    """The card terminal's own totals (what drivers.card_protocol.DayReport carries)."""

    date: str
    timezone: str
    currency: str
    sales_count: int
    sales_minor: int
    refunds_count: int
    refunds_minor: int
    declined_count: int


class ReportingCardTerminal:
    def __init__(self, report: DayReport | None) -> None:
        self.report = report
        self.asked: list[date | None] = []

    def day_report(self, day: date | None = None, currency: str = "CNY") -> DayReport | None:
        self.asked.append(day)
        return self.report


def a_closed_day(platform: BatchPlatform) -> Day:
    """Three sales (one by card), a card refund, the shift closed, settlements sent, the Z taken."""
    d = Day(platform)
    d.at(9, 0)
    cash.open_shift(d.ctx, user=d.cashier, opening_float_minor=0)
    d.at(9, 10)
    d.sale(1000, 1, cash_t(1000))
    d.at(9, 20)
    _, card_spec = d.sale(2500, 2, card_t(5000))
    d.at(9, 30)
    d.sale(300, 1, cash_t(300))
    d.at(10, 0)
    d.refund(card_spec, PayoutRoute.BANK_CARD)  # one unit back to the card: 25.00
    d.at(18, 0)
    cash.close_shift(d.ctx, user=d.cashier, counts={1000: 1, 100: 3})
    d.sent()
    with d.uow() as uow:
        for s in uow.days.settlements_paid("T01", *_bounds()):
            platform.recorded[str(s.id)] = (s.order_no, s.amount_minor)
    reports.z_report(d.ctx, user=d.manager)
    return d


def _bounds() -> tuple[datetime, datetime]:
    return day_bounds(DAY, "Asia/Shanghai")


def test_a_day_both_sides_agree_on_is_marked_reconciled():
    platform = BatchPlatform()
    d = a_closed_day(platform)
    d.ctx.card_terminal = ReportingCardTerminal(DayReport(DAY.isoformat(), "Asia/Shanghai", "CNY", 1, 5000, 1,
                                                          2500, 0))
    d.at(19, 0)
    r = reconcile.reconcile_day(d.ctx, user=d.manager, business_date=DAY)
    assert r.platform_problem is None and r.differences == ()
    assert (r.terminal.count, r.terminal.total_minor) == (3, 6300)
    assert (r.platform.count, r.platform.paid_minor) == (3, 6300)
    assert r.card.matches is True and (r.card.terminal.sales_minor, r.card.terminal.refunds_minor) == (5000, 2500)
    assert (r.day_status, r.kept, r.blockers) == ("closed", True, ())
    body, key = platform.batches[0]
    assert [s["receipt_no"] for s in body["settlements"]] == [1, 2, 3] and key.startswith(f"batch-T01-{DAY}")

    done = reconcile.mark_reconciled(d.ctx, user=d.manager, business_date=DAY)
    assert (done.reconciled_by, done.override_by, done.overridden) == ("8001", None, ())
    assert [(c.business_date, c.status) for c in reports.closed_days(d.ctx)] == [(DAY, "reconciled")]
    kept = reconcile.last_reconciliation(d.ctx, DAY)
    assert kept.from_store and kept.reconciled_by == "8001" and kept.differences == ()
    with pytest.raises(ReconcileRefused) as refused:
        reconcile.mark_reconciled(d.ctx, user=d.manager, business_date=DAY)
    assert refused.value.reason == "already_reconciled"


def test_differences_block_the_day_until_a_manager_accepts_them_with_a_note():
    platform = BatchPlatform()
    d = a_closed_day(platform)
    first = next(iter(platform.recorded))
    del platform.recorded[first]  # the platform lost one settlement ...
    platform.recorded["S-ELSEWHERE"] = ("PO-X", 700)  # ... and has one this terminal never took
    d.at(19, 0)
    r = reconcile.reconcile_day(d.ctx, user=d.manager, business_date=DAY)
    assert sorted(x.kind for x in r.differences) == ["missing_at_platform", "missing_at_terminal"]
    lost = next(x for x in r.differences if x.kind == "missing_at_platform")
    assert (lost.settlement_id, lost.receipt_no, lost.terminal_amount_minor) == (first, 1, 1000)
    assert r.card.unavailable == "no_card_terminal"
    assert [b.reason for b in r.blockers] == ["differences"] and r.needs_manager
    with pytest.raises(ReconcileRefused) as refused:
        reconcile.mark_reconciled(d.ctx, user=d.manager, business_date=DAY)
    assert refused.value.reason == "differences"
    with pytest.raises(ReconcileRefused) as refused:
        reconcile.mark_reconciled(d.ctx, user=d.manager, business_date=DAY, manager=d.manager)
    assert refused.value.reason == "note_required"
    done = reconcile.mark_reconciled(d.ctx, user=d.manager, business_date=DAY, manager=d.manager,
                                     note="settled with the shop by phone")
    assert done.overridden == ("differences",) and done.override_by == "8001"


def test_an_unreachable_platform_and_unsent_settlements_are_blockers():
    platform = BatchPlatform()
    d = Day(platform)
    d.at(9, 0)
    cash.open_shift(d.ctx, user=d.cashier, opening_float_minor=0)
    d.at(9, 10)
    d.sale(1000, 1, cash_t(1000))  # never sent
    platform.fail_next.append(PlatformUnavailable("connection refused"))
    r = reconcile.reconcile_day(d.ctx, user=d.manager, business_date=DAY)
    assert r.platform_problem == "unreachable" and r.platform is None and not r.kept
    assert (r.outbox.pending, r.outbox.attention) == (1, 0)
    assert [b.reason for b in r.blockers] == ["day_not_closed", "outbox_pending", "not_checked"]
    with pytest.raises(ReconcileRefused) as refused:
        reconcile.mark_reconciled(d.ctx, user=d.manager, business_date=DAY)
    assert refused.value.reason == "day_not_closed"
