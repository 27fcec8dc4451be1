"""The clearing house (issue 16, route 2): netting and statement imports, each beside a baseline
measured in the same run on the same data.

- Netting, STORES stores × PLATFORMS platforms × DAYS days: sync.clearing_house.netting.net_days
  over the whole period (one GROUP BY on the clearing house's SQLite file, then each day's store
  positions and platform receivables), median of REPEATS. Baseline: the same statements' nets,
  already in memory, summed per (day, store) and (day, platform, store) in a plain Python dict.
  Both results are checked equal before anything is timed.
- Import, statements/s: IMPORTS accepted statements through service.import_statement (parse,
  digest check, the member's currency and platform, one transaction each with the answer kept
  under its Idempotency-Key), as POST /statements does minus HTTP. Baseline: every SQL statement
  each import sent to the driver (captured with SQLAlchemy's `before_cursor_execute`, parameters
  as the driver got them) replayed with plain sqlite3 on a copy of the clearing house's database
  taken before the first import, one transaction each, in blocks alternating with the imports;
  both files must end with the same rows. The ratio is what the parsing, the digest and
  SQLAlchemy cost on top of the SQL itself (the sale commit's rule: at most 3×).

POS_BENCH_CLEARING_STORES / _DAYS set smaller sizes for a quick look; the rows say which sizes
were measured."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from benchmarks.goals import Goal
from benchmarks.stats import median, row

STORES = int(os.environ.get("POS_BENCH_CLEARING_STORES", "100"))
PLATFORMS = 3
DAYS = int(os.environ.get("POS_BENCH_CLEARING_DAYS", "30"))
REPEATS = 7
IMPORTS = 600
IMPORT_BLOCK = 50  # imports, then their replays: both see the same moment of this shared machine
FIRST = date(2026, 10, 1)
NOW = datetime(2026, 11, 15, 12, 0, tzinfo=timezone.utc)


def _net(s: int, p: int, d: int) -> int:
    """A deterministic net per statement, positive and negative."""
    return ((s * 7919 + p * 104729 + d * 1299709) % 200_000) - 40_000


def _fill(engine, store_ids: list[str], platform_ids: list[str]) -> list[tuple[date, str, str, int]]:
    from sqlalchemy import insert

    from sync.clearing_house.db import statements

    rows, facts = [], []
    for d in range(DAYS):
        day = FIRST + timedelta(days=d)
        for si, s in enumerate(store_ids):
            for pi, p in enumerate(platform_ids):
                net = _net(si, pi, d)
                facts.append((day, s, p, net))
                rows.append({"store_id": s, "number": f"ST-{day:%Y%m%d}-{pi + 1:06d}", "platform_id": p,
                             "business_date": day, "currency": "CNY", "net_minor": net, "digest": "0" * 64,
                             "body": {}, "received_at": NOW, "report_id": None})
    with engine.begin() as conn:
        conn.execute(insert(statements), rows)
    return facts


def _dict_netting(facts):
    stores: dict[tuple[date, str], int] = {}
    platforms: dict[tuple[date, str, str], int] = {}
    for day, s, p, net in facts:
        stores[(day, s)] = stores.get((day, s), 0) + net
        platforms[(day, p, s)] = platforms.get((day, p, s), 0) + net
    return stores, platforms


def _netting_rows(folder: Path) -> list[dict]:
    from sync.clearing_house import db
    from sync.clearing_house.netting import net_days

    engine = db.make_engine(f"sqlite:///{folder / 'netting.sqlite3'}")
    db.metadata.create_all(engine)
    store_ids = [f"store-{i:03d}" for i in range(STORES)]
    platform_ids = [f"platform-{i}" for i in range(PLATFORMS)]
    facts = _fill(engine, store_ids, platform_ids)
    last = FIRST + timedelta(days=DAYS - 1)

    stores, platforms = _dict_netting(facts)
    with engine.connect() as conn:
        positions = net_days(conn, FIRST, last)
    assert {(d, s): v for d, pos in positions.items() for s, v in pos.stores.items()} == stores
    assert {(d, p, s): v for d, pos in positions.items() for p, per in pos.platforms.items()
            for s, v in per.items()} == platforms
    assert all(pos.balanced for pos in positions.values())

    timed, base = [], []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        with engine.connect() as conn:
            net_days(conn, FIRST, last)
        timed.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        _dict_netting(facts)
        base.append((time.perf_counter() - t0) * 1000)
    engine.dispose()
    n = len(facts)
    return [row(f"clearing-house netting, {STORES} stores x {PLATFORMS} platforms x {DAYS} days ({n:,} statements)",
                median(timed), median(base), "ms", "the same nets summed in a plain Python dict (in memory)",
                goal=Goal(max_value=100), statements=n)]


def _import_rows(folder: Path) -> list[dict]:
    from sqlalchemy import event

    from benchmarks.sale_commit import check_replayed, replay, replica_of
    from pos_terminal.domain.model.statements import SALE, Contract, Movement, compute_statement
    from sync.clearing_house import db, service
    from sync.clearing_house.credentials import ClearingCredentials

    house = folder / "import.sqlite3"
    engine = db.make_engine(f"sqlite:///{house}")
    db.metadata.create_all(engine)
    creds = ClearingCredentials(folder / "creds.toml")
    stores = [f"store-{i:03d}" for i in range(IMPORTS // PLATFORMS)]
    for s in stores:
        service.add_member(engine, creds, s, "store", s, "CNY")
    platforms = [f"platform-{i}" for i in range(PLATFORMS)]
    for p in platforms:
        service.add_member(engine, creds, p, "platform", p, "CNY")
    bodies = []
    for si, s in enumerate(stores):
        for pi, p in enumerate(platforms):
            moves = [Movement(SALE, f"{s}-{p}-{k}", f"O{k}", (("cash", 1000 + k * 37 + si),)) for k in range(20)]
            st = compute_statement(store_id=s, platform_id=p, business_date=FIRST, currency="CNY",
                                   contract=Contract(p, 150), movements=moves)
            bodies.append((s, st.accepted(f"ST-{FIRST:%Y%m%d}-{pi + 1:06d}", NOW, "bench").to_json()))
    members = {s: {"id": s, "kind": "store", "currency": "CNY", "name": s} for s in stores}

    # the baseline's database: this one before the first import (same schema, members, pragmas)
    replica_path = folder / "replay.sqlite3"
    replica = replica_of(house, replica_path)

    current: list[tuple] = []

    def capture(_conn, _cursor, statement, parameters, _context, executemany):
        current.append((statement, parameters, executemany))
        return statement, parameters

    took = bare_took = 0.0
    per_import: set[int] = set()
    event.listen(engine, "before_cursor_execute", capture, retval=True)
    try:
        for start in range(0, len(bodies), IMPORT_BLOCK):  # imports, then their replays, then the next
            block = []
            for s, body in bodies[start:start + IMPORT_BLOCK]:
                current = []
                t0 = time.perf_counter()
                status, _answer, _replayed = service.import_statement(engine, members[s], f"k-{s}-{body['number']}",
                                                                      body, NOW)
                took += time.perf_counter() - t0
                assert status == 201
                block.append(current)
                per_import.add(len(current))
            t0 = time.perf_counter()
            for statements in block:
                replay(replica, statements)
            bare_took += time.perf_counter() - t0
    finally:
        event.remove(engine, "before_cursor_execute", capture)
        engine.dispose()
        replica.close()
    check_replayed(house, replica_path, "imports")
    per = "/".join(str(n) for n in sorted(per_import))
    return [row(f"clearing-house statement import ({len(bodies)} statements, one transaction each)",
                len(bodies) / took, len(bodies) / bare_took, "statements/s",
                f"the same {per} statements per import (BEGIN IMMEDIATE, 3 reads, 2 inserts) replayed with plain "
                "sqlite3, one transaction each, WAL, synchronous=FULL, same folder",
                goal=Goal(min_ratio=1 / 3, text="≥ 1/3 of baseline (≤ 3× its time)"), statements_per_import=per)]


def run(out_dir: Path) -> list[dict]:
    folder = Path(tempfile.mkdtemp(prefix="pos-bench-clearing-"))
    try:
        return _netting_rows(folder) + _import_rows(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    for r in run(Path(__file__).resolve().parent / "out"):
        print(r["figure"], r["value_text"], "baseline", r["baseline_text"], r.get("met"))
