"""The audit trail's rules against the fakes: the hash format, one chain per terminal, what verify
finds, what never goes into details, and the entries sign-in and approval leave."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from pos_terminal.domain.errors import AccountLocked, NotAllowed, SignInRefused
from pos_terminal.domain.model import LockoutPolicy, Permission, Role
from pos_terminal.services import audit, users
from tests.conftest import FAST_HASHER
from tests.fakes import FakeClock, FakeUnitOfWork

AT = datetime(2026, 11, 22, 2, 0, 0, 123456, tzinfo=timezone.utc)
POLICY = LockoutPolicy(3)


@pytest.fixture
def uow():
    return FakeUnitOfWork()


def rec(uow, terminal="T01", action=audit.NO_SALE, commit=True, **kw):
    with uow:
        entry = audit.record(uow, at=kw.pop("at", AT), terminal_id=terminal, action=action, **kw)
        if commit:
            uow.commit()
    return entry


def rows(uow):
    return uow.committed_store.audit


def test_the_hash_is_sha256_of_prev_hash_and_the_documented_canonical_json():
    entry_id = uuid.UUID("01890a5d-ac96-774b-bcce-b302099a8057")
    user_id = uuid.UUID("11111111-2222-3333-4444-555555555555")
    content = audit.canonical(id=entry_id, terminal_id="T01", at=AT.astimezone(timezone(timedelta(hours=8))),
                              user_id=user_id, username="8001", action="no_sale", subject=None, outcome="ok",
                              details={"reason": "换零钱", "amount_minor": 0})
    expected = ('{"action":"no_sale","at":"2026-11-22T02:00:00.123456+00:00","details":{"amount_minor":0,'
                '"reason":"换零钱"},"id":"01890a5d-ac96-774b-bcce-b302099a8057","outcome":"ok","subject":null,'
                '"terminal_id":"T01","user_id":"11111111-2222-3333-4444-555555555555","username":"8001"}')
    assert content == expected.encode("utf-8")
    assert audit.chain_hash(audit.GENESIS, content) == hashlib.sha256(
        ("0" * 64 + expected).encode("utf-8")).hexdigest()


def test_each_terminal_has_its_own_chain_starting_at_64_zeros(uow):
    a1 = rec(uow, "T01")
    b1 = rec(uow, "T02")
    a2 = rec(uow, "T01", action=audit.REPRINT, subject="sale receipt 7")
    assert a1.prev_hash == b1.prev_hash == "0" * 64
    assert a2.prev_hash == a1.hash and a1.hash != b1.hash
    stored = rows(uow)[-1]
    assert stored["hash"] == a2.hash and stored["seq"] == a2.seq == 3
    result = audit.verify(lambda: uow)
    assert result.ok and [(c.terminal_id, c.rows) for c in result.chains] == [("T01", 2), ("T02", 1)]


def test_an_entry_rolled_back_with_its_caller_is_not_there(uow):
    rec(uow, commit=False)
    assert rows(uow) == []


def test_who_comes_from_a_signed_in_user_a_user_or_an_actor(uow):
    uid = uuid.uuid4()
    signed = users.SignedIn(uid, "1001", "Zhang", Role.CASHIER)
    assert (rec(uow, user=signed).user_id, rec(uow, user=signed).username) == (uid, "1001")
    actor = rec(uow, user=audit.Actor(None, "x" * 100))
    assert actor.user_id is None and actor.username == "x" * 64
    system = rec(uow)
    assert (system.user_id, system.username) == (None, None)


def test_secrets_never_reach_details_at_any_depth(uow):
    entry = rec(uow, details={"pin": "1357", "Card_No": "8800000000000001", "track": "%B88^X?",
                              "voucher": "eyJhbGciOi...", "order_no": "PO1",
                              "tender": {"card_no": "8800000000000001", "last4": "0001"},
                              "legs": [{"pin": "0000", "route": Permission.APPROVE}], "codes": ("A", "B")})
    assert entry.details == {"order_no": "PO1", "tender": {"last4": "0001"},
                             "legs": [{"route": "approve"}], "codes": ["A", "B"]}
    said = repr([(r["details"], r["subject"]) for r in rows(uow)])
    assert "8800000000000001" not in said and "1357" not in said and "eyJ" not in said


def test_bad_calls_are_refused_before_anything_is_written(uow):
    with pytest.raises(ValueError, match="naive"):
        rec(uow, at=datetime(2026, 1, 1))
    with pytest.raises(ValueError, match="terminal id"):
        rec(uow, terminal="")
    with pytest.raises(ValueError, match="action"):
        rec(uow, action="")
    assert rows(uow) == []


def test_verify_finds_a_changed_row_a_deleted_row_and_a_forged_insert(uow):
    for i in range(5):
        rec(uow, subject=f"s{i}", at=AT + timedelta(seconds=i))
    store = uow.committed_store
    store.audit[1]["outcome"] = "refused"  # changed in place: seq 2
    r = audit.verify(lambda: uow)
    assert not r.ok and (r.chains[0].first.seq, r.chains[0].first.kind) == (2, audit.CHANGED)
    assert len(r.chains[0].breaks) == 1  # the rows after it still link to its stored hash

    store.audit[1]["outcome"] = "ok"
    del store.audit[2]  # seq 3 gone: seq 4 no longer links
    r = audit.verify(lambda: uow)
    assert [(b.seq, b.kind) for b in r.chains[0].breaks] == [(4, audit.DELETED_OR_INSERTED)]

    forged = dict(store.audit[1], seq=3, id=uuid.uuid4(), subject="forged", prev_hash=store.audit[1]["hash"])
    forged["hash"] = audit._entry_hash(forged)  # forged by someone who knows the rule
    store.audit.insert(2, forged)
    r = audit.verify(lambda: uow)
    assert [(b.seq, b.kind) for b in r.chains[0].breaks] == [(4, audit.DELETED_OR_INSERTED)]


def test_a_seq_gap_alone_is_not_a_finding(uow):
    rec(uow)
    uow.committed_store.audit[0]["seq"] = 10  # as if PostgreSQL skipped numbers after rollbacks
    rec(uow)
    assert uow.committed_store.audit[-1]["seq"] == 11
    assert audit.verify(lambda: uow).ok


def test_cutting_off_the_tail_is_found_only_with_an_anchor(uow):
    rec(uow)
    closed = rec(uow, action=audit.DAY_CLOSE)  # its hash is printed on the Z report
    uow.committed_store.audit.pop()
    assert audit.verify(lambda: uow).ok  # the chain alone cannot tell
    r = audit.verify(lambda: uow, anchors=[closed.hash.upper()])
    assert not r.ok and r.anchors_missing == [closed.hash]
    assert audit.verify(lambda: uow, anchors=[uow.committed_store.audit[0]["hash"]]).ok


def test_entries_newest_first_with_limit_and_since(uow):
    for i in range(4):
        rec(uow, at=AT + timedelta(minutes=i), subject=str(i))
    rec(uow, "T02")
    assert [e.subject for e in audit.entries(lambda: uow, "T01", limit=3)] == ["3", "2", "1"]
    assert [e.subject for e in audit.entries(lambda: uow, "T01", since=AT + timedelta(minutes=2))] == ["3", "2"]
    assert len(audit.entries(lambda: uow, None)) == 5


def test_settings_diff_names_changed_keys_and_hides_secret_values():
    before = {"kind": "wedge", "serial": {"port": "/dev/ttyACM0", "baud": 9600}, "api_key": "a", "password": "p"}
    after = {"kind": "serial", "serial": {"port": "/dev/ttyACM0", "baud": 115200}, "api_key": "b", "password": "q"}
    diff = audit.settings_diff(before, after)
    assert diff["changed"] == ["api_key", "kind", "password", "serial.baud"]
    assert diff["values"] == {"kind": {"from": "wedge", "to": "serial"}, "serial.baud": {"from": 9600, "to": 115200}}


def test_action_names_are_stable():
    assert {audit.SIGN_IN, audit.SIGN_IN_FAILED, audit.SIGN_OUT, audit.APPROVAL, audit.VOID, audit.REFUND,
            audit.OVERRIDE, audit.NO_SALE, audit.REPRINT, audit.SETTINGS_CHANGE, audit.SHIFT_OPEN, audit.SHIFT_CLOSE,
            audit.CASH_DROP, audit.PAY_OUT, audit.PAY_IN, audit.DAY_CLOSE, audit.RECONCILE} == audit.ACTIONS
    assert audit.SIGN_IN_FAILED == "sign_in_failed" and audit.DAY_CLOSE == "day_close" and audit.NO_SALE == "no_sale"


# -- the entries sign-in and approval leave -----------------------------------------------------------


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def staff(uow, clock):
    users.add_user(uow, FAST_HASHER, clock, username="1001", display_name="Li", role=Role.CASHIER, pin="1357")
    users.add_user(uow, FAST_HASHER, clock, username="8001", display_name="Wang", role=Role.MANAGER, pin="8642")


def actions(uow):
    return [(r["action"], r["username"], r["outcome"], r["details"].get("reason")) for r in rows(uow)]


def test_sign_in_and_every_refused_attempt_are_recorded_and_committed(uow, clock, staff):
    users.sign_in(uow, FAST_HASHER, clock, POLICY, username="1001", pin="1357", terminal_id="T01")
    with pytest.raises(SignInRefused):
        users.sign_in(uow, FAST_HASHER, clock, POLICY, username="1001", pin="0000", terminal_id="T01")
    with pytest.raises(SignInRefused):
        users.sign_in(uow, FAST_HASHER, clock, POLICY, username="nobody", pin="1357", terminal_id="T01")
    assert actions(uow) == [("sign_in", "1001", "ok", None), ("sign_in_failed", "1001", "refused", "wrong_pin"),
                            ("sign_in_failed", "nobody", "refused", "unknown_user")]
    assert rows(uow)[1]["details"]["attempts_left"] == 2 and rows(uow)[2]["user_id"] is None
    assert all(r["terminal_id"] == "T01" and r["at"] == clock.now() for r in rows(uow))
    said = repr([(r["details"], r["subject"], r["username"]) for r in rows(uow)])
    assert "1357" not in said and "0000" not in said


def test_a_locked_account_is_recorded_when_it_locks_and_when_it_is_tried(uow, clock, staff):
    for _ in range(3):
        with pytest.raises(SignInRefused):
            users.sign_in(uow, FAST_HASHER, clock, POLICY, username="1001", pin="9999", terminal_id="T01")
    with pytest.raises(AccountLocked):
        users.sign_in(uow, FAST_HASHER, clock, POLICY, username="1001", pin="1357", terminal_id="T01")
    assert rows(uow)[2]["details"]["locked"] is True
    assert actions(uow)[-1] == ("sign_in_failed", "1001", "refused", "account_locked")
    assert audit.verify(lambda: uow).ok


def test_approvals_record_the_permission_and_refusals(uow, clock, staff):
    users.approve(uow, FAST_HASHER, clock, POLICY, username="8001", pin="8642", terminal_id="T01")
    with pytest.raises(NotAllowed):
        users.approve(uow, FAST_HASHER, clock, POLICY, username="1001", pin="1357", terminal_id="T01",
                      permission=Permission.APPROVE)
    with pytest.raises(SignInRefused):
        users.approve(uow, FAST_HASHER, clock, POLICY, username="8001", pin="1111", terminal_id="T01")
    assert actions(uow) == [("approval", "8001", "ok", None), ("approval", "1001", "refused", "not_allowed"),
                            ("approval", "8001", "refused", "wrong_pin")]
    assert {r["details"]["permission"] for r in rows(uow)} == {Permission.APPROVE.value}
    assert rows(uow)[0]["subject"] == Permission.APPROVE.value


def test_without_a_terminal_id_sign_in_records_nothing(uow, clock, staff):
    users.sign_in(uow, FAST_HASHER, clock, POLICY, username="1001", pin="1357")
    with pytest.raises(SignInRefused):
        users.sign_in(uow, FAST_HASHER, clock, POLICY, username="nobody", pin="1357")
    assert rows(uow) == []
