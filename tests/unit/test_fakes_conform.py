"""The fakes of tests/fakes.py implement their ports whole.

Checked twice: by mypy (`make test` type-checks this file strictly, see [mypy] in setup.cfg: each
assignment below of a fake to a port-typed name fails when a method is missing or its signature
is one the port does not accept), and at run time here (every method the port declares exists
on the fake and takes the port's parameters), so a plain pytest run catches a gap too."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from pos_terminal import ports
from pos_terminal.ports.statements import StatementRepository
from pos_terminal.storage.files import FileKeyCache, FilePhotoStore
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
from tests.fakes import FakeClock, FakeDrawer, FakeKeyCache, FakePhotoStore, FakeUnitOfWork


def _typed_conformance() -> None:
    """Never called: mypy reads it."""
    store = Store()
    uow: ports.UnitOfWork = FakeUnitOfWork()
    with FakeUnitOfWork() as entered:
        inside: ports.UnitOfWork = entered
    users: ports.UserRepository = FakeUsers(store)
    orders: ports.OrderRepository = FakeOrders(store)
    sales: ports.SaleRepository = FakeSales(store)
    shifts: ports.ShiftRepository = FakeShifts(store)
    receipts: ports.ReceiptRepository = FakeReceipts(store)
    outbox: ports.OutboxRepository = FakeOutbox(store)
    refunds: ports.RefundRepository = FakeRefunds(store)
    card_requests: ports.CardRequestRepository = FakeCardRequests(store)
    audit: ports.AuditRepository = FakeAuditLog(store)
    cash: ports.CashRepository = FakeCash(store)
    days: ports.BusinessDayRepository = FakeDays(store)
    paybacks: ports.PaybackRepository = FakePaybacks(store)
    statements: StatementRepository = FakeStatements(store)
    del statements
    clock: ports.Clock = FakeClock()
    drawer: ports.CashDrawer = FakeDrawer()
    photos: ports.PhotoStore = FakePhotoStore()
    keys: ports.KeyCache = FakeKeyCache()
    # the filesystem adapters answer to the same ports
    file_photos: ports.PhotoStore = FilePhotoStore("photos")
    file_keys: ports.KeyCache = FileKeyCache("keys.json")
    del (uow, inside, users, orders, sales, shifts, receipts, outbox, refunds, card_requests, audit, cash, days,
         paybacks, clock, drawer, photos, keys, file_photos, file_keys)


REPOSITORIES: dict[str, tuple[type[Any], type[Any]]] = {
    "users": (ports.UserRepository, FakeUsers),
    "orders": (ports.OrderRepository, FakeOrders),
    "sales": (ports.SaleRepository, FakeSales),
    "shifts": (ports.ShiftRepository, FakeShifts),
    "receipts": (ports.ReceiptRepository, FakeReceipts),
    "outbox": (ports.OutboxRepository, FakeOutbox),
    "refunds": (ports.RefundRepository, FakeRefunds),
    "card_requests": (ports.CardRequestRepository, FakeCardRequests),
    "audit": (ports.AuditRepository, FakeAuditLog),
    "cash": (ports.CashRepository, FakeCash),
    "days": (ports.BusinessDayRepository, FakeDays),
    "paybacks": (ports.PaybackRepository, FakePaybacks),
}
# issue 16: a repository of its own port module (ports.statements.StatementUnitOfWork)
EXTENDED: dict[str, tuple[type[Any], type[Any]]] = {"statements": (StatementRepository, FakeStatements)}

PAIRS: list[tuple[type[Any], type[Any]]] = [
    *REPOSITORIES.values(), *EXTENDED.values(), (ports.UnitOfWork, FakeUnitOfWork), (ports.Clock, FakeClock),
    (ports.CashDrawer, FakeDrawer), (ports.PhotoStore, FakePhotoStore), (ports.KeyCache, FakeKeyCache),
    (ports.PhotoStore, FilePhotoStore), (ports.KeyCache, FileKeyCache),
]


def _members(protocol: type[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for klass in reversed(protocol.__mro__):
        if klass in (object,) or not getattr(klass, "_is_protocol", False):
            continue
        for name, value in vars(klass).items():
            if not name.startswith("_") or name in ("__enter__", "__exit__"):
                found[name] = value
    return found


@pytest.mark.parametrize(("protocol", "fake"), PAIRS, ids=lambda c: c.__name__)
def test_every_method_of_the_port_is_on_the_fake_with_its_parameters(protocol: type[Any], fake: type[Any]) -> None:
    for name, declared in _members(protocol).items():
        if isinstance(declared, property):
            continue  # attributes: the unit of work sets its repositories on entering (checked below)
        if not callable(declared):
            continue
        assert hasattr(fake, name), f"{fake.__name__} lacks {name}() of {protocol.__name__}"
        wanted = inspect.signature(declared).parameters
        have = inspect.signature(getattr(fake, name)).parameters
        takes_any = any(p.kind is p.VAR_KEYWORD for p in have.values())
        for pname, param in wanted.items():
            if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
                continue
            assert pname in have or takes_any, f"{fake.__name__}.{name}() lacks the parameter {pname!r}"
            if param.default is not param.empty and pname in have:
                assert have[pname].default is not have[pname].empty, \
                    f"{fake.__name__}.{name}({pname}) needs a default like the port's"


def test_the_fake_unit_of_work_has_every_repository_of_the_port() -> None:
    declared = {name for name, v in _members(ports.UnitOfWork).items() if isinstance(v, property)}
    assert declared == set(REPOSITORIES)
    with FakeUnitOfWork() as uow:
        for name, (_protocol, fake) in {**REPOSITORIES, **EXTENDED}.items():
            assert isinstance(getattr(uow, name), fake)
