"""Money moved at the counter besides a sale reaches the platform (issue 16), against the sandbox
on loopback: a refund paid out leg by leg (a bank card and cash), a void after money was taken,
and a double payment paid back go through the outbox exactly once under their own keys; a crash
between the commit and the send loses nothing (the outbox row is in the payout's transaction);
the platform's day statement lists them and agrees with a statement computed from the terminal's
own records (compare_statements is empty); the day's reconciliation totals count them."""

from __future__ import annotations

import uuid
from datetime import date
from zoneinfo import ZoneInfo

import pytest
import requests
from sqlalchemy import func, select

from pos_terminal.app.facades import App
from pos_terminal.domain.model import TenderKind
from pos_terminal.domain.model.statements import (
    DOUBLE_PAYMENT,
    PAYBACK,
    REFUND,
    SALE,
    VOID,
    Contract,
    Movement,
    Statement,
    compare_statements,
    compute_statement,
)
from pos_terminal.ports import PlatformRefused
from pos_terminal.scan_codes import ScanKind
from pos_terminal.services import audit, counter_money, refund_cases, refunds
from pos_terminal.services.checkout import CheckoutSession
from pos_terminal.services.orders import PaymentTarget
from pos_terminal.services.sales import RecordSale, TenderSpec, record_sale
from sync.outbox_worker import TOPICS, OutboxWorker
from sync.sandbox import db as sandbox_db
from sync.sandbox import seed
from tests.checkout_fakes import FakeCardTerminal
from tests.platform_helpers import (
    client_for,
    new_order,
    open_shift,
    outbox_rows,
    settings_for,
    spec_of,
    terminal_headers,
)
from tests.sale_helpers import terminal_checkout

pytestmark = pytest.mark.clock_sensitive

CONTRACT = Contract("demo-shop", 150, 0, "half_up")  # the sandbox's seeded contract of demo-store
TENDER = {"cash": "cash", "bank_card": "bank_card", "prepaid_card": "prepaid"}


@pytest.fixture
def server(tmp_path):
    """A sandbox of this test's own: the tests here compare whole day statements of today."""
    from pos_terminal.clock import SystemClock
    from sync.sandbox.server import SandboxServer

    with SandboxServer(db_url=f"sqlite:///{tmp_path / 'platform.sqlite3'}", clock=SystemClock()) as s:
        yield s


@pytest.fixture
def online(terminal_factory, server):
    return terminal_factory(settings_for(server.url))


def drain(terminal):
    return OutboxWorker(terminal.uow, terminal.platform, terminal.clock).drain_once()


def counter_rows(server, **where) -> list:
    t = sandbox_db.counter_movements
    with server.app.state.engine.connect() as conn:
        q = select(t)
        for k, v in where.items():
            q = q.where(t.c[k] == v)
        return list(conn.execute(q.order_by(t.c.kind, t.c.ref)))


def today_of(terminal) -> date:
    return terminal.clock.now().astimezone(ZoneInfo(terminal.settings.terminal.timezone)).date()


def terminal_movements(terminal) -> list[Movement]:
    """The terminal's own records as movements (what H2's service reads): sales' settlements,
    refund legs paid at the counter, voids from the audit trail, pay-backs."""
    from pos_terminal.services.refunds.common import legs_of
    from pos_terminal.storage import orm

    moves: list[Movement] = []
    held = [m.payload for m in outbox_rows(terminal) if m.topic == "settlement" and m.outcome == "refund_case"]
    for p in held:
        moves.append(Movement(DOUBLE_PAYMENT, p["settlement_id"], p["order_no"], tuple(sorted(
            (TENDER[t["kind"]], t["amount_minor"]) for t in p["tender_amounts"]))))
    with terminal.uow() as uow:
        s = uow.session
        for row in s.execute(select(orm.settlements)):
            shares = {}
            for t in row.tender_amounts or []:
                shares[TENDER[t["kind"]]] = shares.get(TENDER[t["kind"]], 0) + t["amount_minor"]
            if not shares:
                shares = {TENDER[row.tender_kinds.split(",")[0]]: row.amount_minor}
            moves.append(Movement(SALE, str(row.id), row.order_no, tuple(sorted(shares.items()))))
        for row in s.execute(select(orm.refund_cases).where(orm.refund_cases.c.payout_legs.is_not(None))):
            for i, leg in enumerate(legs_of(row.payout_legs) or []):
                if leg.done or (row.paid_out_at is not None and leg.route == "cash"):
                    if leg.route in counter_money.COUNTER_LEG_ROUTES:
                        moves.append(Movement(REFUND, f"{row.id}/{i}", row.order_no,
                                              ((TENDER[leg.route], leg.amount_minor),)))
        for row in uow.audit.actions_between(terminal.settings.terminal.terminal_id, audit.VOID,
                                             *_wide()):
            d = row.get("details") or {}
            if row.get("outcome") == audit.OK and d.get("given_back"):
                moves.append(Movement(VOID, d["ref"], d["order_no"], tuple(sorted(
                    (TENDER[g["kind"]], g["amount_minor"]) for g in d["given_back"]))))
        for row in s.execute(select(orm.refund_case_paybacks)):
            moves.append(Movement(PAYBACK, str(row.id), row.order_no, ((TENDER[row.route], row.amount_minor),)))
    return moves


def _wide():
    from datetime import datetime, timezone

    return datetime(2000, 1, 1, tzinfo=timezone.utc), datetime(2999, 1, 1, tzinfo=timezone.utc)


def statement_pair(terminals, client, day: date) -> tuple[Statement, Statement]:
    mine = [m for t in terminals for m in terminal_movements(t)]
    ours = compute_statement(store_id="demo-store", platform_id="demo-shop", business_date=day, currency="CNY",
                             contract=CONTRACT, movements=mine)
    theirs = Statement.from_json(client.platform_statement("demo-store", day.isoformat()))
    return ours, theirs


def test_a_split_refund_and_a_void_reach_the_platform_once_and_both_statements_agree(online, client, server):
    ids = online.settings.terminal
    cashier = open_shift(online)
    manager = App.of(online).users.approve("8001", "8642")
    # a sale of 3 units of 12.50: 20.00 by bank card, 17.50 in cash
    view = new_order(client, buyer="b-wang", qty=3)
    record_sale(RecordSale(ids.terminal_id, ids.store_id, cashier.user_id, spec_of(view), (
        TenderSpec(TenderKind.BANK_CARD, 2000, reference="CH-77", approval_code="A9", card_last4="4242"),
        TenderSpec(TenderKind.CASH, 1750, 2000))), online.uow(), online.clock)
    assert drain(online).outcomes == {"paid": 1}
    # two units back in one case: 20.00 to the card first, 5.00 in cash
    ctx = online.refund_context()
    ctx.card_terminal = FakeCardTerminal()
    codes = [c for line in client.get_order(view["order_no"])["lines"] for c in line["item_codes"]]
    items = [refunds.look_up(ctx, c) for c in codes[:2]]
    case = refunds.submit(ctx, refunds.take_in(ctx, items, "defective", [], cashier_id=cashier.user_id).case_id)
    done = refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id, cashier_name="Zhang")
    assert [(leg.route, leg.amount_minor) for leg in done.receipt.legs] == [("bank_card", 2000), ("cash", 500)]

    # a void: 5.00 cash taken for another order, then cancelled (the money handed back)
    other = new_order(client, buyer="b-wang", qty=1, price=990)
    session = CheckoutSession(PaymentTarget(spec_of(other), ScanKind.ORDER_NUMBER, None, False),
                              terminal_checkout(online, cashier, platform=online.platform))
    session.take_cash(500)
    session.cancel(manager, "buyer changed mind")

    # the crash between the commit and the send: nothing was sent yet, every message is in the outbox
    rows = [r for r in outbox_rows(online) if r.topic != "settlement"]
    assert [(r.topic, r.sent_at) for r in rows] == [("counter_refund", None), ("counter_refund", None),
                                                    ("void", None)]
    assert counter_rows(server, store_id="demo-store", order_no=view["order_no"]) == []
    refund_legs = [r.payload for r in rows if r.topic == "counter_refund"]
    assert [(p["ref"], p["tender"], p["amount_minor"], p["leg_index"]) for p in refund_legs] == [
        (f"{case.case_id}/0", "bank_card", 2000, 0), (f"{case.case_id}/1", "cash", 500, 1)]
    assert all(p["business_date"] == today_of(online).isoformat() for p in refund_legs)
    assert "receipt_no" not in refund_legs[0]  # a card leg is done before the refund receipt is numbered
    assert refund_legs[1]["receipt_no"] == done.receipt.receipt_no
    void = rows[2].payload
    assert (void["kind"], void["ref"], void["order_no"], void["tenders"]) == (
        "void", session.id, other["order_no"], [{"tender": "cash", "amount_minor": 500}])

    restarted = online  # the rows live in the database: the worker of the next start sends them
    result = drain(restarted)
    assert result.complete and result.sent == 3
    recorded = counter_rows(server, store_id="demo-store")
    assert sorted((r.kind, r.ref, r.amount_minor) for r in recorded) == sorted([
        ("refund", f"{case.case_id}/0", 2000), ("refund", f"{case.case_id}/1", 500), ("void", session.id, 500)])

    # sent twice (a lost answer): the same key gets the first answer, nothing is recorded twice
    for row in rows:
        first = client.post_counter_movement(row.payload, row.idempotency_key)
        r = requests.post(f"{server.url}/api/v1/counter-movements", json=row.payload, timeout=10,
                          headers={**terminal_headers(seed.DEMO_TERMINAL), "Idempotency-Key": row.idempotency_key})
        assert r.status_code == 201 and r.headers.get("Idempotent-Replayed") == "true" and r.json() == first
    with online.uow() as uow:  # and the worker itself, once more, after a crash before it recorded the answer
        for row in rows:
            uow.outbox.get(row.seq).sent_at = None
        uow.commit()
    assert drain(online).sent == 3 and len(counter_rows(server, store_id="demo-store")) == 3

    # the same key with another body is refused; the same movement under a new key is the record
    changed = dict(rows[2].payload, amount_minor=400, tenders=[{"tender": "cash", "amount_minor": 400}])
    with pytest.raises(PlatformRefused) as e:
        client.post_counter_movement(changed, rows[2].idempotency_key)
    assert e.value.code == "idempotency_key_reused" and e.value.status == 422
    with pytest.raises(PlatformRefused) as e:
        client.post_counter_movement(changed, f"again-{uuid.uuid4()}")
    assert e.value.code == "movement_conflict" and e.value.status == 409
    assert client.post_counter_movement(rows[2].payload, f"again-{uuid.uuid4()}")["movement"]["ref"] == session.id
    assert len(counter_rows(server, store_id="demo-store")) == 3

    # the platform's statement of the day lists them, and agrees with the terminal's own
    ours, theirs = statement_pair([online], client, today_of(online))
    assert compare_statements(ours, theirs) == []
    assert ours.digest == theirs.digest
    assert {(m.kind, m.ref) for m in theirs.movements} >= {
        (REFUND, f"{case.case_id}/0"), (REFUND, f"{case.case_id}/1"), (VOID, session.id)}
    assert theirs.line("refund_paid_out", "bank_card").amount_minor == 2000
    assert theirs.line("refund_paid_out", "cash").effect_minor == -500
    assert theirs.line("void_given_back", "cash").amount_minor == 500
    assert theirs.net_minor == 3750 - 2500 - CONTRACT.commission(3750)

    # the day's reconciliation answer counts them as their own figures
    answer = client.post_settlement_batch({"business_date": today_of(online).isoformat(), "timezone": "Asia/Shanghai",
                                           "currency": "CNY", "settlements": []}, str(uuid.uuid4()))
    figures = answer["platform"]
    assert (figures["counter_refund_count"], figures["counter_refund_minor"], figures["void_count"],
            figures["void_minor"], figures["counter_refund_cash_minor"], figures["counter_refund_bank_card_minor"]) \
        == (2, 2500, 1, 500, 500, 2000)
    assert "paid_count" in figures and "refund_case_count" in figures  # the existing figures stay


def test_the_platform_refuses_what_it_can_tell_is_wrong(online, client, server):
    ids = online.settings.terminal
    body = counter_money.movement_payload(
        kind="refund", ref=f"{uuid.uuid4()}/0", order_no="PO000000000000", tenders=(("cash", 100),), currency="CNY",
        at=online.clock.now(), business_date=today_of(online), store_id=ids.store_id, terminal_id=ids.terminal_id)
    with pytest.raises(PlatformRefused) as e:
        client.post_counter_movement(body, str(uuid.uuid4()))
    assert (e.value.status, e.value.code) == (404, "unknown_order")
    view = new_order(client)
    with pytest.raises(PlatformRefused) as e:  # another terminal's movement under this credential
        client.post_counter_movement(dict(body, order_no=view["order_no"], terminal_id="T02"), str(uuid.uuid4()))
    assert (e.value.status, e.value.code) == (403, "credential_mismatch")
    with pytest.raises(PlatformRefused) as e:  # a pay-back of a case that is not there
        client.post_counter_movement(dict(body, kind="double_payment_payback", order_no=view["order_no"],
                                          refund_case_id=str(uuid.uuid4())), str(uuid.uuid4()))
    assert (e.value.status, e.value.code) == (404, "unknown_refund_case")
    with pytest.raises(PlatformRefused) as e:  # tenders that do not add up
        client.post_counter_movement(dict(body, order_no=view["order_no"], amount_minor=99), str(uuid.uuid4()))
    assert e.value.status == 422
    with pytest.raises(PlatformRefused) as e:  # another store's statement
        client_for(server.url, seed.OTHER_STORE_TERMINAL).platform_statement("demo-store", "2030-01-01")
    assert (e.value.status, e.value.code) == (403, "credential_mismatch")

    # an outbox row the platform refuses for good is set aside for a person, not retried forever
    with online.uow() as uow:
        counter_money.queue(uow, counter_money.REFUND_TOPIC, body, online.clock.now(), ids.terminal_id)
        uow.commit()
    result = drain(online)
    assert (result.set_aside, result.attention) == (1, 1)
    assert set(TOPICS) >= {"settlement", "counter_refund", "void", "double_payment_payback"}


def test_a_double_payment_paid_back_is_in_both_statements(terminal_factory, server, tmp_path, monkeypatch):
    """The order paid at T01, then at T02 (both offline): the platform keeps the first payment and
    makes a refund case of the second, which T02 pays back in cash."""
    from pos_terminal.app.container import DATA_DIR_ENV
    from tests.integration.test_reconcile import Day, own_day
    from tests.platform_helpers import pay_cash

    api = client_for(server.url)
    view = new_order(api)
    clock = own_day(server)
    days = []
    for ident in (seed.DEMO_TERMINAL, seed.SECOND_TERMINAL):
        monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / ident[1]))
        d = Day(terminal_factory, server, ident, clock=clock)
        pay_cash(d.t, spec_of(view), offline=True)
        days.append(d)
    first, day = days
    assert first.drain().outcomes == {"paid": 1} and day.drain().outcomes == {"refund_case": 1}
    [case] = [c for c in refund_cases.list_cases(day.t.refund_context()) if c.order_no == view["order_no"]]
    ctx = day.t.refund_context(render_receipt=lambda info: info)
    done = refund_cases.pay_back(ctx, case.case_id, cashier=day.cashier, manager=day.manager)
    assert done.reported
    [row] = [r for r in outbox_rows(day.t) if r.topic == "double_payment_payback"]
    assert row.sent_at is None and row.payload["refund_case_id"] == case.case_id
    assert row.payload["business_date"] == day.date.isoformat()
    assert row.payload["receipt_no"] == done.receipt.receipt_no
    assert day.drain().sent == 1
    [recorded] = counter_rows(server, kind="double_payment_payback", order_no=view["order_no"])
    assert (recorded.terminal_id, recorded.amount_minor, recorded.refund_case_id, recorded.ref) == (
        "T02", view["total_minor"], case.case_id, row.payload["ref"])

    ours, theirs = statement_pair([first.t, day.t], api, day.date)
    assert compare_statements(ours, theirs) == []
    assert sorted(m.kind for m in theirs.movements) == sorted([SALE, SALE, PAYBACK, DOUBLE_PAYMENT])
    assert ours.digest == theirs.digest
    total = view["total_minor"]
    assert theirs.line("double_payment_held").amount_minor == total
    assert theirs.line("double_payment_paid_back", "cash").effect_minor == -total
    assert theirs.net_minor == 2 * total - total - 2 * CONTRACT.commission(total)
    answer = api.post_settlement_batch({"business_date": day.date.isoformat(), "timezone": "Asia/Shanghai",
                                        "currency": "CNY", "settlements": []}, str(uuid.uuid4()))
    assert answer["platform"]["payback_count"] == 0  # T01's own figures: the pay-back was T02's
    api.close()


def test_remittances_and_accepted_statements(online, client, server):
    day = today_of(online)
    st = Statement.from_json(client.platform_statement("demo-store", day.isoformat()))
    number = f"ST-{day:%Y%m%d}-000001"
    accepted = client.post_statement_accepted({"number": number, "business_date": day.isoformat(),
                                               "digest": st.digest, "net_minor": 1234, "currency": "CNY",
                                               "statement": st.to_json()}, "acc-1")
    assert accepted["matches"] is True and accepted["platform_digest"] == st.digest
    with pytest.raises(PlatformRefused) as e:  # an accepted statement never changes
        client.post_statement_accepted({"number": number, "business_date": day.isoformat(), "digest": "0" * 64,
                                        "net_minor": 1234, "currency": "CNY"}, "acc-2")
    assert (e.value.status, e.value.code) == (409, "statement_changed")
    altered = dict(st.to_json(), net_minor=st.net_minor + 1)
    with pytest.raises(PlatformRefused) as e:
        client.post_statement_accepted({"number": "ST-X", "business_date": day.isoformat(), "digest": st.digest,
                                        "net_minor": 1, "currency": "CNY", "statement": altered}, "acc-3")
    assert (e.value.status, e.value.code) == (422, "statement_altered")
    assert client.remittances("demo-store")["statements"][0]["state"] == "outstanding"
    with pytest.raises(PlatformRefused) as e:
        client.post_remittance({"number": number, "amount_minor": 999, "currency": "CNY", "reference": "TR-1",
                                "sent_at": online.clock.now().isoformat()}, "rem-0")
    assert (e.value.status, e.value.code) == (409, "remittance_mismatch")
    body = {"number": number, "amount_minor": 1234, "currency": "CNY", "reference": "TR-1",
            "sent_at": online.clock.now().isoformat()}
    first = client.post_remittance(body, "rem-1")
    assert first == client.post_remittance(body, "rem-1") and first["remittance"]["state"] == "received"
    assert client.post_remittance(body, "rem-2")["remittance"]["received_at"] == first["remittance"]["received_at"]
    listed = client.remittances("demo-store")
    assert [r["number"] for r in listed["remittances"]] == [number]
    assert listed["statements"][0]["state"] == "received"
    from datetime import timedelta

    nxt = Statement.from_json(client.platform_statement("demo-store", (day + timedelta(days=1)).isoformat()))
    assert nxt.extra["remittances"] == [dict(nxt.extra["remittances"][0], number=number, state="received",
                                             amount_minor=1234)]
    with server.app.state.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(sandbox_db.remittances)).scalar() == 1


def test_a_sale_after_the_z_counts_to_the_next_business_day_on_both_sides(terminal_factory, server):
    """The settlement names the terminal's business day: a sale made after the day's Z on the same
    calendar day is the next day's, in the platform's statement as on the terminal."""
    from datetime import timedelta

    from tests.integration.test_reconcile import Day
    from tests.platform_helpers import pay_cash

    day = Day(terminal_factory, server)
    api = client_for(server.url)
    before = new_order(api)
    pay_cash(day.t, spec_of(before))
    day.clock.advance(minutes=30)
    day.close()  # the Z at 11:30
    day.clock.advance(minutes=30)
    after = new_order(api)
    pay_cash(day.t, spec_of(after))
    sent = [r.payload for r in outbox_rows(day.t) if r.topic == "settlement"]
    assert [(p["order_no"], p["business_date"]) for p in sent] == [
        (before["order_no"], day.date.isoformat()), (after["order_no"], (day.date + timedelta(days=1)).isoformat())]
    assert day.drain().sent == 2
    first = Statement.from_json(api.platform_statement("demo-store", day.date.isoformat()))
    second = Statement.from_json(api.platform_statement("demo-store", (day.date + timedelta(days=1)).isoformat()))
    assert [m.order_no for m in first.movements] == [before["order_no"]]
    assert [m.order_no for m in second.movements] == [after["order_no"]]
    api.close()


def test_a_prepaid_credit_leg_is_told_as_a_prepaid_refund_that_moves_nothing(online, client, server):
    ids = online.settings.terminal
    cashier = open_shift(online)
    view = new_order(client, buyer="b-wang", qty=1, price=750)
    record_sale(RecordSale(ids.terminal_id, ids.store_id, cashier.user_id, spec_of(view), (
        TenderSpec(TenderKind.PREPAID_CARD, 500, reference="tx-1", card_last4="0001"),
        TenderSpec(TenderKind.CASH, 250))), online.uow(), online.clock)
    assert drain(online).outcomes == {"paid": 1}
    ctx = online.refund_context()
    code = client.get_order(view["order_no"])["lines"][0]["item_codes"][0]
    case = refunds.submit(ctx, refunds.take_in(ctx, [refunds.look_up(ctx, code)], "damaged", [],
                                               cashier_id=cashier.user_id).case_id)
    refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id, card_text="8800000000000001")
    legs = [(r.payload["ref"], r.payload["tenders"]) for r in outbox_rows(online) if r.topic == "counter_refund"]
    assert legs == [(f"{case.case_id}/0", [{"tender": "prepaid", "amount_minor": 500}]),
                    (f"{case.case_id}/1", [{"tender": "cash", "amount_minor": 250}])]
    assert drain(online).sent == 2
    ours, theirs = statement_pair([online], client, today_of(online))
    assert compare_statements(ours, theirs) == [] and ours.digest == theirs.digest
    prepaid = theirs.line("refund_paid_out", "prepaid")
    assert (prepaid.amount_minor, prepaid.effect_minor) == (500, 0)  # the platform's own stored value
    assert theirs.net_minor == 250 - 250 - CONTRACT.commission(750)
