"""Route 1 (direct) on a real terminal database and the sandbox platform on loopback: a manager
exports an accepted statement (payment file valid against the official pain.001.001.09 XSD, CSV,
PDF, written into the export folder, recorded and audited), marks the transfer sent (one
"remittance" outbox message, in the same transaction), the outbox worker tells the platform
exactly once, and the platform's answer moves the remittance to received."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import insert, select, update

from pos_terminal.app.facades import App
from pos_terminal.domain.errors import NotAllowed
from pos_terminal.domain.model.statements import REFUND, SALE, Contract, Movement, StatementError, compute_statement
from pos_terminal.services import audit
from pos_terminal.services.remittances import RemittanceRefused
from pos_terminal.storage import orm
from sync.outbox_worker import OutboxWorker
from tests.fakes import FakeClock
from tests.platform_helpers import settings_for

xmlschema = pytest.importorskip("xmlschema")
sepaxml = pytest.importorskip("sepaxml")

DAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def xsd():
    return xmlschema.XMLSchema(os.path.join(os.path.dirname(sepaxml.__file__), "schemas", "pain.001.001.09.xsd"))


def accept(terminal, *, refund: int = 0, day: date = DAY, number: str = "ST-20261201-000001", route: str = "direct"):
    """An accepted statement in settlement_statements, as the statements service stores one."""
    s = terminal.settings
    moves = [Movement(SALE, str(uuid.uuid4()), "PO1", (("cash", 12_000), ("bank_card", 3_000))),
             Movement(SALE, str(uuid.uuid4()), "PO2", (("cash", 2_500),))]
    if refund:
        moves.append(Movement(REFUND, f"{uuid.uuid4()}/0", "PO1", (("cash", refund),)))
    st = compute_statement(store_id=s.terminal.store_id, platform_id=s.platform.id, business_date=day,
                           currency=s.terminal.currency, contract=Contract(s.platform.id, 150), movements=moves)
    st = st.accepted(number, terminal.clock.now(), "8001")
    with terminal.engine.begin() as conn:
        conn.execute(insert(orm.settlement_statements).values(
            id=uuid.uuid4(), store_id=st.store_id, platform_id=st.platform_id, business_date=day, currency=st.currency,
            number=number, digest=st.digest, body=st.to_json(), computed_at=st.accepted_at,
            accepted_at=st.accepted_at, route=route))
    return st


def outbox(terminal, topic="remittance"):
    with terminal.engine.connect() as conn:
        return list(conn.execute(select(orm.outbox).where(orm.outbox.c.topic == topic)))


def entries(terminal, action):
    return [e for e in audit.entries(terminal.uow, None, limit=50) if e.action == action]


@pytest.fixture
def setup(terminal_factory, server, tmp_path):
    clock = FakeClock(datetime(2026, 12, 2, 1, 0, tzinfo=timezone.utc))
    terminal = terminal_factory(settings_for(server.url), clock=clock)
    app = App.of(terminal)
    return terminal, app, app.users.sign_in("8001", "8642")


def test_export_mark_sent_and_the_platform_receives_it(setup, server, xsd):
    terminal, app, manager = setup
    st = accept(terminal)
    assert st.net_minor == 17_237  # 17500 held less 263 commission (225 + 37.5 rounded half up to 38)

    done = app.remittances.export(manager, st.number)
    assert done.xml.parent == terminal.paths.root / "settlement"
    data = done.xml.read_bytes()
    xsd.validate(data.decode())
    assert b"<EndToEndId>ST-20261201-000001</EndToEndId>" in data
    assert b'<InstdAmt Ccy="CNY">172.37</InstdAmt>' in data
    assert done.digest == hashlib.sha256(data).hexdigest()
    rows = list(csv.DictReader(io.StringIO(done.csv.read_text(encoding="utf-8-sig"))))
    assert rows[-1]["record"] == "net" and rows[-1]["effect"] == "172.37"
    assert done.pdf is not None and done.pdf.read_bytes().startswith(b"%PDF")
    [row] = app.remittances.list(manager)
    assert (row.number, row.state, row.amount_minor, row.file_digest) == (st.number, "exported", 17_237, done.digest)
    [entry] = entries(terminal, "remittance_export")
    assert entry.subject == st.number and entry.username == manager.username

    terminal.clock.advance(days=1)
    again = app.remittances.export(manager, st.number)  # the file was lost: the same file again
    assert again.xml.read_bytes() == data

    view = app.remittances.mark_sent(manager, st.number, " CN-TRX 20261202 0001 ")
    assert (view.state, view.reference) == ("sent", "CN-TRX 20261202 0001")
    [msg] = outbox(terminal)
    assert msg.payload["number"] == st.number and msg.payload["amount_minor"] == 17_237
    assert msg.payload["business_date"] == "2026-12-01" and msg.payload["reference"] == "CN-TRX 20261202 0001"
    assert entries(terminal, "remittance_sent")[0].subject == st.number
    assert app.remittances.mark_sent(manager, st.number, "CN-TRX 20261202 0001").state == "sent"  # said again
    assert len(outbox(terminal)) == 1
    with pytest.raises(RemittanceRefused, match="marked sent") as e:
        app.remittances.mark_sent(manager, st.number, "ANOTHER-REF")
    assert e.value.reason == "already_sent"

    result = OutboxWorker(terminal.uow, terminal.platform, terminal.clock).drain_once()
    assert result.sent >= 1 and result.set_aside == 0
    OutboxWorker(terminal.uow, terminal.platform, terminal.clock).drain_once()  # nothing is sent twice
    answer = terminal.platform.remittances(terminal.settings.terminal.store_id)
    assert [r["number"] for r in answer["remittances"]].count(st.number) == 1
    [row] = app.remittances.list(manager, refresh=True)
    assert row.state == "received" and row.reported_at is not None


def test_what_cannot_be_exported_or_marked_is_refused(setup):
    terminal, app, manager = setup
    folder = terminal.paths.root / "settlement"
    with pytest.raises(RemittanceRefused, match="no accepted statement") as e:
        app.remittances.export(manager, "ST-20261201-000009")
    assert e.value.reason == "unknown_statement"
    owed = accept(terminal, refund=20_000)
    assert owed.net_minor < 0
    with pytest.raises(RemittanceRefused, match="the store does not pay, the platform does") as e:
        app.remittances.export(manager, owed.number)
    assert e.value.reason == "platform_owes_store"
    assert not folder.exists() or not list(folder.iterdir())
    cleared = accept(terminal, day=date(2026, 11, 30), number="ST-20261130-000002", route="clearing_house")
    with pytest.raises(RemittanceRefused) as e:
        app.remittances.export(manager, cleared.number)
    assert e.value.reason == "clearing_house_route"

    st = accept(terminal, day=date(2026, 11, 29), number="ST-20261129-000003")
    with pytest.raises(RemittanceRefused, match="export its payment file first") as e:
        app.remittances.mark_sent(manager, st.number, "REF-1")
    assert e.value.reason == "not_exported"
    cashier = app.users.sign_in("1001", "1357")
    with pytest.raises(NotAllowed):
        app.remittances.export(cashier, st.number)
    app.remittances.export(manager, st.number)
    with pytest.raises(RemittanceRefused) as e:
        app.remittances.mark_sent(manager, st.number, "   ")
    assert e.value.reason == "no_reference"
    with pytest.raises(NotAllowed):
        app.remittances.mark_sent(cashier, st.number, "REF-1")
    assert outbox(terminal) == []


def test_a_statement_changed_after_acceptance_is_not_exported(setup):
    terminal, app, manager = setup
    st = accept(terminal)
    body = st.to_json()
    body["net_minor"] += 100  # the figures changed in the database after acceptance
    body.pop("digest")
    with terminal.engine.begin() as conn:
        conn.execute(update(orm.settlement_statements).where(orm.settlement_statements.c.number == st.number)
                     .values(body=body))
    with pytest.raises(StatementError, match="changed after acceptance"):
        app.remittances.export(manager, st.number)
    assert not (terminal.paths.root / "settlement" / f"{st.number}.xml").exists()


def test_an_account_changed_after_the_transfer_is_not_written_over(setup, terminal_factory, server, tmp_path):
    terminal, app, manager = setup
    st = accept(terminal)
    out = tmp_path / "bank"
    first = app.remittances.export(manager, st.number, folder=out)
    app.remittances.mark_sent(manager, st.number, "REF-1")
    s = terminal.settings
    changed = s.model_copy(update={"settlement": s.settlement.model_copy(update={
        "store_account": s.settlement.store_account.model_copy(update={"iban": "", "number": "6222021001045678901"})})})
    terminal.settings = changed
    with pytest.raises(RemittanceRefused, match="nothing was written") as e:
        App.of(terminal).remittances.export(manager, st.number, folder=out)
    assert e.value.reason == "file_differs"
    assert first.xml.read_bytes() == (out / f"{st.number}.xml").read_bytes()


@pytest.mark.clock_sensitive
def test_a_demo_day_from_acceptance_to_the_money_received(terminal_factory, server, client, xsd):
    """The whole route on loopback: sales reported, the day closed, the statement accepted through
    the Settlement facade, exported, the transfer marked sent, the platform told exactly once, and
    the platform's next statement says the money was received."""
    from tests.integration.test_reconcile import Day

    d = Day(terminal_factory, server)
    d.sell(client, 3)
    assert d.drain().sent == 3
    d.close()
    app = App.of(d.t)
    shown = app.settlement.statement(d.manager, d.date)
    assert shown.differences == [] and shown.statement.net_minor > 0
    accepted = app.settlement.accept(d.manager, d.date, None, shown.digest)

    done = app.remittances.export(d.manager, accepted.number)
    xsd.validate(done.xml.read_text(encoding="utf-8"))
    assert (done.end_to_end_id, done.amount_minor) == (accepted.number, accepted.net_minor)
    assert f"<EndToEndId>{accepted.number}</EndToEndId>" in done.xml.read_text(encoding="utf-8")
    pypdf = pytest.importorskip("pypdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(done.pdf).pages)
    assert accepted.number in text and f"({d.manager.username})" in text  # who accepted it, by name
    assert app.remittances.mark_sent(d.manager, accepted.number, "ICBC-2026-0001").state == "sent"
    d.drain()
    d.drain()
    paid = client.remittances(d.t.settings.terminal.store_id)
    # (the sandbox serves the whole module: other tests' remittances are there too)
    assert [r["amount_minor"] for r in paid["remittances"] if r["number"] == accepted.number] == [accepted.net_minor]
    assert sum(1 for r in outbox(d.t) if r.sent_at is not None) == 1

    d.clock.advance(days=1)
    next_day = client.platform_statement(d.t.settings.terminal.store_id, (d.date + timedelta(days=1)).isoformat())
    assert [r["state"] for r in next_day["extra"]["remittances"] if r["number"] == accepted.number] == ["received"]
    moved = app.remittances.note_platform_statement(next_day)
    assert [(v.number, v.state) for v in moved] == [(accepted.number, "received")]
    assert [v.state for v in app.remittances.list(d.manager)] == ["received"]
