"""The in-memory repositories of tests/fakes.FakeUnitOfWork: one per repository of the
UnitOfWork port (pos_terminal.ports.repositories), answering from domain objects what the
SQLAlchemy repositories (pos_terminal/storage) answer with queries. `start`/`end` are the aware
UTC bounds [start, end) of a business day, as there. tests/unit/test_fakes_conform.py checks
them against the port with mypy."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from pos_terminal.domain import model as m
from pos_terminal.money import Money
from pos_terminal.ports import AuditRow, BusinessDayRow, CashMovementRow, PaybackRow, ReceiptFound
from pos_terminal.ports.repositories import OpenCardRow, PaidHere

MOVEMENT_KINDS = ("drop", "pay_out", "pay_in", "no_sale")


class Store:
    """The 'database' a FakeUnitOfWork commits into (deep copies, so rollback is real)."""

    def __init__(self) -> None:
        self.users: dict[uuid.UUID, m.User] = {}
        self.orders: dict[str, m.Order] = {}
        self.sales: dict[uuid.UUID, m.Sale] = {}
        self.shifts: dict[uuid.UUID, m.Shift] = {}
        self.counters: dict[str, m.ReceiptCounter] = {}
        self.receipts: list[m.Receipt] = []
        self.settlements: list[m.Settlement] = []
        self.outbox: list[m.OutboxMessage] = []
        self.refunds: dict[uuid.UUID, m.RefundCase] = {}
        self.card_requests: dict[str, m.CardRequest] = {}
        self.audit: list[AuditRow] = []
        self.movements: list[tuple[uuid.UUID, str, CashMovementRow]] = []  # (shift_id, terminal_id, row)
        self.days: dict[tuple[str, date], BusinessDayRow] = {}
        self.paybacks: dict[uuid.UUID, PaybackRow] = {}
        # issue 16 (tests/fake_repos.FakeStatements): accepted statements by number, counters by store
        self.statements: dict[str, tuple[Any, str]] = {}
        self.statement_counters: dict[str, int] = {}


class _Repo:
    def __init__(self, s: Store) -> None:
        self.s = s


def _within(ts: datetime | None, start: datetime, end: datetime) -> bool:
    return ts is not None and start <= ts < end


class FakeUsers(_Repo):
    def add(self, user: m.User) -> None:
        self.s.users[user.id] = user

    def get(self, user_id: uuid.UUID) -> m.User | None:
        return self.s.users.get(user_id)

    def by_username(self, username: str) -> m.User | None:
        return next((u for u in self.s.users.values() if u.username == username), None)

    def list(self) -> list[m.User]:
        return sorted(self.s.users.values(), key=lambda u: u.username)

    def count(self) -> int:
        return len(self.s.users)


class FakeOrders(_Repo):
    def add(self, order: m.Order) -> None:
        self.s.orders[order.order_no] = order

    def get(self, order_no: str) -> m.Order | None:
        return self.s.orders.get(order_no)

    def add_new(self, order: m.NewOrder) -> bool:
        if order.order_no in self.s.orders:
            return False
        lines = [m.OrderLine(l.line_no, l.sku, l.name, Money(l.unit_price_minor, order.currency), l.quantity,
                             list(l.item_codes), id=l.id) for l in order.lines]
        self.s.orders[order.order_no] = m.Order(order.order_no, order.merchant_id, order.merchant_name,
                                                order.currency, lines, status=order.status)
        return True


class FakeSales(_Repo):
    def add(self, sale: m.Sale) -> None:
        self.s.sales[sale.id] = sale

    def get(self, sale_id: uuid.UUID) -> m.Sale | None:
        return self.s.sales.get(sale_id)

    def paid_for_order(self, order_no: str) -> m.Sale | None:
        return next((x for x in self.s.sales.values() if x.order_no == order_no and x.status is m.SaleStatus.PAID), None)

    def paid_receipt(self, order_no: str) -> PaidHere | None:
        sale = self.paid_for_order(order_no)
        return None if sale is None else PaidHere(sale.receipt_no)

    def add_paid(self, sale: m.PaidSale) -> None:
        """The same rows the storage writes, as the domain objects the other fakes answer from."""
        if any(x.order_no == sale.order_no and x.status is m.SaleStatus.PAID for x in self.s.sales.values()):
            raise ValueError(f"one paid sale per order: {sale.order_no}")  # the database's unique index
        if any(r.terminal_id == sale.terminal_id and r.receipt_no == sale.receipt_no for r in self.s.receipts):
            raise ValueError(f"receipt {sale.receipt_no} exists")  # the database's unique constraint
        row = m.Sale(sale.terminal_id, sale.order_no, sale.merchant_id, sale.total, shift_id=sale.shift_id,
                     cashier_id=sale.cashier_id, voucher_id=sale.voucher_id, offline=sale.offline,
                     created_at=sale.paid_at, id=sale.id)
        for t in sale.tenders:
            row.add_tender(m.Tender(t.kind, Money(t.amount_minor, t.currency), tendered=Money(t.tendered_minor, t.currency),
                                    reference=t.reference, approval_code=t.approval_code, card_last4=t.card_last4,
                                    id=t.id))
        row.mark_paid(sale.receipt_no, sale.paid_at)
        self.s.sales[row.id] = row
        self.s.receipts.append(m.Receipt(sale.terminal_id, sale.receipt_no, m.ReceiptKind.SALE, sale_id=sale.id,
                                         created_at=sale.paid_at, id=sale.receipt_id))
        settlement = m.Settlement(row, sale.store_id)
        settlement.id = sale.settlement_id
        self.s.settlements.append(settlement)
        message = m.OutboxMessage("settlement", sale.payload, created_at=sale.paid_at, id=sale.outbox_id,
                                  terminal_id=sale.terminal_id)
        message.seq = len(self.s.outbox) + 1
        self.s.outbox.append(message)


class FakeShifts(_Repo):
    def add(self, shift: m.Shift) -> None:
        self.s.shifts[shift.id] = shift

    def get(self, shift_id: uuid.UUID) -> m.Shift | None:
        return self.s.shifts.get(shift_id)

    def open_for_terminal(self, terminal_id: str) -> m.Shift | None:
        return next(
            (x for x in self.s.shifts.values() if x.terminal_id == terminal_id and x.status is m.ShiftStatus.OPEN), None
        )

    def open_shift_id(self, terminal_id: str, user_id: uuid.UUID | None = None) -> uuid.UUID | None:
        shift = self.open_for_terminal(terminal_id)
        return None if shift is None or (user_id is not None and shift.holder != user_id) else shift.id

    def last_closed(self, terminal_id: str) -> m.Shift | None:
        closed = [x for x in self.s.shifts.values() if x.terminal_id == terminal_id and x.closed_at is not None
                  and x.status is m.ShiftStatus.CLOSED]
        return max(closed, key=lambda x: x.closed_at or x.opened_at, default=None)


class FakeReceipts(_Repo):
    def counter_for(self, terminal_id: str) -> m.ReceiptCounter:
        return self.s.counters.setdefault(terminal_id, m.ReceiptCounter(terminal_id, 0))

    def next_number(self, terminal_id: str) -> int:
        return self.counter_for(terminal_id).next()

    def add(self, receipt: m.Receipt) -> None:
        self.s.receipts.append(receipt)

    def last_for_terminal(self, terminal_id: str, kind: m.ReceiptKind | None = None) -> m.Receipt | None:
        mine = [r for r in self.s.receipts if r.terminal_id == terminal_id and (kind is None or r.kind is kind)]
        return max(mine, key=lambda r: r.receipt_no, default=None)

    def by_number(self, terminal_id: str, receipt_no: int) -> m.Receipt | None:
        return next((r for r in self.s.receipts if r.terminal_id == terminal_id and r.receipt_no == receipt_no), None)

    def search(self, terminal_id: str, *, receipt_no: int | None = None, order_no: str | None = None,
               item_code: str | None = None, amount_minor: int | None = None, start: datetime | None = None,
               end: datetime | None = None, limit: int = 100) -> list[ReceiptFound]:
        found: list[ReceiptFound] = []
        for r in self.s.receipts:
            sale = self.s.sales.get(r.sale_id) if r.sale_id is not None else None
            if r.terminal_id != terminal_id or r.kind is not m.ReceiptKind.SALE or sale is None:
                continue
            order = self.s.orders.get(sale.order_no)
            codes = {c for line in (order.lines if order else ()) for c in line.item_codes}
            if ((receipt_no is not None and r.receipt_no != receipt_no)
                    or (order_no is not None and sale.order_no != order_no)
                    or (item_code is not None and item_code not in codes)
                    or (amount_minor is not None and sale.total.minor != amount_minor)
                    or (start is not None and r.created_at < start) or (end is not None and r.created_at >= end)):
                continue
            cashier = self.s.users.get(sale.cashier_id)
            found.append(ReceiptFound(r.receipt_no, r.created_at, sale.order_no, sale.total.minor, sale.total.currency,
                                      sale.status.value, r.print_state.value, r.copies_printed or 0,
                                      cashier.display_name if cashier else ""))
        return sorted(found, key=lambda f: f.receipt_no, reverse=True)[:limit]


class FakeOutbox(_Repo):
    def add(self, message: m.OutboxMessage) -> None:
        message.seq = len(self.s.outbox) + 1
        self.s.outbox.append(message)

    def add_settlement(self, settlement: m.Settlement, now: datetime) -> m.OutboxMessage:
        self.s.settlements.append(settlement)
        message = m.OutboxMessage("settlement", settlement.payload(), created_at=now,
                                  terminal_id=settlement.terminal_id)
        self.add(message)
        return message

    def pending(self, limit: int = 100, after_seq: int = 0) -> list[m.OutboxMessage]:
        return [x for x in self.s.outbox if x.sent_at is None and x.dead_at is None and (x.seq or 0) > after_seq][:limit]

    def pending_count(self) -> int:
        return len(self.pending(10**9))

    def oldest_pending_at(self) -> datetime | None:
        return min((x.created_at for x in self.pending(10**9)), default=None)

    def get(self, seq: int) -> m.OutboxMessage | None:
        return next((x for x in self.s.outbox if x.seq == seq), None)

    def attention(self, limit: int = 100) -> list[m.OutboxMessage]:
        return [x for x in self.s.outbox if x.sent_at is None and x.dead_at is not None][:limit]

    def attention_count(self) -> int:
        return len(self.attention(10**9))

    def last_sent_at(self) -> datetime | None:
        return max((x.sent_at for x in self.s.outbox if x.sent_at is not None), default=None)


_NOT_LIVE = (m.RefundStatus.REJECTED, m.RefundStatus.REFUSED)


class FakeRefunds(_Repo):
    def add(self, case: m.RefundCase) -> None:
        self.s.refunds[case.id] = case

    def get(self, case_id: uuid.UUID) -> m.RefundCase | None:
        return self.s.refunds.get(case_id)

    def _mine(self, terminal_id: str) -> list[m.RefundCase]:
        return [c for c in self.s.refunds.values() if c.terminal_id == terminal_id]

    def drafts(self, terminal_id: str, limit: int = 50) -> list[m.RefundCase]:
        found = [c for c in self._mine(terminal_id) if c.status is m.RefundStatus.DRAFT]
        return sorted(found, key=lambda c: c.created_at)[:limit]

    def open_cases(self, terminal_id: str, limit: int = 200) -> list[m.RefundCase]:
        wanted = (m.RefundStatus.DRAFT, m.RefundStatus.REQUESTED, m.RefundStatus.APPROVED)
        found = [c for c in self._mine(terminal_id) if c.status in wanted]
        return sorted(found, key=lambda c: c.created_at, reverse=True)[:limit]

    def recent(self, terminal_id: str, limit: int = 50) -> list[m.RefundCase]:
        return sorted(self._mine(terminal_id), key=lambda c: c.created_at, reverse=True)[:limit]

    def unacknowledged(self, terminal_id: str, limit: int = 100) -> list[m.RefundCase]:
        found = [c for c in self._mine(terminal_id) if c.status in _NOT_LIVE and c.acknowledged_at is None]
        return sorted(found, key=lambda c: c.created_at, reverse=True)[:limit]

    def open_for_items(self, item_codes: list[str]) -> list[m.RefundCase]:
        wanted = set(item_codes)
        return [c for c in self.s.refunds.values() if c.status not in _NOT_LIVE and wanted & set(c.item_codes or ())]

    def legs_used(self, order_no: str) -> dict[str, int]:
        used: dict[str, int] = {}
        for case in self.s.refunds.values():
            if case.order_no != order_no or case.status in _NOT_LIVE:
                continue
            for leg in case.payout_legs or ():
                used[leg["route"]] = used.get(leg["route"], 0) + int(leg["amount_minor"])
        return used

    def local_unit(self, item_code: str) -> tuple[m.Order, m.OrderLine, m.Sale | None] | None:
        for order in self.s.orders.values():
            for line in order.lines:
                if item_code in line.item_codes:
                    sale = next((x for x in self.s.sales.values()
                                 if x.order_no == order.order_no and x.status is m.SaleStatus.PAID), None)
                    return order, line, sale
        return None


class FakeCardRequests(_Repo):
    def add(self, request: m.CardRequest) -> None:
        self.s.card_requests[request.request_id] = request

    def get(self, request_id: str) -> m.CardRequest | None:
        return self.s.card_requests.get(request_id)

    def open_for_terminal(self, terminal_id: str,
                          kinds: tuple[m.CardRequestKind, ...] = (m.CardRequestKind.BANK_CARD,)) -> list[m.CardRequest]:
        found = [r for r in self.s.card_requests.values()
                 if r.terminal_id == terminal_id and r.state in m.CardRequest.OPEN and r.kind in kinds]
        return sorted(found, key=lambda r: (r.created_at, r.request_id))

    def open_rows(self, terminal_id: str) -> list[OpenCardRow]:
        return [OpenCardRow(r.request_id, r.order_no, r.amount.minor, r.amount.currency, r.state, r.card_reference,
                            r.approval_code, r.card_last4) for r in self.open_for_terminal(terminal_id)]

    def prepaid_between(self, terminal_id: str, start: datetime, end: datetime) -> list[m.CardRequest]:
        prepaid = (m.CardRequestKind.PREPAID_DEBIT, m.CardRequestKind.PREPAID_CREDIT)
        found = [r for r in self.s.card_requests.values()
                 if r.terminal_id == terminal_id and r.kind in prepaid and _within(r.created_at, start, end)]
        return sorted(found, key=lambda r: (r.created_at, r.request_id))


class FakeAuditLog(_Repo):
    """The audit_log table: rows as dicts, seq assigned on add (no chain lock: one thread)."""

    def hold_chain(self, terminal_id: str, timeout_s: float = 10.0) -> None:
        pass

    def head(self, terminal_id: str) -> AuditRow | None:
        return next((r for r in reversed(self.s.audit) if r["terminal_id"] == terminal_id), None)

    def add(self, row: AuditRow) -> int:
        seq = (self.s.audit[-1].get("seq", 0) if self.s.audit else 0) + 1
        self.s.audit.append({**row, "seq": seq})
        return seq

    def page(self, terminal_id: str, after_seq: int = 0, limit: int = 1000) -> list[AuditRow]:
        return [r for r in self.s.audit if r["terminal_id"] == terminal_id and r.get("seq", 0) > after_seq][:limit]

    def recent(self, terminal_id: str | None, since: datetime | None = None, limit: int = 200) -> list[AuditRow]:
        rows = [r for r in reversed(self.s.audit) if terminal_id is None or r["terminal_id"] == terminal_id]
        return [r for r in rows if since is None or r["at"] >= since][:limit]

    def actions_between(self, terminal_id: str, action: str, start: datetime, end: datetime) -> list[AuditRow]:
        return [r for r in self.s.audit
                if r["terminal_id"] == terminal_id and r["action"] == action and _within(r["at"], start, end)]

    def terminal_ids(self) -> list[str]:
        return sorted({r["terminal_id"] for r in self.s.audit})

    def count(self, terminal_id: str | None = None) -> int:
        return len([r for r in self.s.audit if terminal_id is None or r["terminal_id"] == terminal_id])


class FakeCash(_Repo):
    def add_movement(self, *, id: uuid.UUID, shift_id: uuid.UUID, terminal_id: str, kind: str, amount_minor: int,
                     currency: str, reason: str, user_id: uuid.UUID, created_at: datetime,
                     approved_by: uuid.UUID | None = None) -> None:
        if kind not in MOVEMENT_KINDS:
            raise ValueError(f"unknown cash movement kind {kind!r}; one of {', '.join(MOVEMENT_KINDS)}")
        row = CashMovementRow(id, kind, amount_minor, currency, reason, user_id, approved_by, created_at)
        self.s.movements.append((shift_id, terminal_id, row))

    def movements(self, shift_id: uuid.UUID) -> list[CashMovementRow]:
        rows = [row for sid, _t, row in self.s.movements if sid == shift_id]
        return sorted(rows, key=lambda r: (r.created_at, r.id))

    def movement_totals(self, shift_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, dict[str, tuple[int, int]]]:
        ids = list(shift_ids)
        out: dict[uuid.UUID, dict[str, tuple[int, int]]] = {i: {} for i in ids}
        for sid, _t, row in self.s.movements:
            if sid in out:
                n, amount = out[sid].get(row.kind, (0, 0))
                out[sid][row.kind] = (n + 1, amount + row.amount_minor)
        return out

    def cash_sales_minor(self, shift_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
        out = {i: 0 for i in shift_ids}
        for sale in self.s.sales.values():
            if sale.shift_id in out and sale.status is m.SaleStatus.PAID:
                out[sale.shift_id] += sum(t.amount.minor for t in sale.tenders if t.kind is m.TenderKind.CASH)
        return out

    def cash_refunds_minor(self, shift_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
        out = {i: 0 for i in shift_ids}
        for case in self.s.refunds.values():
            if case.shift_id in out and case.paid_out_at is not None:
                cash = case.cash_out_minor if case.cash_out_minor is not None else (
                    case.amount.minor if case.paid_out_route is m.PayoutRoute.CASH else 0)
                out[case.shift_id] += cash
        for payback in self.s.paybacks.values():
            if payback.shift_id in out and payback.route == "cash":
                out[payback.shift_id] += payback.amount_minor
        return out


class FakePaybacks(_Repo):
    def add(self, *, id: uuid.UUID, platform_case_id: str, terminal_id: str, store_id: str, order_no: str,
            settlement_id: str | None, amount_minor: int, currency: str, route: str, shift_id: uuid.UUID | None,
            receipt_no: int, cashier_id: uuid.UUID, approved_by: uuid.UUID, paid_at: datetime) -> None:
        if any(p.platform_case_id == platform_case_id for p in self.s.paybacks.values()):
            raise ValueError(f"case {platform_case_id} is paid back already (one pay-back per case)")
        self.s.paybacks[id] = PaybackRow(id, platform_case_id, terminal_id, store_id, order_no, settlement_id,
                                         amount_minor, currency, route, shift_id, receipt_no, cashier_id,
                                         approved_by, paid_at, "paid_out", 0, None, None, None)

    def get(self, payback_id: uuid.UUID) -> PaybackRow | None:
        return self.s.paybacks.get(payback_id)

    def for_case(self, platform_case_id: str) -> PaybackRow | None:
        return next((p for p in self.s.paybacks.values() if p.platform_case_id == platform_case_id), None)

    def for_cases(self, platform_case_ids: Iterable[str]) -> dict[str, PaybackRow]:
        ids = {str(i) for i in platform_case_ids if i}
        return {p.platform_case_id: p for p in self.s.paybacks.values() if p.platform_case_id in ids}

    def unreported(self, terminal_id: str, due_by: datetime | None = None) -> list[PaybackRow]:
        rows = [p for p in self.s.paybacks.values() if p.terminal_id == terminal_id and p.state == "paid_out"
                and (due_by is None or p.next_attempt_at is None or p.next_attempt_at <= due_by)]
        return sorted(rows, key=lambda p: (p.paid_at, p.id))

    def _update(self, payback_id: uuid.UUID, **values: Any) -> None:
        row = self.s.paybacks.get(payback_id)
        if row is not None:
            self.s.paybacks[payback_id] = row._replace(**values)

    def reported(self, payback_id: uuid.UUID, now: datetime) -> None:
        self._update(payback_id, state="reported", reported_at=now, last_error=None, next_attempt_at=None)

    def conflict(self, payback_id: uuid.UUID, error: str, now: datetime) -> None:
        row = self.s.paybacks.get(payback_id)
        self._update(payback_id, state="conflict", last_error=error[:500], reported_at=now,
                     attempts=(row.attempts if row else 0) + 1, next_attempt_at=None)

    def failed(self, payback_id: uuid.UUID, error: str, next_attempt_at: datetime) -> None:
        row = self.s.paybacks.get(payback_id)
        self._update(payback_id, last_error=error[:500], attempts=(row.attempts if row else 0) + 1,
                     next_attempt_at=next_attempt_at)


class FakeStatements(_Repo):
    """ports.statements.StatementRepository over the Store: the day's records from the domain
    objects (settlements, refund cases, pay-backs, the outbox), accepted statements in a dict."""

    def store_terminals(self, store_id: str) -> list[str]:
        return sorted({x.terminal_id for x in self.s.settlements if x.store_id == store_id})

    def sales(self, terminal_id: str, start: datetime, end: datetime) -> list[Any]:
        from pos_terminal.ports.statements import SaleSettled

        out = []
        for x in self.s.settlements:
            if x.terminal_id == terminal_id and _within(x.paid_at, start, end):
                order = self.s.orders.get(x.order_no)
                out.append(SaleSettled(str(x.id), x.order_no, getattr(order, "platform_id", None), x.amount.minor,
                                       x.amount.currency, x.tender_kinds, x.tender_amounts, x.paid_at))
        return sorted(out, key=lambda r: r.paid_at)

    def refunds_paid(self, terminal_id: str, start: datetime, end: datetime) -> list[Any]:
        from pos_terminal.ports.statements import RefundPaidOut

        out = []
        for c in self.s.refunds.values():
            if c.terminal_id == terminal_id and c.paid_out_at is not None and _within(c.paid_out_at, start, end):
                order = self.s.orders.get(c.order_no)
                route = c.paid_out_route.value if c.paid_out_route is not None else None
                out.append(RefundPaidOut(str(c.id), c.order_no, getattr(order, "platform_id", None), c.amount.minor,
                                         c.amount.currency, route, c.payout_legs, c.paid_out_at))
        return out

    def paybacks(self, terminal_id: str, start: datetime, end: datetime) -> list[Any]:
        from pos_terminal.ports.statements import PaidBack

        return [PaidBack(str(p.id), p.order_no, getattr(self.s.orders.get(p.order_no), "platform_id", None),
                         p.amount_minor, p.currency, p.route, p.paid_at)
                for p in self.s.paybacks.values() if p.terminal_id == terminal_id and _within(p.paid_at, start, end)]

    def order_platforms(self, order_nos: Iterable[str]) -> dict[str, str | None]:
        return {no: getattr(self.s.orders[no], "platform_id", None) for no in set(order_nos) if no in self.s.orders}

    def double_payments(self, terminal_id: str) -> set[str]:
        return {str(x.payload["settlement_id"]) for x in self.s.outbox
                if x.topic == "settlement" and x.outcome == "refund_case" and x.terminal_id == terminal_id}

    def unsent(self, terminal_id: str, topics: Iterable[str]) -> list[Any]:
        from pos_terminal.ports.statements import UnsentMessage

        wanted = set(topics)
        return [UnsentMessage(x.seq or 0, x.topic, dict(x.payload), x.created_at, x.dead_at is not None)
                for x in self.s.outbox if x.topic in wanted and x.sent_at is None and x.terminal_id == terminal_id]

    def accepted(self, store_id: str, platform_id: str, business_date: date) -> Any:
        return next((st for st, _ in self.s.statements.values() if (st.store_id, st.platform_id, st.business_date)
                     == (store_id, platform_id, business_date)), None)

    def by_number(self, number: str) -> Any:
        found = self.s.statements.get(number)
        return found[0] if found else None

    def route_of(self, number: str) -> str | None:
        found = self.s.statements.get(number)
        return found[1] if found else None

    def accepted_list(self, store_id: str, limit: int = 60) -> list[Any]:
        return sorted((st for st, _ in self.s.statements.values() if st.store_id == store_id),
                      key=lambda st: (st.business_date, st.platform_id), reverse=True)[:limit]

    def next_number(self, store_id: str) -> int:
        self.s.statement_counters[store_id] = self.s.statement_counters.get(store_id, 0) + 1
        return self.s.statement_counters[store_id]

    def last_number(self, store_id: str) -> int:
        return self.s.statement_counters.get(store_id, 0)

    def add_accepted(self, statement: Any, *, route: str, computed_at: datetime, accepted_by: uuid.UUID) -> None:
        if statement.number is None or statement.accepted_at is None:
            raise ValueError("only an accepted statement (number, accepted_at) is stored")
        if statement.number in self.s.statements or self.accepted(
                statement.store_id, statement.platform_id, statement.business_date) is not None:
            raise ValueError("UNIQUE constraint failed: settlement_statements")
        self.s.statements[statement.number] = (statement, route)
