"""Route 2 end to end on loopback: two stores and two platforms send accepted statements to a real
clearing house (uvicorn, SQLite); it nets them per day, answers each platform what it receives from
which stores, and gives each store one signed report per day with an ISO 20022 payment file; the
terminal (its real journal on a migrated database) sends through the journal, imports the report,
verifies the signature and reconciles it to zero. Each bad input is refused with nothing stored."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta

import pytest

from pos_terminal.ports.clearing import ClearingHouseRefused
from pos_terminal.services.clearing import ClearingRefused, ClearingService, idempotency_key
from sync.clearing_client import HttpClearingClient
from sync.clearing_house import signing
from sync.clearing_house.netting import day_positions
from sync.clearing_house.server import ClearingHouseServer
from tests.clearing_helpers import (
    CLEARING_TERMINAL,
    journal_for,
    keep_accepted,
    member_session,
    reports_kept,
    sent_state,
    statement,
)
from tests.fakes import FakeClock

DAY = date(2026, 11, 20)
ROUTES = {"demo-shop": "clearing_house", "tea-house": "clearing_house"}


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def house(tmp_path, clock):
    with ClearingHouseServer(db_url=f"sqlite:///{tmp_path / 'ch.sqlite3'}", clock=clock, seed_demo=True) as h:
        yield h


@pytest.fixture
def store_db(tmp_path):
    """The terminal's database (SQLite, migrated to head: settlement_statements, clearing_reports)."""
    from pos_terminal.storage import migrate, orm
    from pos_terminal.storage.engine import make_engine

    orm.start_mappers()
    eng = make_engine(f"sqlite:///{tmp_path / 'terminal.sqlite3'}")
    migrate.upgrade(eng)
    yield eng
    eng.dispose()


def client(house, store_id="demo-store"):
    return HttpClearingClient(house.url, store_id, house.secret(store_id), timeout_s=10)


def service(house, store_db, clock, *, currency="CNY", public_key=None, routes=ROUTES):
    return ClearingService(journal_for(store_db), client(house), clock, store_id="demo-store",
                           currency=currency, platform_routes=routes,
                           public_key=house.public_key() if public_key is None else public_key,
                           terminal_id=CLEARING_TERMINAL)


def day_of_two_stores(house, store_db, clock):
    """demo-store (the terminal) and demo-store-2 each with demo-shop and tea-house; the terminal's
    tea-house day nets negative (a refund larger than the day's sales)."""
    ours = [statement("demo-store", "demo-shop", DAY, [10000, 2550], number="ST-20261120-000001"),
            statement("demo-store", "tea-house", DAY, [800], [3000], number="ST-20261120-000002")]
    for st in ours:
        keep_accepted(store_db, st)
    theirs = [statement("demo-store-2", "demo-shop", DAY, [4000], number="ST-20261120-000001"),
              statement("demo-store-2", "tea-house", DAY, [1200, 300], number="ST-20261120-000002")]
    other = client(house, "demo-store-2")
    for st in theirs:
        assert other.post_statement(st.to_json(), idempotency_key(st.store_id, st.number, st.digest)).status == 201
    return ours, theirs


def test_two_stores_two_platforms_net_and_the_terminal_reconciles_its_signed_report_to_zero(
        house, store_db, clock, tmp_path):
    ours, theirs = day_of_two_stores(house, store_db, clock)
    svc = service(house, store_db, clock)
    for st in ours:
        sent = svc.send(st.number)
        assert (sent.state, sent.net_minor) == ("sent", st.net_minor)
        assert sent_state(store_db, st.number)[0] == "sent"
    assert svc.send(ours[0].number).state == "known"  # again: the first answer, nothing added

    # netting: one amount per store; each platform receives from which stores
    with house.app.state.engine.connect() as conn:
        pos = day_positions(conn, DAY)
    assert pos.stores == {"demo-store": ours[0].net_minor + ours[1].net_minor,
                          "demo-store-2": theirs[0].net_minor + theirs[1].net_minor}
    assert pos.balanced and pos.count == 4
    shop = member_session(house, "demo-shop").get(f"{house.url}/api/v1/platforms/demo-shop/receivables/{DAY}").json()
    assert {s["store_id"]: s["net_minor"] for s in shop["stores"]} == {"demo-store": ours[0].net_minor,
                                                                      "demo-store-2": theirs[0].net_minor}
    assert shop["total_minor"] == ours[0].net_minor + theirs[0].net_minor
    refused = member_session(house, "demo-shop").get(f"{house.url}/api/v1/platforms/tea-house/receivables/{DAY}")
    assert refused.status_code == 403

    view = svc.fetch_report(DAY, None)
    assert view.state == "reconciled" and view.differences == []
    assert view.net_minor == sum(st.net_minor for st in ours)
    assert sorted((ln.platform_id, ln.statement_number, ln.net_minor) for ln in view.lines) == sorted(
        (st.platform_id, st.number, st.net_minor) for st in ours)
    assert reports_kept(store_db) == 1
    assert [r.report_id for r in svc.reports()] == [view.report_id]

    # the payment file: the store pays the clearing house its one net, valid ISO 20022
    assert view.net_minor > 0 and view.payment_xml is not None
    assert f"<EndToEndId>{view.report_id}</EndToEndId>" in view.payment_xml
    xmlschema = pytest.importorskip("xmlschema")
    sepaxml = pytest.importorskip("sepaxml")
    xsd = xmlschema.XMLSchema(os.path.join(os.path.dirname(sepaxml.__file__), "schemas", "pain.001.001.09.xsd"))
    xsd.validate(view.payment_xml)

    # the second store's report: frozen once issued, the same signed bytes on every request
    other = client(house, "demo-store-2")
    first = other.store_report("demo-store-2", DAY)
    assert first == other.store_report("demo-store-2", DAY)
    assert first["report"]["net_minor"] == theirs[0].net_minor + theirs[1].net_minor
    assert signing.verify(house.public_key(), first["report"], first["signature"])
    from sync.clearing_house.service import add_member

    add_member(house.app.state.engine, house.credentials, "demo-mall", "platform", "Demo Mall", "CNY")
    late = statement("demo-store-2", "demo-mall", DAY, [100], number="ST-20261120-000003")
    with pytest.raises(ClearingHouseRefused) as exc:
        other.post_statement(late.to_json(), "late-1")
    assert (exc.value.status, exc.value.code) == (409, "report_issued") and "frozen" in str(exc.value)
    assert other.store_report("demo-store-2", DAY) == first  # unchanged


def test_the_report_of_a_store_that_receives_pays_from_the_clearing_house(house, store_db, clock):
    st = statement("demo-store", "tea-house", DAY, [500], [2000], number="ST-20261120-000007")
    keep_accepted(store_db, st)
    svc = service(house, store_db, clock, routes={"tea-house": "clearing_house", "demo-shop": "direct"})
    svc.send(st.number)
    view = svc.fetch_report(DAY, None)
    assert view.state == "reconciled" and view.net_minor == st.net_minor < 0
    assert view.payment_xml is not None and "Demo Clearing House Ltd" in view.payment_xml.split("<Dbtr>")[1][:200]


def test_refusals_store_nothing(house, store_db, clock, tmp_path):
    ours, theirs = day_of_two_stores(house, store_db, clock)
    svc = service(house, store_db, clock)
    for st in ours:
        svc.send(st.number)
    envelope = client(house).store_report("demo-store", DAY)
    other_envelope = client(house, "demo-store-2").store_report("demo-store-2", DAY)

    def refused(reason, env, svc=svc):
        path = tmp_path / f"{reason}.json"
        path.write_text(json.dumps(env), encoding="utf-8")
        before = reports_kept(store_db)
        with pytest.raises(ClearingRefused) as exc:
            svc.import_envelope(json.loads(path.read_text()), None)
        assert exc.value.reason == reason, exc.value
        assert reports_kept(store_db) == before
        return str(exc.value)

    assert "not this store's" in refused("other_store", other_envelope)
    altered = json.loads(json.dumps(envelope))
    altered["report"]["net_minor"] -= 100
    altered["report"]["lines"][0]["net_minor"] -= 100
    assert "altered" in refused("bad_signature", altered)
    assert "altered" in refused("bad_signature", {**envelope, "signature": other_envelope["signature"]})
    assert "EUR" in refused("currency_mismatch", envelope, service(house, store_db, clock, currency="EUR"))
    assert "not a clearing-house report" in refused("not_a_report", {"report": "x"})
    assert "not pinned" in refused("no_key", envelope, service(house, store_db, clock, public_key=""))

    # a day whose clearing-house statements are not all accepted here (tea-house's is missing)
    day2 = DAY + timedelta(days=1)
    only = statement("demo-store", "demo-shop", day2, [700], number="ST-20261121-000003")
    keep_accepted(store_db, only)
    svc.send(only.number)
    early = client(house).store_report("demo-store", day2)
    assert "not accepted yet" in refused("not_accepted_yet", early)
    with pytest.raises(ClearingRefused) as exc:
        svc.fetch_report(day2, None)
    assert exc.value.reason == "not_accepted_yet"

    # the right one imports once; again: a duplicate, said so, nothing added
    assert svc.import_envelope(envelope, None).state == "reconciled"
    assert "already imported" in refused("duplicate_report", envelope)
    assert reports_kept(store_db) == 1


def test_the_clearing_house_refuses_changed_unaccepted_foreign_and_mismatched_statements(house, store_db, clock):
    c = client(house)
    st = statement("demo-store", "demo-shop", DAY, [1000], number="ST-20261120-000001")
    key = idempotency_key(st.store_id, st.number, st.digest)
    assert c.post_statement(st.to_json(), key).status == 201
    replay = c.post_statement(st.to_json(), key)
    assert (replay.status, replay.replayed) == (201, True)

    def refusal(body, k, status, code):
        with pytest.raises(ClearingHouseRefused) as exc:
            c.post_statement(body, k)
        assert (exc.value.status, exc.value.code) == (status, code), exc.value
        return str(exc.value)

    changed = statement("demo-store", "demo-shop", DAY, [1001], number="ST-20261120-000001")
    assert "statement ST-20261120-000001 changed after acceptance" in refusal(changed.to_json(), key, 409,
                                                                             "statement_changed")
    assert "changed after acceptance" in refusal(changed.to_json(), "another-key", 409, "statement_changed")
    tampered = st.to_json() | {"net_minor": st.net_minor + 1}
    refusal(tampered, "tampered", 422, "invalid_statement")  # the digest does not match the figures
    assert "not accepted" in refusal(statement("demo-store", "tea-house", DAY, [5]).to_json(), "u", 422,
                                     "not_accepted")
    refusal(statement("demo-store-2", "tea-house", DAY, [5], number="ST-1").to_json(), "f", 403, "other_store")
    refusal(statement("demo-store", "tea-house", DAY, [5], number="ST-2", currency="EUR").to_json(), "e", 422,
            "currency_mismatch")
    refusal(statement("demo-store", "nobody", DAY, [5], number="ST-3").to_json(), "n", 422, "unknown_platform")
    refusal(st.to_json(), "", 422, "idempotency_key_required")
    bad = HttpClearingClient(house.url, "demo-store", "wrong-secret")
    with pytest.raises(ClearingHouseRefused) as exc:
        bad.post_statement(st.to_json(), "k")
    assert exc.value.status == 401


def test_send_refuses_what_is_not_for_the_clearing_house(house, store_db, clock):
    direct = statement("demo-store", "demo-shop", DAY, [1000], number="ST-20261120-000009")
    keep_accepted(store_db, direct, route="direct")
    svc = service(house, store_db, clock)
    with pytest.raises(ClearingRefused) as exc:
        svc.send(direct.number)
    assert exc.value.reason == "wrong_route" and "settle export" in str(exc.value)
    with pytest.raises(ClearingRefused) as exc:
        svc.send("ST-20261120-999999")
    assert exc.value.reason == "unknown_statement"
    assert sent_state(store_db, direct.number) == (None, None)


def test_a_report_that_disagrees_is_stored_with_its_differences_and_what_to_do(store_db, clock, house):
    """A signed report (by a key the terminal pins) whose line for statement 1 nets other figures,
    which lacks statement 2 and has no payment file: stored once, state differences, each with an
    action."""
    ours = [statement("demo-store", "demo-shop", DAY, [10000], number="ST-20261120-000001"),
            statement("demo-store", "tea-house", DAY, [800], number="ST-20261120-000002")]
    for st in ours:
        keep_accepted(store_db, st)
    kid, private, public = signing.new_key()
    from pos_terminal.vouchers import b64url_encode

    body = {"report_id": "CHR-TEST-1", "store_id": "demo-store", "business_date": DAY.isoformat(),
            "currency": "CNY", "net_minor": 9000, "lines": [
                {"platform_id": "demo-shop", "statement_number": ours[0].number, "digest": ours[0].digest,
                 "net_minor": 9000}], "key_id": kid, "payment_file": None}
    svc = service(house, store_db, clock, public_key=b64url_encode(public))
    view = svc.import_envelope({"report": body, "signature": signing.sign(private, body), "key_id": kid}, None)
    assert view.state == "differences"
    kinds = {(d.kind, d.key) for d in view.differences}
    assert kinds == {("line_differs", ours[0].number), ("missing_in_report", ours[1].number),
                     ("payment_differs", "payment_file")}  # no payment file for a net to pay
    assert all(d.action for d in view.differences)
    assert svc.reports()[0].differences == view.differences
