"""services.clearing without a network or a database: the journal row is written before the request
(a crash before the answer leaves "sending"), the key is the statement's own on every retry, and the
payment file of a report must move the report's net."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from pos_terminal.ports.clearing import ClearingAnswer, ClearingHouseUnavailable, JournalStatement
from pos_terminal.services.clearing import ClearingRefused, ClearingService, idempotency_key, payment_differences
from sync.clearing_house.service import _payment_file
from tests.clearing_helpers import statement
from tests.fakes import FakeClock

DAY = date(2026, 11, 20)


class Journal:
    def __init__(self, rows):
        self.rows = {r.statement.number: r for r in rows}
        self.events = []

    def accepted_statement(self, store_id, number):
        return self.rows.get(number)

    def accepted_on(self, store_id, day):
        return [r for r in self.rows.values() if r.statement.business_date == day]

    def mark_sending(self, store_id, number):
        self.events.append(("sending", number))

    def mark_sent(self, store_id, number, at, state):
        self.events.append((state, number))

    def report(self, report_id):
        return None

    def add_report(self, report):
        self.events.append(("report", report.report_id))

    def reports(self, store_id):
        return []


class Client:
    def __init__(self, fail=False):
        self.fail, self.calls = fail, []

    def post_statement(self, body, key):
        self.calls.append(key)
        if self.fail:
            raise ClearingHouseUnavailable("connection reset")
        return ClearingAnswer(201, {"statement": {}}, len(self.calls) > 1)

    def store_report(self, store_id, day):
        raise AssertionError("not here")

    def public_keys(self):
        return []

    def verify(self, public_key, report, signature):
        return True


def _service(journal, client):
    return ClearingService(journal, client, FakeClock(), store_id="demo-store", currency="CNY",
                           platform_routes={"tea-house": "clearing_house"}, public_key="k")


def test_the_journal_row_comes_first_and_a_retry_uses_the_same_key():
    st = statement("demo-store", "tea-house", DAY, [1000], number="ST-20261120-000001")
    journal = Journal([JournalStatement(st, "clearing_house", None, None)])
    down = Client(fail=True)
    with pytest.raises(ClearingRefused) as exc:
        _service(journal, down).send(st.number)
    assert exc.value.reason == "unavailable" and "same key" in str(exc.value)
    assert journal.events == [("sending", st.number)]  # no answer: the row stays "sending"
    up = Client()
    assert _service(journal, up).send(st.number).state == "sent"
    assert _service(journal, up).send(st.number).state == "known"
    assert down.calls[0] == up.calls[0] == up.calls[1] == idempotency_key("demo-store", st.number, st.digest)


def test_the_payment_file_must_move_the_reports_net():
    store = {"id": "demo-store", "name": "Demo Store", "currency": "CNY", "account_holder": "Demo Store",
             "account_iban": "DE02120300000000202051", "account_number": "", "account_bic": "BYLADEM1001"}
    at = datetime(2026, 11, 21, 9, tzinfo=timezone.utc)
    from sync.clearing_house.service import DEMO_ACCOUNT

    xml, _note = _payment_file(store, DEMO_ACCOUNT, "CHR-20261120-00000001", DAY, 12345, at)
    report = {"report_id": "CHR-20261120-00000001", "payment_file": {"xml": xml}}
    assert payment_differences(report, 12345, "CNY") == []
    assert payment_differences(report, -12345, "CNY") == []  # the direction is the payer's, the amount |net|
    [d] = payment_differences(report, 12346, "CNY")
    assert (d.kind, d.clearing_house) == ("payment_differs", "12345 CNY")
    [d] = payment_differences({**report, "report_id": "CHR-OTHER"}, 12345, "CNY")
    assert d.kind == "payment_differs"
    [d] = payment_differences({"report_id": "x", "payment_file": {"xml": "<not xml"}}, 5, "CNY")
    assert d.clearing_house == "unreadable"
    assert payment_differences({"report_id": "x", "payment_file": None}, 0, "CNY") == []
