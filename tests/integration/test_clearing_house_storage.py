"""The clearing house's own tables on SQLite and PostgreSQL (by URL): members, one-transaction
imports kept under their Idempotency-Key, a frozen signed report per store and day, receivables,
and netting that balances."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from sync.clearing_house import db, signing
from sync.clearing_house.credentials import ClearingCredentials
from sync.clearing_house.netting import day_positions
from sync.clearing_house.service import ClearingError, import_statement, receivables, seed_demo, store_report
from tests.clearing_helpers import statement

DAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc)


def test_imports_reports_and_netting_on_each_backend(db_url, tmp_path):
    engine = db.make_engine(db_url)
    db.metadata.create_all(engine)
    seed_demo(engine, ClearingCredentials(tmp_path / "secrets.toml"))
    stores = {s: {"id": s, "kind": "store", "currency": "CNY", "name": s, "account_holder": s,
                  "account_iban": "DE02120300000000202051", "account_number": "", "account_bic": "BYLADEM1001"}
              for s in ("demo-store", "demo-store-2")}
    made = {}
    for i, (s, p, sales, refunds) in enumerate([("demo-store", "demo-shop", [5000], []),
                                               ("demo-store", "tea-house", [100], [900]),
                                               ("demo-store-2", "demo-shop", [2500, 40], [])]):
        st = statement(s, p, DAY, sales, refunds, number=f"ST-20261120-{i + 1:06d}")
        made[(s, p)] = st
        status, answer, replayed = import_statement(engine, stores[s], f"key-{i}", st.to_json(), NOW)
        assert (status, replayed) == (201, False)
        assert import_statement(engine, stores[s], f"key-{i}", st.to_json(), NOW) == (201, answer, True)
    with engine.connect() as conn:
        pos = day_positions(conn, DAY)
        shop = receivables(conn, {"id": "demo-shop", "currency": "CNY"}, DAY)
    assert pos.balanced and pos.stores["demo-store"] == made[("demo-store", "demo-shop")].net_minor + made[
        ("demo-store", "tea-house")].net_minor
    assert shop["total_minor"] == made[("demo-store", "demo-shop")].net_minor + made[
        ("demo-store-2", "demo-shop")].net_minor

    envelope = store_report(engine, stores["demo-store"], DAY, NOW)
    assert envelope == store_report(engine, stores["demo-store"], DAY, NOW)  # frozen
    from sync.clearing_house.service import published_keys

    with engine.connect() as conn:
        key = published_keys(conn)[0]["public_key"]
    assert signing.verify(key, envelope["report"], envelope["signature"])
    late = statement("demo-store", "demo-shop", DAY, [1], number="ST-20261120-000009")
    with pytest.raises(ClearingError) as exc:
        import_statement(engine, stores["demo-store"], "late", late.to_json(), NOW)
    assert exc.value.code in ("day_taken", "report_issued")
    with pytest.raises(ClearingError) as exc:
        store_report(engine, stores["demo-store"], date(2026, 11, 19), NOW)
    assert exc.value.code == "no_statements"
    engine.dispose()
