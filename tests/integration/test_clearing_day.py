"""Route 2 on a real day of business: the terminal (real SQLite, the sandbox platform on loopback)
sells, refunds and voids; after the Z a manager accepts the day's statement with the platform
(which agrees with it); the statement goes to a real clearing house on loopback, which nets it
with another store's; the platform sees what it receives from which stores; the terminal fetches
its signed report, verifies it with the key pinned in [settlement.clearing_house], and it
reconciles to zero, with a payment file valid against the ISO 20022 pain.001.001.09 schema."""

from __future__ import annotations

import os

import pytest

from config.credentials import Credentials, write_credentials
from config.schema import ClearingHouseSettings
from pos_terminal.app.facades import App
from pos_terminal.app.paths import data_paths
from pos_terminal.clock import SystemClock
from pos_terminal.services import audit
from pos_terminal.services.clearing import REPORT_IMPORT, ClearingRefused
from sync.clearing_client import HttpClearingClient
from sync.clearing_house.server import ClearingHouseServer
from tests.clearing_helpers import member_session, statement
from tests.integration.test_statements import a_day_of_business, today

pytestmark = pytest.mark.clock_sensitive


@pytest.fixture
def house(tmp_path):
    with ClearingHouseServer(db_url=f"sqlite:///{tmp_path / 'ch.sqlite3'}", clock=SystemClock()) as h:
        yield h


def test_a_day_accepted_sent_netted_and_reconciled_to_zero(terminal_factory, server, client, house):
    def through_the_clearing_house(settings, **kw):
        s = settings.settlement.model_copy(update={"route": "clearing_house", "clearing_house": ClearingHouseSettings(
            url=house.url, public_key=house.public_key())})
        settings = settings.model_copy(update={"settlement": s})
        write_credentials(data_paths(settings, True).credentials,
                          Credentials(clearing_house_secret=house.secret(settings.terminal.store_id)))
        return terminal_factory(settings, **kw)

    d = today(through_the_clearing_house, server)
    app = App.of(d.t)
    a_day_of_business(d, client)
    d.drain()
    d.close()
    shown = app.settlement.statement(d.manager, d.date)
    assert shown.differences == [] and shown.blockers == [], (shown.differences, shown.blockers)
    accepted = app.settlement.accept(d.manager, d.date, None, shown.digest)
    assert app.clearing.sendable(d.manager, d.date) == [accepted.number]

    sent = app.clearing.send(d.manager, accepted.number)
    assert sent.state == "sent" and sent.net_minor == accepted.net_minor
    other = statement("demo-store-2", accepted.platform_id, d.date, [5000, 700], [300], number=accepted.number)
    HttpClearingClient(house.url, "demo-store-2", house.secret("demo-store-2")).post_statement(other.to_json(), "o-1")

    receivable = member_session(house, accepted.platform_id).get(
        f"{house.url}/api/v1/platforms/{accepted.platform_id}/receivables/{d.date.isoformat()}").json()
    assert {s["store_id"]: s["net_minor"] for s in receivable["stores"]} == {
        accepted.store_id: accepted.net_minor, "demo-store-2": other.net_minor}

    view = app.clearing.fetch_report(d.manager, d.date)
    assert view.state == "reconciled" and view.differences == []
    assert view.net_minor == accepted.net_minor
    assert [(ln.platform_id, ln.statement_number) for ln in view.lines] == [(accepted.platform_id, accepted.number)]
    assert [r.report_id for r in app.clearing.reports(d.manager)] == [view.report_id]
    # the import is audited on the terminal's chain, in the transaction that stored the report
    with d.t.uow() as uow:
        [entry] = [r for r in uow.audit.recent(d.ctx.terminal_id, limit=50) if r["action"] == REPORT_IMPORT]
    assert (entry["subject"], entry["outcome"], entry["user_id"]) == (view.report_id, "reconciled", d.manager.user_id)
    assert entry["details"]["net_minor"] == view.net_minor and entry["details"]["differences"] == 0
    with pytest.raises(ClearingRefused) as refused:  # fetched again: refused, and nothing more is written
        app.clearing.fetch_report(d.manager, d.date)
    assert refused.value.reason == "duplicate_report"
    with d.t.uow() as uow:
        assert [r["action"] for r in uow.audit.recent(d.ctx.terminal_id, limit=50)].count(REPORT_IMPORT) == 1
    assert audit.verify(d.t.uow, d.ctx.terminal_id).ok
    if view.net_minor > 0:
        xmlschema = pytest.importorskip("xmlschema")
        sepaxml = pytest.importorskip("sepaxml")
        xsd = xmlschema.XMLSchema(os.path.join(os.path.dirname(sepaxml.__file__), "schemas", "pain.001.001.09.xsd"))
        xsd.validate(view.payment_xml)
