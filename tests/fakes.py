"""Fakes of the ports, for unit tests of the services. Each behaves like the real adapter in
what the services rely on (commit/rollback semantics, lookups), with no I/O."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone

from pos_terminal.domain import model as m
from pos_terminal.ports import DeviceState, DeviceStatus


class FakeClock:
    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 11, 22, 2, 0, tzinfo=timezone.utc)

    def now(self) -> datetime:
        return self.current

    def advance(self, **kw) -> None:
        self.current += timedelta(**kw)


class _Store:
    """The 'database' a FakeUnitOfWork commits into (deep copies, so rollback is real)."""

    def __init__(self) -> None:
        self.users: dict = {}
        self.orders: dict = {}
        self.sales: dict = {}
        self.shifts: dict = {}
        self.counters: dict = {}
        self.receipts: list = []
        self.settlements: list = []
        self.outbox: list = []
        self.refunds: dict = {}


class _Repos:
    def __init__(self, s: _Store) -> None:
        self.s = s


class FakeUsers(_Repos):
    def add(self, user):
        self.s.users[user.id] = user

    def get(self, user_id):
        return self.s.users.get(user_id)

    def by_username(self, username):
        return next((u for u in self.s.users.values() if u.username == username), None)

    def list(self):
        return sorted(self.s.users.values(), key=lambda u: u.username)

    def count(self):
        return len(self.s.users)


class FakeOrders(_Repos):
    def add(self, order):
        self.s.orders[order.order_no] = order

    def get(self, order_no):
        return self.s.orders.get(order_no)


class FakeSales(_Repos):
    def add(self, sale):
        self.s.sales[sale.id] = sale

    def get(self, sale_id):
        return self.s.sales.get(sale_id)

    def paid_for_order(self, order_no):
        return next((x for x in self.s.sales.values() if x.order_no == order_no and x.status is m.SaleStatus.PAID), None)


class FakeShifts(_Repos):
    def add(self, shift):
        self.s.shifts[shift.id] = shift

    def get(self, shift_id):
        return self.s.shifts.get(shift_id)

    def open_for_terminal(self, terminal_id):
        return next(
            (x for x in self.s.shifts.values() if x.terminal_id == terminal_id and x.status is m.ShiftStatus.OPEN), None
        )


class FakeReceipts(_Repos):
    def counter_for(self, terminal_id):
        return self.s.counters.setdefault(terminal_id, m.ReceiptCounter(terminal_id, 0))

    def add(self, receipt):
        self.s.receipts.append(receipt)

    def last_for_terminal(self, terminal_id):
        mine = [r for r in self.s.receipts if r.terminal_id == terminal_id]
        return max(mine, key=lambda r: r.receipt_no, default=None)


class FakeOutbox(_Repos):
    def add_settlement(self, settlement, now):
        self.s.settlements.append(settlement)
        message = m.OutboxMessage("settlement", settlement.payload(), created_at=now)
        message.seq = len(self.s.outbox) + 1
        self.s.outbox.append(message)
        return message

    def pending(self, limit=100):
        return [x for x in self.s.outbox if x.sent_at is None][:limit]

    def pending_count(self):
        return len(self.pending(10**9))

    def oldest_pending_at(self):
        return min((x.created_at for x in self.pending(10**9)), default=None)


class FakeRefunds(_Repos):
    def add(self, case):
        self.s.refunds[case.id] = case

    def get(self, case_id):
        return self.s.refunds.get(case_id)


class FakeUnitOfWork:
    def __init__(self, store: _Store | None = None) -> None:
        self.committed_store = store or _Store()
        self.commits = 0
        self.fail_on_commit: Exception | None = None

    def __enter__(self):
        self._work = copy.deepcopy(self.committed_store)
        self.users = FakeUsers(self._work)
        self.orders = FakeOrders(self._work)
        self.sales = FakeSales(self._work)
        self.shifts = FakeShifts(self._work)
        self.receipts = FakeReceipts(self._work)
        self.outbox = FakeOutbox(self._work)
        self.refunds = FakeRefunds(self._work)
        return self

    def __exit__(self, *exc):
        self._work = None

    def commit(self):
        if self.fail_on_commit is not None:
            raise self.fail_on_commit
        self.committed_store = copy.deepcopy(self._work)
        self.commits += 1

    def rollback(self):
        self._work = copy.deepcopy(self.committed_store)

    def collect_events(self):
        return iter(())


class FakeDrawer:
    kind = "drawer"

    def __init__(self, fail: bool = False) -> None:
        self.kicks = 0
        self.fail = fail

    def open(self):
        return DeviceStatus("drawer", DeviceState.READY, "fake")

    def close(self):
        pass

    def status(self):
        return DeviceStatus("drawer", DeviceState.READY, "fake")

    def kick(self):
        if self.fail:
            raise RuntimeError("drawer not connected")
        self.kicks += 1

    def is_open(self):
        return None
