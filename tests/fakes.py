"""Fakes of the ports, for unit tests of the services. Each behaves like the real adapter in
what the services rely on (commit/rollback semantics, lookups), with no I/O."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone

from pos_terminal.domain import model as m
from pos_terminal.ports import (
    AuthenticationFailed,
    DeviceState,
    DeviceStatus,
    PlatformRefused,
    PlatformStatus,
    PlatformUnavailable,
)


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
        self.audit: list = []


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

    def last_for_terminal(self, terminal_id, kind=None):
        mine = [r for r in self.s.receipts if r.terminal_id == terminal_id and (kind is None or r.kind is kind)]
        return max(mine, key=lambda r: r.receipt_no, default=None)

    def by_number(self, terminal_id, receipt_no):
        return next((r for r in self.s.receipts if r.terminal_id == terminal_id and r.receipt_no == receipt_no), None)


class FakeOutbox(_Repos):
    def add_settlement(self, settlement, now):
        self.s.settlements.append(settlement)
        message = m.OutboxMessage("settlement", settlement.payload(), created_at=now)
        message.seq = len(self.s.outbox) + 1
        self.s.outbox.append(message)
        return message

    def pending(self, limit=100, after_seq=0):
        return [x for x in self.s.outbox if x.sent_at is None and x.dead_at is None and x.seq > after_seq][:limit]

    def pending_count(self):
        return len(self.pending(10**9))

    def oldest_pending_at(self):
        return min((x.created_at for x in self.pending(10**9)), default=None)

    def get(self, seq):
        return next((x for x in self.s.outbox if x.seq == seq), None)

    def attention(self, limit=100):
        return [x for x in self.s.outbox if x.sent_at is None and x.dead_at is not None][:limit]

    def attention_count(self):
        return len(self.attention(10**9))

    def last_sent_at(self):
        return max((x.sent_at for x in self.s.outbox if x.sent_at is not None), default=None)


class FakeRefunds(_Repos):
    def add(self, case):
        self.s.refunds[case.id] = case

    def get(self, case_id):
        return self.s.refunds.get(case_id)


class FakeAuditLog(_Repos):
    """The audit_log table: rows as dicts, seq assigned on add (no chain lock: one thread)."""

    def hold_chain(self, terminal_id, timeout_s=None):
        pass

    def head(self, terminal_id):
        return next((r for r in reversed(self.s.audit) if r["terminal_id"] == terminal_id), None)

    def add(self, row):
        seq = (self.s.audit[-1]["seq"] if self.s.audit else 0) + 1
        self.s.audit.append({**row, "seq": seq})
        return seq

    def page(self, terminal_id, after_seq=0, limit=1000):
        return [r for r in self.s.audit if r["terminal_id"] == terminal_id and r["seq"] > after_seq][:limit]

    def recent(self, terminal_id, since=None, limit=200):
        rows = [r for r in reversed(self.s.audit) if terminal_id is None or r["terminal_id"] == terminal_id]
        return [r for r in rows if since is None or r["at"] >= since][:limit]

    def terminal_ids(self):
        return sorted({r["terminal_id"] for r in self.s.audit})

    def count(self, terminal_id=None):
        return len([r for r in self.s.audit if terminal_id is None or r["terminal_id"] == terminal_id])


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
        self.audit = FakeAuditLog(self._work)
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


class FakePlatform:
    """The PlatformClient port in memory: orders by number, voucher id and link; claims per
    terminal; settlements recorded once per settlement_id (a repeat with the same key gets the
    first answer, as the real platform does). `down = True` makes every call PlatformUnavailable;
    `fail_next` is a list of exceptions raised by the next calls, in turn."""

    def __init__(self, store_id: str = "demo-store", terminal_id: str = "T01") -> None:
        self.me = (store_id, terminal_id)
        self.down = False
        self.fail_next: list[Exception] = []
        self.orders: dict[str, dict] = {}
        self.claims: dict[str, tuple] = {}
        self.settlements: dict[str, dict] = {}
        self.answers: dict[str, dict] = {}
        self.calls: list[tuple] = []
        self.keys: dict = {"keys": []}

    def add_order(self, view: dict) -> dict:
        view = {"status": "open", "paid": None, "claim": None, **view}
        self.orders[view["order_no"]] = view
        return view

    def _enter(self, name, *args):
        self.calls.append((name, *args))
        if self.down:
            raise PlatformUnavailable("platform unreachable: connection refused; settlements wait in the outbox")
        if self.fail_next:
            raise self.fail_next.pop(0)

    def _order(self, order_no):
        if order_no not in self.orders:
            raise PlatformRefused("unknown_order", f"no order {order_no!r}", status=404,
                                  body={"error": "unknown_order"})
        return self.orders[order_no]

    def status(self):
        return PlatformStatus(not self.down, "fake", datetime.now(timezone.utc))

    def voucher_keys(self):
        self._enter("voucher_keys")
        return self.keys

    def get_order(self, order_no):
        self._enter("get_order", order_no)
        return self._order(order_no)

    def order_by_voucher(self, voucher_id):
        self._enter("order_by_voucher", voucher_id)
        for view in self.orders.values():
            if view.get("voucher_id") == voucher_id:
                return view
        raise PlatformRefused("unknown_voucher", "no such voucher", status=404, body={"error": "unknown_voucher"})

    def order_by_url(self, url):
        self._enter("order_by_url", url)
        for view in self.orders.values():
            if view.get("url") == url:
                return view
        raise PlatformRefused("unknown_url", "no order has this link", status=404, body={"error": "unknown_url"})

    def claim_order(self, order_no, ttl_s=120):
        self._enter("claim_order", order_no)
        view = self._order(order_no)
        holder = self.claims.get(order_no)
        if view["status"] == "paid":
            raise PlatformRefused("order_paid", "paid", status=409, body={"error": "order_paid"})
        if holder is not None and holder != self.me:
            raise PlatformRefused("order_claimed", "claimed", status=409,
                                  body={"error": "order_claimed", "store_id": holder[0], "terminal_id": holder[1],
                                        "expires_at": "2026-11-22T02:03:00Z"})
        self.claims[order_no] = self.me
        return {"order_no": order_no, "expires_at": "2026-11-22T02:03:00Z"}

    def release_claim(self, order_no):
        self._enter("release_claim", order_no)
        mine = self.claims.get(order_no) == self.me
        if mine:
            del self.claims[order_no]
        return {"order_no": order_no, "released": mine}

    def post_settlement(self, payload, idempotency_key):
        self._enter("post_settlement", payload["settlement_id"], idempotency_key)
        if idempotency_key in self.answers:
            return self.answers[idempotency_key]
        view = self.orders.get(payload["order_no"])
        if view is None:
            raise PlatformRefused("unknown_order", f"no order {payload['order_no']!r}", status=404)
        outcome = "refund_case" if view["status"] == "paid" else "paid"
        view["status"] = "paid"
        self.settlements[payload["settlement_id"]] = {**payload, "outcome": outcome}
        self.answers[idempotency_key] = {"settlement_id": payload["settlement_id"], "outcome": outcome}
        return self.answers[idempotency_key]


class FakeVerifier:
    """The VoucherVerifier port: verifies with a KeyRing it is given; `refreshed` counts online
    refreshes on an unknown key (it then uses `next_ring`)."""

    def __init__(self, ring, clock, next_ring=None) -> None:
        self.ring, self.clock, self.next_ring = ring, clock, next_ring
        self.refreshed = 0

    def verify(self, text, *, online=True):
        from pos_terminal.vouchers import verify_voucher

        check = verify_voucher(text, self.ring, self.clock.now())
        if check.reason == "unknown_key" and online and self.next_ring is not None:
            self.refreshed += 1
            self.ring = self.next_ring
            check = verify_voucher(text, self.ring, self.clock.now())
        return check

