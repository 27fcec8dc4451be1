"""Fakes of the ports, for unit tests of the services. Each behaves like the real adapter in
what the services rely on (commit/rollback semantics, lookups), with no I/O."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from pos_terminal.ports import (
    AuthenticationFailed,
    DeviceState,
    DeviceStatus,
    PlatformRefused,
    PlatformStatus,
    PlatformUnavailable,
)
from tests.fake_days import FakeDays
from tests.fake_repos import (
    FakeAuditLog,
    FakeCardRequests,
    FakeCash,
    FakeOrders,
    FakeOutbox,
    FakePaybacks,
    FakeReceipts,
    FakeRefunds,
    FakeSales,
    FakeShifts,
    FakeStatements,
    FakeUsers,
    Store,
)

_Store = Store  # the name tests used before the repositories moved to tests/fake_repos.py


class FakeClock:
    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 11, 22, 2, 0, tzinfo=timezone.utc)

    def now(self) -> datetime:
        return self.current

    def advance(self, **kw) -> None:
        self.current += timedelta(**kw)


class FakeUnitOfWork:
    """The whole UnitOfWork port in memory (every repository: tests/fake_repos.py and
    tests/fake_days.py). `with uow:` works on a deep copy of the committed store; `commit()`
    replaces the committed store with it; leaving without commit drops it (a real rollback)."""

    def __init__(self, store: Store | None = None) -> None:
        self.committed_store = store or Store()
        self.commits = 0
        self.fail_on_commit: Exception | None = None
        self._work: Store | None = None

    def _open(self, work: Store) -> None:
        self.users = FakeUsers(work)
        self.orders = FakeOrders(work)
        self.sales = FakeSales(work)
        self.shifts = FakeShifts(work)
        self.receipts = FakeReceipts(work)
        self.outbox = FakeOutbox(work)
        self.refunds = FakeRefunds(work)
        self.card_requests = FakeCardRequests(work)
        self.audit = FakeAuditLog(work)
        self.cash = FakeCash(work)
        self.days = FakeDays(work)
        self.paybacks = FakePaybacks(work)
        self.statements = FakeStatements(work)  # issue 16 (ports.statements)

    def __enter__(self) -> FakeUnitOfWork:
        self._work = copy.deepcopy(self.committed_store)
        self._open(self._work)
        return self

    def __exit__(self, *exc: object) -> None:
        self._work = None

    def commit(self) -> None:
        if self.fail_on_commit is not None:
            raise self.fail_on_commit
        # in place: every FakeUnitOfWork made on the same Store (fake_uow_factory) sees the commit
        self.committed_store.__dict__.update(copy.deepcopy(self._work).__dict__)
        self.commits += 1

    def rollback(self) -> None:
        self._work = copy.deepcopy(self.committed_store)
        self._open(self._work)


def fake_uow_factory(store: Store | None = None) -> Callable[[], FakeUnitOfWork]:
    """A `uow` factory for service contexts: each unit of work is new, all commit into one Store
    (as each SqlAlchemyUnitOfWork of one engine commits into one database)."""
    shared = store or Store()
    return lambda: FakeUnitOfWork(shared)


class FakePhotoStore:
    """PhotoStore in memory: name -> bytes, named as storage.files.FilePhotoStore names them."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def write(self, sha256: str, content_type: str, data: bytes) -> str:
        name = f"{sha256}.jpg" if content_type == "image/jpeg" else f"{sha256}.img"
        self.files[name] = bytes(data)
        return name

    def read(self, name: str) -> bytes:
        if name not in self.files:
            raise FileNotFoundError(name)
        return self.files[name]

    def delete(self, name: str) -> None:
        self.files.pop(name, None)


class FakeKeyCache:
    """KeyCache in memory; `text` None is nothing cached."""

    def __init__(self, text: str | None = None) -> None:
        self.text = text
        self.writes = 0

    @property
    def location(self) -> str:
        return "memory:keys.json"

    def read(self) -> str | None:
        return self.text

    def write(self, text: str) -> None:
        self.text = text
        self.writes += 1


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
        self.batches: list[list[str]] = []  # the keys of each post_settlements call
        self.batch_endpoint = True  # False: an older platform without POST /settlements/batch (404)
        self.keys: dict = {"keys": []}
        self.movements: dict[tuple[str, str], dict] = {}  # (kind, ref): a counter movement (issue 16)
        self.accepted: dict[str, dict] = {}  # statement number: what the store said it accepted
        self.remitted: dict[str, dict] = {}  # statement number: the store's remittance

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

    def post_settlements(self, items):
        """Each item answered as post_settlement answers it (the calls show in `calls` one by one;
        the batch's keys in `batches`); a refusal of one item is that item's, any other failure
        fails the whole batch and undoes it (one transaction). `batch_endpoint = False`: an older
        platform, 404."""
        self.batches.append([key for _payload, key in items])
        if not self.batch_endpoint:
            raise PlatformRefused("not_found", "Not Found", status=404, body={"error": "not_found"})
        before = copy.deepcopy((self.orders, self.settlements, self.answers))
        results = []
        try:
            for payload, key in items:
                seen = key in self.answers
                try:
                    answer = self.post_settlement(payload, key)
                except AuthenticationFailed:
                    raise
                except PlatformRefused as exc:
                    results.append({"idempotency_key": key, "settlement_id": payload.get("settlement_id"),
                                    "result": "refused", "status": exc.status or 409, "reason": exc.code,
                                    "answer": {"error": exc.code, "message": exc.message}})
                    continue
                results.append({"idempotency_key": key, "settlement_id": payload.get("settlement_id"),
                                "result": "duplicate" if seen else "accepted", "status": 201, "reason": None,
                                "answer": answer})
        except Exception:
            self.orders, self.settlements, self.answers = before
            raise
        return results

    # issue 16: counter movements, the platform's statement, remittances (as sync.sandbox does)
    def post_counter_movement(self, payload, idempotency_key):
        self._enter("post_counter_movement", payload["kind"], payload["ref"], idempotency_key)
        if idempotency_key in self.answers:
            return self.answers[idempotency_key]
        if payload["kind"] != "double_payment_payback" and payload["order_no"] not in self.orders:
            raise PlatformRefused("unknown_order", f"no order {payload['order_no']!r}", status=404)
        movements = self.movements
        key = (payload["kind"], payload["ref"])
        if key in movements and movements[key]["tenders"] != payload["tenders"]:
            raise PlatformRefused("movement_conflict", "recorded before with other facts", status=409)
        movements[key] = dict(payload)
        self.answers[idempotency_key] = {"movement": dict(payload)}
        return self.answers[idempotency_key]

    def platform_statement(self, store_id, business_date, timezone=None):
        """The statement from what this fake recorded: settlements with a business_date (or
        paid_at's UTC date) of that day, and the counter movements; contract 150 bp half_up."""
        from pos_terminal.domain.model.statements import Contract, Movement, compute_statement

        self._enter("platform_statement", store_id, business_date)
        moves = []
        for s in self.settlements.values():
            day = s.get("business_date") or str(s["paid_at"])[:10]
            if s.get("store_id") == store_id and day == business_date:
                kinds = {"prepaid_card": "prepaid"}
                tenders = tuple((kinds.get(t["kind"], t["kind"]), t["amount_minor"])
                                for t in s.get("tender_amounts") or [{"kind": s["tenders"][0],
                                                                      "amount_minor": s["amount_minor"]}])
                moves.append(Movement("sale", s["settlement_id"], s["order_no"], tenders))
                if s.get("outcome") == "refund_case":
                    moves.append(Movement("double_payment", s["settlement_id"], s["order_no"], tenders))
        for m in self.movements.values():
            if m["store_id"] == store_id and m["business_date"] == business_date:
                moves.append(Movement(m["kind"], m["ref"], m["order_no"],
                                      tuple((t["tender"], t["amount_minor"]) for t in m["tenders"])))
        from datetime import date as _date

        return compute_statement(store_id=store_id, platform_id="demo-shop",
                                 business_date=_date.fromisoformat(business_date), currency="CNY",
                                 contract=Contract("demo-shop", 150), movements=moves,
                                 extra={"remittances": []}).to_json()

    def post_statement_accepted(self, payload, idempotency_key):
        self._enter("post_statement_accepted", payload["number"], idempotency_key)
        accepted = self.accepted
        earlier = accepted.get(payload["number"])
        if earlier is not None and earlier["digest"] != payload["digest"]:
            raise PlatformRefused("statement_changed", "an accepted statement never changes", status=409)
        accepted[payload["number"]] = dict(payload)
        return {"number": payload["number"], "digest": payload["digest"], "matches": True}

    def post_remittance(self, payload, idempotency_key):
        self._enter("post_remittance", payload["number"], idempotency_key)
        remitted = self.remitted
        earlier = remitted.get(payload["number"])
        if earlier is not None and earlier["amount_minor"] != payload["amount_minor"]:
            raise PlatformRefused("remittance_mismatch", "paid before with another amount", status=409)
        remitted[payload["number"]] = dict(payload)
        return {"remittance": {**payload, "state": "received"}}

    def remittances(self, store_id):
        self._enter("remittances", store_id)
        remitted = self.remitted
        accepted = self.accepted
        return {"remittances": [{**r, "state": "received"} for r in remitted.values()],
                "statements": [{"number": n, "business_date": a.get("business_date"), "net_minor": a.get("net_minor"),
                                "currency": a.get("currency"), "state": "received" if n in remitted else "outstanding"}
                               for n, a in accepted.items()]}


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

