"""The audit trail in real storage (SQLite and PostgreSQL): the database refuses changes, a chain
broken on purpose (triggers dropped, as someone with the database file would) is detected, the
chain does not fork under concurrent writers, and the chain lock never outlives its transaction.
Then the entries the terminal's own flows leave: sign-in, approval, void, reprint, settings."""

from __future__ import annotations

import logging
import threading
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa

from pos_terminal.clock import SystemClock
from pos_terminal.domain.errors import SignInRefused, StorageError
from pos_terminal.domain.model import Role
from pos_terminal.scan_codes import ScanKind
from pos_terminal.services import audit, users
from pos_terminal.services.checkout import CheckoutContext, CheckoutSession, reprint_last_receipt
from pos_terminal.services.orders import PaymentTarget
from pos_terminal.services.sales import LineSpec, OrderSpec
from pos_terminal.storage.audit_repo import chain_lock
from pos_terminal.storage.orm import audit_log
from tests.checkout_fakes import FakePrinter
from tests.conftest import FAST_HASHER
from tests.sale_helpers import open_shift

CLOCK = SystemClock()


def rec(uow_factory, terminal="T01", action=audit.NO_SALE, **kw):
    with uow_factory() as uow:
        entry = audit.record(uow, at=CLOCK.now(), terminal_id=terminal, action=action, **kw)
        uow.commit()
    return entry


def drop_triggers(engine):
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_change ON audit_log")
        else:
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_delete")


def breaks(uow_factory, terminal="T01"):
    result = audit.verify(uow_factory, terminal)
    return [(b.seq, b.kind) for b in result.chains[0].breaks]


def taken_by_other_thread(terminal="T01", timeout=2.0) -> bool:
    """True when another thread can take the terminal's chain lock (nobody holds it)."""
    got = []

    def take():
        lock = chain_lock(terminal)
        if lock.acquire(timeout=timeout):
            got.append(True)
            lock.release()

    t = threading.Thread(target=take)
    t.start()
    t.join()
    return bool(got)


def test_entries_round_trip_and_verify_whole(uow_factory):
    first = rec(uow_factory, details={"reason": "换零钱", "nested": {"n": 1, "list": [1, "二"]}})
    second = rec(uow_factory, action=audit.REPRINT, subject="sale receipt 3", outcome="ok")
    rec(uow_factory, "T02")
    assert second.prev_hash == first.hash and first.prev_hash == audit.GENESIS
    got = audit.entries(uow_factory, "T01")
    assert [e.hash for e in got] == [second.hash, first.hash]
    assert got[1].details == {"reason": "换零钱", "nested": {"n": 1, "list": [1, "二"]}}
    assert got[1].at == first.at and got[1].at.utcoffset() == timedelta(0) and got[1].id == first.id
    result = audit.verify(uow_factory)
    assert result.ok and result.rows == 3 and [c.terminal_id for c in result.chains] == ["T01", "T02"]


def test_the_database_refuses_update_and_delete(engine, uow_factory):
    entry = rec(uow_factory)
    for statement in ("UPDATE audit_log SET outcome = 'refused'", "DELETE FROM audit_log"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            with engine.begin() as conn:
                conn.exec_driver_sql(statement)
    assert audit.entries(uow_factory, "T01")[0].hash == entry.hash and audit.verify(uow_factory).ok


def test_a_changed_field_is_detected(engine, uow_factory):
    entries = [rec(uow_factory, subject=f"s{i}") for i in range(4)]
    drop_triggers(engine)
    with engine.begin() as conn:
        conn.execute(sa.update(audit_log).where(audit_log.c.seq == entries[1].seq).values(username="someone"))
    assert breaks(uow_factory) == [(entries[1].seq, audit.CHANGED)]


def test_a_rewritten_row_with_a_recomputed_hash_breaks_the_next_link(engine, uow_factory):
    entries = [rec(uow_factory, subject=f"s{i}") for i in range(4)]
    drop_triggers(engine)
    row = {k: v for k, v in entries[1].__dict__.items()}
    row["outcome"] = "refused"
    new_hash = audit._entry_hash(row)
    with engine.begin() as conn:
        conn.execute(sa.update(audit_log).where(audit_log.c.seq == entries[1].seq)
                     .values(outcome="refused", hash=new_hash))
    assert breaks(uow_factory) == [(entries[2].seq, audit.DELETED_OR_INSERTED)]


def test_a_deleted_middle_row_is_detected(engine, uow_factory):
    entries = [rec(uow_factory, subject=f"s{i}") for i in range(5)]
    drop_triggers(engine)
    with engine.begin() as conn:
        conn.execute(sa.delete(audit_log).where(audit_log.c.seq == entries[2].seq))
    result = audit.verify(uow_factory, "T01")
    assert not result.ok and result.chains[0].rows == 4
    assert breaks(uow_factory) == [(entries[3].seq, audit.DELETED_OR_INSERTED)]


def test_a_forged_row_inserted_in_the_middle_is_detected(engine, uow_factory):
    """The forger knows the hashing rule and links the forged row to its predecessor: the row
    after it still names the real predecessor's hash."""
    a1, b1, a2, b2, a3 = (rec(uow_factory, t) for t in ("T01", "T02", "T01", "T02", "T01"))
    drop_triggers(engine)
    forged = {"seq": b2.seq, "id": uuid.uuid4(), "terminal_id": "T01", "at": a2.at + timedelta(seconds=1),
              "user_id": None, "username": "8001", "action": audit.APPROVAL, "subject": "approve", "outcome": "ok",
              "details": {}, "prev_hash": a2.hash}
    forged["hash"] = audit._entry_hash(forged)
    with engine.begin() as conn:
        conn.execute(sa.delete(audit_log).where(audit_log.c.seq == b2.seq))
        conn.execute(sa.insert(audit_log).values(**forged))
    assert breaks(uow_factory, "T01") == [(a3.seq, audit.DELETED_OR_INSERTED)]
    assert audit.verify(uow_factory, "T02").ok  # b2 was T02's newest: a cut-off tail, seen only by an anchor
    assert not audit.verify(uow_factory, "T02", anchors=[b2.hash]).ok


def test_an_entry_rolls_back_with_its_caller_and_releases_the_lock(uow_factory):
    with pytest.raises(RuntimeError):
        with uow_factory() as uow:
            audit.record(uow, at=CLOCK.now(), terminal_id="T01", action=audit.VOID)
            assert not taken_by_other_thread(timeout=0.2)  # held until the transaction ends
            raise RuntimeError("the caller failed")
    assert taken_by_other_thread()
    assert audit.entries(uow_factory, "T01") == []


def test_a_failed_commit_releases_the_lock_exactly_once(uow_factory, caplog):
    users.add_user(uow_factory(), FAST_HASHER, CLOCK, username="1001", display_name="Li", role=Role.CASHIER,
                   pin="1357")
    caplog.set_level(logging.ERROR)
    uow = uow_factory()
    with uow:
        audit.record(uow, at=CLOCK.now(), terminal_id="T01", action=audit.SETTINGS_CHANGE)
        audit.record(uow, at=CLOCK.now(), terminal_id="T01", action=audit.SETTINGS_CHANGE)  # same transaction
        from pos_terminal.domain.model import User
        uow.users.add(User("1001", "dup", Role.CASHIER, "x", created_at=CLOCK.now()))
        with pytest.raises(StorageError):
            uow.commit()
        assert taken_by_other_thread()
    assert taken_by_other_thread()
    assert audit.entries(uow_factory, "T01") == []
    assert "wrong thread" not in caplog.text
    entry = rec(uow_factory)  # the chain goes on from its start
    assert entry.prev_hash == audit.GENESIS and audit.verify(uow_factory).ok


def test_concurrent_writers_never_fork_the_chain(uow_factory):
    errors = []

    def worker(k):
        try:
            for i in range(15):
                rec(uow_factory, subject=f"w{k}-{i}")
        except Exception as exc:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    result = audit.verify(uow_factory, "T01")
    assert result.ok and result.rows == 60
    hashes = {e.prev_hash for e in audit.entries(uow_factory, "T01", limit=100)}
    assert len(hashes) == 60  # no two entries share a predecessor


# -- what the terminal's flows leave (SQLite demo terminal) ----------------------------------------

ORDER = OrderSpec("PO000000009001", "m-tea", "好物商城", "CNY", (
    LineSpec(1, "TEA", "乌龙茶", 1250, 2, ("IC0000000090010001", "IC0000000090010002")),))


def _session(terminal, cashier, printer, order=ORDER):
    ids = terminal.settings.terminal
    ctx = CheckoutContext(terminal.uow, terminal.clock, ids.terminal_id, ids.store_id, ids.store_name, ids.timezone,
                          cashier.user_id, cashier.display_name, None, None, printer, None,
                          render_receipt=lambda info: {"receipt_no": info.receipt_no, "copy": info.copy})
    return CheckoutSession(PaymentTarget(order, ScanKind.VOUCHER, "v-1", True), ctx), ctx


def log_of(terminal):
    return [(e.action, e.username, e.outcome) for e in reversed(audit.entries(terminal.uow, "T01"))]


def test_sign_in_approval_void_reprint_and_settings_are_recorded(terminal, app, tmp_path):
    with pytest.raises(SignInRefused):
        app.users.sign_in("1001", "0000")
    cashier = app.users.sign_in("1001", "1357")
    manager = app.users.approve("8001", "8642")
    open_shift(terminal.day_context(), cashier)
    assert log_of(terminal) == [("sign_in_failed", "1001", "refused"), ("sign_in", "1001", "ok"),
                                ("approval", "8001", "ok"), ("shift_open", "1001", "ok")]

    printer = FakePrinter()
    s, _ = _session(terminal, cashier, printer)
    s.take_cash(1000)
    s.cancel(manager, "buyer changed mind")
    void = audit.entries(terminal.uow, "T01")[0]
    assert (void.action, void.username, void.subject, void.outcome) == ("void", "1001", ORDER.order_no, "ok")
    assert void.details["manager"] == "8001" and void.details["manager_id"] == str(manager.user_id)
    assert void.details["amount_minor"] == 1000 and void.details["reason"] == "buyer changed mind"

    s, ctx = _session(terminal, cashier, printer, ORDER)
    s.take_cash(2500)
    done = s.complete()
    assert done.printed and audit.entries(terminal.uow, "T01")[0].action == "void"  # the original is no reprint
    s.print_receipt("buyer asked")
    reprint_last_receipt(ctx, "receipt lost")
    reprints = [e for e in audit.entries(terminal.uow, "T01") if e.action == "reprint"]
    assert [(e.details["receipt_no"], e.details["reason"], e.details["copies_before"], e.username)
            for e in reprints] == [(done.sale.receipt_no, "receipt lost", 2, "1001"),
                                   (done.sale.receipt_no, "buyer asked", 1, "1001")]

    terminal.settings_file = path = tmp_path / "settings.toml"
    app.settings.save_section("scanner", {"kind": "serial", "serial": {"port": "/dev/ttyACM0"}}, user=manager)
    change = audit.entries(terminal.uow, "T01")[0]
    assert (change.action, change.subject, change.username) == ("settings_change", "scanner", "8001")
    assert change.details["file"] == str(path)
    assert "kind" in change.details["changed"] and change.details["values"]["kind"]["to"] == "serial"
    assert "serial.port" in change.details["changed"]

    app.users.sign_out(cashier)
    result = audit.verify(terminal.uow)
    assert result.ok and result.rows == len(log_of(terminal)) == 9
