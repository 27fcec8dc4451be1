"""`pos-terminal settle export|mark-sent|remittances` as a person runs them: a manager exports an
accepted statement (exit 0, a payment file valid against the official pain.001.001.09 XSD), marks
the transfer sent; refusals exit 2 with the cause on standard error."""

from __future__ import annotations

import json
import os
import uuid
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import create_engine, insert

from pos_terminal.domain.model.statements import REFUND, SALE, Contract, Movement, compute_statement
from pos_terminal.storage import orm
from tests.e2e.test_cli import run

xmlschema = pytest.importorskip("xmlschema")
sepaxml = pytest.importorskip("sepaxml")

PIN = "4826\n"


def accepted(data, number: str, refund: int = 0, day: date = date(2026, 12, 1)):
    moves = [Movement(SALE, str(uuid.uuid4()), "PO1", (("cash", 8_000), ("bank_card", 2_000)))]
    if refund:
        moves.append(Movement(REFUND, f"{uuid.uuid4()}/0", "PO1", (("cash", refund),)))
    at = datetime(2026, 12, 2, 2, 0, tzinfo=timezone.utc)
    st = compute_statement(store_id="demo-store", platform_id="demo-shop", business_date=day, currency="CNY",
                           contract=Contract("demo-shop", 150), movements=moves).accepted(number, at, "2002")
    engine = create_engine(f"sqlite:///{data / 'pos-terminal.sqlite3'}")
    with engine.begin() as conn:
        conn.execute(insert(orm.settlement_statements).values(
            id=uuid.uuid4(), store_id=st.store_id, platform_id=st.platform_id, business_date=day,
            currency=st.currency, number=number, digest=st.digest, body=st.to_json(), computed_at=at,
            accepted_at=at, route="direct"))
    engine.dispose()
    return st


def test_export_and_mark_sent_from_the_command_line(tmp_path):
    data, out = tmp_path / "data", tmp_path / "bank"
    r = run("user", "add", "2002", "--role", "manager", "--pin-stdin", input=PIN, data_dir=data)
    assert r.returncode == 0, r.stderr
    st = accepted(data, "ST-20261201-000001")
    owed = accepted(data, "ST-20261130-000002", refund=20_000, day=date(2026, 11, 30))

    r = run("settle", "export", "--number", st.number, "--out", str(out), "--user", "2002", "--pin-stdin",
            "--json", input=PIN, data_dir=data)
    assert r.returncode == 0, r.stderr
    done = json.loads(r.stdout)
    assert (done["number"], done["amount_minor"], done["state"]) == (st.number, st.net_minor, "exported")
    schema = xmlschema.XMLSchema(os.path.join(os.path.dirname(sepaxml.__file__), "schemas", "pain.001.001.09.xsd"))
    schema.validate((out / f"{st.number}.xml").read_text(encoding="utf-8"))
    assert {p.name for p in out.iterdir()} == {f"{st.number}.{x}" for x in ("xml", "csv", "pdf")}

    r = run("settle", "export", "--date", "2026-11-30", "--user", "2002", "--pin-stdin", input=PIN, data_dir=data)
    assert r.returncode == 2 and "the store does not pay, the platform does" in r.stderr, r.stderr
    assert owed.net_minor < 0
    r = run("settle", "export", "--number", st.number, data_dir=data)
    assert r.returncode == 2 and "--user" in r.stderr
    r = run("settle", "mark-sent", "--number", "ST-20261201-000009", "--reference", "R1", "--user", "2002",
            "--pin-stdin", input=PIN, data_dir=data)
    assert r.returncode == 2 and "no accepted statement" in r.stderr

    r = run("settle", "mark-sent", "--number", st.number, "--reference", "BANK-REF-77", "--user", "2002",
            "--pin-stdin", input=PIN, data_dir=data)
    assert r.returncode == 0 and "marked sent" in r.stdout, r.stderr
    r = run("settle", "remittances", "--json", data_dir=data)
    assert r.returncode == 0, r.stderr
    [row] = json.loads(r.stdout)["remittances"]
    assert (row["number"], row["state"], row["reference"]) == (st.number, "sent", "BANK-REF-77")
    r = run("settle", "remittances", "--refresh", data_dir=data)  # no platform to ask here: the states as stored
    assert r.returncode == 0 and "demo-shop: not asked" in r.stdout and "sent" in r.stdout, r.stdout + r.stderr
